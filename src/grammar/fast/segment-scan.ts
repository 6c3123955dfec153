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
 * read in one pass over the line's bytes (as read from the input, records/read.ts) into this
 * reused object: no string of the line, no tokens, no tree, no object per line. The only
 * strings it makes are hosts it has not seen lately and, when asked, the time stamp and a SYN's
 * options. It reads only what it is sure of and declines (false) anything else, for the grammar
 * to read: other time forms, names, IPv6 with `-v`, ECN, IP options and notes, `urg`, options
 * other than those below, a summary that holds brackets, a time stamp or anything but printable
 * ASCII, trailing blanks. Whatever it accepts, its fields are what the nearley grammar gives for
 * the record (the lines joined as the assembler joins them): test/grammar-fast/segment-scan.test.ts
 * runs every line of the repo's tcpdump texts through both.
 *
 * The field names are ParsedSegment's, so the packets stage reads a scan where it reads a segment.
 */
import { isDigit, timestampAt } from "../../records/bytes.js";
import { detached } from "../../records/detach.js";
import { IPV6_TOKEN, MAC } from "../lexer.js";
import { FNV_OFFSET, textHash } from "../text-hash.js";
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
const LAST_PRINTABLE = 126;

/** No such part in the line. */
const NONE = -1;
/** Digits of a 32-bit number at most (sequence numbers, windows, lengths, time stamps). */
const U32_DIGITS = 10;
const PORT_DIGITS = 5;

/** The lexer's own patterns at one place: an IPv6 host.port token, and the MAC address that would be lexed there first. */
const IPV6_AT = new RegExp(IPV6_TOKEN, "y");
const MAC_AT = new RegExp(MAC, "y");

/** tcpdump's flag letters (FORMAT.md 6.4), each with its bit. */
const FLAG_BITS = new Int32Array(128);
[..."FSRP.UEWe"].forEach((letter, i) => (FLAG_BITS[letter.charCodeAt(0)] = 1 << i));

/*
 * The literal texts of the line, each a test compiled to one comparison per byte (a loop over
 * the literal's characters, for the score of literals a line holds, was a third of the scan's
 * time) that says where the literal ends when it is there, else NONE.
 */
const WSCALE = literal("wscale ");
const SACK_OK = literal("sackOK");
const SACK = literal("sack ");
const MSS = literal("mss ");
const TS_VAL = literal("TS val ");
const NOP = literal("nop");
const NONE_FLAGS = literal("none");
const EOL = literal("eol");
const IP6 = literal("IP6 ");
const IP_TOS = literal("IP (tos 0x");
const IP = literal("IP ");
const FLAGS = literal(": Flags [");
const WIN = literal(", win ");
const TTL = literal(", ttl ");
const SEQ = literal(", seq ");
const PROTO_TCP_LENGTH = literal(", proto TCP (6), length ");
const OPTIONS = literal(", options [");
const OFFSET = literal(", offset ");
const LENGTH = literal(", length ");
const ID = literal(", id ");
const IP_FLAGS = literal(", flags [");
const CKSUM = literal(", cksum 0x");
const ACK = literal(", ack ");
const ECR = literal(" ecr ");
const TO = literal(" > ");
const INCORRECT = literal(" (incorrect -> 0x");
const CORRECT = literal(" (correct)");
const INDENT = literal("    ");

/**
 * The items the scan reads, each item's first word (the name an options layout gives it) and
 * its code: a list's kinds in order are coded 3 bits an item (optionLayout()), exact up to
 * MAX_CODED items.
 */
const KINDS = ["", "nop", "eol", "sackOK", "TS", "mss", "wscale", "sack"];
const KIND_NOP = 1;
const KIND_EOL = 2;
const KIND_SACK_OK = 3;
const KIND_TS = 4;
const KIND_MSS = 5;
const KIND_WSCALE = 6;
const KIND_SACK = 7;
const MAX_CODED = 17;

