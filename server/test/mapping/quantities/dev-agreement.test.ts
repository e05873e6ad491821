/**
 * Every dev.csv description against the row's own quantity/unit columns, each read in the
 * company's number format (README company table).
 */
import { findUnit } from "@offgridflow/engine";
import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNumber } from "../../../src/ledger/numbers.ts";
import type { NumberFormat } from "../../../src/ledger/schema.ts";
import {
  extractQuantity,
  normaliseLedgerUnit,
  type ExtractedQuantity,
} from "../../../src/mapping/quantities/index.ts";
import { SHARED_LEDGERS } from "../../ledger/helpers.ts";

const FORMATS: Record<string, NumberFormat> = {
  "Lumenfield Software, Inc.": "us",
  "Hollerbach Präzisionstechnik GmbH": "eu",
  "Harlow & Finch Ltd": "plain",
  "Transports Vasseur & Fils SAS": "eu",
  "Zuivelhoeve De Kempen B.V.": "eu",
};

interface Row {
  company: string;
  description: string;
  quantity: string;
  unit: string;
}

const rows: Row[] = parse(readFileSync(path.join(SHARED_LEDGERS, "dev.csv")), { columns: true });

function formatOf(row: Row): NumberFormat {
  const format = FORMATS[row.company];
  if (!format) throw new Error(`no number format for ${row.company}`);
  return format;
}

/** The quantity column in the extractor's terms; undefined when the row has none. */
function columnQuantity(row: Row): { value: number; unit: string } | undefined {
  if (row.quantity === "") return undefined;
  const reading = parseNumber(row.quantity, formatOf(row));
  const unit = normaliseLedgerUnit(row.unit);
  if (!reading.ok || !unit) throw new Error(`unreadable quantity ${row.quantity} ${row.unit}`);
  return { value: reading.value * unit.factor, unit: unit.unit };
}

function agrees(found: ExtractedQuantity, column: { value: number; unit: string }): boolean {
  const [from, to] = [findUnit(found.unit), findUnit(column.unit)];
  if (!from || !to || from.dimension !== to.dimension || from.countOf !== to.countOf) return false;
  return Math.abs((found.value * from.toBase) / to.toBase - column.value) <= 1e-9 * column.value;
}

const readings = rows.map((row) => ({
  row,
  found: extractQuantity(row.description, { numberFormat: formatOf(row) }),
  column: columnQuantity(row),
}));
const both = readings.filter((r) => r.found && r.column);

describe("dev.csv quantities", () => {
  it("reads every row and every quantity column", () => {
    expect(rows).toHaveLength(345);
    expect(readings.filter((r) => r.column)).toHaveLength(91); // README: 91 rows with a quantity
  });

  it("agrees with the quantity column wherever both exist", () => {
    const disagreements = both
      .filter(({ found, column }) => !agrees(found!, column!))
      .map(({ row, found }) => [row.description, found, row.quantity, row.unit]);
    expect(disagreements).toEqual([]);
  });

  // The figures reported with this extractor; a change here is a change in behaviour to review.
  it("extracts from 111 descriptions, 81 of them next to a quantity column", () => {
    expect(readings.filter((r) => r.found)).toHaveLength(111);
    expect(both).toHaveLength(81);
  });

  // Column quantities not written in the description (the column is the only source), plus one
  // written as a bare item count ("x 400"), which the extractor does not read.
  it("misses only quantities the description does not carry", () => {
    const missed = readings.filter((r) => r.column && !r.found).map((r) => r.row.description);
    expect(missed).toEqual([
      "Jahresverbrauchsabrechnung Strom Außenlager 2023",
      "Versandkartons 600x400x400 2-wellig",
      "Blankstahl 11SMnPb30 6m Stangen",
      "Fracht Sdg. 2411-0871 nach Uzwil (CH) lt. Kundenauftrag weiterberechnet (FCA)",
      "Shell Fleet card Jan - 3 delivery vans diesel",
      "Carte GR relevé janvier gazole 38 tracteurs",
      "Palettes EUR EPAL 120x80 reconditionnées x 400",
      "Électricité dépôt Lens janvier",
      "Reiskostenvergoeding woon-werk jan 0,23/km",
      "Elektriciteit jan koelhuis Veghel",
    ]);
  });
});
