/**
 * How the OGF.* functions coalesce and remember requests, counted at the fetch that reaches a
 * real server (Postgres-backed API from the server's test harness).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { call, startTestApi, type TestApi } from "../../server/test/support/api-harness.ts";
import { co2e, factor } from "../src/functions/functions.ts";
import { loadConnection, saveConnection } from "../src/shared/connection.ts";
import {
  CONNECTION_YEAR,
  OMITTED,
  cellErrorOf,
  installFunctions,
} from "./support/functions-harness.ts";

let api: TestApi;
let key: string;

beforeAll(async () => {
  api = await startTestApi();
  key = api.tenants.a.keys.viewer;
});

afterAll(async () => {
  await api.close();
});

const GRID = "electricity.grid";
const REGIONS = ["US-CAMX", "US-ERCT", "DE", "FR"] as const;

/** Distinct grid-electricity arguments: quantities 1..n across a few regions. */
function distinctRows(n: number): { quantity: number; region: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    quantity: i + 1,
    region: REGIONS[i % REGIONS.length] as string,
  }));
}

describe("coalescing", () => {
  test("calls made together leave as one batch request, answered as the server answers", async () => {
    const { requests } = installFunctions(api.url, key);
    const rows = distinctRows(100);
    const values = await Promise.all(
      rows.map((row) => co2e(GRID, row.quantity, "kWh", row.region, OMITTED)),
    );
    expect(requests.map((r) => `${r.method} ${r.path} ${r.rows}`)).toEqual([
      "POST /v1/estimate/batch 100",
    ]);
    // The same rows straight to the server, the year filled in as the connection's.
    const direct = await call(api, key, "POST", "/v1/estimate/batch", {
      activities: rows.map((row) => ({
        activity: GRID,
        quantity: row.quantity,
        unit: "kWh",
        region: row.region,
        year: CONNECTION_YEAR,
      })),
    });
    expect(values).toEqual(direct.json.results.map((result: any) => result.co2e_kg));
  });

  test("more rows than a chunk make ceil(rows / chunk) requests; a full chunk does not wait", async () => {
    // A window far longer than the test's timeout: only full chunks leaving at once finish it.
    const { requests } = installFunctions(api.url, key, { maxRows: 100, windowMs: 600_000 });
    const started = performance.now();
    await Promise.all(distinctRows(300).map((row) => co2e(GRID, row.quantity, "kWh", row.region)));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(requests.map((r) => r.rows)).toEqual([100, 100, 100]);

    const { requests: again } = installFunctions(api.url, key, { maxRows: 100, windowMs: 20 });
    await Promise.all(distinctRows(250).map((row) => co2e(GRID, row.quantity, "kWh", row.region)));
    expect(again.map((r) => r.rows)).toEqual([100, 100, 50]); // ceil(250 / 100) = 3
  });

  test("10,000 distinct cells make at most 10 requests, each value q × the factor", async () => {
    const { requests } = installFunctions(api.url, key);
    const rows = distinctRows(10_000);
    const values = await Promise.all(
      rows.map((row) => co2e(GRID, row.quantity, "kWh", row.region)),
    );
    expect(requests.length).toBeLessThanOrEqual(10);
    expect(requests.reduce((sum, r) => sum + r.rows, 0)).toBe(10_000);
    // The engine is linear in quantity: CO2E(q) = q × FACTOR(per kWh) for the same region/year.
    const perKwh = new Map<string, number>();
    for (const region of REGIONS) {
      const [[, value]] = (await factor(GRID, "kWh", region)) as [[string, number]];
      perKwh.set(region, value);
    }
    rows.forEach((row, i) => {
      expect(values[i]).toBeCloseTo(row.quantity * (perKwh.get(row.region) as number), 6);
    });
  });

  test("rows with different GWP sets travel in separate requests, each with its option", async () => {
    const { requests } = installFunctions(api.url, key);
    const [ar6, lowerCase, fallback] = await Promise.all([
      co2e("fuel.natural_gas", 1200, "therm", "US-CAMX", 2024, "AR6"),
      co2e("fuel.natural_gas", 1200, "therm", "US-CAMX", 2024, " ar6 "),
      co2e("fuel.natural_gas", 1200, "therm", "US-CAMX", 2024),
    ]);
    expect(
      requests.map((r) => `${r.rows} row, gwp ${r.body.options?.gwp ?? "default"}`).sort(),
    ).toEqual(["1 row, gwp AR6", "1 row, gwp default"]);
    const activity = { activity: "fuel.natural_gas", quantity: 1200, unit: "therm" };
    const direct = async (query: string) =>
      (
        await call(api, key, "POST", `/v1/estimate${query}`, {
          ...activity,
          region: "US-CAMX",
          year: 2024,
        })
      ).json.co2e_kg;
    expect(ar6).toBe(await direct("?gwp=AR6"));
    expect(lowerCase).toBe(ar6);
    expect(fallback).toBe(await direct(""));
  });
});

