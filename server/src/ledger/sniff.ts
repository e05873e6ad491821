import { scanRecordWidths } from "./csv-scan.ts";
import { LedgerFileError } from "./errors.ts";
import type { TextEncoding } from "./schema.ts";

/** "cells": a JSON cell range from the Excel add-in. */
export type FileKind = "csv" | "xlsx" | "cells";

function bytesOf(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** XLSX is a ZIP container. */
const ZIP_MAGIC = bytesOf("PK\x03\x04");
/** Compound File Binary: Excel 97-2003 .xls, and also any password-protected .xlsx. */
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Formats people upload by mistake instead of a ledger export. */
const BINARY_SIGNATURES: readonly { what: string; magic: number[] }[] = [
  { what: "a PDF document", magic: bytesOf("%PDF-") },
  { what: "a PNG image", magic: bytesOf("\x89PNG") },
  { what: "a JPEG image", magic: [0xff, 0xd8, 0xff] },
  { what: "a GIF image", magic: bytesOf("GIF8") },
  { what: "a gzip archive", magic: [0x1f, 0x8b] },
  { what: "a RAR archive", magic: bytesOf("Rar!") },
  { what: "a 7-Zip archive", magic: bytesOf("7z\xbc\xaf\x27\x1c") },
];

/** Extensions of files that hold a table we read (".xls" too: many systems write CSV text under it). */
const TABLE_EXTENSIONS = new Set(["csv", "tsv", "tab", "txt", "xlsx", "xlsm", "xls"]);
/** Extensions we refuse by name, with what to tell the user. */
const OTHER_EXTENSIONS: Record<string, string> = {
  ods: "OpenDocument spreadsheets are not supported: save it as .xlsx or .csv",
  numbers: "Apple Numbers files are not supported: export it as .xlsx or .csv",
  pdf: "PDF files are not supported: upload the ledger export as .csv or .xlsx",
  doc: "Word documents are not supported",
  docx: "Word documents are not supported",
  pptx: "PowerPoint files are not supported",
  zip: "ZIP archives are not supported: upload the .csv or .xlsx inside it",
  png: "Images are not supported",
  jpg: "Images are not supported",
  jpeg: "Images are not supported",
  gif: "Images are not supported",
  xml: "XML files are not supported: upload the ledger as .csv or .xlsx",
  html: "HTML files are not supported: upload the ledger as .csv or .xlsx",
};
/** Content types browsers and clients send for CSV and XLSX uploads. */
const TABLE_CONTENT_TYPES = new Set([
  "text/csv",
  "text/plain",
  "text/tab-separated-values",
  "text/x-csv",
  "text/comma-separated-values",
  "application/csv",
  "application/x-csv",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-excel.sheet.macroenabled.12",
]);
/** Text types that are documents, not tables (other text/* types are taken for CSV). */
const MARKUP_TYPES = new Set(["text/html", "text/xml"]);
const GENERIC_CONTENT_TYPES = new Set([
  "",
  "application/octet-stream",
  "binary/octet-stream",
  "application/zip",
  "application/x-zip-compressed",
]);

function startsWith(data: Uint8Array, magic: readonly number[]): boolean {
  return data.length >= magic.length && magic.every((byte, i) => data[i] === byte);
}

function isJson(filename: string, contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /\.json$/i.test(filename);
}

/** Whether name and content type say "ledger table" (true), say nothing (false), or refuse outright. */
function declaresTable(filename: string, contentType: string | undefined): boolean {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? "";
  const refusal = OTHER_EXTENSIONS[extension];
  if (refusal) throw new LedgerFileError("unsupported", `${filename}: ${refusal}.`);
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const table =
    TABLE_CONTENT_TYPES.has(type) || (type.startsWith("text/") && !MARKUP_TYPES.has(type));
  if (!table && !GENERIC_CONTENT_TYPES.has(type)) {
    throw new LedgerFileError(
      "unsupported",
      `${filename}: content type ${type} is not a ledger export; upload a .csv or .xlsx file.`,
    );
  }
  return TABLE_EXTENSIONS.has(extension) || table;
}

/** CSV, XLSX or a cell range, from name, content type and the first bytes; throws for anything else. */
export function detectFileKind(data: Uint8Array, filename: string, contentType?: string): FileKind {
  if (isJson(filename, contentType)) return "cells";
  const table = declaresTable(filename, contentType);
  if (startsWith(data, ZIP_MAGIC)) return "xlsx";
  if (startsWith(data, OLE2_MAGIC)) {
    throw new LedgerFileError(
      "unsupported",
      `${filename} is an Excel 97-2003 (.xls) or password-protected workbook: save it as an unprotected .xlsx or as .csv.`,
    );
  }
  const binary = BINARY_SIGNATURES.find((signature) => startsWith(data, signature.magic));
  if (binary && table) {
    throw new LedgerFileError(
      "unreadable",
      `${filename} holds ${binary.what}, not a ledger table.`,
    );
  }
  if (binary) {
    throw new LedgerFileError(
      "unsupported",
      `${filename} is ${binary.what}, not a CSV or XLSX ledger.`,
    );
  }
  return "csv";
}

/** How much of a text file the sniffers look at: enough lines, bounded time. */
const SNIFF_CHARS = 64 * 1024;
const SNIFF_RECORDS = 100;
/** Share of control characters above which decoded "text" is really binary data. */
const MAX_CONTROL_SHARE = 0.01;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/** C0 controls other than tab, LF, FF and CR; C1 controls; U+FFFD; NUL. */
function isControl(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0xfffd
  );
}

