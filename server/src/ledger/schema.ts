import { z } from "zod";

/** What a column means to the import job. */
export const COLUMN_ROLES = [
  "date",
  "vendor",
  "description",
  "account_code",
  "account_name",
  "amount",
  "currency",
  "quantity",
  "unit",
] as const;
export const ColumnRoleSchema = z.enum(COLUMN_ROLES);
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

/** role -> 0-based column index into `LedgerLayout.columns`. */
export const RoleMapSchema = z.partialRecord(ColumnRoleSchema, z.number().int().nonnegative());
export type RoleMap = z.infer<typeof RoleMapSchema>;

export const NumberFormatSchema = z.enum(["eu", "us", "plain"]);
/** eu: decimal comma; us: decimal point with comma thousands; plain: decimal point, no comma thousands. */
export type NumberFormat = z.infer<typeof NumberFormatSchema>;

export const TextEncodingSchema = z.enum(["utf-8", "utf-16le", "utf-16be", "windows-1252"]);
export type TextEncoding = z.infer<typeof TextEncodingSchema>;

export const LedgerLayoutSchema = z.object({
  /** cells: a range sent by the Excel add-in. */
  format: z.enum(["csv", "xlsx", "cells"]),
  encoding: TextEncodingSchema.optional(),
  delimiter: z.string().optional(),
  sheet: z.string().optional(),
  /** 1-based row number of the header in the file (CSV record number) or sheet. */
  headerRow: z.number().int().positive(),
  /** Header cells as written; the keys of `ParsedRow.raw` are these, made unique. */
  columns: z.array(z.string()),
  roles: RoleMapSchema,
  /** The amount column's format; in a file holding several entities, the one most rows use. */
  numberFormat: NumberFormatSchema,
  /** e.g. "DD.MM.YYYY", "MM/DD/YYYY", "YYYY-MM-DD", "D MMM YYYY", "Excel date"; most frequent in the date column. */
  dateFormat: z.string(),
});
export type LedgerLayout = z.infer<typeof LedgerLayoutSchema>;

export const RowFieldsSchema = z.object({
  /** ISO YYYY-MM-DD */
  date: z.string().optional(),
  vendor: z.string().optional(),
  description: z.string().optional(),
  accountCode: z.string().optional(),
  accountName: z.string().optional(),
  amount: z.number().optional(),
  currency: z.string().optional(),
  quantity: z.number().optional(),
  unit: z.string().optional(),
});
export type RowFields = z.infer<typeof RowFieldsSchema>;

export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const ParsedRowSchema = z.object({
  /** 1-based row number in the file (CSV record number, as a spreadsheet shows it) or sheet. */
  rowNumber: z.number().int().positive(),
  /** Cells as uploaded, as text: a date cell as ISO date text, a number as its JS string. */
  raw: z.record(z.string(), z.string()),
  fields: RowFieldsSchema,
  /** Empty when the row is fine. */
  errors: z.array(FieldErrorSchema),
});
export type ParsedRow = z.infer<typeof ParsedRowSchema>;

export const ReadLedgerOptionsSchema = z.object({
  filename: z.string(),
  contentType: z.string().optional(),
  /** Caller overrides: role -> header text (as written, case-insensitive) or 0-based column index. */
  roles: z
    .partialRecord(ColumnRoleSchema, z.union([z.string(), z.number().int().nonnegative()]))
    .optional(),
  maxColumns: z.number().int().positive().default(500),
  /** Largest file accepted, and for an XLSX the largest unpacked content (a ZIP can unpack to far more than it weighs). */
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
});
export type ReadLedgerOptions = z.input<typeof ReadLedgerOptionsSchema>;
