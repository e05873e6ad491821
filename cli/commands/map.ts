import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { chooserFromEnv, loadEnv, mapLedgerFile, mappedRowJson } from "@offgridflow/server";

interface MapFlags {
  output?: string;
  json?: boolean;
  country?: string;
}

/** A progress bar on a terminal's stderr, so that `--json` output stays clean; else nothing. */
function progressBar(): Pick<SingleBar, "start" | "update" | "stop"> | undefined {
  if (!process.stderr.isTTY) return undefined;
  return new SingleBar({
    stream: process.stderr,
    format: "mapping |{bar}| {value}/{total} rows | {eta_formatted} left",
    hideCursor: true,
    clearOnComplete: true,
  });
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
    .option(
      "--country <code>",
      "ISO country of the company (the region of its activities); inferred when left out",
    )
    .action(async (file: string, flags: MapFlags) => {
      const env = loadEnv();
      const output = flags.json
        ? undefined
        : (flags.output ?? `${basename(file, extname(file))}-offgridflow.xlsx`);
      const bar = progressBar();
      const { rows, usage, country } = await mapLedgerFile(readFileSync(file), {
        filename: basename(file),
        country: flags.country,
        output,
        chooser: chooserFromEnv(env),
        maxCalls: env.OGF_LLM_MAX_CALLS,
        onRead: (total) => bar?.start(total, 0),
        onProgress: (done) => bar?.update(done),
      });
      bar?.stop();
      if (flags.json) {
        for (const row of rows) console.log(mappedRowJson(row));
        return;
      }
      console.log(
        flags.country
          ? `country: ${country}`
          : country
            ? `country: ${country} (from the vendors' legal forms and currencies; --country to set it)`
            : "country: unknown (--country to set it); grid factors fall back to world averages",
      );
      const waiting = rows.filter((row) => row.status === "needs_review").length;
      // Rows waiting for a person are not in the total until someone decides them.
      const total = rows
        .filter((row) => row.status === "auto")
        .reduce((sum, row) => sum + (row.co2e_kg ?? 0), 0);
      console.log(
        `${rows.length} rows mapped, ${waiting} waiting for review, ${Math.round(total).toLocaleString("en-US")} kg CO2e in the rows decided`,
      );
      if (usage.calls > 0 || usage.failed > 0)
        console.log(
          `model: ${usage.calls} calls (${usage.failed} failed), ${usage.input_tokens} + ${usage.output_tokens} tokens`,
        );
      console.log(`wrote ${output}`);
    });
}
