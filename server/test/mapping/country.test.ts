import { describe, expect, it } from "vitest";
import { countryOfCompany, inferCountry } from "../../src/mapping/country.ts";

describe("the company's country", () => {
  it("reads legal forms", () => {
    expect(countryOfCompany("Stadtwerke Musterstadt GmbH")).toBe("DE");
    expect(countryOfCompany("Harlow & Finch Ltd")).toBe("GB");
    expect(countryOfCompany("Transports Vasseur & Fils SAS")).toBe("FR");
    expect(countryOfCompany("Navarrete Logística, S.L.")).toBe("ES");
    expect(countryOfCompany("Stadtwerke München")).toBeUndefined();
  });

  it("follows a clear majority of vendors and national currencies", () => {
    const row = (vendor: string, currency = "EUR") => ({ vendor, currency });
    expect(
      inferCountry([row("Aral AG"), row("Bader GmbH"), row("Amazon EU S.a r.l."), row("Telekom")]),
    ).toBe("DE");
    expect(inferCountry([row("Octopus Energy", "GBP"), row("Lufthansa AG", "GBP")])).toBe("GB");
  });

  it("gives no answer when nothing clearly points at one country", () => {
    expect(inferCountry([{ vendor: "Aral AG" }, { vendor: "Shell B.V." }])).toBeUndefined();
    expect(inferCountry([{ vendor: "Telekom", currency: "EUR" }])).toBeUndefined();
  });
});
