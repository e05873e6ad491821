/** Errors in words a person can act on, whatever threw them. */
import { ApiError, UnreachableError } from "../shared/api-client.ts";

export function errorText(error: unknown): string {
  if (error instanceof UnreachableError) return error.message;
  if (error instanceof ApiError) {
    const fields = error.errors.map((item) => `${item.field}: ${item.message}`);
    return fields.length > 0 ? `${error.message} (${fields.join("; ")})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
