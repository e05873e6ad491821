/**
 * The GHG Protocol category of a factor found by search, read off its library activity key. A
 * factor names an activity, not who operates the equipment, so this is the usual reading of the
 * key; the rule stage's candidates carry the row-specific subtleties (rental-car fuel, tenant
 * space, freight passed on to a customer).
 */
import type { Category } from "@offgridflow/engine";

/**
 * Key prefix → category; the first matching prefix wins, `null` leaves the key out. Basis:
 * Corporate Standard ch. 4 (Scope 1 by source type: stationary, mobile, fugitive), Scope 2
 * Guidance (purchased electricity, heat, steam), Scope 3 Standard ch. 5 categories (3: T&D
 * losses, 4: upstream transport, 5: waste, 6: business travel, 7: commuting, 1: purchased goods
 * and services, which includes water supply and spend-based EEIO estimates).
 */
export const KEY_CATEGORIES: readonly (readonly [prefix: string, category: Category | null])[] = [
  ["vehicle_fuel", "mobile_combustion"],
  ["vehicle", "mobile_combustion"],
  ["nonroad", "mobile_combustion"],
  ["fuel", "stationary_combustion"],
  ["refrigerant", "fugitive"],
  ["electricity.td_losses", "3.3"],
  // eGRID non-baseload rates are for avoided emissions, not inventories (EPA eGRID guidance).
  ["electricity.grid.nonbaseload", null],
  ["electricity", "purchased_electricity"],
  ["heat", "purchased_heat_steam_cooling"],
  ["travel", "3.6"],
  ["freight", "3.4"],
  ["waste", "3.5"],
  ["commute", "3.7"],
  ["water", "3.1"],
  ["spend.naics", "3.1"],
];

/** The category of a library activity key, or undefined when candidates skip it. */
export function categoryOfKey(key: string): Category | undefined {
  const entry = KEY_CATEGORIES.find(([prefix]) => key === prefix || key.startsWith(`${prefix}.`));
  return entry?.[1] ?? undefined;
}
