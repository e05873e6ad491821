import { normalizeLabel } from "./words.ts";

/**
 * Full month names, January first, as normalizeLabel spells them, in English, German
 * (with Austrian "Jänner"), French, Dutch, Spanish, Swedish, Norwegian and Danish.
 * Abbreviations ("Jan.", "janv.", "févr.", "Sept", "ene", "okt") are matched as prefixes.
 */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ["january", "januar", "janner", "janvier", "januari", "enero"],
  ["february", "februar", "fevrier", "februari", "febrero"],
  ["march", "marz", "maerz", "mars", "maart", "marzo"],
  ["april", "avril", "abril"],
  ["may", "mai", "mei", "mayo", "maj"],
  ["june", "juni", "juin", "junio"],
  ["july", "juli", "juillet", "julio"],
  ["august", "aout", "augustus", "agosto", "augusti"],
  ["september", "septembre", "septiembre", "setiembre"],
  ["october", "oktober", "octobre", "octubre"],
  ["november", "novembre", "noviembre"],
  ["december", "dezember", "decembre", "diciembre", "desember"],
];

/** Abbreviations that are not prefixes of a full name: German "Mrz", Dutch "mrt". */
const EXTRA_ABBREVIATIONS: Record<string, number> = { mrz: 3, mrt: 3 };

/** Shorter prefixes ("ma", "ju") would fit more than one month. */
const MIN_ABBREVIATION = 3;

/** 1-12 for a month name or abbreviation in any of the languages above, undefined otherwise. */
export function monthNumber(word: string): number | undefined {
  const token = normalizeLabel(word);
  const extra = EXTRA_ABBREVIATIONS[token];
  if (extra) return extra;
  if (token.length < MIN_ABBREVIATION) return undefined;
  const months = new Set<number>();
  MONTH_NAMES.forEach((names, index) => {
    if (names.some((name) => name.startsWith(token))) months.add(index + 1);
  });
  return months.size === 1 ? [...months][0] : undefined;
}
