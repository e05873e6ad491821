import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { CATEGORIES } from "@offgridflow/engine";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const sample = resolve(root, "../shared/ledgers/dev_de.xlsx");
const run = (...args: string[]) =>
  promisify(execFile)("node", [join(root, "bin/offgridflow.js"), ...args], { cwd: root });

describe.skipIf(!existsSync(sample))("offgridflow map", () => {
  it("prints one line per data row, in file order, in the shared vocabulary", async () => {
    const { stdout } = await run("map", sample, "--country", "DE", "--json");
    const rows = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    // ../shared/ledgers/README.md: the German company's 89 rows
    expect(rows.map((row) => row.row)).toEqual(Array.from({ length: 89 }, (_, i) => i + 1));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([
        "row",
        "scope",
        "category",
        "activity",
        "factor",
        "naics",
        "co2e_kg",
        "confidence",
        "status",
        "method",
      ]);
      expect(CATEGORIES).toContain(row.category);
      expect(["auto", "needs_review"]).toContain(row.status);
      if (row.category === "not_emissions")
        expect([row.scope, row.activity, row.co2e_kg]).toEqual([null, null, null]);
      // An emitting row is either estimated with a factor or waits for a person: never a silent zero.
      else if (row.co2e_kg === null) expect(row.status).toBe("needs_review");
      else expect(row.factor).toMatch(/^[a-z0-9-]+-[\w.]+:/);
    }
    expect(rows.filter((row) => row.co2e_kg !== null).length).toBeGreaterThan(40);
  });

  it("writes the original columns, the mapping columns and a summary sheet", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "ogf-map-")), "mapped.xlsx");
    const { stdout } = await run("map", sample, "--country", "DE", "-o", out);
    expect(stdout).toMatch(/^country: DE\n89 rows mapped, \d+ waiting for review/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const header = workbook.getWorksheet("Ledger")!.getRow(1).values as unknown[];
    // README: Belegdatum, Lieferant/Kunde, Buchungstext, Konto, ... then OffGridFlow's columns
    expect(header.slice(1, 4)).toEqual(["Belegdatum", "Lieferant/Kunde", "Buchungstext"]);
    expect(header).toEqual(
      expect.arrayContaining([
        "scope",
        "category",
        "activity",
        "factor id",
        "kg CO2e",
        "confidence",
        "status",
        "method",
      ]),
    );
    expect(workbook.getWorksheet("Ledger")!.rowCount).toBe(90);
    expect(workbook.getWorksheet("Summary")!.getRow(1).values).toEqual([
      undefined,
      "scope",
      "category",
      "rows",
      "kg CO2e (location-based)",
      "kg CO2e (market-based)",
    ]);
  });

  it("finds the company's country itself: the German grid, not the world average", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "ogf-map-")), "mapped.xlsx");
    const { stdout } = await run("map", sample, "-o", out);
    expect(stdout).toMatch(/^country: DE \(from the vendors' legal forms and currencies/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet("Ledger")!;
    const header = sheet.getRow(1).values as unknown[];
    const factorColumn = header.indexOf("factor id");
    const activityColumn = header.indexOf("activity");
    const kgColumn = header.indexOf("kg CO2e");
    const statusColumn = header.indexOf("status");
    const grid: unknown[] = [];
    let decided = 0;
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      if (
        row.getCell(activityColumn).value === "electricity.grid" &&
        row.getCell(factorColumn).value
      )
        grid.push(row.getCell(factorColumn).value);
      if (row.getCell(statusColumn).value === "auto")
        decided += Number(row.getCell(kgColumn).value ?? 0);
    });
    expect(grid.length).toBeGreaterThan(0);
    for (const factor of grid) expect(factor).toMatch(/electricity\.grid\.de\b/);
    // The summary totals the rows decided; rows waiting for review are counted apart.
    const summary = workbook.getWorksheet("Summary")!;
    let total: number | undefined;
    summary.eachRow((row) => {
      if (row.getCell(1).value === "total") total = Number(row.getCell(4).value);
    });
    // The engine sums in whole milligrams; the rows hold unrounded kilograms.
    expect(total).toBeCloseTo(decided, 5);
  });
});
