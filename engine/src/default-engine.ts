/**
 * The engine over the committed factor library (engine/data, built by `npm run build:factors`).
 */
import desnz from "../data/factors/desnz-2025.json" with { type: "json" };
import epaHub from "../data/factors/epa-hub-2025.json" with { type: "json" };
import owidEmber from "../data/factors/owid-ember-2025.json" with { type: "json" };
import useeio from "../data/factors/useeio-1.3.json" with { type: "json" };
import fx from "../data/fx.json" with { type: "json" };
import gwp from "../data/gwp.json" with { type: "json" };
import priceIndex from "../data/price-index.json" with { type: "json" };
import { Engine } from "./engine.ts";
import type { FactorRecord, SourceRecord } from "./factor.ts";
import { GwpTable, type GwpData } from "./gwp.ts";
import { FactorLibrary } from "./library.ts";
import { MoneyConverter, type FxData, type PriceIndexData } from "./money.ts";
import { FactorSearch } from "./search.ts";

interface SourceFile {
  source: SourceRecord;
  factors: FactorRecord[];
}

const files = [epaHub, desnz, useeio, owidEmber] as SourceFile[];

export const library = new FactorLibrary({
  sources: files.map((file) => file.source),
  factors: files.flatMap((file) => file.factors),
});

export const engine = new Engine(
  library,
  new GwpTable(gwp as GwpData),
  new MoneyConverter(fx as FxData, priceIndex as PriceIndexData),
);

let search: FactorSearch | undefined;

/** The search index is built on first use: most callers only estimate. */
export function factorSearch(): FactorSearch {
  search ??= new FactorSearch(library);
  return search;
}
