import { beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES, type FactorRecord } from "../../engine/src/factor.ts";
import { findUnit } from "../../engine/src/units.ts";
import type { SourceBuild } from "../../scripts/build-factors/builders.ts";
import { buildEpaHub } from "../../scripts/build-factors/epa-hub.ts";
import {
  buildGwp,
  readEpaBlends,
  readEpaGases,
  type GwpFile,
} from "../../scripts/build-factors/gwp.ts";
import { buildOwidEmber } from "../../scripts/build-factors/owid-ember.ts";
import { buildUseeio } from "../../scripts/build-factors/useeio.ts";
import { NO_SHARED_TABLES, SHARED_FACTORS } from "./shared-tables.ts";

const shared = SHARED_FACTORS;

function byId(build: SourceBuild, id: string): FactorRecord {
  const factor = build.factors.find((candidate) => candidate.id === id);
  if (!factor) throw new Error(`no factor ${id}`);
  return factor;
}

/** Half a unit in the third significant figure: how USEEIO rounds its by-gas values. */
function halfUlp3(value: number): number {
  return value === 0 ? 0 : 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(value))) - 2);
}

describe.skipIf(NO_SHARED_TABLES)("factor builders: EPA Hub, USEEIO, OWID/Ember, GWP", () => {
  let epa: SourceBuild;
  let useeio: SourceBuild;
  let owid: SourceBuild;
  let gwp: GwpFile;
  beforeAll(() => {
    epa = buildEpaHub(shared);
    useeio = buildUseeio(shared);
    owid = buildOwidEmber(shared);
    gwp = buildGwp(shared);
  });

  it("writes valid, unique records with resolvable units and known categories", () => {
    for (const build of [epa, useeio, owid]) {
      const ids = build.factors.map((factor) => factor.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const factor of build.factors) {
        expect(factor.source).toBe(build.source.id);
        expect(factor.activity).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/);
        expect(findUnit(factor.unit), `${factor.id} unit ${factor.unit}`).toBeDefined();
        if (factor.heating_value) expect(findUnit(factor.heating_value.per_unit)).toBeDefined();
        expect(CATEGORIES).toContain(factor.category);
      }
    }
  });

  it("keys every gas by a species of the GWP table (hydrocarbons are recorded as having no GWP)", () => {
    const noGwp = new Set(
      Object.values(gwp.blends).flatMap((blend) => blend.missing_gwp?.AR5 ?? []),
    );
    for (const factor of [...epa.factors, ...useeio.factors]) {
      for (const species of Object.keys(factor.gases)) {
        expect(
          gwp.sets.AR5[species] !== undefined || noGwp.has(species),
          `${factor.id}: ${species}`,
        ).toBe(true);
      }
    }
  });

  describe("EPA GHG Emission Factors Hub 2025", () => {
    it("has diesel at 10.21 kg CO2/gal (Table 1, Distillate Fuel Oil No. 2; Table 2, Diesel Fuel)", () => {
      const stationary = byId(epa, "epa-hub-2025:fuel.diesel.per_gal");
      expect(stationary.gases.CO2).toBe(10.21);
      expect(stationary.heating_value).toEqual({
        value: 0.138,
        energy_unit: "mmBtu",
        per_unit: "gal",
        basis: "HHV",
      });
      expect(byId(epa, "epa-hub-2025:vehicle_fuel.diesel").gases).toEqual({ CO2: 10.21 });
    });

    it("converts g CH4/N2O to kg and keeps the HHV basis (natural gas per mmBtu)", () => {
      const gas = byId(epa, "epa-hub-2025:fuel.natural_gas.per_mmbtu");
      expect(gas.gases).toEqual({ CO2: 53.06, CH4: 0.001, N2O: 0.0001 });
      expect(gas.energy_basis).toBe("HHV");
      expect(gas.unit).toBe("mmBtu");
    });

    it("reports biomass CO2 as biogenic, outside the scopes", () => {
      const wood = byId(epa, "epa-hub-2025:fuel.wood.per_short_ton");
      expect(wood.biogenic_co2).toBe(1640);
      expect(wood.gases.CO2).toBeUndefined();
      expect(wood.ch4_origin).toBe("non_fossil");
    });

    it("converts eGRID2023 lb/MWh to kg/MWh", () => {
      // 771.523 lb CO2/MWh × 0.45359237 kg/lb = 349.95694607951 kg CO2/MWh.
      const us = byId(epa, "epa-hub-2025:electricity.grid.us");
      expect(us.gases.CO2).toBeCloseTo(349.956946, 6);
      expect(us).toMatchObject({
        region: "US",
        tier: "national",
        year: 2023,
        unit: "MWh",
        scope: 2,
      });
      // 436.655 lb CO2/MWh × 0.45359237 kg/lb = 198.06337632235 kg CO2/MWh.
      const camx = byId(epa, "epa-hub-2025:electricity.grid.camx");
      expect(camx.gases.CO2).toBeCloseTo(198.063376, 6);
      expect(camx).toMatchObject({ region: "US-CAMX", tier: "subregion" });
    });

    it("derives T&D losses as rate × loss / (1 − loss), and skips PRMS, which has no loss", () => {
      // 349.95694607951 × 0.042 / (1 − 0.042) = 14.6981917353 / 0.958 = 15.3425800995 kg CO2/MWh.
      const losses = byId(epa, "epa-hub-2025:electricity.td_losses.us");
      expect(losses.gases.CO2).toBeCloseTo((771.523 * 0.45359237 * 0.042) / (1 - 0.042), 9);
      expect(losses).toMatchObject({ scope: 3, category: "3.3" });
      expect(
        epa.factors.some((factor) => factor.id === "epa-hub-2025:electricity.td_losses.prms"),
      ).toBe(false);
    });

    it("publishes waste as AR4 CO2e without a gas split", () => {
      const landfill = byId(epa, "epa-hub-2025:waste.landfill");
      expect(landfill).toMatchObject({
        gases: {},
        co2e: 580,
        co2e_unsplit: 580,
        co2e_gwp: "AR4",
        unit: "short_ton",
      });
    });

    it("keys refrigerants by ASHRAE number, with EPA's published AR5 GWP as CO2e", () => {
      const r410a = byId(epa, "epa-hub-2025:refrigerant.r410a");
      expect(r410a.gases).toEqual({ HFC32: 0.5, HFC125: 0.5 });
      expect(r410a.co2e).toBe(1924);
      expect(byId(epa, "epa-hub-2025:refrigerant.r134a")).toMatchObject({
        gases: { HFC134a: 1 },
        co2e: 1300,
      });
    });
  });

  describe("GWP table", () => {
    it("has the IPCC GWP100 values", () => {
      expect(gwp.sets.AR5.CH4).toBe(28);
      expect(gwp.sets.AR5.N2O).toBe(265);
      expect(gwp.sets.AR6.HFC134a).toBe(1530);
      expect(gwp.sets.AR4.CH4).toBe(25);
      for (const set of Object.values(gwp.sets)) expect(set.CO2).toBe(1);
    });

    it("agrees with the EPA Hub's AR5 values (Table 11)", () => {
      for (const gas of readEpaGases(shared))
        expect(gwp.sets.AR5[gas.key], gas.name).toBe(gas.gwpAr5);
    });

    it("computes R-410A from its components: 0.5 × 677 + 0.5 × 3170 = 1923.5, published 1924", () => {
      const r410a = gwp.blends.R410A;
      expect(r410a?.components).toEqual({ HFC32: 0.5, HFC125: 0.5 });
      const computed = Object.entries(r410a?.components ?? {}).reduce(
        (sum, [species, fraction]) => sum + fraction * (gwp.sets.AR5[species] ?? NaN),
        0,
      );
      expect(computed).toBeCloseTo(1923.5, 9);
    });

    it("reproduces every Table 12 GWP from its HFC and PFC components, as EPA computes it", () => {
      const epaGases = new Set(readEpaGases(shared).map((gas) => gas.key));
      for (const blend of readEpaBlends(shared)) {
        const fractions = Object.values(blend.components);
        expect(fractions.reduce((sum, fraction) => sum + fraction, 0)).toBeCloseTo(1, 3);
        const computed = Object.entries(blend.components)
          .filter(([species]) => epaGases.has(species))
          .reduce((sum, [species, fraction]) => sum + fraction * (gwp.sets.AR5[species] ?? NaN), 0);
        // EPA prints 3104 for R-424A, but 50.5% HFC-125 and 47% HFC-134a give 2211.85 on AR5.
        if (blend.ashrae === "R-424A") expect(computed).toBeCloseTo(2211.85, 6);
        else expect(Math.abs(computed - blend.gwpAr5), blend.ashrae).toBeLessThanOrEqual(0.5);
      }
    });
  });

  describe("USEEIO v1.3", () => {
    it("has NAICS 111110 with margins at 0.532 kg CO2e per 2022 USD", () => {
      const soy = byId(useeio, "useeio-1.3:spend.naics.111110");
      expect(soy).toMatchObject({
        co2e: 0.532,
        co2e_gwp: "AR5",
        unit: "USD",
        price_year: 2022,
        tier: "spend",
      });
      expect(soy.gases.CO2).toBe(0.172);
      expect(soy.co2e_unsplit).toBe(0.000844);
    });

    it("reproduces the published CO2e from the gases within rounding", () => {
      expect(useeio.factors).toHaveLength(1016);
      for (const factor of useeio.factors) {
        const unsplit = factor.co2e_unsplit ?? 0;
        let computed = unsplit;
        // CO2e is rounded to 3 decimals, each gas value to 3 significant figures.
        let bound = 0.0005 + halfUlp3(unsplit);
        for (const [species, kg] of Object.entries(factor.gases)) {
          const gwp100 = gwp.sets.AR5[species] ?? NaN;
          computed += kg * gwp100;
          bound += halfUlp3(kg) * gwp100;
        }
        expect(Math.abs(computed - (factor.co2e ?? NaN)), factor.id).toBeLessThanOrEqual(bound);
      }
    });
  });

  describe("OWID / Ember", () => {
    it("has World 2024 at 473.0 g → 0.473 kg CO2e/kWh and Germany 2024 at 344.1 g", () => {
      const world = byId(owid, "owid-ember-2025:electricity.grid.world.2024");
      expect(world.co2e).toBeCloseTo(0.473, 3);
      expect(world).toMatchObject({ region: "WORLD", tier: "global", unit: "kWh", gases: {} });
      expect(world.co2e_gwp).toBeUndefined();
      const germany = byId(owid, "owid-ember-2025:electricity.grid.de.2024");
      expect(germany.co2e).toBeCloseTo(0.3441, 4);
      expect(germany.co2e_unsplit).toBe(germany.co2e);
    });
  });
});
