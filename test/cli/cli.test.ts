import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { offgridflow as run } from "./run-cli.ts";

const offgridflow = (...args: string[]) => run(args);

const lines = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));

describe("offgridflow estimate", () => {
  it("estimates the shipped examples with provenance and totals", async () => {
    const { code, stdout } = await offgridflow("estimate", "examples/activities.csv");
    expect(code).toBe(0);
    // Long factor ids wrap in their column; none is cut.
    expect(stdout.replace(/[│\s]+/g, "")).toContain("epa-hub-2025:fuel.natural_gas.per_mmbtu");
    expect(stdout).toContain("Scope 2 (market-based)");
    expect(stdout).toMatch(/14 estimated, 0 failed/);
  });

  it("prints one Result per line with --json, in file order", async () => {
    const { code, stdout } = await offgridflow("estimate", "examples/activities.csv", "--json");
    expect(code).toBe(0);
    const results = lines(stdout);
    expect(results.map((r) => r.id)).toEqual([
      "boiler-gas",
      "van-diesel",
      "hq-power",
      "dc-power",
      "plant-power",
      "ac-topup",
      "flight-fra-jfk",
      "hotel-berlin",
      "inbound-freight",
      "office-waste",
      "cloud-spend",
      "tooling-spend",
      "welding-co2",
      "water",
    ]);
    // EPA Hub 2025 Table 1: 120 mmBtu x (53.06 + 0.001 x 28 + 0.0001 x 265) kg = 6373.74 kg (AR5)
    expect(results[0].co2e_kg).toBeCloseTo(6373.74, 9);
    expect(results[3]).toMatchObject({
      method: "market",
      scope2: { location_co2e_kg: 42_000 * 0.177 },
    });
    for (const result of results) expect(result.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("applies --gwp", async () => {
    const { stdout } = await offgridflow(
      "estimate",
      "examples/activities.csv",
      "--json",
      "--gwp",
      "AR6",
    );
    // AR6 on the same EPA factor: 6367.2 + 0.12 x 29.8 (fossil CH4) + 0.012 x 273 = 6374.052
    expect(lines(stdout)[0].co2e_kg).toBeCloseTo(6374.052, 9);
  });

  it("prints every row, names the field of each bad one, and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ogf-cli-"));
    const file = join(dir, "mixed.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify({
          id: "good",
          activity: "fuel.natural_gas",
          quantity: 10,
          unit: "mmBtu",
          region: "US",
          year: 2025,
        }),
        JSON.stringify({
          id: "kg-power",
          activity: "electricity.grid",
          quantity: 5,
          unit: "kg",
          region: "GB",
          year: 2025,
        }),
        "{ not json",
        JSON.stringify({
          id: "no-year",
          activity: "fuel.diesel",
          quantity: 5,
          unit: "L",
          region: "GB",
        }),
        JSON.stringify({
          id: "also-good",
          activity: "travel.hotel",
          quantity: 1,
          unit: "night",
          region: "FR",
          year: 2025,
        }),
      ].join("\n"),
    );
    const { code, stdout } = await offgridflow("estimate", file, "--json");
    expect(code).toBe(1);
    const outcomes = lines(stdout);
    expect(outcomes.map((o) => o.id)).toEqual([
      "good",
      "kg-power",
      "line 3",
      "no-year",
      "also-good",
    ]);
    expect(outcomes[1].error.field).toBe("unit");
    expect(outcomes[2].error.field).toBe("line");
    expect(outcomes[3].error).toEqual({ field: "year", message: "year is required" });
    expect(outcomes[4].co2e_kg).toBeGreaterThan(0);
  });

  it("refuses an unknown GWP set", async () => {
    const { code, stderr } = await offgridflow(
      "estimate",
      "examples/activities.csv",
      "--gwp",
      "AR9",
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain("--gwp must be AR4, AR5 or AR6");
  });
});

describe("offgridflow factors", () => {
  it("stats: at least 5,000 factors from at least 4 public sources", async () => {
    const { code, stdout } = await offgridflow("factors", "stats", "--json");
    expect(code).toBe(0);
    const stats = JSON.parse(stdout);
    expect(stats.factors).toBeGreaterThanOrEqual(5000);
    expect(stats.sources.map((s: { source: string }) => s.source).sort()).toEqual([
      "desnz",
      "epa-hub",
      "owid-ember",
      "useeio",
    ]);
    expect(stats.sources.reduce((sum: number, s: { count: number }) => sum + s.count, 0)).toBe(
      stats.factors,
    );
  });

  it("search: ranked factors with their provenance, filtered by region", async () => {
    const { code, stdout } = await offgridflow(
      "factors",
      "search",
      "natural gas",
      "--region",
      "US-CAMX",
      "--limit",
      "5",
      "--json",
    );
    expect(code).toBe(0);
    const factors = JSON.parse(stdout);
    expect(factors.length).toBeGreaterThan(0);
    expect(factors.length).toBeLessThanOrEqual(5);
    expect(factors[0]).toMatchObject({
      activity: "fuel.natural_gas",
      source: "epa-hub",
      edition: "2025",
      region: "US",
    });
    for (const factor of factors) {
      expect(Object.keys(factor)).toEqual([
        "id",
        "activity",
        "name",
        "source",
        "edition",
        "region",
        "year",
        "unit",
        "values",
      ]);
      expect(["US-CAMX", "US", "WORLD"]).toContain(factor.region);
    }
  });

  it("search: the year filter keeps the nearest year per factor series", async () => {
    const { stdout } = await offgridflow(
      "factors",
      "search",
      "electricity",
      "--region",
      "DE",
      "--year",
      "2019",
      "--source",
      "owid-ember",
      "--json",
    );
    const factors = JSON.parse(stdout);
    expect(factors.map((f: { year: number }) => f.year)).toEqual(factors.map(() => 2019));
  });
});

describe("the shipped example ledger", () => {
  it("maps as README's Quick start promises, with nothing beside the repository", async () => {
    const { code, stdout } = await offgridflow(
      "map",
      "examples/ledger.csv",
      "--country",
      "US",
      "--json",
    );
    expect(code).toBe(0);
    const rows = lines(stdout);
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 4).map((row) => row.category)).toEqual([
      "purchased_electricity",
      "purchased_electricity",
      "stationary_combustion",
      "mobile_combustion",
    ]);
    // Payroll emits nothing; every other line is estimated.
    expect(rows.filter((row) => row.co2e_kg === null).map((row) => row.row)).toEqual([10]);
  });
});
