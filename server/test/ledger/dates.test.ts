import { describe, expect, it } from "vitest";
import {
  dayOrderEvidence,
  excelSerialDate,
  looksLikeDate,
  parseDate,
  type DayOrder,
} from "../../src/ledger/dates.ts";

describe("parseDate", () => {
  // [text, column day order, ISO date, format]: dates from dev.csv in each company's format
  // and the formats the README says real exports use.
  const cases: [string, DayOrder, string, string][] = [
    ["05.01.2024", "dmy", "2024-01-05", "DD.MM.YYYY"], // Hollerbach
    ["05.01.2024", "mdy", "2024-01-05", "DD.MM.YYYY"], // dotted dates are day first everywhere
    ["03/04/2024", "mdy", "2024-03-04", "MM/DD/YYYY"], // Lumenfield (the (318.40) refund)
    ["01/22/2024", "mdy", "2024-01-22", "MM/DD/YYYY"],
    ["25/12/2023", "dmy", "2023-12-25", "DD/MM/YYYY"], // Harlow & Finch
    ["09/01/2024", "dmy", "2024-01-09", "DD/MM/YYYY"],
    ["10-01-2024", "dmy", "2024-01-10", "DD-MM-YYYY"], // Zuivelhoeve
    ["2024-01-15", "dmy", "2024-01-15", "YYYY-MM-DD"],
    ["2024-01-15T00:00:00.000Z", "mdy", "2024-01-15", "YYYY-MM-DD"],
    ["15.01.24", "dmy", "2024-01-15", "DD.MM.YY"],
    ["15 Jan 2024", "dmy", "2024-01-15", "D MMM YYYY"],
    ["Jan 15, 2024", "mdy", "2024-01-15", "MMM D, YYYY"],
    ["15-Jan-24", "dmy", "2024-01-15", "D MMM YY"],
    ["15. Jan. 2024", "dmy", "2024-01-15", "D MMM YYYY"],
    ["15. Januar 2024", "dmy", "2024-01-15", "D MMM YYYY"],
    ["15. März 2024", "dmy", "2024-03-15", "D MMM YYYY"],
    ["15 janv. 2024", "dmy", "2024-01-15", "D MMM YYYY"],
    ["15 févr. 2024", "dmy", "2024-02-15", "D MMM YYYY"],
    ["15 mrt 2024", "dmy", "2024-03-15", "D MMM YYYY"],
    ["15 ene 2024", "dmy", "2024-01-15", "D MMM YYYY"],
    ["15 de enero de 2024", "dmy", "2024-01-15", "D MMM YYYY"],
    ["15 maj 2024", "dmy", "2024-05-15", "D MMM YYYY"],
    ["45306", "dmy", "2024-01-15", "Excel serial"],
  ];
  it.each(cases)("reads %j (%s) as %s", (text, order, iso, format) => {
    expect(parseDate(text, order)).toEqual({ ok: true, iso, format });
  });

  it.each([
    ["31.02.2024", "February 2024 has 29 days"],
    ["25/12/2023", "no month 25"], // read month first, as a US column would
    ["15 jui 2024", "is not a date"], // "jui" could be June or July
    ["Summe (alle Währungen)", "is not a date"],
  ])("refuses %j: %s", (text, reason) => {
    const reading = parseDate(text, "mdy");
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.reason).toContain(reason);
  });

  it("reads Excel serial day numbers", () => {
    expect(excelSerialDate(45306)).toEqual({ ok: true, iso: "2024-01-15", format: "Excel serial" });
    expect(excelSerialDate(45306.75)).toMatchObject({ ok: true, iso: "2024-01-15" });
    expect(excelSerialDate(12).ok).toBe(false);
  });
});

describe("dayOrderEvidence", () => {
  it.each([
    ["25/12/2023", "dmy"],
    ["15-01-2024", "dmy"],
    ["01/15/2024", "mdy"],
    ["03/04/2024", undefined],
    ["15.01.2024", undefined], // dotted dates never need the column's order
    ["2024-01-15", undefined],
  ] as const)("%j says %s", (text, order) => {
    expect(dayOrderEvidence(text)).toBe(order);
  });
});

describe("looksLikeDate", () => {
  it("tells dates, valid or not, from labels and numbers", () => {
    expect(looksLikeDate("31.02.2024")).toBe(true);
    expect(looksLikeDate("15 Jan 2024")).toBe(true);
    expect(looksLikeDate("Summe (alle Währungen)")).toBe(false);
    expect(looksLikeDate("Anzahl Buchungen: 89")).toBe(false);
    expect(looksLikeDate("24.318,06")).toBe(false);
  });
});
