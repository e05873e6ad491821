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

export function scopeOfCategory(category: Category): 1 | 2 | 3 | null {
  return scopeOf(category) ?? null;
}
