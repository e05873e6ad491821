/**
 * Chart-of-accounts knowledge: which chart an account code belongs to (from the company's
 * country, else the code shape and the account name's language) and what the code's range
 * means. Ranges are matched by code prefix, the longest prefix winning; each names its chart's
 * range. Only the class matters here (fixed asset, personnel, tax, ...): the account *name* is
 * read by the keyword vocabularies like any other text.
 */
import { normalise } from "./text.ts";

export const CHARTS = [
  "us",
  "uk_sage50",
  "de_skr03",
  "de_skr04",
  "fr_pcg",
  "nl",
  "se_bas",
  "no_ns4102",
] as const;
export type Chart = (typeof CHARTS)[number];

export const ACCOUNT_CLASSES = [
  "fixed_asset",
  "financial_asset",
  "balance_sheet",
  "transitory",
  "personnel",
  "depreciation",
  "interest",
  "tax",
  "revenue",
  "purchases",
  "expense",
] as const;
export type AccountClass = (typeof ACCOUNT_CLASSES)[number];

export interface AccountHint {
  chart: Chart;
  klass: AccountClass;
  /** The range as the chart names it, for the reason text. */
  meaning: string;
}

type Range = [prefix: string, klass: AccountClass, meaning: string];

/** US 4-digit (QuickBooks/NetSuite convention): 1 assets, 2 liabilities, 3 equity, 4 revenue, 5 COGS, 6 opex, 7-9 other. */
const US: Range[] = [
  ["1", "balance_sheet", "assets (1000-1999)"],
  ["15", "fixed_asset", "fixed assets (1500-1599)"],
  ["16", "fixed_asset", "fixed assets (1600-1699)"],
  ["2", "balance_sheet", "liabilities (2000-2999)"],
  ["3", "balance_sheet", "equity (3000-3999)"],
  ["4", "revenue", "revenue (4000-4999)"],
  ["5", "purchases", "cost of goods sold (5000-5999)"],
  ["6", "expense", "operating expenses (6000-6999)"],
  ["7", "expense", "other income and expense (7000-7999)"],
  ["8", "expense", "other expenses (8000-8999)"],
];

/** Sage 50 Accounts (UK) default nominal codes. */
const UK_SAGE50: Range[] = [
  [
    "00",
    "fixed_asset",
    "fixed assets (0010-0099: property, plant, office equipment, F&F, motor vehicles)",
  ],
  ["1", "balance_sheet", "current assets (1000-1999: stock, debtors, bank, petty cash)"],
  ["2", "balance_sheet", "liabilities (2000-2999: creditors, VAT, PAYE, loans)"],
  ["3", "balance_sheet", "capital and reserves (3000-3999)"],
  ["4", "revenue", "sales (4000-4999)"],
  ["5", "purchases", "purchases (5000-5999)"],
  ["6", "expense", "direct expenses (6000-6999)"],
  ["70", "personnel", "gross wages and employer costs (7000-7099)"],
  ["7", "expense", "overheads (7100-7999)"],
  ["7900", "interest", "bank interest paid (7900)"],
  ["80", "depreciation", "depreciation (8000-8099)"],
  ["8", "expense", "general expenses (8100-8999)"],
  ["9", "balance_sheet", "suspense and mispostings (9998-9999)"],
];

