/**
 * The OGF.* functions as Excel calls them, against a real server: spilled rows checked against
 * the server's own answers, and the error value each kind of failure gives.
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { call, startTestApi, type TestApi } from "../../server/test/support/api-harness.ts";
import { co2e, factor, gases, map, search } from "../src/functions/functions.ts";
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

/** The server's own answer for one activity (POST /v1/estimate). */
async function estimated(activity: Record<string, unknown>, query = ""): Promise<any> {
  const answer = await call(api, key, "POST", `/v1/estimate${query}`, activity);
  expect(answer.status).toBe(200);
  return answer.json;
}

/** The server's row error for one activity sent in a batch. */
async function refused(
  activity: Record<string, unknown>,
): Promise<{ field: string; message: string }> {
  const answer = await call(api, key, "POST", "/v1/estimate/batch", { activities: [activity] });
  return answer.json.results[0].error;
}

describe("spilled rows", () => {
  test("GASES: CO2e, CO2, CH4, N2O, factor id, source, edition, as the server answers", async () => {
    installFunctions(api.url, key);
    const args = { activity: "fuel.natural_gas", quantity: 1200, unit: "therm", region: "US-CAMX" };
    const rows = await gases(args.activity, args.quantity, args.unit, args.region);
    const result = await estimated({ ...args, year: CONNECTION_YEAR });
    expect(rows).toEqual([
      [
        result.co2e_kg,
        result.gases.co2_kg,
        result.gases.ch4_kg,
        result.gases.n2o_kg,
        result.factor.id,
        result.factor.source,
        result.factor.edition,
      ],
    ]);
    expect(rows[0]?.slice(1, 4).every((kg) => typeof kg === "number" && kg > 0)).toBe(true);
  });

  test("GASES leaves the gases empty when the factor gives CO2e only", async () => {
    installFunctions(api.url, key);
    const rows = await gases("electricity.grid", 1000, "kWh", "DE", 2020);
    const result = await estimated({
      activity: "electricity.grid",
      quantity: 1000,
      unit: "kWh",
      region: "DE",
      year: 2020,
    });
    expect(result.gases).toEqual({});
    expect(rows).toEqual([
      [result.co2e_kg, "", "", "", result.factor.id, result.factor.source, result.factor.edition],
    ]);
  });

  test("FACTOR: kg CO2e per asked unit, so that CO2E of 1000 kWh = 1000 × FACTOR", async () => {
    installFunctions(api.url, key);
    const [row] = await factor("electricity.grid", "kWh", "US-CAMX", OMITTED);
    const value = await co2e("electricity.grid", 1000, "kWh", "US-CAMX");
    const result = await estimated({
      activity: "electricity.grid",
      quantity: 1000,
      unit: "kWh",
      region: "US-CAMX",
      year: CONNECTION_YEAR,
    });
    expect(row).toEqual([
      result.factor.id,
      expect.any(Number),
      "kWh",
      result.factor.source,
      result.factor.edition,
      result.fallbacks.join("; "),
    ]);
    expect(value).toBe(result.co2e_kg);
    expect(value).toBeCloseTo(1000 * (row?.[1] as number), 9);
    // The library states this factor per MWh: per kWh is its CO2e value / 1000.
    expect(result.factor.unit).toBe("MWh");
    expect(row?.[1]).toBeCloseTo(result.factor.values.co2e_kg / 1000, 12);
  });

  test("MAP: an obvious hotel stay maps to 3.6 business travel, as the server maps it", async () => {
    installFunctions(api.url, key);
    const line = {
      description: "Hilton Chicago 2 nights",
      amount: 412,
      currency: "USD",
      vendor: "Hilton",
      account: "6420 Travel",
    };
    const rows = await map(line.description, line.amount, line.currency, line.vendor, line.account);
    // The functions send the task pane's reporting year for rows without a date.
    const direct = await call(api, key, "POST", "/v1/map/batch", {
      rows: [line],
      year: CONNECTION_YEAR,
    });
    const [mapped] = direct.json.results;
    expect(mapped.factor_id).not.toBeNull();
    expect(rows).toEqual([
      [mapped.category, mapped.activity ?? "", mapped.factor_id ?? "", mapped.confidence],
    ]);
    expect(rows[0]?.[0]).toBe("3.6");
    expect(rows[0]?.[1]).toBe("travel.hotel");
  });

  test("SEARCH: one row per candidate, in the server's order", async () => {
    installFunctions(api.url, key);
    const rows = await search("natural gas", "US-CAMX");
    const direct = await call(api, key, "GET", "/v1/factors?q=natural+gas&region=US-CAMX&limit=10");
    expect(direct.json.factors.length).toBeGreaterThan(1);
    expect(rows).toEqual(
      direct.json.factors.map((hit: any) => [
        hit.id,
        hit.name,
        hit.unit,
        hit.values.co2e_kg ?? "",
        hit.source,
        hit.edition,
      ]),
    );
  });
});

