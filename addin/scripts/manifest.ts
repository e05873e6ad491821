/** The manifest in manifests/, its URLs moved to where the server is reached from Excel. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The origin written in manifests/manifest.xml: the default for a local, sideloaded add-in. */
export const MANIFEST_ORIGIN = "https://localhost:3000";

export const manifestPath = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "manifests",
  "manifest.xml",
);

export function manifestFor(addinUrl: string): string {
  return readFileSync(manifestPath, "utf8").replaceAll(MANIFEST_ORIGIN, addinUrl);
}
