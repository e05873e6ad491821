/**
 * Stage `retrieval` of the mapping layer: a short, ranked list of candidates for one ledger
 * pattern, for the model to choose among (by key) and for a reviewer to pick from. It merges the
 * rule stage's alternatives (which know the label rules: who operates the equipment, what the
 * account class allows) with a lexical search of the factor library (which knows every factor,
 * in English) reached through a multilingual vocabulary. Pure and deterministic.
 */
import { findUnit, isRowError, library, type Factor } from "@offgridflow/engine";
import type { Candidate } from "../candidate.ts";
import type { MappingRow, Proposal } from "../proposal.ts";
import { ACTIVITY_FAMILIES, type ActivityFamily } from "../rules/families.ts";
import { rankByRules } from "../rules/index.ts";
import { DEFAULT_NAICS, naicsFor } from "../rules/naics.ts";
import { estimateMapped, type Quantity } from "../to-activity.ts";
import { categoryOfKey } from "./categories.ts";
import { likelyFactor, searchActivities, type ActivityHit } from "./catalogue.ts";
import { conceptsIn, normaliseLedgerText, refrigerantCodes } from "./vocabulary.ts";

export interface RetrievalContext {
  /** ISO-2 country of the company: the region factors are resolved for. */
  country?: string;
  /** The row's physical quantity in an engine unit, when it has one. */
  quantity?: Quantity;
}

/**
 * Scores, comparable within one list. Rule candidates score their confidence, made
 * non-increasing so the rules' own order stands. The best search match scores SEARCH_WEIGHT,
 * below the rules' review threshold (0.65): a decision the rules are sure of stays first and
 * search fills the list, while a rule guess (no rule matched) yields to what search found.
 */
const SEARCH_WEIGHT = 0.6;
/** Search matches scoring below this share of the best one are noise (a prefix, a stray word). */
const MIN_RELATIVE_SCORE = 0.2;
/**
 * Without a quantity, a search match only an activity-based factor could estimate stays for the
 * reviewer (who may find the quantity) but ranks below spend-capable ones. Rule candidates are
 * not demoted: the rules already weighed the row, and a Scope 1/2 row without its kWh is still
 * Scope 1/2. With a quantity, a spend-only match ranks a little below the activity-based ones
 * (GHG Protocol data hierarchy: activity data before spend), and a match that can take neither
 * the quantity nor the amount is dropped.
 */
const ACTIVITY_WITHOUT_QUANTITY = 0.5;
const SPEND_WITH_QUANTITY = 0.8;

/**
 * Families whose default NAICS code no other family shares: a USEEIO match for that industry is
 * that family, under the family's category (a hotel bill is 3.6 business travel, not 3.1).
 */
const FAMILY_OF_NAICS: ReadonlyMap<string, ActivityFamily> = (() => {
  const byCode = new Map<string, ActivityFamily[]>();
  for (const family of ACTIVITY_FAMILIES) {
    const code = DEFAULT_NAICS[family];
    if (code) byCode.set(code, [...(byCode.get(code) ?? []), family]);
  }
  return new Map(
    [...byCode].flatMap(([code, families]) =>
      families.length === 1 ? [[code, families[0] as ActivityFamily] as const] : [],
    ),
  );
})();

const FAMILIES: ReadonlySet<string> = new Set(ACTIVITY_FAMILIES);

/** The activity family a library key is, or refines (`travel.air.long_haul` → `travel.air`). */
function familyOf(key: string): ActivityFamily | undefined {
  for (let end = key.length; end > 0; end = key.lastIndexOf(".", end - 1)) {
    const prefix = key.slice(0, end);
    if (FAMILIES.has(prefix)) return prefix as ActivityFamily;
  }
  return undefined;
}

interface Pooled {
  category: Candidate["category"];
  activity: string;
  naics: string | null;
  score: number;
  why: string[];
  /** Found by search (as well). */
  searched: boolean;
}

interface Query {
  text: string;
  /** Query word → the ledger word it came from (itself for words taken as they are). */
  sources: Map<string, string>;
}

// Booking-text words that say how something was bought, not what: searched, they match factor
// names at random ("services", "parts", "supplies" are in hundreds of NAICS titles).
const GENERIC_WORDS = new Set(
  "invoice payment order purchase purchases delivery monthly annual quarterly services service supplies supply sundry various misc miscellaneous general other charge charges total credit refund batch items item parts account ltd inc llc gmbh".split(
    " ",
  ),
);

