/**
 * From a mapping proposal to an engine Activity: activity-based when the row carries a physical
 * quantity the family's factors can take, otherwise spend-based on the NAICS code, in the row's
 * currency and year. The engine then computes the number; the mapping never does.
 */
import { estimate, findUnit, isRowError, type Activity, type Outcome } from "@offgridflow/engine";
import type { MappingRow, Proposal } from "./proposal.ts";

/** Activity families whose library key differs from the family name (README vocabulary). */
const LIBRARY_KEY: Readonly<Record<string, string>> = {
  // CO2 bought and released on site: the pure gas, GWP 1 (EPA Hub Table 11).
  "process.co2": "refrigerant.co2",
  // Mileage in an employee's own car, on business or commuting: an average passenger car per
  // distance (EPA Hub Table 10; DESNZ "Business travel- land", average car).
  "travel.car_private": "travel.car",
  "commute.car": "travel.car",
};

export interface Quantity {
  value: number;
  /** An engine unit id. */
  unit: string;
}

export interface Estimated {
  activity: Activity | undefined;
  outcome: Outcome | undefined;
  /** Why the row was estimated as it was, or why it could not be. */
  note: string;
}

function yearOf(row: MappingRow): number | undefined {
  const year = row.date ? Number(row.date.slice(0, 4)) : NaN;
  return Number.isInteger(year) ? year : undefined;
}

/** The factor a reviewer chose when there is one, else the activity key for the engine to pick. */
function pinned(proposal: Proposal, key: string): Pick<Activity, "activity" | "factor"> {
  return proposal.factor ? { factor: proposal.factor } : { activity: key };
}

/** The activity-based Activity, when the proposal's family has factors for the quantity. */
function physical(
  proposal: Proposal,
  quantity: Quantity | undefined,
  base: Partial<Activity>,
): Activity | undefined {
  if (!proposal.activity || !quantity || !findUnit(quantity.unit)) return undefined;
  if (proposal.activity.startsWith("spend.")) return undefined;
  return {
    ...base,
    ...pinned(proposal, LIBRARY_KEY[proposal.activity] ?? proposal.activity),
    quantity: quantity.value,
    unit: quantity.unit,
    category: proposal.category,
  };
}

function spend(proposal: Proposal, row: MappingRow, base: Partial<Activity>): Activity | undefined {
  if (!(proposal.naics || proposal.factor) || row.amount === undefined || !row.currency)
    return undefined;
  return {
    ...base,
    ...pinned(proposal, `spend.naics.${proposal.naics}`),
    quantity: row.amount,
    currency: row.currency,
    category: proposal.category,
  };
}

/**
 * Estimates a mapped row: activity-based first, spend-based when that is impossible or fails.
 * Rows that emit nothing, or that have neither a usable quantity nor a NAICS code and amount,
 * are not estimated, and the note says why.
 */
export function estimateMapped(
  proposal: Proposal,
  row: MappingRow,
  quantity: Quantity | undefined,
  options: { id: string; region?: string },
): Estimated {
  if (proposal.category === "not_emissions")
    return { activity: undefined, outcome: undefined, note: "not emissions" };
  const year = yearOf(row);
  if (year === undefined)
    return { activity: undefined, outcome: undefined, note: "no date: the year is unknown" };
  const base: Partial<Activity> = {
    id: options.id,
    year,
    ...(options.region ? { region: options.region } : {}),
    ...(row.date ? { date: row.date } : {}),
  };
  const notes: string[] = [];
  const activityBased = physical(proposal, quantity, base);
  if (activityBased) {
    const outcome = estimate(activityBased);
    if (!isRowError(outcome)) return { activity: activityBased, outcome, note: "activity-based" };
    notes.push(`activity-based failed (${outcome.error.field}: ${outcome.error.message})`);
  }
  const spendBased = spend(proposal, row, base);
  if (spendBased) {
    const outcome = estimate(spendBased);
    notes.push(
      isRowError(outcome)
        ? `spend-based failed (${outcome.error.field}: ${outcome.error.message})`
        : "spend-based",
    );
    return { activity: spendBased, outcome, note: notes.join("; ") };
  }
  notes.push(proposal.naics ? "no amount or currency for spend" : "no quantity and no NAICS code");
  return { activity: activityBased, outcome: undefined, note: notes.join("; ") };
}
