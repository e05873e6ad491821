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
import { Fnv, type FnvState } from "./fingerprint.ts";
import { DEFAULT_GWP, isGwpSet, type GwpTable } from "./gwp.ts";
import { InputError } from "./input-error.ts";
import type { Factor, FactorLibrary } from "./library.ts";
import type { MoneyConversion, MoneyConverter } from "./money.ts";
import { isWellFormedRegion, normaliseRegion, WORLD } from "./regions.ts";
import { marketBased } from "./scope2.ts";
import { selectByActivity, selectById, type Selection } from "./select.ts";
import { inlineFactor } from "./supplier.ts";
import { findUnit, ratio, type UnitDef } from "./units.ts";

export const ENGINE_VERSION = `offgridflow-engine@${(enginePackage as { version: string }).version}`;

/** A factor's per-unit CO2e and gases on one GWP set, computed once and shared by results. */
interface Evaluated {
  gases: [key: string, perUnit: number][];
  /** Per-unit CO2, CH4, N2O when those are exactly the factor's gases, in that order. */
  combustion: readonly [number, number, number] | undefined;
  co2ePerUnit: number;
  provenance: FactorProvenance;
  /** FNV state after the factor's part of the fingerprint input. */
  fingerprintState: FnvState;
  warnings: readonly string[];
}

/**
 * What calls with equal options reuse: selections (with their evaluated factor), money
 * conversions and normalised regions. All depend only on the immutable library and the options.
 */
interface BatchContext {
  options: EstimateOptions;
  gwp: GwpSetId;
  /** Keyed activity-or-factor -> region -> year -> unit (+ heating basis), so no key is built per row. */
  selections: Map<string, Map<string, Map<number, Map<string, Prepared>>>>;
  money: Map<string, MoneyConversion>;
  regions: Map<string, string>;
  fnv: Fnv;
  /** Entries added to the maps above; they are emptied past a bound so odd input cannot grow them. */
  size: number;
}

// Bounds of the reuse caches: distinct option sets, and entries per option set.
const MAX_CONTEXTS = 16;
const MAX_CONTEXT_ENTRIES = 100_000;

/** A selection ready to apply: the factor evaluated on the batch's GWP set, notes frozen. */
interface Prepared {
  selection: Selection;
  evaluated: Evaluated;
  fallbacks: readonly string[];
  warnings: readonly string[];
  /** FNV state after the factor and the activity's selection fields. */
  fingerprintState: FnvState;
}

const KWH = findUnit("kWh") as UnitDef;
const NONE: readonly string[] = Object.freeze([]);

function frozen(...lists: (readonly string[])[]): readonly string[] {
  const joined = lists.flat();
  return joined.length === 0 ? NONE : Object.freeze(joined);
}

export class Engine {
  private readonly evaluated = new Map<GwpSetId, WeakMap<FactorRecord, Evaluated>>();
  private readonly contexts = new Map<string, BatchContext>();

  constructor(
    readonly library: FactorLibrary,
    readonly gwp: GwpTable,
    readonly money: MoneyConverter,
  ) {}

  estimate(activity: Activity, options: EstimateOptions = {}): Outcome {
    return this.estimateOne(activity, this.context(options));
  }

  /** Per-row errors never stop the other rows. */
  estimateBatch(activities: readonly Activity[], options: EstimateOptions = {}): Outcome[] {
    const context = this.context(options);
    const out: Outcome[] = new Array(activities.length);
    for (let i = 0; i < activities.length; i++)
      out[i] = this.estimateOne(activities[i] as Activity, context);
    return out;
  }

  /** Options are checked once per call: a bad option is the caller's error, not a row's. */
  private context(options: EstimateOptions): BatchContext {
    if (options.gwp !== undefined && !isGwpSet(options.gwp)) {
      throw new InputError("gwp", `unknown GWP set "${String(options.gwp)}" (AR4, AR5 or AR6)`);
    }
    const key = JSON.stringify(options);
    let context = this.contexts.get(key);
    if (!context || context.size > MAX_CONTEXT_ENTRIES) {
      if (this.contexts.size >= MAX_CONTEXTS) this.contexts.clear();
      context = {
        // A copy, so that a caller changing its options object later cannot alter cached choices.
        options: structuredClone(options),
        gwp: options.gwp ?? DEFAULT_GWP,
        selections: new Map(),
        money: new Map(),
        regions: new Map(),
        fnv: new Fnv(),
        size: 0,
      };
      this.contexts.set(key, context);
    }
    return context;
  }

  private estimateOne(activity: Activity, context: BatchContext): Outcome {
    const id = activity?.id === undefined || activity.id === null ? null : String(activity.id);
    try {
      return this.compute(activity, id, context);
    } catch (error) {
      if (error instanceof InputError) return rowError(id, error.field, error.message);
      throw error;
    }
  }

