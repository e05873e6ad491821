/**
 * The factor library condensed for candidate search, built once at module load: one factor per
 * activity key and source, for the keys `KEY_CATEGORIES` maps. Regional copies of a factor
 * differ only in their region's name, so the candidates are the same, while the search scans
 * about a quarter of the records (a query stays well under a millisecond) and its IDF counts
 * activities rather than copies (5,178 grid factors make "electricity" nearly a stop word). The
 * region is applied when the factor is resolved, as the engine does, falling back to proxies:
 * filtering the search by region would drop every US-only spend factor for a German company.
 */
import {
  FactorLibrary,
  FactorSearch,
  library,
  normaliseRegion,
  regionChain,
  type Category,
  type Factor,
  type UnitDef,
} from "@offgridflow/engine";
import { categoryOfKey } from "./categories.ts";

export interface ActivityHit {
  activity: string;
  category: Category;
  /** Units of the activity's factors in any region, for the dimension check. */
  units: readonly UnitDef[];
  /** The best-matching factor of the activity. */
  factor: Factor;
  score: number;
}

interface Entry {
  category: Category;
  units: UnitDef[];
}

function build(): { entries: Map<string, Entry>; search: FactorSearch; size: number } {
  const entries = new Map<string, Entry>();
  const representatives = new Map<string, Factor>();
  for (const factor of library.factors) {
    const category = categoryOfKey(factor.activity);
    if (!category) continue;
    const entry = entries.get(factor.activity) ?? { category, units: [] };
    entries.set(factor.activity, entry);
    if (!entry.units.some((unit) => unit.id === factor.unitDef.id))
      entry.units.push(factor.unitDef);
    const key = `${factor.activity}|${factor.source}`;
    if (!representatives.has(key)) representatives.set(key, factor);
  }
  const factors = [...representatives.values()];
  const sources = [...new Set(factors.map((factor) => factor.sourceInfo))];
  const search = new FactorSearch(new FactorLibrary({ sources, factors }));
  return { entries, search, size: factors.length };
}

const catalogue = build();

/** Activities matching the query, best first, each with its best-scoring factor. */
export function searchActivities(text: string): ActivityHit[] {
  const hits: ActivityHit[] = [];
  const seen = new Set<string>();
  for (const { factor, score } of catalogue.search.search({ text, limit: catalogue.size })) {
    if (seen.has(factor.activity)) continue;
    seen.add(factor.activity);
    const entry = catalogue.entries.get(factor.activity) as Entry;
    hits.push({
      activity: factor.activity,
      category: entry.category,
      units: entry.units,
      factor,
      score,
    });
  }
  return hits;
}

/**
 * The factor of `activity` a reader should see when the engine cannot resolve the row (no
 * quantity, no amount): national, else WORLD, else any region, nearest the year.
 */
export function likelyFactor(
  activity: string,
  region: string | undefined,
  year: number | undefined,
): Factor | undefined {
  const all = library.forActivity(activity);
  if (!all) return undefined;
  const chain = region ? regionChain(normaliseRegion(region)) : [];
  const pool =
    chain.map((code) => library.forActivityInRegion(activity, code)).find((l) => l.length > 0) ??
    all;
  const distance = (factor: Factor) =>
    year === undefined ? -factor.year : Math.abs(factor.year - year);
  return pool.reduce((best, factor) => {
    const order = distance(factor) - distance(best);
    return order < 0 || (order === 0 && factor.id < best.id) ? factor : best;
  });
}