describe("remembered answers", () => {
  test("10,000 identical cells send one row", async () => {
    const { requests } = installFunctions(api.url, key);
    const values = await Promise.all(
      Array.from({ length: 10_000 }, () => co2e(GRID, 1000, "kWh", "US-CAMX")),
    );
    expect(requests.map((r) => r.rows)).toEqual([1]);
    expect(new Set(values).size).toBe(1);
  });

  test("the same arguments later make no request; an omitted year is the connection's", async () => {
    const { requests } = installFunctions(api.url, key);
    const first = await co2e(GRID, 1000, "kWh", "US-CAMX", OMITTED, OMITTED);
    expect(requests).toHaveLength(1);
    // Spelled differently (blank optional text, the year written out): the same row.
    const second = await co2e(GRID, 1000, " kWh ", "US-CAMX", CONNECTION_YEAR, "");
    expect(second).toBe(first);
    expect(requests).toHaveLength(1);
  });

  test("memory is bounded: past maxAnswers the oldest answer is dropped and asked again", async () => {
    const { requests } = installFunctions(api.url, key, { maxAnswers: 2 });
    for (const quantity of [1, 2, 3]) await co2e(GRID, quantity, "kWh", "DE");
    expect(requests).toHaveLength(3);
    await co2e(GRID, 3, "kWh", "DE"); // still remembered
    expect(requests).toHaveLength(3);
    await co2e(GRID, 1, "kWh", "DE"); // the oldest, dropped when the third arrived
    expect(requests).toHaveLength(4);
  });

  test("a refused row is remembered: asking again would give the same answer", async () => {
    const { requests } = installFunctions(api.url, key);
    const first = await cellErrorOf(co2e(GRID, 10, "parsec"));
    const second = await cellErrorOf(co2e(GRID, 10, "parsec"));
    expect(second).toEqual(first);
    expect(requests).toHaveLength(1);
  });

  test("a failed request is not remembered: the next calculation asks again", async () => {
    const { requests, network } = installFunctions(api.url, key);
    network.down = true;
    const failed = await cellErrorOf(co2e(GRID, 1000, "kWh", "DE"));
    expect(failed).toMatchObject({
      code: "notAvailable",
      message: `cannot reach OffGridFlow at ${api.url}`,
    });
    network.down = false;
    const value = await co2e(GRID, 1000, "kWh", "DE");
    const direct = await call(api, key, "POST", "/v1/estimate", {
      activity: GRID,
      quantity: 1000,
      unit: "kWh",
      region: "DE",
      year: CONNECTION_YEAR,
    });
    expect(value).toBe(direct.json.co2e_kg);
    expect(requests).toHaveLength(1); // the first never left
  });

  test("a changed connection starts afresh: a new default year gives that year's answer", async () => {
    const { requests, stores } = installFunctions(api.url, key);
    await co2e(GRID, 1000, "kWh", "DE");
    // As the task pane saves a new default year while the sheet stays open.
    saveConnection(stores, { ...loadConnection(stores)!, year: 2015 }, false);
    const value = await co2e(GRID, 1000, "kWh", "DE");
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body.activities[0].year).toBe(2015);
    const direct = await call(api, key, "POST", "/v1/estimate", {
      activity: GRID,
      quantity: 1000,
      unit: "kWh",
      region: "DE",
      year: 2015,
    });
    expect(value).toBe(direct.json.co2e_kg);
  });
});
