import { z } from "zod";
import { AppError } from "../app-error.ts";
import type { Routes } from "../http/routes.ts";
import {
  CellRangeSchema,
  LedgerFileError,
  LedgerLayoutSchema,
  readCellRangeLedger,
  RowFieldsSchema,
} from "../ledger/index.ts";
import { RolesField } from "./ledgers.ts";

/** Rows of the preview: enough to recognise the data, small enough for a task pane. */
const PREVIEW_ROWS = 5;

/**
 * How an upload of these cells would be read (header row, column roles, number and date
 * formats), without storing anything: the add-in shows it for confirmation before mapping.
 */
export function registerLedgerLayout(routes: Routes): void {
  routes.add({
    method: "post",
    path: "/v1/ledgers/layout",
    summary: "Preview how a cell range would be read",
    tags: ["ledgers"],
    roles: ["admin", "editor", "reviewer", "viewer"],
    body: CellRangeSchema.extend({ roles: RolesField.optional() }),
    responses: {
      200: {
        description: "The layout an upload of these cells would get, and its first rows",
        content: {
          "application/json": {
            schema: z.object({
              layout: LedgerLayoutSchema,
              rows: z.number().int().meta({ description: "Data rows found" }),
              preview: z.array(
                z.object({
                  row_number: z.number().int(),
                  fields: RowFieldsSchema,
                  errors: z.array(z.object({ field: z.string(), message: z.string() })),
                }),
              ),
            }),
          },
        },
      },
    },
    handle({ body, res }) {
      let ledger;
      try {
        ledger = readCellRangeLedger({ rows: body.rows }, body.roles);
      } catch (error) {
        if (!(error instanceof LedgerFileError)) throw error;
        throw new AppError("unprocessable", error.message, [
          { field: "body.rows", message: error.message },
        ]);
      }
      res.json({
        layout: ledger.layout,
        rows: ledger.rows.length,
        preview: ledger.rows.slice(0, PREVIEW_ROWS).map((row) => ({
          row_number: row.rowNumber,
          fields: row.fields,
          errors: row.errors,
        })),
      });
    },
  });
}
