/**
 * The fast lane's reading of the common TCP record (issue 6): what tcpdump prints by default
 * for a segment of IPv4 or IPv6 with `-n`, and what nearly all of a busy server's output is,
 *
 *   hh:mm:ss.ffffff IP[6] SRC.PORT > DST.PORT: Flags [F], seq A[:B], ack C, win W,
 *     options [ITEMS], length N[: SUMMARY]
 *
 * and the same with `-v` and up for IPv4, on two lines (FORMAT.md 5.1), with a checksum:
 *
 *   hh:mm:ss.ffffff IP (tos 0xT, ttl N, id N, offset N, flags [FL], proto TCP (6), length N)
 *       SRC.PORT > DST.PORT: Flags [F], cksum 0xH (correct), seq ...
 *
 * read in one pass over the characters into this reused object: no tokens, no tree, no object
 * per line. It reads only what it is sure of and declines (false) anything else, for the grammar
 * to read: other time forms, names, IPv6 with `-v`, ECN, IP options and notes, `urg`, options other
 * than those below, a summary that holds brackets or a time stamp, trailing blanks. Whatever it
 * accepts, its fields are what the nearley grammar gives for the record (the lines joined as
 * the assembler joins them): test/grammar-fast/segment-scan.test.ts runs every TCP record of
 * the repo's texts through both.
 *
 * The field names are ParsedSegment's, so the packets stage reads a scan where it reads a segment.
 */
import { detached } from "../../records/detach.js";
import { IPV6_TOKEN, MAC } from "../lexer.js";
import type { TcpOptions } from "../types.js";

const SPACE = 32;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const COMMA = 44;
const CLOSE_BRACKET = 93;
const OPEN_BRACKET = 91;
const CLOSE_PAREN = 41;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** No such part in the line. */
const NONE = -1;
/** Digits of a 32-bit number at most (sequence numbers, windows, lengths, time stamps). */
const U32_DIGITS = 10;
const PORT_DIGITS = 5;

/** The lexer's own patterns at one place: an IPv6 host.port token, and the MAC address that would be lexed there first. */
const IPV6_AT = new RegExp(IPV6_TOKEN, "y");
const MAC_AT = new RegExp(MAC, "y");
/** A time stamp's fraction: one in the summary would make the line a pasted session (records/prefilters.ts). */
const FRACTION = /\.\d{6}/;

/** tcpdump's flag letters (FORMAT.md 6.4), each with its bit. */
const FLAG_BITS = new Int32Array(128);
[..."FSRP.UEWe"].forEach((letter, i) => (FLAG_BITS[letter.charCodeAt(0)] = 1 << i));

export class SegmentScan {
  /** The line with the TCP part, read last: the whole record, or the second line of a verbose one. */
  text = "";
  /** The line the record starts with, which holds the time stamp and the IP header if any. */
  stampText = "";
  /** Where the time stamp ends; it starts the line. */
  timeEnd = 0;
  /** Whether the record has a verbose IP header (readHeader()), and its fields: texts by where they are in stampText. */
  verbose = false;
  tosStart = NONE;
  tosEnd = NONE;
  ttl = 0;
  ipId = 0;
  ipOffset = 0;
  ipFlagsStart = NONE;
  ipFlagsEnd = NONE;
  ipLength = 0;
  /** The checksum's value and, when incorrect, what it should be (NONE when correct), in text; valueStart NONE without one. */
  cksumStart = NONE;
  cksumEnd = NONE;
  cksumComputedStart = NONE;
  cksumComputedEnd = NONE;
  family: 4 | 6 = 4;
  src = "";
  sport = 0;
  dst = "";
  dport = 0;
  /** Inside `Flags [...]`: one shared string per distinct text. */
  flags = "";
  seq: number | undefined = undefined;
  seqEnd: number | undefined = undefined;
  ack: number | undefined = undefined;
  win = 0;
  len = 0;
  /** The TS option's values, when the line has one. */
  tsval: number | undefined = undefined;
  tsecr: number | undefined = undefined;
  /** The options' items, from the first to the `]` (NONE without options). */
  optionsStart = NONE;
  optionsEnd = NONE;
  /** The summary after `length N: ` (NONE without one). */
  payloadStart = NONE;
  /** The number read()'s last digit run spelled. */
  private value = 0;
  /** Flags texts by their letters' bits, so a line's flags cost no string. */
  private readonly flagTexts = new Map<number, string>();

  /** Reads a one-line record; false when it is not the common shape (then nothing here is to be read). */
  read(text: string): boolean {
    this.text = this.stampText = text;
    this.verbose = false;
    let i = this.time();
    if (i < 0) return false;
    if (has(text, i, "IP ")) {
      this.family = 4;
      i += "IP ".length;
    } else if (has(text, i, "IP6 ")) {
      this.family = 6;
      i += "IP6 ".length;
    } else return false;
    return this.tcpPart(i);
  }

