/**
 * What the mapping layer remembers for a tenant, in Postgres: the rules its reviewers approved
 * and the model's decisions by pattern, so a pattern costs one model call across ledgers.
 */
import type { Category } from "@offgridflow/engine";
import type { Prisma, PrismaClient } from "../db/client.ts";
import type { Candidate } from "./candidate.ts";
import type { CandidateChooser, LlmDecision } from "./llm/chooser.ts";
import { Mapper, type CachedDecision, type DecisionStore, type LearnedRule } from "./mapper.ts";

/** The model for the `llm` stage, when one is configured, and its calls per ledger or request. */
export interface MappingModel {
  chooser?: CandidateChooser;
  maxLlmCalls?: number;
}

/** A mapper with the tenant's memory: its reviewers' rules and its cached model decisions. */
export async function tenantMapper(
  prisma: PrismaClient,
  tenantId: string,
  model: MappingModel,
  country: string | undefined,
): Promise<Mapper> {
  return new Mapper({
    country,
    rules: await loadLearnedRules(prisma, tenantId),
    chooser: model.chooser,
    decisions: new PrismaDecisionStore(prisma, tenantId),
    maxCalls: model.maxLlmCalls,
  });
}

export async function loadLearnedRules(
  prisma: PrismaClient | Prisma.TransactionClient,
  tenantId: string,
): Promise<LearnedRule[]> {
  const rules = await prisma.mappingRule.findMany({ where: { tenantId } });
  return rules.map((rule) => ({
    kind: rule.kind === "vendor" ? "vendor" : "pattern",
    pattern: rule.pattern,
    category: rule.category as Category,
    activity: rule.activity,
    naics: rule.naics,
    factorId: rule.factorId,
    createdBy: rule.createdBy,
  }));
}

export class PrismaDecisionStore implements DecisionStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly tenantId: string,
  ) {}

  async get(pattern: string, prompt: string, model: string): Promise<CachedDecision | undefined> {
    const found = await this.prisma.mappingDecision.findUnique({
      where: { tenantId_pattern_prompt_model: { tenantId: this.tenantId, pattern, prompt, model } },
    });
    if (!found) return undefined;
    const decision = found.decision as {
      choice: Candidate | null;
      confidence: number;
      rationale: string;
    };
    return decision;
  }

  async put(decision: LlmDecision & { pattern: string }): Promise<void> {
    const { pattern, prompt, model, choice, confidence, rationale, usage } = decision;
    const key = { tenantId: this.tenantId, pattern, prompt, model };
    await this.prisma.mappingDecision.upsert({
      where: { tenantId_pattern_prompt_model: key },
      create: {
        ...key,
        decision: { choice, confidence, rationale } as unknown as Prisma.InputJsonValue,
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
      },
      update: {},
    });
  }
}
