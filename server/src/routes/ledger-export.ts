/**
 * The ledger export: the original columns of every row, then what OffGridFlow made of it, and a
 * summary sheet by scope and category. Streamed, so a large ledger never sits in memory.
 */
import type { Writable } from "node:stream";
import { isRowError, type Outcome, type Result } from "@offgridflow/engine";
import ExcelJS from "exceljs";
import { addSummarySheet } from "../export/summary-sheet.ts";
import type { Prisma, PrismaClient } from "../db/client.ts";
import type { Proposal } from "../mapping/proposal.ts";
import { rebuildResult } from "../mapping/stored-result.ts";

const PAGE = 5_000;
const RESULT_COLUMNS = [
  "activity",
  "factor id",
  "factor source",
  "kg CO2e",
  "scope",
  "category",
  "status",
  "confidence",
  "method",
  "reason",
  "notes",
];

function resultCells(
  row: { status: string; mapping: unknown; errors: unknown },
  outcome: Outcome | null,
): (string | number | null)[] {
  const mapping = row.mapping as Proposal | null;
  const decided = [mapping?.confidence ?? null, mapping?.method ?? null, mapping?.reason ?? null];
  const errors = (row.errors as { field: string; message: string }[] | null) ?? [];
  const notes = errors.map((error) => `${error.field}: ${error.message}`).join("; ");
  if (!outcome || isRowError(outcome)) {
    return [
      null,
      null,
      null,
      null,
      null,
      null,
      row.status,
      ...decided,
      outcome ? `${outcome.error.field}: ${outcome.error.message}` : notes,
    ];
  }
  return [
    outcome.factor.activity,
    outcome.factor.id,
    `${outcome.factor.source} ${outcome.factor.edition}`,
    outcome.co2e_kg,
    outcome.scope,
    outcome.category,
    row.status,
    ...decided,
    [...outcome.fallbacks, ...outcome.warnings].join("; "),
  ];
}

/** The header of each column, as the import found it. */
export function columnsOf(ledger: Prisma.LedgerGetPayload<object>): string[] {
  return (ledger.layout as { columns?: string[] } | null)?.columns ?? [];
}

export async function writeLedgerWorkbook(
  prisma: PrismaClient,
  ledger: Prisma.LedgerGetPayload<object>,
  out: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet("Ledger");
  const columns = columnsOf(ledger);
  const header = sheet.addRow(["row", ...columns, ...RESULT_COLUMNS]);
  header.font = { bold: true };
  header.commit();

  const results: Result[] = [];
  let after = 0;
  for (;;) {
    const rows = await prisma.ledgerRow.findMany({
      where: { tenantId: ledger.tenantId, ledgerId: ledger.id, rowNumber: { gt: after } },
      orderBy: { rowNumber: "asc" },
      take: PAGE,
      select: {
        rowNumber: true,
        raw: true,
        status: true,
        mapping: true,
        result: true,
        errors: true,
      },
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const cells = row.raw as string[];
      const outcome = row.result === null ? null : rebuildResult(row.result);
      sheet
        .addRow([
          row.rowNumber,
          ...columns.map((_, index) => cells[index] ?? null),
          ...resultCells(row, outcome),
        ])
        .commit();
      if (outcome && !isRowError(outcome)) results.push(outcome);
    }
    after = rows[rows.length - 1]?.rowNumber ?? after;
  }
  sheet.commit();

  const summary = addSummarySheet(workbook, results);
  summary.commit();
  await workbook.commit();
}
