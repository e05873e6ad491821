/**
 * US EPA Supply Chain GHG Emission Factors v1.3 (USEEIO), by 2017 NAICS-6 code, with margins
 * (purchaser price, 2022 USD). Gas masses come from the by-GHG file, the published CO2e (AR5)
 * from the CO2e file (../shared/factors/SOURCES.md section 3).
 */
import { join } from "node:path";
import type { FactorRecord, SourceRecord } from "../../engine/src/factor.ts";
import type { SourceBuild } from "./builders.ts";
import { readCsv } from "./read-csv.ts";
import { cell, finishFactors, requiredNum } from "./slug.ts";

const DIR = "epa-useeio-supply-chain-factors";
const BY_GAS_FILE = "SupplyChainGHGEmissionFactors_v1.3.0_NAICS_byGHG_USD2022.csv";
const CO2E_FILE = "SupplyChainGHGEmissionFactors_v1.3.0_NAICS_CO2e_USD2022.csv";
const ID_PREFIX = "useeio-1.3";
const PRICE_YEAR = 2022;

const CODE = "2017 NAICS Code";
const TITLE = "2017 NAICS Title";
/** Purchaser price: what a buyer's ledger records, so the margins (transport, trade) are included. */
const WITH_MARGINS = "Supply Chain Emission Factors with Margins";

const SOURCE: SourceRecord = {
  id: "useeio",
  name: "US EPA Supply Chain GHG Emission Factors (USEEIO v1.3)",
  publisher: "U.S. Environmental Protection Agency",
  edition: "v1.3.0",
  licence: "Public domain (U.S. Government work)",
  citation:
    "SupplyChainGHGEmissionFactors_v1.3.0_NAICS_byGHG_USD2022.csv and ..._CO2e_USD2022.csv (2017 NAICS, 2022 USD purchaser price, AR5)",
};

/** The by-GHG file's row that is already CO2e (its unit says kg CO2e): it has no gas split. */
const UNSPECIFIED = "HFCs and PFCs, unspecified";

/** USEEIO gas names → IPCC species keys of gwp.json. */
const GAS_KEY: Record<string, string> = {
  "Carbon dioxide": "CO2",
  Methane: "CH4",
  "Nitrous oxide": "N2O",
  "HFC-23": "HFC23",
  "HFC-32": "HFC32",
  "HFC-125": "HFC125",
  "HFC-134a": "HFC134a",
  "HFC-143a": "HFC143a",
  "HFC-236fa": "HFC236fa",
  "Carbon tetrafluoride": "CF4",
  Hexafluoroethane: "C2F6",
  Perfluoropropane: "C3F8",
  Perfluorobutane: "C4F10",
  Perfluorocyclobutane: "cC4F8",
  Perfluorohexane: "C6F14",
  "Sulfur hexafluoride": "SF6",
  "Nitrogen trifluoride": "NF3",
};

interface GasSplit {
  gases: Record<string, number>;
  unspecified?: number;
}

/** Per NAICS code: gas masses (kg/USD) and the unspecified HFC/PFC CO2e (kg CO2e/USD). */
function readGasSplits(path: string): Map<string, GasSplit> {
  const splits = new Map<string, GasSplit>();
  for (const row of readCsv(path)) {
    const code = cell(row, CODE);
    const gas = cell(row, "GHG");
    const value = requiredNum(row, WITH_MARGINS);
    // Guards against reading a CO2e value as a mass or the reverse.
    if (cell(row, "Unit").startsWith("kg CO2e/") !== (gas === UNSPECIFIED)) {
      throw new Error(`${code} ${gas}: unexpected unit ${cell(row, "Unit")}`);
    }
    const split = splits.get(code) ?? { gases: {} };
    splits.set(code, split);
    if (gas === UNSPECIFIED) {
      split.unspecified = value;
      continue;
    }
    const key = GAS_KEY[gas];
    if (key === undefined) throw new Error(`unknown USEEIO gas ${JSON.stringify(gas)}`);
    split.gases[key] = value;
  }
  return splits;
}

export function buildUseeio(shared: string): SourceBuild {
  const splits = readGasSplits(join(shared, DIR, BY_GAS_FILE));
  const factors = readCsv(join(shared, DIR, CO2E_FILE)).map((row): FactorRecord => {
    const code = cell(row, CODE);
    const split = splits.get(code);
    if (!split) throw new Error(`NAICS ${code} has CO2e but no gas split`);
    const activity = `spend.naics.${code}`;
    return {
      id: `${ID_PREFIX}:${activity}`,
      activity,
      name: cell(row, TITLE),
      source: SOURCE.id,
      region: "US",
      year: PRICE_YEAR,
      unit: "USD",
      price_year: PRICE_YEAR,
      scope: 3,
      category: "3.1",
      tier: "spend",
      gases: split.gases,
      co2e: requiredNum(row, WITH_MARGINS),
      co2e_gwp: "AR5",
      co2e_unsplit: split.unspecified,
      ref: `NAICS ${code}, "${WITH_MARGINS}"`,
    };
  });
  if (factors.length !== splits.size)
    throw new Error("the by-GHG and CO2e files list different NAICS codes");
  return { source: SOURCE, factors: finishFactors(factors) };
}
