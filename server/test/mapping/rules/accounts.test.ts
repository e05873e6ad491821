import { describe, expect, it } from "vitest";
import { classifyAccount, detectChart } from "../../../src/mapping/rules/accounts.ts";

describe("detectChart", () => {
  it.each([
    ["4230", "Heizung", "DE", "de_skr03"],
    ["6320", "Heizung", undefined, "de_skr04"],
    ["4230", "Heizung", undefined, "de_skr03"],
    ["606140", "Carburants", undefined, "fr_pcg"],
    ["4120", "Elektriciteit", undefined, "nl"],
    ["0030", "Office equipment", undefined, "uk_sage50"],
    ["6120", "Utilities - Electric", undefined, "us"],
    ["7200", "Electricity", "GB", "uk_sage50"],
    ["5611", "Drivmedel för personbilar", "SE", "se_bas"],
  ])("%s %s (%s) → %s", (code, name, country, chart) => {
    expect(detectChart(code, name, country)).toBe(chart);
  });

  it("ignores non-numeric codes", () => {
    expect(classifyAccount("ABC", "Rent")).toBeUndefined();
  });
});

describe("classifyAccount", () => {
  it.each([
    ["0480", "Geringwertige Wirtschaftsgüter", "DE", "fixed_asset"],
    ["0510", "Beteiligungen", "DE", "financial_asset"],
    ["1590", "Durchlaufende Posten", "DE", "transitory"],
    ["4110", "Löhne", "DE", "personnel"],
    ["4830", "Abschreibungen auf Sachanlagen", "DE", "depreciation"],
    ["2120", "Zinsaufwendungen", "DE", "interest"],
    ["6220", "Abschreibungen auf Sachanlagen", undefined, "depreciation"],
    ["218200", "Matériel de transport", "FR", "fixed_asset"],
    ["261000", "Titres de participation", "FR", "financial_asset"],
    ["445510", "TVA à décaisser", "FR", "tax"],
    ["641100", "Salaires, appointements", "FR", "personnel"],
    ["681120", "Dotations aux amortissements", "FR", "depreciation"],
    ["0050", "Motor vehicles", "GB", "fixed_asset"],
    ["7900", "Bank interest paid", "GB", "interest"],
    ["7901", "Bank charges", "GB", "expense"],
    ["8000", "Depreciation", "GB", "depreciation"],
    ["1530", "Computer Equipment", "US", "fixed_asset"],
    ["2100", "Accounts payable", "US", "balance_sheet"],
    ["0300", "Machines en installaties", "NL", "fixed_asset"],
    ["8200", "Omzet", "NL", "revenue"],
    ["1220", "Inventarier", "SE", "fixed_asset"],
  ])("%s %s (%s) → %s", (code, name, country, klass) => {
    expect(classifyAccount(code, name, country)?.klass).toBe(klass);
  });
});
