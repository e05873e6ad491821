/**
 * Mapping without storing: rows in, suggested category, activity, factor and confidence out,
 * decided as an import of the same rows would decide them (built-in rules, the tenant's learned
 * rules, the model when one is configured). Serves `=OGF.MAP(...)` in Excel.
 */
import { z } from "zod";
import type { PrismaClient } from "../db/client.ts";
import { isRowProblem, parseEachRow } from "../http/each-row.ts";
import type { Routes } from "../http/routes.ts";
import type { ParsedRow } from "../ledger/index.ts";
import { mapRows } from "../mapping/map-ledger.ts";
import { MAPPING_METHODS } from "../mapping/proposal.ts";
import { tenantMapper, type MappingModel } from "../mapping/tenant-memory.ts";
import { CountryField } from "./ledgers.ts";

export const MAX_MAP_BATCH = 10_000;

const MapInputSchema = z.object({
  date: z.iso.date().optional().meta({ description: "Booking date: its year picks the factors" }),
  description: z.string().trim().min(1, "a description is required"),
  amount: z.number().finite().optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "an ISO 4217 code such as EUR")
    .transform((code) => code.toUpperCase())
    .optional(),
  vendor: z.string().trim().optional(),
  account: z
    .string()
    .trim()
    .optional()
    .meta({ description: 'Account code, name, or both ("6110 Rent")' }),
});
type MapInput = z.infer<typeof MapInputSchema>;

const MappedSchema = z.object({
  scope: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  category: z.string(),
  activity: z.string().nullable(),
  naics: z.string().nullable(),
  factor_id: z.string().nullable(),
  co2e_kg: z.number().nullable().meta({ description: "For a row with an amount, its estimate" }),
  confidence: z.number(),
  method: z.enum(MAPPING_METHODS),
  status: z.enum(["auto", "needs_review"]),
  reason: z.string(),
});

const RowProblemSchema = z.object({
  id: z.string(),
  error: z.object({ field: z.string(), message: z.string() }),
});

/** "6110 Rent" holds a code and a name; "6110" a code; "Rent" a name. */
function accountFields(
  account: string | undefined,
): Pick<ParsedRow["fields"], "accountCode" | "accountName"> {
  if (!account) return {};
  // The name starts at its first non-space: spaces matched by two quantifiers in a row would be
  // tried split every way between them.
  const match = /^(\d[\d.\-/]*)(?:\s+(?:[-–:]\s*)?(\S.*))?$/.exec(account);
  if (!match) return { accountName: account };
  return { accountCode: match[1], ...(match[2] ? { accountName: match[2] } : {}) };
}

/**
 * The row as the mapping layer reads it. A row without a date takes 1 January of the request's
 * year: factor selection needs a year, and nothing else reads the date of an unstored row.
 */
function parsedRowOf(input: MapInput, index: number, year: number | undefined): ParsedRow {
  const date = input.date ?? (year === undefined ? undefined : `${year}-01-01`);
  return {
    rowNumber: index + 1,
    raw: {},
    fields: {
      ...(date ? { date } : {}),
      description: input.description,
      ...(input.amount !== undefined ? { amount: input.amount } : {}),
      ...(input.currency ? { currency: input.currency } : {}),
      ...(input.vendor ? { vendor: input.vendor } : {}),
      ...accountFields(input.account),
    },
    errors: [],
  };
}

export function registerMap(routes: Routes, prisma: PrismaClient, model: MappingModel): void {
  routes.add({
    method: "post",
    path: "/v1/map/batch",
    summary: "Suggest mappings for up to 10,000 rows",
    tags: ["mapping"],
    roles: ["admin", "editor", "reviewer", "viewer"],
    body: z.object({
      rows: z.array(z.unknown()).max(MAX_MAP_BATCH),
      country: CountryField.optional(),
      year: z.number().int().min(1990).max(2100).optional().meta({
        description: "Factor year for rows without a date; without either, a row is not estimated",
      }),
    }),
    responses: {
      200: {
        description: "One suggestion per row, in order, or that row's error",
        content: {
          "application/json": {
            schema: z.object({ results: z.array(z.union([MappedSchema, RowProblemSchema])) }),
          },
        },
      },
    },
    async handle({ body, auth, res }) {
      const checked = parseEachRow(MapInputSchema, body.rows);
      const valid: ParsedRow[] = [];
      checked.forEach((row, index) => {
        if (!isRowProblem(row)) valid.push(parsedRowOf(row, index, body.year));
      });
      const mapper = await tenantMapper(prisma, auth.tenantId, model, body.country);
      const mapped = await mapRows(valid, mapper, { country: body.country, numberFormat: "plain" });
      let next = 0;
      const results = checked.map(
        (row): z.infer<typeof MappedSchema> | z.infer<typeof RowProblemSchema> => {
          if (isRowProblem(row)) return row;
          const done = mapped[next++];
          if (!done) throw new Error("mapRows returned fewer rows than it was given");
          return {
            scope: done.scope,
            category: done.category,
            activity: done.activity,
            naics: done.naics,
            factor_id: done.factor ?? done.proposal.factor ?? null,
            co2e_kg: done.co2e_kg,
            confidence: done.confidence,
            method: done.method,
            status: done.status,
            reason: done.reason,
          };
        },
      );
      res.json({ results });
    },
  });
}