/**
 * The vocabulary's concepts in the whole text, plus the booking text's own longer words: the
 * factor tables are in English, so an English word the vocabulary lacks ("copper", "paint")
 * still finds its industry. Vendor and account names give only concepts: a name is not a thing.
 */
function queryOf(text: string, description: string): Query {
  const sources = new Map<string, string>();
  for (const match of conceptsIn(text)) {
    for (const word of match.english.split(" "))
      if (!sources.has(word)) sources.set(word, match.word);
  }
  for (const code of refrigerantCodes(text)) sources.set(code, code);
  for (const word of description.split(/[^a-z]+/))
    if (word.length >= 5 && !GENERIC_WORDS.has(word) && !sources.has(word)) sources.set(word, word);
  return { text: [...sources.keys()].join(" "), sources };
}

/** Which query words the factor's key and name contain, by the ledger word behind them. */
function matchedWords(factor: Factor, query: Query): string {
  const tokens = `${factor.activity} ${factor.name}`.toLowerCase().split(/[^a-z0-9]+/);
  const bySource = new Map<string, string[]>();
  for (const [word, from] of query.sources) {
    if (tokens.some((token) => token.startsWith(word)))
      bySource.set(from, [...(bySource.get(from) ?? []), word]);
  }
  return [...bySource]
    .map(([from, words]) =>
      words.join(" ") === from ? `"${from}"` : `"${from}"→${words.join(" ")}`,
    )
    .join(", ");
}

/**
 * One search match per group of near-twins: the refinements of one activity family (cabin
 * classes of a flight, materials of a recycling route), the other keys of one library branch
 * (the 40 non-road engines burning diesel), the six-digit industries of one four-digit NAICS
 * group. The list stays short and the best of each group stands for the rest.
 */
function groupOf(category: string, activity: string, naics: string | null): string {
  if (activity.startsWith("spend.") && naics) return `${category}|naics ${naics.slice(0, 4)}`;
  return `${category}|${familyOf(activity) ?? activity.split(".")[0]}`;
}

function spendCapable(row: MappingRow, naics: string | null): boolean {
  return (
    naics !== null &&
    row.amount !== undefined &&
    !!row.currency &&
    library.forActivity(`spend.naics.${naics}`) !== undefined
  );
}

interface Group {
  candidate: Pooled;
  best: number;
  /** Another member matched as well as the first: the text did not single out a refinement. */
  tied: boolean;
}

function searchCandidates(row: MappingRow, text: string, quantity: Quantity | undefined): Pooled[] {
  const query = queryOf(text, normaliseLedgerText(row.description));
  if (query.sources.size === 0) return [];
  const hits = searchActivities(query.text);
  const best = hits[0]?.score ?? 0;
  const quantityUnit = quantity && findUnit(quantity.unit);
  const groups = new Map<string, Group>();
  for (const hit of hits) {
    const relative = hit.score / best;
    if (relative < MIN_RELATIVE_SCORE) break;
    const { category, activity, naics } = identify(hit, text);
    const takesQuantity =
      quantityUnit !== undefined &&
      hit.units.some(
        (unit) =>
          unit.dimension === quantityUnit.dimension && unit.countOf === quantityUnit.countOf,
      );
    const takesAmount = spendCapable(row, naics);
    let weight = 1;
    if (quantityUnit) {
      if (!takesQuantity && !takesAmount) continue;
      if (!takesQuantity) weight = SPEND_WITH_QUANTITY;
    } else if (!takesAmount) {
      weight = ACTIVITY_WITHOUT_QUANTITY;
    }
    const key = groupOf(category, activity, naics);
    const group = groups.get(key);
    if (group) {
      group.tied ||= hit.score === group.best;
      continue;
    }
    groups.set(key, {
      candidate: {
        category,
        activity,
        naics,
        score: SEARCH_WEIGHT * relative * weight,
        why: [`search: ${matchedWords(hit.factor, query)}`],
        searched: true,
      },
      best: hit.score,
      tied: false,
    });
  }
  // Where the refinements tie, the family stands for them (no first-class fare by accident).
  return [...groups.values()].map(({ candidate, tied }) => {
    const family = familyOf(candidate.activity);
    return tied && family ? { ...candidate, activity: family } : candidate;
  });
}

