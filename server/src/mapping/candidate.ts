/**
 * A candidate mapping for one ledger pattern: what the retrieval stage offers, what the model
 * may choose among (it never names anything else), and what a reviewer may pick instead.
 */
import { CATEGORIES } from "@offgridflow/engine";
import { z } from "zod";

export const CandidateSchema = z
  .object({
    /** Stable within one list: `c1`, `c2`, ... in rank order; what the model answers with. */
    key: z.string(),
    category: z.enum(CATEGORIES),
    /** Activity family (`fuel.diesel`, `spend.cloud_services`) or factor-library activity key. */
    activity: z.string(),
    /** 6-digit NAICS code for spend-based candidates. */
    naics: z
      .string()
      .regex(/^\d{6}$/)
      .nullable(),
    /** The factor the engine would use for this row, when it can be resolved. */
    factor: z.string().nullable(),
    /** Human label: the factor's published name or the family's description. */
    label: z.string(),
    /** Denominator unit of the factor (engine unit id or ISO 4217 currency). */
    unit: z.string().nullable(),
    /**
     * Whether the engine can estimate the row under this candidate as the row stands: an
     * activity-based factor needs the row's quantity, which a spend-only row lacks.
     */
    estimable: z.boolean(),
    /** Retrieval score, higher is better; comparable only within one list. */
    score: z.number(),
    /** Why it was retrieved: the rule vote, the matched words. */
    why: z.string(),
  })
  .meta({ id: "MappingCandidate" });

export type Candidate = z.infer<typeof CandidateSchema>;