  /**
   * Reads a verbose IPv4 header line, which waits for its TCP line (readIndented()); false when
   * it is not the common one (then the record is the grammar's).
   */
  readHeader(text: string): boolean {
    this.stampText = text;
    let i = this.time();
    if (i < 0 || !has(text, i, "IP (tos 0x")) return false;
    this.tosStart = i + "IP (tos ".length;
    i = this.tosStart + 2;
    while (isHex(text.charCodeAt(i))) i++;
    if (i === this.tosStart + 2) return false;
    this.tosEnd = i;
    if (!has(text, i, ", ttl ") || (i = this.digits(text, i + ", ttl ".length, U32_DIGITS)) < 0) return false;
    this.ttl = this.value;
    if (!has(text, i, ", id ") || (i = this.digits(text, i + ", id ".length, U32_DIGITS)) < 0) return false;
    this.ipId = this.value;
    if (!has(text, i, ", offset ") || (i = this.digits(text, i + ", offset ".length, U32_DIGITS)) < 0) return false;
    this.ipOffset = this.value;
    if (!has(text, i, ", flags [")) return false;
    this.ipFlagsStart = i + ", flags [".length;
    this.ipFlagsEnd = text.indexOf("]", this.ipFlagsStart);
    if (this.ipFlagsEnd < 0) return false;
    i = this.ipFlagsEnd + 1;
    if (!has(text, i, ", proto TCP (6), length ") || (i = this.digits(text, i + ", proto TCP (6), length ".length, U32_DIGITS)) < 0) return false;
    this.ipLength = this.value;
    return text.charCodeAt(i) === CLOSE_PAREN && i + 1 === text.length;
  }

  /**
   * Reads the TCP line of the header readHeader() read last (four spaces, then the TCP part):
   * the two lines are one record. False when it is not the common shape.
   */
  readIndented(text: string): boolean {
    this.text = text;
    this.verbose = true;
    this.family = 4;
    return has(text, 0, "    ") && this.tcpPart(4);
  }

  /** `SRC.PORT > DST.PORT: Flags [..]` and what follows, from `i`, to the end of the line. */
  private tcpPart(i: number): boolean {
    const text = this.text;
    i = this.family === 4 ? this.ipv4(i, true) : this.ipv6(i, true);
    if (i < 0 || !has(text, i, " > ")) return false;
    i = this.family === 4 ? this.ipv4(i + 3, false) : this.ipv6(i + 3, false);
    if (i < 0 || !has(text, i, ": Flags [")) return false;
    i = this.flagsAt(i + ": Flags [".length);
    if (i < 0) return false;
    i = this.checksum(i);
    return i >= 0 && this.numbers(i);
  }

  /** `, cksum 0xH (correct)` or `(incorrect -> 0xH)`, only after a verbose header; where the text after it starts, or NONE. */
  private checksum(i: number): number {
    const t = this.text;
    this.cksumStart = this.cksumComputedStart = NONE;
    if (!this.verbose || !has(t, i, ", cksum 0x")) return i;
    const start = i + ", cksum ".length;
    let end = start + 2;
    while (isHex(t.charCodeAt(end))) end++;
    if (end === start + 2) return NONE;
    if (has(t, end, " (correct)")) i = end + " (correct)".length;
    else if (has(t, end, " (incorrect -> 0x")) {
      this.cksumComputedStart = end + " (incorrect -> ".length;
      let k = this.cksumComputedStart + 2;
      while (isHex(t.charCodeAt(k))) k++;
      if (k === this.cksumComputedStart + 2 || t.charCodeAt(k) !== CLOSE_PAREN) return NONE;
      this.cksumComputedEnd = k;
      i = k + 1;
    } else return NONE;
    this.cksumStart = start;
    this.cksumEnd = end;
    return i;
  }

  /**
   * The options as the grammar gives them (its readOptions): every item's text, and the values
   * of the options an analysis needs, set in the items' order. Built when asked: a SYN's side
   * keeps them, other segments need only the TS values above.
   */
  options(): TcpOptions | undefined {
    if (this.optionsStart === NONE) return undefined;
    const text = this.text;
    const options: TcpOptions = { list: [] };
    for (let start = this.optionsStart; start < this.optionsEnd; ) {
      let end = text.indexOf(",", start);
      if (end < 0 || end > this.optionsEnd) end = this.optionsEnd;
      options.list.push(text.slice(start, end));
      this.optionValues(options, start, end);
      start = end + 1;
    }
    return options;
  }

