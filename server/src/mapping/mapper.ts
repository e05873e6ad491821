/**
 * The mapping stages for a whole ledger, one decision per pattern (see pattern.ts):
 * 1. `rule`: the tenant's learned rules (a reviewer's approvals), then the built-in rules;
 * 2. `retrieval`: candidates from the factor library, for the model and for a reviewer;
 * 3. `llm`: the model picks one candidate, when rules are unsure and a model is configured;
 * 4. `review`: whatever is still unsure, or where the stages disagree, waits for a person.
 * Model calls are bounded by a per-ledger budget and cached per tenant, so they grow with
 * distinct patterns, not rows; a failed call sends its rows to review, never to a default.
 */
import type { Category } from "@offgridflow/engine";
import type { Candidate } from "./candidate.ts";
import type { CandidateChooser, LlmDecision, PatternExample } from "./llm/chooser.ts";
import { LlmError } from "./llm/chooser.ts";
import { vendorOf } from "./pattern.ts";
import type { MappingRow, Proposal } from "./proposal.ts";
import { retrieveCandidates } from "./retrieval/index.ts";
import { proposeByRules } from "./rules/index.ts";
import { TimeSlice } from "./time-slice.ts";
import type { Quantity } from "./to-activity.ts";

/** Below this confidence a row waits for a person. */
export const REVIEW_THRESHOLD = 0.75;

/** A mapping a reviewer approved: for one pattern, or for every row of a vendor. */
export interface LearnedRule {
  kind: "pattern" | "vendor";
  pattern: string;
  category: Category;
  activity: string | null;
  naics: string | null;
  factorId: string | null;
  createdBy: string | null;
}

/** What the model decided for a pattern, as kept for the next ledger. */
export type CachedDecision = Pick<LlmDecision, "choice" | "confidence" | "rationale">;

/** A tenant's model decisions by pattern, prompt version and model. */
export interface DecisionStore {
  get(pattern: string, prompt: string, model: string): Promise<CachedDecision | undefined>;
  put(decision: LlmDecision & { pattern: string }): Promise<void>;
}

export class MemoryDecisionStore implements DecisionStore {
  private readonly decisions = new Map<string, CachedDecision>();

  get(pattern: string, prompt: string, model: string): Promise<CachedDecision | undefined> {
    return Promise.resolve(this.decisions.get(JSON.stringify([pattern, prompt, model])));
  }

  put(decision: LlmDecision & { pattern: string }): Promise<void> {
    const { pattern, prompt, model, choice, confidence, rationale } = decision;
    this.decisions.set(JSON.stringify([pattern, prompt, model]), {
      choice,
      confidence,
      rationale,
    });
    return Promise.resolve();
  }
}

export interface MapperOptions {
  /** ISO 3166 country of the reporting company: the region of its activities. */
  country?: string;
  rules?: readonly LearnedRule[];
  chooser?: CandidateChooser;
  decisions?: DecisionStore;
  /** Model calls allowed for one ledger. */
  maxCalls?: number;
  /** Model calls in flight at once. */
  concurrency?: number;
}

export interface PatternDecision {
  pattern: string;
  proposal: Proposal;
  /** Retrieved candidates, for patterns the rules could not settle. */
  candidates: Candidate[];
}

export type LlmUsage = {
  calls: number;
  cached: number;
  failed: number;
  over_budget: number;
  input_tokens: number;
  output_tokens: number;
};

function learnedProposal(rule: LearnedRule): Proposal {
  return {
    category: rule.category,
    activity: rule.activity,
    naics: rule.naics,
    factor: rule.factorId,
    // A person decided: no stage is surer.
    confidence: 1,
    method: "rule",
    reason: `approved by ${rule.createdBy ?? "a reviewer"} for this ${rule.kind}`,
  };
}

function candidateProposal(
  candidate: Candidate,
): Omit<Proposal, "confidence" | "method" | "reason"> {
  return {
    category: candidate.category,
    activity: candidate.activity,
    naics: candidate.naics,
    factor: null,
  };
}

