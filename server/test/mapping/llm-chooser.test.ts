import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, it } from "vitest";
import type { Candidate } from "../../src/mapping/candidate.ts";
import {
  chooserFromEnv,
  LangChainChooser,
  LlmError,
  type LangChainChooserOptions,
  type PatternExample,
} from "../../src/mapping/llm/chooser.ts";
import { fillTemplate, loadPrompt, MAP_ROW_PROMPT } from "../../src/mapping/llm/prompt.ts";
import { closedPort, startOpenAiStandIn, type OpenAiStandIn } from "../support/openai-stand-in.ts";

const CANDIDATES: Candidate[] = [
  {
    key: "c1",
    category: "3.1",
    activity: "spend.vehicle_repair",
    naics: "811111",
    factor: "useeio-2.0:811111",
    label: "General automotive repair",
    unit: "USD",
    estimable: true,
    score: 0.61,
    why: "account 6530",
  },
  {
    key: "c2",
    category: "mobile_combustion",
    activity: "fuel.diesel",
    naics: null,
    factor: "desnz-2024:diesel-average-biofuel-blend",
    label: "Diesel (average biofuel blend)",
    unit: "l",
    estimable: false,
    score: 0.58,
    why: "words: diesel",
  },
  {
    key: "c3",
    category: "purchased_electricity",
    activity: "electricity.grid",
    naics: null,
    factor: null,
    label: "Grid electricity",
    unit: "kWh",
    estimable: false,
    score: 0.2,
    why: "words: strom",
  },
];

const DIESEL: PatternExample = {
  date: "2024-03-05",
  vendor: "Shell Deutschland",
  accountCode: "6530",
  accountName: "Laufende Kfz-Betriebskosten",
  description: "Shell Fleet diesel 45,3L",
  amount: 78.4,
  currency: "EUR",
  quantity: 45.3,
  unit: "l",
  country: "DE",
};

const ANSWER = { choice: "c2", confidence: 0.92, rationale: "A fleet card diesel purchase." };

/** A stand-in for this test, closed when it ends, and a chooser talking to it. */
async function setUp(
  onTestFinished: (fn: () => Promise<void>) => void,
  options: Partial<LangChainChooserOptions> = {},
): Promise<{ api: OpenAiStandIn; chooser: LangChainChooser }> {
  const api = await startOpenAiStandIn();
  onTestFinished(() => api.close());
  const chooser = new LangChainChooser({
    apiKey: api.apiKey,
    baseURL: api.baseURL,
    model: "gpt-4o-mini",
    timeoutMs: 5_000,
    maxRetries: 3,
    ...options,
  });
  return { api, chooser };
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LlmError) return error;
    throw error;
  }
  throw new Error("expected an LlmError, got a decision");
}

describe("map-row prompt", () => {
  it("is loaded by name and version, with the hash of its file", ({ expect }) => {
    const prompt = loadPrompt(MAP_ROW_PROMPT.name, MAP_ROW_PROMPT.version);
    const file = readFileSync(new URL("../../../prompts/map-row/v1.md", import.meta.url));
    expect(prompt.id).toBe("map-row@v1");
    expect(prompt.text).toBe(file.toString("utf8"));
    expect(prompt.sha256).toBe(createHash("sha256").update(file).digest("hex"));
    expect(prompt.system).toMatch(/^You are a GHG Protocol mapping assistant/);
    expect(prompt.system).not.toContain("## User");
    expect(prompt.user).toContain("{{row}}");
    expect(prompt.user).toContain("{{candidates}}");
  });

  it("fills placeholders once, and refuses to leave one empty", ({ expect }) => {
    expect(fillTemplate("row: {{row}}", { row: "says {{candidates}}" })).toBe(
      "row: says {{candidates}}",
    );
    expect(() => fillTemplate("{{row}} {{candidates}}", { row: "x" })).toThrow(
      "no value for {{candidates}}",
    );
  });
});

