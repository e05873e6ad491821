/** Letters that Unicode decomposition leaves alone but that people spell out in plain ASCII. */
const SPELLED_OUT: Record<string, string> = { ß: "ss", æ: "ae", ø: "o", œ: "oe", ł: "l", đ: "d" };

/**
 * Lower-case ASCII words separated by single spaces, so that headers and month names compare
 * whatever their accents and punctuation: "Währung" -> "wahrung", "Lieferant/Kunde" ->
 * "lieferant kunde", "gl_account" -> "gl account", "févr." -> "fevr".
 */
export function normalizeLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßæøœłđ]/g, (c) => SPELLED_OUT[c] ?? c)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
