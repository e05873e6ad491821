import { CATEGORIES, library } from "@offgridflow/engine";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CandidateSchema, type Candidate } from "../../src/mapping/candidate.ts";
import type { MappingRow } from "../../src/mapping/proposal.ts";
import { extractQuantity, normaliseLedgerUnit } from "../../src/mapping/quantities/index.ts";
import { KEY_CATEGORIES, categoryOfKey } from "../../src/mapping/retrieval/categories.ts";
import { retrieveCandidates, type RetrievalContext } from "../../src/mapping/retrieval/index.ts";
import {
  CONCEPTS,
  normaliseLedgerText,
  spellings,
} from "../../src/mapping/retrieval/vocabulary.ts";
import { proposeByRules, rankByRules } from "../../src/mapping/rules/index.ts";
import { readLedger } from "../../src/ledger/index.ts";
import { SHARED_LEDGERS } from "../ledger/helpers.ts";

const DEV_CSV = path.join(SHARED_LEDGERS, "dev.csv");

interface Case {
  row: MappingRow;
  context: RetrievalContext;
  category: Candidate["category"];
  activity: string;
}

// Written for this test (not from the shared ledgers): booking texts as the ledgers of German,
// French, Dutch, Swedish, Spanish and British companies write them.
const CLEAR: [string, Case][] = [
  [
    "German electricity instalment",
    {
      row: {
        date: "2024-01-31",
        vendor: "RheinEnergie AG",
        description: "Stadtwerke Köln Strom Abschlag Januar",
        accountCode: "4240",
        accountName: "Gas, Strom, Wasser",
        amount: 1840,
        currency: "EUR",
      },
      context: { country: "DE" },
      category: "purchased_electricity",
      activity: "electricity.grid",
    },
  ],
  [
    "diesel at a filling station",
    {
      row: {
        date: "2024-02-03",
        vendor: "Aral AG",
        description: "Aral Tankstelle Diesel 45,3 L",
        accountCode: "4530",
        accountName: "Laufende Kfz-Betriebskosten",
        amount: 78.4,
        currency: "EUR",
      },
      context: { country: "DE", quantity: { value: 45.3, unit: "L" } },
      category: "mobile_combustion",
      activity: "fuel.diesel",
    },
  ],
  [
    "a flight",
    {
      row: {
        date: "2024-03-05",
        vendor: "Air France",
        description: "Air France CDG-JFK",
        accountCode: "625100",
        accountName: "Voyages et déplacements",
        amount: 812,
        currency: "EUR",
      },
      context: { country: "FR" },
      category: "3.6",
      activity: "travel.air",
    },
  ],
  [
    "French hotel nights",
    {
      row: {
        date: "2024-03-06",
        vendor: "Hôtel Ibis Lyon Part-Dieu",
        description: "Hôtel Ibis 2 nuitées",
        accountCode: "625600",
        accountName: "Missions",
        amount: 198,
        currency: "EUR",
      },
      context: { country: "FR", quantity: { value: 2, unit: "room_night" } },
      category: "3.6",
      activity: "travel.hotel",
    },
  ],
  [
    "heating oil delivery",
    {
      row: {
        date: "2024-01-12",
        vendor: "Mineralölhandel Schmid",
        description: "Heizöl Lieferung 3.000 L",
        accountCode: "4230",
        accountName: "Heizung",
        amount: 3120,
        currency: "EUR",
      },
      context: { country: "DE", quantity: { value: 3000, unit: "L" } },
      category: "stationary_combustion",
      activity: "fuel.heating_oil",
    },
  ],
  [
    "refrigerant top-up",
    {
      row: {
        date: "2024-02-20",
        vendor: "Kältetechnik Nord GmbH",
        description: "R-410A Nachfüllung 2 kg",
        accountCode: "4805",
        accountName: "Reparaturen und Instandhaltung",
        amount: 410,
        currency: "EUR",
      },
      context: { country: "DE", quantity: { value: 2, unit: "kg" } },
      category: "fugitive",
      activity: "refrigerant.r410a",
    },
  ],
  [
    "a cloud bill",
    {
      row: {
        date: "2024-02-02",
        vendor: "Amazon Web Services EMEA SARL",
        description: "AWS EMEA invoice",
        accountCode: "6815",
        accountName: "IT-Kosten",
        amount: 2310,
        currency: "EUR",
      },
      context: { country: "DE" },
      category: "3.1",
      activity: "spend.cloud_services",
    },
  ],
  [
    "Dutch natural gas",
    {
      row: {
        date: "2024-02-05",
        vendor: "Eneco",
        description: "Levering aardgas jan 1.240 m3",
        accountCode: "4330",
        accountName: "Gas",
        amount: 610,
        currency: "EUR",
      },
      context: { country: "NL", quantity: { value: 1240, unit: "m3" } },
      category: "stationary_combustion",
      activity: "fuel.natural_gas",
    },
  ],
];

