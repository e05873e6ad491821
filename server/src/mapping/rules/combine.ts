/**
 * Weighs the signals of one row into a Proposal. Each text field votes for targets (activity
 * families or `none`) through the vocabularies; the account class (fixed asset, personnel, tax,
 * ...) then constrains the category, and context words settle the Scope 1/3 subtleties of the
 * README label rules. Confidence grows with the winning score and with agreement between fields,
 * and drops when another field points at a different category.
 */
import type { Category } from "@offgridflow/engine";
import type { Proposal } from "../proposal.ts";
import type { AccountHint } from "./accounts.ts";
import type { ContextFlag } from "./context.ts";
import { isSpend, type ActivityFamily, type Target } from "./families.ts";
import { naicsFor } from "./naics.ts";

/** How much each field's words count: the booking text says most, the vendor least. */
export const FIELD_WEIGHTS = { description: 1, accountName: 0.8, vendor: 0.7 } as const;
export type Field = keyof typeof FIELD_WEIGHTS;

/** Below this confidence a proposal goes to review. */
export const REVIEW_THRESHOLD = 0.65;

export interface Vote {
  target: Target;
  /** Rule weight × field weight. */
  score: number;
  field: Field;
  /**
   * A decisive phrase (rule weight 3) in the booking text names the activity outright: it beats
   * an account name and a vendor that together suggest the account's usual content (EV charging
   * on a fuel account, a sewerage charge on the water account, an electricity-tax refund).
   */
  decisive: boolean;
  reason: string;
}

export interface Signals {
  votes: Vote[];
  account?: AccountHint;
  context: Set<ContextFlag>;
  /** Normalised description + account name + vendor, for NAICS refinements. */
  text: string;
  country?: string;
}

interface Tally {
  target: Target;
  score: number;
  fields: Set<Field>;
  decisive: boolean;
  reasons: string[];
}

/** Sum per target of the best vote per field; ties keep the first target voted for. */
function tally(votes: Vote[]): Tally[] {
  const best = new Map<string, Vote>();
  for (const vote of votes) {
    const key = `${vote.target}|${vote.field}`;
    const seen = best.get(key);
    if (!seen || vote.score > seen.score) best.set(key, vote);
  }
  const byTarget = new Map<Target, Tally>();
  for (const vote of best.values()) {
    const entry = byTarget.get(vote.target) ?? {
      target: vote.target,
      score: 0,
      fields: new Set<Field>(),
      decisive: false,
      reasons: [],
    };
    entry.score += vote.score;
    entry.decisive ||= vote.decisive;
    entry.fields.add(vote.field);
    entry.reasons.push(vote.reason);
    byTarget.set(vote.target, entry);
  }
  return [...byTarget.values()].sort(
    (a, b) => Number(b.decisive) - Number(a.decisive) || b.score - a.score,
  );
}

/** The same goods bought for resale rather than for own use. */
const RESALE_VARIANTS: Partial<Record<ActivityFamily, ActivityFamily>> = {
  "spend.furniture": "spend.merchandise_furniture",
};

/** Countries where unsorted commercial waste is customarily landfilled (README rule 14). */
const LANDFILL_COUNTRIES = new Set(["US", "CA", "AU"]);

interface Decision {
  category: Category;
  activity: ActivityFamily | null;
  reason: string;
  /** Added to the confidence: negative where a default stood in for a missing fact. */
  adjust: number;
}

function fuelCategory(family: ActivityFamily, context: Set<ContextFlag>): Decision {
  if (context.has("trip")) {
    return {
      category: "3.6",
      activity: family,
      reason: "fuel for a rental car on a trip (rule 2)",
      adjust: 0,
    };
  }
  const mobile = context.has("vehicle");
  const stationary = context.has("stationary");
  if (mobile !== stationary) {
    return mobile
      ? {
          category: "mobile_combustion",
          activity: family,
          reason: "fuel for vehicles we operate (rule 1)",
          adjust: 0,
        }
      : {
          category: "stationary_combustion",
          activity: family,
          reason: "fuel burned in fixed equipment (rule 1)",
          adjust: 0,
        };
  }
  const usuallyMobile =
    family === "fuel.diesel" || family === "fuel.petrol" || family === "fuel.hvo";
  return {
    category: usuallyMobile ? "mobile_combustion" : "stationary_combustion",
    activity: family,
    reason: `no equipment named: ${family} defaults to ${usuallyMobile ? "vehicles" : "fixed equipment"}`,
    adjust: family === "fuel.lpg" || mobile ? -0.2 : -0.05,
  };
}

