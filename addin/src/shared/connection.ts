/**
 * Where the add-in finds its server, remembered between sessions. The custom functions and the
 * task pane are separate bundles; both read the same stored settings, so the functions follow a
 * change made in the task pane at their next request.
 */

export interface Connection {
  /** The server's origin, e.g. https://ogf.example.com (no trailing slash). */
  url: string;
  /** An API key (ogf_...). */
  key: string;
  /**
   * Factor year used when a formula gives none. Stored, not derived from the clock, so a sheet
   * does not change its numbers on 1 January.
   */
  year: number;
}

/** The subset of the Web Storage API used here; tests pass their own. */
export type SettingsStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const STORAGE_KEY = "offgridflow.connection";

export function normaliseUrl(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

export function loadConnection(store: SettingsStore): Connection | undefined {
  const text = store.getItem(STORAGE_KEY);
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<Connection>;
    if (typeof parsed.url !== "string" || typeof parsed.key !== "string") return undefined;
    if (typeof parsed.year !== "number" || !Number.isInteger(parsed.year)) return undefined;
    return { url: normaliseUrl(parsed.url), key: parsed.key, year: parsed.year };
  } catch {
    return undefined;
  }
}

export function saveConnection(store: SettingsStore, connection: Connection): void {
  store.setItem(
    STORAGE_KEY,
    JSON.stringify({ ...connection, url: normaliseUrl(connection.url) } satisfies Connection),
  );
}

export function forgetConnection(store: SettingsStore): void {
  store.removeItem(STORAGE_KEY);
}
