import { describe, expect, it } from "vitest";
import { normaliseDescription, patternOf, vendorOf } from "../../src/mapping/pattern.ts";

describe("patterns", () => {
  it("generalises amounts, quantities, dates and months, and keeps the words", () => {
    expect(normaliseDescription("Strom Jan 2024")).toBe("strom <month> #");
    expect(normaliseDescription("Strom Februar 2024")).toBe("strom <month> #");
    expect(normaliseDescription("Shell Fleet 4711 DE 45,3L")).toBe("shell fleet # de #l");
    expect(normaliseDescription("Rechnung 03/24 (12.345 kWh)")).toBe("rechnung # # kwh");
    expect(normaliseDescription("Électricité  décembre")).toBe("electricite <month>");
  });

  it("keeps digits that are part of a name: refrigerants and gases differ by them", () => {
    expect(normaliseDescription("R-410A refill 2 kg")).toBe("r-410a refill # kg");
    expect(normaliseDescription("R-404A refill 3 kg")).toBe("r-404a refill # kg");
    expect(normaliseDescription("CO2 cylinders")).toBe("co2 cylinders");
  });

  it("tells rows apart by vendor and account, and months of one bill together", () => {
    const jan = { vendor: "Stadtwerke Köln", accountCode: "6325", description: "Strom Jan 2024" };
    const feb = { ...jan, description: "Strom Feb 2024" };
    expect(patternOf(jan)).toBe(patternOf(feb));
    expect(patternOf(jan)).toBe("stadtwerke koeln | 6325 |  | strom <month> #");
    expect(patternOf({ ...jan, accountCode: "4240" })).not.toBe(patternOf(jan));
    expect(patternOf({ ...jan, vendor: "RheinEnergie" })).not.toBe(patternOf(jan));
    expect(vendorOf(jan)).toBe("stadtwerke koeln");
  });
});
