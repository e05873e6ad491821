/**
 * The logic behind the OGF.* functions: reads the connection, normalises what Excel passes,
 * asks the session (batched, remembered) and shapes the answer into cells, or into the error
 * value the cell should show.
 */
import { REQUEST_TIMEOUT_MS, type Fetch } from "../shared/api-client.ts";
import type { Connection } from "../shared/connection.ts";
import type { ActivityRow, EstimateResult } from "./api-shapes.ts";
import { cellError, NotConnectedError, type ErrorFactory } from "./cell-errors.ts";
import { Session, type SessionOptions } from "./session.ts";

export type Cell = string | number;

/** An argument as Excel passes it: an omitted optional argument arrives as null. */
type Arg<T> = T | null | undefined;

export interface EstimateArgs {
  activity: Arg<string>;
  quantity: number;
  unit: Arg<string>;
  region?: Arg<string>;
  year?: Arg<number>;
  gwp?: Arg<string>;
}

export type FactorArgs = Omit<EstimateArgs, "quantity" | "gwp">;

export interface MapArgs {
  description: Arg<string>;
  amount?: Arg<number>;
  currency?: Arg<string>;
  vendor?: Arg<string>;
  account?: Arg<string>;
}

export interface ServiceOptions extends Partial<Omit<SessionOptions, "fetch">> {
  /** Read at every call: the task pane may connect, switch servers or disconnect at any time. */
  connection: () => Connection | undefined;
  errors: ErrorFactory;
  fetch?: Fetch;
}

/**
 * 40 ms is below what a user notices after typing a formula and long enough for Excel to hand
 * over a recalculation's calls; 2,500 rows per request make 10,000 distinct cells 4 requests,
 * each well under the server's 10,000-row limit.
 */
const DEFAULTS = {
  windowMs: 40,
  maxRows: 2_500,
  timeoutMs: REQUEST_TIMEOUT_MS,
  maxAnswers: 100_000,
};

export class FunctionService {
  private current: Session | undefined;

  constructor(private readonly options: ServiceOptions) {}

  async co2e(args: EstimateArgs): Promise<number> {
    return (await this.estimate(args)).co2e_kg;
  }

  /** One row: kg CO2e, kg CO2, kg CH4, kg N2O, factor id, source, edition. */
  async gases(args: EstimateArgs): Promise<Cell[][]> {
    const result = await this.estimate(args);
    const gas = (key: string): Cell => result.gases[key] ?? "";
    return [[result.co2e_kg, gas("co2_kg"), gas("ch4_kg"), gas("n2o_kg"), ...provenance(result)]];
  }

  /**
   * One row: factor id, kg CO2e per unit, unit, source, edition, fallbacks. The library states a
   * factor in its own unit (a grid factor per MWh) and often per gas, so its raw value is not
   * what a user asking "per kWh" needs. The engine's estimate of 1 of the asked unit is exactly
   * that figure, with the same conversions, GWP set and fallbacks as OGF.CO2E, which is linear
   * in quantity: CO2E(q) = q × FACTOR. It also rides in the same batch as the CO2E cells.
   */
  async factor(args: FactorArgs): Promise<Cell[][]> {
    const result = await this.estimate({ ...args, quantity: 1 });
    const [id, source, edition] = provenance(result);
    return [
      [id, result.co2e_kg, text(args.unit) ?? "", source, edition, result.fallbacks.join("; ")],
    ];
  }

  /** One row: GHG Protocol category, activity, factor id, confidence. */
  map(args: MapArgs): Promise<Cell[][]> {
    return this.ask(async (session) => {
      const mapped = await session.map({
        description: text(args.description) ?? "",
        amount: args.amount ?? undefined,
        currency: text(args.currency),
        vendor: text(args.vendor),
        account: text(args.account),
      });
      return [[mapped.category, mapped.activity ?? "", mapped.factor_id ?? "", mapped.confidence]];
    });
  }

  /** A row per candidate: factor id, name, unit, kg CO2e per unit (if stated), source, edition. */
  search(query: Arg<string>, region?: Arg<string>): Promise<Cell[][]> {
    return this.ask(async (session) => {
      const words = text(query) ?? "";
      const factors = await session.search(words, text(region));
      // An empty array cannot spill; Excel would show #CALC! with no reason.
      if (factors.length === 0) throw new Error(`no factor matches "${words}"`);
      return factors.map((factor) => [
        factor.id,
        factor.name,
        factor.unit,
        factor.values.co2e_kg ?? "",
        factor.source,
        factor.edition,
      ]);
    });
  }

  private estimate(args: EstimateArgs): Promise<EstimateResult> {
    return this.ask((session) => {
      const row: ActivityRow = {
        activity: text(args.activity) ?? "",
        quantity: args.quantity,
        unit: text(args.unit),
        region: text(args.region),
        // The engine needs a year; the connection's is stored so sheets keep their numbers from
        // one year to the next. 0 counts as none: an empty cell may reach a number argument as 0.
        year: args.year || session.connection.year,
      };
      return session.estimate(row, text(args.gwp)?.toUpperCase());
    });
  }

  /** Runs a question in the current session; any failure becomes the cell's error value. */
  private async ask<T>(question: (session: Session) => Promise<T>): Promise<T> {
    try {
      return await question(this.session());
    } catch (error) {
      throw cellError(error, this.options.errors);
    }
  }

  private session(): Session {
    const connection = this.options.connection();
    if (!connection) throw new NotConnectedError();
    const current = this.current;
    // Same server, key and default year: the answers remembered so far still apply.
    if (
      current &&
      current.connection.url === connection.url &&
      current.connection.key === connection.key &&
      current.connection.year === connection.year
    ) {
      return current;
    }
    const { options } = this;
    this.current = new Session(connection, {
      fetch: options.fetch,
      windowMs: options.windowMs ?? DEFAULTS.windowMs,
      maxRows: options.maxRows ?? DEFAULTS.maxRows,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxAnswers: options.maxAnswers ?? DEFAULTS.maxAnswers,
    });
    return this.current;
  }
}

function provenance(result: EstimateResult): [string, string, string] {
  return [result.factor.id, result.factor.source, result.factor.edition];
}

/** Trimmed text, or undefined for an omitted argument or an empty cell. */
function text(value: Arg<string>): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = String(value).trim();
  return trimmed === "" ? undefined : trimmed;
}
