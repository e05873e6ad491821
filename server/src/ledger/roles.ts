import { cellText, isBlankCell, type CellValue } from "./cells.ts";
import { currencyCode } from "./currencies.ts";
import { parseDate } from "./dates.ts";
import { LedgerFileError } from "./errors.ts";
import { parseNumber } from "./numbers.ts";
import { ENTITY_HEADERS, ROLE_WORDS, UNIT_WORDS, type RoleWords } from "./role-words.ts";
import { COLUMN_ROLES, type ColumnRole, type RoleMap } from "./schema.ts";
import { normalizeLabel } from "./words.ts";

/** How strongly a header names a role; the strongest claims are served first. */
const SCORE = { exact: 5, contained: 4, suffix: 3, weakExact: 2, weakContained: 1 } as const;
/** Not-words this long also veto as the start or end of a compound word. */
const COMPOUND_VETO_LENGTH = 4;
/** Share of a column's filled cells that must fit a role for content alone to give it. */
const CONTENT_SHARE = 0.8;
/** Account codes are short digit strings in every chart of accounts we meet. */
const ACCOUNT_CODE = /^\d{2,10}$/;
/** A text column whose values average fewer characters is a code column, not a description. */
const MIN_DESCRIPTION_LENGTH = 8;
/** Rows looked at for content inference: enough for shares, bounded time. */
const PROFILE_ROWS = 500;

function hasWords(header: string, phrase: string): boolean {
  return ` ${header} `.includes(` ${phrase} `);
}

function vetoed(header: string, words: RoleWords): boolean {
  const tokens = header.split(" ");
  return (words.not ?? []).some(
    (veto) =>
      tokens.includes(veto) ||
      (veto.length >= COMPOUND_VETO_LENGTH &&
        tokens.some((t) => t.startsWith(veto) || t.endsWith(veto))),
  );
}

function headerScore(header: string, words: RoleWords): number {
  if (header === "" || vetoed(header, words)) return 0;
  if (words.names.includes(header)) return SCORE.exact;
  if (words.names.some((name) => hasWords(header, name))) return SCORE.contained;
  const tokens = header.split(" ");
  if ((words.suffixes ?? []).some((suffix) => tokens.some((t) => t.endsWith(suffix))))
    return SCORE.suffix;
  if ((words.weak ?? []).includes(header)) return SCORE.weakExact;
  if ((words.weak ?? []).some((name) => hasWords(header, name))) return SCORE.weakContained;
  return 0;
}

/** Roles from header text: each column and each role taken at most once, strongest claim first. */
function rolesFromHeaders(
  columns: readonly string[],
  free: ReadonlySet<number>,
  roles: RoleMap,
): void {
  const claims: { role: ColumnRole; column: number; score: number }[] = [];
  columns.forEach((text, column) => {
    if (!free.has(column)) return;
    const header = normalizeLabel(text);
    for (const role of COLUMN_ROLES) {
      const score = headerScore(header, ROLE_WORDS[role]);
      if (score > 0) claims.push({ role, column, score });
    }
  });
  // Stable sort: of equal claims the leftmost column wins.
  claims.sort((a, b) => b.score - a.score);
  const taken = new Set<number>();
  for (const { role, column } of claims) {
    if (roles[role] !== undefined || taken.has(column)) continue;
    roles[role] = column;
    taken.add(column);
  }
}

interface ColumnProfile {
  filled: number;
  dates: number;
  currencies: number;
  numbers: number;
  withDecimals: number;
  codes: number;
  units: number;
  textLength: number;
}

function profileOf(rows: readonly CellValue[][], column: number): ColumnProfile {
  const profile: ColumnProfile = {
    filled: 0,
    dates: 0,
    currencies: 0,
    numbers: 0,
    withDecimals: 0,
    codes: 0,
    units: 0,
    textLength: 0,
  };
  for (const row of rows) {
    const cell = row[column];
    if (isBlankCell(cell)) continue;
    profile.filled++;
    if (cell instanceof Date) {
      profile.dates++;
      continue;
    }
    if (typeof cell === "number") {
      profile.numbers++;
      if (!Number.isInteger(cell)) profile.withDecimals++;
      else if (ACCOUNT_CODE.test(String(cell))) profile.codes++;
      continue;
    }
    const text = cellText(cell).trim();
    profile.textLength += text.length;
    // Plain digit strings are numbers or codes here, not Excel serials or YYYYMMDD dates.
    if (!/^\d+$/.test(text) && (parseDate(text, "dmy").ok || parseDate(text, "mdy").ok))
      profile.dates++;
    if (currencyCode(text)) profile.currencies++;
    if (UNIT_WORDS.has(normalizeLabel(text))) profile.units++;
    if (ACCOUNT_CODE.test(text)) profile.codes++;
    const number = parseNumber(text, "plain");
    if (number.ok) {
      profile.numbers++;
      if (number.decimals > 0) profile.withDecimals++;
    }
  }
  return profile;
}

