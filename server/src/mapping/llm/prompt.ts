/**
 * Prompts live as Markdown in prompts/<name>/<version>.md at the repository root, where they can
 * be read and reviewed like code. Every model decision records the prompt's id and the SHA-256 of
 * its file, so a published version is never edited: a change is a new version.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** The version of the map-row prompt the `llm` stage sends. */
export const MAP_ROW_PROMPT = { name: "map-row", version: "v1" } as const;

const PROMPTS_DIR = new URL("../../../../prompts/", import.meta.url);

export interface Prompt {
  /** `name@version`, as recorded with each decision. */
  id: string;
  /** The whole file, including the notes for people above the sections. */
  text: string;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  /** The `## System` section: the system message. */
  system: string;
  /** The `## User` section: the user message, with `{{placeholders}}`. */
  user: string;
}

/** Reads a prompt once, at start-up, so a missing or malformed file stops the process early. */
export function loadPrompt(name: string, version: string): Prompt {
  const id = `${name}@${version}`;
  const bytes = readFileSync(new URL(`${name}/${version}.md`, PROMPTS_DIR));
  const text = bytes.toString("utf8");
  const sections = /^## System[ \t]*\r?\n([\s\S]*?)^## User[ \t]*\r?\n([\s\S]*)/m.exec(text);
  if (!sections) throw new Error(`prompt ${id}: needs a "## System" and then a "## User" section`);
  return {
    id,
    text,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    system: sections[1]!.trim(),
    user: sections[2]!.trim(),
  };
}

/**
 * Replaces each `{{name}}` in one pass, so text from a ledger that happens to contain braces is
 * never expanded; a placeholder without a value is a bug, not an empty string.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {{${name}}}`);
    return value;
  });
}