  /** `hh:mm:ss.` and 6 to 9 digits, then a space, at the start of stampText; where the network keyword starts, or NONE. */
  private time(): number {
    const t = this.stampText;
    if (!(isDigit(t, 0) && isDigit(t, 1) && t.charCodeAt(2) === COLON && isDigit(t, 3) && isDigit(t, 4) && t.charCodeAt(5) === COLON && isDigit(t, 6) && isDigit(t, 7) && t.charCodeAt(8) === DOT)) return NONE;
    let i = 9;
    while (isDigit(t, i)) i++;
    if (i - 9 < 6 || i - 9 > 9 || t.charCodeAt(i) !== SPACE) return NONE;
    this.timeEnd = i;
    return i + 1;
  }

  /** A dotted quad and its port from `i`; where they end, or NONE. */
  private ipv4(i: number, source: boolean): number {
    const start = i;
    for (let octet = 0; octet < 4; octet++) {
      const end = this.digits(this.text, i, 3);
      if (end < 0 || this.text.charCodeAt(end) !== DOT) return NONE;
      i = end + 1;
    }
    return this.hostPort(start, i - 1, source);
  }

  /** An IPv6 address and its port from `i`, one token of the lexer's; where they end, or NONE. */
  private ipv6(i: number, source: boolean): number {
    const t = this.text;
    MAC_AT.lastIndex = i;
    if (MAC_AT.test(t)) return NONE;
    IPV6_AT.lastIndex = i;
    if (!IPV6_AT.test(t)) return NONE;
    const end = IPV6_AT.lastIndex;
    const dot = t.lastIndexOf(".", end - 1);
    // the port: the token's `.port`, all digits
    return dot > i && this.hostPort(i, dot, source) === end ? end : NONE;
  }

  /** The host text[start, dot) and the port after the dot; where the port ends, or NONE. */
  private hostPort(start: number, dot: number, source: boolean): number {
    const end = this.digits(this.text, dot + 1, PORT_DIGITS);
    if (end < 0) return NONE;
    const host = this.text.slice(start, dot);
    if (source) {
      this.src = host;
      this.sport = this.value;
    } else {
      this.dst = host;
      this.dport = this.value;
    }
    return end;
  }

  /** The flags' letters up to `]` (or `none`); where the text after `]` starts, or NONE. */
  private flagsAt(start: number): number {
    const t = this.text;
    let bits = 0;
    let i = start;
    for (let c = t.charCodeAt(i); c < 128 && FLAG_BITS[c] !== 0; c = t.charCodeAt(++i)) {
      if (bits & FLAG_BITS[c]) return NONE;
      bits |= FLAG_BITS[c];
    }
    if (i === start) {
      if (!has(t, i, "none")) return NONE;
      i += 4;
    }
    if (t.charCodeAt(i) !== CLOSE_BRACKET) return NONE;
    // Letters in another order are another text: the key is the bits and the length, the text compared.
    const key = bits * 16 + (i - start);
    let flags = this.flagTexts.get(key);
    if (flags === undefined || !has(t, start, flags)) {
      flags = detached(t.slice(start, i));
      this.flagTexts.set(key, flags);
    }
    this.flags = flags;
    return i + 1;
  }

  /** From after `Flags [..]`: seq, ack, win, options, length and the summary, to the end. */
  private numbers(i: number): boolean {
    const t = this.text;
    this.seq = this.seqEnd = this.ack = undefined;
    if (has(t, i, ", seq ")) {
      i = this.digits(this.text, i + ", seq ".length, U32_DIGITS);
      if (i < 0) return false;
      this.seq = this.value;
      if (t.charCodeAt(i) === COLON) {
        i = this.digits(this.text, i + 1, U32_DIGITS);
        if (i < 0) return false;
        this.seqEnd = this.value;
      }
    }
    if (has(t, i, ", ack ")) {
      i = this.digits(this.text, i + ", ack ".length, U32_DIGITS);
      if (i < 0) return false;
      this.ack = this.value;
    }
    if (!has(t, i, ", win ")) return false;
    i = this.digits(this.text, i + ", win ".length, U32_DIGITS);
    if (i < 0) return false;
    this.win = this.value;
    this.tsval = this.tsecr = undefined;
    this.optionsStart = this.optionsEnd = NONE;
    if (has(t, i, ", options [")) {
      i = this.optionsAt(i + ", options [".length);
      if (i < 0) return false;
    }
    if (!has(t, i, ", length ")) return false;
    i = this.digits(this.text, i + ", length ".length, U32_DIGITS);
    if (i < 0) return false;
    this.len = this.value;
    return this.summary(i);
  }

  /** The options' items up to `]`: where the text after it starts, or NONE for an item not read here. */
  private optionsAt(i: number): number {
    const t = this.text;
    this.optionsStart = i;
    for (;;) {
      i = this.item(i);
      if (i < 0) return NONE;
      const c = t.charCodeAt(i);
      if (c === CLOSE_BRACKET) {
        this.optionsEnd = i;
        return i + 1;
      }
      if (c !== COMMA) return NONE;
      i++;
    }
  }

