/**
 * What the build delivers for the functions: functions.json as custom-functions-metadata writes
 * it from the JSDoc in src/functions/functions.ts (what Excel learns about each OGF.* function),
 * and dist/functions.js run as Excel's runtime runs it, with a stand-in for the CustomFunctions
 * global (Microsoft's runtime exists only inside Office) and the real server behind it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { call, startTestApi } from "../../server/test/support/api-harness.ts";
import { buildAddin } from "../scripts/build.ts";
import { saveConnection } from "../src/shared/connection.ts";
import { memoryStore } from "./support/functions-harness.ts";

interface FunctionMetadata {
  id: string;
  name: string;
  parameters: { name: string; type?: string; optional?: boolean }[];
  result: { type?: string; dimensionality?: string };
}

let dist: string;
let functions: FunctionMetadata[];

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "ogf-functions-"));
  await buildAddin({
    addinUrl: "https://localhost:3000",
    officeJsUrl: "office-js/office.js",
    outDir: dist,
  });
  functions = JSON.parse(readFileSync(join(dist, "functions.json"), "utf8")).functions;
});

afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
});

/** name: type, with "?" for optional parameters: the signature a user sees in Excel. */
function signature(metadata: FunctionMetadata): string {
  const parameters = metadata.parameters.map(
    (parameter) => `${parameter.name}${parameter.optional ? "?" : ""}: ${parameter.type}`,
  );
  const result = metadata.result.dimensionality ?? metadata.result.type;
  return `${metadata.name}(${parameters.join(", ")}) -> ${result}`;
}

test("functions.json lists the five functions with their parameters and result shapes", () => {
  const estimate =
    "activity: string, quantity: number, unit: string, region?: string, year?: number, gwp?: string";
  expect(functions.map(signature)).toEqual([
    `CO2E(${estimate}) -> number`,
    `GASES(${estimate}) -> matrix`,
    "FACTOR(activity: string, unit: string, region?: string, year?: number) -> matrix",
    "MAP(description: string, amount?: number, currency?: string, vendor?: string, account?: string) -> matrix",
    "SEARCH(text: string, region?: string) -> matrix",
  ]);
});

describe("dist/functions.js", () => {
  /** Excel's CustomFunctions global, reduced to what the bundle uses. */
  class StandInError {
    constructor(
      readonly code: string,
      readonly message: string,
    ) {}
  }

  function runBundle(globals: Record<string, unknown>): void {
    runInNewContext(readFileSync(join(dist, "functions.js"), "utf8"), {
      // What a webview offers and the bundle uses; the rest of the page is left out on purpose.
      fetch,
      AbortSignal,
      FormData,
      URLSearchParams,
      setTimeout,
      clearTimeout,
      ...globals,
    });
  }

  test("in a plain page (no CustomFunctions) it does nothing, not even read storage", () => {
    expect(() => runBundle({})).not.toThrow();
  });

  test("in Excel it binds each id and answers with Excel's errors, then with values", async () => {
    const bound = new Map<string, (...args: unknown[]) => Promise<unknown>>();
    const stores = { session: memoryStore(), device: memoryStore() };
    runBundle({
      sessionStorage: stores.session,
      localStorage: stores.device,
      CustomFunctions: {
        associate: (id: string, fn: (...args: unknown[]) => Promise<unknown>) => bound.set(id, fn),
        Error: StandInError,
        ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
      },
    });
    expect([...bound.keys()]).toEqual(functions.map((fn) => fn.id));

    // Excel passes null for omitted arguments and an invocation object last.
    const co2e = bound.get("CO2E") as (...args: unknown[]) => Promise<unknown>;
    const args = ["electricity.grid", 1000, "kWh", "US-CAMX", null, null, { address: "A1" }];
    await expect(co2e(...args)).rejects.toEqual(
      new StandInError("#N/A", "connect OffGridFlow in the task pane first"),
    );

    // The task pane saves a connection, by default with the key for this session only; the next
    // calculation uses it.
    const api = await startTestApi();
    try {
      const key = api.tenants.a.keys.viewer;
      saveConnection(stores, { url: api.url, key, year: 2024 }, false);
      const direct = await call(api, key, "POST", "/v1/estimate", {
        activity: "electricity.grid",
        quantity: 1000,
        unit: "kWh",
        region: "US-CAMX",
        year: 2024,
      });
      expect(await co2e(...args)).toBe(direct.json.co2e_kg);
      await expect(co2e("electricity.grid", 1, "parsec", null, null, null, {})).rejects.toEqual(
        new StandInError("#VALUE!", 'unit: unknown unit "parsec"'),
      );
    } finally {
      await api.close();
    }
  });
});
