/**
 * The text-level shape key: a record's text with its varying numbers normalised, computed
 * without lexing. Two texts with the same key lex into tokens of the same types, in the same
 * places (up to the shortened stretches below), with the same keyword texts; so the tokens of
 * a text whose key was seen before can be cut from it at the places the first one had them.
 *
 * What the key keeps and why (each point is a fact about the rules in lexer.ts, to check again
 * when they change; test/grammar-fast/key-soundness.test.ts redraws the numbers of every real
 * record and requires texts with the record's key to parse as nearley parses them):
 *
 *  - Every non-digit character, except inside `0x` numbers (below). Letters decide keywords,
 *    punctuation and spaces decide everything else.
 *  - Whether each character is a digit. The rules test digits through classes only (`\d`,
 *    `\w`, `\S`, `[0-9a-fA-F]`, negated classes), apart from a few literal digits that each
 *    match a single-digit run: the `0` of `0x`, `[01]` in `ECT(0)`/`GREv0`, `[was 0,`, and
 *    keywords with a digit after a letter (`IP6`, `md5`, `(pad1`). So a single digit is kept
 *    when it is 0 or 1 or follows a letter, and is `2` otherwise.
 *  - The length of a digit run up to RUN_CAP: the rules count digits (`\d\d`, `\d{1,3}`,
 *    `\d{4}`, `\d{6,}`, `{1,4}` hex groups, `\S{5,}`), never beyond 7, and a token never starts
 *    or ends inside a run of digits (every rule ends a digit run greedily or with a `(?!\w)`).
 *    Runs of RUN_CAP or more digits become RUN_CAP `2`s: sequence numbers, TS values.
 *  - Inside the hex run after `0x` (checksums, ToS, flow labels) only that the characters are
 *    hex digits matters, plus whether the last one is a decimal digit (sll2's look-behind
 *    `\d ` can see it); the rest become `a`. No keyword contains `0x`, and no token starts
 *    inside such a run.
 *  - An IPv4 address (four runs of 1-3 digits joined by dots) that does not follow a word
 *    character, `.`, `:` or `-` becomes `2.2.2.2`: there only the `dotted` rule (by class) and
 *    rules that read a leading `\d+` can cover it; octet lengths matter only in IPv6 tails
 *    (after `:`), stamps (after `:`, `-`, `.` or as `\d\d:`) and `\d{6,}` fractions.
 *
 * Shortened stretches (long runs, addresses) change offsets: `LineKey` records them; `toKey`
 * and `toOriginal` map offsets between the text and its key. Token edges never fall inside them.
 */

/** Digit runs this long or longer have one key; above every count in lexer.ts's rules. */
export const RUN_CAP = 8;

const ADDRESS_CODES = Buffer.from("2.2.2.2", "latin1");

/** Character codes the key reads or writes. */
const CODE = { zero: 48, nine: 57, dot: 46, colon: 58, hyphen: 45, x: 120, underscore: 95, two: 50, a: 97 } as const;

