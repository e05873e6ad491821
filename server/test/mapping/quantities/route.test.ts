import { describe, expect, it } from "vitest";
import { extractRoute } from "../../../src/mapping/quantities/index.ts";

describe("extractRoute", () => {
  // [description, from, to, path, round trip]: the brief's examples, then dev.csv's air rows.
  const cases: [string, string, string, string[], boolean][] = [
    ["FRA-JFK", "FRA", "JFK", ["FRA", "JFK"], false],
    ["LHR–CDG", "LHR", "CDG", ["LHR", "CDG"], false],
    ["SJC-SEA", "SJC", "SEA", ["SJC", "SEA"], false],
    ["AMS/BCN", "AMS", "BCN", ["AMS", "BCN"], false],
    ["LH 400 FRA-JFK", "FRA", "JFK", ["FRA", "JFK"], false],
    ["Flug FRA - JFK", "FRA", "JFK", ["FRA", "JFK"], false],
    ["vol CDG→NCE 1 pax", "CDG", "NCE", ["CDG", "NCE"], false],
    ["E-tkt 0162304418872 SFO-DEN-SFO econ J. Ortiz", "SFO", "DEN", ["SFO", "DEN", "SFO"], true],
    ["SJC-LAS RT 2 pax conf 4XQ7ZP - SKO", "SJC", "LAS", ["SJC", "LAS"], true],
    [
      "BA 286 SFO-LHR World Traveller Plus - M. Chen cust visit",
      "SFO",
      "LHR",
      ["SFO", "LHR"],
      false,
    ],
    ["Refund cxl SJC-SEA conf TYR8HK", "SJC", "SEA", ["SJC", "SEA"], false],
    [
      "Flug STR-FRA-ORD Economy, Ticket 220-2418871033, Hr. Kögel (Kunde Chicago)",
      "STR",
      "ORD",
      ["STR", "FRA", "ORD"],
      false,
    ],
    ["Luftfracht STR-ORD AWB 020-88124410, 186 kg chargeable", "STR", "ORD", ["STR", "ORD"], false],
    ["EZY2341 LTN-FRA rtn x2 Ambiente fair", "LTN", "FRA", ["LTN", "FRA"], true],
    ["AMS-BCN v.v. 2 pax Alimentaria, eco", "AMS", "BCN", ["AMS", "BCN"], true],
    ["Vuelo BIO-SVQ ida y vuelta", "BIO", "SVQ", ["BIO", "SVQ"], true], // small airports, flight word
  ];

  it.each(cases)("%s", (description, from, to, path, roundTrip) => {
    expect(extractRoute(description)).toEqual({ from, to, path, roundTrip });
  });

  it.each([
    "ABC-XYZ", // no flight word, no major airport
    "ER taxes 12/16-12/31 FICA/FUTA/CA SUI/ETT", // dev.csv payroll taxes
    "Sea freight 1x40HC INNSA-GBFXT, B/L MAEU24118802, cushions", // UN/LOCODEs, five letters
    "MOP/DC services HH meter Daventry Q1",
    "Uber trip DEN airport -> office", // one code is no pair
    "Flight refund JAN-FEB", // months
    "Flight FX EUR/USD", // currencies
    "LNER KGX-PBO return std", // UK rail station codes
    "FRA-JFKX", // four letters
    "fra-jfk", // lower case
    "Transports Vasseur & Fils SAS ABC/DEF",
  ])("no route in %s", (description) => {
    expect(extractRoute(description)).toBeUndefined();
  });
});