/** Category, activity and NAICS of a search match. */
function identify(hit: ActivityHit, text: string): Omit<Pooled, "score" | "why" | "searched"> {
  if (hit.activity.startsWith("spend.naics.")) {
    const naics = hit.activity.slice("spend.naics.".length);
    const family = FAMILY_OF_NAICS.get(naics);
    if (!family) return { category: hit.category, activity: hit.activity, naics };
    return { category: categoryOfKey(family) ?? hit.category, activity: family, naics };
  }
  // Scope 3 activities get the family's supplier industry, so spend can stand in for a quantity.
  const family = hit.category.startsWith("3.") ? familyOf(hit.activity) : undefined;
  return {
    category: hit.category,
    activity: hit.activity,
    naics: family ? naicsFor(family, text) : null,
  };
}

function ruleCandidates(proposals: Proposal[]): Pooled[] {
  let ceiling = 1;
  return proposals.map((proposal) => {
    ceiling = Math.min(ceiling, proposal.confidence);
    return {
      category: proposal.category,
      activity: proposal.activity ?? "none",
      naics: proposal.naics,
      score: ceiling,
      why: [`rule ${proposal.confidence}: ${proposal.reason}`],
      searched: false,
    };
  });
}

/** Rule candidates, then search matches not already among them; best first. */
function pool(rules: Pooled[], found: Pooled[]): Pooled[] {
  const byKey = new Map<string, Pooled>();
  const keyOf = (c: Pooled) => `${c.category}|${c.activity}|${c.naics}`;
  for (const candidate of [...rules, ...found]) {
    const seen = byKey.get(keyOf(candidate));
    if (!seen) byKey.set(keyOf(candidate), candidate);
    else if (!seen.searched) {
      // Search agrees with a rule: say so.
      seen.why.push(...candidate.why);
      seen.searched = true;
    }
  }
  // A stable sort: equal scores keep rule order, then search order.
  return [...byKey.values()].sort((a, b) => b.score - a.score);
}

function yearOf(row: MappingRow): number | undefined {
  const year = Number(row.date?.slice(0, 4));
  return Number.isInteger(year) && year > 0 ? year : undefined;
}

/** An activity key for people: `spend.cloud_services` → "spend › cloud services". */
function readable(activity: string): string {
  return activity === "none" ? "not emissions" : activity.replace(/_/g, " ").split(".").join(" › ");
}

/**
 * The factor the engine selects for the row under this candidate (activity-based on the
 * quantity, else spend-based on the amount), else the one a reader should see, and whether
 * the row can be estimated as it stands.
 */
function factorFor(
  candidate: Pooled,
  row: MappingRow,
  context: RetrievalContext,
): { factor: Factor | undefined; estimable: boolean } {
  if (candidate.category === "not_emissions") return { factor: undefined, estimable: true };
  const proposal: Proposal = {
    category: candidate.category,
    activity: candidate.activity,
    naics: candidate.naics,
    confidence: candidate.score,
    method: "retrieval",
    reason: "",
  };
  const { outcome } = estimateMapped(proposal, row, context.quantity, {
    id: "retrieval",
    region: context.country,
  });
  if (outcome && !isRowError(outcome)) {
    return { factor: library.get(outcome.factor.id), estimable: true };
  }
  const key = library.forActivity(candidate.activity)
    ? candidate.activity
    : candidate.naics && `spend.naics.${candidate.naics}`;
  return {
    factor: key ? likelyFactor(key, context.country, yearOf(row)) : undefined,
    estimable: false,
  };
}

/**
 * Up to `limit` candidates for the row, best first, keyed `c1`, `c2`, ... in that order.
 * `context.quantity` is the row's physical quantity (quantity column or description), if any.
 */
export function retrieveCandidates(
  row: MappingRow,
  context: RetrievalContext = {},
  limit = 8,
): Candidate[] {
  const text = [row.description, row.accountName, row.vendor].map(normaliseLedgerText).join(" | ");
  const rules = ruleCandidates(rankByRules(row, { country: context.country }, limit));
  const ranked = pool(rules, searchCandidates(row, text, context.quantity)).slice(0, limit);
  return ranked.map((candidate, index) => {
    const { factor, estimable } = factorFor(candidate, row, context);
    return {
      key: `c${index + 1}`,
      category: candidate.category,
      activity: candidate.activity,
      naics: candidate.naics,
      factor: factor?.id ?? null,
      label: factor?.name ?? readable(candidate.activity),
      unit: factor?.unit ?? null,
      estimable,
      score: Math.round(candidate.score * 1000) / 1000,
      why: candidate.why.join("; "),
    };
  });
}
