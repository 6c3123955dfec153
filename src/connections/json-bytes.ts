/**
 * JSON written as UTF-8 bytes, the same bytes `JSON.stringify` gives (compact), for streamed
 * `--json`: a connection's report is written straight from the tracker's records
 * (TrackedConnection.writeJson) with no report object in between. On Node 20, building the
 * objects and `JSON.stringify` of them took about half the tracking thread's time on a million
 * packets; most of it was walking keys, which here are bytes made once (`jsonKey`).
 *
 * Separators are kept by one flag: a key or an array item is preceded by a comma unless it is
 * the first of its container. Returning from a container, the flag is always "not first": the
 * container was a value of its parent. So the top-level items (connections) get their commas
 * across take() calls too.
 */

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const ZERO = 48;
const MINUS = 45;
const SPACE = 32;
const DELETE = 127;
/** Room checked for once per value that is not a string: the longest number JSON writes is shorter. */
const NUMBER_ROOM = 32;
/** Room for a key beyond its bytes: a comma, and the rest of the KEY_HEAD bytes written whatever its length. */
const KEY_SLACK = 16;
/** The bytes of a key (comma included) written by four straight stores of its first four words. */
const KEY_HEAD = 16;
/** Whole numbers whose digits are taken here: their quotient by 10^8 is exact below 2^49 (above it, String() does it). */
const DIGITS_LIMIT = 2 ** 49;
const TWO_POW_32 = 2 ** 32;
const TWO_POW_31 = 2 ** 31;
const DOT = 46;
const COLON = 58;
/**
 * 10^6 times half the spacing of the doubles from 2^k to 2^(k+1), 10^6 2^(k - 53), by k from 0
 * to 30, less 2^-40 of it: a margin for one rounding (micros()).
 */
const NEAR_SIX = Float64Array.from({ length: 31 }, (_, k) => 1e6 * 2 ** (k - 53) * (1 - 2 ** -40));
/** Veltkamp's splitter, 2^27 + 1: splits a double into two halves of 26 bits (micros()). */
const SPLITTER = 2 ** 27 + 1;

/** The four digits of each of 0 to 9999, leading zeros included: digits go out four at a time. */
const QUADS = Uint8Array.from({ length: 4 * 10_000 }, (_, i) => ZERO + (Math.floor((i >> 2) / 10 ** (3 - (i & 3))) % 10));

/** numberMember()'s value, for numberAt(). */
const SCRATCH = new Float64Array(1);

/** Bytes of `"hh:mm:ss.ffffff"` (clockMicros()). */
const CLOCK_MICROS_LENGTH = 17;

/** templated()'s room for the digits of a low number. */
const LOW_DIGITS = new Uint8Array(16);

const encoder = new TextEncoder();
const TRUE = encoder.encode("true");
const FALSE = encoder.encode("false");
const NULL = encoder.encode("null");

/**
 * A key with its colon, `"name":`, alone and with a comma before it, as the 32-bit words of its
 * bytes (little-endian, zeros after the last byte): keys are half the bytes of a report, and go
 * out four bytes at a store. The first four words of each are numbers of the key itself, written
 * by four stores in a row whatever the key's length (the bytes past its end are written over by
 * what follows): a loop over a typed array of words, with its loads and bounds, was half the
 * time of writing a number member. Words of ASCII bytes are below 2^31, V8's small integers.
 */
export interface JsonKey {
  /** Bytes of `"name":`. */
  readonly length: number;
  readonly bare0: number;
  readonly bare1: number;
  readonly bare2: number;
  readonly bare3: number;
  readonly afterComma0: number;
  readonly afterComma1: number;
  readonly afterComma2: number;
  readonly afterComma3: number;
  /** The words after the first four (none for a key of up to 15 bytes). */
  readonly bareRest: Uint32Array;
  readonly afterCommaRest: Uint32Array;
}

export function jsonKey(name: string): JsonKey {
  const key = `${JSON.stringify(name)}:`;
  const bare = words(key);
  const afterComma = words(`,${key}`);
  return {
    length: encoder.encode(key).length,
    bare0: bare[0], bare1: bare[1], bare2: bare[2], bare3: bare[3],
    afterComma0: afterComma[0], afterComma1: afterComma[1], afterComma2: afterComma[2], afterComma3: afterComma[3],
    bareRest: bare.subarray(4),
    afterCommaRest: afterComma.subarray(4),
  };
}

