/**
 * What a cell shows when its formula has no number: Excel's error values, with the reason as
 * the message Excel displays next to the error.
 */
import { ApiError } from "../shared/api-client.ts";

/** Names of CustomFunctions.ErrorCode members (kept as strings so Node can use them). */
export type CellErrorCode = "invalidValue" | "notAvailable";

/**
 * Makes the value a function throws. Excel needs its own CustomFunctions.Error, which exists only
 * inside Office; register.ts passes a factory for it and tests pass their own.
 */
export type ErrorFactory = (code: CellErrorCode, message: string) => unknown;

/** One row's refusal by the server (the batch itself succeeded). */
export class RowFailure extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "RowFailure";
  }
}

export class NotConnectedError extends Error {
  constructor() {
    super("connect OffGridFlow in the task pane first");
    this.name = "NotConnectedError";
  }
}

/**
 * Fields whose bad value was typed into the formula: #VALUE!, as Excel's own functions answer a
 * wrong argument. Everything else (unknown activity or region, no factor, no data for the year,
 * the server unreachable or refusing the key) is #N/A: there is no answer to show.
 */
const VALUE_FIELDS = new Set(["quantity", "unit", "gwp", "currency"]);

function typedWrong(field: string): boolean {
  // Server paths name the field last: "body.options.gwp", "quantity".
  return VALUE_FIELDS.has(field.split(".").pop() as string);
}

export function cellError(error: unknown, make: ErrorFactory): unknown {
  if (error instanceof RowFailure) {
    return make(typedWrong(error.field) ? "invalidValue" : "notAvailable", error.message);
  }
  if (error instanceof ApiError) {
    const wrong = error.errors.find((fieldError) => typedWrong(fieldError.field));
    if (wrong) return make("invalidValue", `${wrong.field}: ${wrong.message}`);
  }
  return make("notAvailable", error instanceof Error ? error.message : String(error));
}
