import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The public tables the builders read; beside the repository on developers' machines and in CI. */
export const SHARED_FACTORS = resolve(REPO_ROOT, "../shared/factors");

/** Builder tests skip on a clone without ../shared: the committed data needs no rebuild there. */
export const NO_SHARED_TABLES = !existsSync(SHARED_FACTORS);
