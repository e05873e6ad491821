import { describe, expect, it } from "vitest";
import { proposeByRules } from "../../../src/mapping/rules/index.ts";

/** [language, description, account name, country, category, activity] */
type Case = [string, string, string, string, string, string | null];

const CASES: Case[] = [
  ["en", "Diesel for delivery vans, 640 L", "Motor fuel", "GB", "mobile_combustion", "fuel.diesel"],
  ["en", "Propane for the warehouse heaters", "Heating", "US", "stationary_combustion", "fuel.lpg"],
  [
    "en",
    "Standby generator diesel refill",
    "Repairs",
    "US",
    "stationary_combustion",
    "fuel.diesel",
  ],
  [
    "de",
    "Heizöl EL 4.000 l Lieferung Kesselhaus",
    "Heizung",
    "DE",
    "stationary_combustion",
    "fuel.heating_oil",
  ],
  [
    "de",
    "Ladevorgänge Dienstwagen Februar",
    "Laufende Kfz-Betriebskosten",
    "DE",
    "purchased_electricity",
    "electricity.grid",
  ],
  [
    "de",
    "Kältemittel R410A 3 kg nachgefüllt",
    "Instandhaltung",
    "DE",
    "fugitive",
    "refrigerant.r410a",
  ],
  [
    "de",
    "Fernwärme Bürogebäude März",
    "Heizung",
    "DE",
    "purchased_heat_steam_cooling",
    "heat.district",
  ],
  [
    "fr",
    "Gazole non routier chariots élévateurs",
    "Carburants",
    "FR",
    "mobile_combustion",
    "fuel.diesel",
  ],
  ["fr", "Billet TGV Lyon-Paris 2e classe", "Voyages et déplacements", "FR", "3.6", "travel.rail"],
  [
    "fr",
    "Enlèvement déchets dangereux solvants usagés",
    "Enlèvement des déchets",
    "FR",
    "3.5",
    "waste.hazardous",
  ],
  ["nl", "Aardgas maart 12.000 m3", "Gas", "NL", "stationary_combustion", "fuel.natural_gas"],
  ["nl", "Restafval container week 12", "Afvalverwerking", "NL", "3.5", "waste.incineration"],
  [
    "nl",
    "Stadsverwarming kantoor februari",
    "Energie",
    "NL",
    "purchased_heat_steam_cooling",
    "heat.district",
  ],
  ["es", "Billete vuelo MAD-BCN ida y vuelta", "Viajes", "ES", "3.6", "travel.air"],
  [
    "es",
    "Gasóleo calefacción 2.000 l",
    "Suministros",
    "ES",
    "stationary_combustion",
    "fuel.heating_oil",
  ],
  [
    "sv",
    "Fjärrvärme kontor januari",
    "Uppvärmning",
    "SE",
    "purchased_heat_steam_cooling",
    "heat.district",
  ],
  ["sv", "Flygresa ARN-CPH", "Resekostnader", "SE", "3.6", "travel.air"],
  ["no", "Fjernvarme februar", "Oppvarming", "NO", "purchased_heat_steam_cooling", "heat.district"],
];

describe("keywords per language", () => {
  it.each(CASES)("%s: %s", (_language, description, accountName, country, category, activity) => {
    const proposal = proposeByRules({ description, accountName }, { country });
    expect(proposal.category).toBe(category);
    expect(proposal.activity).toBe(activity);
  });
});

describe("Scope 1 subtleties", () => {
  it("fuel for a rental car on a trip is business travel", () => {
    const proposal = proposeByRules({
      description: "Unleaded 40 L for Avis rental car",
      accountName: "Travel",
    });
    expect(proposal).toMatchObject({ category: "3.6", activity: "fuel.petrol" });
  });

  it("a leak check with nothing added is a service", () => {
    const proposal = proposeByRules({
      description: "Annual F-gas leak check R404A system",
      accountName: "Repairs and maintenance",
    });
    expect(proposal).toMatchObject({ category: "3.1", activity: "spend.hvac_maintenance" });
  });

  it("the first charge of new equipment is capital goods", () => {
    const proposal = proposeByRules(
      {
        description: "Neue Kühlzelle inkl. Erstbefüllung R449A 10 kg",
        accountCode: "0200",
        accountName: "Technische Anlagen und Maschinen",
      },
      { country: "DE" },
    );
    expect(proposal.category).toBe("3.2");
  });

  it("ammonia is a chemical purchase, not a fugitive emission", () => {
    const proposal = proposeByRules({
      description: "Ammonia R717 top-up 30 kg",
      accountName: "Refrigeration",
    });
    expect(proposal).toMatchObject({ category: "3.1", activity: "spend.chemicals" });
  });

  it("AdBlue is counted with mobile combustion", () => {
    const proposal = proposeByRules({
      description: "AdBlue 1.000 l Tank",
      accountName: "Kfz-Kosten",
    });
    expect(proposal).toMatchObject({ category: "mobile_combustion", activity: "process.urea_scr" });
  });

  it("dry ice released on site is a process emission", () => {
    const proposal = proposeByRules({
      description: "Trockeneis 200 kg Versand",
      accountName: "Betriebsbedarf",
    });
    expect(proposal).toMatchObject({ category: "process", activity: "process.co2" });
  });
});

describe("names that contain a keyword", () => {
  it("a vendor called Müller is not a waste company (Müll is waste, Müller a surname)", () => {
    const proposal = proposeByRules(
      { vendor: "Müller & Söhne KG", description: "Diverses", amount: 500, currency: "EUR" },
      { country: "DE" },
    );
    expect(proposal.activity).not.toMatch(/^waste\./);
    const bin = proposeByRules({ vendor: "Entsorgung Süd", description: "Müllabfuhr Januar" });
    expect(bin.category).toBe("3.5");
  });
});
