/**
 * The engine: Activity -> Result with provenance, one at a time or in batches.
 * Pure: the same activities, options and library give the same results, bit for bit.
 */
import {
  type Activity,
  type EstimateOptions,
  type FactorProvenance,
  type Outcome,
  type Result,
  type RowError,
} from "./contract.ts";
import enginePackage from "../package.json" with { type: "json" };
import { CATEGORIES, scopeOf, type FactorRecord, type GwpSetId, type Scope } from "./factor.ts";
import { fnv1a64 } from "./fingerprint.ts";
import { DEFAULT_GWP, isGwpSet, type GwpTable } from "./gwp.ts";
import { InputError } from "./input-error.ts";
import type { Factor, FactorLibrary } from "./library.ts";
import type { MoneyConverter } from "./money.ts";
import { isWellFormedRegion, normaliseRegion, WORLD } from "./regions.ts";
import { marketBased } from "./scope2.ts";
import { selectByActivity, selectById, type Selection } from "./select.ts";
import { inlineFactor } from "./supplier.ts";
import { findUnit, ratio, type UnitDef } from "./units.ts";

export const ENGINE_VERSION = `offgridflow-engine@${(enginePackage as { version: string }).version}`;

/** A factor's per-unit CO2e and gases on one GWP set, computed once and shared by results. */
interface Evaluated {
  gases: [key: string, perUnit: number][];
  co2ePerUnit: number;
  values: Readonly<Record<string, number>>;
  provenance: FactorProvenance;
  /** FNV input prefix for everything about the factor and GWP set. */
  fingerprintPrefix: string;
  warnings: readonly string[];
}

const KWH = findUnit("kWh") as UnitDef;

export class Engine {
  private readonly evaluated = new Map<GwpSetId, WeakMap<FactorRecord, Evaluated>>();

  constructor(
    readonly library: FactorLibrary,
    readonly gwp: GwpTable,
    readonly money: MoneyConverter,
  ) {}

  estimate(activity: Activity, options: EstimateOptions = {}): Outcome {
    return this.estimateOne(activity, options, this.selectionCache(options));
  }

  /** Per-row errors never stop the other rows. */
  estimateBatch(activities: readonly Activity[], options: EstimateOptions = {}): Outcome[] {
    const cache = this.selectionCache(options);
    const out: Outcome[] = new Array(activities.length);
    for (let i = 0; i < activities.length; i++) {
      out[i] = this.estimateOne(activities[i] as Activity, options, cache);
    }
    return out;
  }

  private selectionCache(options: EstimateOptions): Map<string, Selection> {
    if (options.gwp !== undefined && !isGwpSet(options.gwp)) {
      throw new InputError("gwp", `unknown GWP set "${String(options.gwp)}" (AR4, AR5 or AR6)`);
    }
    return new Map();
  }

  private estimateOne(activity: Activity, options: EstimateOptions, cache: Map<string, Selection>): Outcome {
    const id = activity?.id === undefined || activity.id === null ? null : String(activity.id);
    try {
      return this.compute(activity, id, options, cache);
    } catch (error) {
      if (error instanceof InputError) return rowError(id, error.field, error.message);
      throw error;
    }
  }

