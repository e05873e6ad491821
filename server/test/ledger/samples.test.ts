import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readLedger, type ParsedRow } from "../../src/ledger/index.ts";
import { SHARED_LEDGERS, fileError, NINE_COLUMN_ROLES } from "./helpers.ts";

const DEV_CSV = path.join(SHARED_LEDGERS, "dev.csv");
const DEV_DE_XLSX = path.join(SHARED_LEDGERS, "dev_de.xlsx");
const HOLLERBACH = "Hollerbach Präzisionstechnik GmbH";

async function devCsv(): Promise<Awaited<ReturnType<typeof readLedger>>> {
  return readLedger(fs.readFileSync(DEV_CSV), { filename: "dev.csv", contentType: "text/csv" });
}

function find(rows: ParsedRow[], vendor: string, description: string): ParsedRow | undefined {
  return rows.find(
    (r) => r.fields.vendor === vendor && r.fields.description?.includes(description),
  );
}

describe.skipIf(!fs.existsSync(DEV_CSV))("shared sample dev.csv", () => {
  it("finds the header, the roles and all 345 rows without errors", async () => {
    const { layout, rows } = await devCsv();
    expect(layout).toMatchObject({
      format: "csv",
      encoding: "utf-8",
      delimiter: ",",
      headerRow: 1,
      roles: {
        date: 1,
        vendor: 2,
        description: 3,
        account_code: 4,
        account_name: 5,
        amount: 6,
        currency: 7,
        quantity: 8,
        unit: 9,
      },
      // Five companies' exports in one file: the formats most rows use (Hollerbach, Vasseur and
      // Zuivelhoeve write EU numbers; Harlow & Finch and Vasseur write DD/MM/YYYY).
      numberFormat: "eu",
      dateFormat: "DD/MM/YYYY",
    });
    expect(layout.columns).toHaveLength(15);
    expect(rows).toHaveLength(345);
    expect(rows.filter((r) => r.errors.length > 0)).toEqual([]);
  });

  it("matches the README's counts: rows per company, negatives, quantities, currencies", async () => {
    const { rows } = await devCsv();
    const count = (key: (r: ParsedRow) => string | undefined): Record<string, number> => {
      const counts: Record<string, number> = {};
      for (const row of rows) {
        const value = key(row);
        if (value !== undefined) counts[value] = (counts[value] ?? 0) + 1;
      }
      return counts;
    };
    expect(count((r) => r.raw.company)).toEqual({
      "Lumenfield Software, Inc.": 80,
      [HOLLERBACH]: 89,
      "Harlow & Finch Ltd": 66,
      "Transports Vasseur & Fils SAS": 53,
      "Zuivelhoeve De Kempen B.V.": 57,
    });
    expect(rows.filter((r) => (r.fields.amount ?? 0) < 0)).toHaveLength(13);
    expect(rows.filter((r) => r.fields.quantity !== undefined)).toHaveLength(91);
    expect(count((r) => r.fields.currency)).toEqual({ EUR: 201, USD: 79, GBP: 64, CHF: 1 });
  });

  it("reads each company's dates in its own order: within a company rows are in date order", async () => {
    const { rows } = await devCsv();
    const byCompany = new Map<string, string[]>();
    for (const row of rows) {
      const dates = byCompany.get(row.raw.company ?? "") ?? [];
      dates.push(row.fields.date ?? "");
      byCompany.set(row.raw.company ?? "", dates);
    }
    for (const dates of byCompany.values()) {
      expect(dates).toEqual([...dates].sort());
      expect(dates.every((d) => d >= "2023-10-01" && d <= "2024-04-30")).toBe(true);
    }
  });

  it("reads the values the README describes", async () => {
    const { rows } = await devCsv();
    // "148.320 kWh in a German row is 148,320 kWh"
    expect(
      find(rows, "EnBW Energie Baden-Württemberg AG", "Stromlieferung 12/2023")?.fields,
    ).toMatchObject({
      date: "2024-01-05",
      amount: 24318.06,
      quantity: 148320,
      unit: "kWh",
    });
    // "a German 512.880 is five hundred twelve thousand"
    expect(find(rows, "FairEnergie GmbH", "512.880 kWh")?.fields.quantity).toBe(512880);
    // Lumenfield negatives in parentheses: (318.40)
    expect(find(rows, "Alaska Airlines", "Refund")?.fields).toMatchObject({
      date: "2024-03-04",
      amount: -318.4,
      currency: "USD",
    });
    // Hollerbach negatives -312,40; Zuivelhoeve -286,40; Harlow & Finch -612.00
    expect(find(rows, "Klöckner & Co Deutschland GmbH", "Gutschrift")?.fields.amount).toBe(-312.4);
    expect(find(rows, "Eneco Zakelijk", "teruggave")?.fields).toMatchObject({
      date: "2024-01-15",
      amount: -286.4,
    });
    expect(rows.find((r) => r.raw.amount === "-612.00")?.fields.amount).toBe(-612);
    // Vasseur: space as thousands separator, quantities too
    expect(find(rows, "Bolloré Energy", "gazole routier")?.fields).toMatchObject({
      amount: 14612,
      quantity: 10000,
      unit: "L",
    });
    // Harlow & Finch: DD/MM/YYYY
    expect(find(rows, "Legal & General Property", "Rent qtr")?.fields).toMatchObject({
      date: "2023-12-25",
      amount: 36250,
    });
  });
});

