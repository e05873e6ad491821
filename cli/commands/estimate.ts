import Table from "cli-table3";
import type { Command } from "commander";
import {
  aggregate,
  estimateBatch,
  isGwpSet,
  isRowError,
  type Activity,
  type GwpSetId,
  type Outcome,
} from "@offgridflow/engine";
import { formatKg, formatQuantity, tableStyle } from "../format.ts";
import { isUnreadable, readActivities, type Row } from "../read-activities.ts";

interface EstimateFlags {
  gwp: string;
  json?: boolean;
}

/** Engine outcomes in file order, with unreadable lines kept in place as errors. */
function estimateRows(rows: Row[], gwp: GwpSetId): Outcome[] {
  const activities = rows.filter((row): row is Activity => !isUnreadable(row));
  const results = estimateBatch(activities, { gwp });
  let next = 0;
  return rows.map((row) => (isUnreadable(row) ? row : (results[next++] as Outcome)));
}

function printTable(rows: Row[], outcomes: Outcome[]): void {
  const table = new Table({
    head: [
      "id",
      "activity",
      "quantity",
      "kg CO2e",
      "scope / category",
      "method",
      "factor (source, edition)",
      "notes",
    ],
    ...tableStyle([16, 24, 16, 14, 18, 10, 42, 44]),
  });
  outcomes.forEach((outcome, index) => {
    const row = rows[index] as Activity;
    const what = isUnreadable(rows[index] as Row)
      ? ""
      : (row.activity ?? row.factor ?? "inline factor");
    const quantity = isUnreadable(rows[index] as Row)
      ? ""
      : `${formatQuantity(row.quantity)} ${row.unit ?? row.currency ?? ""}`;
    if (isRowError(outcome)) {
      table.push([
        outcome.id ?? "",
        what,
        quantity,
        "ERROR",
        "",
        "",
        `${outcome.error.field}: ${outcome.error.message}`,
        "",
      ]);
      return;
    }
    const notes = [...outcome.conversions, ...outcome.fallbacks, ...outcome.warnings].join("\n");
    table.push([
      outcome.id ?? "",
      what,
      quantity,
      formatKg(outcome.co2e_kg),
      `${outcome.scope} / ${outcome.category}`,
      outcome.method,
      `${outcome.factor.id}\n(${outcome.factor.source}, ${outcome.factor.edition})`,
      notes,
    ]);
  });
  console.log(table.toString());
}

function printTotals(outcomes: Outcome[], gwp: GwpSetId): void {
  const { totals, results, errors } = aggregate(outcomes);
  const table = new Table({ head: [`totals (${gwp})`, "kg CO2e"], ...tableStyle() });
  table.push(
    ["Scope 1", formatKg(totals.scope1_kg)],
    ["Scope 2 (location-based)", formatKg(totals.scope2_location_kg)],
    ["Scope 2 (market-based)", formatKg(totals.scope2_market_kg)],
    ["Scope 3", formatKg(totals.scope3_kg)],
    ["Total (location-based Scope 2)", formatKg(totals.total_location_kg)],
    ["Total (market-based Scope 2)", formatKg(totals.total_market_kg)],
    ["Biogenic CO2 (outside scopes)", formatKg(totals.biogenic_co2_kg)],
  );
  console.log(table.toString());
  console.log(`${results} estimated, ${errors} failed`);
}

export function registerEstimate(program: Command): void {
  program
    .command("estimate")
    .description("estimate emissions for the activities in a .csv or .jsonl file")
    .argument("<file>", "one Activity per line (.jsonl) or row (.csv)")
    .option("--gwp <set>", "GWP set: AR4, AR5 or AR6", "AR5")
    .option("--json", "one Result (or error) per line")
    .action((file: string, flags: EstimateFlags) => {
      if (!isGwpSet(flags.gwp)) program.error(`--gwp must be AR4, AR5 or AR6, not "${flags.gwp}"`);
      const gwp = flags.gwp as GwpSetId;
      const rows = readActivities(file);
      const outcomes = estimateRows(rows, gwp);
      if (flags.json) {
        for (const outcome of outcomes) console.log(JSON.stringify(outcome));
      } else {
        printTable(rows, outcomes);
        printTotals(outcomes, gwp);
      }
      if (outcomes.some(isRowError)) process.exitCode = 1;
    });
}
