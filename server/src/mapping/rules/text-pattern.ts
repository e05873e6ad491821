/**
 * Patterns of the rule vocabularies that a single regular expression cannot read in time
 * proportional to the text. `X.*Y` ("X, and later on the line Y") reads the rest of the line
 * again from every X, so a line repeating X costs the square of its length; `followedBy` reads it
 * once. `anyOf` joins such parts to regular expressions as `|` would.
 */

/** What a rule looks for: a regular expression (without the `g` flag) or a `TextPattern`. */
export interface TextPattern {
  test(text: string): boolean;
  /** The leftmost match, as `RegExp.prototype.exec` gives it. */
  exec(text: string): { 0: string; index: number } | null;
}

const LINE_END = /[\n\r\u2028\u2029]/g;

function found(text: string, start: number, end: number): { 0: string; index: number } {
  return { 0: text.slice(start, end), index: start };
}

/**
 * `first.*then` as a regular expression would match it: from the first `first` that a `then`
 * follows on its line, to the last `then` on that line. A later match of `first` on a line must
 * end later than an earlier one (as words that cannot overlap do); neither may match a line break.
 */
export function followedBy(first: RegExp, then: RegExp): TextPattern {
  const firsts = new RegExp(first.source, `${first.flags}g`);
  const thens = new RegExp(then.source, `${then.flags}g`);
  const exec = (text: string) => {
    firsts.lastIndex = 0;
    for (let x = firsts.exec(text); x; x = firsts.exec(text)) {
      const from = x.index + x[0].length;
      LINE_END.lastIndex = from;
      const lineEnd = LINE_END.exec(text)?.index ?? text.length;
      // Only this line is searched, and every start is tried: `.*` settles on the last `then`.
      const line = text.slice(from, lineEnd);
      let last: RegExpExecArray | null = null;
      thens.lastIndex = 0;
      for (let y = thens.exec(line); y; y = thens.exec(line)) {
        last = y;
        thens.lastIndex = y.index + 1;
      }
      if (last) return found(text, x.index, from + last.index + last[0].length);
      // A later `first` on this line is followed by less of it.
      firsts.lastIndex = lineEnd;
    }
    return null;
  };
  return { test: (text) => exec(text) !== null, exec };
}

/** The parts as alternatives of one pattern: the leftmost match, on a tie the earlier part's. */
export function anyOf(...parts: TextPattern[]): TextPattern {
  return {
    test: (text) => parts.some((part) => part.test(text)),
    exec(text) {
      let best: { 0: string; index: number } | null = null;
      for (const part of parts) {
        const match = part.exec(text);
        if (match && (!best || match.index < best.index)) best = match;
      }
      return best;
    },
  };
}