describe.skipIf(!fs.existsSync(DEV_DE_XLSX))("shared sample dev_de.xlsx", () => {
  async function devDe(): Promise<Awaited<ReturnType<typeof readLedger>>> {
    return readLedger(fs.readFileSync(DEV_DE_XLSX), { filename: "dev_de.xlsx" });
  }

  it("finds the header in row 3 under the title, the README's header mapping and the 89 rows", async () => {
    const { layout, rows } = await devDe();
    expect(layout).toMatchObject({
      format: "xlsx",
      headerRow: 3,
      roles: NINE_COLUMN_ROLES,
      numberFormat: "eu",
      dateFormat: "DD.MM.YYYY",
    });
    expect(layout.columns.slice(0, 9)).toEqual([
      "Belegdatum",
      "Lieferant/Kunde",
      "Buchungstext",
      "Konto",
      "Kontobezeichnung",
      "Betrag",
      "Währung",
      "Menge",
      "Einheit",
    ]);
    expect(rows).toHaveLength(89);
    expect(rows[0]?.rowNumber).toBe(4);
    expect(rows.filter((r) => r.errors.length > 0)).toEqual([]);
  });

  it("leaves out the totals row and the count line", async () => {
    const { rows } = await devDe();
    expect(rows.at(-1)?.rowNumber).toBe(4 + 89 - 1);
    expect(
      rows.some((r) => Object.values(r.raw).some((cell) => /Summe|Anzahl Buchungen/.test(cell))),
    ).toBe(false);
  });

  it("reads text cells in German format and typed cells alike", async () => {
    const { rows } = await devDe();
    expect(
      find(rows, "EnBW Energie Baden-Württemberg AG", "Stromlieferung 12/2023")?.fields,
    ).toMatchObject({ date: "2024-01-05", amount: 24318.06, quantity: 148320 });
    expect(find(rows, "Volkswagen Leasing GmbH", "Leasingrate 01/24")?.fields.amount).toBe(1186.42);
    expect(find(rows, "Klöckner & Co Deutschland GmbH", "Gutschrift")?.fields.amount).toBe(-312.4);
  });

  it.skipIf(!fs.existsSync(DEV_CSV))(
    "has the same rows as dev.csv's German company, in the same order",
    async () => {
      const { rows } = await devDe();
      const csvRows = (await devCsv()).rows.filter((r) => r.raw.company === HOLLERBACH);
      // Some account numbers are stored as numbers in the workbook, which drops a leading zero (0510 -> 510).
      const comparable = (r: ParsedRow) => ({
        ...r.fields,
        accountCode: r.fields.accountCode?.replace(/^0+/, ""),
      });
      expect(rows.map(comparable)).toEqual(csvRows.map(comparable));
    },
  );

  it("cut in half, it is unreadable: the workbook is damaged", async () => {
    const bytes = fs.readFileSync(DEV_DE_XLSX);
    const error = await fileError(
      readLedger(bytes.subarray(0, bytes.length / 2), { filename: "dev_de.xlsx" }),
    );
    expect(error.code).toBe("unreadable");
    expect(error.message).toContain("damaged");
  });
});
