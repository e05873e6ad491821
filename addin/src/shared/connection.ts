/**
 * Where the add-in finds its server. The custom functions run in the task pane's page (a shared
 * runtime), so both read the same stored settings and the functions follow a change made in
 * the pane at their next request.
 *
 * The server and the year are kept on this computer. The API key, which any script of the
 * origin could read from storage, is kept for the session only (until Excel or the browser tab
 * closes) unless the person ticks "Remember on this computer". OfficeRuntime.storage would be
 * no safer: it is persistent and unencrypted, and is meant for runtimes without Web Storage.
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

export interface ConnectionStores {
  /** Until the session ends: sessionStorage. */
  session: SettingsStore;
  /** On this computer until forgotten: localStorage. */
  device: SettingsStore;
}

/** What is stored: the key is missing once its session has ended, unless it was remembered. */
export interface SavedConnection {
  url: string;
  year: number;
  key?: string;
  /** The key is kept on this computer. */
  remembered: boolean;
}

const SETTINGS = "offgridflow.connection";
const SESSION_KEY = "offgridflow.key";

export function browserStores(): ConnectionStores {
  return { session: sessionStorage, device: localStorage };
}

export function normaliseUrl(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

export function loadSaved(stores: ConnectionStores): SavedConnection | undefined {
  const text = stores.device.getItem(SETTINGS);
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<Connection>;
    if (typeof parsed.url !== "string") return undefined;
    if (typeof parsed.year !== "number" || !Number.isInteger(parsed.year)) return undefined;
    const remembered = typeof parsed.key === "string";
    return {
      url: normaliseUrl(parsed.url),
      year: parsed.year,
      key: stores.session.getItem(SESSION_KEY) ?? (remembered ? parsed.key : undefined),
      remembered,
    };
  } catch {
    return undefined;
  }
}

/** The connection to use, when there is a key. */
export function loadConnection(stores: ConnectionStores): Connection | undefined {
  const saved = loadSaved(stores);
  return saved?.key ? { url: saved.url, key: saved.key, year: saved.year } : undefined;
}

export function saveConnection(
  stores: ConnectionStores,
  connection: Connection,
  remember: boolean,
): void {
  const { key, ...settings } = { ...connection, url: normaliseUrl(connection.url) };
  stores.device.setItem(SETTINGS, JSON.stringify(remember ? { ...settings, key } : settings));
  if (remember) stores.session.removeItem(SESSION_KEY);
  else stores.session.setItem(SESSION_KEY, key);
}

/** Forgets the key in both places; the server and year stay. */
export function forgetKey(stores: ConnectionStores): void {
  stores.session.removeItem(SESSION_KEY);
  const saved = loadSaved(stores);
  if (saved) stores.device.setItem(SETTINGS, JSON.stringify({ url: saved.url, year: saved.year }));
}