/** What readLine() read: nothing of the common shapes, a one-line record, a verbose header (its TCP line comes next). */
export const NO_LINE = 0;
export const ONE_LINE = 1;
export const HEADER_LINE = 2;

/** Hosts seen lately, by the digits of their dotted quad: a server's address is in half the lines, a client's in a connection's. */
const HOST_SLOTS = 4096;

const EMPTY = Buffer.alloc(0);

export class SegmentScan {
  /** The bytes of the line with the TCP part, read last (the whole record, or a verbose one's second line), and where it ends. */
  bytes: Buffer = EMPTY;
  end = 0;
  /** The bytes of the line the record starts with (the same line but for verbose records): the time stamp, and the IP header if any. */
  stampBytes: Buffer = EMPTY;
  stampStart = 0;
  /** Where the time stamp ends in stampBytes, and its numbers: hours, minutes, seconds, the fraction's value and digits. */
  timeEnd = 0;
  hours = 0;
  minutes = 0;
  seconds = 0;
  fraction = 0;
  fractionDigits = 0;
  /** Whether the record has a verbose IP header (readHeader()), and its fields; texts by where they are in stampBytes. */
  verbose = false;
  tosStart = NONE;
  tosEnd = NONE;
  ttl = 0;
  ipId = 0;
  ipOffset = 0;
  ipFlagsStart = NONE;
  ipFlagsEnd = NONE;
  ipLength = 0;
  /** The checksum's value and, when incorrect, what it should be (computed NONE when correct); start NONE without one. */
  cksumStart = NONE;
  cksumEnd = NONE;
  cksumComputedStart = NONE;
  cksumComputedEnd = NONE;
  family: 4 | 6 = 4;
  src = "";
  sport = 0;
  dst = "";
  dport = 0;
  /** The hosts' text hashes (textHash from FNV_OFFSET), kept with recent hosts: the packets stage keys endpoints by them. */
  srcHash = 0;
  dstHash = 0;
  /** Inside `Flags [...]`: one shared string per distinct text. */
  flags = "";
  win = 0;
  len = 0;
  /**
   * The sequence numbers and the TS option's values, NaN when the line has none: fields that
   * only ever hold numbers keep their doubles in place, where a field that may hold undefined
   * took a new heap number per line for each (most are above 2^31). Read as ParsedSegment's
   * fields through the getters below.
   */
  private seqValue = NaN;
  private seqEndValue = NaN;
  private ackValue = NaN;
  private tsvalValue = NaN;
  private tsecrValue = NaN;
  /** The options' items, from the first to the `]` (NONE without options). */
  optionsStart = NONE;
  optionsEnd = NONE;
  /**
   * What the options' items set, as the grammar's readOptions sets them, for a SYN's side
   * (connections/syn-side.ts), without the items' strings: the last `mss` and `wscale` values
   * (NaN without one), whether `sackOK` is there; every `TS` item carries its values.
   */
  optionMss = NaN;
  optionWscale = NaN;
  optionSackOK = false;
  optionTs = false;
  /** The items' kinds, coded (KINDS), and how many items. */
  private kindsCode = 0;
  private kindsCount = 0;
  /** optionLayout()'s texts by kinds code. */
  private readonly layouts = new Map<number, string>();
  /** The summary after `length N: ` (NONE without one). */
  payloadStart = NONE;
  /** The number digits() read last. */
  private value = 0;
  /** Flags texts by their letters' bits, so a line's flags cost no string. */
  private readonly flagTexts = new Map<number, string>();
  /** Recent IPv4 hosts: each slot's key (digits and their counts, see ipv4()) and text. */
  private readonly hostKeys = new Float64Array(HOST_SLOTS).fill(NaN);
  private readonly hostTexts = new Array<string>(HOST_SLOTS).fill("");
  private readonly hostHashes = new Int32Array(HOST_SLOTS);

  get seq(): number | undefined {
    return present(this.seqValue);
  }

  get seqEnd(): number | undefined {
    return present(this.seqEndValue);
  }