/** Rows the rules cannot settle, where the vocabulary and factor search must find the answer. */
const SEARCH_ONLY: [string, Case][] = [
  [
    "a Swedish train ticket",
    {
      row: {
        date: "2024-02-08",
        vendor: "Skånetrafiken",
        description: "Tågbiljett Malmö–Lund t/r",
        accountCode: "5810",
        accountName: "Resekostnader",
        amount: 212,
        currency: "SEK",
      },
      context: { country: "SE" },
      category: "3.6",
      activity: "travel.rail",
    },
  ],
  [
    "a Spanish train ticket",
    {
      row: {
        date: "2024-02-09",
        vendor: "Viajes Sol SL",
        description: "Billete de tren Madrid-Sevilla",
        accountCode: "629",
        accountName: "Otros servicios",
        amount: 92,
        currency: "EUR",
      },
      context: { country: "ES" },
      category: "3.6",
      activity: "travel.rail",
    },
  ],
];

const diesel = (quantity: RetrievalContext["quantity"]): [MappingRow, RetrievalContext] => [
  {
    date: "2024-02-14",
    vendor: "Karl Huber Brennstoffe",
    description: "Dieselkraftstoff Notstromaggregat Probelauf",
    accountCode: "4230",
    accountName: "Heizung",
    amount: 120,
    currency: "EUR",
  },
  { country: "DE", quantity },
];

const found = (candidates: Candidate[], expected: Case) =>
  candidates.findIndex((c) => c.category === expected.category && c.activity === expected.activity);

