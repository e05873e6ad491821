/**
 * Text normalisation shared by every rule module: rules are written against lower-case ASCII so
 * one pattern matches `Heizöl`, `Heizoel` and `HEIZOL`, `Électricité` and `electricite`.
 */
import type { TextPattern } from "./text-pattern.ts";

/** Lower case, diacritics stripped, German ß and ligatures spelled out. */
export function normalise(text: string | undefined): string {
  if (!text) return "";
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/œ/g, "oe")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** A pattern with what it stands for and how strongly (1 weak hint, 2 normal, 3 decisive). */
export interface TextRule<T> {
  value: T;
  pattern: TextPattern;
  weight: 1 | 2 | 3;
}

/** Every rule whose pattern occurs in the (normalised) text. */
export function matchAll<T>(rules: readonly TextRule<T>[], text: string): TextRule<T>[] {
  return text ? rules.filter((rule) => rule.pattern.test(text)) : [];
}
