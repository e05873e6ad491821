/**
 * Stands in for office.js when the browser test runs the task pane "inside Excel": Office says
 * the host is Excel, and Excel.run works on a MockSheet (office-addin-mock objects), reachable
 * from the test as globalThis.mockSheet.
 */
import { MockSheet } from "./excel-mock.ts";

const sheet = new MockSheet("Ledger");
const ready = { host: "Excel", platform: "PC" };

Object.assign(globalThis, {
  mockSheet: sheet,
  Excel: { run: sheet.run },
  Office: {
    HostType: { Excel: "Excel" },
    onReady(callback?: (info: typeof ready) => void) {
      callback?.(ready);
      return Promise.resolve(ready);
    },
  },
});
