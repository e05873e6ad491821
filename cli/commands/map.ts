import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import type { Command } from "commander";
import { mapLedgerFile, mappedRowJson } from "@offgridflow/server";

interface MapFlags {
  output?: string;
  json?: boolean;
  country?: string;
}

export function registerMap(program: Command): void {
  program
    .command("map")
    .description(
      "read a ledger, map each row to scope, category and factor, estimate it, and write a workbook",
    )
    .argument("<ledger>", "a CSV or XLSX export")
    .option("-o, --output <file>", "the workbook to write (default: <ledger>-offgridflow.xlsx)")
    .option("--json", "one line per data row instead of a workbook")
    .option("--country <code>", "ISO country of the company (the region of its activities)")
    .action(async (file: string, flags: MapFlags) => {
      const output = flags.json
        ? undefined
        : (flags.output ?? `${basename(file, extname(file))}-offgridflow.xlsx`);
      const mapped = await mapLedgerFile(readFileSync(file), {
        filename: basename(file),
        country: flags.country,
        output,
      });
      if (flags.json) {
        for (const row of mapped) console.log(mappedRowJson(row));
        return;
      }
      const waiting = mapped.filter((row) => row.status === "needs_review").length;
      const total = mapped.reduce((sum, row) => sum + (row.co2e_kg ?? 0), 0);
      console.log(
        `${mapped.length} rows mapped, ${waiting} waiting for review, ${Math.round(total).toLocaleString("en-US")} kg CO2e estimated`,
      );
      console.log(`wrote ${output}`);
    });
}
