import type { FactorRecord, SourceRecord } from "../../engine/src/factor.ts";
import { buildDesnz } from "./desnz.ts";
import { buildEpaHub } from "./epa-hub.ts";
import { buildFx, buildPriceIndex } from "./fx-and-prices.ts";
import { buildGwp } from "./gwp.ts";
import { buildOwidEmber } from "./owid-ember.ts";
import { buildUseeio } from "./useeio.ts";

export interface SourceBuild {
  source: SourceRecord;
  factors: FactorRecord[];
}

/** One output file per source edition: engine/data/factors/<key>.json. */
export const SOURCE_BUILDERS: Record<string, (shared: string) => SourceBuild> = {
  "epa-hub-2025": buildEpaHub,
  "desnz-2025": buildDesnz,
  "useeio-1.3": buildUseeio,
  "owid-ember-2025": buildOwidEmber,
};

/** Reference tables: engine/data/<key>.json. */
export const TABLE_BUILDERS: Record<string, (shared: string) => unknown> = {
  gwp: buildGwp,
  fx: buildFx,
  "price-index": buildPriceIndex,
};

/** Every output file, by path under engine/data, with the text the build writes. */
export function renderLibrary(shared: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [file, build] of Object.entries(SOURCE_BUILDERS)) {
    const built = build(shared);
    // One factor per line keeps diffs of the committed data reviewable.
    const lines = built.factors.map((factor) => JSON.stringify(factor)).join(",\n");
    files.set(
      `factors/${file}.json`,
      `{"source":${JSON.stringify(built.source)},"factors":[\n${lines}\n]}\n`,
    );
  }
  for (const [file, build] of Object.entries(TABLE_BUILDERS)) {
    files.set(`${file}.json`, `${JSON.stringify(build(shared), null, 1)}\n`);
  }
  return files;
}