  get ack(): number | undefined {
    return present(this.ackValue);
  }

  get tsval(): number | undefined {
    return present(this.tsvalValue);
  }

  get tsecr(): number | undefined {
    return present(this.tsecrValue);
  }

  /** Reads the one-line record bytes[start, end); false when it is not the common shape (then nothing here is to be read). */
  read(bytes: Buffer, start: number, end: number): boolean {
    this.line(bytes, start, end);
    const i = this.time();
    return i >= 0 && this.oneLine(i);
  }

  /**
   * Reads a verbose IPv4 header line, bytes[start, end), which waits for its TCP line
   * (readIndented()); false when it is not the common one (then the record is the grammar's).
   */
  readHeader(bytes: Buffer, start: number, end: number): boolean {
    this.stampBytes = bytes;
    this.stampStart = start;
    let i = this.time();
    return i >= 0 && (i = IP_TOS(bytes, i)) >= 0 && this.header(i, end);
  }

  /**
   * read() or readHeader() of the line, whichever it is, its time stamp read once (a -v
   * capture has a header line a packet): ONE_LINE, HEADER_LINE, or NO_LINE for neither. A
   * header's `IP (tos` is never a one-line record's `IP ` and an address.
   */
  readLine(bytes: Buffer, start: number, end: number): number {
    this.line(bytes, start, end);
    const i = this.time();
    if (i < 0) return NO_LINE;
    const tos = IP_TOS(bytes, i);
    if (tos >= 0) return this.header(tos, end) ? HEADER_LINE : NO_LINE;
    return this.oneLine(i) ? ONE_LINE : NO_LINE;
  }

  /** A line to read from its start: its time stamp and, if it is one, its TCP part. */
  private line(bytes: Buffer, start: number, end: number): void {
    this.bytes = this.stampBytes = bytes;
    this.stampStart = start;
    this.end = end;
    this.verbose = false;
  }

  /** A one-line record after its time stamp, from `i`. */
  private oneLine(i: number): boolean {
    const bytes = this.bytes;
    let at = IP(bytes, i);
    if (at >= 0) this.family = 4;
    else if ((at = IP6(bytes, i)) >= 0) this.family = 6;
    else return false;
    return this.tcpPart(at);
  }

  /** A verbose IPv4 header line after its `IP (tos 0x`, from `i`, to `end`. */
  private header(i: number, end: number): boolean {
    const bytes = this.stampBytes;
    this.tosStart = i - "0x".length;
    if ((i = hexEnd(bytes, i)) < 0) return false;
    this.tosEnd = i;
    if ((i = this.numberAfter(TTL, bytes, i)) < 0) return false;
    this.ttl = this.value;
    if ((i = this.numberAfter(ID, bytes, i)) < 0) return false;
    this.ipId = this.value;
    if ((i = this.numberAfter(OFFSET, bytes, i)) < 0) return false;
    this.ipOffset = this.value;
    if ((i = IP_FLAGS(bytes, i)) < 0) return false;
    this.ipFlagsStart = i;
    while (i < end && isPrintable(bytes[i]) && bytes[i] !== CLOSE_BRACKET) i++;
    if (bytes[i] !== CLOSE_BRACKET) return false;
    this.ipFlagsEnd = i++;
    if ((i = this.numberAfter(PROTO_TCP_LENGTH, bytes, i)) < 0) return false;
    this.ipLength = this.value;
    return bytes[i] === CLOSE_PAREN && i + 1 === end;
  }

  /**
   * Reads the TCP line, bytes[start, end), of the header readHeader() read last (four spaces,
   * then the TCP part): the two lines are one record. False when it is not the common shape.
   */
  readIndented(bytes: Buffer, start: number, end: number): boolean {
    this.bytes = bytes;
    this.end = end;
    this.verbose = true;
    this.family = 4;
    const at = INDENT(bytes, start);
    return at >= 0 && this.tcpPart(at);
  }

