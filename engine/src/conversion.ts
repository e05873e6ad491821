/**
 * Takes an activity's quantity to its factor's unit: within a dimension by the unit table,
 * across dimensions only through an explicit heating value or density (the activity's own,
 * else the one published with the factor).
 */
import type { Activity } from "./contract.ts";
import type { Density, HeatingValue } from "./factor.ts";
import { InputError } from "./input-error.ts";
import type { Factor } from "./library.ts";
import { findUnit, ratio, sameDimension, type UnitDef } from "./units.ts";

/** A conversion path planned once per (activity shape, factor) and applied to each quantity. */
export interface ConversionPlan {
  /** How directly the quantity reaches the factor's unit: 0 same unit, 1 same dimension, 2 across. */
  rank: 0 | 1 | 2;
  /** Quantity in factor units = quantity x multiplier. */
  multiplier: number;
  /** The path per unit of the activity, e.g. "1 therm = 0.1 mmBtu", shared by every row taking it. */
  steps: readonly string[];
  warnings: readonly string[];
}

export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function resolve(name: string, field: string): UnitDef {
  const unit = findUnit(name);
  if (!unit) throw new InputError(field, `unknown unit "${name}"`);
  return unit;
}

function step(from: UnitDef, multiplier: number, to: UnitDef, via = ""): readonly string[] {
  return Object.freeze([`1 ${from.id} = ${formatNumber(multiplier)} ${to.id}${via}`]);
}

const SAME_UNIT: readonly string[] = Object.freeze([]);

function heatingValueOf(activity: Activity, factor: Factor): HeatingValue | undefined {
  return activity.heating_value ?? factor.heating_value;
}

function densityOf(activity: Activity, factor: Factor): Density | undefined {
  return activity.density ?? factor.density;
}

/** Energy-basis mismatch (HHV vs LHV) makes a factor unusable without a fuel-specific ratio. */
function basisConflict(activity: Activity, from: UnitDef, factor: Factor): boolean {
  return (
    from.dimension === "energy" &&
    factor.energy_basis !== undefined &&
    activity.heating_basis !== undefined &&
    activity.heating_basis !== factor.energy_basis
  );
}

function basisWarnings(activity: Activity, from: UnitDef, factor: Factor): string[] {
  if (from.dimension !== "energy" || !factor.energy_basis || activity.heating_basis) return [];
  const name = factor.energy_basis === "HHV" ? "gross (HHV)" : "net (LHV)";
  return [`energy quantity taken as ${name} calorific value; set heating_basis to state it`];
}

/** Plans the path from `from` to the factor's unit, or returns undefined when none exists. */
export function planConversion(
  activity: Activity,
  from: UnitDef,
  factor: Factor,
): ConversionPlan | undefined {
  const to = factor.unitDef;
  if (basisConflict(activity, from, factor)) return undefined;
  const warnings = basisWarnings(activity, from, factor);
  if (sameDimension(from, to)) {
    const multiplier = ratio(from, to);
    return {
      rank: from === to ? 0 : 1,
      multiplier,
      steps: from === to ? SAME_UNIT : step(from, multiplier, to),
      warnings,
    };
  }
  const hv = heatingValueOf(activity, factor);
  if (hv) {
    const plan = viaHeatingValue(activity, from, to, hv, factor);
    if (plan) return { ...plan, warnings };
  }
  const density = densityOf(activity, factor);
  if (density) return viaDensity(from, to, density, warnings);
  return undefined;
}

function viaHeatingValue(
  activity: Activity,
  from: UnitDef,
  to: UnitDef,
  hv: HeatingValue,
  factor: Factor,
): Omit<ConversionPlan, "warnings"> | undefined {
  const energy = resolve(hv.energy_unit, "heating_value.energy_unit");
  const per = resolve(hv.per_unit, "heating_value.per_unit");
  const label = ` (heating value ${formatNumber(hv.value)} ${energy.id}/${per.id} ${hv.basis}${
    activity.heating_value ? ", given with the activity" : `, ${factor.sourceInfo.name}`
  })`;
  if (to.dimension === "energy" && sameDimension(from, per)) {
    if (factor.energy_basis && factor.energy_basis !== hv.basis) return undefined;
    // physical -> energy: quantity in `per` units x energy per unit
    const toPer = ratio(from, per);
    const multiplier = toPer * hv.value * ratio(energy, to);
    return {
      rank: 2,
      multiplier,
      steps: step(from, multiplier, to, label),
    };
  }
  if (from.dimension === "energy" && sameDimension(to, per)) {
    if (activity.heating_basis && activity.heating_basis !== hv.basis) return undefined;
    // energy -> physical: energy in `energy` units / energy per unit
    const multiplier = (ratio(from, energy) / hv.value) * ratio(per, to);
    return {
      rank: 2,
      multiplier,
      steps: step(from, multiplier, to, label),
    };
  }
  return undefined;
}

function viaDensity(
  from: UnitDef,
  to: UnitDef,
  density: Density,
  warnings: string[],
): ConversionPlan | undefined {
  const mass = resolve(density.mass_unit, "density.mass_unit");
  const per = resolve(density.per_unit, "density.per_unit");
  const label = ` (density ${formatNumber(density.value)} ${mass.id}/${per.id})`;
  let multiplier: number;
  if (sameDimension(from, per) && sameDimension(to, mass)) {
    multiplier = ratio(from, per) * density.value * ratio(mass, to);
  } else if (sameDimension(from, mass) && sameDimension(to, per)) {
    multiplier = (ratio(from, mass) / density.value) * ratio(per, to);
  } else {
    return undefined;
  }
  return { rank: 2, multiplier, steps: step(from, multiplier, to, label), warnings };
}
