/**
 * The model at import, over the real API and Postgres: unsure patterns are asked once, the
 * tokens are recorded on the ledger, and the decisions are kept per tenant for later ledgers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LangChainChooser } from "../../src/mapping/llm/chooser.ts";
import { call, fileForm, startTestApi, type TestApi } from "../support/api-harness.ts";
import { startOpenAiStandIn, type OpenAiStandIn } from "../support/openai-stand-in.ts";

let api: TestApi;
let standIn: OpenAiStandIn;
beforeAll(async () => {
  standIn = await startOpenAiStandIn();
  api = await startTestApi({
    chooser: new LangChainChooser({
      apiKey: standIn.apiKey,
      baseURL: standIn.baseURL,
      model: "stand-in-model",
      timeoutMs: 10_000,
      maxRetries: 0,
    }),
  });
});
afterAll(async () => {
  await api.close();
  await standIn.close();
});

// Two vendors the rules do not know, with texts the factor library has words for: two unsure
// patterns in five rows.
const CSV = [
  "date,vendor,description,amount,currency",
  "2024-01-10,Pinturas Levante SL,Paint and coatings 1001,410.00,EUR",
  "2024-02-10,Pinturas Levante SL,Paint and coatings 1002,380.00,EUR",
  "2024-03-10,Pinturas Levante SL,Paint and coatings 1003,395.00,EUR",
  "2024-01-12,Vidrios Norte SA,Glass bottles batch 77,1200.00,EUR",
  "2024-02-12,Vidrios Norte SA,Glass bottles batch 78,1150.00,EUR",
].join("\n");

async function importAs(tenant: "a" | "b") {
  const uploaded = await call(
    api,
    api.tenants[tenant].keys.editor,
    "POST",
    "/v1/ledgers",
    fileForm("sundries.csv", CSV, { country: "ES" }),
  );
  await api.importsIdle();
  const key = api.tenants[tenant].keys.viewer;
  const ledger = (await call(api, key, "GET", `/v1/ledgers/${uploaded.json.id}`)).json;
  const rows = (await call(api, key, "GET", `/v1/ledgers/${uploaded.json.id}/rows`)).json.rows;
  return { ledger, rows };
}

describe("the model at import", () => {
  it("asks once per unsure pattern and records the tokens on the ledger", async () => {
    const before = standIn.exchanges.length;
    const { ledger, rows } = await importAs("a");
    const asked = standIn.exchanges.slice(before);
    expect(asked).toHaveLength(2);
    const reported = asked.map((exchange) => exchange.response?.body.usage);
    expect(ledger.llm).toEqual({
      calls: 2,
      input_tokens: reported[0].prompt_tokens + reported[1].prompt_tokens,
      output_tokens: reported[0].completion_tokens + reported[1].completion_tokens,
    });
    // The stand-in picks the candidate whose label shares a word with the text.
    expect(rows[0].mapping).toMatchObject({
      method: "llm",
      category: "3.1",
      naics: "325510",
      prompt: "map-row@v1",
      model: "stand-in-model",
    });
    expect(rows[0].result.factor.id).toBe("useeio-1.3:spend.naics.325510");
    expect(rows.map((row: { status: string }) => row.status)).toEqual(Array(5).fill("estimated"));
  });

  it("reuses the tenant's decisions in its next ledger, and never another tenant's", async () => {
    const before = standIn.exchanges.length;
    const again = await importAs("a");
    expect(standIn.exchanges.length).toBe(before);
    expect(again.ledger.llm.calls).toBe(0);
    expect(again.rows[0].mapping).toMatchObject({ method: "llm", naics: "325510" });

    const other = await importAs("b");
    expect(other.ledger.llm.calls).toBe(2);
    expect(await api.prisma.mappingDecision.count({ where: { tenantId: api.tenants.b.id } })).toBe(
      2,
    );
  });
});
