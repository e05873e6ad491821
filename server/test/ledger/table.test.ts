import { describe, expect, it } from "vitest";
import type { CellValue, Grid } from "../../src/ledger/cells.ts";
import { LedgerFileError } from "../../src/ledger/errors.ts";
import { dataRowIndexes, findTable } from "../../src/ledger/table.ts";
import { HEADER, HOLLERBACH, VASSEUR } from "./helpers.ts";

function grid(rows: CellValue[][], aggregateRows: number[] = []): Grid {
  return { rows, rowNumbers: rows.map((_, i) => i + 1), aggregateRows: new Set(aggregateRows) };
}

function tableError(rows: CellValue[][]): LedgerFileError {
  try {
    findTable(grid(rows));
  } catch (error) {
    if (error instanceof LedgerFileError) return error;
    throw error;
  }
  throw new Error("no error");
}

/** The German export's layout (README): title in row 1, row 2 blank, header in row 3. */
const TITLE =
  "Hollerbach Präzisionstechnik GmbH · Buchungsjournal Sachkonten 01.01.2024 – 31.03.2024 · Export FiBu";

describe("findTable", () => {
  it("skips the title and blank rows above the header", () => {
    const shape = findTable(grid([[TITLE], [], HEADER, ...HOLLERBACH]));
    expect(shape.headerIndex).toBe(2);
    expect(shape.columns).toEqual(HEADER);
    expect(shape.bodyIndexes).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it("takes a title merged across the columns (every cell the same) for a title", () => {
    const merged = HEADER.map(() => TITLE);
    expect(findTable(grid([merged, HEADER, ...HOLLERBACH])).headerIndex).toBe(1);
  });

  it("skips a report block of key/value lines and a header repeated on every page", () => {
    const rows = [
      ["Mandant", "10442"],
      ["Zeitraum", "01.01.2024", "31.03.2024"],
      [],
      HEADER,
      ...HOLLERBACH.slice(0, 3),
      HEADER,
      ...HOLLERBACH.slice(3),
    ];
    const shape = findTable(grid(rows));
    expect(shape.headerIndex).toBe(3);
    expect(shape.bodyIndexes).toHaveLength(HOLLERBACH.length);
  });

  it("widens the columns to data beyond the header", () => {
    const rows = [HEADER, [...(HOLLERBACH[0] ?? []), "note"], ...HOLLERBACH.slice(1)];
    expect(findTable(grid(rows)).columns).toEqual([...HEADER, ""]);
  });

  it("says empty for no rows or a header alone, no_header for text that is not a table", () => {
    expect(tableError([[], [""]])).toMatchObject({
      code: "empty",
      message: expect.stringContaining("0 rows"),
    });
    expect(tableError([HEADER])).toMatchObject({
      code: "empty",
      message: expect.stringContaining("0 rows"),
    });
    const prose = [
      ["Dear customer"],
      ["please find attached our statement for the first quarter", " as agreed"],
      ["Kind regards", " the accounts team"],
    ];
    expect(tableError(prose)).toMatchObject({ code: "no_header" });
  });
});

describe("dataRowIndexes", () => {
  const dateColumn = 0;

  it("drops the totals row, blank rows and the count line below the data", () => {
    // The README's German export: a totals row one blank row below the data, a count line under it.
    const totals = [null, null, "Summe (alle Währungen)", null, null, 495608.07];
    const rows = [
      [TITLE],
      [],
      HEADER,
      ...HOLLERBACH,
      [],
      totals,
      [null, null, "Anzahl Buchungen: 89"],
    ];
    const g = grid(rows, [rows.indexOf(totals)]);
    const indexes = dataRowIndexes(g, findTable(g), dateColumn);
    expect(indexes.map((i) => rows[i])).toEqual(HOLLERBACH);
  });

  it.each([["Total"], ["Gesamt"], ["Totaal"], ["Total général"], ["TOTAL:"], ["Summe"]])(
    "drops an undated %j row without any formula",
    (label) => {
      const rows = [HEADER, ...VASSEUR, ["", "", label, "", "", "23 780,00", "EUR"]];
      const g = grid(rows);
      expect(dataRowIndexes(g, findTable(g), dateColumn)).toHaveLength(VASSEUR.length);
    },
  );

  it("keeps dated lines whose text opens like a totals label", () => {
    // dev.csv: TotalEnergies is a vendor, not a total.
    const total = [
      "05/02/2024",
      "TotalEnergies Marketing France",
      "Carte GR relevé janvier gazole 38 tracteurs",
      "606140",
      "Carburants",
      "71 488,32",
      "EUR",
      "46 718,6",
      "L",
    ];
    const rows = [HEADER, ...VASSEUR, total];
    const g = grid(rows);
    expect(dataRowIndexes(g, findTable(g), dateColumn)).toHaveLength(VASSEUR.length + 1);
  });

  it("keeps an undated line with values in the middle: it is a data row with a date error", () => {
    const undated = ["", ...(HOLLERBACH[1] ?? []).slice(1)];
    const rows = [HEADER, HOLLERBACH[0] ?? [], undated, HOLLERBACH[2] ?? []];
    const g = grid(rows);
    expect(dataRowIndexes(g, findTable(g), dateColumn)).toEqual([1, 2, 3]);
  });
});
