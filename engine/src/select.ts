/**
 * Factor selection: activity key + region + year (or a factor id, or an inline factor) to one
 * factor, ranked by the caller's precedence and reported with every fallback taken.
 */
import { planConversion, type ConversionPlan } from "./conversion.ts";
import {
  DEFAULT_PRECEDENCE,
  DEFAULT_SOURCE_PREFERENCE,
  type Activity,
  type EstimateOptions,
} from "./contract.ts";
import { InputError } from "./input-error.ts";
import type { Factor, FactorLibrary } from "./library.ts";
import { regionChain } from "./regions.ts";
import type { UnitDef } from "./units.ts";

export interface Selection {
  factor: Factor;
  /** Absent for spend factors, whose quantity goes through FX and price indices instead. */
  plan: ConversionPlan | undefined;
  fallbacks: readonly string[];
  warnings: readonly string[];
}

interface Candidate {
  factor: Factor;
  plan: ConversionPlan | undefined;
  proxy: boolean;
  key: number[];
}

function rankOf(list: readonly string[], value: string): number {
  const index = list.indexOf(value);
  return index === -1 ? list.length : index;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/** Spend factors take money of any currency; the rest need a unit path. */
function planFor(
  activity: Activity,
  unit: UnitDef,
  factor: Factor,
): ConversionPlan | undefined | false {
  if (factor.unitDef.dimension === "money") return unit.dimension === "money" ? undefined : false;
  return planConversion(activity, unit, factor) ?? false;
}

function editionAllowed(factor: Factor, options: EstimateOptions): boolean {
  const pinned = options.editions?.[factor.source];
  return pinned === undefined || pinned === factor.sourceInfo.edition;
}

export function selectById(
  library: FactorLibrary,
  activity: Activity,
  unit: UnitDef,
  options: EstimateOptions,
): Selection {
  const id = activity.factor as string;
  const factor = library.get(id);
  if (!factor) throw new InputError("factor", `unknown factor id "${id}"`);
  if (!editionAllowed(factor, options)) {
    throw new InputError(
      "factor",
      `factor "${id}" is from ${factor.source} ${factor.sourceInfo.edition}, but options pin ${factor.source} ${options.editions?.[factor.source]}`,
    );
  }
  const plan = planFor(activity, unit, factor);
  if (plan === false) {
    throw new InputError(
      "unit",
      `unit "${unit.id}" (${unit.dimension}) cannot be converted to the factor's unit "${factor.unitDef.id}" (${factor.unitDef.dimension})`,
    );
  }
  const fallbacks =
    factor.year === activity.year ? [] : [`year ${activity.year} -> ${factor.year}`];
  return { factor, plan, fallbacks, warnings: plan?.warnings ?? [] };
}

export function selectByActivity(
  library: FactorLibrary,
  activity: Activity,
  unit: UnitDef,
  region: string,
  options: EstimateOptions,
): Selection {
  const key = activity.activity as string;
  const all = library.forActivity(key);
  if (!all) throw new InputError("activity", `unknown activity "${key}"`);
  const precedence = options.precedence ?? DEFAULT_PRECEDENCE;
  const sources = options.sources ?? DEFAULT_SOURCE_PREFERENCE;
  const chain = regionChain(region);
  const year = activity.year as number;
  const candidates: Candidate[] = [];
  let unitMismatch = false;
  const consider = (factor: Factor, regionRank: number): void => {
    if (!editionAllowed(factor, options)) return;
    const tierRank = precedence.indexOf(factor.tier);
    if (tierRank === -1) return;
    const plan = planFor(activity, unit, factor);
    if (plan === false) {
      unitMismatch = true;
      return;
    }
    const proxy = regionRank === -1;
    // Spend factors are restated to their price year, so their year is no fallback.
    const yearDistance = factor.price_year === undefined ? Math.abs(factor.year - year) : 0;
    candidates.push({
      factor,
      plan,
      proxy,
      key: [
        proxy ? 1 : 0,
        tierRank,
        proxy ? 0 : regionRank,
        rankOf(sources, factor.source),
        yearDistance,
        factor.year > year ? 1 : 0,
        plan?.rank ?? 0,
        // An energy quantity of unstated basis is read as gross (HHV), the usual basis of bills.
        factor.energy_basis === "LHV" && !activity.heating_basis ? 1 : 0,
      ],
    });
  };
  chain.forEach((region, rank) => {
    for (const factor of library.forActivityInRegion(key, region)) consider(factor, rank);
  });
  // Other regions serve only as proxies, and only when the chain has nothing usable.
  if (candidates.length === 0 && options.proxy_regions !== false) {
    for (const factor of all) if (!chain.includes(factor.region)) consider(factor, -1);
  }
  if (candidates.length === 0) throw noCandidate(key, unit, region, unitMismatch, all, options);
  let best = candidates[0] as Candidate;
  for (const candidate of candidates) {
    const order = compareKeys(candidate.key, best.key);
    if (order < 0 || (order === 0 && candidate.factor.id < best.factor.id)) best = candidate;
  }
  return describeSelection(best, activity, region, candidates);
}

function noCandidate(
  key: string,
  unit: UnitDef,
  region: string,
  unitMismatch: boolean,
  all: readonly Factor[],
  options: EstimateOptions,
): InputError {
  if (unitMismatch) {
    const units = [...new Set(all.map((f) => `${f.unitDef.id} (${f.unitDef.dimension})`))].join(
      ", ",
    );
    return new InputError(
      "unit",
      `unit "${unit.id}" is ${unit.dimension}; factors for "${key}" are in ${units} and no heating value or density connects them`,
    );
  }
  if (options.editions && all.some((factor) => !editionAllowed(factor, options))) {
    return new InputError("activity", `no factor for "${key}" in the pinned editions`);
  }
  return new InputError("region", `no factor for "${key}" in region ${region} or its fallbacks`);
}

function describeSelection(
  best: Candidate,
  activity: Activity,
  region: string,
  candidates: Candidate[],
): Selection {
  const { factor, plan } = best;
  const fallbacks: string[] = [];
  const warnings: string[] = [...(plan?.warnings ?? [])];
  if (factor.region !== region) {
    fallbacks.push(`region ${region} -> ${factor.region}${best.proxy ? " (proxy)" : ""}`);
    if (best.proxy) {
      warnings.push(
        `no ${region} factor for "${factor.activity}": ${factor.region} factor used as a proxy`,
      );
    }
  }
  if (factor.price_year === undefined && factor.year !== activity.year) {
    fallbacks.push(`year ${activity.year} -> ${factor.year}`);
  }
  const overruled = overruledTiers(best, candidates);
  if (overruled.length > 0) {
    fallbacks.push(`precedence: ${factor.tier} used over ${overruled.join(", ")}`);
  }
  return { factor, plan, fallbacks, warnings };
}

/** Tiers of factors nearer the activity's region that lost only to the caller's precedence. */
function overruledTiers(best: Candidate, candidates: Candidate[]): string[] {
  const lost = new Set<string>();
  for (const candidate of candidates) {
    if (!candidate.proxy && (candidate.key[2] as number) < (best.key[2] as number)) {
      lost.add(`${candidate.factor.tier} (${candidate.factor.region})`);
    }
  }
  return [...lost];
}