// Each test has its own stand-in, so the ones that wait for LangChain's backoff run side by side.
describe.concurrent("LangChainChooser against an OpenAI stand-in", () => {
  it("resolves the chosen key to its candidate, with the endpoint's token counts", async ({
    expect,
    onTestFinished,
  }) => {
    const { api, chooser } = await setUp(onTestFinished);
    api.script({ kind: "answer", answer: ANSWER });
    const decision = await chooser.choose(DIESEL, CANDIDATES);

    expect(decision).toEqual({
      choice: CANDIDATES[1],
      confidence: 0.92,
      rationale: ANSWER.rationale,
      prompt: "map-row@v1",
      model: "gpt-4o-mini",
      usage: {
        input_tokens: api.exchanges[0]!.response!.body.usage.prompt_tokens,
        output_tokens: api.exchanges[0]!.response!.body.usage.completion_tokens,
      },
    });
    expect(decision.usage.input_tokens).toBeGreaterThan(100);

    expect(api.exchanges).toHaveLength(1);
    const { headers, body } = api.exchanges[0]!;
    expect(headers.authorization).toBe(`Bearer ${api.apiKey}`);
    expect(body.model).toBe("gpt-4o-mini");
    expect(body.temperature).toBe(0);
    const prompt = loadPrompt(MAP_ROW_PROMPT.name, MAP_ROW_PROMPT.version);
    expect(body.messages[0]).toEqual({ role: "system", content: prompt.system });
    const user: string = body.messages[1].content;
    expect(body.messages[1].role).toBe("user");
    expect(user).toContain("vendor: Shell Deutschland");
    expect(user).toContain("account: 6530 Laufende Kfz-Betriebskosten");
    expect(user).toContain("amount: 78.4 EUR");
    expect(user).toContain("quantity: 45.3 l");
    expect(user).toContain("company country: DE");
    expect(user).toContain(
      "2. key: c2; category: mobile_combustion; activity: fuel.diesel; naics: -; " +
        "factor: desnz-2024:diesel-average-biofuel-blend; label: Diesel (average biofuel blend); " +
        "unit: l",
    );
    expect(user).not.toContain("{{");

    const format = body.response_format;
    expect(format.type).toBe("json_schema");
    expect(format.json_schema.name).toBe("choose_candidate");
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema).toMatchObject({
      type: "object",
      required: ["choice", "confidence", "rationale"],
      additionalProperties: false,
      properties: { confidence: { type: "number", minimum: 0, maximum: 1 } },
    });
    // Strict mode rejects string length bounds; the 500-character limit is checked locally.
    expect(JSON.stringify(format.json_schema.schema)).not.toContain("maxLength");
  });

  it('returns no candidate when the model answers "none"', async ({ expect, onTestFinished }) => {
    const { api, chooser } = await setUp(onTestFinished);
    api.script({
      kind: "answer",
      answer: { choice: "none", confidence: 0.7, rationale: "A payroll row, no candidate." },
    });
    const decision = await chooser.choose({ description: "Gehälter März" }, CANDIDATES);
    expect(decision.choice).toBeNull();
    expect(decision.rationale).toBe("A payroll row, no candidate.");
  });

  it("fails as malformed on an answer that is not JSON, without asking again", async ({
    expect,
    onTestFinished,
  }) => {
    const { api, chooser } = await setUp(onTestFinished);
    api.script({ kind: "raw", content: "I think it is diesel." });
    const error = await failure(chooser.choose(DIESEL, CANDIDATES));
    expect(error.code).toBe("malformed");
    expect(error.message).toMatch(/^the model's answer is not valid: .*JSON/);
    expect(api.exchanges).toHaveLength(1);
  });

  it("fails as malformed on an answer outside the schema", async ({ expect, onTestFinished }) => {
    const { api, chooser } = await setUp(onTestFinished);
    api.script({ kind: "answer", answer: { ...ANSWER, confidence: 7 } });
    const error = await failure(chooser.choose(DIESEL, CANDIDATES));
    expect(error.code).toBe("malformed");
    expect(error.message).toContain("confidence: Too big");
    expect(api.exchanges).toHaveLength(1);
  });

  it("fails as malformed on a rationale over 500 characters", async ({
    expect,
    onTestFinished,
  }) => {
    const { api, chooser } = await setUp(onTestFinished);
    api.script({ kind: "answer", answer: { ...ANSWER, rationale: "diesel ".repeat(80) } });
    const error = await failure(chooser.choose(DIESEL, CANDIDATES));
    expect(error.code).toBe("malformed");
    expect(error.message).toContain("rationale: Too big");
  });

  it("fails as unknown_choice on a key that was not offered", async ({
    expect,
    onTestFinished,
  }) => {
    const { api, chooser } = await setUp(onTestFinished);
    api.script({ kind: "answer", answer: { ...ANSWER, choice: "c9" } });
    const error = await failure(chooser.choose(DIESEL, CANDIDATES));
    expect(error.code).toBe("unknown_choice");
    expect(error.message).toBe('the model chose "c9", not one of c1, c2, c3 or none');
  });

  it("fails as timeout when the endpoint answers too late", async ({ expect, onTestFinished }) => {
    const { api, chooser } = await setUp(onTestFinished, { timeoutMs: 200, maxRetries: 0 });
    api.script({ kind: "delay", ms: 30_000, then: { kind: "answer", answer: ANSWER } });
    const error = await failure(chooser.choose(DIESEL, CANDIDATES));
    expect(error.code).toBe("timeout");
    expect(error.message).toBe("the model did not answer within 200 ms (OGF_LLM_TIMEOUT_MS)");
    expect(api.exchanges).toHaveLength(1);
    expect(api.exchanges[0]!.response).toBeUndefined();
  });

  // LangChain waits 1-2 s, then 2-4 s, before the retries: this test takes 3 to 6 seconds.
  it("retries a 429 with a Retry-After hint, and then succeeds", async ({
    expect,
    onTestFinished,
  }) => {
    const { api, chooser } = await setUp(onTestFinished, { maxRetries: 3 });
    const limited = { kind: "status", status: 429, retryAfter: 0 } as const;
    api.script(limited, limited, { kind: "answer", answer: ANSWER });
    const decision = await chooser.choose(DIESEL, CANDIDATES);
    expect(decision.choice?.key).toBe("c2");
    expect(api.exchanges.map((exchange) => exchange.response?.status)).toEqual([429, 429, 200]);
  });

  it("fails as rate_limited when the 429s outlast the retries", async ({
    expect,
    onTestFinished,
  }) => {
    const { api, chooser } = await setUp(onTestFinished, { maxRetries: 1 });
    const limited = { kind: "status", status: 429, retryAfter: 0 } as const;
    api.script(limited, limited, { kind: "answer", answer: ANSWER });
    const error = await failure(chooser.choose(DIESEL, CANDIDATES));
    expect(error.code).toBe("rate_limited");
    expect(error.message).toBe("the model endpoint is rate limiting: 429 stand-in status 429");
    expect(api.exchanges).toHaveLength(2);
  });

  it("fails as rate_limited at once on a 429 without a Retry-After hint", async ({
    expect,
    onTestFinished,
  }) => {
    // LangChain reads a bare 429 as the endpoint being at capacity and does not retry it.
    const { api, chooser } = await setUp(onTestFinished, { maxRetries: 3 });
    api.script({ kind: "status", status: 429 }, { kind: "answer", answer: ANSWER });
    const error = await failure(chooser.choose(DIESEL, CANDIDATES));
    expect(error.code).toBe("rate_limited");
    expect(api.exchanges).toHaveLength(1);
  });

  it("retries a 500, then fails as http", async ({ expect, onTestFinished }) => {
    const { api, chooser } = await setUp(onTestFinished, { maxRetries: 1 });
    const broken = { kind: "status", status: 500, message: "The server had an error" } as const;
    api.script(broken, broken);
    const error = await failure(chooser.choose(DIESEL, CANDIDATES));
    expect(error.code).toBe("http");
    expect(error.message).toBe("the model endpoint answered 500 The server had an error");
    expect(api.exchanges).toHaveLength(2);
  });

  it("does not retry a 400", async ({ expect, onTestFinished }) => {
    const { api, chooser } = await setUp(onTestFinished, { maxRetries: 3 });
    api.script({ kind: "status", status: 400, message: "Invalid schema for response_format" });
    const error = await failure(chooser.choose(DIESEL, CANDIDATES));
    expect(error.code).toBe("http");
    expect(error.message).toBe(
      "the model endpoint answered 400 Invalid schema for response_format",
    );
    expect(api.exchanges).toHaveLength(1);
  });

  it("fails as unreachable when nothing listens", async ({ expect }) => {
    const baseURL = `http://127.0.0.1:${await closedPort()}/v1`;
    const chooser = new LangChainChooser({
      apiKey: "test-key",
      baseURL,
      model: "gpt-4o-mini",
      timeoutMs: 5_000,
      maxRetries: 0,
    });
    const error = await failure(chooser.choose(DIESEL, CANDIDATES));
    expect(error.code).toBe("unreachable");
    expect(error.message).toBe(`cannot reach the model endpoint ${baseURL}: ECONNREFUSED`);
  });

  it("answers many patterns from the stand-in's default behaviour", async ({
    expect,
    onTestFinished,
  }) => {
    const { api, chooser } = await setUp(onTestFinished);
    const decisions = await Promise.all(
      ["Shell diesel 40L", "Strom Grid electricity März", "Gehälter März"].map((description) =>
        chooser.choose({ description }, CANDIDATES),
      ),
    );
    expect(decisions.map((decision) => decision.choice?.key ?? "none")).toEqual([
      "c2",
      "c3",
      "none",
    ]);
    expect(api.exchanges).toHaveLength(3);
  });
});

describe.concurrent("chooserFromEnv", () => {
  const limits = {
    OGF_LLM_MODEL: "gpt-4o-mini",
    OGF_LLM_TIMEOUT_MS: 5_000,
    OGF_LLM_MAX_RETRIES: 0,
  };

  it("gives no chooser without an API key or base URL", ({ expect }) => {
    expect(chooserFromEnv(limits)).toBeUndefined();
  });

  it("gives a chooser for an API key alone, for OpenAI itself", ({ expect }) => {
    const chooser = chooserFromEnv({ ...limits, OPENAI_API_KEY: "sk-test" });
    expect(chooser).toMatchObject({ model: "gpt-4o-mini", prompt: "map-row@v1" });
  });

  it("needs no key for a local endpoint", async ({ expect, onTestFinished }) => {
    const api = await startOpenAiStandIn({ apiKey: "not-needed" });
    onTestFinished(() => api.close());
    const chooser = chooserFromEnv({ ...limits, OPENAI_BASE_URL: api.baseURL });
    const decision = await chooser!.choose(DIESEL, CANDIDATES);
    expect(decision.choice?.key).toBe("c2");
    expect(api.exchanges[0]!.headers.authorization).toBe("Bearer not-needed");
  });
});
