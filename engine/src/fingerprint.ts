/**
 * Result fingerprints: FNV-1a 64, as 16 hex digits, over the UTF-8 bytes of
 * `JSON.stringify([engine, gwp, factor id, source edition, factor values])`, then
 * `|activity|factor|region|year|unit|heating_basis`, then the quantity as IEEE-754 binary64
 * (little-endian), then `|scope2_method|category` and, when the activity has any,
 * `|` + JSON of { inline_factor, instruments, heating_value, density }. Absent fields are empty. Not a security hash: it lets anyone recompute a number and check it is the same one.
 * (FNV-1a: Fowler, Noll, Vo; offset basis 0xcbf29ce484222325, prime 0x100000001b3.)
 */

const PRIME_LOW = 0x1b3;
const TWO_32 = 0x100000000;

/** 64-bit FNV-1a state as two 32-bit halves, so the arithmetic stays exact in doubles. */
export type FnvState = readonly [hi: number, lo: number];

const OFFSET_BASIS: FnvState = [0xcbf29ce4, 0x84222325];
const HEX_DIGITS = Array.from("0123456789abcdef", (digit) => digit.charCodeAt(0));
const hexDigit = (word: number, nibble: number): number =>
  HEX_DIGITS[(word >>> (28 - 4 * nibble)) & 15] as number;

/**
 * An FNV-1a 64 hasher that is reset and reused: hashing a row allocates nothing but the
 * final hex string.
 */
export class Fnv {
  private hi = OFFSET_BASIS[0];
  private lo = OFFSET_BASIS[1];
  private readonly float = new DataView(new ArrayBuffer(8));

  from(state: FnvState = OFFSET_BASIS): this {
    [this.hi, this.lo] = state;
    return this;
  }

  private byte(value: number): void {
    const lo = (this.lo ^ value) >>> 0;
    // (hi:lo) * (2^40 + 0x1b3) mod 2^64
    const low = lo * PRIME_LOW;
    this.hi = (Math.imul(this.hi, PRIME_LOW) + Math.floor(low / TWO_32) + (lo << 8)) >>> 0;
    this.lo = low >>> 0;
  }

  /** The UTF-8 bytes of `text`. */
  text(text: string): this {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 0x7f) {
        for (const byte of new TextEncoder().encode(text.slice(i))) this.byte(byte);
        return this;
      }
      // ASCII characters are their own UTF-8 bytes.
      this.byte(text.charCodeAt(i));
    }
    return this;
  }

  /** A number's IEEE-754 binary64 bytes, little-endian. */
  number(value: number): this {
    this.float.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.byte(this.float.getUint8(i));
    return this;
  }

  state(): FnvState {
    return [this.hi, this.lo];
  }

  /** 16 lower-case hex digits, built in one allocation (this runs once per result). */
  hex(): string {
    const { hi, lo } = this;
    return String.fromCharCode(
      hexDigit(hi, 0),
      hexDigit(hi, 1),
      hexDigit(hi, 2),
      hexDigit(hi, 3),
      hexDigit(hi, 4),
      hexDigit(hi, 5),
      hexDigit(hi, 6),
      hexDigit(hi, 7),
      hexDigit(lo, 0),
      hexDigit(lo, 1),
      hexDigit(lo, 2),
      hexDigit(lo, 3),
      hexDigit(lo, 4),
      hexDigit(lo, 5),
      hexDigit(lo, 6),
      hexDigit(lo, 7),
    );
  }
}

/** FNV-1a 64 of the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  return new Fnv().text(text).hex();
}
