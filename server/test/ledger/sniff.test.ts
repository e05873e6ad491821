import { describe, expect, it } from "vitest";
import { LedgerFileError } from "../../src/ledger/errors.ts";
import { decodeText, detectFileKind, sniffDelimiter } from "../../src/ledger/sniff.ts";
import { HARLOW, HEADER, HOLLERBACH, VASSEUR, csvText, utf8, windows1252 } from "./helpers.ts";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = utf8("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
const ZIP = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0]);
const OLE2 = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);

function kindError(data: Uint8Array, filename: string, contentType?: string): LedgerFileError {
  try {
    detectFileKind(data, filename, contentType);
  } catch (error) {
    if (error instanceof LedgerFileError) return error;
    throw error;
  }
  throw new Error("no error");
}

describe("detectFileKind", () => {
  it("takes text as CSV and a ZIP container as XLSX, whatever the name says", () => {
    const text = utf8(csvText([HEADER, ...HARLOW]));
    expect(detectFileKind(text, "journal.csv", "text/csv; charset=utf-8")).toBe("csv");
    expect(detectFileKind(text, "export.xls", "application/vnd.ms-excel")).toBe("csv");
    expect(detectFileKind(text, "upload")).toBe("csv");
    expect(detectFileKind(text, "upload", "text/x-comma-separated-values")).toBe("csv");
    expect(detectFileKind(ZIP, "journal.xlsx")).toBe("xlsx");
    expect(detectFileKind(ZIP, "upload", "application/octet-stream")).toBe("xlsx");
  });

  it("calls binary content under a ledger's name unreadable", () => {
    expect(kindError(PNG, "ledger.csv")).toMatchObject({ code: "unreadable" });
    expect(kindError(PDF, "journal.csv", "text/csv").message).toContain("PDF");
  });

  it("refuses other file types by name, content type or magic bytes", () => {
    expect(kindError(PDF, "invoice.pdf")).toMatchObject({ code: "unsupported" });
    expect(kindError(utf8("a,b\n1,2\n"), "book.ods").message).toContain("OpenDocument");
    expect(kindError(utf8("a,b\n1,2\n"), "page", "text/html")).toMatchObject({
      code: "unsupported",
    });
    expect(kindError(utf8("a,b\n1,2\n"), "upload", "application/pdf")).toMatchObject({
      code: "unsupported",
    });
    expect(kindError(PNG, "upload")).toMatchObject({ code: "unsupported" });
    expect(kindError(OLE2, "journal.xls").message).toContain("97-2003");
  });
});

describe("decodeText", () => {
  it("reads UTF-8 with and without a byte-order mark", () => {
    const text = csvText([HEADER, ...VASSEUR]);
    expect(decodeText(utf8(text))).toEqual({ text, encoding: "utf-8" });
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]);
    expect(decodeText(withBom)).toEqual({ text, encoding: "utf-8" });
  });

  it("falls back to Windows-1252 when the bytes are not UTF-8", () => {
    const bytes = windows1252(
      "Cotisation fonci\u00e8re;Hollerbach Pr\u00e4zisionstechnik GmbH\r\n",
    );
    expect(bytes).toContain(0xe8);
    expect(bytes).toContain(0xe4);
    expect(decodeText(bytes)).toEqual({
      text: "Cotisation foncière;Hollerbach Präzisionstechnik GmbH\r\n",
      encoding: "windows-1252",
    });
  });

  it("reads UTF-16 by its byte-order mark (Excel's Unicode text)", () => {
    const text = "date\tamount\r\n25/12/2023\t36250.00\r\n";
    const bytes = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeText(bytes)).toEqual({ text, encoding: "utf-16le" });
  });

  it("calls random bytes unreadable", () => {
    let seed = 7;
    const random = Uint8Array.from(
      { length: 4096 },
      () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24,
    );
    expect(() => decodeText(random)).toThrow(LedgerFileError);
  });
});

describe("sniffDelimiter", () => {
  it.each([",", ";", "\t", "|"])("finds %j in a file of ledger lines", (delimiter) => {
    expect(sniffDelimiter(csvText([HEADER, ...HOLLERBACH], delimiter))).toBe(delimiter);
  });

  it("is not misled by decimal commas in a semicolon file or title lines", () => {
    const text =
      "Hollerbach Präzisionstechnik GmbH\r\n\r\n" + csvText([HEADER, ...HOLLERBACH], ";");
    expect(sniffDelimiter(text)).toBe(";");
  });
});
