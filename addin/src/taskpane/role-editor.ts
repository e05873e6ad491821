/**
 * The detected columns with the role the server inferred for each, one select per column, so a
 * person confirms or corrects them before anything is uploaded. A role belongs to one column:
 * giving it to another column takes it from the first.
 */
import {
  COLUMN_ROLES,
  ROLE_LABELS,
  type Cell,
  type ColumnRole,
  type LayoutAnswer,
  type RoleMap,
} from "./api-types.ts";
import { el } from "./dom.ts";

/** A, B, ... Z, AA: how people name spreadsheet columns. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** The first value below the header: a hint of what the column holds. */
function sampleOf(grid: Cell[][], headerRow: number, column: number): string {
  for (const row of grid.slice(headerRow, headerRow + 20)) {
    const cell = row[column];
    if (cell !== null && cell !== undefined && cell !== "") return String(cell);
  }
  return "";
}

export interface RoleEditor {
  element: HTMLElement;
  roles(): RoleMap;
}

export function roleEditor(
  answer: LayoutAnswer,
  grid: Cell[][],
  /** 0-based sheet column of the ledger's first column: letters match the sheet. */
  firstColumn: number,
): RoleEditor {
  const { columns, headerRow, roles } = answer.layout;
  const roleOf = new Map<number, ColumnRole>();
  for (const role of COLUMN_ROLES) {
    const column = roles[role];
    if (column !== undefined) roleOf.set(column, role);
  }
  const selects: HTMLSelectElement[] = [];
  const list = el("div", { className: "role-list" });
  columns.forEach((header, column) => {
    const id = `role-${column}`;
    const select = el(
      "select",
      { attrs: { id, "data-column": String(column) } },
      el("option", { attrs: { value: "" } }, "not used"),
      ...COLUMN_ROLES.map((role) => el("option", { attrs: { value: role } }, ROLE_LABELS[role])),
    );
    select.value = roleOf.get(column) ?? "";
    select.addEventListener("change", () => {
      if (!select.value) return;
      for (const other of selects)
        if (other !== select && other.value === select.value) other.value = "";
    });
    selects.push(select);
    const sample = sampleOf(grid, headerRow, column);
    list.append(
      el(
        "div",
        { className: "role-row" },
        el(
          "label",
          { attrs: { for: id } },
          el("span", { className: "column-letter" }, columnLetter(firstColumn + column)),
          el("span", { className: "column-header" }, header || "(no header)"),
          sample && el("span", { className: "column-sample", attrs: { title: sample } }, sample),
        ),
        select,
      ),
    );
  });
  return {
    element: list,
    roles() {
      const map: RoleMap = {};
      for (const select of selects) {
        if (select.value) map[select.value as ColumnRole] = Number(select.dataset.column);
      }
      return map;
    },
  };
}
