import Table from "cli-table3";
import type { Command } from "commander";
import { describeFactor, factorSearch, library } from "@offgridflow/engine";
import { tableStyle } from "../format.ts";

interface SearchFlags {
  region?: string;
  year?: string;
  source?: string;
  limit: string;
  json?: boolean;
}

function integer(value: string | undefined, flag: string, program: Command): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) program.error(`${flag} must be an integer, not "${value}"`);
  return parsed;
}

export function registerFactors(program: Command): void {
  const factors = program.command("factors").description("search and describe the factor library");
  factors
    .command("search")
    .argument("<text>", 'words to look for, e.g. "natural gas"')
    .option("--region <region>", "region and its fallbacks, e.g. US-CAMX, GB, DE")
    .option("--year <year>", "keep the factor nearest this year")
    .option("--source <source>", "source id (epa-hub, desnz, useeio, owid-ember) or name")
    .option("--limit <n>", "number of results", "10")
    .option("--json", "a JSON array of factors")
    .action((text: string, flags: SearchFlags) => {
      const hits = factorSearch().search({
        text,
        region: flags.region,
        year: integer(flags.year, "--year", program),
        source: flags.source,
        limit: integer(flags.limit, "--limit", program),
      });
      if (flags.json) {
        console.log(JSON.stringify(hits.map((hit) => describeFactor(hit.factor))));
        return;
      }
      const table = new Table({
        head: ["id", "activity", "region", "year", "unit", "kg CO2e/unit", "name"],
        ...tableStyle([34, 28, 9, 6, 10, 14, 50]),
      });
      for (const { factor } of hits) {
        const s = describeFactor(factor);
        table.push([
          s.id,
          s.activity,
          s.region,
          s.year,
          s.unit,
          s.values.co2e_kg ?? "per gas",
          s.name,
        ]);
      }
      console.log(table.toString());
    });
  factors
    .command("stats")
    .option("--json", "machine-readable")
    .action((flags: { json?: boolean }) => {
      const stats = library.stats();
      const sources = stats.sources.map(({ source, edition, licence, count }) => ({
        source,
        edition,
        licence,
        count,
      }));
      if (flags.json) {
        console.log(JSON.stringify({ factors: stats.factors, sources }));
        return;
      }
      const table = new Table({
        head: ["source", "name", "edition", "licence", "factors"],
        ...tableStyle([12, 40, 10, 40, 9]),
      });
      for (const s of stats.sources) table.push([s.source, s.name, s.edition, s.licence, s.count]);
      console.log(table.toString());
      console.log(`${stats.factors} factors`);
    });
}
