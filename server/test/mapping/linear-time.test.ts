/**
 * Mapping reads a cell in time proportional to its length (issue #10): a 32,000-character
 * description once held /v1/map/batch for 30 s, because `[a-z]*abfall\b` and its kind restart at
 * every letter. Counted in characters handed to regular expressions, never timed.
 */
import { describe, expect, it } from "vitest";
import type { ParsedRow } from "../../src/ledger/index.ts";
import { mapRows } from "../../src/mapping/map-ledger.ts";
import { Mapper } from "../../src/mapping/mapper.ts";
import { patternOf } from "../../src/mapping/pattern.ts";
import { MAX_ANALYSED_CHARS, type MappingRow } from "../../src/mapping/proposal.ts";
import { extractQuantity } from "../../src/mapping/quantities/index.ts";
import { candidatesFor } from "../../src/mapping/review.ts";
import {
  conceptsIn,
  normaliseLedgerText,
  refrigerantCodes,
} from "../../src/mapping/retrieval/vocabulary.ts";
import { proposeByRules } from "../../src/mapping/rules/index.ts";
import { expectLinear } from "../support/long-cells.ts";

const COUNTRY = "DE";

function parsedRow(fields: MappingRow): ParsedRow {
  return { rowNumber: 1, raw: {}, fields, errors: [] };
}

/** A ledger row with `text` in every text cell. */
function rowOf(text: string): MappingRow {
  return {
    date: "2024-01-15",
    amount: 120,
    currency: "EUR",
    vendor: text,
    description: text,
    accountCode: text,
    accountName: text,
    unit: text,
  };
}

/** A stored row as the review stage reads it. */
function reviewRow(fields: MappingRow): Parameters<typeof candidatesFor>[0] {
  return {
    parsed: fields,
    ledger: { country: COUNTRY, layout: { numberFormat: "eu" } },
  } as unknown as Parameters<typeof candidatesFor>[0];
}

// Long enough for the first runs, which also wait for the ReDoS checker.
const TIMEOUT = 600_000;

describe("linear time", () => {
  it(
    "maps a row, as an import and the review stage do, in steps proportional to its cells",
    async () => {
      await expectLinear(async (text) => {
        const fields = rowOf(text);
        await mapRows([parsedRow(fields)], new Mapper({ country: COUNTRY }), {
          country: COUNTRY,
          numberFormat: "eu",
        });
        candidatesFor(reviewRow(fields));
      }, 10);
    },
    TIMEOUT,
  );

  it(
    "reads a booking text in steps proportional to its length, cap aside",
    async () => {
      await expectLinear((text) => {
        conceptsIn(normaliseLedgerText(text));
        refrigerantCodes(normaliseLedgerText(text));
        for (const numberFormat of ["eu", "us", "plain"] as const)
          extractQuantity(text, { numberFormat });
        proposeByRules({ description: text, vendor: text, accountName: text });
        patternOf({ description: text });
      }, 5);
    },
    TIMEOUT,
  );

  it("reads no further into a cell than MAX_ANALYSED_CHARS", async () => {
    // "Lieferung " is 10 characters: the word that would make the row electricity starts just
    // past the cap.
    const fields = { description: `${"Lieferung ".repeat(MAX_ANALYSED_CHARS / 10)}Strom` };
    expect(proposeByRules(fields).activity).toBe("electricity.grid");
    const [mapped] = await mapRows([parsedRow(fields)], new Mapper({ country: COUNTRY }), {
      country: COUNTRY,
    });
    expect(mapped?.activity).not.toBe("electricity.grid");
    expect(mapped?.pattern).not.toContain("strom");
  });
});