/** A text's UTF-8 bytes as 32-bit words (little-endian), zeros after its last byte; four words at least. */
function words(text: string): Uint32Array {
  const bytes = encoder.encode(text);
  const padded = new Uint8Array(Math.max(KEY_HEAD, Math.ceil(bytes.length / 4) * 4));
  padded.set(bytes);
  return new Uint32Array(padded.buffer);
}

/** Keys by name, made once per module that writes them. */
export function jsonKeys<N extends string>(...names: N[]): Record<N, JsonKey> {
  // made at once, so that V8 keeps fast properties (see recordLayout)
  return Object.fromEntries(names.map((name) => [name, jsonKey(name)])) as Record<N, JsonKey>;
}

/** `JSON.stringify(text)` as bytes, for texts written often (an id's prefix): `open` leaves off the closing quote. */
export function jsonText(text: string, open = false): Uint8Array {
  const bytes = encoder.encode(JSON.stringify(text));
  return open ? bytes.subarray(0, bytes.length - 1) : bytes;
}

export class JsonBytes {
  private buf: Uint8Array;
  /** `buf`'s bytes, for stores of four at a time. */
  private words: DataView;
  private n = 0;
  /** Whether the next key or item is its container's first (no comma before it). */
  private first = true;

  constructor(capacity = 1 << 18) {
    this.buf = new Uint8Array(capacity);
    this.words = new DataView(this.buf.buffer);
  }

  /** Bytes written since the last take() or clear(). */
  get size(): number {
    return this.n;
  }

  /** The bytes written since the last take() or clear(), as a copy of their own (to hand to a write). */
  take(): Uint8Array {
    const bytes = this.buf.slice(0, this.n);
    this.n = 0;
    return bytes;
  }

  /** The bytes written since the last take() or clear(), not copied: valid until the next write. */
  written(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }

  clear(): void {
    this.n = 0;
  }

  /** The next member of an object: a comma unless it is the first, then the key. */
  key(key: JsonKey): void {
    this.room(key.length + KEY_SLACK);
    this.n = this.keyAt(this.n, key);
  }

  /** The next item of an array: a comma unless it is the first. */
  item(): void {
    this.room(1);
    if (!this.first) this.buf[this.n++] = COMMA;
    this.first = false;
  }

  open(): void {
    this.begin(OPEN_OBJECT);
  }

  close(): void {
    this.end(CLOSE_OBJECT);
  }

  openArray(): void {
    this.begin(OPEN_ARRAY);
  }

  closeArray(): void {
    this.end(CLOSE_ARRAY);
  }

  /** A container's first byte: its first key or item comes next. */
  private begin(bracket: number): void {
    this.byte(bracket);
    this.first = true;
  }

  /** A container's last byte: it was a value of its parent, so the parent's next key or item takes a comma. */
  private end(bracket: number): void {
    this.byte(bracket);
    this.first = false;
  }

