/**
 * What a piece of work costs in regular-expression terms, counted rather than timed (issue #10):
 * `measure` counts the characters the work hands to regular expressions, and `unproven` asks a
 * ReDoS checker whether each expression it used reads a text in time proportional to the text.
 * Together they bound the work's pattern matching by a multiple of the characters counted.
 * recheck runs its native build where there is one (as here, offline); elsewhere its Java or
 * pure JavaScript build, slower, so that more patterns fall back to the lint analysis.
 */
import { RegExpParser, visitRegExpAST, type AST } from "@eslint-community/regexpp";
import { Linter } from "eslint";
import regexp from "eslint-plugin-regexp";
import { check } from "recheck";

export interface Pattern {
  source: string;
  flags: string;
}

export interface Measured {
  /** Characters the expressions could read, plus one per call. */
  steps: number;
  /** The work's own expressions (server and engine code), by `/source/flags`. */
  patterns: Map<string, Pattern>;
}

/** Source folders whose expressions are counted: not the test runner's or a library's. */
const OURS = /\/(?:server|engine)\/src\//;

/**
 * Counts while `work` runs. String methods (`match`, `replace`, `test`, `matchAll`, `search`)
 * reach `RegExp.prototype.exec` (ECMAScript RegExpExec), which is wrapped: a call starting at
 * `start` (`lastIndex` for `g` and `y`, else 0) may read to the end of its match, or of the text
 * when it fails; `split` reads its text once and is counted so, not per position it tries.
 */
export async function measure(work: () => unknown): Promise<Measured> {
  const exec = RegExp.prototype.exec;
  const split = String.prototype.split;
  const splitBy = split as (this: string, separator: string | RegExp, limit?: number) => string[];
  const traceLimit = Error.stackTraceLimit;
  const seen = new Map<string, boolean>();
  const measured: Measured = { steps: 0, patterns: new Map() };
  let splitting = false;
  const count = (regex: RegExp, steps: number) => {
    const key = `/${regex.source}/${regex.flags}`;
    let ours = seen.get(key);
    if (ours === undefined) {
      // The original `exec`: this test would come back here.
      ours = exec.call(OURS, new Error().stack ?? "") !== null;
      seen.set(key, ours);
      if (ours) measured.patterns.set(key, { source: regex.source, flags: regex.flags });
    }
    if (ours) measured.steps += steps + 1;
  };
  RegExp.prototype.exec = function (this: RegExp, text: string) {
    const start = this.global || this.sticky ? this.lastIndex : 0;
    const match = exec.call(this, text);
    if (!splitting)
      count(this, match ? match.index + match[0].length - start : text.length - start);
    return match;
  };
  String.prototype.split = function (this: string, separator: string | RegExp, limit?: number) {
    if (!(separator instanceof RegExp) || splitting) return splitBy.call(this, separator, limit);
    count(separator, this.length);
    splitting = true;
    try {
      return splitBy.call(this, separator, limit);
    } finally {
      splitting = false;
    }
  } as typeof String.prototype.split;
  Error.stackTraceLimit = 50;
  try {
    await work();
  } finally {
    RegExp.prototype.exec = exec;
    String.prototype.split = split;
    Error.stackTraceLimit = traceLimit;
  }
  return measured;
}

/** The most characters `node` can match; Infinity when unbounded. */
function longest(node: AST.Node): number {
  switch (node.type) {
    case "Character":
    case "CharacterSet":
    case "CharacterClass":
    case "ExpressionCharacterClass":
      return 1;
    case "Backreference":
      return Infinity;
    case "Quantifier":
      return node.max === 0 ? 0 : node.max * longest(node.element);
    case "Alternative":
      return node.elements.reduce((sum, element) => sum + longest(element), 0);
    case "Assertion":
      if (node.kind !== "lookahead" && node.kind !== "lookbehind") return 0;
      return Math.max(...node.alternatives.map(longest));
    case "Group":
    case "CapturingGroup":
    case "Pattern":
      return Math.max(...node.alternatives.map(longest));
    default:
      return Infinity;
  }
}

/**
 * The pattern as recheck's automaton checker can read it: look-arounds left out, a
 * back-reference read as the pattern of its group. Every way the engine can try the original on
 * a text is then a way of trying this one, which the checker bounds; a look-around left out adds
 * at most its own length to a try, so each must have a longest match (else this throws).
 */
export function relaxed({ source, flags }: Pattern): string {
  const literal = `/${source}/${flags}`;
  const ast = new RegExpParser({ ecmaVersion: 2025 }).parseLiteral(literal);
  const edits: { start: number; end: number; text: string }[] = [];
  visitRegExpAST(ast, {
    onAssertionEnter(node) {
      if (node.kind !== "lookahead" && node.kind !== "lookbehind") return;
      if (longest(node) === Infinity)
        throw new Error(`${literal}: ${node.raw} has no longest match`);
      edits.push({ start: node.start, end: node.end, text: "" });
    },
    onBackreferenceEnter(node) {
      const groups = Array.isArray(node.resolved) ? node.resolved : [node.resolved];
      const text = groups.flatMap((group) => group.alternatives.map((a) => a.raw)).join("|");
      edits.push({ start: node.start, end: node.end, text: `(?:${text})` });
    },
  });
  let result = "";
  let at = ast.pattern.start;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    if (edit.start < at) continue; // inside a look-around already left out
    result += literal.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return result + literal.slice(at, ast.pattern.end);
}

/** Long enough for the checker to settle all but the largest alternations of ours. */
const RECHECK_MS = 10_000;

const linter = new Linter({ configType: "flat" });
const LINT: Linter.Config[] = [
  {
    plugins: { regexp },
    rules: {
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-super-linear-move": ["error", { ignorePartial: false, ignoreSticky: false }],
    },
  },
];

/** What eslint-plugin-regexp's analysis finds wrong with `pattern` (it reads look-arounds). */
function lintProblems({ source, flags }: Pattern): string[] {
  return linter.verify(`/${source}/${flags};`, LINT).map((problem) => problem.message);
}

/**
 * Why `pattern` is not shown to take linear time, or undefined when it is: by recheck's
 * automaton checker on the relaxed pattern, else (a look-around without a longest match, or a
 * pattern too large to settle in RECHECK_MS) by eslint-plugin-regexp's analysis of the original.
 */
async function verdict(key: string, pattern: Pattern): Promise<string | undefined> {
  let source: string | undefined;
  try {
    source = relaxed(pattern);
  } catch {
    source = undefined;
  }
  if (source !== undefined) {
    const diagnosis = await check(source, pattern.flags, {
      checker: "automaton",
      timeout: RECHECK_MS,
    });
    if (diagnosis.status === "safe") return undefined;
    if (diagnosis.status === "vulnerable")
      return `${key}: recheck finds ${diagnosis.complexity.summary} time (${diagnosis.attack.pattern})`;
  }
  const problems = lintProblems(pattern);
  return problems.length > 0 ? `${key}: ${problems.join("; ")}` : undefined;
}

const verdicts = new Map<string, string | undefined>();

/**
 * The patterns not shown to take time linear in the text, with why. One at a time: checks run
 * side by side slow each other past RECHECK_MS.
 */
export async function unproven(patterns: Map<string, Pattern>): Promise<string[]> {
  const found: string[] = [];
  for (const [key, pattern] of patterns) {
    if (!verdicts.has(key)) verdicts.set(key, await verdict(key, pattern));
    const why = verdicts.get(key);
    if (why !== undefined) found.push(why);
  }
  return found;
}