/** DATEV SKR03 (Prozessgliederungsprinzip). */
const DE_SKR03: Range[] = [
  ["0", "fixed_asset", "Anlagevermögen (0010-0499)"],
  ["05", "financial_asset", "Finanzanlagen (0500-0599)"],
  ["06", "balance_sheet", "Verbindlichkeiten (0600-0799)"],
  ["07", "balance_sheet", "Verbindlichkeiten (0600-0799)"],
  ["08", "balance_sheet", "Kapital (0800-0899)"],
  ["09", "balance_sheet", "Rückstellungen, Rechnungsabgrenzung (0900-0999)"],
  ["1", "balance_sheet", "Finanz- und Privatkonten (1000-1999)"],
  ["159", "transitory", "Durchlaufende Posten (1590)"],
  ["2", "expense", "Abgrenzungskonten (2000-2999)"],
  ["21", "interest", "Zinsen und ähnliche Aufwendungen (2100-2199)"],
  ["22", "tax", "Steuern vom Einkommen und Ertrag (2200-2289)"],
  ["26", "revenue", "Zins- und Beteiligungserträge (2600-2699)"],
  ["27", "revenue", "sonstige Erträge (2700-2799)"],
  ["3", "purchases", "Wareneingang (3000-3999)"],
  ["4", "expense", "betriebliche Aufwendungen (4000-4999)"],
  ["41", "personnel", "Personalkosten (4100-4199)"],
  ["432", "tax", "Gewerbesteuer (4320)"],
  ["451", "tax", "Kfz-Steuer (4510)"],
  ["482", "depreciation", "Abschreibungen (4820-4879)"],
  ["483", "depreciation", "Abschreibungen (4820-4879)"],
  ["484", "depreciation", "Abschreibungen (4820-4879)"],
  ["485", "depreciation", "Abschreibungen (4820-4879)"],
  ["486", "depreciation", "Abschreibungen (4820-4879)"],
  ["8", "revenue", "Erlöse (8000-8999)"],
  ["9", "balance_sheet", "Vortrags- und statistische Konten (9000-9999)"],
];

/** DATEV SKR04 (Abschlussgliederungsprinzip). */
const DE_SKR04: Range[] = [
  ["0", "fixed_asset", "Anlagevermögen (0010-0799)"],
  ["08", "financial_asset", "Finanzanlagen (0800-0999)"],
  ["09", "financial_asset", "Finanzanlagen (0800-0999)"],
  ["1", "balance_sheet", "Umlaufvermögen (1000-1999)"],
  ["137", "transitory", "Durchlaufende Posten (1370)"],
  ["2", "balance_sheet", "Eigenkapital (2000-2999)"],
  ["3", "balance_sheet", "Fremdkapital (3000-3999)"],
  ["4", "revenue", "betriebliche Erträge (4000-4999)"],
  ["5", "purchases", "Material- und Wareneinkauf (5000-5999)"],
  ["6", "expense", "betriebliche Aufwendungen (6000-6999)"],
  ["60", "personnel", "Personalaufwand (6000-6199)"],
  ["61", "personnel", "Personalaufwand (6000-6199)"],
  ["62", "depreciation", "Abschreibungen (6200-6299)"],
  ["7", "expense", "weitere Erträge und Aufwendungen (7000-7999)"],
  ["71", "revenue", "Zinserträge (7100-7199)"],
  ["73", "interest", "Zinsen und ähnliche Aufwendungen (7300-7399)"],
  ["76", "tax", "Steuern vom Einkommen und Ertrag (7600-7699)"],
  ["768", "tax", "Kfz-Steuer (7685)"],
];

/** French Plan comptable général (ANC 2014-03), classes 1-7. */
const FR_PCG: Range[] = [
  ["1", "balance_sheet", "classe 1 capitaux propres et emprunts"],
  ["2", "fixed_asset", "classe 2 immobilisations"],
  ["26", "financial_asset", "26 participations"],
  ["27", "financial_asset", "27 autres immobilisations financières"],
  ["28", "balance_sheet", "28 amortissements des immobilisations"],
  ["29", "balance_sheet", "29 dépréciations des immobilisations"],
  ["3", "balance_sheet", "classe 3 stocks et en-cours"],
  ["4", "balance_sheet", "classe 4 comptes de tiers"],
  ["42", "personnel", "42 personnel et comptes rattachés"],
  ["43", "personnel", "43 sécurité sociale et autres organismes sociaux"],
  ["44", "tax", "44 État et autres collectivités publiques"],
  ["47", "transitory", "47 comptes transitoires ou d'attente"],
  ["5", "balance_sheet", "classe 5 comptes financiers"],
  ["6", "expense", "classe 6 charges"],
  ["60", "purchases", "60 achats"],
  ["63", "tax", "63 impôts, taxes et versements assimilés"],
  ["64", "personnel", "64 charges de personnel"],
  ["66", "interest", "66 charges financières"],
  ["68", "depreciation", "68 dotations aux amortissements"],
  ["69", "tax", "69 impôts sur les bénéfices"],
  ["7", "revenue", "classe 7 produits"],
];