  private compute(
    activity: Activity,
    id: string | null,
    options: EstimateOptions,
    cache: Map<string, Selection>,
  ): Result {
    const input = validate(activity);
    const gwp = options.gwp ?? DEFAULT_GWP;
    const selection = this.select(activity, input, options, cache);
    const { factor } = selection;
    const evaluated = this.evaluate(factor, gwp);

    let multiplier: number;
    let conversions: string[];
    const fallbacks = [...selection.fallbacks];
    const warnings = [...selection.warnings];
    if (selection.plan) {
      multiplier = selection.plan.multiplier;
      conversions = selection.plan.describe(input.quantity);
    } else {
      const money = this.money.convert(
        input.currency as string,
        input.year,
        factor.unit,
        factor.price_year ?? factor.year,
        options.price_index ?? "gdp-deflator",
      );
      multiplier = money.multiplier;
      conversions = money.steps;
      fallbacks.push(...money.fallbacks);
      warnings.push(...money.warnings);
    }
    warnings.push(...evaluated.warnings);

    const amount = input.quantity * multiplier;
    const gases: Record<string, number> = {};
    for (const [key, perUnit] of evaluated.gases) gases[key] = amount * perUnit;
    let co2e = amount * evaluated.co2ePerUnit;
    const category = activity.category ?? factor.category;
    const scope = scopeOf(category) as Scope;
    let method: Result["method"] =
      factor.tier === "supplier" ? "supplier" : factor.tier === "spend" ? "spend" : "activity";

    const result: Result = {
      id,
      co2e_kg: co2e,
      gases,
      gwp,
      scope,
      category,
      method,
      tier: factor.tier,
      factor: evaluated.provenance,
      conversions,
      fallbacks,
      warnings,
      engine: ENGINE_VERSION,
      fingerprint: "",
    };
    if (factor.biogenic_co2 !== undefined) result.biogenic_co2_kg = amount * factor.biogenic_co2;
    if (scope === 2) {
      const kwh = input.unit.dimension === "energy" ? input.quantity * ratio(input.unit, KWH) : undefined;
      const market = marketBased(activity, kwh, co2e);
      result.scope2 = { location_co2e_kg: co2e, market_co2e_kg: market.co2e_kg, market_basis: market.basis };
      if (activity.scope2_method === "market") {
        method = "market";
        co2e = market.co2e_kg;
        result.co2e_kg = co2e;
        result.gases = {};
        warnings.push(...market.warnings);
      } else {
        method = "location";
      }
      result.method = method;
    }
    if (activity.entity !== undefined) result.entity = activity.entity;
    if (activity.site !== undefined) result.site = activity.site;
    if (activity.date !== undefined) result.date = activity.date;
    result.fingerprint = fnv1a64(evaluated.fingerprintPrefix + canonicalActivity(activity, input));
    return result;
  }

  private select(
    activity: Activity,
    input: ValidInput,
    options: EstimateOptions,
    cache: Map<string, Selection>,
  ): Selection {
    if (activity.inline_factor) {
      const implied = activity.activity ? this.library.forActivity(activity.activity)?.[0]?.category : undefined;
      if (scopeOf(activity.category ?? implied ?? "3.1") === 2) {
        // Location-based Scope 2 is always the grid average; a supplier's rate is a market instrument.
        throw new InputError(
          "inline_factor",
          'for purchased energy give the supplier\'s rate as instruments: [{ "type": "supplier_rate", ... }]',
        );
      }
      if (activity.activity === undefined || this.supplierFirst(options)) {
        return inlineFactor(activity, input.unit, options, implied);
      }
    }
    if (activity.factor !== undefined) return selectById(this.library, activity, input.unit, options);
    if (activity.activity === undefined) {
      throw new InputError("activity", "give an activity key, a factor id or an inline_factor");
    }
    // Activity-specific conversion data makes the choice particular to this row.
    const cacheable = !activity.heating_value && !activity.density;
    const key = `${activity.activity}|${input.region}|${input.year}|${input.unit.id}|${activity.heating_basis ?? ""}`;
    const cached = cacheable ? cache.get(key) : undefined;
    if (!cached && !this.library.knowsCountry(input.region)) {
      throw new InputError("region", `unknown region "${activity.region}"`);
    }
    const selection = cached ?? selectByActivity(this.library, activity, input.unit, input.region, options);
    if (cacheable) cache.set(key, selection);
    if (!activity.inline_factor) return selection;
    const note = "precedence: supplier-specific factor ranked below library factors";
    return { ...selection, fallbacks: [...selection.fallbacks, note] };
  }

  private supplierFirst(options: EstimateOptions): boolean {
    const precedence = options.precedence;
    return precedence === undefined || precedence[0] === "supplier";
  }

  private evaluate(factor: Factor, gwp: GwpSetId): Evaluated {
    let perSet = this.evaluated.get(gwp);
    if (!perSet) {
      perSet = new WeakMap();
      this.evaluated.set(gwp, perSet);
    }
    let evaluated = perSet.get(factor);
    if (!evaluated) {
      evaluated = evaluateFactor(factor, gwp, this.gwp);
      perSet.set(factor, evaluated);
    }
    return evaluated;
  }
}

