/**
 * Market-based Scope 2 (GHG Protocol Scope 2 Guidance, ch. 6 and Table 6.3): consumption is
 * covered first by energy attribute certificates, then by a supplier-specific rate, then by a
 * residual mix, and only then by the grid average, each step reported.
 */
import type { Activity, Instrument } from "./contract.ts";
import { formatNumber } from "./conversion.ts";
import { InputError } from "./input-error.ts";
import { countryOf, normaliseRegion } from "./regions.ts";
import { findUnit, ratio, type UnitDef } from "./units.ts";

export interface MarketBased {
  co2e_kg: number;
  basis: readonly string[];
  warnings: readonly string[];
}

const NO_INSTRUMENT_WARNING = Object.freeze([
  "market-based: no certificate, supplier rate or residual mix covers this consumption, so the location-based grid average is used (Scope 2 Guidance, Table 6.3, last tier)",
]);
const GRID_ONLY = Object.freeze(["grid average (no contractual instrument)"]);

const KWH = findUnit("kWh") as UnitDef;

function eacKwh(instrument: Extract<Instrument, { type: "eac" }>, index: number): number {
  const unit = findUnit(instrument.unit);
  if (!unit || unit.dimension !== "energy") {
    throw new InputError(
      `instruments[${index}].unit`,
      `"${instrument.unit}" is not an energy unit`,
    );
  }
  if (!Number.isFinite(instrument.quantity) || instrument.quantity < 0) {
    throw new InputError(`instruments[${index}].quantity`, "must be a number >= 0");
  }
  return instrument.quantity * ratio(unit, KWH);
}

function rateOf(instrument: Instrument, index: number): number {
  const rate =
    instrument.type === "eac" ? (instrument.co2e_kg_per_kwh ?? 0) : instrument.co2e_kg_per_kwh;
  if (!Number.isFinite(rate) || rate < 0) {
    throw new InputError(`instruments[${index}].co2e_kg_per_kwh`, "must be a number >= 0");
  }
  return rate;
}

/** Scope 2 Quality Criteria: same market as the consumption, vintage close to the period. */
function qualityWarnings(
  instrument: Extract<Instrument, { type: "eac" }>,
  activity: Activity,
): string[] {
  const warnings: string[] = [];
  if (instrument.region && activity.region) {
    const certificate = countryOf(normaliseRegion(instrument.region));
    const consumption = countryOf(normaliseRegion(activity.region));
    if (certificate !== consumption) {
      warnings.push(
        `certificate "${instrument.source}" is from ${certificate}, consumption is in ${consumption}: check the market boundary (Scope 2 Quality Criteria)`,
      );
    }
  }
  if (
    instrument.year !== undefined &&
    activity.year !== undefined &&
    Math.abs(instrument.year - activity.year) > 1
  ) {
    warnings.push(
      `certificate "${instrument.source}" vintage ${instrument.year} is far from the activity year ${activity.year} (Scope 2 Quality Criteria)`,
    );
  }
  return warnings;
}

function single(
  instruments: Instrument[],
  type: "supplier_rate" | "residual_mix",
): [Instrument, number] | undefined {
  const found = instruments.flatMap((instrument, index) =>
    instrument.type === type ? [[instrument, index] as [Instrument, number]] : [],
  );
  if (found.length > 1) {
    throw new InputError(
      `instruments[${found[1]?.[1]}]`,
      `only one ${type} can apply to an activity`,
    );
  }
  return found[0];
}

/**
 * @param kwh consumption in kWh (undefined when the activity's unit is not energy)
 * @param gridKgPerKwh the location-based factor, the last resort of the hierarchy
 */
export function marketBased(
  activity: Activity,
  kwh: number | undefined,
  gridCo2e: number,
): MarketBased {
  const instruments = activity.instruments ?? [];
  if (instruments.length === 0)
    return { co2e_kg: gridCo2e, basis: GRID_ONLY, warnings: NO_INSTRUMENT_WARNING };
  if (kwh === undefined) {
    return {
      co2e_kg: gridCo2e,
      basis: ["grid average (consumption not in energy units)"],
      warnings: ["instruments ignored: consumption is not in energy units"],
    };
  }
  const basis: string[] = [];
  const warnings: string[] = [];
  let remaining = kwh;
  let co2e = 0;
  instruments.forEach((instrument, index) => {
    if (instrument.type !== "eac") return;
    const available = eacKwh(instrument, index);
    const used = Math.min(available, remaining);
    const rate = rateOf(instrument, index);
    co2e += used * rate;
    remaining -= used;
    basis.push(
      `energy attribute certificate "${instrument.source}": ${formatNumber(used)} kWh at ${formatNumber(rate)} kg CO2e/kWh`,
    );
    if (available > used) {
      warnings.push(
        `certificate "${instrument.source}" exceeds the consumption by ${formatNumber(available - used)} kWh; the excess is not applied`,
      );
    }
    warnings.push(...qualityWarnings(instrument, activity));
  });
  if (remaining > 0) {
    const supplier = single(instruments, "supplier_rate");
    const residual = single(instruments, "residual_mix");
    const [chosen, label] = supplier
      ? [supplier, "supplier-specific rate"]
      : residual
        ? [residual, "residual mix"]
        : [undefined, ""];
    if (chosen) {
      const rate = rateOf(chosen[0], chosen[1]);
      co2e += remaining * rate;
      basis.push(
        `${label} "${chosen[0].source}": ${formatNumber(remaining)} kWh at ${formatNumber(rate)} kg CO2e/kWh`,
      );
    } else {
      co2e += (gridCo2e * remaining) / kwh;
      basis.push(`grid average: ${formatNumber(remaining)} kWh`);
      warnings.push(...NO_INSTRUMENT_WARNING);
    }
  }
  return { co2e_kg: co2e, basis, warnings };
}
