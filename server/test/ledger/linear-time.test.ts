/**
 * The ledger reader takes time proportional to its cells (issue #10): a cell of several
 * megabytes costs no more per character than a short one, and a number or date cell longer than
 * MAX_VALUE_CHARS is refused before any pattern reads it. Counted in characters handed to regular
 * expressions, never timed.
 */
import { describe, expect, it } from "vitest";
import { MAX_VALUE_CHARS } from "../../src/ledger/cells.ts";
import { dayOrderEvidence, looksLikeDate, parseDate } from "../../src/ledger/dates.ts";
import { LedgerFileError, readLedger } from "../../src/ledger/index.ts";
import { numberEvidence, parseNumber } from "../../src/ledger/numbers.ts";
import { expectLinear } from "../support/long-cells.ts";
import { HEADER, HOLLERBACH, csvText, utf8 } from "./helpers.ts";

// Long enough for the first runs, which also wait for the ReDoS checker.
const TIMEOUT = 600_000;

describe("linear time", () => {
  it(
    "reads number and date cells in steps proportional to their length",
    async () => {
      await expectLinear((text) => {
        for (const format of ["eu", "us", "plain"] as const) parseNumber(text, format);
        numberEvidence(text);
        for (const order of ["dmy", "mdy"] as const) parseDate(text, order);
        dayOrderEvidence(text);
        looksLikeDate(text);
      }, 20);
    },
    TIMEOUT,
  );

  it(
    "reads a CSV with one huge row in steps proportional to the file",
    async () => {
      await expectLinear(async (text) => {
        // The date, description and amount of the third line are the huge cell.
        const huge = new Set(["date", "description", "amount"].map((name) => HEADER.indexOf(name)));
        const lines = HOLLERBACH.map((line, index) =>
          index === 2 ? line.map((cell, column) => (huge.has(column) ? text : cell)) : line,
        );
        try {
          await readLedger(utf8(csvText([HEADER, ...lines])), { filename: "ledger.csv" });
        } catch (error) {
          // Random cells may look like binary data: refusing the file is an answer too.
          if (!(error instanceof LedgerFileError)) throw error;
        }
      }, 5);
    },
    TIMEOUT,
  );

  it("refuses a number or date cell longer than MAX_VALUE_CHARS unread", () => {
    const long = "1".repeat(MAX_VALUE_CHARS + 1);
    expect(parseNumber("1".repeat(MAX_VALUE_CHARS), "plain").ok).toBe(true);
    expect(parseNumber(long, "plain")).toEqual({
      ok: false,
      reason: `"${"1".repeat(MAX_VALUE_CHARS)}…" is not a number`,
    });
    // Spaces around a date are not counted.
    expect(parseDate(` 2024-01-15${" ".repeat(MAX_VALUE_CHARS)}`, "dmy").ok).toBe(true);
    expect(parseDate(`2024-01-15${"0".repeat(MAX_VALUE_CHARS)}`, "dmy")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/…" is not a date$/),
    });
  });
});
