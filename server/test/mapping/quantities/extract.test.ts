import { describe, expect, it } from "vitest";
import type { NumberFormat } from "../../../src/ledger/schema.ts";
import { extractQuantity } from "../../../src/mapping/quantities/index.ts";

type Case = [description: string, format: NumberFormat, value: number, unit: string, text: string];

function expectQuantity(...[description, numberFormat, value, unit, text]: Case): void {
  const found = extractQuantity(description, { numberFormat });
  expect(found).toMatchObject({ unit, text });
  expect(found?.value).toBeCloseTo(value, 6);
}

describe("extractQuantity", () => {
  // The brief's and the README's examples, each in the format of a company that writes it so.
  it.each<Case>([
    ["45,3 L", "eu", 45.3, "L", "45,3 L"],
    ["45,3L", "us", 45.3, "L", "45,3L"], // a decimal comma reads one way only
    ["12.345 kWh", "eu", 12345, "kWh", "12.345 kWh"],
    ["12.345 kWh", "plain", 12.345, "kWh", "12.345 kWh"], // the import's format decides
    ["1,234.5 kWh", "us", 1234.5, "kWh", "1,234.5 kWh"],
    ["3 nights", "us", 3, "room_night", "3 nights"],
    ["2 Nächte", "eu", 2, "room_night", "2 Nächte"],
    ["10 000 L", "eu", 10000, "L", "10 000 L"],
    ["10\u202f000 L", "eu", 10000, "L", "10\u202f000 L"], // narrow no-break space
    ["148.320 kWh (Hs)", "eu", 148320, "kWh", "148.320 kWh"],
    ["2,4 t", "eu", 2.4, "t", "2,4 t"],
    ["6,8 kg", "eu", 6.8, "kg", "6,8 kg"],
    ["142.6 gal", "us", 142.6, "gal", "142.6 gal"],
    ["18,420 kWh", "us", 18420, "kWh", "18,420 kWh"],
    ["3 nuits", "eu", 3, "room_night", "3 nuits"],
    ["24 ton", "eu", 24, "t", "24 ton"],
    ["1,8 t", "eu", 1.8, "t", "1,8 t"],
    ["512 m³", "eu", 512, "m3", "512 m³"],
    ["Tjänsteresa Göteborg 31,5 mil", "eu", 315, "km", "31,5 mil"], // Swedish mil = 10 km
    ["Hotell Malmö 2 nätter", "eu", 2, "room_night", "2 nätter"],
    ["Diesel 1234,56 l", "eu", 1234.56, "L", "1234,56 l"], // decimal comma, no grouping
    ["Fracht 1'250 kg", "plain", 1250, "kg", "1'250 kg"], // Swiss apostrophe grouping
  ])("%s (%s)", expectQuantity);

  // dev.csv descriptions whose quantity column is empty (rows with one are checked against it
  // in dev-agreement.test.ts), each with its company's format.
  it.each<Case>([
    ["SJC-LAS RT 2 pax conf 4XQ7ZP - SKO", "us", 2, "passenger", "2 pax"],
    ["Stmt 02/01/24 acct 4418-230 GAS 655 thm", "us", 655, "therm", "655 thm"],
    ["Stmt 03/01/24 acct 4418-229 Electric 16,885 kWh", "us", 16885, "kWh", "16,885 kWh"],
    ["Green-e certified RECs 150 MWh, 2023 vintage, WECC", "us", 150, "MWh", "150 MWh"],
    [
      "CORGON 18 Schweißschutzgas 10 Fl. à 10,7 m³ + Flaschenmiete Jan",
      "eu",
      107,
      "m3",
      "10 Fl. à 10,7 m³",
    ],
    ["4 N. Hr. Kögel", "eu", 4, "room_night", "4 N."],
    ["DKV Sammelrg. 01/24 Super E10 Pkw (3 Fzg.) 412,30 l", "eu", 412.3, "L", "412,30 l"],
    ["Ladevorgänge Jan 24 Dienstwagen e-Golf RT-HP 7E, 212 kWh", "eu", 212, "kWh", "212 kWh"],
    ["Alu-Platten EN AW-5083 feingefräst 1.265 kg", "eu", 1265, "kg", "1.265 kg"],
    ["Fernwärme Verw.-Geb. 02/24 16,9 MWh", "eu", 16.9, "MWh", "16,9 MWh"],
    ["Herkunftsnachweise Wasserkraft NO 2023, 1.800 MWh", "eu", 1800, "MWh", "1.800 MWh"],
    ["Gen waste 1100L x 26 lifts stores - EfW", "plain", 28600, "L", "1100L x 26"],
    ["Consolidated NHH inv Jan - 8 stores, 94,318 kWh", "plain", 94318, "kWh", "94,318 kWh"],
    ["Shell Fleet Feb statement DERV 1,102.3 ltrs", "plain", 1102.3, "L", "1,102.3 ltrs"],
    ["Intérim caristes janvier 612 h", "eu", 612, "h", "612 h"],
    ["Recharge R404A 2,5 kg groupe Vector 1550 remorque 14", "eu", 2.5, "kg", "2,5 kg"],
    ["Carte GR fév. 2024 - gazole 44 102,9 L", "eu", 44102.9, "L", "44 102,9 L"],
    ["Elec dépôt Lens mars 19 118 kWh", "eu", 19118, "kWh", "19 118 kWh"],
    ["Drinkwater Q4 2023 - 21.840 m3", "eu", 21840, "m3", "21.840 m3"],
    ["CIP reinigingsmiddel 4 x 1.000 l IBC", "eu", 4000, "L", "4 x 1.000 l"],
    ["Vacuümfolie kaasverpakking 12.000 st", "eu", 12000, "unit", "12.000 st"],
    ["Aardgas februari 2024 - 79.204 m3 (n)", "eu", 79204, "m3", "79.204 m3"],
    ["AMS-BCN v.v. 2 pax Alimentaria, eco", "eu", 2, "passenger", "2 pax"],
    [
      "Nieuwe koelcel rijping 3 incl. eerste vulling R449A 14 kg - oplevering",
      "eu",
      14,
      "kg",
      "14 kg",
    ],
  ])("%s (%s)", expectQuantity);

  // Several numbers: the physical quantity wins over codes, sizes and the other quantities.
  it.each<Case>([
    ["Gewerbeabfall 7 m³ Container, 2,84 t, Leerung 29.01.", "eu", 2.84, "t", "2,84 t"],
    ["DIB benne 30 m3 x 2 rotations - enfouissement ISDND 4,1 t", "eu", 4.1, "t", "4,1 t"],
    ["Aardgas 84.610 m3 = 912.345 kWh", "eu", 912345, "kWh", "912.345 kWh"],
    [
      "Netznutzung 12/2023 RLM, 148.320 kWh, Leistungspreis 412 kW",
      "eu",
      148320,
      "kWh",
      "148.320 kWh",
    ],
    ["Gutschrift Stahlspäne sortenrein 11,42 t à 185 €/t", "eu", 11.42, "t", "11,42 t"],
    ["Km-Geld priv. Pkw Fa. Trumpf Ditzingen 2x78 km à 0,30", "eu", 156, "km", "2x78 km"],
    ["Mietwagen Hannover 3 Tage VW Golf, 612 km", "eu", 612, "km", "612 km"],
    ["Rechnung Nr. 4471 Heizöl 2.000 l", "eu", 2000, "L", "2.000 l"],
  ])("%s (%s)", expectQuantity);

  // No quantity: codes, dates, references, money, rates, sizes and odometer readings.
  it.each<[string, NumberFormat]>([
    ["Wartung Kältemittel R449A, Anlage 42CrMo4", "eu"],
    ["Rechnung 24-0388", "eu"],
    ["Inv 3318820 - Daventry", "plain"],
    ["Rg. 12/23 Festnetz + Mobilfunk 28 SIM", "eu"],
    ["Leerung 29.01.2024, 15.01.24", "eu"],
    ["Anzahlung CMX 600 V Bearbeitungszentrum 30 %", "eu"],
    ["Genossenschaftsanteile 50 x 500 €", "eu"],
    ["Gebühr € 12 t-Pauschale", "eu"],
    ["Surcharge USD 450 L/C fee", "us"],
    ["Reiskostenvergoeding woon-werk jan 0,23/km", "eu"],
    ["Zuiveringsheffing 2024 voorschot 1.240 v.e.", "eu"],
    ["Standfläche AMB 2024 Anzahlung 48 m²", "eu"],
    ["Blankstahl 11SMnPb30 6m Stangen", "eu"],
    ["Omdozen kaas 4-kg golfkarton", "eu"],
    ["Loyer LLD février porteurs 19 t (x6) contrat FR-88012", "eu"],
    ["Entretien 120 000 km T 480 FR-221-LM vidange + filtres", "eu"],
    ["Carte GR relevé janvier gazole 38 tracteurs", "eu"],
    ["Flights 2 to London", "us"],
    ["Offsite Jan 21st, 2 st. Louis hotels", "us"],
    ["Stretch film 2 mil 18in x 1500ft", "us"],
    ["Versandkartons 600x400x400 2-wellig", "eu"],
    ["Leasingrate 01/24 Passat Variant RT-HP 412 + Caddy RT-HP 88", "eu"],
    ["", "eu"],
  ])("nothing in %s (%s)", (description, numberFormat) => {
    expect(extractQuantity(description, { numberFormat })).toBeUndefined();
  });

  it("reads point-decimal text when no format is given", () => {
    expect(extractQuantity("148.320 kWh")?.value).toBeCloseTo(148.32, 6);
  });
});