function refrigerantCategory(family: ActivityFamily, context: Set<ContextFlag>): Decision {
  if (context.has("firstCharge") || context.has("capitalised")) {
    return {
      category: "3.2",
      activity: "spend.machinery",
      reason: "first charge of new equipment is part of the installation (rule 5)",
      adjust: 0,
    };
  }
  if (context.has("topUp")) {
    return {
      category: "fugitive",
      activity: family,
      reason: "refrigerant added to existing equipment (rule 5)",
      adjust: 0,
    };
  }
  return {
    category: "3.1",
    activity: "spend.hvac_maintenance",
    reason: "refrigerant named but nothing added: service (rule 5)",
    adjust: -0.15,
  };
}

/** Category of a family booked on an ordinary expense or purchase account. */
function categoryOf(family: ActivityFamily, signals: Signals): Decision {
  const { context } = signals;
  const plain = (category: Category, reason: string): Decision => ({
    category,
    activity: family,
    reason,
    adjust: 0,
  });
  if (family.startsWith("fuel.")) return fuelCategory(family, context);
  if (family.startsWith("refrigerant.")) return refrigerantCategory(family, context);
  if (family === "process.urea_scr")
    return plain("mobile_combustion", "AdBlue counted with mobile combustion (rule 4)");
  if (family === "process.co2") return plain("process", "purchased CO2 released on site (rule 6)");
  if (family === "electricity.grid") {
    return context.has("tenant")
      ? plain("3.13", "energy of space leased to a tenant who operates it (rule 19)")
      : plain("purchased_electricity", "electricity we consume (rule 7)");
  }
  if (family === "electricity.td_losses")
    return plain("3.3", "separate network-operator invoice: T&D losses (rule 9)");
  if (family.startsWith("heat."))
    return plain("purchased_heat_steam_cooling", "purchased heat or steam (rule 7)");
  if (family.startsWith("travel.")) return plain("3.6", "business travel (rule 15)");
  if (family.startsWith("commute.")) return plain("3.7", "employee commuting (rule 16)");
  if (family.startsWith("freight.")) {
    return context.has("passThrough")
      ? plain("3.9", "freight passed on to the customer (rule 18)")
      : plain("3.4", "transport we pay for (rule 13)");
  }
  if (family === "waste.incineration" && LANDFILL_COUNTRIES.has(signals.country ?? "")) {
    return {
      category: "3.5",
      activity: "waste.landfill",
      reason: "mixed waste, landfilled by custom here (rule 14)",
      adjust: 0,
    };
  }
  if (family.startsWith("waste.")) return plain("3.5", "waste generated in operations (rule 14)");
  if (family === "leased.building")
    return plain("3.8", "space whose energy the landlord controls (rule 17)");
  if (family === "investment.equity") return plain("3.15", "equity investment (rule 20)");
  if (context.has("capitalised")) return plain("3.2", "capitalised purchase (rule 11)");
  const resale = context.has("resale") ? RESALE_VARIANTS[family] : undefined;
  if (resale) return { ...plain("3.1", "goods bought for resale (rule 10)"), activity: resale };
  return plain("3.1", "purchased goods or services (rule 10)");
}

const NOT_EMISSIONS_CLASSES = new Set(["balance_sheet", "depreciation", "interest", "tax"]);

