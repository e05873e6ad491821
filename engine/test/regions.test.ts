import { describe, expect, it } from "vitest";
import { normaliseRegion, regionChain } from "../src/regions.ts";

describe("regions", () => {
  it("falls back subregion -> country -> world", () => {
    expect(regionChain("US-CAMX")).toEqual(["US-CAMX", "US", "WORLD"]);
    expect(regionChain("DE")).toEqual(["DE", "WORLD"]);
    expect(regionChain("WORLD")).toEqual(["WORLD"]);
  });

  it("normalises case and common non-ISO spellings", () => {
    expect(normaliseRegion("uk")).toBe("GB");
    expect(normaliseRegion(" us-camx ")).toBe("US-CAMX");
    expect(normaliseRegion("global")).toBe("WORLD");
  });
});
