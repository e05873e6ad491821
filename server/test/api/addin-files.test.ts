/**
 * The add-in's files as the server sends them: no source maps, and the security headers an
 * Office task pane can live with (framed by Excel on the web, office.js from here or its CDN).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addinRouter, defaultAddinFiles } from "../../src/http/addin-files.ts";
import { problemHandler } from "../../src/http/problem.ts";

let url: string;
let server: Server;
let addinDir: string;

beforeAll(async () => {
  addinDir = mkdtempSync(join(tmpdir(), "ogf-addin-files-"));
  writeFileSync(join(addinDir, "taskpane.html"), "<!doctype html><title>pane</title>");
  writeFileSync(join(addinDir, "taskpane.js"), "//# sourceMappingURL=taskpane.js.map\n");
  writeFileSync(join(addinDir, "taskpane.js.map"), '{"version":3,"sources":["secret.ts"]}');
  const app = express();
  app.use(addinRouter({ ...defaultAddinFiles(), addinDir }));
  app.use(problemHandler((error) => console.error(error)));
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(addinDir, { recursive: true, force: true });
});

/** The policy as directive -> sources. */
function directives(policy: string | null): Map<string, string[]> {
  return new Map(
    (policy ?? "").split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name ?? "", sources];
    }),
  );
}

describe("/addin/", () => {
  it("does not serve source maps, however the path is spelled", async () => {
    expect((await fetch(`${url}/addin/taskpane.js`)).status).toBe(200);
    for (const path of ["taskpane.js.map", "taskpane.js.MAP", "taskpane.js%2Emap"]) {
      const response = await fetch(`${url}/addin/${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain("secret.ts");
    }
  });

  it("sends nosniff, no referrer and a policy for its own and office.js's scripts", async () => {
    for (const path of ["taskpane.html", "office-js/office.js", "nothing.js"]) {
      const response = await fetch(`${url}/addin/${path}`);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("no-referrer");
      const policy = directives(response.headers.get("content-security-policy"));
      expect(policy.get("default-src"), path).toEqual([
        "'self'",
        "https://appsforoffice.microsoft.com",
      ]);
      expect(policy.get("object-src"), path).toEqual(["'none'"]);
      // Scripts fall back to default-src: no inline code, no eval.
      expect(policy.has("script-src"), path).toBe(false);
      // Excel on the web frames the pane: nothing may forbid that.
      expect(policy.has("frame-ancestors"), path).toBe(false);
      expect(response.headers.get("x-frame-options"), path).toBeNull();
    }
  });
});
