/**
 * The Excel add-in's static files at /addin/ (the output of `npm run build -w addin`), and
 * office.js at /addin/office-js/ from the @microsoft/office-js package, so neither Excel nor a
 * test browser needs Microsoft's CDN.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";
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

export function addinRouter(files: AddinFiles): Router {
  const router = Router();
  // Office caches aggressively; a short max-age lets a rebuilt add-in reach Excel quickly.
  const options = { maxAge: "5m", fallthrough: true };
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