describe("error values", () => {
  const grid = { activity: "electricity.grid", region: "US-CAMX", year: CONNECTION_YEAR };

  test('#VALUE! for a unit the server does not know ("parsec"), with its message', async () => {
    installFunctions(api.url, key);
    const error = await cellErrorOf(co2e(grid.activity, 10, "parsec", grid.region));
    const server = await refused({ ...grid, quantity: 10, unit: "parsec" });
    expect(server.field).toBe("unit");
    expect(error).toMatchObject({ code: "invalidValue" });
    expect(error.message).toContain(server.message);
  });

  test("#VALUE! for a negative quantity, with the server's message", async () => {
    installFunctions(api.url, key);
    const error = await cellErrorOf(co2e(grid.activity, -5, "kWh", grid.region));
    const server = await refused({ ...grid, quantity: -5, unit: "kWh" });
    expect(server.field).toBe("quantity");
    expect(error).toMatchObject({ code: "invalidValue" });
    expect(error.message).toContain(server.message);
  });

  test("#VALUE! for an unknown GWP set (the batch option the server refuses)", async () => {
    installFunctions(api.url, key);
    const error = await cellErrorOf(co2e(grid.activity, 5, "kWh", grid.region, OMITTED, "AR9"));
    expect(error.code).toBe("invalidValue");
    expect(error.message).toMatch(/^body\.options\.gwp: .*AR6/);
  });

  test("#VALUE! for a currency that is not an ISO code in MAP", async () => {
    installFunctions(api.url, key);
    const error = await cellErrorOf(map("Hilton Chicago", 100, "dollars"));
    expect(error).toMatchObject({ code: "invalidValue" });
    expect(error.message).toMatch(/^currency: /);
  });

  test("#N/A for an unknown activity or region, with the server's message", async () => {
    installFunctions(api.url, key);
    const activity = await cellErrorOf(co2e("unicorn.ride", 5, "km"));
    expect(activity).toMatchObject({ code: "notAvailable" });
    expect(activity.message).toContain(
      (await refused({ activity: "unicorn.ride", quantity: 5, unit: "km", year: CONNECTION_YEAR }))
        .message,
    );
    const region = await cellErrorOf(co2e(grid.activity, 5, "kWh", "XX-NOWHERE"));
    expect(region).toMatchObject({ code: "notAvailable" });
    expect(region.message).toContain('unknown region "XX-NOWHERE"');
  });

  test("#N/A when a search finds nothing", async () => {
    installFunctions(api.url, key);
    const error = await cellErrorOf(search("zzqx nothing like this"));
    expect(error).toMatchObject({
      code: "notAvailable",
      message: 'no factor matches "zzqx nothing like this"',
    });
  });

  test("#N/A asking to connect when no connection is stored, with nothing sent", async () => {
    const { requests } = installFunctions(undefined);
    for (const formula of [co2e("electricity.grid", 1, "kWh"), search("gas"), map("Hilton")]) {
      expect(await cellErrorOf(formula)).toMatchObject({
        code: "notAvailable",
        message: "connect OffGridFlow in the task pane first",
      });
    }
    expect(requests).toHaveLength(0);
  });

  test("#N/A with the server's message when the key is refused", async () => {
    installFunctions(api.url, "ogf_not_a_key");
    const error = await cellErrorOf(co2e("electricity.grid", 1, "kWh"));
    const direct = await call(api, "ogf_not_a_key", "POST", "/v1/estimate/batch", {
      activities: [],
    });
    expect(direct.status).toBe(401);
    expect(error).toMatchObject({ code: "notAvailable", message: direct.json.detail });
  });

  test("#N/A, promptly, when nothing listens at the server's address", async () => {
    const closed = await listening(createServer());
    const url = `http://127.0.0.1:${port(closed)}`;
    await new Promise((done) => closed.close(done));
    installFunctions(url, key);
    const started = performance.now();
    const error = await cellErrorOf(co2e("electricity.grid", 1, "kWh"));
    expect(error).toMatchObject({
      code: "notAvailable",
      message: `cannot reach OffGridFlow at ${url}`,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test("#N/A when the server accepts but never answers: the request times out", async () => {
    const sockets: Socket[] = [];
    const silent = await listening(createServer((socket) => void sockets.push(socket)));
    const url = `http://127.0.0.1:${port(silent)}`;
    try {
      installFunctions(url, key, { timeoutMs: 300 });
      const started = performance.now();
      const error = await cellErrorOf(co2e("electricity.grid", 1, "kWh"));
      const elapsed = performance.now() - started;
      expect(error).toMatchObject({
        code: "notAvailable",
        message: `cannot reach OffGridFlow at ${url}`,
      });
      expect(sockets.length).toBeGreaterThan(0); // it did connect, and waited
      expect(elapsed).toBeGreaterThanOrEqual(300);
      expect(elapsed).toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => silent.close(done));
    }
  });
});

function listening(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function port(server: Server): number {
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("not listening on a port");
  return address.port;
}
