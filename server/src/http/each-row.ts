import type { z } from "zod";

export interface RowProblem {
  id: string;
  error: { field: string; message: string };
}

/**
 * Checks the rows of a batch one by one, so that one bad row does not reject the batch: each
 * failure becomes that row's error, naming its id (or "row N") and the field at fault.
 */
export function parseEachRow<T>(
  schema: z.ZodType<T>,
  rows: unknown[],
  /** The field named when the row as a whole is wrong (not an object, say). */
  wholeRow = "row",
): (T | RowProblem)[] {
  return rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) return parsed.data;
    const [first] = parsed.error.issues;
    const id = (row as { id?: unknown } | null)?.id;
    return {
      id: typeof id === "string" || typeof id === "number" ? String(id) : `row ${index + 1}`,
      error: { field: first?.path.join(".") || wholeRow, message: first?.message ?? "invalid" },
    };
  });
}

export function isRowProblem<T extends object>(row: T | RowProblem): row is RowProblem {
  return "error" in row;
}