/** Dutch decimal scheme (rubrieken 0-9, Exact/RGS style). */
const NL: Range[] = [
  ["0", "fixed_asset", "rubriek 0 vaste activa (0000-0599)"],
  ["06", "balance_sheet", "rubriek 0 eigen vermogen en langlopende schulden (0600-0999)"],
  ["07", "balance_sheet", "rubriek 0 eigen vermogen en langlopende schulden (0600-0999)"],
  ["08", "balance_sheet", "rubriek 0 eigen vermogen en langlopende schulden (0600-0999)"],
  ["09", "balance_sheet", "rubriek 0 eigen vermogen en langlopende schulden (0600-0999)"],
  ["1", "balance_sheet", "rubriek 1 financiële rekeningen, vorderingen en kortlopende schulden"],
  ["2", "transitory", "rubriek 2 tussenrekeningen"],
  ["3", "balance_sheet", "rubriek 3 voorraden"],
  ["4", "expense", "rubriek 4 kosten"],
  ["40", "personnel", "rubriek 40 personeelskosten (4000-4099)"],
  ["490", "depreciation", "afschrijvingen (4900)"],
  ["7", "purchases", "rubriek 7 kostprijs en inkoop"],
  ["8", "revenue", "rubriek 8 omzet en opbrengsten"],
  ["9", "expense", "rubriek 9 financiële en buitengewone baten en lasten"],
];

/** Swedish BAS-kontoplan. */
const SE_BAS: Range[] = [
  ["1", "balance_sheet", "klass 1 tillgångar"],
  ["10", "fixed_asset", "10 immateriella anläggningstillgångar"],
  ["11", "fixed_asset", "11 byggnader och mark"],
  ["12", "fixed_asset", "12 maskiner och inventarier"],
  ["13", "financial_asset", "13 finansiella anläggningstillgångar"],
  ["2", "balance_sheet", "klass 2 eget kapital och skulder"],
  ["3", "revenue", "klass 3 rörelsens inkomster"],
  ["4", "purchases", "klass 4 material och varor"],
  ["5", "expense", "klass 5 övriga externa kostnader"],
  ["6", "expense", "klass 6 övriga externa kostnader"],
  ["7", "personnel", "klass 7 personal (7000-7699)"],
  ["77", "depreciation", "77 nedskrivningar"],
  ["78", "depreciation", "78 avskrivningar"],
  ["8", "expense", "klass 8 finansiella poster"],
  ["84", "interest", "84 räntekostnader"],
  ["89", "tax", "89 skatter"],
];

/** Norwegian NS 4102. */
const NO_NS4102: Range[] = [
  ["1", "balance_sheet", "klasse 1 eiendeler"],
  ["10", "fixed_asset", "10 immaterielle eiendeler"],
  ["11", "fixed_asset", "11 tomter og bygninger"],
  ["12", "fixed_asset", "12 maskiner, inventar og transportmidler"],
  ["13", "financial_asset", "13 finansielle anleggsmidler"],
  ["2", "balance_sheet", "klasse 2 egenkapital og gjeld"],
  ["3", "revenue", "klasse 3 salgsinntekter"],
  ["4", "purchases", "klasse 4 varekostnad"],
  ["5", "personnel", "klasse 5 lønnskostnader"],
  ["60", "depreciation", "60 avskrivninger"],
  ["6", "expense", "klasse 6 annen driftskostnad"],
  ["7", "expense", "klasse 7 annen driftskostnad"],
  ["8", "expense", "klasse 8 finansposter"],
  ["815", "interest", "8150 rentekostnader"],
  ["83", "tax", "83 skattekostnad"],
];