  /** Bytes made beforehand (jsonText). */
  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.copy(bytes);
  }

  /** A string of a text made once (`jsonText(text, true)`) and a number's digits: an id such as `conn:12`. */
  stringWithNumber(open: Uint8Array, value: number): void {
    this.raw(open);
    this.number(value);
    this.byte(QUOTE);
  }

  /**
   * A text made beforehand with digits put in at `positions` (offsets into `template`): the
   * digits of `low` in the last `lowCount` positions and those of `high` in the ones before,
   * each with leading zeros. A time text from its numbers (time-code.ts).
   */
  templated(template: Uint8Array, positions: Int32Array, high: number, low: number, lowCount: number): void {
    this.room(template.length);
    const start = this.n;
    this.copy(template);
    const buf = this.buf;
    // the low number's 16 digits, leading zeros included (it holds 15 at most), then its last lowCount put in place
    const top = Math.floor(low / 100_000_000);
    eight(LOW_DIGITS, 0, top >>> 0);
    eight(LOW_DIGITS, 8, (low - top * 100_000_000) >>> 0);
    let p = positions.length - 1;
    for (let k = 15; k > 15 - lowCount; k--, p--) buf[start + positions[p]] = LOW_DIGITS[k];
    for (; p >= 0; p--) {
      const q = Math.floor(high / 10);
      buf[start + positions[p]] = ZERO + high - q * 10;
      high = q;
    }
  }

  /**
   * A time of day with six fraction digits, `"hh:mm:ss.ffffff"`, from its twelve digits as one
   * number, `from[index]` (time-code.ts: the low number of the pattern `##:##:##.######`; read
   * here, a double passed to a call is boxed, a new object each time): what templated()
   * writes for that pattern, the digits put straight in place. Nearly every time of a report
   * is of this pattern, and copying the template, then its digits into it, was a sixth of the
   * JSON's time.
   */
  clockMicros(from: Float64Array, index: number): void {
    this.room(CLOCK_MICROS_LENGTH);
    const buf = this.buf;
    const at = this.n;
    const digits = from[index];
    // exact: whole numbers below 10^12
    const hms = Math.floor(digits / 1_000_000);
    const micros = digits - hms * 1_000_000;
    const hours = (hms / 10_000) >>> 0;
    const minutesSeconds = hms - hours * 10_000;
    const minutes = (minutesSeconds / 100) >>> 0;
    const high = (micros / 10_000) >>> 0;
    buf[at] = QUOTE;
    pair(buf, at + 1, hours);
    buf[at + 3] = COLON;
    pair(buf, at + 4, minutes);
    buf[at + 6] = COLON;
    pair(buf, at + 7, minutesSeconds - minutes * 100);
    buf[at + 9] = DOT;
    pair(buf, at + 10, high);
    quad(buf, at + 12, micros - high * 10_000);
    buf[at + 16] = QUOTE;
    this.n = at + CLOCK_MICROS_LENGTH;
  }

  bool(value: boolean): void {
    this.raw(value ? TRUE : FALSE);
  }

  /** A member holding a number (numberAt() for a number of a record). */
  numberMember(key: JsonKey, value: number): void {
    SCRATCH[0] = value;
    this.numberAt(key, SCRATCH, 0);
  }

  /**
   * A member holding a record's number, `from[index]`: read here, for a double passed to a call
   * is boxed, a new object each time (sequence numbers, times and timings are doubles, and they
   * were most of the tracking thread's garbage). One room check, and the position kept in a
   * local for key and digits (most members of a report are numbers).
   */
  numberAt(key: JsonKey, from: Float64Array, index: number): void {
    this.room(key.length + KEY_SLACK + NUMBER_ROOM);
    const at = this.keyAt(this.n, key);
    const end = plainNumber(this.buf, at, from, index);
    if (end >= 0) this.n = end;
    else {
      this.n = at;
      this.otherNumber(from[index]);
    }
  }

  /** numberAt(), left out when the record has none (NaN), as a report object leaves out its key. */
  optionalNumberAt(key: JsonKey, from: Float64Array, index: number): void {
    if (from[index] === from[index]) this.numberAt(key, from, index);
  }

  stringMember(key: JsonKey, text: string): void {
    this.key(key);
    this.string(text);
  }

  optionalString(key: JsonKey, text: string | undefined): void {
    if (text === undefined) return;
    this.key(key);
    this.string(text);
  }

  /** A number as JSON.stringify writes it. */
  number(value: number): void {
    this.room(NUMBER_ROOM);
    SCRATCH[0] = value;
    const end = plainNumber(this.buf, this.n, SCRATCH, 0);
    if (end >= 0) this.n = end;
    else this.otherNumber(value);
  }

  /** A number plainNumber() leaves: String()'s digits, or null for a non-finite one. */
  private otherNumber(value: number): void {
    if (Number.isFinite(value)) this.ascii(String(value));
    else this.raw(NULL);
  }

  /**
   * A key at `at`, a comma before it unless it is its object's first; where it ends. Room is made
   * by the caller (KEY_SLACK past the key). Its first four words by four stores (JsonKey), then
   * any others.
   */
  private keyAt(at: number, key: JsonKey): number {
    const words = this.words;
    if (this.first) {
      this.first = false;
      words.setUint32(at, key.bare0, true);
      words.setUint32(at + 4, key.bare1, true);
      words.setUint32(at + 8, key.bare2, true);
      words.setUint32(at + 12, key.bare3, true);
      if (key.length > KEY_HEAD) this.keyRest(at, key.bareRest);
      return at + key.length;
    }
    words.setUint32(at, key.afterComma0, true);
    words.setUint32(at + 4, key.afterComma1, true);
    words.setUint32(at + 8, key.afterComma2, true);
    words.setUint32(at + 12, key.afterComma3, true);
    if (key.length >= KEY_HEAD) this.keyRest(at, key.afterCommaRest);
    return at + 1 + key.length;
  }

  /** The words of a long key after its first four. */
  private keyRest(at: number, rest: Uint32Array): void {
    for (let i = 0; i < rest.length; i++) this.words.setUint32(at + KEY_HEAD + 4 * i, rest[i], true);
  }

  /** A string as JSON.stringify writes it. */
  string(text: string): void {
    const length = text.length;
    this.room(length + 2);
    const buf = this.buf;
    let n = this.n;
    buf[n++] = QUOTE;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      // anything but printable ASCII needs escaping or more than one byte: JSON.stringify's way
      if (c < SPACE || c >= DELETE || c === QUOTE || c === BACKSLASH) return this.escaped(text);
      buf[n++] = c;
    }
    buf[n++] = QUOTE;
    this.n = n;
  }

  private escaped(text: string): void {
    const bytes = encoder.encode(JSON.stringify(text));
    this.room(bytes.length);
    this.buf.set(bytes, this.n);
    this.n += bytes.length;
  }

  /** An ASCII text as it is (a number's String()). */
  private ascii(text: string): void {
    this.room(text.length);
    for (let i = 0; i < text.length; i++) this.buf[this.n++] = text.charCodeAt(i);
  }

  private byte(b: number): void {
    this.room(1);
    this.buf[this.n++] = b;
  }

  /** A short run of bytes (keys are a few bytes: a loop costs less than TypedArray.set). */
  private copy(bytes: Uint8Array): void {
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < bytes.length; i++) buf[n++] = bytes[i];
    this.n = n;
  }

  private room(more: number): void {
    if (this.n + more <= this.buf.length) return;
    let length = this.buf.length * 2;
    while (length < this.n + more) length *= 2;
    const grown = new Uint8Array(length);
    grown.set(this.buf.subarray(0, this.n));
    this.buf = grown;
    this.words = new DataView(grown.buffer);
  }
}

