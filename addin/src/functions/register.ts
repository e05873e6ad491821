/**
 * Entry of dist/functions.js, loaded by the task pane page in the shared runtime. It installs
 * the service with Excel's own error values and the connection the task pane stores, and binds
 * each function to its id in functions.json.
 */
import { browserStores, loadConnection } from "../shared/connection.ts";
import { co2e, factor, gases, map, search, useService } from "./functions.ts";
import { FunctionService } from "./service.ts";

/** Ids as in the @customfunction tags (a test runs the bundle and compares with functions.json). */
const FUNCTION_IDS = {
  CO2E: co2e,
  GASES: gases,
  FACTOR: factor,
  MAP: map,
  SEARCH: search,
} as const;

// The task pane page also opens in a plain browser (and tests import this module), where there
// is no custom functions runtime: then there is nothing to register.
if (typeof CustomFunctions !== "undefined") {
  // The pane's page is this runtime, so its session storage is the one the pane writes.
  const stores = browserStores();
  useService(
    new FunctionService({
      // Read at each call, so a connection saved in the task pane applies at the next calculation.
      connection: () => loadConnection(stores),
      errors: (code, message) =>
        new CustomFunctions.Error(CustomFunctions.ErrorCode[code], message),
    }),
  );
  for (const [id, fn] of Object.entries(FUNCTION_IDS)) CustomFunctions.associate(id, fn);
}
