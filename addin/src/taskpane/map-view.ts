/**
 * Map: take a ledger (the selection in Excel; pasted text or a file in the plain page), let the
 * person confirm what each column is, upload it, follow the import, and put the results beside
 * the ledger (in the sheet, or in the page's table).
 */
import type { Cell, LayoutAnswer, Ledger } from "./api-types.ts";
import { byId, el, showMessage, whileBusy } from "./dom.ts";
import { errorText } from "./error-text.ts";
import { excelRun, sheetSink } from "./excel-sink.ts";
import { readSelection } from "./excel-selection.ts";
import { resultColumnsFree, type Placement } from "./excel-writer.ts";
import { parseLedgerText } from "./paste-parser.ts";
import { RESULT_HEADERS } from "./result-columns.ts";
import type { ResultsTable } from "./results-table.ts";
import { columnLetter, roleEditor, type RoleEditor } from "./role-editor.ts";
import { canUpload, rowCounts, type ResultsSink, type Session } from "./session.ts";

/** A ledger ready to map: what is uploaded, and what the pane knows of it. */
interface Prepared {
  /** The cells (from the sheet or pasted), or the chosen file, sent as it is. */
  source: Cell[][] | File;
  /** The cells, when the pane can read them: a CSV or pasted text, or the sheet. */
  grid?: Cell[][];
  /** Where the ledger sits in the sheet (Excel only). */
  placement?: Placement;
  /** 0-based sheet column of the ledger's first column, for column letters. */
  firstColumn: number;
  /** What the server stores a grid as: the selection, or pasted text. */
  name: string;
  layout?: LayoutAnswer;
  editor?: RoleEditor;
}

/** The sheet columns results go into, as people name them: Q:W. */
function resultColumnsName(placement: Placement): string {
  const last = placement.column + RESULT_HEADERS.length - 1;
  return `${columnLetter(placement.column)}:${columnLetter(last)}`;
}

const NUMBER_FORMAT_WORDS: Record<LayoutAnswer["layout"]["numberFormat"], string> = {
  us: "1,234.56",
  eu: "1.234,56",
  plain: "1234.56",
};