function isDigit(c: number): boolean {
  return c >= CODE.zero && c <= CODE.nine;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Characters after which an IPv4 address could be part of a stamp, IPv6 text or keyword. */
function blocksAddress(c: number): boolean {
  return isDigit(c) || isLetter(c) || c === CODE.underscore || c === CODE.dot || c === CODE.colon || c === CODE.hyphen;
}

/** End of the run of digits starting at `i` (the text's bytes end with a 0). */
function runEnd(chars: Uint8Array, i: number): number {
  let j = i;
  while (isDigit(chars[j])) j++;
  return j;
}

/** End of the run of hex digits starting at `i` (the text's bytes end with a 0). */
function hexRunEnd(chars: Uint8Array, i: number): number {
  let j = i;
  while (isHex(chars[j])) j++;
  return j;
}

/**
 * MurmurHash3's 32-bit mix of `count` words and the length: every bit of every byte reaches
 * the low bits a table keeps (a bare multiply would leave a word's top bits out of them).
 */
function hashWords(words: Int32Array, count: number, length: number): number {
  let h = 0;
  for (let k = 0; k < count; k++) {
    let w = Math.imul(words[k], 0xcc9e2d51);
    w = Math.imul((w << 15) | (w >>> 17), 0x1b873593);
    h ^= w;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  h ^= length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * End of an IPv4 address starting at `i`: four dot-joined runs of 1-3 digits, not followed by
 * a word character (then it would not end a `dotted` token's address part), or -1.
 */
function addressEnd(chars: Uint8Array, i: number): number {
  let j = i;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (chars[j] !== CODE.dot) return -1;
      j++;
    }
    const end = runEnd(chars, j);
    if (end === j || end - j > 3) return -1;
    j = end;
  }
  const after = chars[j];
  return isLetter(after) || after === CODE.underscore ? -1 : j;
}

/**
 * Computes keys; holds the last text's key and shortened stretches until the next `read`.
 * The key is written as bytes into a buffer and hashed there: no string is built per line
 * (key-table.ts looks templates up by the hash and confirms a hit by comparing the bytes).
 * The buffer is read as 32-bit words too, for hashing and comparing four bytes at a time;
 * the bytes after the key up to the next word boundary are zero.
 */
export class LineKey {
  /** The text's bytes (ASCII), then a 0 that stops every run. */
  private chars = Buffer.allocUnsafe(1024);
  private codes = new Uint8Array(1024);
  private words = new Int32Array(this.codes.buffer);
  private keyLength = 0;
  /** Hash of the last key (its words and its length). */
  hash = 0;
  /** Key offset where each shortened stretch ends, and the text's extra length up to there. */
  private stretchEnds = new Int32Array(32);
  private stretchShifts = new Int32Array(32);
  private stretches = 0;

  /**
   * Computes the key of `text`; false for a text with a character above U+007F (tcpdump
   * prints ASCII; such a text is parsed without a key). Remembers the shortened stretches for
   * `toOriginal` and `toKey`.
   */
  read(text: string): boolean {
    this.stretches = 0;
    const n = text.length;
    // UTF-8 takes more than n bytes for a text that is not ASCII and writes whole characters
    // (4 bytes at most), so with room for n + 4 bytes n are written only for ASCII; a key is
    // never longer than its text, plus up to 3 zeros to a word boundary
    if (this.codes.length < n + 4) {
      this.chars = Buffer.allocUnsafe(2 * n + 4);
      this.codes = new Uint8Array(4 * ((n >> 1) + 1));
      this.words = new Int32Array(this.codes.buffer);
    }
    const chars = this.chars;
    if (chars.write(text, 0, "utf8") !== n) return false;
    chars[n] = 0;
    const codes = this.codes;
    let o = 0;
    let i = 0;
    while (i < n) {
      const c = chars[i];
      if (c > CODE.nine || c < CODE.zero) {
        codes[o++] = c;
        i++;
        continue;
      }
      const before = i > 0 ? chars[i - 1] : -1;
      const run = runEnd(chars, i);
      // only a run of 1-3 digits followed by a dot can start an address
      const address = run - i <= 3 && chars[run] === CODE.dot && !blocksAddress(before) ? addressEnd(chars, i) : -1;
      const end = address > 0 ? address : run;
      const length = end - i;
      const hexEnd = length === 1 && c === CODE.zero && chars[end] === CODE.x ? hexRunEnd(chars, end + 1) : -1;
      if (address > 0) {
        for (let k = 0; k < ADDRESS_CODES.length; k++) codes[o++] = ADDRESS_CODES[k];
        this.shorten(o, length - ADDRESS_CODES.length);
        i = end;
      } else if (hexEnd > end + 1) {
        // `0x` and its hex digits: all `a`, the last one as a digit or a letter
        codes[o++] = CODE.zero;
        codes[o++] = CODE.x;
        for (let k = end + 1; k < hexEnd - 1; k++) codes[o++] = CODE.a;
        codes[o++] = isDigit(chars[hexEnd - 1]) ? CODE.two : CODE.a;
        i = hexEnd;
      } else if (length === 1) {
        codes[o++] = c <= CODE.zero + 1 || isLetter(before) ? c : CODE.two;
        i = end;
      } else {
        const kept = Math.min(length, RUN_CAP);
        for (let k = 0; k < kept; k++) codes[o++] = CODE.two;
        if (length > RUN_CAP) this.shorten(o, length - RUN_CAP);
        i = end;
      }
    }
    this.keyLength = o;
    while ((o & 3) !== 0) codes[o++] = 0;
    this.hash = hashWords(this.words, o >> 2, this.keyLength);
    return true;
  }

  /** Bytes in the last key. */
  get length(): number {
    return this.keyLength;
  }

  /** Words the last key fills, the last one padded with zeros. */
  get wordCount(): number {
    return (this.keyLength + 3) >> 2;
  }

  /** Copies the last key's words into `store` from word `at`, to compare later keys with. */
  copyTo(store: Int32Array, at: number): void {
    const words = this.words;
    for (let k = 0, count = this.wordCount; k < count; k++) store[at + k] = words[k];
  }

  /** Whether the last key is the key of `length` bytes that `copyTo` put in `store` at `at`. */
  matches(store: Int32Array, at: number, length: number): boolean {
    if (length !== this.keyLength) return false;
    const words = this.words;
    for (let k = 0, count = this.wordCount; k < count; k++) if (words[k] !== store[at + k]) return false;
    return true;
  }

  /** The last key as text, to show or count keys. */
  text(): string {
    return Buffer.from(this.codes.buffer, 0, this.keyLength).toString("latin1");
  }

  /** Key offsets of text offsets `positions` (non-decreasing) of the text last read, into `out`. */
  toKey(positions: ArrayLike<number>, out: Int32Array): void {
    let s = 0;
    let shift = 0;
    for (let k = 0; k < positions.length; k++) {
      const p = positions[k];
      while (s < this.stretches && this.stretchEnds[s] + this.stretchShifts[s] <= p) shift = this.stretchShifts[s++];
      out[k] = p - shift;
    }
  }

  /**
   * Text offsets of key offsets `positions` (non-decreasing, none inside a shortened stretch)
   * for the text last read, into `out`.
   */
  toOriginal(positions: Int32Array, out: Int32Array): void {
    let s = 0;
    let shift = 0;
    for (let k = 0; k < positions.length; k++) {
      const p = positions[k];
      while (s < this.stretches && this.stretchEnds[s] <= p) shift = this.stretchShifts[s++];
      out[k] = p + shift;
    }
  }

  private shorten(keyEnd: number, by: number): void {
    if (this.stretches === this.stretchEnds.length) {
      this.stretchEnds = grow(this.stretchEnds);
      this.stretchShifts = grow(this.stretchShifts);
    }
    const previous = this.stretches > 0 ? this.stretchShifts[this.stretches - 1] : 0;
    this.stretchEnds[this.stretches] = keyEnd;
    this.stretchShifts[this.stretches] = previous + by;
    this.stretches++;
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
