import { describe, expect, it } from "vitest";
import { readLedger } from "../../src/ledger/index.ts";
import {
  GERMAN_HEADER,
  HARLOW,
  HEADER,
  HOLLERBACH,
  LUMENFIELD,
  VASSEUR,
  ZUIVELHOEVE,
  csvText,
  fileError,
  utf8,
  windows1252,
  NINE_COLUMN_ROLES,
} from "./helpers.ts";

describe("CSV exports", () => {
  it("reads a semicolon-delimited German export", async () => {
    const data = utf8(csvText([GERMAN_HEADER, ...HOLLERBACH], ";"));
    const { layout, rows } = await readLedger(data, { filename: "buchungsjournal.csv" });
    expect(layout).toMatchObject({
      format: "csv",
      encoding: "utf-8",
      delimiter: ";",
      headerRow: 1,
      columns: GERMAN_HEADER,
      roles: NINE_COLUMN_ROLES,
      numberFormat: "eu",
      dateFormat: "DD.MM.YYYY",
    });
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
    expect(rows[0]).toEqual({
      rowNumber: 2,
      raw: Object.fromEntries(GERMAN_HEADER.map((h, i) => [h, HOLLERBACH[0]?.[i]])),
      fields: {
        date: "2024-01-05",
        vendor: "EnBW Energie Baden-Württemberg AG",
        description: "Stromlieferung 12/2023 RLM Zählpunkt DE0007310...4471, 148.320 kWh",
        accountCode: "4240",
        accountName: "Gas, Strom, Wasser",
        amount: 24318.06,
        currency: "EUR",
        quantity: 148320,
        unit: "kWh",
      },
      errors: [],
    });
  });

  it("reads a tab-delimited UK export", async () => {
    const { layout, rows } = await readLedger(utf8(csvText([HEADER, ...HARLOW], "\t")), {
      filename: "nominal.txt",
    });
    expect(layout).toMatchObject({
      delimiter: "\t",
      numberFormat: "plain",
      dateFormat: "DD/MM/YYYY",
    });
    expect(rows.map((r) => [r.fields.date, r.fields.amount, r.fields.currency])).toEqual([
      ["2023-12-25", 36250, "GBP"],
      ["2023-12-27", 1988, "GBP"],
      ["2024-01-09", 9840, "USD"],
      ["2024-01-16", 1418, "GBP"],
    ]);
  });

  it("reads a pipe-delimited Dutch export", async () => {
    const { layout, rows } = await readLedger(utf8(csvText([HEADER, ...ZUIVELHOEVE], "|")), {
      filename: "grootboek.csv",
    });
    expect(layout).toMatchObject({ delimiter: "|", numberFormat: "eu", dateFormat: "DD-MM-YYYY" });
    expect(rows.map((r) => [r.fields.date, r.fields.amount, r.fields.quantity])).toEqual([
      ["2024-01-10", 11214, undefined],
      ["2024-01-15", -286.4, undefined],
      ["2024-01-16", 3168, 24],
      ["2024-01-26", 1316, 6.8],
    ]);
  });

  it("reads a Windows-1252 French export with space thousands", async () => {
    const data = windows1252(csvText([HEADER, ...VASSEUR], ";"));
    expect(data).toContain(0xe9); // é
    const { layout, rows } = await readLedger(data, {
      filename: "grand-livre.csv",
      contentType: "text/csv",
    });
    expect(layout).toMatchObject({
      encoding: "windows-1252",
      delimiter: ";",
      numberFormat: "eu",
      dateFormat: "DD/MM/YYYY",
    });
    expect(rows[0]?.fields).toMatchObject({
      date: "2023-12-15",
      description: "CFE 2023 solde établissement Arras",
      accountName: "Cotisation foncière des entreprises",
      amount: 6318,
    });
    expect(rows[2]?.fields).toMatchObject({
      vendor: "Bolloré Energy",
      amount: 14612,
      quantity: 10000,
      unit: "L",
    });
    expect(rows[3]?.fields).toMatchObject({ amount: 2754, quantity: 1.8 });
  });

  it("reads a UTF-8 file with a byte-order mark, LF line ends and US formats", async () => {
    const data = Uint8Array.from([
      0xef,
      0xbb,
      0xbf,
      ...utf8(csvText([HEADER, ...LUMENFIELD], ",", "\n")),
    ]);
    const { layout, rows } = await readLedger(data, { filename: "gl-detail.csv" });
    expect(layout).toMatchObject({
      encoding: "utf-8",
      delimiter: ",",
      numberFormat: "us",
      dateFormat: "MM/DD/YYYY",
    });
    expect(layout.columns[0]).toBe("date");
    expect(rows.map((r) => [r.fields.date, r.fields.amount, r.fields.quantity])).toEqual([
      ["2024-01-08", 2611.87, 18420],
      ["2024-01-12", 512.44, 4210],
      ["2024-01-22", 684.48, 142.6],
      ["2024-03-04", -318.4, undefined],
    ]);
  });

  it("keeps quoted delimiters, quotes and line breaks inside a field", async () => {
    const row = [...(LUMENFIELD[3] ?? [])];
    row[2] = 'Refund cxl SJC-SEA\nconf "TYR8HK", per email';
    const { rows } = await readLedger(utf8(csvText([HEADER, row, ...LUMENFIELD.slice(0, 2)])), {
      filename: "x.csv",
    });
    expect(rows[0]?.fields.description).toBe('Refund cxl SJC-SEA\nconf "TYR8HK", per email');
    expect(rows[0]?.fields.amount).toBe(-318.4);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
  });

  it("skips title lines and leaves totals and count lines out", async () => {
    const text =
      "Hollerbach Präzisionstechnik GmbH;;;;;;;;\r\n;;;;;;;;\r\n" +
      csvText(
        [
          GERMAN_HEADER,
          ...HOLLERBACH,
          [],
          ["", "", "Summe (alle Währungen)", "", "", "49.287,10", "", "", ""],
          ["Anzahl Buchungen: 6"],
        ],
        ";",
      );
    const { layout, rows } = await readLedger(utf8(text), { filename: "journal.csv" });
    expect(layout.headerRow).toBe(3);
    expect(rows).toHaveLength(HOLLERBACH.length);
    expect(rows.at(-1)?.fields.amount).toBe(-312.4);
  });

  it("reads the formats real exports use: two-digit years, month names, trailing minus, ISO dates", async () => {
    const rows = [
      ["05.01.24", "24.318,06"],
      ["08. Jan. 2024", "14.880,00"],
      ["2024-01-09", "5.691,80"],
      ["26 févr. 2024", "312,40-"],
      ["45306", "1234,56"],
    ];
    const { layout, rows: parsed } = await readLedger(
      utf8(csvText([["Datum", "Betrag"], ...rows], ";")),
      { filename: "sap.csv" },
    );
    expect(layout.numberFormat).toBe("eu");
    expect(parsed.map((r) => [r.fields.date, r.fields.amount])).toEqual([
      ["2024-01-05", 24318.06],
      ["2024-01-08", 14880],
      ["2024-01-09", 5691.8],
      ["2024-02-26", -312.4],
      ["2024-01-15", 1234.56],
    ]);
  });

  it("decides formats per company when one file holds several (entity column)", async () => {
    const header = ["company", ...HEADER];
    const lines = [
      ...LUMENFIELD.map((r) => ["Lumenfield Software, Inc.", ...r]),
      ...HARLOW.map((r) => ["Harlow & Finch Ltd", ...r]),
    ];
    const { rows } = await readLedger(utf8(csvText([header, ...lines])), { filename: "group.csv" });
    expect(rows.every((r) => r.errors.length === 0)).toBe(true);
    expect(rows[0]?.fields.date).toBe("2024-01-08"); // 01/08/2024, US
    expect(rows[6]?.fields.date).toBe("2024-01-09"); // 09/01/2024, UK
    expect(rows[0]?.fields.quantity).toBe(18420);
  });
});

