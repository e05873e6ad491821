/**
 * What makes three upper-case letters next to each other an airport pair rather than an
 * abbreviation: a flight word in the text, or a code of one of the world's busiest airports.
 */

/**
 * IATA codes of the busiest passenger airports (ACI world and regional rankings, roughly the top
 * 80) plus the hubs business travel from Europe and the US runs through. Only used to accept a
 * pair without a flight word; distances need coordinates, which come later.
 */
export const MAJOR_AIRPORTS: ReadonlySet<string> = new Set(
  // North America
  ["ATL", "DFW", "DEN", "ORD", "LAX", "JFK", "LAS", "MCO", "MIA", "CLT", "SEA", "PHX", "EWR"]
    .concat(["SFO", "IAH", "BOS", "FLL", "MSP", "LGA", "DTW", "PHL", "SLC", "DCA", "SAN", "BWI"])
    .concat(["TPA", "AUS", "IAD", "BNA", "MDW", "HNL", "YYZ", "YVR", "YUL", "MEX", "CUN"])
    // Europe
    .concat(["LHR", "CDG", "AMS", "FRA", "IST", "MAD", "BCN", "MUC", "FCO", "LGW", "DUB", "ZRH"])
    .concat(["CPH", "OSL", "ARN", "VIE", "BRU", "LIS", "HEL", "ORY", "DUS", "MXP", "MAN", "ATH"])
    .concat(["PMI", "BER", "HAM", "STN", "WAW", "PRG", "GVA", "EDI", "AGP", "NCE"])
    // Middle East, Asia, Oceania, Latin America, Africa
    .concat(["DXB", "DOH", "AUH", "HND", "NRT", "ICN", "PEK", "PKX", "PVG", "CAN", "HKG", "SIN"])
    .concat(["BKK", "KUL", "DEL", "BOM", "TPE", "SYD", "MEL", "GRU", "BOG", "JNB", "CAI"]),
);

/** Booking-text words that only travel by air uses, in the companies' languages. */
export const FLIGHT_WORDS =
  /(?<![\p{L}\d])(?:flights?|flug|flüge|vol|vols|vlucht|vluchten|vuelos?|flyg|flygresa|airfare|airline|e-?ticket|e-?tkt|pnr|conf|cxl|pax|boarding|airport|flughafen|aéroport|luchthaven|luftfracht|air ?freight|awb)(?![\p{L}\d])/iu;

/** IATA and ICAO airline designators with a flight number: "LH 400", "UA 1543", "EZY2341". */
export const FLIGHT_NUMBER =
  /(?<![\p{L}\d])(?:LH|BA|AF|KL|UA|AS|DL|AA|LX|OS|SN|SK|AY|IB|VY|FR|U2|EW|TK|EK|QR|EI|AC|WN|B6|DLH|BAW|AFR|KLM|UAL|DAL|SWR|EZY|RYR|EWG)\s?\d{1,4}(?![\p{L}\d])/u;

/** Airline names as booking texts write them (not "SAS", which is a French company form). */
export const AIRLINE_NAMES =
  /(?<![\p{L}\d])(?:lufthansa|british airways|air france|klm|united airlines|alaska airlines|delta air lines|easyjet|ryanair|eurowings|iberia|vueling|transavia|emirates|qatar airways|turkish airlines)(?![\p{L}\d])/iu;

/** Three upper-case letters that are months, not airports ("JAN-FEB"). */
export const MONTHS: ReadonlySet<string> = new Set([
  "JAN",
  "FEB",
  "MAR",
  "APR",
  "MAY",
  "JUN",
  "JUL",
  "AUG",
  "SEP",
  "OCT",
  "NOV",
  "DEC",
]);
