import { cellText, type CellValue } from "./cells.ts";
import { dayOrderEvidence, type DayOrder } from "./dates.ts";
import { decideNumberFormat, emptyTally, numberEvidence, type FormatTally } from "./numbers.ts";
import type { NumberFormat, RoleMap } from "./schema.ts";

/** How the ambiguous values of a row's columns are read. */
export interface ColumnFormats {
  amount: NumberFormat;
  quantity: NumberFormat;
  dayOrder: DayOrder;
}

export interface FormatPlan {
  formatsOf(row: readonly CellValue[]): ColumnFormats;
  /** The amount format of most rows, for the layout. */
  numberFormat: NumberFormat;
}

/** What an entity's values say on their own. */
interface Evidence {
  rows: number;
  amount: FormatTally;
  quantity: FormatTally;
  dmy: number;
  mdy: number;
}

function newEvidence(): Evidence {
  return { rows: 0, amount: emptyTally(), quantity: emptyTally(), dmy: 0, mdy: 0 };
}

function evidenceOf(cell: CellValue | undefined): NumberFormat | undefined {
  return typeof cell === "string" ? numberEvidence(cell) : undefined;
}

/**
 * Decides number formats and day order per column from all of its values, separately for each
 * entity when the file has an entity column (one company = one export format; a file that
 * concatenates several companies' exports mixes "1,234.56" and "1.234,56", "01/15/2024" and
 * "15/01/2024"). A column without deciding values follows the entity's amount column ("148.320"
 * kWh in a file of "1.234,56" amounts is 148320), a day order without evidence follows the
 * number format (US number style, US month-first dates).
 */
export function planFormats(
  rows: readonly CellValue[][],
  roles: RoleMap,
  entity: number | undefined,
): FormatPlan {
  const keyOf = (row: readonly CellValue[]): string =>
    entity === undefined ? "" : cellText(row[entity]).trim();
  const fileAmount = emptyTally();
  const byEntity = new Map<string, Evidence>();
  for (const row of rows) {
    const key = keyOf(row);
    let own = byEntity.get(key);
    if (!own) byEntity.set(key, (own = newEvidence()));
    own.rows++;
    const amount = roles.amount === undefined ? undefined : evidenceOf(row[roles.amount]);
    const quantity = roles.quantity === undefined ? undefined : evidenceOf(row[roles.quantity]);
    const date = roles.date === undefined ? undefined : row[roles.date];
    const dayOrder = typeof date === "string" ? dayOrderEvidence(date) : undefined;
    if (amount) {
      own.amount[amount]++;
      fileAmount[amount]++;
    }
    if (quantity) own.quantity[quantity]++;
    if (dayOrder) own[dayOrder]++;
  }
  const decided = new Map<string, ColumnFormats>();
  const rowsPerFormat = emptyTally();
  for (const [key, evidence] of byEntity) {
    const amount =
      decideNumberFormat(evidence.amount) ??
      decideNumberFormat(fileAmount) ??
      decideNumberFormat(evidence.quantity) ??
      "plain";
    const quantity = decideNumberFormat(evidence.quantity) ?? amount;
    const byNumbers: DayOrder = amount === "us" ? "mdy" : "dmy";
    const dayOrder =
      evidence.dmy > evidence.mdy ? "dmy" : evidence.mdy > evidence.dmy ? "mdy" : byNumbers;
    decided.set(key, { amount, quantity, dayOrder });
    rowsPerFormat[amount] += evidence.rows;
  }
  // Every row planned here has its entity's formats; the fallback serves rows from elsewhere.
  const fallback: ColumnFormats = { amount: "plain", quantity: "plain", dayOrder: "dmy" };
  const numberFormat = (["eu", "us", "plain"] as const).reduce((best, format) =>
    rowsPerFormat[format] > rowsPerFormat[best] ? format : best,
  );
  return { formatsOf: (row) => decided.get(keyOf(row)) ?? fallback, numberFormat };
}