  /** Text of the TCP part's line, or of the stamp's line. */
  text(start: number, end: number): string {
    return this.bytes.toString("latin1", start, end);
  }

  stampText(start: number, end: number): string {
    return this.stampBytes.toString("latin1", start, end);
  }

  /**
   * The options as the grammar gives them (its readOptions): every item's text, and the values
   * of the options an analysis needs, set in the items' order. Built when asked: a SYN's side
   * keeps them, other segments need only the TS values above.
   */
  options(): TcpOptions | undefined {
    if (this.optionsStart === NONE) return undefined;
    const b = this.bytes;
    const options: TcpOptions = { list: [] };
    for (let start = this.optionsStart; start < this.optionsEnd; ) {
      let end = b.indexOf(COMMA, start);
      if (end < 0 || end > this.optionsEnd) end = this.optionsEnd;
      options.list.push(this.text(start, end));
      this.optionValues(options, start, end);
      start = end + 1;
    }
    return options;
  }

  /**
   * The options' kinds in order, each item's first word, comma-separated (`mss,sackOK,TS,nop,wscale`):
   * one shared string per list of kinds. Undefined without options, or for a list of more than
   * MAX_CODED items (then the options() strings tell).
   */
  optionLayout(): string | undefined {
    if (this.optionsStart === NONE || this.kindsCount > MAX_CODED) return undefined;
    let layout = this.layouts.get(this.kindsCode);
    if (layout === undefined) {
      const kinds: string[] = [];
      for (let code = this.kindsCode; code > 0; code = Math.floor(code / 8)) kinds.unshift(KINDS[code % 8]);
      layout = kinds.join(",");
      this.layouts.set(this.kindsCode, layout);
    }
    return layout;
  }

  /** `, cksum 0xH (correct)` or `(incorrect -> 0xH)`, only after a verbose header; where the text after it starts, or NONE. */
  private checksum(i: number): number {
    const b = this.bytes;
    this.cksumStart = this.cksumComputedStart = NONE;
    const value = this.verbose ? CKSUM(b, i) : NONE;
    if (value < 0) return i;
    const end = hexEnd(b, value);
    if (end < 0) return NONE;
    let after = CORRECT(b, end);
    if (after < 0) {
      const computed = INCORRECT(b, end);
      const computedEnd = computed < 0 ? NONE : hexEnd(b, computed);
      if (computedEnd < 0 || b[computedEnd] !== CLOSE_PAREN) return NONE;
      this.cksumComputedStart = computed - "0x".length;
      this.cksumComputedEnd = computedEnd;
      after = computedEnd + 1;
    }
    this.cksumStart = value - "0x".length;
    this.cksumEnd = end;
    return after;
  }

  /** `SRC.PORT > DST.PORT: Flags [..]` and what follows, from `i`, to the end of the line. */
  private tcpPart(i: number): boolean {
    const b = this.bytes;
    i = this.family === 4 ? this.ipv4(i, true) : this.ipv6(i, true);
    if (i < 0 || (i = TO(b, i)) < 0) return false;
    i = this.family === 4 ? this.ipv4(i, false) : this.ipv6(i, false);
    if (i < 0 || (i = FLAGS(b, i)) < 0) return false;
    i = this.flagsAt(i);
    if (i < 0) return false;
    i = this.checksum(i);
    return i >= 0 && this.numbers(i);
  }

  /** `hh:mm:ss.` and 6 to 9 digits, then a space, at the start of the stamp's line; where the network keyword starts, or NONE. */
  private time(): number {
    const b = this.stampBytes;
    const s = this.stampStart;
    if (!(isDigit(b[s]) && isDigit(b[s + 1]) && b[s + 2] === COLON && isDigit(b[s + 3]) && isDigit(b[s + 4]) && b[s + 5] === COLON && isDigit(b[s + 6]) && isDigit(b[s + 7]) && b[s + 8] === DOT)) return NONE;
    const i = this.digits(b, s + 9, 9);
    if (i < 0 || i - s - 9 < 6 || b[i] !== SPACE) return NONE;
    this.timeEnd = i;
    this.hours = (b[s] - ZERO) * 10 + b[s + 1] - ZERO;
    this.minutes = (b[s + 3] - ZERO) * 10 + b[s + 4] - ZERO;
    this.seconds = (b[s + 6] - ZERO) * 10 + b[s + 7] - ZERO;
    this.fraction = this.value;
    this.fractionDigits = i - s - 9;
    return i + 1;
  }