function evaluateFactor(factor: Factor, set: GwpSetId, table: GwpTable): Evaluated {
  const gases: [string, number][] = [];
  const warnings: string[] = [];
  let co2e = factor.co2e_unsplit ?? 0;
  for (const [species, perUnit] of Object.entries(factor.gases)) {
    gases.push([`${species.toLowerCase()}_kg`, perUnit]);
    const potential = table.of(species, set, factor.ch4_origin);
    if (potential === undefined) {
      warnings.push(`${species} has no ${set} GWP; it is not in the CO2e`);
      continue;
    }
    co2e += perUnit * potential;
  }
  // The publisher's total is exact on its own GWP set; on another set it is recomputed from the
  // gases, which is impossible when the publisher gave no gas split.
  if (factor.co2e !== undefined && factor.co2e_gwp === set) co2e = factor.co2e;
  else if (factor.co2e_gwp !== undefined && gases.length === 0) {
    warnings.push(`factor published only as ${factor.co2e_gwp} CO2e: ${set} GWPs cannot be applied to it`);
  }
  const values: Record<string, number> = {};
  for (const [key, perUnit] of gases) values[key] = perUnit;
  values.co2e_kg = co2e;
  const source = factor.sourceInfo;
  const provenance: FactorProvenance = Object.freeze({
    id: factor.id,
    activity: factor.activity,
    name: factor.name,
    source: source.name,
    edition: source.edition,
    publisher: source.publisher,
    region: factor.region,
    year: factor.year,
    unit: factor.unitDef.id,
    values: Object.freeze(values),
    licence: source.licence,
    ref: factor.ref,
  });
  const prefix = JSON.stringify([ENGINE_VERSION, set, factor.id, source.edition, values]);
  return { gases, co2ePerUnit: co2e, values, provenance, fingerprintPrefix: prefix.slice(0, -1), warnings };
}

interface ValidInput {
  quantity: number;
  unit: UnitDef;
  year: number;
  region: string;
  currency: string | undefined;
}

function validate(activity: Activity): ValidInput {
  if (activity === null || typeof activity !== "object") {
    throw new InputError("activity", "each activity must be an object");
  }
  const { quantity } = activity;
  if (typeof quantity !== "number" || !Number.isFinite(quantity)) {
    throw new InputError("quantity", `must be a finite number, got ${JSON.stringify(quantity ?? null)}`);
  }
  if (typeof activity.year !== "number" || !Number.isInteger(activity.year)) {
    throw new InputError("year", activity.year === undefined ? "year is required" : "must be an integer year");
  }
  if (activity.category !== undefined && !(CATEGORIES as readonly string[]).includes(activity.category)) {
    throw new InputError("category", `unknown category "${activity.category}"`);
  }
  if (activity.category === "not_emissions") {
    throw new InputError("category", "not_emissions rows have no emissions to estimate");
  }
  const currency = activity.currency;
  const unitName = activity.unit ?? currency ?? activity.inline_factor?.unit;
  if (unitName === undefined) throw new InputError("unit", "unit is required");
  const unit = findUnit(unitName);
  if (!unit) throw new InputError("unit", `unknown unit "${unitName}"`);
  if (currency !== undefined && unit.dimension === "money" && unit.id !== currency) {
    throw new InputError("currency", `currency ${currency} differs from unit ${unit.id}`);
  }
  if (quantity < 0 && unit.dimension !== "money") {
    throw new InputError("quantity", "must be >= 0 (only spend may be negative, for credit notes)");
  }
  const region = activity.region === undefined ? WORLD : normaliseRegion(activity.region);
  if (!isWellFormedRegion(region)) throw new InputError("region", `unknown region "${activity.region}"`);
  return { quantity, unit, year: activity.year, region, currency: unit.dimension === "money" ? unit.id : currency };
}

/** The activity's part of the fingerprint input; the caller's id is left out on purpose. */
function canonicalActivity(activity: Activity, input: ValidInput): string {
  return `,${JSON.stringify([
    activity.activity ?? null,
    activity.factor ?? null,
    activity.inline_factor ?? null,
    input.quantity,
    input.unit.id,
    input.region,
    input.year,
    activity.scope2_method ?? null,
    activity.category ?? null,
    activity.instruments ?? null,
    activity.heating_basis ?? null,
    activity.heating_value ?? null,
    activity.density ?? null,
  ]).slice(1)}`;
}

function rowError(id: string | null, field: string, message: string): RowError {
  return { id, error: { field, message } };
}
