/**
 * Stage `rule` of the mapping layer: built-in knowledge (charts of accounts, multilingual
 * vocabularies, well-known vendors) turns one ledger row into a Proposal. Pure: no I/O.
 */
import type { MappingRow, Proposal } from "../proposal.ts";
import { classifyAccount } from "./accounts.ts";
import {
  combine,
  combineRanked,
  FIELD_WEIGHTS,
  type Field,
  type Signals,
  type Vote,
} from "./combine.ts";
import { contextFlags } from "./context.ts";
import type { Target } from "./families.ts";
import { KEYWORD_RULES } from "./keywords.ts";
import { NOT_EMISSIONS_RULES } from "./not-emissions.ts";
import { matchAll, normalise, type TextRule } from "./text.ts";
import { VENDOR_RULES } from "./vendors.ts";

export { REVIEW_THRESHOLD } from "./combine.ts";

export interface RuleContext {
  /** ISO-2 country of the company, if known. */
  country?: string;
}

function votesFrom<T>(
  rules: readonly TextRule<T>[],
  text: string,
  field: Field,
  target: (value: T) => Target,
  describe: (value: T, rule: TextRule<T>) => string,
): Vote[] {
  return matchAll(rules, text).map((rule) => ({
    target: target(rule.value),
    score: rule.weight * FIELD_WEIGHTS[field],
    decisive: rule.weight === 3 && field === "description",
    field,
    reason: describe(rule.value, rule),
  }));
}

function fieldVotes(text: string, field: Field): Vote[] {
  const matched = (rule: TextRule<unknown>) => rule.pattern.exec(text)?.[0] ?? "";
  return [
    ...votesFrom(
      NOT_EMISSIONS_RULES,
      text,
      field,
      () => "none",
      (reason, rule) => `${reason} (${field} "${matched(rule)}")`,
    ),
    ...votesFrom(
      KEYWORD_RULES,
      text,
      field,
      (family) => family,
      (family, rule) => `${field} "${matched(rule)}" → ${family}`,
    ),
  ];
}

/** Every rule signal of the row: the votes of its text fields, account class and context. */
function signalsOf(row: MappingRow, context: RuleContext): Signals {
  const description = normalise(row.description);
  const accountName = normalise(row.accountName);
  const vendor = normalise(row.vendor);
  const brandVotes = (text: string, field: Field) =>
    votesFrom(
      VENDOR_RULES,
      text,
      field,
      (family) => family,
      (family) => `known vendor → ${family}`,
    ).map((vote) => ({
      ...vote,
      score: vote.score * (field === "vendor" ? 1 : FIELD_WEIGHTS.vendor),
    }));
  const votes = [
    ...fieldVotes(description, "description"),
    ...brandVotes(description, "description"),
    ...fieldVotes(accountName, "accountName"),
    ...fieldVotes(vendor, "vendor"),
    ...brandVotes(vendor, "vendor"),
  ];
  const country = context.country?.toUpperCase();
  return {
    votes,
    account: classifyAccount(row.accountCode, row.accountName, country),
    context: contextFlags(`${description} | ${accountName}`),
    text: `${description} | ${accountName} | ${vendor}`,
    country,
  };
}

export function proposeByRules(row: MappingRow, context: RuleContext = {}): Proposal {
  return combine(signalsOf(row, context));
}

/**
 * The rule stage's alternatives for review and retrieval, in rank order: the first is
 * `proposeByRules`'s decision, then one per other target the row's words voted for, each with
 * the category and NAICS the rules would give it; repeats of a decision are left out.
 */
export function rankByRules(row: MappingRow, context: RuleContext, limit: number): Proposal[] {
  const seen = new Set<string>();
  return combineRanked(signalsOf(row, context))
    .filter((proposal) => {
      const key = `${proposal.category}|${proposal.activity}|${proposal.naics}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit);
}
