const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Walks CSV records the way csv-parse splits them (RFC 4180 quotes that may hold delimiters and
 * line breaks, a quote inside an unquoted field taken literally, CR, LF or CRLF line ends) and
 * calls `visit` with each record's 1-based number and field count, without building any field.
 * A record wider than `stopWidth` is reported as soon as it gets there, so a line of a million
 * fields costs no more than its first few hundred. Stops at `end` or when `visit` returns false.
 */
export function scanRecordWidths(
  text: string,
  delimiter: string,
  end: number,
  stopWidth: number,
  visit: (record: number, width: number) => boolean,
): void {
  const separator = delimiter.charCodeAt(0);
  const limit = Math.min(end, text.length);
  let record = 1;
  let width = 1;
  let fieldStart = true;
  let quoted = false;
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else quoted = false;
      }
    } else if (c === separator) {
      width++;
      fieldStart = true;
      if (width > stopWidth && !visit(record, width)) return;
    } else if (c === LF || c === CR) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      if (!visit(record, width)) return;
      record++;
      width = 1;
      fieldStart = true;
    } else {
      if (c === QUOTE && fieldStart) quoted = true;
      fieldStart = false;
    }
  }
  if (!fieldStart || width > 1) visit(record, width);
}
