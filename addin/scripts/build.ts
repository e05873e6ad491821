/**
 * Builds the add-in into addin/dist, the static files the server serves at /addin/:
 * bundles (esbuild), functions.json (custom-functions-metadata, from the JSDoc in
 * src/functions/functions.ts), the pages, icons, and the manifest pointed at the server.
 *
 *   OGF_ADDIN_URL       where the server is reached from Excel (default https://localhost:3000);
 *                       the manifest's URLs are <OGF_ADDIN_URL>/addin/...
 *   OGF_OFFICE_JS_URL   office.js for the pages: the copy the server serves (default) or
 *                       Microsoft's CDN (https://appsforoffice.microsoft.com/lib/1/hosted/office.js,
 *                       required for AppSource listings)
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { manifestFor } from "./manifest.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
/** Where `npm run build -w addin` writes, and the server serves from. */
export const DEFAULT_DIST = join(root, "dist");

/** The office.js the pages load: the server's copy of the npm package's dist/. */
const SERVED_OFFICE_JS = "office-js/office.js";

export interface BuildOptions {
  addinUrl: string;
  officeJsUrl: string;
  /** Tests build into their own temporary folder, so parallel test files never share one. */
  outDir: string;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): BuildOptions {
  return {
    addinUrl: (env.OGF_ADDIN_URL || "https://localhost:3000").replace(/\/+$/, ""),
    officeJsUrl: env.OGF_OFFICE_JS_URL || SERVED_OFFICE_JS,
    outDir: DEFAULT_DIST,
  };
}

/** functions.json from the JSDoc; any error the generator reports fails the build. */
async function writeMetadata(dist: string): Promise<void> {
  const result = await generateCustomFunctionsMetadata(join(src, "functions", "functions.ts"));
  if (result.errors.length > 0) {
    throw new Error(`custom functions metadata:\n  ${result.errors.join("\n  ")}`);
  }
  writeFileSync(join(dist, "functions.json"), result.metadataJson);
}

function copyPage(name: string, options: BuildOptions): void {
  const dist = options.outDir;
  const html = readFileSync(join(src, name), "utf8").replaceAll(
    "%OFFICE_JS_URL%",
    options.officeJsUrl,
  );
  writeFileSync(join(dist, name.split("/").pop() as string), html);
}

export async function buildAddin(options: BuildOptions = optionsFromEnv()): Promise<string> {
  const dist = options.outDir;
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  await build({
    entryPoints: {
      functions: join(src, "functions", "register.ts"),
      taskpane: join(src, "taskpane", "taskpane.ts"),
    },
    outdir: dist,
    bundle: true,
    format: "iife",
    // Excel's webviews: Edge WebView2, Safari on the Mac, current browsers for Excel on the web.
    target: ["es2020"],
    minify: true,
    sourcemap: true,
    logLevel: "warning",
  });
  await writeMetadata(dist);
  copyPage("taskpane/taskpane.html", options);
  cpSync(join(src, "taskpane", "taskpane.css"), join(dist, "taskpane.css"));
  cpSync(join(root, "assets"), join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, "manifest.xml"), manifestFor(options.addinUrl));
  return dist;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = optionsFromEnv();
  const out = await buildAddin(options);
  console.log(`add-in built in ${out} for ${options.addinUrl}/addin/`);
}
