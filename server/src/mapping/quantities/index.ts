/** Quantities, units and flight routes read from ledger rows for the mapping layer. */
export { normaliseLedgerUnit, type LedgerUnit } from "./vocabulary.ts";
export { extractQuantity, type ExtractedQuantity, type ExtractOptions } from "./extract.ts";
export { extractRoute, type Route } from "./route.ts";
