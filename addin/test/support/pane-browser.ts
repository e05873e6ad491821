/**
 * The task pane in headless Chromium against a real server: the add-in built into a fresh
 * folder, served by the API at /addin/, and a browser that reaches nothing but that server.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { call, startTestApi, type TestApi } from "../../../server/test/support/api-harness.ts";
import { buildAddin } from "../../scripts/build.ts";

const CHROMIUM = "/usr/bin/chromium";

export interface PaneBrowser {
  api: TestApi;
  browser: Browser;
  /**
   * A page at /addin/taskpane.html (a new tab of `context`, sharing its localStorage, when
   * given); page errors are collected in `errors`, what the Content-Security-Policy refused in
   * `refused`.
   */
  openPane(options?: {
    officeJs?: string;
    context?: BrowserContext;
  }): Promise<{ page: Page; errors: string[]; refused: string[] }>;
  close(): Promise<void>;
}

export async function startPaneBrowser(): Promise<PaneBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the task pane tests need headless Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium); it is missing`,
    );
  }
  const outDir = mkdtempSync(join(tmpdir(), "ogf-addin-"));
  const api = await startTestApi({ addinDir: outDir });
  await buildAddin({ addinUrl: api.url, officeJsUrl: "office-js/office.js", outDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-quic",
      "--disable-sync",
    ],
  });
  return {
    api,
    browser,
    async openPane({ officeJs, context } = {}) {
      const page = context
        ? await context.newPage()
        : await browser.newPage({ viewport: { width: 1000, height: 900 }, locale: "en-US" });
      const errors: string[] = [];
      const refused: string[] = [];
      page.on("pageerror", (error) => errors.push(`${error.message}\n${error.stack ?? ""}`));
      page.on("console", (message) => {
        const { url, lineNumber } = message.location();
        if (message.text().includes("Content Security Policy"))
          refused.push(`${message.text()} (${url}:${lineNumber})`);
      });
      // Only this server: office.js's telemetry call to Microsoft would only wait for a timeout.
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (officeJs && url === `${api.url}/addin/office-js/office.js`) {
          return route.fulfill({ body: officeJs, contentType: "text/javascript" });
        }
        return url.startsWith(api.url) ? route.continue() : route.abort();
      });
      await page.goto(`${api.url}/addin/taskpane.html`);
      await page.waitForFunction(() => document.documentElement.dataset.officeHost !== undefined);
      return { page, errors, refused };
    },
    async close() {
      await browser.close();
      await api.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Every row of a ledger, as the server lists them. */
export async function serverRows(api: TestApi, key: string, ledgerId: string): Promise<any[]> {
  const rows: any[] = [];
  let cursor = "";
  do {
    const page = await call(api, key, "GET", `/v1/ledgers/${ledgerId}/rows?limit=1000${cursor}`);
    expect(page.status).toBe(200);
    rows.push(...page.json.rows);
    cursor = page.json.next_cursor ? `&cursor=${page.json.next_cursor}` : "";
  } while (cursor);
  return rows;
}

/** Connects the pane with a key and waits until it says who it is. */
export async function connectAs(page: Page, key: string, role: string): Promise<void> {
  await page.click("#tab-connect");
  await page.fill("#api-key", key);
  await page.click("#connect-button");
  await page.waitForFunction(
    (expected) => document.getElementById("who")?.textContent?.endsWith(` · ${expected}`),
    role,
  );
  expect(await page.textContent("#connect-message")).toContain(`as ${role}`);
}

/** The class the results table gives a row of each highlighted server status. */
export const HIGHLIGHT_OF_STATUS: Record<string, string> = {
  needs_review: "highlight-review",
  error: "highlight-error",
};

/**
 * fake-excel-host.ts bundled for the page, in place of office.js. office-addin-mock imports
 * office-addin-manifest (a Node package) only for its OfficeApp names: the bundle gets those.
 */
export async function fakeExcelHost(): Promise<string> {
  const result = await build({
    entryPoints: [join(dirname(fileURLToPath(import.meta.url)), "fake-excel-host.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "warning",
    plugins: [
      {
        name: "office-app-names",
        setup(builder) {
          builder.onResolve({ filter: /^office-addin-manifest$/ }, () => ({
            path: "office-addin-manifest",
            namespace: "office-app-names",
          }));
          builder.onLoad({ filter: /.*/, namespace: "office-app-names" }, () => ({
            contents:
              'export const OfficeApp = { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" };',
            loader: "js",
          }));
        },
      },
    ],
  });
  return result.outputFiles[0]?.text ?? "";
}
