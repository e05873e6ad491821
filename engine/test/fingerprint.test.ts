import { describe, expect, it } from "vitest";
import { fnv1a64 } from "../src/fingerprint.ts";

describe("fnv1a64", () => {
  // Test vectors published with the FNV reference code (Fowler/Noll/Vo, test_fnv.c, FNV-1a 64).
  it.each([
    ["", "cbf29ce484222325"],
    ["a", "af63dc4c8601ec8c"],
    ["foobar", "85944171f73967e8"],
  ])("hashes %j to %s", (text, hash) => {
    expect(fnv1a64(text)).toBe(hash);
  });

  it("hashes the UTF-8 bytes of non-ASCII text", () => {
    // Same digest as FNV-1a 64 over Buffer.from(text, "utf8"), computed here with BigInt.
    const text = "Gehälter € 😀";
    let h = 0xcbf29ce484222325n;
    for (const byte of Buffer.from(text, "utf8"))
      h = ((h ^ BigInt(byte)) * 0x100000001b3n) % 2n ** 64n;
    expect(fnv1a64(text)).toBe(h.toString(16).padStart(16, "0"));
  });
});