  /** One options item: `nop`, `eol`, `sackOK`, `mss N`, `wscale N`, `TS val N ecr N`, `sack N {a:b}...`; where it ends, or NONE. */
  private item(i: number): number {
    const t = this.text;
    if (has(t, i, "nop") || has(t, i, "eol")) return i + 3;
    if (has(t, i, "sackOK")) return i + "sackOK".length;
    if (has(t, i, "mss ")) return this.digits(this.text, i + "mss ".length, U32_DIGITS);
    if (has(t, i, "wscale ")) return this.digits(this.text, i + "wscale ".length, U32_DIGITS);
    if (has(t, i, "TS val ")) {
      i = this.digits(this.text, i + "TS val ".length, U32_DIGITS);
      if (i < 0 || !has(t, i, " ecr ")) return NONE;
      this.tsval = this.value;
      i = this.digits(this.text, i + " ecr ".length, U32_DIGITS);
      this.tsecr = this.value;
      return i;
    }
    if (has(t, i, "sack ")) {
      i = this.digits(this.text, i + "sack ".length, U32_DIGITS);
      if (i < 0 || t.charCodeAt(i) !== SPACE || t.charCodeAt(i + 1) !== OPEN_BRACE) return NONE;
      for (i++; t.charCodeAt(i) === OPEN_BRACE; i++) {
        i = this.digits(this.text, i + 1, U32_DIGITS);
        if (i < 0 || t.charCodeAt(i) !== COLON) return NONE;
        i = this.digits(this.text, i + 1, U32_DIGITS);
        if (i < 0 || t.charCodeAt(i) !== CLOSE_BRACE) return NONE;
      }
      return i;
    }
    return NONE;
  }

  /**
   * After `length N`: the end, or `: ` and a summary the grammar keeps as opaque text. Declined:
   * a summary with a bracket (tcpdump's truncation and length notes), a character outside
   * printable ASCII, a time stamp's fraction (a pasted session), a `)` at its end (a verbose
   * header's), blanks at its ends (the record's text is trimmed).
   */
  private summary(i: number): boolean {
    const t = this.text;
    const n = t.length;
    this.payloadStart = NONE;
    if (i === n) return true;
    if (t.charCodeAt(i) !== COLON || t.charCodeAt(i + 1) !== SPACE || i + 2 >= n) return false;
    const start = i + 2;
    if (t.charCodeAt(start) === SPACE || t.charCodeAt(n - 1) === SPACE || t.charCodeAt(n - 1) === CLOSE_PAREN) return false;
    for (let k = start; k < n; k++) {
      const c = t.charCodeAt(k);
      if (c < SPACE || c > 126 || c === OPEN_BRACKET || c === CLOSE_BRACKET) return false;
    }
    if (FRACTION.test(t.slice(start))) return false;
    this.payloadStart = start;
    return true;
  }

  /** A run of 1 to `max` digits of `t` from `i`: its value in `value`; where it ends, or NONE. */
  private digits(t: string, i: number, max: number): number {
    let value = 0;
    let k = i;
    for (let c = t.charCodeAt(k); c >= ZERO && c <= NINE; c = t.charCodeAt(++k)) value = value * 10 + c - ZERO;
    if (k === i || k - i > max) return NONE;
    this.value = value;
    return k;
  }

  /** What the item text[start, end) sets, as the grammar's setOptionValues does. */
  private optionValues(options: TcpOptions, start: number, end: number): void {
    const t = this.text;
    if (has(t, start, "mss ")) options.mss = this.valueAt(start + "mss ".length);
    else if (has(t, start, "wscale ")) options.wscale = this.valueAt(start + "wscale ".length);
    else if (has(t, start, "TS val ")) {
      options.tsval = this.tsval;
      options.tsecr = this.tsecr;
    } else if (has(t, start, "sackOK")) options.sackOK = true;
    else if (has(t, start, "sack ")) {
      const sack: [number, number][] = [];
      for (let i = t.indexOf("{", start); i >= 0 && i < end; i = t.indexOf("{", i)) {
        const left = this.valueAt(i + 1);
        i = t.indexOf(":", i);
        sack.push([left, this.valueAt(i + 1)]);
      }
      options.sack = sack;
    }
  }

  private valueAt(i: number): number {
    this.digits(this.text, i, U32_DIGITS);
    return this.value;
  }
}

/** Whether `literal` is in `text` at `i` (startsWith, without the builtin's call: most lines test a score of these). */
function has(text: string, i: number, literal: string): boolean {
  for (let k = 0; k < literal.length; k++) if (text.charCodeAt(i + k) !== literal.charCodeAt(k)) return false;
  return true;
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= ZERO && c <= NINE;
}
