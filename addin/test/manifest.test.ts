/**
 * The built manifest, read as Office reads it (Microsoft's online validator cannot run here):
 * a shared runtime on the task pane page, the OGF namespace, every resource id resolvable, and
 * every URL moved to the origin the build was given, naming a file the build wrote.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OfficeAddinManifest } from "office-addin-manifest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildAddin } from "../scripts/build.ts";
import { manifestPath } from "../scripts/manifest.ts";

// xml2js is what office-addin-manifest parses with; taken from there, not a dependency of ours.
const xml2js = createRequire(createRequire(import.meta.url).resolve("office-addin-manifest"))(
  "xml2js",
);

const ORIGIN = "https://ogf.example.test";
const ADDIN = `${ORIGIN}/addin`;

let dist: string;
let path: string;
let app: any;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "ogf-manifest-"));
  await buildAddin({ addinUrl: ORIGIN, officeJsUrl: "office-js/office.js", outDir: dist });
  path = join(dist, "manifest.xml");
  app = (await xml2js.parseStringPromise(readFileSync(path, "utf8"))).OfficeApp;
});

afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
});

/** Every element under a parsed node, with its tag, depth first. */
function* elements(node: any): Generator<{ tag: string; element: any }> {
  if (typeof node !== "object" || node === null) return;
  for (const [tag, children] of Object.entries(node)) {
    if (tag === "$" || tag === "_" || !Array.isArray(children)) continue;
    for (const element of children) {
      yield { tag, element };
      yield* elements(element);
    }
  }
}

function only(node: any, tag: string): any {
  const found = [...elements(node)].filter((entry) => entry.tag === tag);
  expect(found, tag).toHaveLength(1);
  return found[0]?.element;
}

function attribute(element: any, name: string): string | undefined {
  return element?.$?.[name];
}

/** Resource ids of VersionOverrides (images, URLs, strings) with their values. */
function resources(): Map<string, string> {
  const found = new Map<string, string>();
  for (const { tag, element } of elements(only(app, "Resources"))) {
    if (["bt:Image", "bt:Url", "bt:String"].includes(tag) && attribute(element, "id")) {
      found.set(attribute(element, "id") as string, attribute(element, "DefaultValue") as string);
    }
  }
  return found;
}

function resolve(element: any): string | undefined {
  return resources().get(attribute(element, "resid") as string);
}

function extensionPoint(type: string): any {
  const points = [...elements(app)].filter(
    (entry) => entry.tag === "ExtensionPoint" && attribute(entry.element, "xsi:type") === type,
  );
  expect(points, type).toHaveLength(1);
  return points[0]?.element;
}

describe("the add-in manifest", () => {
  test("an Excel task pane app with a fixed id that may write to the workbook", async () => {
    const info = await OfficeAddinManifest.readManifestFile(path);
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.id).toBe((await OfficeAddinManifest.readManifestFile(manifestPath)).id);
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.defaultSettings?.sourceLocation).toBe(`${ADDIN}/taskpane.html`);
    expect(info.appDomains).toEqual([ORIGIN]);
    expect(info.iconUrl).toBe(`${ADDIN}/assets/icon-32.png`);
    expect(info.highResolutionIconUrl).toBe(`${ADDIN}/assets/icon-64.png`);
  });

  test("requires the shared runtime and custom functions runtime 1.1", () => {
    const sets = [...elements(only(app, "Requirements"))]
      .filter((entry) => entry.tag === "Set")
      .map(
        (entry) => `${attribute(entry.element, "Name")} ${attribute(entry.element, "MinVersion")}`,
      );
    expect(sets.sort()).toEqual(["CustomFunctionsRuntime 1.1", "SharedRuntime 1.1"]);
  });

  test("one long-lived runtime on the task pane page, which also holds the functions", () => {
    const host = only(only(app, "VersionOverrides"), "Host");
    expect(attribute(host, "xsi:type")).toBe("Workbook");
    // Office requires Runtimes first in Host.
    expect(Object.keys(host).filter((tag) => tag !== "$")[0]).toBe("Runtimes");
    const runtime = only(host, "Runtime");
    expect(attribute(runtime, "lifetime")).toBe("long");
    expect(resolve(runtime)).toBe(`${ADDIN}/taskpane.html`);
    expect(attribute(only(host, "FunctionFile"), "resid")).toBe(attribute(runtime, "resid"));

    const functions = extensionPoint("CustomFunctions");
    const source = (tag: string) => resolve(only(only(functions, tag), "SourceLocation"));
    expect(source("Script")).toBe(`${ADDIN}/functions.js`);
    expect(source("Page")).toBe(`${ADDIN}/taskpane.html`);
    expect(source("Metadata")).toBe(`${ADDIN}/functions.json`);
    expect(resolve(only(functions, "Namespace"))).toBe("OGF");
  });

  test("a button on the Home tab shows the task pane", () => {
    const ribbon = extensionPoint("PrimaryCommandSurface");
    expect(attribute(only(ribbon, "OfficeTab"), "id")).toBe("TabHome");
    const action = only(only(ribbon, "Control"), "Action");
    expect(attribute(action, "xsi:type")).toBe("ShowTaskpane");
    expect(resolve(only(action, "SourceLocation"))).toBe(`${ADDIN}/taskpane.html`);
  });

  test("every resource id referenced exists, and every resource is used", () => {
    const referenced = new Set(
      [...elements(app)].map((entry) => attribute(entry.element, "resid")).filter(Boolean),
    );
    const defined = resources();
    expect([...referenced].filter((id) => !defined.has(id as string))).toEqual([]);
    expect([...defined.keys()].filter((id) => !referenced.has(id))).toEqual([]);
  });

  test("every URL is on the configured origin and names a file the build wrote", () => {
    const text = readFileSync(path, "utf8");
    expect(text).not.toMatch(/localhost/i);
    const urls = [...elements(app)].flatMap(({ element }) =>
      [
        ...Object.entries(element?.$ ?? {})
          .filter(([name]) => !name.startsWith("xmlns"))
          .map(([, value]) => value),
        typeof element === "string" ? element : element?._,
      ].filter((value): value is string => /^https?:/.test(String(value))),
    );
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) {
      expect(url === ORIGIN || url.startsWith(`${ADDIN}/`), url).toBe(true);
      if (url !== ORIGIN) expect(existsSync(join(dist, url.slice(ADDIN.length))), url).toBe(true);
    }
    const icons = urls.filter((url) => url.includes("/assets/icon-"));
    expect(new Set(icons)).toEqual(
      new Set([16, 32, 64, 80].map((size) => `${ADDIN}/assets/icon-${size}.png`)),
    );
  });

  test("the task pane page loads the functions: in a shared runtime Office loads only the page", () => {
    const page = readFileSync(join(dist, "taskpane.html"), "utf8");
    expect(page).toMatch(/<script[^>]+src="(\.\/)?functions\.js"/);
  });
});