export function mapView(
  session: Session,
  inExcel: boolean,
  /** The page's results (shared: a ledger chosen on Review or Summary is drawn there too). */
  table: ResultsTable,
): void {
  const roleNote = byId("map-role-note");
  const detectButton = byId<HTMLButtonElement>(inExcel ? "read-selection" : "detect");
  const paste = byId<HTMLTextAreaElement>("paste");
  const fileInput = byId<HTMLInputElement>("ledger-file");
  const layoutSection = byId("layout");
  const layoutSummary = byId("layout-summary");
  const editorBox = byId("role-editor");
  const country = byId<HTMLInputElement>("country");
  const mapButton = byId<HTMLButtonElement>("map-button");
  const progressBox = byId("map-progress");
  const progressLabel = byId("progress-label");
  const progress = byId<HTMLProgressElement>("progress");
  const message = byId("map-message");
  const summary = byId("results-summary");
  byId(inExcel ? "source-excel" : "source-page").hidden = false;

  let prepared: Prepared | undefined;

  function setProgress(label: string, value?: number) {
    progressBox.hidden = false;
    progressLabel.textContent = label;
    // No value: an indeterminate bar, for steps whose length is unknown (or not yet known).
    if (value === undefined || !Number.isFinite(value)) progress.removeAttribute("value");
    else progress.value = value;
  }

  function drawPermissions() {
    const role = session.connected?.whoami.role;
    detectButton.disabled = !role;
    mapButton.disabled = !role || !canUpload(role) || !prepared;
    const note = !role
      ? "Connect first (Connect tab)."
      : canUpload(role)
        ? ""
        : `Your key's role (${role}) cannot upload ledgers: mapping needs an editor or admin key. You can still review and read the summary.`;
    roleNote.textContent = note;
    roleNote.hidden = note === "";
  }

  function drawCounts() {
    const current = session.current;
    if (!current) {
      summary.replaceChildren();
      return;
    }
    const counts = rowCounts(current.rows);
    summary.replaceChildren(
      el(
        "p",
        { className: "counts", attrs: { id: "result-counts" } },
        `${current.ledger.filename}: ${current.rows.length} rows · `,
        el("span", { className: "count-estimated" }, `${counts.estimated} estimated`),
        " · ",
        el("span", { className: "swatch-review" }, `${counts.review} need review`),
        " · ",
        el("span", { className: "swatch-error" }, `${counts.errors} errors`),
      ),
    );
  }

  /** The ledger as cells or a file; undefined (with a message) when there is none. */
  async function readSource(): Promise<Prepared | undefined> {
    if (inExcel) {
      const selection = await readSelection(excelRun, (read, total) =>
        setProgress(`Reading the selection: ${read} of ${total} rows`, (100 * read) / total),
      );
      if (!selection) {
        showMessage(
          message,
          "Select the ledger's cells in the sheet, header row included.",
          "error",
        );
        return undefined;
      }
      const columns = selection.grid[0]?.length ?? 0;
      return {
        source: selection.grid,
        grid: selection.grid,
        placement: selection.placement,
        firstColumn: selection.placement.column - columns,
        name: "selection.json",
      };
    }
    const file = fileInput.files?.[0];
    if (file) {
      // The page has no XLSX reader: the server detects an XLSX file's columns itself.
      if (/\.xlsx$/i.test(file.name)) return { source: file, firstColumn: 0, name: file.name };
      const grid = parseLedgerText(await file.text());
      return { source: file, grid, firstColumn: 0, name: file.name };
    }
    if (paste.value.trim()) {
      const grid = parseLedgerText(paste.value);
      return { source: grid, grid, firstColumn: 0, name: "pasted.json" };
    }
    showMessage(message, "Paste a ledger or choose a file first.", "error");
    return undefined;
  }

  async function detect() {
    const api = session.connected?.api;
    if (!api) return;
    prepared = undefined;
    layoutSection.hidden = true;
    showMessage(message, "");
    const next = await readSource();
    progressBox.hidden = true;
    if (!next) return;
    if (next.grid) {
      if (next.grid.length < 2) {
        showMessage(message, "A ledger needs a header row and at least one data row.", "error");
        return;
      }
      next.layout = await api.layout(next.grid);
      next.editor = roleEditor(next.layout, next.grid, next.firstColumn);
      const { headerRow, numberFormat, dateFormat } = next.layout.layout;
      const withErrors = next.layout.preview.filter((row) => row.errors.length > 0).length;
      layoutSummary.textContent =
        `Header on row ${headerRow}, ${next.grid.length - headerRow} rows below it; amounts like ` +
        `${NUMBER_FORMAT_WORDS[numberFormat]}, dates ${dateFormat}.` +
        (withErrors > 0
          ? ` ${withErrors} of the first rows have cells the server cannot read.`
          : "") +
        " Check each column's role:";
      editorBox.replaceChildren(next.editor.element);
    } else {
      layoutSummary.textContent = "The server detects this workbook's columns when it imports it.";
      editorBox.replaceChildren();
    }
    prepared = next;
    layoutSection.hidden = false;
    drawPermissions();
  }

  async function map() {
    const api = session.connected?.api;
    if (!api || !prepared) return;
    const code = country.value.trim();
    if (code && !/^[A-Za-z]{2}$/.test(code)) {
      showMessage(message, "Country: two letters, such as US or DE.", "error");
      return;
    }
    const { placement, grid, layout, editor, source, name } = prepared;
    if (placement && grid && layout) {
      const free = await excelRun((context) =>
        resultColumnsFree(context, placement, layout.layout.headerRow, grid.length),
      );
      if (!free) {
        showMessage(
          message,
          `Columns ${resultColumnsName(placement)}, right of the ledger, hold other data: clear them (or move it) so the results can go there.`,
          "error",
        );
        return;
      }
    }
    showMessage(message, "");
    setProgress("Uploading…");
    const uploaded = await api.upload(source, {
      roles: editor?.roles(),
      country: code || undefined,
      name,
    });
    const ledger: Ledger = await api.imported(uploaded.id, (state) =>
      setProgress(`Importing and mapping: ${state.progress}%`, state.progress),
    );
    if (ledger.status === "failed") {
      progressBox.hidden = true;
      showMessage(message, `The import failed: ${ledger.error ?? "no reason given"}`, "error");
      return;
    }
    setProgress("Loading results…");
    const rows = await api.rows(ledger.id, (loaded) =>
      setProgress(
        `Loading results: ${loaded} of ${ledger.rows.total} rows`,
        (100 * loaded) / ledger.rows.total,
      ),
    );
    const sink: ResultsSink = placement ? sheetSink(placement) : table;
    const headerRow = ledger.layout?.headerRow ?? layout?.layout.headerRow ?? 1;
    await sink.write(rows, headerRow, (written, total) =>
      setProgress(`Writing results: ${written} of ${total} rows`, (100 * written) / total),
    );
    progressBox.hidden = true;
    // The columns are confirmed and used: make room for the results.
    layoutSection.hidden = true;
    session.setLedger({ ledger, rows, sink, placement });
    summary.scrollIntoView({ block: "nearest" });
    const where = placement ? `Results are in columns ${resultColumnsName(placement)}.` : "Done.";
    const next =
      rowCounts(rows).review > 0
        ? "Amber rows wait for review (Review tab)."
        : "No row waits for review.";
    showMessage(message, `${where} ${next}`, "ok");
  }

  function guarded(button: HTMLButtonElement, action: () => Promise<void>) {
    button.addEventListener("click", () =>
      whileBusy(button, async () => {
        try {
          await action();
        } catch (error) {
          progressBox.hidden = true;
          showMessage(message, errorText(error), "error");
        }
      }).then(drawPermissions),
    );
  }

  guarded(detectButton, detect);
  guarded(mapButton, map);
  // New input makes the detected columns stale.
  const stale = () => {
    prepared = undefined;
    layoutSection.hidden = true;
    drawPermissions();
  };
  paste.addEventListener("input", stale);
  fileInput.addEventListener("change", stale);
  session.onChange(() => {
    drawPermissions();
    drawCounts();
  });
  drawPermissions();
}