  private compute(activity: Activity, id: string | null, context: BatchContext): Result {
    const input = validate(activity, context);
    const prepared = this.prepare(activity, input, context);
    const { selection, evaluated } = prepared;
    const { factor } = selection;
    let { fallbacks, warnings } = prepared;
    let multiplier: number;
    let conversions: readonly string[];
    if (selection.plan) {
      multiplier = selection.plan.multiplier;
      conversions = selection.plan.steps;
    } else {
      const money = this.convertMoney(input, factor, context);
      multiplier = money.multiplier;
      conversions = money.steps;
      if (money.fallbacks.length > 0) fallbacks = frozen(fallbacks, money.fallbacks);
      if (money.warnings.length > 0) warnings = frozen(warnings, money.warnings);
    }

    const amount = input.quantity * multiplier;
    let gases = gasesOf(evaluated, amount);
    let co2e = amount * evaluated.co2ePerUnit;
    const category = activity.category ?? factor.category;
    const scope = scopeOf(category) as Scope;
    let method: Result["method"] =
      factor.tier === "supplier" ? "supplier" : factor.tier === "spend" ? "spend" : "activity";
    let scope2: Result["scope2"];
    if (scope === 2) {
      const kwh =
        input.unit.dimension === "energy" ? input.quantity * ratio(input.unit, KWH) : undefined;
      const market = marketBased(activity, kwh, co2e);
      scope2 = {
        location_co2e_kg: co2e,
        market_co2e_kg: market.co2e_kg,
        market_basis: market.basis,
      };
      method = "location";
      if (activity.scope2_method === "market") {
        method = "market";
        co2e = market.co2e_kg;
        // Instruments come as CO2e rates, so the market figure has no gas split.
        gases = {};
        if (market.warnings.length > 0) warnings = frozen(warnings, market.warnings);
      }
    }
    // A finite quantity can still overflow once converted and multiplied (1e308 kWh): JSON would
    // carry the Infinity as null, an empty figure that reads like a result.
    if (!Number.isFinite(co2e) || !Number.isFinite(scope2?.location_co2e_kg ?? 0)) {
      throw new InputError(
        "quantity",
        `${input.quantity} ${input.unit.id} is too large: the emissions exceed the range of a number`,
      );
    }
    const result: Result = {
      id,
      co2e_kg: co2e,
      gases,
      gwp: context.gwp,
      scope,
      category,
      method,
      tier: factor.tier,
      factor: evaluated.provenance,
      conversions,
      fallbacks,
      warnings,
      engine: ENGINE_VERSION,
      fingerprint: fingerprint(activity, input, prepared.fingerprintState, context.fnv),
    };
    if (factor.biogenic_co2 !== undefined) result.biogenic_co2_kg = amount * factor.biogenic_co2;
    if (scope2) result.scope2 = scope2;
    if (activity.entity !== undefined) result.entity = activity.entity;
    if (activity.site !== undefined) result.site = activity.site;
    if (activity.date !== undefined) result.date = activity.date;
    return result;
  }

  private convertMoney(input: ValidInput, factor: Factor, context: BatchContext): MoneyConversion {
    const priceYear = factor.price_year ?? factor.year;
    const index = context.options.price_index ?? "gdp-deflator";
    const key = `${input.currency}|${input.year}|${factor.unit}|${priceYear}|${index}`;
    let money = context.money.get(key);
    if (!money) {
      money = this.money.convert(
        input.currency as string,
        input.year,
        factor.unit,
        priceYear,
        index,
      );
      context.money.set(key, money);
      context.size++;
    }
    return money;
  }

  private prepare(activity: Activity, input: ValidInput, context: BatchContext): Prepared {
    // Activity-specific conversion data makes the choice particular to the row.
    if (activity.heating_value || activity.density)
      return this.prepareUncached(activity, input, context);
    // The common row names only an activity key; the rarer ones get an unambiguous JSON key.
    const what =
      activity.factor === undefined && activity.inline_factor === undefined
        ? (activity.activity ?? "")
        : JSON.stringify([
            activity.activity,
            activity.factor,
            activity.inline_factor,
            activity.category,
          ]);
    const unit =
      activity.heating_basis === undefined
        ? input.unit.id
        : `${input.unit.id}|${activity.heating_basis}`;
    const byRegion = getOrCreate(context.selections, what);
    const byYear = getOrCreate(byRegion, input.region);
    const byUnit = getOrCreate(byYear, input.year);
    let prepared = byUnit.get(unit);
    if (!prepared) {
      prepared = this.prepareUncached(activity, input, context);
      byUnit.set(unit, prepared);
      context.size++;
    }
    return prepared;
  }

