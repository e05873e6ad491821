/**
 * Inventory aggregation by scope, category, entity, site and period, with location- and
 * market-based totals side by side (GHG Protocol Scope 2 Guidance, dual reporting).
 * Sums run in whole milligrams so that totals are exact and independent of row order.
 */
import { isRowError, type Outcome, type Result } from "./contract.ts";

export type GroupKey = "scope" | "category" | "entity" | "site" | "period";
export type Period = "month" | "quarter" | "year";

export interface InventoryOptions {
  groupBy?: GroupKey[];
  period?: Period;
}

export interface Totals {
  scope1_kg: number;
  scope2_location_kg: number;
  scope2_market_kg: number;
  scope3_kg: number;
  total_location_kg: number;
  total_market_kg: number;
  /** Outside the scopes (GHG Protocol Corporate Standard, ch. 9). */
  biogenic_co2_kg: number;
}

export interface InventoryGroup {
  key: Partial<Record<GroupKey, string | number>>;
  location_kg: number;
  market_kg: number;
  results: number;
}

export interface Inventory {
  totals: Totals;
  groups: InventoryGroup[];
  results: number;
  errors: number;
}

const MG_PER_KG = 1e6;

const toMg = (kg: number): number => Math.round(kg * MG_PER_KG);

function periodOf(date: string | undefined, period: Period): string {
  if (!date || !/^\d{4}(-\d{2})?/.test(date)) return "unknown";
  const year = date.slice(0, 4);
  if (period === "year") return year;
  const month = date.slice(5, 7);
  if (month === "") return "unknown";
  return period === "month" ? `${year}-${month}` : `${year}-Q${Math.ceil(Number(month) / 3)}`;
}

function groupValue(result: Result, key: GroupKey, period: Period): string | number {
  switch (key) {
    case "scope":
      return result.scope;
    case "category":
      return result.category;
    case "entity":
      return result.entity ?? "unassigned";
    case "site":
      return result.site ?? "unassigned";
    case "period":
      return periodOf(result.date, period);
  }
}

/** Location and market figures of one result, in mg; outside Scope 2 they are the same. */
function dual(result: Result): [number, number] {
  if (result.scope2)
    return [toMg(result.scope2.location_co2e_kg), toMg(result.scope2.market_co2e_kg)];
  const mg = toMg(result.co2e_kg);
  return [mg, mg];
}

export function aggregate(outcomes: Iterable<Outcome>, options: InventoryOptions = {}): Inventory {
  const groupBy = options.groupBy ?? ["scope", "category"];
  const period = options.period ?? "month";
  const scopeMg = { 1: 0, 3: 0 };
  let scope2Location = 0;
  let scope2Market = 0;
  let biogenic = 0;
  let results = 0;
  let errors = 0;
  const groups = new Map<string, InventoryGroup & { locationMg: number; marketMg: number }>();
  for (const outcome of outcomes) {
    if (isRowError(outcome)) {
      errors++;
      continue;
    }
    results++;
    const [location, market] = dual(outcome);
    if (outcome.scope === 2) {
      scope2Location += location;
      scope2Market += market;
    } else {
      scopeMg[outcome.scope] += location;
    }
    if (outcome.biogenic_co2_kg !== undefined) biogenic += toMg(outcome.biogenic_co2_kg);
    const key: InventoryGroup["key"] = {};
    for (const name of groupBy) key[name] = groupValue(outcome, name, period);
    let id = "";
    for (const name of groupBy) id += `${key[name]}\u0000`;
    let group = groups.get(id);
    if (!group) {
      group = { key, location_kg: 0, market_kg: 0, results: 0, locationMg: 0, marketMg: 0 };
      groups.set(id, group);
    }
    group.locationMg += location;
    group.marketMg += market;
    group.results++;
  }
  const kg = (mg: number): number => mg / MG_PER_KG;
  return {
    totals: {
      scope1_kg: kg(scopeMg[1]),
      scope2_location_kg: kg(scope2Location),
      scope2_market_kg: kg(scope2Market),
      scope3_kg: kg(scopeMg[3]),
      total_location_kg: kg(scopeMg[1] + scope2Location + scopeMg[3]),
      total_market_kg: kg(scopeMg[1] + scope2Market + scopeMg[3]),
      biogenic_co2_kg: kg(biogenic),
    },
    groups: [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, { locationMg, marketMg, ...group }]) => ({
        ...group,
        location_kg: kg(locationMg),
        market_kg: kg(marketMg),
      })),
    results,
    errors,
  };
}
