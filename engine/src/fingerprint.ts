/**
 * Result fingerprints: FNV-1a 64 over the UTF-8 bytes of a canonical JSON array
 * `[engine, gwp, factor id, source edition, factor values, activity fields...]`, as 16 hex
 * digits. Not a security hash: it lets anyone recompute a number and check it is the same one.
 * (FNV-1a: Fowler, Noll, Vo; offset basis 0xcbf29ce484222325, prime 0x100000001b3.)
 */

const PRIME_LOW = 0x1b3;
const TWO_32 = 0x100000000;

/** 64-bit FNV-1a state as two 32-bit halves, so the arithmetic stays exact in doubles. */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const mix = (byte: number): void => {
    lo = (lo ^ byte) >>> 0;
    // (hi:lo) * (2^40 + 0x1b3) mod 2^64
    const low = lo * PRIME_LOW;
    const carry = Math.floor(low / TWO_32);
    hi = (Math.imul(hi, PRIME_LOW) + carry + (lo << 8)) >>> 0;
    lo = low >>> 0;
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      mix(code);
      continue;
    }
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      code = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
    }
    if (code < 0x800) {
      mix(0xc0 | (code >> 6));
    } else if (code < 0x10000) {
      mix(0xe0 | (code >> 12));
      mix(0x80 | ((code >> 6) & 0x3f));
    } else {
      mix(0xf0 | (code >> 18));
      mix(0x80 | ((code >> 12) & 0x3f));
      mix(0x80 | ((code >> 6) & 0x3f));
    }
    if (code >= 0x80) mix(0x80 | (code & 0x3f));
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}
