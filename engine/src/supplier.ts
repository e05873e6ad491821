/**
 * Supplier-specific (inline) factors: a factor given with the activity, validated and wrapped
 * so that it flows through the same conversion, GWP and provenance path as library factors.
 */
import { planConversion } from "./conversion.ts";
import type { Activity, EstimateOptions } from "./contract.ts";
import { CATEGORIES, scopeOf, type Category, type Scope } from "./factor.ts";
import { fnv1a64 } from "./fingerprint.ts";
import { InputError } from "./input-error.ts";
import type { Factor } from "./library.ts";
import { normaliseRegion, WORLD } from "./regions.ts";
import type { Selection } from "./select.ts";
import { findUnit, type UnitDef } from "./units.ts";

const NAMED_GASES = [
  ["co2_kg", "CO2"],
  ["ch4_kg", "CH4"],
  ["n2o_kg", "N2O"],
] as const;

function checkValue(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InputError(field, "must be a number >= 0");
  }
  return value;
}

function gasesOf(activity: Activity): Record<string, number> {
  const inline = activity.inline_factor!;
  const gases: Record<string, number> = {};
  for (const [field, species] of NAMED_GASES) {
    if (inline[field] !== undefined)
      gases[species] = checkValue(inline[field], `inline_factor.${field}`);
  }
  for (const [species, value] of Object.entries(inline.gases ?? {})) {
    gases[species] = checkValue(value, `inline_factor.gases.${species}`);
  }
  return gases;
}

function categoryOf(activity: Activity, fallback: Category | undefined): Category {
  const category = activity.category ?? fallback;
  if (category === undefined) {
    throw new InputError(
      "category",
      "an inline factor needs a category (or an activity key that implies one)",
    );
  }
  if (!(CATEGORIES as readonly string[]).includes(category)) {
    throw new InputError("category", `unknown category "${category}"`);
  }
  return category;
}

export function inlineFactor(
  activity: Activity,
  unit: UnitDef,
  options: EstimateOptions,
  impliedCategory?: Category,
): Selection {
  const inline = activity.inline_factor!;
  if (typeof inline.source !== "string" || inline.source.trim() === "") {
    throw new InputError(
      "inline_factor.source",
      "name the supplier document the factor comes from",
    );
  }
  const factorUnit = findUnit(inline.unit);
  if (!factorUnit) throw new InputError("inline_factor.unit", `unknown unit "${inline.unit}"`);
  const gases = gasesOf(activity);
  const co2e =
    inline.co2e_kg === null || inline.co2e_kg === undefined
      ? undefined
      : checkValue(inline.co2e_kg, "inline_factor.co2e_kg");
  if (co2e === undefined && Object.keys(gases).length === 0) {
    throw new InputError("inline_factor", "give co2_kg, ch4_kg, n2o_kg, gases or co2e_kg");
  }
  if (options.precedence && !options.precedence.includes("supplier")) {
    throw new InputError("inline_factor", "options.precedence excludes supplier-specific factors");
  }
  const category = categoryOf(activity, impliedCategory);
  const factor: Factor = {
    id: `supplier:${fnv1a64(JSON.stringify(inline))}`,
    activity: activity.activity ?? "supplier.inline",
    name: inline.source,
    source: "supplier",
    region: activity.region === undefined ? WORLD : normaliseRegion(activity.region),
    year: activity.year as number,
    unit: factorUnit.id,
    scope: scopeOf(category) as Scope,
    category,
    tier: "supplier",
    gases,
    // A supplier's CO2e without a gas split is taken as is under every GWP set.
    ...(Object.keys(gases).length === 0 ? { co2e_unsplit: co2e } : {}),
    ref: "given with the activity",
    unitDef: factorUnit,
    sourceInfo: {
      id: "supplier",
      name: inline.source,
      publisher: inline.source,
      edition: "as supplied",
      licence: "supplied by the reporting company",
      citation: inline.source,
    },
  };
  const plan = planConversion(activity, unit, factor);
  if (!plan) {
    throw new InputError(
      "unit",
      `unit "${unit.id}" (${unit.dimension}) cannot be converted to the inline factor's unit "${factorUnit.id}" (${factorUnit.dimension})`,
    );
  }
  if (co2e !== undefined && Object.keys(gases).length > 0) {
    return {
      factor,
      plan,
      fallbacks: [],
      warnings: [...plan.warnings, "inline co2e_kg ignored: CO2e is computed from the given gases"],
    };
  }
  return { factor, plan, fallbacks: [], warnings: plan.warnings };
}
