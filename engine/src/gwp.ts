/**
 * Global warming potentials (100-year) for AR4, AR5 and AR6, and CO2e from gas masses.
 */
import type { GwpSetId } from "./factor.ts";

export interface GwpData {
  source: { name: string; publisher: string; licence: string; citation: string };
  /** GWP100 per IPCC species (CO2, CH4, N2O, HFC134a, ...). */
  sets: Record<GwpSetId, Record<string, number>>;
  /** AR6 gives fossil and non-fossil CH4 separately (IPCC AR6 WG1 Chapter 7, Table 7.15). */
  ch4: { AR6: { fossil: number; non_fossil: number; citation: string } };
  blends: Record<string, { components: Record<string, number>; citation: string }>;
}

export const GWP_SETS: readonly GwpSetId[] = ["AR4", "AR5", "AR6"];
export const DEFAULT_GWP: GwpSetId = "AR5";

export function isGwpSet(value: unknown): value is GwpSetId {
  return typeof value === "string" && (GWP_SETS as readonly string[]).includes(value);
}

export class GwpTable {
  constructor(private readonly data: GwpData) {}

  /**
   * GWP100 of a species in a set. CH4 under AR6 depends on its origin; with the origin unknown
   * the generic AR6 value (Table 7.SM.7) applies.
   */
  of(species: string, set: GwpSetId, ch4Origin?: "fossil" | "non_fossil"): number | undefined {
    if (species === "CH4" && set === "AR6" && ch4Origin) return this.data.ch4.AR6[ch4Origin];
    return this.data.sets[set][species];
  }

  blend(name: string): Record<string, number> | undefined {
    return this.data.blends[name]?.components;
  }

  get citation(): string {
    return this.data.source.citation;
  }
}
