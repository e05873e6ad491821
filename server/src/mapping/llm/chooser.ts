/**
 * Stage `llm` of the mapping layer: a chat model chooses, for one ledger pattern, one of the
 * candidates retrieval found, or none. It answers with a candidate key only, never a factor or a
 * number, so every decision can be checked against the list it was given; when it cannot decide
 * (endpoint down, rate limited, an answer that is not one of the keys) the rows go to review.
 */
import { AsyncCaller, type FailedAttemptHandler } from "@langchain/core/utils/async_caller";
import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { ChatOpenAI, OpenAIClient } from "@langchain/openai";
import { z } from "zod";
import type { Env } from "../../env.ts";
import type { Candidate } from "../candidate.ts";
import { fillTemplate, loadPrompt, MAP_ROW_PROMPT, type Prompt } from "./prompt.ts";

const CHOICE = 'The key of the chosen candidate, such as "c2", or "none" when no candidate fits.';
const CONFIDENCE = "Probability from 0 to 1 that the choice is right.";
const RATIONALE = "One or two sentences a reviewer can check against the row.";

export const LlmAnswerSchema = z.object({
  choice: z.string().describe(CHOICE),
  confidence: z.number().min(0).max(1).describe(CONFIDENCE),
  rationale: z.string().max(500).describe(RATIONALE),
});

export type LlmAnswer = z.infer<typeof LlmAnswerSchema>;

// OpenAI's strict structured outputs reject a schema with string length bounds (400 "'maxLength'
// is not permitted"), so the model gets the answer schema without it and the bound is checked here.
const WireAnswerSchema = LlmAnswerSchema.extend({ rationale: z.string().describe(RATIONALE) });

/** What the model is told about a pattern: one representative row, as far as it is known. */
export interface PatternExample {
  vendor?: string;
  accountCode?: string;
  accountName?: string;
  description?: string;
  amount?: number;
  currency?: string;
  quantity?: number;
  unit?: string;
  /** ISO 8601 date of the row. */
  date?: string;
  /** ISO 3166 country of the reporting company. */
  country?: string;
}

export interface LlmDecision {
  /** The chosen candidate, or null when the model says none fits. */
  choice: Candidate | null;
  confidence: number;
  rationale: string;
  /** Prompt id, such as `map-row@v1`. */
  prompt: string;
  /** The configured model name (OGF_LLM_MODEL). */
  model: string;
  usage: { input_tokens: number; output_tokens: number };
}

export type LlmErrorCode =
  "unreachable" | "timeout" | "rate_limited" | "malformed" | "unknown_choice" | "http";

/** A decision that could not be made; the caller sends the pattern's rows to review with it. */
export class LlmError extends Error {
  override readonly name = "LlmError";

