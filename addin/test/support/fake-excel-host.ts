/**
 * Stands in for office.js when the browser test runs the task pane "inside Excel": Office says
 * the host is Excel, and Excel.run works on a MockSheet (office-addin-mock objects), reachable
 * from the test as globalThis.mockSheet.
 *
 * The workbook outlives the page, as a real one outlives its task pane: its cells and its saved
 * document settings are kept in sessionStorage (which survives page.reload()), so a test can
 * reopen the pane on the same workbook.
 */
import { MockSheet } from "./excel-mock.ts";

const CELLS = "fake-excel-host.cells";
const SETTINGS = "fake-excel-host.settings";

const sheet = new MockSheet("Ledger");
sheet.restore(JSON.parse(sessionStorage.getItem(CELLS) ?? "[]"));
addEventListener("pagehide", () => sessionStorage.setItem(CELLS, JSON.stringify(sheet.snapshot())));

/**
 * Office.context.document.settings as office.js has them: get/set/remove work on an in-memory
 * copy read when the document opened; only saveAsync puts it into the document.
 */
const values: Record<string, unknown> = JSON.parse(sessionStorage.getItem(SETTINGS) ?? "{}");
const succeeded = { status: "succeeded", value: undefined };
const settings = {
  get: (name: string) => (name in values ? values[name] : null),
  set(name: string, value: unknown) {
    // office.js serialises settings as JSON: a stored object is a copy.
    values[name] = JSON.parse(JSON.stringify(value));
  },
  remove(name: string) {
    delete values[name];
  },
  saveAsync(...args: unknown[]) {
    sessionStorage.setItem(SETTINGS, JSON.stringify(values));
    const callback = args.find((arg) => typeof arg === "function") as
      ((result: typeof succeeded) => void) | undefined;
    setTimeout(() => callback?.(succeeded));
  },
};

const ready = { host: "Excel", platform: "PC" };

Object.assign(globalThis, {
  mockSheet: sheet,
  Excel: { run: sheet.run },
  Office: {
    HostType: { Excel: "Excel" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: { document: { settings } },
    onReady(callback?: (info: typeof ready) => void) {
      callback?.(ready);
      return Promise.resolve(ready);
    },
  },
});
