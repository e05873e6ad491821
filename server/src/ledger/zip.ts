/** What the central directory of a ZIP container says, read without unpacking anything. */
export interface ZipDirectory {
  names: string[];
  /** Sum of the entries' declared unpacked sizes (Infinity for ZIP64 entries). */
  unpackedBytes: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ENTRY_HEADER_SIZE = 46;
/** Sizes that say "see the ZIP64 record": more than we ever accept. */
const ZIP64_MARKER = 0xffffffff;

/**
 * Reads the ZIP central directory at the end of the file. Returns undefined when it is missing
 * or inconsistent, which is what a truncated or damaged workbook looks like.
 */
export function readZipDirectory(data: Uint8Array): ZipDirectory | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const lowest = Math.max(0, data.length - END_RECORD_SIZE - MAX_COMMENT);
  let end = -1;
  for (let at = data.length - END_RECORD_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const start = view.getUint32(end + 16, true);
  if (start + size > end) return undefined;
  const decoder = new TextDecoder();
  const names: string[] = [];
  let unpackedBytes = 0;
  let at = start;
  for (let i = 0; i < entries; i++) {
    if (at + ENTRY_HEADER_SIZE > end || view.getUint32(at, true) !== DIRECTORY_ENTRY)
      return undefined;
    const unpacked = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    names.push(
      decoder.decode(data.subarray(at + ENTRY_HEADER_SIZE, at + ENTRY_HEADER_SIZE + nameLength)),
    );
    unpackedBytes += unpacked === ZIP64_MARKER ? Infinity : unpacked;
    at += ENTRY_HEADER_SIZE + nameLength + extraLength + commentLength;
  }
  return { names, unpackedBytes };
}
