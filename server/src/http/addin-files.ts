/**
 * The Excel add-in's static files at /addin/ (the output of `npm run build -w addin`), and
 * office.js at /addin/office-js/ from the @microsoft/office-js package, so neither Excel nor a
 * test browser needs Microsoft's CDN. Source maps are built but not served: they would publish
 * the add-in's source.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router, type NextFunction, type Request, type Response } from "express";
import { AppError } from "../app-error.ts";

export interface AddinFiles {
  /** The built add-in (addin/dist). */
  addinDir: string;
  /** The dist/ folder of @microsoft/office-js. */
  officeJsDir: string;
}

/** Where the repository's add-in build and office.js package live. */
export function defaultAddinFiles(): AddinFiles {
  const require = createRequire(import.meta.url);
  const here = dirname(fileURLToPath(import.meta.url));
  return {
    addinDir: join(here, "..", "..", "..", "addin", "dist"),
    officeJsDir: join(dirname(require.resolve("@microsoft/office-js/package.json")), "dist"),
  };
}

// Microsoft's CDN copy of office.js (OGF_OFFICE_JS_URL in addin/scripts/build.ts); office.js
// loads its host scripts and pages from beside itself.
const OFFICE_CDN = "https://appsforoffice.microsoft.com";

/**
 * The pane's pages run only their own scripts and office.js's (no inline code, no eval), and
 * talk only to this server. Inline styles are allowed because office.js sets them on elements
 * it creates. No frame-ancestors and no X-Frame-Options: Excel on the web shows the pane in an
 * iframe from Microsoft domains that vary by tenant and over time (desktop Excel shows it in a
 * webview of its own), so a list would break the add-in for someone; framed elsewhere, the pane
 * has no key unless its user chose to remember one.
 */
const ADDIN_CSP = [
  `default-src 'self' ${OFFICE_CDN}`,
  `style-src 'self' 'unsafe-inline' ${OFFICE_CDN}`,
  `img-src 'self' data: ${OFFICE_CDN}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    "content-security-policy": ADDIN_CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  });
  next();
}

/** As the static middleware reads the path: decoded (`%2Emap`), and on any file system. */
function isSourceMap(path: string): boolean {
  try {
    return /\.map$/i.test(decodeURIComponent(path));
  } catch {
    return false; // a malformed path, which the static middleware refuses too
  }
}

export function addinRouter(files: AddinFiles): Router {
  const router = Router();
  // Office caches aggressively; a short max-age lets a rebuilt add-in reach Excel quickly.
  const options = { maxAge: "5m", fallthrough: true };
  router.use("/addin", securityHeaders, (req, _res, next) => {
    next(
      isSourceMap(req.path) ? new AppError("not_found", `no add-in file ${req.path}`) : undefined,
    );
  });
  router.use("/addin/office-js", express.static(files.officeJsDir, options));
  router.use("/addin", express.static(files.addinDir, options));
  router.use("/addin", (req, _res, next) => {
    const built = existsSync(join(files.addinDir, "taskpane.html"));
    next(
      new AppError(
        "not_found",
        built
          ? `no add-in file ${req.path}`
          : "the add-in is not built: run `npm run build -w addin`",
      ),
    );
  });
  return router;
}