/** The account class overrides or constrains what the words say. */
function decide(ranked: Tally[], signals: Signals): Decision | undefined {
  const top = ranked[0];
  const account = signals.account;
  const klass = account?.klass;
  const none = (reason: string): Decision => ({
    category: "not_emissions",
    activity: null,
    reason,
    adjust: 0,
  });
  if (klass === "fixed_asset") {
    if (top?.target === "investment.equity") return categoryOf("investment.equity", signals);
    const spend = ranked.find((entry) => isSpend(entry.target));
    const activity = (spend?.target ?? "spend.machinery") as ActivityFamily;
    return {
      category: "3.2",
      activity,
      reason: `fixed-asset account: ${account?.meaning} (rule 11)`,
      adjust: spend ? 0 : -0.2,
    };
  }
  if (klass === "financial_asset") {
    return {
      category: "3.15",
      activity: "investment.equity",
      reason: `financial-asset account: ${account?.meaning} (rule 20)`,
      adjust: 0,
    };
  }
  if (!top) return undefined;
  if (top.target === "none") return none(top.reasons[0] ?? "not an emission");
  const family = top.target;
  if (klass === "transitory" && family.startsWith("freight.")) {
    return {
      category: "3.9",
      activity: family,
      reason: `freight on a transitory account (${account?.meaning}) is passed on (rule 18)`,
      adjust: 0,
    };
  }
  if (klass === "revenue") {
    return family.startsWith("waste.")
      ? {
          category: "3.5",
          activity: "waste.recycling",
          reason: "paid for recyclables: the tonnage is waste (rule 14)",
          adjust: 0,
        }
      : none(`income account (${account?.meaning}): recharge or by-product income`);
  }
  if (klass === "personnel") {
    // Personnel accounts also carry purchased benefits: job tickets, canteen contracts.
    return top.score >= 2
      ? { ...categoryOf(family, signals), adjust: -0.05 }
      : none(`personnel account (${account?.meaning}): compensation`);
  }
  if (klass && NOT_EMISSIONS_CLASSES.has(klass) && klass !== "balance_sheet") {
    return none(`${klass} account (${account?.meaning})`);
  }
  if (klass === "balance_sheet")
    return { ...none(`balance-sheet account (${account?.meaning})`), adjust: -0.1 };
  return categoryOf(family, signals);
}

/** Confidence by the winning target's score: a decisive phrase or several agreeing fields. */
const SCORE_TIERS: [minScore: number, confidence: number][] = [
  [2.5, 0.9],
  [1.9, 0.8],
  [1.4, 0.72],
  [0, 0.6],
];

function confidenceOf(ranked: Tally[], decision: Decision, signals: Signals): number {
  const top = ranked[0];
  if (!top) return Math.max(0, 0.5 + decision.adjust);
  let confidence = SCORE_TIERS.find(([minScore]) => top.score >= minScore)?.[1] ?? 0.6;
  if (top.fields.size >= 2) confidence += 0.05;
  // Disagreement: the strongest other target that would lead to a different category.
  const challenger = ranked.find((entry) => entry !== top && !compatible(entry.target, decision));
  if (challenger && challenger.score >= top.score * 0.75) confidence -= 0.2;
  else if (challenger && challenger.score >= top.score * 0.5) confidence -= 0.08;
  if (signals.account === undefined) confidence -= 0.05;
  return Math.max(0, Math.min(1, confidence + decision.adjust));
}

/** A runner-up that leads to the same category does not weaken the decision. */
function compatible(target: Target, decision: Decision): boolean {
  if (target === "none") return decision.category === "not_emissions";
  if (decision.category === "3.2" || decision.category === "3.1")
    return isSpend(target) || target === "water.supply";
  return target.split(".")[0] === decision.activity?.split(".")[0];
}

/** The proposal the rules make when `ranked[0]` is taken as the winning target. */
function propose(ranked: Tally[], signals: Signals): Proposal {
  const decision = decide(ranked, signals) ?? {
    category: "3.1",
    activity: "spend.mro_supplies",
    reason: "no rule matched: guessed as a purchase",
    adjust: -0.3,
  };
  const confidence = Math.round(confidenceOf(ranked, decision, signals) * 100) / 100;
  const scope3 = decision.category.startsWith("3.");
  const naics = scope3 && decision.activity ? naicsFor(decision.activity, signals.text) : null;
  const evidence = ranked[0]?.reasons.slice(0, 2).join("; ");
  return {
    category: decision.category,
    activity: decision.activity,
    naics,
    confidence,
    method: confidence >= REVIEW_THRESHOLD ? "rule" : "review",
    reason: evidence ? `${decision.reason} — ${evidence}` : decision.reason,
  };
}

export function combine(signals: Signals): Proposal {
  return propose(tally(signals.votes), signals);
}

/**
 * One proposal per voted target, strongest first: the first is `combine`'s, each later one is
 * what the rules would decide (category, NAICS, confidence against the other votes) had that
 * target won. Alternatives the account class collapses onto the same decision repeat.
 */
export function combineRanked(signals: Signals): Proposal[] {
  const ranked = tally(signals.votes);
  return [
    propose(ranked, signals),
    ...ranked
      .slice(1)
      .map((entry) => propose([entry, ...ranked.filter((other) => other !== entry)], signals)),
  ];
}