/** The free column with the highest non-zero `measure` share (at least `min`), leftmost on ties. */
function bestColumn(
  profiles: ReadonlyMap<number, ColumnProfile>,
  measure: (p: ColumnProfile) => number,
  min: number,
): number | undefined {
  let best: { column: number; share: number } | undefined;
  for (const [column, profile] of profiles) {
    const share = profile.filled ? measure(profile) / profile.filled : 0;
    if (share > 0 && share >= min && (!best || share > best.share)) best = { column, share };
  }
  return best?.column;
}

/**
 * Roles from cell contents, for roles the headers left open: a column of dates, of ISO currency
 * codes, of units (with the numeric column left of it as the quantity), the numeric column with
 * most decimals as the amount, a column of short digit codes as the account, the longest text
 * as the description.
 */
function rolesFromContent(rows: readonly CellValue[][], free: Set<number>, roles: RoleMap): void {
  const profiles = new Map<number, ColumnProfile>();
  for (const column of free) profiles.set(column, profileOf(rows, column));
  const assign = (role: ColumnRole, column: number | undefined): void => {
    if (roles[role] !== undefined || column === undefined || !profiles.has(column)) return;
    roles[role] = column;
    profiles.delete(column);
  };
  assign(
    "date",
    bestColumn(profiles, (p) => p.dates, CONTENT_SHARE),
  );
  assign(
    "currency",
    bestColumn(profiles, (p) => p.currencies, CONTENT_SHARE),
  );
  const numeric = new Map([...profiles].filter(([, p]) => p.numbers >= p.filled * CONTENT_SHARE));
  assign(
    "amount",
    bestColumn(numeric, (p) => p.withDecimals, Number.MIN_VALUE),
  );
  assign(
    "unit",
    bestColumn(profiles, (p) => p.units, CONTENT_SHARE),
  );
  const unit = roles.unit;
  if (unit !== undefined && numeric.has(unit - 1)) assign("quantity", unit - 1);
  assign(
    "account_code",
    bestColumn(profiles, (p) => p.codes, CONTENT_SHARE),
  );
  let description: { column: number; length: number } | undefined;
  for (const [column, p] of profiles) {
    const length = p.filled ? p.textLength / p.filled : 0;
    if (
      p.numbers < p.filled / 2 &&
      length >= MIN_DESCRIPTION_LENGTH &&
      length > (description?.length ?? 0)
    ) {
      description = { column, length };
    }
  }
  assign("description", description?.column);
}

/** The column naming the company or legal entity of each line, in files holding several. */
export function entityColumn(columns: readonly string[]): number | undefined {
  const index = columns.findIndex((text) => ENTITY_HEADERS.includes(normalizeLabel(text)));
  return index < 0 ? undefined : index;
}

function resolveOverride(
  role: ColumnRole,
  target: string | number,
  columns: readonly string[],
): number {
  if (typeof target === "number") {
    if (target < columns.length) return target;
    throw new LedgerFileError(
      "unknown_column",
      `Role "${role}" is set to column index ${target}, but the file has ${columns.length} columns (0-${columns.length - 1}).`,
    );
  }
  const wanted = target.trim().toLowerCase();
  const index = columns.findIndex((text) => text.trim().toLowerCase() === wanted);
  if (index >= 0) return index;
  throw new LedgerFileError(
    "unknown_column",
    `Role "${role}" is set to column "${target}", which the file does not have; its columns are: ${columns.map((c) => `"${c}"`).join(", ")}.`,
  );
}

/**
 * Role of each column: the caller's overrides (by header text or 0-based index) first, then
 * header text, then cell contents for what is still open. A column serves one role, except
 * where the caller maps two roles to it; the entity column serves none unless the caller says so.
 */
export function assignRoles(
  columns: readonly string[],
  sampleRows: readonly CellValue[][],
  overrides: Partial<Record<ColumnRole, string | number>> = {},
): RoleMap {
  const roles: RoleMap = {};
  for (const role of COLUMN_ROLES) {
    const target = overrides[role];
    if (target !== undefined) roles[role] = resolveOverride(role, target, columns);
  }
  const reserved = new Set(Object.values(roles));
  const entity = entityColumn(columns);
  if (entity !== undefined) reserved.add(entity);
  const free = new Set([...columns.keys()].filter((column) => !reserved.has(column)));
  rolesFromHeaders(columns, free, roles);
  for (const column of Object.values(roles)) free.delete(column);
  rolesFromContent(sampleRows.slice(0, PROFILE_ROWS), free, roles);
  return roles;
}
