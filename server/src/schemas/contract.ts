/**
 * The Activity and Result contract (DESIGN.md §2) as zod schemas for validation and OpenAPI.
 * The engine's own types are the reference: the `satisfies` checks below fail to compile if
 * the schemas and the engine ever disagree.
 */
import { CATEGORIES, GWP_SETS, type Activity, type Outcome } from "@offgridflow/engine";
import { z } from "zod";

const nonNegative = z.number().finite().nonnegative();

const InlineFactorSchema = z
  .object({
    unit: z.string(),
    co2_kg: nonNegative.optional(),
    ch4_kg: nonNegative.optional(),
    n2o_kg: nonNegative.optional(),
    gases: z.record(z.string(), nonNegative).optional(),
    co2e_kg: nonNegative.nullable().optional(),
    source: z.string().min(1),
  })
  .meta({ id: "InlineFactor", description: "A supplier-specific factor, per unit of `unit`" });

const InstrumentSchema = z
  .discriminatedUnion("type", [
    z.object({
      type: z.literal("eac"),
      quantity: nonNegative,
      unit: z.string(),
      co2e_kg_per_kwh: nonNegative.optional(),
      source: z.string(),
      region: z.string().optional(),
      year: z.number().int().optional(),
    }),
    z.object({
      type: z.literal("supplier_rate"),
      co2e_kg_per_kwh: nonNegative,
      source: z.string(),
    }),
    z.object({ type: z.literal("residual_mix"), co2e_kg_per_kwh: nonNegative, source: z.string() }),
  ])
  .meta({ id: "Instrument", description: "A contractual instrument for market-based Scope 2" });

export const ActivitySchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    activity: z.string().optional().meta({ example: "fuel.natural_gas" }),
    factor: z.string().optional(),
    inline_factor: InlineFactorSchema.optional(),
    quantity: z.number().finite().meta({ example: 1200 }),
    unit: z.string().optional().meta({ example: "therm" }),
    region: z.string().optional().meta({ example: "US-CAMX" }),
    year: z.number().int().optional().meta({ example: 2024 }),
    scope2_method: z.enum(["location", "market"]).optional(),
    currency: z.string().length(3).optional(),
    category: z.enum(CATEGORIES).optional(),
    instruments: z.array(InstrumentSchema).optional(),
    heating_basis: z.enum(["HHV", "LHV"]).optional(),
    heating_value: z
      .object({
        value: z.number().positive(),
        energy_unit: z.string(),
        per_unit: z.string(),
        basis: z.enum(["HHV", "LHV"]),
      })
      .optional(),
    density: z
      .object({ value: z.number().positive(), mass_unit: z.string(), per_unit: z.string() })
      .optional(),
    entity: z.string().optional(),
    site: z.string().optional(),
    date: z.string().optional(),
  })
  .meta({
    id: "Activity",
    description: "One thing that emits (DESIGN.md §2)",
  }) satisfies z.ZodType<Activity>;

export const EstimateOptionsSchema = z.object({
  gwp: z.enum(GWP_SETS).optional(),
  editions: z.record(z.string(), z.string()).optional(),
  precedence: z.array(z.enum(["supplier", "subregion", "national", "global", "spend"])).optional(),
  sources: z.array(z.string()).optional(),
  price_index: z.enum(["gdp-deflator", "cpi-u"]).optional(),
  proxy_regions: z.boolean().optional(),
});

const strings = z.array(z.string()).readonly();

export const ResultSchema = z
  .object({
    id: z.string().nullable(),
    co2e_kg: z.number(),
    gases: z.record(z.string(), z.number()),
    gwp: z.enum(GWP_SETS),
    scope: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    category: z.enum(CATEGORIES),
    method: z.enum(["activity", "spend", "supplier", "location", "market"]),
    tier: z.enum(["supplier", "subregion", "national", "global", "spend"]),
    factor: z.object({
      id: z.string(),
      activity: z.string(),
      name: z.string(),
      source: z.string(),
      edition: z.string(),
      publisher: z.string(),
      region: z.string(),
      year: z.number(),
      unit: z.string(),
      values: z.record(z.string(), z.number()),
      licence: z.string(),
      ref: z.string(),
    }),
    conversions: strings,
    fallbacks: strings,
    warnings: strings,
    biogenic_co2_kg: z.number().optional(),
    scope2: z
      .object({ location_co2e_kg: z.number(), market_co2e_kg: z.number(), market_basis: strings })
      .optional(),
    entity: z.string().optional(),
    site: z.string().optional(),
    date: z.string().optional(),
    engine: z.string(),
    fingerprint: z.string(),
  })
  .meta({ id: "Result", description: "The answer to one Activity, with its provenance" });

export const RowErrorSchema = z
  .object({
    id: z.string().nullable(),
    error: z.object({ field: z.string(), message: z.string() }),
  })
  .meta({ id: "RowError", description: "Why one activity could not be estimated" });

export const OutcomeSchema = z.union([ResultSchema, RowErrorSchema]);

// Compile-time check: every engine Outcome fits the documented schema.
type Assert<T extends true> = T;
export type OutcomeIsDocumented = Assert<
  Outcome extends z.input<typeof OutcomeSchema> ? true : false
>;