const RANGES: Record<Chart, Range[]> = {
  us: US,
  uk_sage50: UK_SAGE50,
  de_skr03: DE_SKR03,
  de_skr04: DE_SKR04,
  fr_pcg: FR_PCG,
  nl: NL,
  se_bas: SE_BAS,
  no_ns4102: NO_NS4102,
};

/** Words that betray the account name's language (normalised text). */
const LANGUAGE_HINTS: [language: "de" | "nl" | "fr" | "sv" | "no", pattern: RegExp][] = [
  [
    "de",
    /aufwend|kosten\b|steuer|erloes|\bkfz|\bund\b|verbindlichkeit|abschreib|anlage|betrieb|reise|versicherung|\bheizung|strom|loehne|beitraeg|verpackung|fracht|porto|werkzeug|miete/,
  ],
  [
    "nl",
    /\ben\b|kosten\b|inkoop|verzekering|afschrijving|lonen|te betalen|rekening|brandstof|elektriciteit|huisvesting|opbrengst|heffing|vracht|reiskosten|verpakking|onderhoud/,
  ],
  [
    "fr",
    /\bet\b|\bdes\b|\bde\b|charges|achats|primes|salaires|voyages|entretien|carburant|electricite|location|services|impots|cotisation|fournitures|dotations/,
  ],
  ["sv", /kostnad|foerbrukning|lokal|inkoep|loener|avskrivning|resor|drivmedel|frakter/],
  ["no", /kostnad|drivstoff|reise|loenn|avskrivning|husleie|frakt/],
];

const CHART_BY_COUNTRY: Record<string, Chart> = {
  US: "us",
  CA: "us",
  GB: "uk_sage50",
  IE: "uk_sage50",
  FR: "fr_pcg",
  BE: "fr_pcg",
  LU: "fr_pcg",
  NL: "nl",
  SE: "se_bas",
  NO: "no_ns4102",
};

function germanChart(code: string): Chart {
  // SKR04 books expenses in classes 5-7 and revenue in 4; SKR03 expenses in 4, revenue in 8.
  return /^[567]/.test(code) ? "de_skr04" : "de_skr03";
}

export function detectChart(
  code: string,
  name: string | undefined,
  country?: string,
): Chart | undefined {
  if (!/^\d{3,8}$/.test(code)) return undefined;
  const upper = country?.toUpperCase();
  if (upper === "DE" || upper === "AT") return germanChart(code);
  const byCountry = upper ? CHART_BY_COUNTRY[upper] : undefined;
  if (byCountry) return byCountry;
  if (code.length >= 6) return "fr_pcg";
  const text = normalise(name);
  const language = LANGUAGE_HINTS.find(([, pattern]) => pattern.test(text))?.[0];
  if (language === "de") return germanChart(code);
  if (language === "nl") return "nl";
  if (language === "fr") return "fr_pcg";
  if (language === "sv") return "se_bas";
  if (language === "no") return "no_ns4102";
  // English names: a leading 0 is Sage 50's fixed-asset block; US charts start at 1000.
  return code.startsWith("0") ? "uk_sage50" : "us";
}

/** The class of an account code in its chart, or undefined when the code is not numeric. */
export function classifyAccount(
  code: string | undefined,
  name: string | undefined,
  country?: string,
): AccountHint | undefined {
  const trimmed = code?.trim() ?? "";
  const chart = detectChart(trimmed, name, country);
  if (!chart) return undefined;
  let best: Range | undefined;
  for (const range of RANGES[chart]) {
    if (trimmed.startsWith(range[0]) && (!best || range[0].length > best[0].length)) best = range;
  }
  return best ? { chart, klass: best[1], meaning: best[2] } : undefined;
}
