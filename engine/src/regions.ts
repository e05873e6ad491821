/**
 * Regions: ISO 3166-1 alpha-2 countries, ISO 3166-2 subdivisions and grid subregions written
 * `<country>-<code>` (eGRID: `US-CAMX`), and `WORLD`. Fallback walks subregion -> country -> world.
 */
export const WORLD = "WORLD";

// Common spellings that are not ISO codes.
const ALIASES: Readonly<Record<string, string>> = { UK: "GB", GLOBAL: WORLD, GLO: WORLD, EL: "GR" };

const REGION = /^[A-Z]{2}(-[A-Z0-9]{1,8})?$/;

export function normaliseRegion(region: string): string {
  const upper = region.trim().toUpperCase();
  return ALIASES[upper] ?? upper;
}

export function isWellFormedRegion(region: string): boolean {
  return region === WORLD || REGION.test(region);
}

/** The country of a region (`US-CAMX` -> `US`), or WORLD. */
export function countryOf(region: string): string {
  return region === WORLD ? WORLD : region.slice(0, 2);
}

/** The region itself, then its country, then WORLD. */
export function regionChain(region: string): string[] {
  if (region === WORLD) return [WORLD];
  const country = countryOf(region);
  return country === region ? [region, WORLD] : [region, country, WORLD];
}