  /**
   * A dotted quad and its port from `i`; where they end, or NONE. The host's text is a recent
   * one's when its key matches: each octet's value and digit count (`10` and `010` differ),
   * 12 bits an octet, exact in a double.
   */
  private ipv4(i: number, source: boolean): number {
    const b = this.bytes;
    const start = i;
    let key = 0;
    for (let octet = 0; octet < 4; octet++) {
      const end = this.digits(b, i, 3);
      if (end < 0 || b[end] !== DOT) return NONE;
      key = key * 4096 + (end - i) * 1024 + this.value;
      i = end + 1;
    }
    const dot = i - 1;
    const end = this.digits(b, i, PORT_DIGITS);
    if (end < 0) return NONE;
    const slot = (key ^ (key / HOST_SLOTS)) & (HOST_SLOTS - 1);
    if (this.hostKeys[slot] !== key) {
      const host = (this.hostTexts[slot] = b.toString("latin1", start, dot));
      this.hostHashes[slot] = textHash(FNV_OFFSET, host);
      this.hostKeys[slot] = key;
    }
    this.setEnd(source, this.hostTexts[slot], this.hostHashes[slot], this.value);
    return end;
  }

  /** An IPv6 address and its port from `i`, one token of the lexer's; where they end, or NONE. */
  private ipv6(i: number, source: boolean): number {
    const b = this.bytes;
    let end = i;
    while (end < this.end && isPrintable(b[end]) && b[end] !== SPACE) end++;
    // the lexer's patterns, on the text up to the first blank (a token never holds one)
    const token = b.toString("latin1", i, end);
    MAC_AT.lastIndex = 0;
    if (MAC_AT.test(token)) return NONE;
    IPV6_AT.lastIndex = 0;
    if (!IPV6_AT.test(token)) return NONE;
    const length = IPV6_AT.lastIndex;
    const dot = token.lastIndexOf(".", length - 1);
    // the port: the token's `.port`, all digits
    if (dot <= 0 || this.digits(b, i + dot + 1, PORT_DIGITS) !== i + length) return NONE;
    const host = token.slice(0, dot);
    this.setEnd(source, host, textHash(FNV_OFFSET, host), this.value);
    return i + length;
  }

  private setEnd(source: boolean, host: string, hash: number, port: number): void {
    if (source) {
      this.src = host;
      this.srcHash = hash;
      this.sport = port;
    } else {
      this.dst = host;
      this.dstHash = hash;
      this.dport = port;
    }
  }

  /** The flags' letters up to `]` (or `none`); where the text after `]` starts, or NONE. */
  private flagsAt(start: number): number {
    const b = this.bytes;
    let bits = 0;
    let i = start;
    for (let c = b[i]; c < 128 && FLAG_BITS[c] !== 0; c = b[++i]) {
      if (bits & FLAG_BITS[c]) return NONE;
      bits |= FLAG_BITS[c];
    }
    if (i === start && (i = NONE_FLAGS(b, i)) < 0) return NONE;
    if (b[i] !== CLOSE_BRACKET) return NONE;
    // Letters in another order are another text: the key is the bits and the length, the text compared.
    const key = bits * 16 + (i - start);
    let flags = this.flagTexts.get(key);
    if (flags === undefined || !has(b, start, flags)) {
      flags = detached(b.toString("latin1", start, i));
      this.flagTexts.set(key, flags);
    }
    this.flags = flags;
    return i + 1;
  }