function exampleOf(row: MappingRow, country: string | undefined): PatternExample {
  const { vendor, accountCode, accountName, description, amount, currency, quantity, unit, date } =
    row;
  return {
    vendor,
    accountCode,
    accountName,
    description,
    amount,
    currency,
    quantity,
    unit,
    date,
    country,
  };
}

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class Mapper {
  readonly usage: LlmUsage = {
    calls: 0,
    cached: 0,
    failed: 0,
    over_budget: 0,
    input_tokens: 0,
    output_tokens: 0,
  };
  private readonly byPattern = new Map<string, LearnedRule>();
  private readonly byVendor = new Map<string, LearnedRule>();

  constructor(private readonly options: MapperOptions = {}) {
    for (const rule of options.rules ?? [])
      (rule.kind === "pattern" ? this.byPattern : this.byVendor).set(rule.pattern, rule);
  }

  /**
   * Decides every distinct pattern of `rows` (each with its pattern, from `patternOf`);
   * `quantityOf` gives the representative row's physical quantity, which narrows the candidates
   * to factors that can take it.
   */
  async decide(
    rows: readonly { row: MappingRow; pattern: string }[],
    quantityOf: (row: MappingRow) => Quantity | undefined,
  ): Promise<Map<string, PatternDecision>> {
    const decisions = new Map<string, PatternDecision>();
    const unsure: { pattern: string; row: MappingRow; rules: Proposal }[] = [];
    const slice = new TimeSlice();
    for (const { row, pattern } of rows) {
      if (decisions.has(pattern)) continue;
      if (slice.over()) await slice.pause();
      const learned = this.byPattern.get(pattern) ?? this.byVendor.get(vendorOf(row));
      if (learned) {
        decisions.set(pattern, { pattern, proposal: learnedProposal(learned), candidates: [] });
        continue;
      }
      const rules = proposeByRules(row, { country: this.options.country });
      if (rules.method !== "review" && rules.confidence >= REVIEW_THRESHOLD) {
        decisions.set(pattern, { pattern, proposal: rules, candidates: [] });
        continue;
      }
      const candidates = retrieveCandidates(row, {
        country: this.options.country,
        quantity: quantityOf(row),
      });
      decisions.set(pattern, { pattern, proposal: toReview(rules), candidates });
      unsure.push({ pattern, row, rules });
    }
    const { chooser } = this.options;
    if (chooser) {
      await pool(unsure, this.options.concurrency ?? 4, async ({ pattern, row, rules }) => {
        const decision = decisions.get(pattern) as PatternDecision;
        decision.proposal = await this.askModel(chooser, pattern, row, rules, decision.candidates);
      });
    }
    return decisions;
  }

  private async askModel(
    chooser: CandidateChooser,
    pattern: string,
    row: MappingRow,
    rules: Proposal,
    candidates: Candidate[],
  ): Promise<Proposal> {
    if (candidates.length === 0) return toReview(rules, "no candidate factor to choose from");
    let decision: CachedDecision | undefined = await this.options.decisions?.get(
      pattern,
      chooser.prompt,
      chooser.model,
    );
    if (decision) {
      this.usage.cached++;
    } else {
      if (this.usage.calls >= (this.options.maxCalls ?? Infinity)) {
        this.usage.over_budget++;
        return toReview(rules, `model budget for this ledger (${this.usage.calls} calls) used up`);
      }
      this.usage.calls++;
      try {
        const answer = await chooser.choose(exampleOf(row, this.options.country), candidates);
        this.usage.input_tokens += answer.usage.input_tokens;
        this.usage.output_tokens += answer.usage.output_tokens;
        await this.options.decisions?.put({ ...answer, pattern });
        decision = answer;
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        this.usage.failed++;
        return toReview(rules, `model gave no decision (${error.code}: ${error.message})`);
      }
    }
    const { choice, confidence, rationale } = decision;
    const stamp = { prompt: chooser.prompt, model: chooser.model };
    if (!choice) return { ...toReview(rules, `model: no candidate fits (${rationale})`), ...stamp };
    // The rules had a view of their own (above their review line, below ours) and the model's
    // category contradicts it. A rules' default guess is no view.
    const disagree = rules.method === "rule" && rules.category !== choice.category;
    const proposal: Proposal = {
      ...candidateProposal(choice),
      confidence,
      method: "llm",
      reason: rationale,
      ...stamp,
    };
    if (disagree)
      return {
        ...proposal,
        method: "review",
        reason: `stages disagree: rules said ${rules.category} (${rules.reason}); model chose ${choice.category} (${rationale})`,
      };
    return confidence >= REVIEW_THRESHOLD
      ? proposal
      : { ...proposal, method: "review", reason: `model unsure: ${rationale}` };
  }
}

/** The rules' best guess, marked as waiting for a person, with why. */
function toReview(rules: Proposal, why?: string): Proposal {
  return {
    ...rules,
    method: "review",
    reason: why ? `${why}; rules: ${rules.reason}` : rules.reason,
  };
}
