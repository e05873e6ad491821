/**
 * The `llm` stage inside the mapper, with the real LangChainChooser against the stand-in model
 * server: one call per unsure pattern, cached across ledgers, bounded by the budget, and every
 * failure or disagreement sent to review rather than to a default.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedRow } from "../../src/ledger/index.ts";
import { LangChainChooser } from "../../src/mapping/llm/chooser.ts";
import { mapRows } from "../../src/mapping/map-ledger.ts";
import { Mapper, MemoryDecisionStore, type MapperOptions } from "../../src/mapping/mapper.ts";
import type { MappingRow } from "../../src/mapping/proposal.ts";
import { retrieveCandidates } from "../../src/mapping/retrieval/index.ts";
import { closedPort, startOpenAiStandIn, type OpenAiStandIn } from "../support/openai-stand-in.ts";

let standIn: OpenAiStandIn;
beforeAll(async () => {
  standIn = await startOpenAiStandIn();
});
afterAll(() => standIn.close());

const chooser = (options: { timeoutMs?: number; baseURL?: string } = {}) =>
  new LangChainChooser({
    apiKey: standIn.apiKey,
    baseURL: options.baseURL ?? standIn.baseURL,
    model: "stand-in-model",
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: 0,
  });

const parsed = (fields: MappingRow, index: number): ParsedRow =>
  ({ rowNumber: index + 2, raw: {}, fields, errors: [] }) as unknown as ParsedRow;

async function mapAll(rows: MappingRow[], options: MapperOptions) {
  const mapper = new Mapper(options);
  const mapped = await mapRows(rows.map(parsed), mapper, { country: options.country });
  return { mapped, usage: mapper.usage };
}

// Booking texts the built-in rules do not know but the factor library has words for, from
// vendors they do not know: every pattern is unsure and has candidates.
const TEXTS = [
  "Paint and coatings",
  "Glass bottles batch",
  "Copper wire spool",
  "Tågbiljett Göteborg",
];

/** `rows` bookings over `patterns` vendor-and-text patterns; amounts, dates and numbers vary. */
function ledger(rows: number, patterns: number, seed: number): MappingRow[] {
  return Array.from({ length: rows }, (_, i) => {
    const pattern = (i * 7 + seed) % patterns;
    return {
      vendor: `Proveedora ${pattern} SL`,
      description: `${TEXTS[pattern % TEXTS.length]} ${1000 + ((i * 31 + seed) % 9000)}`,
      amount: 10 + ((i * 13) % 5000),
      currency: "EUR",
      date: `2024-${String((i % 12) + 1).padStart(2, "0")}-15`,
    };
  });
}

const vendorAsked = (exchange: { body: { messages: { content: string }[] } }) =>
  /^vendor: (.*)$/m.exec(exchange.body.messages.at(-1)?.content ?? "")?.[1];

