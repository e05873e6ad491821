/**
 * Connect: the server, an API key and the reporting year, checked against GET /v1/whoami and
 * saved for the pane and the custom functions alike (the key for the session unless the person
 * asks to remember it).
 */
import { ApiClient } from "../shared/api-client.ts";
import {
  forgetKey,
  loadSaved,
  normaliseUrl,
  saveConnection,
  type Connection,
  type ConnectionStores,
} from "../shared/connection.ts";
import { byId, showMessage, whileBusy } from "./dom.ts";
import { errorText } from "./error-text.ts";
import { PaneApi } from "./pane-api.ts";
import type { Session } from "./session.ts";

/** Last calendar year: the year most inventories are being prepared for. */
function defaultYear(now = new Date()): number {
  return now.getFullYear() - 1;
}

export function connectView(
  session: Session,
  stores: ConnectionStores,
  /** Called once connected, so the pane can move on to the next step. */
  onConnected: () => void,
): void {
  const form = byId<HTMLFormElement>("connect-form");
  const url = byId<HTMLInputElement>("server-url");
  const key = byId<HTMLInputElement>("api-key");
  const year = byId<HTMLInputElement>("year");
  const remember = byId<HTMLInputElement>("remember-key");
  const submit = byId<HTMLButtonElement>("connect-button");
  const forget = byId<HTMLButtonElement>("forget-button");
  const message = byId("connect-message");
  const who = byId("who");

  const stored = loadSaved(stores);
  // The pane is served by the server it talks to, so its origin is the likeliest answer.
  url.value = stored?.url ?? location.origin;
  key.value = stored?.key ?? "";
  year.value = String(stored?.year ?? defaultYear());
  remember.checked = stored?.remembered ?? false;

  async function connect(connection: Connection) {
    const api = new PaneApi(new ApiClient(connection));
    try {
      const whoami = await api.whoami();
      saveConnection(stores, connection, remember.checked);
      session.connect({ api, whoami });
      who.textContent = `${whoami.tenant.name} · ${whoami.role}`;
      showMessage(
        message,
        `Connected to ${whoami.tenant.name} as ${whoami.role} (key “${whoami.key.name}”).`,
        "ok",
      );
      onConnected();
    } catch (error) {
      showMessage(message, errorText(error), "error");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosenYear = Number(year.value);
    if (!Number.isInteger(chosenYear)) {
      showMessage(message, "Reporting year: a whole year, such as 2024.", "error");
      return;
    }
    void whileBusy(submit, () =>
      connect({ url: normaliseUrl(url.value), key: key.value.trim(), year: chosenYear }),
    );
  });

  forget.addEventListener("click", () => {
    forgetKey(stores);
    key.value = "";
    remember.checked = false;
    showMessage(message, "The key is forgotten on this computer.", "info");
  });

  // A remembered key is checked at once, so the person lands where they left off.
  if (stored?.key) {
    const { url, key, year } = stored;
    void whileBusy(submit, () => connect({ url, key, year }));
  }
}
