/** Airport pairs written in booking texts: "LH 400 FRA-JFK", "Flug FRA - JFK", "AMS/BCN". */
import { isCurrencyCode } from "../../ledger/currencies.ts";
import { AIRLINE_NAMES, FLIGHT_NUMBER, FLIGHT_WORDS, MAJOR_AIRPORTS, MONTHS } from "./airports.ts";

export interface Route {
  from: string;
  /** The last stop before the trip turns back: DEN for "SFO-DEN-SFO", ORD for "STR-FRA-ORD". */
  to: string;
  /** Every code as written, connections and the way back included. */
  path: string[];
  /** The text says return ("RT", "rtn", "v.v.", "A/R") or the path ends where it started. */
  roundTrip: boolean;
}

/** Codes joined by hyphens, dashes, slashes or arrows; each exactly three capitals. */
const CHAIN = /(?<![\p{L}\d])[A-Z]{3}(?:\s*(?:->|[-–—/→])\s*[A-Z]{3})+(?![\p{L}\d])/gu;
const CODE = /[A-Z]{3}/g;
const RETURN_WORDS =
  /(?<![\p{L}\d])(?:RT|rtn|return|round ?trip|retour|v\.v\.|A\/R|AR|aller-retour|hin und zurück|ida y vuelta|tur och retur)(?![\p{L}\d])/u;

function isAirportLike(code: string): boolean {
  return !MONTHS.has(code) && !isCurrencyCode(code);
}

function destination(path: string[]): string {
  const last = path.length - 1;
  return path[last] === path[0] && last > 1 ? path[last - 1]! : path[last]!;
}

/** The first airport pair in a booking text that reads as a flight; undefined otherwise. */
export function extractRoute(description: string): Route | undefined {
  const flightContext = [FLIGHT_WORDS, FLIGHT_NUMBER, AIRLINE_NAMES].some((words) =>
    words.test(description),
  );
  for (const [chain] of description.matchAll(CHAIN)) {
    const path = chain.match(CODE) ?? [];
    if (!path.every(isAirportLike)) continue;
    if (!flightContext && !path.some((code) => MAJOR_AIRPORTS.has(code))) continue;
    const roundTrip = path[0] === path[path.length - 1] || RETURN_WORDS.test(description);
    return { from: path[0]!, to: destination(path), path, roundTrip };
  }
  return undefined;
}