  private prepareUncached(activity: Activity, input: ValidInput, context: BatchContext): Prepared {
    const selection = this.select(activity, input, context.options);
    const evaluated = this.evaluate(selection.factor, context.gwp);
    const fields = `|${activity.activity ?? ""}|${activity.factor ?? ""}|${input.region}|${input.year}|${input.unit.id}|${activity.heating_basis ?? ""}`;
    return {
      selection,
      evaluated,
      fallbacks: frozen(selection.fallbacks),
      warnings: frozen(selection.warnings, evaluated.warnings),
      fingerprintState: context.fnv.from(evaluated.fingerprintState).text(fields).state(),
    };
  }

  private select(activity: Activity, input: ValidInput, options: EstimateOptions): Selection {
    if (activity.inline_factor) {
      const implied = activity.activity
        ? this.library.forActivity(activity.activity)?.[0]?.category
        : undefined;
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
    if (activity.factor !== undefined)
      return selectById(this.library, activity, input.unit, options);
    if (activity.activity === undefined) {
      throw new InputError("activity", "give an activity key, a factor id or an inline_factor");
    }
    if (!this.library.knowsCountry(input.region)) {
      throw new InputError("region", `unknown region "${activity.region}"`);
    }
    const selection = selectByActivity(this.library, activity, input.unit, input.region, options);
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
    warnings.push(
      `factor published only as ${factor.co2e_gwp} CO2e: ${set} GWPs cannot be applied to it`,
    );
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
  const combustion =
    gases.map(([key]) => key).join() === "co2_kg,ch4_kg,n2o_kg"
      ? ([gases[0]![1], gases[1]![1], gases[2]![1]] as const)
      : undefined;
  return {
    gases,
    combustion,
    co2ePerUnit: co2e,
    provenance,
    fingerprintState: new Fnv().text(prefix).state(),
    warnings,
  };
}

interface ValidInput {
  quantity: number;
  unit: UnitDef;
  year: number;
  region: string;
  currency: string | undefined;
}

function validate(activity: Activity, context: BatchContext): ValidInput {
  if (activity === null || typeof activity !== "object") {
    throw new InputError("activity", "each activity must be an object");
  }
  const { quantity } = activity;
  if (typeof quantity !== "number" || !Number.isFinite(quantity)) {
    throw new InputError(
      "quantity",
      `must be a finite number, got ${JSON.stringify(quantity ?? null)}`,
    );
  }
  if (typeof activity.year !== "number" || !Number.isInteger(activity.year)) {
    throw new InputError(
      "year",
      activity.year === undefined ? "year is required" : "must be an integer year",
    );
  }
  if (
    activity.category !== undefined &&
    !(CATEGORIES as readonly string[]).includes(activity.category)
  ) {
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
  const region = activity.region === undefined ? WORLD : wellFormedRegion(activity.region, context);
  return {
    quantity,
    unit,
    year: activity.year,
    region,
    currency: unit.dimension === "money" ? unit.id : currency,
  };
}

/** Completes the fingerprint (see fingerprint.ts) with the row's own fields; never the caller's id. */
function fingerprint(
  activity: Activity,
  input: ValidInput,
  selectionState: FnvState,
  fnv: Fnv,
): string {
  fnv.from(selectionState).number(input.quantity).text("|");
  if (activity.scope2_method !== undefined) fnv.text(activity.scope2_method);
  fnv.text("|");
  if (activity.category !== undefined) fnv.text(activity.category);
  const { inline_factor, instruments, heating_value, density } = activity;
  if (inline_factor || instruments || heating_value || density) {
    fnv.text(`|${JSON.stringify({ inline_factor, instruments, heating_value, density })}`);
  }
  return fnv.hex();
}

/** Gas masses for an amount; the usual CO2, CH4, N2O factor gets an object of one fixed shape. */
function gasesOf(evaluated: Evaluated, amount: number): Record<string, number> {
  const { gases, combustion } = evaluated;
  if (combustion) {
    return {
      co2_kg: amount * combustion[0],
      ch4_kg: amount * combustion[1],
      n2o_kg: amount * combustion[2],
    };
  }
  const masses: Record<string, number> = {};
  for (let i = 0; i < gases.length; i++) {
    const [key, perUnit] = gases[i] as [string, number];
    masses[key] = amount * perUnit;
  }
  return masses;
}

/** Normalises and checks a region once per batch (ledgers repeat a handful of regions). */
function wellFormedRegion(given: string, context: BatchContext): string {
  let region = context.regions.get(given);
  if (region === undefined) {
    if (typeof given !== "string") throw new InputError("region", "must be a string");
    region = normaliseRegion(given);
    if (!isWellFormedRegion(region)) throw new InputError("region", `unknown region "${given}"`);
    context.regions.set(given, region);
    context.size++;
  }
  return region;
}

function getOrCreate<K, V extends Map<unknown, unknown>>(map: Map<K, V>, key: K): V {
  let value = map.get(key);
  if (!value) {
    value = new Map() as V;
    map.set(key, value);
  }
  return value;
}

function rowError(id: string | null, field: string, message: string): RowError {
  return { id, error: { field, message } };
}
