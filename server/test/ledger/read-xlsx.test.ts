import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readLedger } from "../../src/ledger/index.ts";
import {
  GERMAN_HEADER,
  HEADER,
  HOLLERBACH,
  fileError,
  workbookBytes,
  NINE_COLUMN_ROLES,
} from "./helpers.ts";

const TITLE =
  "Hollerbach Präzisionstechnik GmbH · Buchungsjournal Sachkonten 01.01.2024 – 31.03.2024 · Export FiBu";

function utcDate(ddmmyyyy: string): Date {
  const [day, month, year] = ddmmyyyy.split(".").map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
}

function germanNumber(text: string): number {
  return Number(text.replace(/\./g, "").replace(",", "."));
}

/**
 * The README's German export layout: title in row 1, row 2 blank, header in row 3, data from
 * row 4, a bold totals row with a SUM formula one blank row below the data and a count line
 * under it; some dates, amounts and quantities typed, the rest text in German format.
 */
function germanJournal(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet("Journal Q1 2024");
  sheet.getCell("A1").value = TITLE;
  sheet.mergeCells("A1:I1");
  sheet.getRow(3).values = GERMAN_HEADER;
  HOLLERBACH.forEach((line, i) => {
    const typed = i % 2 === 0;
    const [date = "", vendor, text, account, name, amount = "", currency, quantity = "", unit] =
      line;
    sheet.getRow(4 + i).values = [
      typed ? utcDate(date) : date,
      vendor,
      text,
      typed ? Number(account) : account,
      name,
      typed ? germanNumber(amount) : amount,
      currency,
      quantity === "" ? null : i === 2 ? germanNumber(quantity) : quantity,
      unit || null,
    ];
  });
  const last = 3 + HOLLERBACH.length;
  const totals = sheet.getRow(last + 2);
  totals.getCell(3).value = "Summe (alle Währungen)";
  totals.getCell(6).value = { formula: `SUM(F4:F${last})`, result: 24318.06 + 318.4 + 5194.8 };
  totals.font = { bold: true };
  sheet.getCell(`C${last + 3}`).value = `Anzahl Buchungen: ${HOLLERBACH.length}`;
}