  /** From after `Flags [..]`: seq, ack, win, options, length and the summary, to the end. */
  private numbers(i: number): boolean {
    const b = this.bytes;
    this.seqValue = this.seqEndValue = this.ackValue = NaN;
    const seq = SEQ(b, i);
    if (seq >= 0) {
      i = this.digits(b, seq, U32_DIGITS);
      if (i < 0) return false;
      this.seqValue = this.value;
      if (b[i] === COLON) {
        i = this.digits(b, i + 1, U32_DIGITS);
        if (i < 0) return false;
        this.seqEndValue = this.value;
      }
    }
    const ack = ACK(b, i);
    if (ack >= 0) {
      i = this.digits(b, ack, U32_DIGITS);
      if (i < 0) return false;
      this.ackValue = this.value;
    }
    if ((i = this.numberAfter(WIN, b, i)) < 0) return false;
    this.win = this.value;
    this.tsvalValue = this.tsecrValue = NaN;
    this.optionsStart = this.optionsEnd = NONE;
    this.optionMss = this.optionWscale = NaN;
    this.optionSackOK = this.optionTs = false;
    this.kindsCode = this.kindsCount = 0;
    const options = OPTIONS(b, i);
    if (options >= 0 && (i = this.optionsAt(options)) < 0) return false;
    if ((i = this.numberAfter(LENGTH, b, i)) < 0) return false;
    this.len = this.value;
    return this.summary(i);
  }

