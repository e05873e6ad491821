/**
 * The factor library in memory: factors indexed by id and by activity key, with their source.
 */
import type { FactorLibraryData, FactorRecord, SourceRecord } from "./factor.ts";
import { countryOf, WORLD } from "./regions.ts";
import { findUnit, type UnitDef } from "./units.ts";

/** A factor with its unit and source resolved once, at load. */
export interface Factor extends FactorRecord {
  readonly unitDef: UnitDef;
  readonly sourceInfo: SourceRecord;
}

export interface LibraryStats {
  factors: number;
  sources: { source: string; name: string; edition: string; licence: string; count: number }[];
}

export class FactorLibrary {
  readonly factors: readonly Factor[];
  private readonly byId = new Map<string, Factor>();
  private readonly byActivity = new Map<string, Factor[]>();
  private readonly byActivityRegion = new Map<string, Map<string, Factor[]>>();
  private readonly countries = new Set<string>([WORLD]);

  constructor(data: FactorLibraryData) {
    const sources = new Map(data.sources.map((source) => [source.id, source]));
    this.factors = data.factors.map((record) => {
      const unitDef = findUnit(record.unit);
      const sourceInfo = sources.get(record.source);
      if (!unitDef) throw new Error(`factor ${record.id}: unknown unit ${record.unit}`);
      if (!sourceInfo) throw new Error(`factor ${record.id}: unknown source ${record.source}`);
      if (this.byId.has(record.id)) throw new Error(`factor id ${record.id} appears twice`);
      const factor: Factor = { ...record, unitDef, sourceInfo };
      this.byId.set(record.id, factor);
      const list = this.byActivity.get(record.activity);
      if (list) list.push(factor);
      else this.byActivity.set(record.activity, [factor]);
      let regions = this.byActivityRegion.get(record.activity);
      if (!regions) {
        regions = new Map();
        this.byActivityRegion.set(record.activity, regions);
      }
      const inRegion = regions.get(record.region);
      if (inRegion) inRegion.push(factor);
      else regions.set(record.region, [factor]);
      this.countries.add(countryOf(record.region));
      return factor;
    });
  }

  get(id: string): Factor | undefined {
    return this.byId.get(id);
  }

  forActivity(activity: string): readonly Factor[] | undefined {
    return this.byActivity.get(activity);
  }

  forActivityInRegion(activity: string, region: string): readonly Factor[] {
    return this.byActivityRegion.get(activity)?.get(region) ?? [];
  }

  activities(): IterableIterator<string> {
    return this.byActivity.keys();
  }

  /** A region is known when the library has factors for its country (or it is WORLD). */
  knowsCountry(region: string): boolean {
    return this.countries.has(countryOf(region));
  }

  stats(): LibraryStats {
    const counts = new Map<SourceRecord, number>();
    for (const factor of this.factors) {
      counts.set(factor.sourceInfo, (counts.get(factor.sourceInfo) ?? 0) + 1);
    }
    return {
      factors: this.factors.length,
      sources: [...counts].map(([source, count]) => ({
        source: source.id,
        name: source.name,
        edition: source.edition,
        licence: source.licence,
        count,
      })),
    };
  }
}