describe("retrieveCandidates", () => {
  it.each(CLEAR)("ranks the rules' answer first for %s", (_, expected) => {
    const candidates = retrieveCandidates(expected.row, expected.context);
    expect(found(candidates, expected)).toBe(0);
    expect(candidates[0]?.factor).not.toBeNull();
    const decision = proposeByRules(expected.row, expected.context);
    expect([candidates[0]?.category, candidates[0]?.activity]).toEqual([
      decision.category,
      decision.activity,
    ]);
  });

  it.each(SEARCH_ONLY)("finds %s through the vocabulary", (_, expected) => {
    const candidates = retrieveCandidates(expected.row, expected.context);
    const index = found(candidates, expected);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(2);
    expect(candidates[index]?.why).toMatch(/search: "(taag|tren)\w*"→rail/);
  });

  it("offers the other combustion category of an ambiguous fuel for review", () => {
    const [row, context] = diesel({ value: 45.3, unit: "L" });
    const candidates = retrieveCandidates(
      { ...row, description: "Aral Tankstelle Diesel 45,3 L", accountName: "Kfz-Kosten" },
      context,
    );
    expect(candidates[0]).toMatchObject({ category: "mobile_combustion", activity: "fuel.diesel" });
    expect(candidates.some((c) => c.category === "stationary_combustion")).toBe(true);
  });

  it("resolves the factor the engine would use for the row", () => {
    const hotel = CLEAR.find(([name]) => name === "French hotel nights")?.[1] as Case;
    // DESNZ 2025 hotel stay, France, per room night
    expect(retrieveCandidates(hotel.row, hotel.context)[0]).toMatchObject({
      factor: "desnz-2025:29_600_4016_13",
      unit: "room_night",
    });
    const cloud = CLEAR.find(([name]) => name === "a cloud bill")?.[1] as Case;
    expect(retrieveCandidates(cloud.row, cloud.context)[0]).toMatchObject({
      naics: "518210",
      factor: "useeio-1.3:spend.naics.518210",
      unit: "USD",
      label: "Data Processing, Hosting, and Related Services",
    });
  });

  it("keeps search candidates whose factors cannot take the quantity out", () => {
    const byLitre = retrieveCandidates(...diesel({ value: 85, unit: "L" }));
    const byEnergy = retrieveCandidates(...diesel({ value: 850, unit: "kWh" }));
    // EPA's mobile diesel factor is per gallon only: fine for litres, useless for kWh.
    expect(byLitre.map((c) => c.activity)).toContain("vehicle_fuel.diesel");
    expect(byEnergy.map((c) => c.activity)).not.toContain("vehicle_fuel.diesel");
    for (const candidate of byEnergy.filter((c) => !c.why.startsWith("rule"))) {
      const units = library.forActivity(candidate.activity)?.map((f) => f.unitDef.dimension);
      if (units) expect(units.includes("energy") || candidate.naics !== null).toBe(true);
    }
  });

  it("keys candidates c1..cN in rank order, within the limit, and validates them", () => {
    for (const [, { row, context }] of [...CLEAR, ...SEARCH_ONLY]) {
      for (const limit of [3, 8]) {
        const candidates = retrieveCandidates(row, context, limit);
        expect(candidates.length).toBeGreaterThan(0);
        expect(candidates.length).toBeLessThanOrEqual(limit);
        expect(candidates.map((c) => c.key)).toEqual(candidates.map((_, i) => `c${i + 1}`));
        const scores = candidates.map((c) => c.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        const identities = candidates.map((c) => `${c.category}|${c.activity}|${c.naics}`);
        expect(new Set(identities).size).toBe(identities.length);
        for (const candidate of candidates) CandidateSchema.parse(candidate);
      }
    }
  });

  it("is deterministic", () => {
    const run = () =>
      [...CLEAR, ...SEARCH_ONLY].map(([, { row, context }]) => retrieveCandidates(row, context));
    const first = run();
    expect(run()).toEqual(first);
    expect(structuredClone(first)).toEqual(first);
  });
});

describe("rankByRules", () => {
  it("starts with proposeByRules's decision and lists each decision once", () => {
    for (const [, { row, context }] of [...CLEAR, ...SEARCH_ONLY]) {
      const ranked = rankByRules(row, context, 8);
      expect(ranked[0]).toEqual(proposeByRules(row, context));
      const identities = ranked.map((p) => `${p.category}|${p.activity}|${p.naics}`);
      expect(new Set(identities).size).toBe(identities.length);
    }
  });

  it("gives an alternative the category the rules would give it", () => {
    // The text votes diesel, the vendor heating oil; the vehicle account makes either mobile.
    const ranked = rankByRules(
      {
        vendor: "Bader Mineralöle GmbH",
        description: "Tankstelle Diesel",
        accountName: "Kfz-Kraftstoffe",
      },
      { country: "DE" },
      8,
    );
    expect(ranked[0]).toMatchObject({ category: "mobile_combustion", activity: "fuel.diesel" });
    expect(ranked).toContainEqual(
      expect.objectContaining({ category: "mobile_combustion", activity: "fuel.heating_oil" }),
    );
  });
});

describe("library key → category", () => {
  it.each([
    ["fuel.diesel", "stationary_combustion"],
    ["vehicle_fuel.diesel", "mobile_combustion"],
    ["vehicle.passenger_car.gasoline.my_2020", "mobile_combustion"],
    ["nonroad.industrial_commercial_equipment.lpg", "mobile_combustion"],
    ["refrigerant.r410a", "fugitive"],
    ["electricity.grid", "purchased_electricity"],
    ["electricity.ev.car.average.bev", "purchased_electricity"],
    ["electricity.td_losses", "3.3"],
    ["heat.steam", "purchased_heat_steam_cooling"],
    ["travel.air.long_haul.economy", "3.6"],
    ["freight.road", "3.4"],
    ["waste.landfill", "3.5"],
    ["commute.homeworking", "3.7"],
    ["water.supply", "3.1"],
    ["spend.naics.518210", "3.1"],
  ])("%s → %s", (key, category) => {
    expect(library.forActivity(key)).toBeDefined();
    expect(categoryOfKey(key)).toBe(category);
  });

  it("skips keys that are no row's activity", () => {
    for (const key of ["electricity.grid.nonbaseload", "wtt.fuel.diesel", "material.metals"])
      expect(categoryOfKey(key)).toBeUndefined();
  });

  it("has no dead rows: every prefix names library keys", () => {
    const keys = [...library.activities()];
    for (const [prefix, category] of KEY_CATEGORIES) {
      expect(keys.some((key) => key === prefix || key.startsWith(`${prefix}.`))).toBe(true);
      if (category) expect(CATEGORIES).toContain(category);
    }
  });
});

describe("vocabulary", () => {
  it("writes spellings as the normaliser leaves them", () => {
    for (const concept of Object.values(CONCEPTS))
      for (const word of spellings(concept)) expect(normaliseLedgerText(word)).toBe(word);
  });

  it("translates to words the factor tables use", () => {
    const tokens = new Set(
      library.factors.flatMap((f) => `${f.activity} ${f.name}`.toLowerCase().split(/[^a-z0-9]+/)),
    );
    for (const { english } of Object.values(CONCEPTS))
      for (const word of english.split(" ")) expect(tokens, word).toContain(word);
  });
});

/** The five companies of ../shared/ledgers/README.md and their countries. */
const COUNTRIES: Readonly<Record<string, string>> = {
  "Lumenfield Software, Inc.": "US",
  "Hollerbach Präzisionstechnik GmbH": "DE",
  "Harlow & Finch Ltd": "GB",
  "Transports Vasseur & Fils SAS": "FR",
  "Zuivelhoeve De Kempen B.V.": "NL",
};

/** Below this confidence map-ledger sends a row to review. */
const REVIEW_BELOW = 0.75;

describe.skipIf(!fs.existsSync(DEV_CSV))("retrieval on the development set", () => {
  it("holds the labelled category and activity among the candidates", async () => {
    const ledger = await readLedger(fs.readFileSync(DEV_CSV), { filename: "dev.csv" });
    const rows = ledger.rows.map(({ fields, raw }) => {
      const unit = fields.unit ? normaliseLedgerUnit(fields.unit) : undefined;
      const extracted = fields.description
        ? extractQuantity(fields.description, { numberFormat: ledger.layout.numberFormat })
        : undefined;
      const quantity =
        fields.quantity !== undefined && unit
          ? { value: fields.quantity * unit.factor, unit: unit.unit }
          : extracted && { value: extracted.value, unit: extracted.unit };
      const context: RetrievalContext = { country: COUNTRIES[raw.company ?? ""], quantity };
      return { fields, raw, context };
    });
    const started = performance.now();
    const results = rows.map(({ fields, context }) => retrieveCandidates(fields, context));
    const perCall = (performance.now() - started) / rows.length;
    // A candidate is right when its category is the label's and its activity is the labelled
    // family or a library key refining it (`travel.air.long_haul` for `travel.air`).
    const scored = rows.map(({ fields, raw, context }, i) => {
      const rank = (results[i] ?? []).findIndex(
        (c) =>
          c.category === raw.category &&
          (c.activity === raw.activity_family || c.activity.startsWith(`${raw.activity_family}.`)),
      );
      return { rank, review: proposeByRules(fields, context).confidence < REVIEW_BELOW };
    });
    const recall = (subset: typeof scored, k: number) =>
      subset.filter(({ rank }) => rank >= 0 && rank < k).length / subset.length;
    const review = scored.filter((row) => row.review);
    const figures = {
      rows: scored.length,
      recallAt1: recall(scored, 1),
      recallAt8: recall(scored, 8),
      reviewRows: review.length,
      reviewRecallAt1: recall(review, 1),
      reviewRecallAt8: recall(review, 8),
      meanCandidates: results.reduce((n, list) => n + list.length, 0) / results.length,
      msPerCall: perCall,
    };
    console.log("retrieval on dev.csv", figures);
    // Measured: recall@1 0.991, recall@8 0.997; review rows (19) 0.895 and 0.947.
    expect(figures.recallAt1).toBeGreaterThanOrEqual(0.96);
    expect(figures.recallAt8).toBeGreaterThanOrEqual(0.98);
    expect(figures.reviewRecallAt8).toBeGreaterThanOrEqual(0.85);
    expect(figures.meanCandidates).toBeLessThanOrEqual(8);
  });
});

describe("estimable candidates", () => {
  // A heating-oil delivery booked by amount only: spend factors can price it, a fuel factor
  // cannot until a person supplies the litres.
  const row: MappingRow = {
    date: "2024-03-01",
    vendor: "Nord Energie GmbH",
    description: "Heizöl Lieferung März",
    amount: 2400,
    currency: "EUR",
  };

  it("say which candidates the row can be estimated under as it stands", () => {
    const candidates = retrieveCandidates(row, { country: "DE" });
    const currencies = new Set(["EUR", "USD", "GBP"]);
    for (const candidate of candidates) {
      if (candidate.category === "not_emissions") expect(candidate.estimable).toBe(true);
      else if (candidate.unit && currencies.has(candidate.unit))
        expect(candidate.estimable).toBe(true);
      else expect(candidate.estimable, JSON.stringify(candidate)).toBe(false);
    }
    expect(candidates.some((candidate) => !candidate.estimable)).toBe(true);
  });

  it("become estimable once the row carries its quantity", () => {
    const fuel = (quantity?: RetrievalContext["quantity"]) =>
      retrieveCandidates(row, { country: "DE", quantity }).find(
        (candidate) => candidate.activity === "fuel.heating_oil",
      );
    expect(fuel()?.estimable).toBe(false);
    expect(fuel({ value: 3000, unit: "l" })?.estimable).toBe(true);
  });
});
