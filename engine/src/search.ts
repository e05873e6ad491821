/**
 * Factor search for people and for the mapping layer: lexical ranking (IDF-weighted token
 * matches over activity key, name and source, with a few synonyms) plus region, year and
 * source filters. Deterministic: ties break on the factor id.
 */
import type { Factor, FactorLibrary } from "./library.ts";
import { normaliseRegion, regionChain } from "./regions.ts";

export interface SearchQuery {
  text: string;
  /** Keeps factors of this region and its fallbacks (subregion, country, WORLD). */
  region?: string;
  /** Keeps, per activity, region, source and unit, the factor nearest this year. */
  year?: number;
  /** Source id (`desnz`) or a word of its name. */
  source?: string;
  limit?: number;
}

export interface SearchHit {
  factor: Factor;
  score: number;
}

/** A factor as search results show it: identity, provenance and values per unit. */
export function describeFactor(factor: Factor) {
  return {
    id: factor.id,
    activity: factor.activity,
    name: factor.name,
    source: factor.source,
    edition: factor.sourceInfo.edition,
    region: factor.region,
    year: factor.year,
    unit: factor.unitDef.id,
    values: {
      gases_kg: factor.gases,
      co2e_kg: factor.co2e ?? factor.co2e_unsplit ?? null,
      co2e_gwp: factor.co2e_gwp ?? null,
    },
  };
}

export type FactorDescription = ReturnType<typeof describeFactor>;

// Words that name the same thing in ledgers and in publishers' tables.
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  petrol: ["gasoline", "motor"],
  gasoline: ["petrol"],
  power: ["electricity"],
  electric: ["electricity"],
  flight: ["air", "flights"],
  flights: ["air"],
  plane: ["air"],
  airline: ["air"],
  lorry: ["hgv", "truck"],
  truck: ["hgv", "lorry"],
  train: ["rail"],
  railway: ["rail"],
  accommodation: ["hotel"],
  gas: ["natural_gas", "natural"],
  heating: ["heat"],
  fridge: ["refrigerant"],
  trash: ["waste"],
  garbage: ["waste"],
  shipping: ["freight", "sea"],
};

const FIELD_WEIGHTS = { activity: 3, name: 2, source: 0.5 } as const;

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0);
}

interface Posting {
  factor: number;
  weight: number;
}

export class FactorSearch {
  private readonly postings = new Map<string, Posting[]>();
  private readonly vocabulary: string[];

  constructor(private readonly library: FactorLibrary) {
    library.factors.forEach((factor, index) => {
      const fields: [string, number][] = [
        [factor.activity, FIELD_WEIGHTS.activity],
        [factor.name, FIELD_WEIGHTS.name],
        [factor.sourceInfo.name, FIELD_WEIGHTS.source],
      ];
      const best = new Map<string, number>();
      for (const [text, weight] of fields) {
        for (const token of tokens(text)) best.set(token, Math.max(best.get(token) ?? 0, weight));
      }
      for (const [token, weight] of best) {
        const list = this.postings.get(token);
        if (list) list.push({ factor: index, weight });
        else this.postings.set(token, [{ factor: index, weight }]);
      }
    });
    this.vocabulary = [...this.postings.keys()].sort();
  }

  search(query: SearchQuery): SearchHit[] {
    const scores = this.score(query.text);
    const region =
      query.region === undefined ? undefined : regionChain(normaliseRegion(query.region));
    const source = query.source?.toLowerCase();
    let hits: SearchHit[] = [];
    for (const [index, score] of scores) {
      const factor = this.library.factors[index] as Factor;
      if (region && !region.includes(factor.region)) continue;
      if (
        source &&
        factor.source !== source &&
        !factor.sourceInfo.name.toLowerCase().includes(source)
      )
        continue;
      hits.push({ factor, score });
    }
    if (query.year !== undefined) hits = nearestYear(hits, query.year);
    hits.sort(
      (a, b) =>
        b.score - a.score ||
        a.factor.activity.length - b.factor.activity.length ||
        (a.factor.id < b.factor.id ? -1 : 1),
    );
    return hits.slice(0, query.limit ?? 20);
  }

  private score(text: string): Map<number, number> {
    const total = this.library.factors.length;
    const scores = new Map<number, number>();
    const add = (token: string, boost: number): void => {
      const list = this.postings.get(token);
      if (!list) return;
      const idf = Math.log(1 + total / list.length);
      for (const { factor, weight } of list) {
        scores.set(factor, (scores.get(factor) ?? 0) + idf * weight * boost);
      }
    };
    for (const token of tokens(text)) {
      add(token, 1);
      for (const synonym of SYNONYMS[token] ?? [])
        for (const part of tokens(synonym)) add(part, 0.8);
      if (token.length >= 3) {
        for (const word of this.prefixed(token)) if (word !== token) add(word, 0.5);
      }
    }
    return scores;
  }

  /** Vocabulary words starting with `prefix` (binary search over the sorted vocabulary). */
  private prefixed(prefix: string): string[] {
    let low = 0;
    let high = this.vocabulary.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.vocabulary[mid] as string) < prefix) low = mid + 1;
      else high = mid;
    }
    const words: string[] = [];
    for (
      let i = low;
      i < this.vocabulary.length && (this.vocabulary[i] as string).startsWith(prefix);
      i++
    ) {
      words.push(this.vocabulary[i] as string);
    }
    return words;
  }
}

function nearestYear(hits: SearchHit[], year: number): SearchHit[] {
  const best = new Map<string, SearchHit>();
  for (const hit of hits) {
    const { factor } = hit;
    const group = `${factor.activity}|${factor.region}|${factor.source}|${factor.unit}|${factor.energy_basis ?? ""}`;
    const current = best.get(group);
    if (!current || distance(factor.year, year) < distance(current.factor.year, year))
      best.set(group, hit);
  }
  return [...best.values()];
}

function distance(a: number, year: number): number {
  // Nearest year; on a tie the earlier (data that existed at the time) wins.
  return Math.abs(a - year) * 2 + (a > year ? 1 : 0);
}