/**
 * The number `from[index]` as JSON.stringify writes it, at `at`, when it is whole and below
 * DIGITS_LIMIT, or a fraction micros() can tell; where it ends, or -1 (nothing written) for any
 * other. Room is made by the caller. The number is read where it is needed, and handed on as
 * 32 bits: a double or a number above 2^31 passed to a call is boxed, a new object each time.
 */
function plainNumber(buf: Uint8Array, at: number, from: Float64Array, index: number): number {
  const value = from[index];
  // Most numbers of a report are whole and not negative (lines, sequence numbers, counts).
  // -0 is written "0", as JSON.stringify does: it is not below 0.
  if (value >= 0 && value < DIGITS_LIMIT && value === Math.floor(value)) return value < TWO_POW_32 ? digits32(buf, at, value | 0) : wholeDigits(buf, at, value);
  if (value < 0 && value > -DIGITS_LIMIT && value === Math.floor(value)) {
    buf[at] = MINUS;
    return wholeDigits(buf, at + 1, -value);
  }
  return micros(buf, at, from, index);
}

/**
 * A positive number below 2^31 with a fraction, when it is the double nearest to a decimal with
 * at most six fraction digits (times in seconds, timings in milliseconds: what the report is
 * full of); where it ends, or -1 (nothing written) when it cannot tell.
 *
 * Number::toString (JSON.stringify's) writes the shortest decimal that reads back as the
 * double, and for such a number that decimal is the six-digit one with its trailing zeros
 * dropped: the doubles near a number below 2^31 are less than 10^-6 apart, so no other decimal
 * with as few digits reads back as it.
 *
 * Whether the double is the nearest: with S its whole part and F the six digits, for S = 0 the
 * double is F / 10^6 itself (one division, correctly rounded). For S >= 1, its fraction r
 * (exact) is less than half the doubles' spacing from F / 10^6 (the doubles from 2^k to
 * 2^(k+1) are evenly spaced, and S + F / 10^6 is among them): |r 10^6 - F| below 10^6 times
 * the half spacing. r 10^6 is the rounded product p and its rounding error, which Dekker's
 * product gives exactly (10^6 has 20 bits: r's halves times it are exact); p - F is exact
 * (Sterbenz), and adding the error rounds once, which the margin of NEAR_SIX covers. Only
 * within 2^-40 of a half spacing it cannot tell, and String() writes the number.
 */
