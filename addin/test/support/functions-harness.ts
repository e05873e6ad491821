/**
 * The worksheet functions as Excel would run them, against a real server: a FunctionService
 * installed behind functions.ts, a connection read from a stored-settings store the way the
 * task pane saves it, errors as plain objects in place of CustomFunctions.Error, and the real
 * fetch wrapped to count the requests that leave.
 */
import {
  saveConnection,
  loadConnection,
  type ConnectionStores,
  type SettingsStore,
} from "../../src/shared/connection.ts";
import type { CellErrorCode } from "../../src/functions/cell-errors.ts";
import { useService } from "../../src/functions/functions.ts";
import { FunctionService, type ServiceOptions } from "../../src/functions/service.ts";

export class TestCellError {
  constructor(
    readonly code: CellErrorCode,
    readonly message: string,
  ) {}
}

export interface SentRequest {
  method: string;
  path: string;
  /** Rows in a batch request's body (activities or rows). */
  rows: number;
  body: any;
}

export interface FunctionsUnderTest {
  service: FunctionService;
  /** Requests that reached the network, in order. */
  requests: SentRequest[];
  /** Where the connection is stored, as the task pane stores it. */
  stores: ConnectionStores;
  /** While true, fetch fails as it does when the network is down (and nothing is sent). */
  network: { down: boolean };
}

/** The year the tests' connection stores; rows without a year are estimated for it. */
export const CONNECTION_YEAR = 2024;

/** What Excel passes for an omitted optional argument (the TypeScript signatures say undefined). */
export const OMITTED = null as never;

export function memoryStore(): SettingsStore {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * Installs a service connected to `url` with `key` (or to nothing when url is undefined) and
 * returns it with the list of requests it sends.
 */
export function installFunctions(
  url: string | undefined,
  key = "",
  options: Partial<ServiceOptions> = {},
): FunctionsUnderTest {
  const stores = { session: memoryStore(), device: memoryStore() };
  // As the pane saves it by default: the key for the session only.
  if (url !== undefined) saveConnection(stores, { url, key, year: CONNECTION_YEAR }, false);
  const requests: SentRequest[] = [];
  const network = { down: false };
  const service = new FunctionService({
    connection: () => loadConnection(stores),
    errors: (code, message) => new TestCellError(code, message),
    fetch: async (input, init) => {
      if (network.down) throw new TypeError("fetch failed");
      const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
      requests.push({
        method: init?.method ?? "GET",
        path: new URL(String(input)).pathname,
        rows: (body?.activities ?? body?.rows ?? []).length,
        body,
      });
      return globalThis.fetch(input, init);
    },
    ...options,
  });
  useService(service);
  return { service, requests, stores, network };
}

/** The error value a formula's promise rejected with. */
export async function cellErrorOf(formula: Promise<unknown>): Promise<TestCellError> {
  try {
    await formula;
  } catch (error) {
    if (error instanceof TestCellError) return error;
    throw error;
  }
  throw new Error("the formula gave a value, not an error");
}
