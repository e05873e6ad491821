/**
 * The property behind the linear-time tests (issue #10): cells made to trip a backtracking
 * pattern (a word or prefix repeated, then a character that fails it), from BASE characters up to
 * LARGEST, must cost at most SLACK times per character what a BASE-character cell of the same
 * make costs, and every regular expression they meet must be proven linear.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { measure, unproven } from "./regex-cost.ts";

/** The shortest cell measured: its cost per character is the yardstick. */
export const BASE = 1_000;
/** 1 MiB, the longest cell. */
export const LARGEST = 2 ** 20;
/**
 * Room for costs that do not grow with the cell. A cost growing with the square of the length
 * would be LARGEST / BASE ≈ 1,049 times the yardstick per character at 1 MiB.
 */
export const SLACK = 2;

/** `unit` repeated to `length` characters, the last of them `suffix`. */
export function cell(unit: string, length: number, suffix: string): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length - suffix.length) + suffix;
}

/** Pieces of ledger text that patterns start on: words, prefixes, digits, signs, spaces. */
const UNITS = [
  ...["abfall", "strom", "a", "Müll", "recharge ", "table ", "service fee ", "ams-bcn "],
  ...["pm ", "van ", "kwh", "12 kg ", "12 x ", "1 000", "1", "0,5", "1.234,", "Nr. ", "€ "],
  ...["EUR ", " ", "\t", "de ", "15 de ", "2024-01-", "Jan ", "-", "(", "R-410A "],
];
const SUFFIXES = ["", "x", "!", "0", " ", "\n", "é"];

/** Asserts the property for `analyse`, on fast-check's cells and on each unit at LARGEST. */
export async function expectLinear(
  analyse: (text: string) => unknown,
  numRuns: number,
): Promise<void> {
  const cost = async (text: string) => {
    const measured = await measure(() => analyse(text));
    expect(await unproven(measured.patterns)).toEqual([]);
    return measured.steps;
  };
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.constantFrom(...UNITS), fc.string({ minLength: 1, maxLength: 6 })),
      fc.constantFrom(...SUFFIXES),
      fc.oneof(fc.constant(LARGEST), fc.integer({ min: BASE, max: LARGEST })),
      async (unit, suffix, length) => {
        const yardstick = (await cost(cell(unit, BASE, suffix))) / BASE;
        expect((await cost(cell(unit, length, suffix))) / length).toBeLessThanOrEqual(
          SLACK * yardstick,
        );
      },
    ),
    { numRuns, examples: UNITS.map((unit) => [unit, "x", LARGEST]) },
  );
}