describe("XLSX exports", () => {
  it("reads the German layout: title, typed and text cells, totals row and count line left out", async () => {
    const { layout, rows } = await readLedger(await workbookBytes(germanJournal), {
      filename: "journal.xlsx",
    });
    expect(layout).toMatchObject({
      format: "xlsx",
      sheet: "Journal Q1 2024",
      headerRow: 3,
      columns: GERMAN_HEADER,
      roles: NINE_COLUMN_ROLES,
      numberFormat: "eu",
      dateFormat: "DD.MM.YYYY",
    });
    expect(rows.map((r) => r.rowNumber)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(rows.map((r) => r.fields.date)).toEqual([
      "2024-01-05",
      "2024-01-08",
      "2024-01-09",
      "2024-01-12",
      "2024-01-15",
      "2024-02-26",
    ]);
    expect(rows.map((r) => r.fields.amount)).toEqual([
      24318.06, 14880, 5691.8, 318.4, 5194.8, -312.4,
    ]);
    expect(rows.map((r) => r.fields.quantity)).toEqual([
      148320,
      undefined,
      3.82,
      undefined,
      512880,
      undefined,
    ]);
    expect(rows.every((r) => r.errors.length === 0)).toBe(true);
    // raw: a date cell as ISO date text, a number as its JS string, text as written.
    expect(rows[0]?.raw).toMatchObject({
      Belegdatum: "2024-01-05",
      Konto: "4240",
      Betrag: "24318.06",
      Menge: "148.320",
    });
    expect(rows[1]?.raw).toMatchObject({ Belegdatum: "08.01.2024", Betrag: "14.880,00" });
  });

  it("gives merged cells their top-left value", async () => {
    // The two Klöckner lines of dev.csv, with the vendor written once in a cell merged over both.
    const [first = [], second = []] = [HOLLERBACH[2], HOLLERBACH[5]];
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("Journal");
      sheet.addRow(GERMAN_HEADER);
      sheet.addRow(first);
      sheet.addRow([second[0], null, ...second.slice(2)]);
      sheet.mergeCells("B2:B3");
    });
    const { rows } = await readLedger(data, { filename: "merged.xlsx" });
    expect(rows.map((r) => [r.fields.vendor, r.fields.amount])).toEqual([
      ["Klöckner & Co Deutschland GmbH", 5691.8],
      ["Klöckner & Co Deutschland GmbH", -312.4],
    ]);
  });

  it("picks the sheet holding the ledger: not a cover, not a small summary", async () => {
    const data = await workbookBytes((workbook) => {
      workbook.addWorksheet("Deckblatt").addRow([TITLE]);
      const summary = workbook.addWorksheet("Übersicht");
      summary.addRow(["Konto", "Betrag"]);
      summary.addRow([4240, 24318.06]);
      germanJournal(workbook);
    });
    const { layout, rows } = await readLedger(data, { filename: "book.xlsx" });
    expect(layout.sheet).toBe("Journal Q1 2024");
    expect(rows).toHaveLength(HOLLERBACH.length);
  });

  it("prefers visible sheets: a hidden one with more rows is not the ledger", async () => {
    const data = await workbookBytes((workbook) => {
      germanJournal(workbook);
      const hidden = workbook.addWorksheet("Rohdaten", { state: "hidden" });
      hidden.addRow(GERMAN_HEADER);
      for (const line of [...HOLLERBACH, ...HOLLERBACH]) hidden.addRow(line);
    });
    expect((await readLedger(data, { filename: "book.xlsx" })).layout.sheet).toBe(
      "Journal Q1 2024",
    );
  });

  it("leaves out a subtotal row made by a SUM formula even when it carries a date", async () => {
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("Journal");
      sheet.addRow(GERMAN_HEADER);
      for (const line of HOLLERBACH.slice(0, 5)) sheet.addRow(line);
      sheet.addRow([
        utcDate("31.01.2024"),
        null,
        null,
        null,
        null,
        { formula: "SUM(F2:F6)", result: 0 },
      ]);
      sheet.addRow(HOLLERBACH[5]);
    });
    const { rows } = await readLedger(data, { filename: "x.xlsx" });
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6, 8]);
  });

  it("keeps the leading zeros of account numbers formatted as 0000", async () => {
    // dev.csv: Bürgerenergie Solarpark Alb eG, account 0510 Beteiligungen.
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("Journal");
      sheet.addRow(GERMAN_HEADER);
      sheet.addRow([
        utcDate("19.01.2024"),
        "Bürgerenergie Solarpark Alb eG",
        "Genossenschaftsanteile 50 x 500 €",
        510,
        "Beteiligungen",
        25000,
        "EUR",
      ]);
      sheet.getCell("D2").numFmt = "0000";
      sheet.addRow(HOLLERBACH[0]);
    });
    const { rows } = await readLedger(data, { filename: "x.xlsx" });
    expect(rows[0]?.fields.accountCode).toBe("0510");
  });

  it("reads Excel serial numbers in the date column", async () => {
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("Journal");
      sheet.addRow(["Datum", "Betrag"]);
      sheet.addRow([45306, "1.234,56"]);
      sheet.addRow(["45306", "1.234,56-"]);
    });
    const { rows } = await readLedger(data, { filename: "x.xlsx" });
    expect(rows.map((r) => [r.fields.date, r.fields.amount])).toEqual([
      ["2024-01-15", 1234.56],
      ["2024-01-15", -1234.56],
    ]);
  });
});

describe("workbooks that cannot be read", () => {
  it("a truncated workbook is unreadable and said to be damaged", async () => {
    const data = await workbookBytes(germanJournal);
    const error = await fileError(
      readLedger(data.subarray(0, Math.floor(data.length / 2)), { filename: "cut.xlsx" }),
    );
    expect(error.code).toBe("unreadable");
    expect(error.message).toContain("damaged");
  });

  it("a ZIP that is not a workbook is unsupported", async () => {
    const data = await workbookBytes(germanJournal);
    // Rename the workbook part in place (same length), as if it were another kind of archive.
    const text = new TextDecoder("latin1")
      .decode(data)
      .replaceAll("xl/workbook.xml", "xl/notebook.xml");
    const renamed = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect((await fileError(readLedger(renamed, { filename: "archive.xlsx" }))).code).toBe(
      "unsupported",
    );
  });

  it("a sheet wider than maxColumns is too_wide", async () => {
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("Journal");
      sheet.addRow(HEADER);
      sheet.addRow(HOLLERBACH[0]);
      sheet.getRow(2).getCell(600).value = "x";
    });
    expect((await fileError(readLedger(data, { filename: "wide.xlsx" }))).code).toBe("too_wide");
  });

  it("a workbook without data is empty", async () => {
    const data = await workbookBytes((workbook) => {
      workbook.addWorksheet("Tabelle1");
      workbook.addWorksheet("Journal").addRow(GERMAN_HEADER);
    });
    const error = await fileError(readLedger(data, { filename: "empty.xlsx" }));
    expect(error.code).toBe("empty");
    expect(error.message).toContain("0 rows");
  });
});