describe("the llm stage in the mapper", () => {
  it("asks once per pattern: 10,000 rows of 50 patterns make at most 50 calls, and none the next time", async () => {
    const decisions = new MemoryDecisionStore();
    const before = standIn.exchanges.length;
    const first = await mapAll(ledger(10_000, 50, 1), {
      chooser: chooser(),
      decisions,
      country: "ES",
    });
    const asked = standIn.exchanges.slice(before);
    expect(first.usage.calls).toBe(asked.length);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.length).toBeLessThanOrEqual(50);
    // No pattern was asked twice.
    expect(new Set(asked.map(vendorAsked)).size).toBe(asked.length);
    // Tokens are what the endpoint reported, summed.
    const reported = asked.map((exchange) => exchange.response?.body.usage);
    expect(first.usage.input_tokens).toBe(
      reported.reduce((sum, usage) => sum + usage.prompt_tokens, 0),
    );
    expect(first.usage.output_tokens).toBe(
      reported.reduce((sum, usage) => sum + usage.completion_tokens, 0),
    );
    const byModel = first.mapped.filter((row) => row.method === "llm");
    expect(byModel.length).toBeGreaterThan(0);
    expect(byModel[0]?.proposal).toMatchObject({ prompt: "map-row@v1", model: "stand-in-model" });

    // Another ledger of the same tenant, other rows, the same patterns: no call at all.
    const again = standIn.exchanges.length;
    const second = await mapAll(ledger(2_000, 50, 5), {
      chooser: chooser(),
      decisions,
      country: "ES",
    });
    expect(standIn.exchanges.length).toBe(again);
    expect(second.usage).toMatchObject({ calls: 0, cached: first.usage.calls });
  });

  it("stops at the ledger's budget and sends the rest to review", async () => {
    const { mapped, usage } = await mapAll(ledger(200, 20, 3), { chooser: chooser(), maxCalls: 5 });
    expect(usage.calls).toBe(5);
    expect(usage.over_budget).toBeGreaterThan(0);
    const over = mapped.filter((row) => row.reason.startsWith("model budget for this ledger"));
    expect(over.length).toBeGreaterThan(0);
    expect(over.every((row) => row.status === "needs_review")).toBe(true);
  });

  const one = ledger(3, 1, 0);
  it.each([
    ["malformed output", { kind: "raw", content: "I think c1" }, "malformed"],
    [
      "out-of-schema output",
      { kind: "answer", answer: { choice: "c1", confidence: 7, rationale: "x" } },
      "malformed",
    ],
    [
      "a choice that is not a candidate",
      { kind: "answer", answer: { choice: "c99", confidence: 0.9, rationale: "x" } },
      "unknown_choice",
    ],
    ["429 with no retry hint", { kind: "status", status: 429 }, "rate_limited"],
    ["a server error", { kind: "status", status: 503 }, "http"],
  ] as const)(
    "sends the pattern to review on %s, and asks again next time",
    async (_, behaviour, code) => {
      const decisions = new MemoryDecisionStore();
      standIn.script(behaviour);
      const { mapped, usage } = await mapAll(one, { chooser: chooser(), decisions });
      expect(usage).toMatchObject({ calls: 1, failed: 1 });
      for (const row of mapped) {
        expect(row).toMatchObject({ status: "needs_review", method: "review" });
        expect(row.reason).toContain(`model gave no decision (${code}:`);
      }
      // A failure is not remembered: the next ledger asks again (and gets the default answer).
      const retried = await mapAll(one, { chooser: chooser(), decisions });
      expect(retried.usage).toMatchObject({ calls: 1, failed: 0 });
    },
  );

  it("sends the pattern to review when the model is too slow or unreachable", async () => {
    standIn.script({
      kind: "delay",
      ms: 2_000,
      then: { kind: "answer", answer: { choice: "c1", confidence: 0.9, rationale: "late" } },
    });
    const slow = await mapAll(one, { chooser: chooser({ timeoutMs: 200 }) });
    expect(slow.mapped[0]?.reason).toContain("model gave no decision (timeout:");
    const nobody = `http://127.0.0.1:${await closedPort()}/v1`;
    const unreachable = await mapAll(one, { chooser: chooser({ baseURL: nobody }) });
    expect(unreachable.mapped[0]?.reason).toContain("model gave no decision (unreachable:");
    expect(unreachable.mapped[0]?.status).toBe("needs_review");
  });

  describe("when the rules had a view of their own", () => {
    // A hotel chain on the travel account, for a room hire: the rules lean to a purchased
    // service (3.1), not firmly enough to decide alone; a hotel stay (3.6) is among the candidates.
    const hire: MappingRow = {
      vendor: "Marriott",
      description: "Conference room hire",
      accountCode: "6510",
      accountName: "Travel",
      amount: 900,
      currency: "EUR",
      date: "2024-01-15",
    };
    const candidates = retrieveCandidates(hire, { country: "DE" });

    it("takes the model's choice when it agrees", async () => {
      const same = candidates.find((candidate) => candidate.category === "3.1");
      standIn.script({
        kind: "answer",
        answer: { choice: same?.key, confidence: 0.9, rationale: "room hire" },
      });
      const { mapped } = await mapAll([hire], { chooser: chooser(), country: "DE" });
      expect(mapped[0]).toMatchObject({ method: "llm", category: "3.1", status: "auto" });
    });

    it("sends the row to review when the model's category contradicts them", async () => {
      const other = candidates.find((candidate) => candidate.category === "3.6");
      expect(other).toBeDefined();
      standIn.script({
        kind: "answer",
        answer: { choice: other?.key, confidence: 0.95, rationale: "a hotel stay" },
      });
      const { mapped } = await mapAll([hire], { chooser: chooser(), country: "DE" });
      expect(mapped[0]).toMatchObject({ method: "review", status: "needs_review" });
      expect(mapped[0]?.reason).toMatch(/^stages disagree: rules said 3\.1 .* model chose 3\.6/);
    });
  });
});
