import { describe, expect, it } from "vitest";
import {
  decideNumberFormat,
  emptyTally,
  numberEvidence,
  parseNumber,
} from "../../src/ledger/numbers.ts";
import type { NumberFormat } from "../../src/ledger/schema.ts";

describe("parseNumber", () => {
  // [text, column format, value, currency]: the companies' formats as the README states them
  // (amounts and quantities from dev.csv), the formats it says real exports use, and the
  // currency-marked amounts of the product issue.
  const cases: [string, NumberFormat, number, string?][] = [
    ["24.318,06", "eu", 24318.06], // Hollerbach: 1.234,56
    ["-312,40", "eu", -312.4], // Hollerbach negatives
    ["42,875.00", "us", 42875], // Lumenfield: 1,234.56
    ["(318.40)", "us", -318.4], // Lumenfield negatives in parentheses
    ["36250.00", "plain", 36250], // Harlow & Finch: 1234.56
    ["-612.00", "plain", -612], // Harlow & Finch negatives
    ["6 318,00", "eu", 6318], // Vasseur: space as thousands separator
    ["6\u00a0318,00", "eu", 6318], // the same with a no-break space
    ["-2 480,00", "eu", -2480],
    ["-286,40", "eu", -286.4], // Zuivelhoeve negatives
    ["1234,56", "eu", 1234.56], // no thousands separator, decimal comma
    ["1.234,56-", "eu", -1234.56], // SAP/DATEV trailing minus
    ["€ 1.234,56", "eu", 1234.56, "EUR"],
    ["$1,234.56", "us", 1234.56],
    ["CHF 12.50", "plain", 12.5, "CHF"],
    ["148.320", "eu", 148320], // a German quantity: 148,320 kWh
    ["512.880", "eu", 512880],
    ["3,82", "eu", 3.82],
    ["10 000", "eu", 10000], // a French quantity
    ["18,420", "us", 18420], // a US quantity
    ["142.6", "us", 142.6],
  ];
  it.each(cases)("reads %j in a %s column as %d", (text, format, value, currency) => {
    const reading = parseNumber(text, format);
    expect(reading).toMatchObject({ ok: true, value });
    if (reading.ok) expect(reading.currency).toBe(currency);
  });

  it("reads a value that has one reading that way whatever the column says", () => {
    // "24.318,06" can only be EU and "2,611.87" only US; the column format is for "1.234".
    expect(parseNumber("24.318,06", "us")).toMatchObject({ ok: true, value: 24318.06 });
    expect(parseNumber("2,611.87", "eu")).toMatchObject({ ok: true, value: 2611.87 });
    expect(parseNumber("148.320", "us")).toMatchObject({ ok: true, value: 148.32 });
  });

  it.each(["12,3,4", "1.23.4", "abc", "EUR", "12 XYZ", "15.01.2024"])(
    "refuses %j with a reason",
    (text) => {
      const reading = parseNumber(text, "eu");
      expect(reading.ok).toBe(false);
      if (!reading.ok) expect(reading.reason).toContain(text);
    },
  );
});

describe("numberEvidence and decideNumberFormat", () => {
  it.each([
    ["24.318,06", "eu"],
    ["318,40", "eu"],
    ["6 318,00", "eu"],
    ["42,875.00", "us"],
    ["(318.40)", "plain"],
    ["36250.00", "plain"],
    ["148.320", undefined],
    ["18,420", undefined],
    ["2400", undefined],
  ] as const)("%j on its own says %s", (text, format) => {
    expect(numberEvidence(text)).toBe(format);
  });

  it("lets the column decide: the majority of the values that decide on their own", () => {
    const column = ["2,611.87", "512.44", "684.48", "(318.40)", "18,420"];
    const tally = emptyTally();
    for (const text of column) {
      const format = numberEvidence(text);
      if (format) tally[format]++;
    }
    expect(decideNumberFormat(tally)).toBe("us");
    expect(decideNumberFormat({ eu: 3, us: 0, plain: 1 })).toBe("eu");
    expect(decideNumberFormat({ eu: 0, us: 0, plain: 4 })).toBe("plain");
    expect(decideNumberFormat(emptyTally())).toBeUndefined();
  });
});