  /** The options' items up to `]`: where the text after it starts, or NONE for an item not read here. */
  private optionsAt(i: number): number {
    const b = this.bytes;
    this.optionsStart = i;
    for (;;) {
      i = this.item(i);
      if (i < 0) return NONE;
      const c = b[i];
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
    const b = this.bytes;
    let at = NOP(b, i);
    if (at >= 0) return this.kind(KIND_NOP, at);
    if ((at = EOL(b, i)) >= 0) return this.kind(KIND_EOL, at);
    if ((at = SACK_OK(b, i)) >= 0) {
      this.optionSackOK = true;
      return this.kind(KIND_SACK_OK, at);
    }
    if ((at = TS_VAL(b, i)) >= 0) {
      i = this.digits(b, at, U32_DIGITS);
      if (i < 0) return NONE;
      this.tsvalValue = this.value;
      i = this.numberAfter(ECR, b, i);
      this.tsecrValue = this.value;
      this.optionTs = true;
      return this.kind(KIND_TS, i);
    }
    if ((at = MSS(b, i)) >= 0) {
      i = this.digits(b, at, U32_DIGITS);
      this.optionMss = this.value;
      return this.kind(KIND_MSS, i);
    }
    if ((at = WSCALE(b, i)) >= 0) {
      i = this.digits(b, at, U32_DIGITS);
      this.optionWscale = this.value;
      return this.kind(KIND_WSCALE, i);
    }
    if ((at = SACK(b, i)) >= 0) {
      i = this.digits(b, at, U32_DIGITS);
      if (i < 0 || b[i] !== SPACE || b[i + 1] !== OPEN_BRACE) return NONE;
      for (i++; b[i] === OPEN_BRACE; i++) {
        i = this.digits(b, i + 1, U32_DIGITS);
        if (i < 0 || b[i] !== COLON) return NONE;
        i = this.digits(b, i + 1, U32_DIGITS);
        if (i < 0 || b[i] !== CLOSE_BRACE) return NONE;
      }
      return this.kind(KIND_SACK, i);
    }
    return NONE;
  }

  /** An item of kind `kind` read, ending at `end` (NONE: not read): counted into the kinds' code. */
  private kind(kind: number, end: number): number {
    this.kindsCode = this.kindsCode * 8 + kind;
    this.kindsCount++;
    return end;
  }

  /**
   * After `length N`: the end, or `: ` and a summary the grammar keeps as opaque text. Declined:
   * a summary with a bracket (tcpdump's truncation and length notes), a byte outside printable
   * ASCII, a time stamp (a pasted session, records/prefilters.ts; a `.` and digits that are none,
   * as in a file name, are taken: records/bytes.ts timestampAt), a `)` at its end (a verbose
   * header's), blanks at its ends (the record's text is trimmed).
   */
  private summary(i: number): boolean {
    const b = this.bytes;
    const n = this.end;
    this.payloadStart = NONE;
    if (i === n) return true;
    if (b[i] !== COLON || b[i + 1] !== SPACE || i + 2 >= n) return false;
    const start = i + 2;
    if (b[start] === SPACE || b[n - 1] === SPACE || b[n - 1] === CLOSE_PAREN) return false;
    for (let k = start; k < n; k++) {
      const c = b[k];
      if (!isPrintable(c) || c === OPEN_BRACKET || c === CLOSE_BRACKET || (c === DOT && timestampAt(b, k, start, n))) return false;
    }
    this.payloadStart = start;
    return true;
  }

  /** A run of 1 to `max` digits of `b` from `i`: its value in `value`; where it ends, or NONE. */
  private digits(b: Buffer, i: number, max: number): number {
    let value = 0;
    let k = i;
    for (let c = b[k]; c >= ZERO && c <= NINE; c = b[++k]) value = value * 10 + c - ZERO;
    if (k === i || k - i > max) return NONE;
    this.value = value;
    return k;
  }

  /** What the item bytes[start, end) sets, as the grammar's setOptionValues does. */
  private optionValues(options: TcpOptions, start: number, end: number): void {
    const b = this.bytes;
    let at: number;
    if ((at = MSS(b, start)) >= 0) options.mss = this.valueAt(at);
    else if ((at = WSCALE(b, start)) >= 0) options.wscale = this.valueAt(at);
    else if (TS_VAL(b, start) >= 0) {
      options.tsval = this.tsval;
      options.tsecr = this.tsecr;
    } else if (SACK_OK(b, start) >= 0) options.sackOK = true;
    else if (SACK(b, start) >= 0) {
      const sack: [number, number][] = [];
      for (let i = b.indexOf(OPEN_BRACE, start); i >= 0 && i < end; i = b.indexOf(OPEN_BRACE, i)) {
        const left = this.valueAt(i + 1);
        i = b.indexOf(COLON, i);
        sack.push([left, this.valueAt(i + 1)]);
      }
      options.sack = sack;
    }
  }

  /** The number after `literal` at `i`: where it ends (its value in `value`), or NONE. */
  private numberAfter(literal: Literal, b: Buffer, i: number): number {
    const at = literal(b, i);
    return at < 0 ? NONE : this.digits(b, at, U32_DIGITS);
  }

  private valueAt(i: number): number {
    this.digits(this.bytes, i, U32_DIGITS);
    return this.value;
  }
}

/** A number the line has, or undefined for NaN (none). */
const present = (n: number): number | undefined => (n === n ? n : undefined);

/** Where a literal text ends when it is in a line's bytes at `i`, else NONE. */
type Literal = (b: Buffer, i: number) => number;

/** The Literal test of `text`, compiled from its characters. */
function literal(text: string): Literal {
  const tests = [...text].map((c, k) => `b[i + ${k}] === ${c.charCodeAt(0)}`);
  return new Function("b", "i", `return ${tests.join(" && ")} ? i + ${text.length} : ${NONE};`) as Literal;
}

/** Where a run of hex digits from `i` ends, or NONE when there is none. */
function hexEnd(b: Buffer, i: number): number {
  let k = i;
  while (isHex(b[k])) k++;
  return k === i ? NONE : k;
}

/** Whether `literal` is in `b` at `i`. */
function has(b: Buffer, i: number, literal: string): boolean {
  for (let k = 0; k < literal.length; k++) if (b[i + k] !== literal.charCodeAt(k)) return false;
  return true;
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isPrintable(c: number): boolean {
  return c >= SPACE && c <= LAST_PRINTABLE;
}
