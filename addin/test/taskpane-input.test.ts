/**
 * What the task pane sends and shows, without a browser: Excel cells as the server takes them,
 * pasted ledgers, the result columns, and figures in tonnes.
 */
import { describe, expect, test } from "vitest";
import { cellFromExcel, isDateFormat, serialToIsoDate } from "../src/taskpane/excel-cells.ts";
import { kgText, tonnesText } from "../src/taskpane/format.ts";
import { parseLedgerText, sniffDelimiter } from "../src/taskpane/paste-parser.ts";
import { resultCells } from "../src/taskpane/result-columns.ts";
import { columnLetter } from "../src/taskpane/role-editor.ts";

describe("Excel cells", () => {
  test.each([
    ["m/d/yyyy", true],
    ["dd.mm.yyyy", true],
    ["[$-409]mmmm d, yyyy;@", true],
    ["yyyy-mm-dd hh:mm", true],
    ["General", false],
    ["#,##0.00", false],
    ['#,##0 "days"', false],
    ["[Red]0.00", false],
    ["h:mm", false],
    ["00000", false],
  ])("%s is a date format: %s", (format, expected) => {
    expect(isDateFormat(format)).toBe(expected);
  });

  test("serial dates in the 1900 system", () => {
    expect(serialToIsoDate(45292)).toBe("2024-01-01");
    expect(serialToIsoDate(61)).toBe("1900-03-01");
    // The time of day is dropped: a ledger line has a date.
    expect(serialToIsoDate(45351.75)).toBe("2024-02-29");
  });

  test("dates become ISO text, numbers stay, zero-padded codes keep their zeros, empty is null", () => {
    expect(cellFromExcel(45292, "dd/mm/yyyy", "01/01/2024")).toBe("2024-01-01");
    expect(cellFromExcel(1234.5, "#,##0.00", "1,234.50")).toBe(1234.5);
    expect(cellFromExcel(610, "00000", "00610")).toBe("00610");
    expect(cellFromExcel("", "General", "")).toBeNull();
    expect(cellFromExcel(true, "General", "TRUE")).toBe(true);
    expect(cellFromExcel("Strom Jan", "@", "Strom Jan")).toBe("Strom Jan");
  });
});

describe("pasted ledgers", () => {
  test("the delimiter: tab from Excel, else the more frequent of ; and ,", () => {
    expect(sniffDelimiter("date\tvendor\n")).toBe("\t");
    expect(sniffDelimiter("Datum;Lieferant;Betrag\n")).toBe(";");
    expect(sniffDelimiter("date,vendor,amount\n")).toBe(",");
  });

  test("cells copied from Excel: quoted line breaks, stray quotes, empty cells as null", () => {
    const text = 'date\tdescription\tamount\n01/02/2024\t"two\nlines"\t12"\n\t\t5\n';
    expect(parseLedgerText(text)).toEqual([
      ["date", "description", "amount"],
      ["01/02/2024", "two\nlines", '12"'],
      [null, null, "5"],
    ]);
  });

  test("CSV keeps displayed text for the server to read: 1.234,56 and quoted commas", () => {
    expect(parseLedgerText('\uFEFFDatum;Betrag\n"02.01.2024";"1.234,56"\n')).toEqual([
      ["Datum", "Betrag"],
      ["02.01.2024", "1.234,56"],
    ]);
    expect(parseLedgerText('vendor,amount\n"Lumenfield, Inc.","42,875.00"\n')).toEqual([
      ["vendor", "amount"],
      ["Lumenfield, Inc.", "42,875.00"],
    ]);
  });
});

describe("what the pane shows", () => {
  test("a row waiting for review shows its proposal's scope and category, no figure", () => {
    const cells = resultCells({
      row_number: 13,
      id: "r",
      pattern: "pg&e",
      status: "needs_review",
      raw: {},
      parsed: null,
      errors: null,
      mapping: {
        category: "purchased_electricity",
        activity: "electricity.grid",
        naics: null,
        confidence: 0.6,
        method: "review",
        reason: "known vendor",
      },
      result: null,
    });
    expect(cells).toEqual([
      2,
      "purchased_electricity",
      "electricity.grid",
      null,
      null,
      0.6,
      "needs review",
    ]);
  });

  test("tonnes with about three significant figures; kilograms in full", () => {
    expect(tonnesText(2_384_037.97)).toBe("2,384 t");
    expect(tonnesText(15_906.17)).toBe("15.9 t");
    expect(tonnesText(300)).toBe("0.30 t");
    expect(tonnesText(4.2)).toBe("0.004 t");
    expect(tonnesText(0)).toBe("0.00 t");
    expect(kgText(388_512.302308)).toBe("388,512.302 kg CO2e");
  });

  test("column letters as a sheet names them", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual([
      "A",
      "Z",
      "AA",
      "AB",
      "ZZ",
      "AAA",
    ]);
  });
});
