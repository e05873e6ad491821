/**
 * What the mapping layer says about one ledger row: its GHG Protocol scope and category, the
 * activity family (../shared/ledgers/README.md vocabulary), for spend the NAICS code of the
 * producing industry, how sure it is, which stage decided, and why.
 */
import { CATEGORIES, scopeOf, type Category } from "@offgridflow/engine";
import { z } from "zod";
import { RowFieldsSchema } from "../ledger/schema.ts";

export const MAPPING_METHODS = ["rule", "retrieval", "llm", "review"] as const;

export const ProposalSchema = z.object({
  category: z.enum(CATEGORIES),
  /** Activity family such as `fuel.diesel` or `spend.cloud_services`; null for not_emissions. */
  activity: z.string().nullable(),
  /** 6-digit 2017 NAICS code of the producing industry, for spend-based rows. */
  naics: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
  /** 0 to 1. */
  confidence: z.number().min(0).max(1),
  method: z.enum(MAPPING_METHODS),
  /** Why, in a sentence a reviewer can check: the rule, account range or keyword that decided. */
  reason: z.string(),
  /** A factor id a reviewer chose: used instead of the engine's own choice for the activity. */
  factor: z.string().nullable().optional(),
  /** For the `llm` stage: the prompt id and version (`map-row@v1`) and the model that decided. */
  prompt: z.string().optional(),
  model: z.string().optional(),
});

export type Proposal = z.infer<typeof ProposalSchema>;

/** The row as the mapping layer reads it: the fields the ledger import parsed. */
export const MappingRowSchema = RowFieldsSchema;

export type MappingRow = z.infer<typeof MappingRowSchema>;

/**
 * The most of each text of a row the mapping layer reads. Booking texts, vendor and account
 * names are a line or two; a cell holding pages (a pasted document, a hostile upload) is read
 * this far and no further, so that one row cannot hold up an import or a /v1/map/batch request
 * for long. The cell itself is kept as uploaded (`ParsedRow.raw`).
 */
export const MAX_ANALYSED_CHARS = 2_000;

const TEXT_FIELDS = ["vendor", "description", "accountCode", "accountName", "unit"] as const;

/** The row as the mapping layer reads it: each text cut to MAX_ANALYSED_CHARS. */
export function analysedRow(fields: MappingRow): MappingRow {
  const long = TEXT_FIELDS.filter((field) => (fields[field]?.length ?? 0) > MAX_ANALYSED_CHARS);
  if (long.length === 0) return fields;
  const cut = { ...fields };
  for (const field of long) cut[field] = fields[field]?.slice(0, MAX_ANALYSED_CHARS);
  return cut;
}

export function scopeOfCategory(category: Category): 1 | 2 | 3 | null {
  return scopeOf(category) ?? null;
}
