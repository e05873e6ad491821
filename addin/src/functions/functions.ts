/**
 * The OGF.* worksheet functions (the OGF namespace is set in the manifest).
 *
 * custom-functions-metadata reads this file to write functions.json, so each function is a
 * top-level declaration whose JSDoc and TypeScript types are what Excel shows and passes: ids,
 * descriptions, optional parameters (`?`), and `Array<Array<...>>` for results that spill (the
 * generator accepts no type alias there). The functions hold no logic and touch no globals: they
 * hand their arguments to the FunctionService that register.ts (in Excel) or a test installs.
 * Excel passes an omitted optional argument as null, which the service treats as absent.
 */
import type { FunctionService } from "./service.ts";

let service: FunctionService | undefined;

/** Installs the service the functions delegate to. */
export function useService(next: FunctionService): void {
  service = next;
}

function installed(): FunctionService {
  if (!service) throw new Error("OffGridFlow functions called before register.ts installed them");
  return service;
}

/**
 * Emissions of an activity in kg CO2e, from the factor OffGridFlow selects.
 * @customfunction CO2E
 * @param activity Activity key, e.g. "electricity.grid" or "fuel.natural_gas".
 * @param quantity How much, in `unit`.
 * @param unit Unit of the quantity, e.g. "kWh", "therm", "USD".
 * @param region Region code, e.g. "US-CAMX", "DE" (default: world).
 * @param year Year of the activity (default: the year set in the task pane).
 * @param gwp GWP set: "AR4", "AR5" or "AR6" (default: the server's).
 * @returns kg CO2e.
 */
export async function co2e(
  activity: string,
  quantity: number,
  unit: string,
  region?: string,
  year?: number,
  gwp?: string,
): Promise<number> {
  return installed().co2e({ activity, quantity, unit, region, year, gwp });
}

/**
 * Emissions by gas and the factor used, as one row (a gas is empty if the factor gives CO2e only).
 * @customfunction GASES
 * @param activity Activity key, e.g. "fuel.natural_gas".
 * @param quantity How much, in `unit`.
 * @param unit Unit of the quantity.
 * @param region Region code (default: world).
 * @param year Year of the activity (default: the year set in the task pane).
 * @param gwp GWP set: "AR4", "AR5" or "AR6" (default: the server's).
 * @returns One row: CO2e, CO2, CH4, N2O (kg), factor id, source, edition.
 */
export async function gases(
  activity: string,
  quantity: number,
  unit: string,
  region?: string,
  year?: number,
  gwp?: string,
): Promise<Array<Array<string | number>>> {
  return installed().gases({ activity, quantity, unit, region, year, gwp });
}

/**
 * The factor selected, as one row: id, kg CO2e per unit, unit, source, edition, fallbacks taken.
 * @customfunction FACTOR
 * @param activity Activity key, e.g. "electricity.grid".
 * @param unit The unit to express the factor per, e.g. "kWh".
 * @param region Region code (default: world).
 * @param year Year (default: the year set in the task pane).
 * @returns One row: factor id, kg CO2e per unit, unit, source, edition, fallbacks.
 */
export async function factor(
  activity: string,
  unit: string,
  region?: string,
  year?: number,
): Promise<Array<Array<string | number>>> {
  return installed().factor({ activity, unit, region, year });
}

/**
 * Maps a ledger line, as one row: GHG Protocol category, activity, factor id, confidence (0 to 1).
 * @customfunction MAP
 * @param description The line's text, e.g. "Hilton Chicago 2 nights".
 * @param amount The amount spent.
 * @param currency Currency of the amount, e.g. "USD".
 * @param vendor Who was paid.
 * @param account The ledger account.
 * @returns One row: category, activity, factor id, confidence.
 */
export async function map(
  description: string,
  amount?: number,
  currency?: string,
  vendor?: string,
  account?: string,
): Promise<Array<Array<string | number>>> {
  return installed().map({ description, amount, currency, vendor, account });
}

/**
 * Searches the factor library: one row per candidate, best first (kg CO2e per unit may be empty).
 * @customfunction SEARCH
 * @param text Words to look for, e.g. "natural gas".
 * @param region Region code to prefer, with its fallbacks.
 * @returns Rows of factor id, name, unit, kg CO2e per unit, source, edition.
 */
export async function search(
  text: string,
  region?: string,
): Promise<Array<Array<string | number>>> {
  return installed().search(text, region);
}