  constructor(
    readonly code: LlmErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface CandidateChooser {
  readonly model: string;
  /** Prompt id, such as `map-row@v1`. */
  readonly prompt: string;
  /** Throws LlmError when no decision could be made. */
  choose(example: PatternExample, candidates: Candidate[]): Promise<LlmDecision>;
}

export interface LangChainChooserOptions {
  apiKey: string;
  /** OpenAI-compatible endpoint, such as `https://api.openai.com/v1`. */
  baseURL: string;
  model: string;
  /** Per request. */
  timeoutMs: number;
  /** Retries of 5xx, timeouts, lost connections and 429s that carry a Retry-After hint. */
  maxRetries: number;
}

/** Answers that are not JSON or not in the schema, or were cut off or filtered by the endpoint. */
function isMalformed(error: unknown): boolean {
  return (
    error instanceof SyntaxError ||
    error instanceof z.core.$ZodError ||
    (error instanceof OpenAIClient.OpenAIError && !(error instanceof OpenAIClient.APIError))
  );
}

/**
 * LangChain's default retry policy: 5xx, timeouts, lost connections and 429s with a Retry-After
 * hint are retried with exponential backoff (1-2 s, 2-4 s, 4-8 s, ...); other 4xx, and 429s
 * without a hint, are not.
 */
class LangChainRetryPolicy extends AsyncCaller {
  static readonly transient = new LangChainRetryPolicy({}).onFailedAttempt;
}

// The openai client parses the answer inside LangChain's retried call, so by default a malformed
// answer is asked for again, with backoff; at temperature 0 the model would most likely repeat it.
const retryUnlessMalformed: FailedAttemptHandler = (error) => {
  if (isMalformed(error)) throw error;
  return LangChainRetryPolicy.transient?.(error);
};

function firstLine(message: string): string {
  return message.split("\n", 1)[0]!;
}

/** The innermost `code` (ECONNREFUSED, ENOTFOUND) or message among an error's causes. */
function rootCause(error: Error): string {
  let reason = firstLine(error.message);
  for (let cause: unknown = error.cause; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    reason = typeof code === "string" ? code : firstLine(cause.message);
  }
  return reason;
}

function malformed(error: unknown): LlmError {
  const detail =
    error instanceof z.core.$ZodError
      ? error.issues
          .map((issue) => [...issue.path, issue.message].filter((part) => part !== "").join(": "))
          .join("; ")
      : firstLine((error as Error).message);
  return new LlmError("malformed", `the model's answer is not valid: ${detail}`, { cause: error });
}

/** The error as an LlmError, or undefined when it is not a failure of the model call. */
function classify(error: unknown, options: LangChainChooserOptions): LlmError | undefined {
  const fail = (code: LlmErrorCode, message: string) =>
    new LlmError(code, message, { cause: error });
  if (isMalformed(error)) return malformed(error);
  // LangChain replaces the openai client's APIConnectionTimeoutError by an Error of this name.
  if (error instanceof Error && error.name === "TimeoutError") {
    return fail(
      "timeout",
      `the model did not answer within ${options.timeoutMs} ms (OGF_LLM_TIMEOUT_MS)`,
    );
  }
  if (error instanceof OpenAIClient.APIConnectionError) {
    return fail(
      "unreachable",
      `cannot reach the model endpoint ${options.baseURL}: ${rootCause(error)}`,
    );
  }
  if (error instanceof OpenAIClient.APIError && error.status === 429) {
    return fail("rate_limited", `the model endpoint is rate limiting: ${firstLine(error.message)}`);
  }
  if (error instanceof OpenAIClient.APIError && typeof error.status === "number") {
    return fail("http", `the model endpoint answered ${firstLine(error.message)}`);
  }
  return undefined;
}

function describeExample(example: PatternExample): string {
  const lines: [string, string | undefined][] = [
    ["date", example.date],
    ["vendor", example.vendor],
    ["account", [example.accountCode, example.accountName].filter(Boolean).join(" ") || undefined],
    ["description", example.description],
    [
      "amount",
      example.amount === undefined ? undefined : `${example.amount} ${example.currency ?? ""}`,
    ],
    [
      "quantity",
      example.quantity === undefined ? undefined : `${example.quantity} ${example.unit ?? ""}`,
    ],
    ["company country", example.country],
  ];
  return lines
    .filter((line): line is [string, string] => line[1] !== undefined)
    .map(([field, value]) => `${field}: ${value.trim()}`)
    .join("\n");
}

function describeCandidates(candidates: Candidate[]): string {
  return candidates
    .map(
      (candidate, index) =>
        `${index + 1}. key: ${candidate.key}; category: ${candidate.category}; ` +
        `activity: ${candidate.activity}; naics: ${candidate.naics ?? "-"}; ` +
        `factor: ${candidate.factor ?? "-"}; label: ${candidate.label}; unit: ${candidate.unit ?? "-"}`,
    )
    .join("\n");
}

/** Any OpenAI-compatible chat completions endpoint with structured outputs, through LangChain. */
export class LangChainChooser implements CandidateChooser {
  readonly model: string;
  readonly prompt: string;
  readonly #options: LangChainChooserOptions;
  readonly #template: Prompt;
  readonly #chat;

  constructor(options: LangChainChooserOptions) {
    this.#options = options;
    this.#template = loadPrompt(MAP_ROW_PROMPT.name, MAP_ROW_PROMPT.version);
    this.model = options.model;
    this.prompt = this.#template.id;
    this.#chat = new ChatOpenAI({
      apiKey: options.apiKey,
      // Always explicit: otherwise LangChain falls back to OPENAI_API_BASE or a LangSmith gateway.
      configuration: { baseURL: options.baseURL },
      model: options.model,
      temperature: 0,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
      onFailedAttempt: retryUnlessMalformed,
    }).withStructuredOutput(WireAnswerSchema, {
      name: "choose_candidate",
      method: "jsonSchema",
      includeRaw: true,
    });
  }

  async choose(example: PatternExample, candidates: Candidate[]): Promise<LlmDecision> {
    const user = fillTemplate(this.#template.user, {
      row: describeExample(example),
      candidates: describeCandidates(candidates),
    });
    let output;
    try {
      output = await this.#chat.invoke([
        new SystemMessage(this.#template.system),
        new HumanMessage(user),
      ]);
    } catch (error) {
      throw classify(error, this.#options) ?? error;
    }
    // `parsed` is null when LangChain could not parse the answer (a refusal, say).
    const answer = LlmAnswerSchema.safeParse(output.parsed);
    if (!answer.success) throw malformed(answer.error);
    const { choice, confidence, rationale } = answer.data;
    const chosen = choice === "none" ? null : candidates.find((c) => c.key === choice);
    if (chosen === undefined) {
      const keys = candidates.map((c) => c.key).join(", ");
      throw new LlmError(
        "unknown_choice",
        `the model chose "${choice}", not one of ${keys} or none`,
      );
    }
    const usage = AIMessage.isInstance(output.raw) ? output.raw.usage_metadata : undefined;
    return {
      choice: chosen,
      confidence,
      rationale,
      prompt: this.prompt,
      model: this.model,
      usage: {
        input_tokens: usage?.input_tokens ?? 0,
        output_tokens: usage?.output_tokens ?? 0,
      },
    };
  }
}

/** The configured chooser, or undefined when no model endpoint is configured. */
export function chooserFromEnv(
  env: Pick<
    Env,
    | "OPENAI_API_KEY"
    | "OPENAI_BASE_URL"
    | "OGF_LLM_MODEL"
    | "OGF_LLM_TIMEOUT_MS"
    | "OGF_LLM_MAX_RETRIES"
  >,
): CandidateChooser | undefined {
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) return undefined;
  return new LangChainChooser({
    // Local endpoints (Ollama, vLLM) ignore the key, but the openai client requires one.
    apiKey: env.OPENAI_API_KEY ?? "not-needed",
    baseURL: env.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
    model: env.OGF_LLM_MODEL,
    timeoutMs: env.OGF_LLM_TIMEOUT_MS,
    maxRetries: env.OGF_LLM_MAX_RETRIES,
  });
}