describe("bad rows", () => {
  it("carry errors naming the field and the reason, keep their raw cells, and stop nothing", async () => {
    const badAmount = [...(HOLLERBACH[1] ?? [])];
    badAmount[5] = "12,3,4";
    const badDate = [...(HOLLERBACH[2] ?? [])];
    badDate[0] = "31.02.2024";
    const noDate = [...(HOLLERBACH[3] ?? [])];
    noDate[0] = "";
    const lines = [HOLLERBACH[0] ?? [], badAmount, badDate, noDate, ...HOLLERBACH.slice(4)];
    const { rows } = await readLedger(utf8(csvText([HEADER, ...lines], ";")), {
      filename: "x.csv",
    });
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r.errors.map((e) => e.field))).toEqual([
      [],
      ["amount"],
      ["date"],
      ["date"],
      [],
      [],
    ]);
    expect(rows[1]?.errors[0]?.message).toContain("12,3,4");
    expect(rows[1]?.raw.amount).toBe("12,3,4");
    expect(rows[1]?.fields).toMatchObject({
      date: "2024-01-08",
      vendor: "Allianz Versicherungs-AG",
    });
    expect(rows[1]?.fields.amount).toBeUndefined();
    expect(rows[2]?.errors[0]?.message).toContain("February 2024 has 29 days");
    expect(rows[2]?.raw.date).toBe("31.02.2024");
    expect(rows[2]?.fields.amount).toBe(5691.8);
    expect(rows[3]?.errors[0]?.message).toBe("no date");
    expect(rows[5]?.fields.amount).toBe(-312.4);
  });

  it("flag a currency cell that is not an ISO code", async () => {
    const odd = [...(HARLOW[0] ?? [])];
    odd[6] = "Pfund";
    const { rows } = await readLedger(utf8(csvText([HEADER, odd, ...HARLOW.slice(1)])), {
      filename: "x.csv",
    });
    expect(rows[0]?.errors).toEqual([
      { field: "currency", message: '"Pfund" is not an ISO 4217 currency code' },
    ]);
  });
});