function micros(buf: Uint8Array, at: number, from: Float64Array, index: number): number {
  const value = from[index];
  if (!(value > 0 && value < TWO_POW_31)) return -1;
  const whole = Math.floor(value);
  const fraction = value - whole;
  const scaled = fraction * 1e6;
  const six = Math.round(scaled);
  if (six <= 0 || six >= 1e6) return -1;
  if (whole === 0) {
    if (six / 1e6 !== value) return -1;
  } else {
    const split = SPLITTER * fraction;
    const high = split - (split - fraction);
    const error = high * 1e6 - scaled + (fraction - high) * 1e6;
    // 2^k <= whole <= value < 2^(k+1)
    if (Math.abs(scaled - six + error) >= NEAR_SIX[31 - Math.clz32(whole)]) return -1;
  }
  at = digits32(buf, at, whole);
  buf[at] = DOT;
  // the six digits, then the trailing zeros dropped (`six` is not 0: one digit stays)
  const high = (six / 10_000) >>> 0;
  pair(buf, at + 1, high);
  quad(buf, at + 3, six - high * 10_000);
  let end = at + 7;
  while (buf[end - 1] === ZERO) end--;
  return end;
}

/*
 * Digits are written four at a time from QUADS, in unsigned 32-bit arithmetic (a division of
 * doubles per digit pair made a sequence number cost 40 ns), by functions of the buffer and a
 * position that return where they stopped.
 */

/**
 * The digits of a whole number from 0 to DIGITS_LIMIT at `at`; returns where they end. Below
 * 2^32 (sequence numbers, timestamps, lines, counts) in unsigned 32-bit arithmetic, one or two
 * divisions. Above it, the quotient by 10^8 is exact: it is below 2^23, where the doubles'
 * spacing is far below 10^-8.
 */
function wholeDigits(buf: Uint8Array, at: number, value: number): number {
  if (value < TWO_POW_32) return digits32(buf, at, value | 0);
  const top = Math.floor(value / 100_000_000);
  return eight(buf, digits32(buf, at, top), (value - top * 100_000_000) >>> 0);
}

/** The digits of an unsigned 32-bit number, given as its 32 bits (`value | 0`, never boxed). */
function digits32(buf: Uint8Array, at: number, bits: number): number {
  const value = bits >>> 0;
  if (value < 10_000) return head(buf, at, value);
  if (value < 100_000_000) {
    const high = (value / 10_000) >>> 0;
    at = head(buf, at, high);
    quad(buf, at, value - high * 10_000);
    return at + 4;
  }
  const top = (value / 100_000_000) >>> 0;
  return eight(buf, head(buf, at, top), value - top * 100_000_000);
}

/** The eight digits of 0 to 99,999,999, leading zeros included. */
function eight(buf: Uint8Array, at: number, value: number): number {
  const high = (value / 10_000) >>> 0;
  quad(buf, at, high);
  quad(buf, at + 4, value - high * 10_000);
  return at + 8;
}

/** The digits of 0 to 9999 without leading zeros. */
function head(buf: Uint8Array, at: number, value: number): number {
  const q = value << 2;
  if (value >= 1000) {
    quad(buf, at, value);
    return at + 4;
  }
  if (value >= 100) {
    buf[at] = QUADS[q + 1];
    buf[at + 1] = QUADS[q + 2];
    buf[at + 2] = QUADS[q + 3];
    return at + 3;
  }
  if (value >= 10) {
    pair(buf, at, value);
    return at + 2;
  }
  buf[at] = QUADS[q + 3];
  return at + 1;
}

/** The two digits of 0 to 99 at `at`, a leading zero included. */
function pair(buf: Uint8Array, at: number, value: number): void {
  const q = value << 2;
  buf[at] = QUADS[q + 2];
  buf[at + 1] = QUADS[q + 3];
}

/** The four digits of 0 to 9999 at `at`, leading zeros included. */
function quad(buf: Uint8Array, at: number, value: number): void {
  const q = value << 2;
  buf[at] = QUADS[q];
  buf[at + 1] = QUADS[q + 1];
  buf[at + 2] = QUADS[q + 2];
  buf[at + 3] = QUADS[q + 3];
}
