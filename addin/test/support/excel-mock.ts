/**
 * One worksheet for office-addin-mock. Every range the code asks for is an OfficeMockObject
 * over the same grid of cells: what it loads comes from the grid (and reads as "Error, property
 * was not loaded" without a load), and what it writes lands in the grid at context.sync(), in
 * the order the ranges were made. Tests then assert on what the sheet shows, not on calls.
 */
import { OfficeMockObject } from "office-addin-mock";

export interface MockCell {
  value: string | number | boolean;
  numberFormat: string;
  /** What Excel displays; the value as text unless a test says otherwise. */
  text?: string;
  fill: string | null;
  bold: boolean;
}

const EMPTY: MockCell = { value: "", numberFormat: "General", fill: null, bold: false };

/** A1-style column letters, written out independently of the code under test. */
function letters(column: number): string {
  return column < 26
    ? String.fromCharCode(65 + column)
    : letters(Math.floor(column / 26) - 1) + letters(column % 26);
}

interface Area {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

interface PendingRange {
  area: Area;
  mock: any;
  cleared: boolean;
}

export class MockSheet {
  private readonly cells = new Map<string, MockCell>();
  private pending: PendingRange[] = [];
  /** Every range of the current context: a load in a later batch of it still resolves. */
  private live: any[] = [];
  /** Which area each range mock covers, for getIntersectionOrNullObject. */
  private readonly areas = new WeakMap<object, Area>();
  /** Batches synced, and Excel.run calls made through run(). */
  syncs = 0;
  runs = 0;
  autofits = 0;
  /** The selected area, for getSelectedRange(). */
  selection: Area = { row: 0, column: 0, rowCount: 1, columnCount: 1 };

  constructor(readonly name = "Ledger") {}

  cell(row: number, column: number): MockCell {
    return this.cells.get(`${row},${column}`) ?? EMPTY;
  }

  set(row: number, column: number, cell: Partial<MockCell>): void {
    this.cells.set(`${row},${column}`, { ...this.cell(row, column), ...cell });
  }

  /** Every non-empty cell, to keep the workbook across a page reload (fake-excel-host.ts). */
  snapshot(): [string, MockCell][] {
    return [...this.cells];
  }

  restore(cells: [string, MockCell][]): void {
    this.cells.clear();
    for (const [key, cell] of cells) this.cells.set(key, cell);
  }

  /** Values of a block, as a test reads a region of the sheet. */
  values(row: number, column: number, rowCount: number, columnCount: number): unknown[][] {
    return Array.from({ length: rowCount }, (_, r) =>
      Array.from({ length: columnCount }, (_, c) => this.cell(row + r, column + c).value),
    );
  }

  /** The smallest area holding every non-empty value, or undefined. */
  private usedArea(within?: Area): Area | undefined {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [key, cell] of this.cells) {
      if (cell.value === "") continue;
      const [row, column] = key.split(",").map(Number) as [number, number];
      if (
        within &&
        (row < within.row ||
          row >= within.row + within.rowCount ||
          column < within.column ||
          column >= within.column + within.columnCount)
      ) {
        continue;
      }
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    }
    if (bottom < 0) return undefined;
    return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }

  private nullRange(): any {
    const mock: any = new OfficeMockObject({});
    mock.isNullObject = true;
    return mock;
  }

  private range(area: Area): any {
    const grid = (read: (cell: MockCell) => unknown) =>
      Array.from({ length: area.rowCount }, (_, r) =>
        Array.from({ length: area.columnCount }, (_, c) =>
          read(this.cell(area.row + r, area.column + c)),
        ),
      );
    const pending: PendingRange = { area, mock: undefined, cleared: false };
    const mock: any = new OfficeMockObject({
      address: `${this.name}!${letters(area.column)}${area.row + 1}:${letters(area.column + area.columnCount - 1)}${area.row + area.rowCount}`,
      rowIndex: area.row,
      columnIndex: area.column,
      rowCount: area.rowCount,
      columnCount: area.columnCount,
      cellCount: area.rowCount * area.columnCount,
      values: grid((cell) => cell.value),
      text: grid((cell) => cell.text ?? String(cell.value)),
      numberFormat: grid((cell) => cell.numberFormat),
      format: {
        fill: {
          color: "",
          clear: () => {
            pending.cleared = true;
          },
        },
        font: { bold: false },
        autofitColumns: () => {
          this.autofits += 1;
        },
      },
      worksheet: {
        name: this.name,
        getUsedRangeOrNullObject: () => {
          const used = this.usedArea();
          return used ? this.range(used) : this.nullRange();
        },
      },
      getUsedRangeOrNullObject: () => {
        const used = this.usedArea(area);
        return used ? this.range(used) : this.nullRange();
      },
      getIntersectionOrNullObject: (other: any) => {
        const that = this.areas.get(other);
        if (!that) return this.nullRange();
        const top = Math.max(area.row, that.row);
        const left = Math.max(area.column, that.column);
        const bottom = Math.min(area.row + area.rowCount, that.row + that.rowCount);
        const right = Math.min(area.column + area.columnCount, that.column + that.columnCount);
        if (bottom <= top || right <= left) return this.nullRange();
        return this.range({
          row: top,
          column: left,
          rowCount: bottom - top,
          columnCount: right - left,
        });
      },
    });
    mock.isNullObject = false;
    this.areas.set(mock, area);
    pending.mock = mock;
    this.pending.push(pending);
    this.live.push(mock);
    return mock;
  }

  /** Applies what the batch's ranges wrote, then resolves what they loaded. */
  private async flush(): Promise<void> {
    this.syncs += 1;
    const batch = this.pending;
    this.pending = [];
    for (const { area, mock, cleared } of batch) {
      const each = (apply: (row: number, column: number, r: number, c: number) => void) => {
        for (let r = 0; r < area.rowCount; r++) {
          for (let c = 0; c < area.columnCount; c++) apply(area.row + r, area.column + c, r, c);
        }
      };
      if (Array.isArray(mock.numberFormat)) {
        each((row, column, r, c) =>
          this.set(row, column, { numberFormat: mock.numberFormat[r][c] }),
        );
      }
      if (Array.isArray(mock.values)) {
        each((row, column, r, c) => this.set(row, column, { value: mock.values[r][c] ?? "" }));
      }
      if (cleared) each((row, column) => this.set(row, column, { fill: null }));
      const color = mock.format.fill.color;
      if (typeof color === "string" && color.startsWith("#")) {
        each((row, column) => this.set(row, column, { fill: color }));
      }
      if (mock.format.font.bold === true)
        each((row, column) => this.set(row, column, { bold: true }));
    }
    for (const mock of this.live) await mock.sync();
    // office-addin-mock settles a loaded property one microtask after its own sync().
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** A RequestContext over this sheet. */
  context(): Excel.RequestContext {
    this.live = [];
    const context: any = new OfficeMockObject({
      workbook: {
        worksheets: {
          getItem: (name: string) => {
            if (name !== this.name) throw new Error(`no worksheet ${name}`);
            return {
              getRangeByIndexes: (
                row: number,
                column: number,
                rowCount: number,
                columnCount: number,
              ) => this.range({ row, column, rowCount, columnCount }),
            };
          },
        },
        getSelectedRange: () => this.range(this.selection),
      },
      sync: () => this.flush(),
    });
    return context as Excel.RequestContext;
  }

  /** Excel.run over this sheet: a fresh context per batch, as Excel gives. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.runs += 1;
    return batch(this.context());
  };
}
