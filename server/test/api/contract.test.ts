import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startTestApi, type TestApi } from "../support/api-harness.ts";

let api: TestApi;
let key: string;
beforeAll(async () => {
  api = await startTestApi();
  key = api.tenants.a.keys.viewer;
});
afterAll(() => api.close());

const naturalGas = {
  id: "gas",
  activity: "fuel.natural_gas",
  quantity: 1200,
  unit: "therm",
  region: "US",
  year: 2025,
};

describe("POST /v1/estimate", () => {
  it("answers with the engine's Result", async () => {
    const { status, json } = await call(api, key, "POST", "/v1/estimate", naturalGas);
    expect(status).toBe(200);
    // EPA GHG Emission Factors Hub 2025, Table 1: 120 mmBtu x (53.06 kg CO2 + 0.001 kg CH4 x 28 + 0.0001 kg N2O x 265)
    expect(json.co2e_kg).toBeCloseTo(6373.74, 9);
    expect(json.factor.id).toBe("epa-hub-2025:fuel.natural_gas.per_mmbtu");
    expect(json.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("takes the GWP set from the query", async () => {
    const { json } = await call(api, key, "POST", "/v1/estimate?gwp=AR6", naturalGas);
    // 6367.2 + 0.12 x 29.8 (AR6 fossil CH4) + 0.012 x 273
    expect(json.co2e_kg).toBeCloseTo(6374.052, 9);
  });

  it("rejects an invalid body as problem details naming the field", async () => {
    const { status, type, json } = await call(api, key, "POST", "/v1/estimate", {
      ...naturalGas,
      quantity: "lots",
    });
    expect(status).toBe(400);
    expect(type).toContain("application/problem+json");
    expect(json).toMatchObject({
      type: "urn:offgridflow:problem:validation",
      status: 400,
      instance: "/v1/estimate",
    });
    expect(json.errors).toContainEqual(expect.objectContaining({ field: "body.quantity" }));
  });

  it("turns an engine error into 422 naming the field", async () => {
    const electricity = {
      activity: "electricity.grid",
      quantity: 5,
      unit: "kg",
      region: "DE",
      year: 2024,
    };
    const { status, json } = await call(api, key, "POST", "/v1/estimate", electricity);
    expect(status).toBe(422);
    expect(json.errors[0].field).toBe("body.unit");
    expect(json.detail).toMatch(/kg" is mass/);
  });

  it("says so when the body is not JSON", async () => {
    const response = await fetch(`${api.url}/v1/estimate`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: "{ not json",
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].field).toBe("body");
  });
});

describe("POST /v1/estimate/batch", () => {
  it("estimates every valid row and names the field of each bad one", async () => {
    const activities = [
      naturalGas,
      { id: "bad-type", quantity: "x" },
      { ...naturalGas, id: "bad-unit", unit: "furlong" },
      { ...naturalGas, id: "again" },
    ];
    const { status, json } = await call(api, key, "POST", "/v1/estimate/batch", { activities });
    expect(status).toBe(200);
    expect(json.results.map((r: { id: string }) => r.id)).toEqual([
      "gas",
      "bad-type",
      "bad-unit",
      "again",
    ]);
    expect(json.results[1].error.field).toBe("quantity");
    expect(json.results[2].error).toEqual({ field: "unit", message: 'unknown unit "furlong"' });
    expect(json.results[3].co2e_kg).toBe(json.results[0].co2e_kg);
    expect(json.errors).toBe(2);
    expect(json.totals.scope1_kg).toBeCloseTo(2 * 6373.74, 6);
  });

  it("accepts 10,000 activities and refuses 10,001", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...naturalGas, id: i }));
    expect(
      (await call(api, key, "POST", "/v1/estimate/batch", { activities: many })).json.results,
    ).toHaveLength(10_000);
    const tooMany = await call(api, key, "POST", "/v1/estimate/batch", {
      activities: [...many, naturalGas],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.errors[0].field).toBe("body.activities");
  });
});

describe("GET /v1/factors", () => {
  it("searches the factor library with filters", async () => {
    const { status, json } = await call(
      api,
      key,
      "GET",
      "/v1/factors?q=natural%20gas&region=US-CAMX&limit=3",
    );
    expect(status).toBe(200);
    expect(json.factors).toHaveLength(3);
    expect(json.factors[0]).toMatchObject({
      activity: "fuel.natural_gas",
      source: "epa-hub",
      region: "US",
    });
  });

  it("validates the query", async () => {
    const { status, json } = await call(api, key, "GET", "/v1/factors?q=gas&year=soon");
    expect(status).toBe(400);
    expect(json.errors[0].field).toBe("query.year");
  });
});

describe("the service", () => {
  it("publishes an OpenAPI 3.1 document generated from the route schemas", async () => {
    const { status, json } = await call(api, undefined, "GET", "/v1/openapi.json");
    expect(status).toBe(200);
    expect(json.openapi).toBe("3.1.0");
    expect(Object.keys(json.paths)).toEqual(
      expect.arrayContaining([
        "/v1/estimate",
        "/v1/estimate/batch",
        "/v1/factors",
        "/v1/ledgers",
        "/v1/ledgers/{id}",
        "/v1/ledgers/{id}/rows",
        "/v1/ledgers/{id}/export.xlsx",
        "/v1/inventory",
        "/v1/whoami",
        "/v1/map/batch",
        "/v1/ledgers/layout",
      ]),
    );
    expect(json.components.schemas.Activity.properties.quantity).toMatchObject({ type: "number" });
    expect(json.paths["/v1/ledgers/{id}"].get.parameters[0]).toMatchObject({
      in: "path",
      name: "id",
      required: true,
    });
  });

  it("answers /health, /ready and /metrics", async () => {
    expect((await call(api, undefined, "GET", "/health")).json).toEqual({ status: "ok" });
    expect((await call(api, undefined, "GET", "/ready")).json).toMatchObject({
      status: "ready",
      database: "ok",
      queue: "ok",
    });
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toContain(
      'ogf_http_request_duration_seconds_bucket{le="0.005",method="POST",route="/v1/estimate",status="200"}',
    );
    expect(metrics).toContain('ogf_jobs{state="waiting"}');
    expect(metrics).toContain("ogf_import_rows_total");
  });

  it("answers unknown routes with a problem", async () => {
    const { status, json } = await call(api, key, "GET", "/v1/nothing-here");
    expect(status).toBe(404);
    expect(json.type).toBe("urn:offgridflow:problem:not_found");
  });
});