describe("files that cannot be read", () => {
  it("empty file or header alone: empty, 0 rows", async () => {
    for (const data of [new Uint8Array(), utf8("\r\n\r\n"), utf8(csvText([HEADER]))]) {
      const error = await fileError(readLedger(data, { filename: "x.csv" }));
      expect(error.code).toBe("empty");
      expect(error.message).toContain("0 rows");
    }
  });

  it("random bytes, a PNG header, a PDF: unreadable", async () => {
    let seed = 42;
    const random = Uint8Array.from(
      { length: 10_000 },
      () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24,
    );
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const pdf = utf8(
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    );
    for (const data of [random, png, pdf]) {
      expect((await fileError(readLedger(data, { filename: "ledger.csv" }))).code).toBe(
        "unreadable",
      );
    }
  });

  it("a line of a million columns: too_wide, before csv-parse sees it", async () => {
    const data = utf8(csvText([HEADER, ...HARLOW]) + "a,".repeat(1_000_000) + "\r\n");
    const error = await fileError(readLedger(data, { filename: "wide.csv" }));
    expect(error.code).toBe("too_wide");
    expect(error.message).toContain("Row 6");
    expect(
      (
        await fileError(
          readLedger(utf8(csvText([HEADER, ...HARLOW])), { filename: "x.csv", maxColumns: 5 }),
        )
      ).code,
    ).toBe("too_wide");
  });

  it("text that is not a table: no_header", async () => {
    const letter =
      "Dear Sir or Madam,\r\nplease find our statement for Q1 attached.\r\nKind regards, Accounts\r\n";
    expect((await fileError(readLedger(utf8(letter), { filename: "note.txt" }))).code).toBe(
      "no_header",
    );
  });

  it("a quote that never closes: unreadable", async () => {
    const data = utf8(csvText([HEADER, ...HARLOW]) + '01/02/2024,"Aviva,Commercial');
    expect((await fileError(readLedger(data, { filename: "cut.csv" }))).code).toBe("unreadable");
  });

  it("other file types: unsupported", async () => {
    const text = utf8(csvText([HEADER, ...HARLOW]));
    expect((await fileError(readLedger(text, { filename: "ledger.pdf" }))).code).toBe(
      "unsupported",
    );
    expect(
      (await fileError(readLedger(text, { filename: "ledger", contentType: "image/png" }))).code,
    ).toBe("unsupported");
  });

  it("more bytes than allowed: too_large", async () => {
    const text = utf8(csvText([HEADER, ...HARLOW]));
    expect((await fileError(readLedger(text, { filename: "x.csv", maxBytes: 100 }))).code).toBe(
      "too_large",
    );
  });

  it("a role override naming a missing column: a LedgerFileError, no rows", async () => {
    const text = utf8(csvText([HEADER, ...HARLOW]));
    const error = await fileError(
      readLedger(text, { filename: "x.csv", roles: { amount: "Betrag" } }),
    );
    expect(error.code).toBe("unknown_column");
    expect(error.message).toContain("Betrag");
  });
});

describe("role overrides", () => {
  it("change what the fields read", async () => {
    const text = utf8(csvText([HEADER, ...HARLOW]));
    const { layout, rows } = await readLedger(text, {
      filename: "x.csv",
      roles: { description: "vendor", account_code: 4 },
    });
    expect(layout.roles).toMatchObject({ description: 1, account_code: 4 });
    expect(rows[0]?.fields).toMatchObject({
      description: "Legal & General Property",
      accountCode: "Rent",
    });
  });
});