/**
 * Text of a CSV upload: UTF-16 and UTF-8 by their byte-order marks, UTF-8 when the bytes are
 * valid UTF-8, Windows-1252 (what Excel on Western-European Windows writes) otherwise.
 */
export function decodeText(data: Uint8Array): { text: string; encoding: TextEncoding } {
  let encoding: TextEncoding;
  let text: string;
  if (startsWith(data, UTF16LE_BOM) || startsWith(data, UTF16BE_BOM)) {
    encoding = data[0] === 0xff ? "utf-16le" : "utf-16be";
    text = new TextDecoder(encoding).decode(data);
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(data);
      encoding = "utf-8";
    } catch {
      if (startsWith(data, UTF8_BOM)) {
        throw new LedgerFileError(
          "unreadable",
          "The file says it is UTF-8 but is not valid UTF-8.",
        );
      }
      text = new TextDecoder("windows-1252").decode(data);
      encoding = "windows-1252";
    }
  }
  const sample = Math.min(text.length, SNIFF_CHARS);
  let controls = 0;
  for (let i = 0; i < sample; i++) if (isControl(text.charCodeAt(i))) controls++;
  if (controls > sample * MAX_CONTROL_SHARE) {
    throw new LedgerFileError("unreadable", "The file is binary data, not text or a workbook.");
  }
  return { text, encoding };
}

/** Delimiters ledger exports use, in order of preference when two fit equally well. */
const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * The delimiter that splits the most of the first records into the same number (at least two)
 * of fields; title lines with one field do not count. Ties go to the wider split, since an EU
 * file separated by ";" may also have one decimal comma on every line.
 */
export function sniffDelimiter(text: string): string {
  let best: { delimiter: string; lines: number; width: number } = {
    delimiter: ",",
    lines: 0,
    width: 0,
  };
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    scanRecordWidths(text, delimiter, SNIFF_CHARS, Infinity, (record, width) => {
      if (width > 1) counts.set(width, (counts.get(width) ?? 0) + 1);
      return record < SNIFF_RECORDS;
    });
    for (const [width, lines] of counts) {
      if (lines > best.lines || (lines === best.lines && width > best.width)) {
        best = { delimiter, lines, width };
      }
    }
  }
  return best.delimiter;
}
