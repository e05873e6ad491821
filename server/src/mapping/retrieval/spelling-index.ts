/**
 * Finds the vocabulary's spellings in a text in one pass over its words, so the time grows with
 * the text, not with the text times its longest word: a regular expression such as `[a-z]*strom\b`
 * restarts at every letter of a long word. The reading is the one `\bstrom[a-z]*`,
 * `[a-z]*strom\b`, `\bstrom\b` and `\bgaz naturel\b` would give: words are runs of `\w`
 * (`[A-Za-z0-9_]`), a star stands for lower-case letters `[a-z]`, and each key gets the leftmost
 * match, the earlier spelling on a tie.
 */

/** A key's first match: the text it matched. */
export interface SpellingMatch {
  key: string;
  word: string;
}

interface Spelling {
  key: number;
  /** Position among its key's spellings: the earlier wins a tie. */
  order: number;
  core: string;
  /** `strom*`: the core starts a word and letters may follow. */
  prefix: boolean;
}

interface Found {
  start: number;
  order: number;
  word: string;
}

const A = 97;
const Z = 122;

function isLower(code: number): boolean {
  return code >= A && code <= Z;
}

function isWordChar(code: number): boolean {
  return isLower(code) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** End of the run of lower-case letters starting at `from`. */
function lettersEnd(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && isLower(text.charCodeAt(at))) at++;
  return at;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class SpellingIndex {
  private readonly keys: string[] = [];
  /** `strom`, `strom*`: single-word cores by the core. */
  private readonly words = new Map<string, Spelling[]>();
  private readonly prefixes = new Map<string, Spelling[]>();
  /** `*strom` by the core. */
  private readonly suffixes = new Map<string, Spelling[]>();
  /** `gaz naturel`, `km-geld`: cores with a space or mark, by their first word. */
  private readonly phrases = new Map<string, Spelling[]>();
  private readonly prefixLengths: number[];
  private readonly suffixLengths: number[];

  /** `entries`: key → spellings, in the order ties are settled. */
  constructor(entries: readonly (readonly [key: string, spellings: readonly string[]])[]) {
    for (const [key, spellings] of entries) {
      const index = this.keys.push(key) - 1;
      spellings.forEach((spelling, order) => this.add(index, order, spelling));
    }
    const lengths = (map: Map<string, unknown>) =>
      [...new Set([...map.keys()].map((core) => core.length))].sort((a, b) => a - b);
    this.prefixLengths = lengths(this.prefixes);
    this.suffixLengths = lengths(this.suffixes);
  }

  private add(key: number, order: number, spelling: string): void {
    const prefix = spelling.endsWith("*");
    const suffix = spelling.startsWith("*");
    const core = spelling.slice(suffix ? 1 : 0, prefix ? -1 : undefined);
    if (!/^[a-z](?:[a-z' -]*[a-z])?$/.test(core) || (suffix && (prefix || !/^[a-z]+$/.test(core))))
      throw new Error(`spelling "${spelling}" is not lower-case words, or a starred word`);
    const entry = { key, order, core, prefix };
    const firstWord = /^[a-z]+/.exec(core)?.[0] as string;
    if (firstWord !== core) push(this.phrases, firstWord, entry);
    else if (suffix) push(this.suffixes, core, entry);
    else push(prefix ? this.prefixes : this.words, core, entry);
  }

  /** Each key found in `text`, in key order, with the text of its leftmost match. */
  find(text: string): SpellingMatch[] {
    const found = new Map<number, Found>();
    for (let start = 0; start < text.length;) {
      if (!isWordChar(text.charCodeAt(start))) {
        start++;
        continue;
      }
      let end = start + 1;
      while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
      this.wordMatches(text, start, end, (spelling, matchStart, word) => {
        const best = found.get(spelling.key);
        // A match in an earlier word starts first; within this word, the leftmost, then the
        // earlier spelling.
        const better =
          !best ||
          (best.start >= start &&
            (matchStart < best.start ||
              (matchStart === best.start && spelling.order < best.order)));
        if (better) found.set(spelling.key, { start: matchStart, order: spelling.order, word });
      });
      start = end;
    }
    return [...found]
      .sort(([a], [b]) => a - b)
      .map(([key, { word }]) => ({ key: this.keys[key] as string, word }));
  }

  /** Spellings matching at the word `text[start, end)`, offered with where their match starts. */
  private wordMatches(
    text: string,
    start: number,
    end: number,
    offer: (spelling: Spelling, matchStart: number, word: string) => void,
  ): void {
    const word = text.slice(start, end);
    for (const spelling of this.words.get(word) ?? []) offer(spelling, start, word);
    const leading = lettersEnd(text, start, end) - start;
    for (const length of this.prefixLengths) {
      if (length > leading) break;
      for (const spelling of this.prefixes.get(word.slice(0, length)) ?? [])
        offer(spelling, start, word.slice(0, leading));
    }
    let trailing = 0;
    while (trailing < word.length && isLower(word.charCodeAt(word.length - 1 - trailing)))
      trailing++;
    for (const length of this.suffixLengths) {
      if (length > trailing) break;
      for (const spelling of this.suffixes.get(word.slice(-length)) ?? [])
        offer(spelling, end - trailing, word.slice(-trailing));
    }
    for (const spelling of this.phrases.get(word) ?? []) {
      if (!text.startsWith(spelling.core, start)) continue;
      const coreEnd = start + spelling.core.length;
      if (spelling.prefix)
        offer(spelling, start, text.slice(start, lettersEnd(text, coreEnd, text.length)));
      else if (coreEnd === text.length || !isWordChar(text.charCodeAt(coreEnd)))
        offer(spelling, start, spelling.core);
    }
  }
}
