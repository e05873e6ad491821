export const LEDGER_FILE_ERROR_CODES = [
  "empty",
  "unreadable",
  "no_header",
  "too_wide",
  "too_large",
  "unsupported",
  "unknown_column",
] as const;
export type LedgerFileErrorCode = (typeof LEDGER_FILE_ERROR_CODES)[number];

/** The file as a whole cannot be turned into rows; no rows are returned with it. */
export class LedgerFileError extends Error {
  override readonly name = "LedgerFileError";
  constructor(
    readonly code: LedgerFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}
