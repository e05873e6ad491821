/**
 * What the functions hold for one connection: its API client, the batchers, and the answers
 * already received. The service starts a new session when the server, key or default year
 * changes, so a remembered number never outlives the settings it was computed with.
 */
import { ApiClient, type Fetch } from "../shared/api-client.ts";
import type { Connection } from "../shared/connection.ts";
import {
  isRowError,
  type ActivityRow,
  type EstimateBatchResponse,
  type EstimateResult,
  type FactorHit,
  type FactorSearchResponse,
  type MapBatchResponse,
  type MapResult,
  type MapRow,
  type RowError,
} from "./api-shapes.ts";
import { Batcher } from "./batcher.ts";
import { RowFailure } from "./cell-errors.ts";

export interface SessionOptions {
  fetch?: Fetch;
  windowMs: number;
  maxRows: number;
  timeoutMs: number;
  /** Answers kept; the oldest go first, so a long session on a large workbook stays bounded. */
  maxAnswers: number;
}

/** Candidates a search spills: enough to choose from, few enough to fit beside the formula. */
const SEARCH_LIMIT = 10;

export class Session {
  private readonly client: ApiClient;
  /**
   * Answers by normalised arguments. Identical cells share one promise, also while it is still
   * in flight, so a column of the same formula sends one row.
   */
  private readonly answers = new Map<string, Promise<unknown>>();
  /** One batcher per GWP set: the set is an option of the whole batch request, not of a row. */
  private readonly estimators = new Map<string, Batcher<ActivityRow, EstimateResult | RowError>>();
  private readonly mapper: Batcher<MapRow, MapResult | RowError>;

  constructor(
    readonly connection: Connection,
    private readonly options: SessionOptions,
  ) {
    this.client = new ApiClient(connection, options.fetch);
    this.mapper = new Batcher({
      maxRows: options.maxRows,
      windowMs: options.windowMs,
      send: async (rows) =>
        (
          await this.client.request<MapBatchResponse>("/v1/map/batch", {
            // Rows have no date: the default year picks the factors the suggestion is priced with.
            body: { rows, year: connection.year },
            timeoutMs: options.timeoutMs,
          })
        ).results,
    });
  }

  estimate(row: ActivityRow, gwp: string | undefined): Promise<EstimateResult> {
    const key = ["estimate", gwp, row.activity, row.quantity, row.unit, row.region, row.year];
    return this.remember(key, async () => {
      const { co2e_kg, gases, factor, fallbacks } = settle(await this.estimator(gwp).add(row));
      // Only what cells show is kept: a full Result carries ~1 kB of provenance per cell.
      return {
        co2e_kg,
        gases,
        factor: { id: factor.id, source: factor.source, edition: factor.edition },
        fallbacks,
      };
    });
  }

  map(row: MapRow): Promise<MapResult> {
    const key = ["map", row.description, row.amount, row.currency, row.vendor, row.account];
    return this.remember(key, async () => {
      const { category, activity, factor_id, confidence } = settle(await this.mapper.add(row));
      return { category, activity, factor_id, confidence };
    });
  }

  /** The server has no batch search; a search is one GET, still shared by identical cells. */
  search(text: string, region: string | undefined): Promise<FactorHit[]> {
    const query = new URLSearchParams({ q: text, limit: String(SEARCH_LIMIT) });
    if (region !== undefined) query.set("region", region);
    return this.remember(["search", text, region], async () => {
      const answer = await this.client.request<FactorSearchResponse>(`/v1/factors?${query}`, {
        timeoutMs: this.options.timeoutMs,
      });
      return answer.factors;
    });
  }

  private estimator(gwp: string | undefined): Batcher<ActivityRow, EstimateResult | RowError> {
    const group = gwp ?? "";
    let batcher = this.estimators.get(group);
    if (!batcher) {
      const body = gwp === undefined ? {} : { options: { gwp } };
      batcher = new Batcher({
        maxRows: this.options.maxRows,
        windowMs: this.options.windowMs,
        send: async (activities) =>
          (
            await this.client.request<EstimateBatchResponse>("/v1/estimate/batch", {
              body: { activities, ...body },
              timeoutMs: this.options.timeoutMs,
            })
          ).results,
      });
      this.estimators.set(group, batcher);
    }
    return batcher;
  }

  /**
   * A row the server refused stays remembered: it is the server's answer to those arguments and
   * asking again would give the same. Any other failure (unreachable, timeout, a refused key) is
   * forgotten, so the next recalculation asks again.
   */
  private remember<T>(key: unknown[], ask: () => Promise<T>): Promise<T> {
    const id = JSON.stringify(key);
    const known = this.answers.get(id);
    if (known) return known as Promise<T>;
    const answer = ask();
    this.answers.set(id, answer);
    if (this.answers.size > this.options.maxAnswers) {
      this.answers.delete(this.answers.keys().next().value as string);
    }
    answer.catch((error: unknown) => {
      if (!(error instanceof RowFailure) && this.answers.get(id) === answer) {
        this.answers.delete(id);
      }
    });
    return answer;
  }
}

function settle<T extends object>(outcome: T | RowError): T {
  if (isRowError(outcome)) throw new RowFailure(outcome.error.field, outcome.error.message);
  return outcome;
}
