import { classify, hasTcpPart, otherProtocol } from "./classify.js";
import {
  BANNER,
  BARE_RECORD_START,
  INNER_ONE_LINE,
  PASTED_START,
  PASTED_TAIL,
  RECORD_PREFIX,
  RECORD_START,
} from "./patterns.js";
import {
  endsWithVerboseHeader,
  indentedSegment,
  innerVerboseHeader,
  mayBePasted,
  mentionsIcmp,
  plainRecordStart,
  trimEnd,
  type RecordStart,
} from "./prefilters.js";
import type { PacketRecord, RecordPart, SkipCounts } from "./types.js";

/** A piece of a physical line on its way into a record. */
export interface Piece {
  line: number;
  column: number;
  text: string;
}

/** The record being built: its first line waits here for a possible continuation line. */
interface OpenRecord {
  /** The first line; its number + timestamp text is prefixed to tunnelled inner packets. */
  first: Piece;
  /**
   * An ICMP error quotes a datagram: its inner TCP header is not a real segment. Looked up
   * when the first continuation line comes (most records have none).
   */
  quotesDatagram?: boolean;
  /** A verbose IPv4 header (first line or inner) waiting for its TCP line. */
  pendingHeader?: Piece;
  /** The waiting header is the record's own first line (not an inner packet). */
  pendingIsOwn: boolean;
}

/**
 * Turns tcpdump's text, line by line, into packet records (FORMAT.md sections 2 and 8): joins
 * a verbose IPv4 header with its indented TCP line, cuts pasted lines that hold a whole
 * terminal session back into packets, makes records of tunnelled inner packets, and counts
 * what it skips. Records come out as soon as they are complete, so a live pipe flows.
 */
export class RecordAssembler {
  readonly skipped: SkipCounts = { banner: 0, continuation: 0, blank: 0, noise: 0 };
  lines = 0;
  private open?: OpenRecord;
  /** Whether a record with a number or timestamp has been seen (then -t starts are not trusted). */
  private timed = false;

  constructor(readonly file: string) {}

  /** Feeds one physical line (without its line end); returns the records it completes. */
  push(rawLine: string): PacketRecord[] {
    const lineNo = ++this.lines;
    const line = normalise(rawLine);
    const out: PacketRecord[] = [];
    const segment = this.open?.pendingHeader ? indentedSegment(line) : undefined;
    if (segment) {
      this.joinPending({ line: lineNo, column: 4, text: line.slice(4) }, out, segment === "tcp");
      return out;
    }
    this.flushPending(out);
    const start = this.recordStart(line, lineNo, out);
    if (start) {
      this.closeOpen(out);
      this.startRecord({ line: lineNo, column: 0, text: trimEnd(line) }, out, start === "tcp");
    }
    return out;
  }

  /**
   * Whether the fast lane may give a line to pushFirstLine(): not while a verbose header waits
   * for its TCP line, which push() would complete first.
   */
  get takesWholeLine(): boolean {
    return this.open?.pendingHeader === undefined;
  }

  /**
   * The fast lane's ways in (packets/lane.ts), for lines it read whole: each does what push()
   * does with such a line, without building the record, and returns the number of the line
   * the record starts on. pushFirstLine() takes a timestamped line as a piece whose text is made
   * when read (at column 0, numbered the next line), kept as the open record for the lines that
   * may follow: a TCP line complete on its own, or a verbose IPv4 header (`header`), which waits
   * for its TCP line (push() or pushJoinedLine()).
   */
  pushFirstLine(first: Piece, header: boolean): number {
    this.timed = true;
    // the open record of the line before, if any, is done with: its object is filled again (one fewer a packet)
    const open = (this.open ??= { first, quotesDatagram: undefined, pendingHeader: undefined, pendingIsOwn: false });
    open.first = first;
    open.quotesDatagram = undefined;
    open.pendingHeader = header ? first : undefined;
    open.pendingIsOwn = header;
    return ++this.lines;
  }

  /** The indented TCP line of the header pushFirstLine() took on the line before: the two make the record. */
  pushJoinedLine(): number {
    ++this.lines;
    const open = this.open!;
    open.pendingHeader = undefined;
    return open.first.line;
  }

  /** Whether a record is open and no header waits: then a continuation line belongs to it (skipContinuation()). */
  get holdsRecord(): boolean {
    return this.open !== undefined && this.open.pendingHeader === undefined;
  }

  /** A line that push() would count as a skipped continuation line (continuation.ts tells which), counted so without its text. */
  skipContinuation(): void {
    this.lines++;
    this.skipped.continuation++;
  }

  /**
   * A blank line (bytes.ts isBlankLine) while no header waits (takesWholeLine): push() would
   * count it as blank and do nothing else, as here, without its text.
   */
  skipBlank(): void {
    this.lines++;
    this.skipped.blank++;
  }

  /** End of input: completes the last record. */
  end(): PacketRecord[] {
    const out: PacketRecord[] = [];
    this.closeOpen(out);
    return out;
  }

  /** Lines (or pasted pieces of lines) that carried no packet. */
  get skippedLines(): number {
    const s = this.skipped;
    return s.banner + s.continuation + s.blank + s.noise;
  }

  /** Whether the line starts a record; any other line is handled here (counted, cut, joined). */
  private recordStart(line: string, lineNo: number, out: PacketRecord[]): RecordStart | undefined {
    const plain = plainRecordStart(line);
    if (plain) {
      this.timed = true;
      return plain;
    }
    if (line.trim() === "") {
      this.skipped.blank++;
    } else if (BANNER.test(line)) {
      this.skipped.banner++;
    } else if (this.pushPasted(line, lineNo, out)) {
      // handled as a pasted session
    } else if (this.startsRecord(line)) {
      return "record";
    } else if (this.open) {
      this.pushContinuation(line, lineNo, out);
    } else {
      this.skipped.noise++;
    }
    return undefined;
  }

  private startsRecord(line: string): boolean {
    if (RECORD_START.test(line)) return (this.timed = true);
    return !this.timed && BARE_RECORD_START.test(line);
  }

  /** `knownTcp`: the first line is already known to carry a TCP part (then so does the record). */
  private startRecord(first: Piece, out: PacketRecord[], knownTcp = false): void {
    // every field set here, so that all open records share one object shape
    this.open = { first, quotesDatagram: undefined, pendingHeader: undefined, pendingIsOwn: false };
    if (endsWithVerboseHeader(first.text)) {
      this.open.pendingHeader = first;
      this.open.pendingIsOwn = true;
    } else {
      out.push(this.makeLineRecord(first, knownTcp));
    }
  }

  private pushContinuation(line: string, lineNo: number, out: PacketRecord[]): void {
    const open = this.open!;
    open.quotesDatagram ??= mentionsIcmp(open.first.text);
    if (mentionsIcmp(line)) open.quotesDatagram = true;
    const inner = innerVerboseHeader(line);
    if (inner && !open.quotesDatagram) {
      open.pendingHeader = { line: lineNo, column: inner.index, text: inner[0] };
      open.pendingIsOwn = false;
      return;
    }
    if (INNER_ONE_LINE.test(line) && !open.quotesDatagram && classify(line).kind === "tcp") {
      out.push(this.makeInner({ line: lineNo, column: 0, text: line.trimEnd() }));
      return;
    }
    this.skipped.continuation++;
  }

  /** Joins the waiting verbose header with its TCP line into one record. */
  private joinPending(tcpLine: Piece, out: PacketRecord[], knownTcp: boolean): void {
    const open = this.open!;
    const header = open.pendingHeader!;
    open.pendingHeader = undefined;
    if (open.pendingIsOwn) {
      out.push(this.makeRecord([header, tcpLine], knownTcp));
    } else if (classify(tcpLine.text).kind === "tcp") {
      out.push(this.makeInner(header, tcpLine));
    } else {
      this.skipped.continuation += 2;
    }
  }

  /** A waiting header whose TCP line never came is still a record (or skipped continuation). */
  private flushPending(out: PacketRecord[]): void {
    const open = this.open;
    if (!open?.pendingHeader) return;
    const header = open.pendingHeader;
    open.pendingHeader = undefined;
    if (open.pendingIsOwn) out.push(this.makeLineRecord(header));
    else this.skipped.continuation++;
  }

  private closeOpen(out: PacketRecord[]): void {
    this.flushPending(out);
    this.open = undefined;
  }

  /** A tunnelled inner packet: the outer record's number and timestamp, then the inner text. */
  private makeInner(...pieces: Piece[]): PacketRecord {
    const open = this.open!;
    const first = open.first;
    const prefix = RECORD_PREFIX.exec(first.text)?.[0] ?? "";
    const trimmed = pieces.map((p) => {
      const lead = p.text.length - p.text.trimStart().length;
      return { ...p, column: p.column + lead, text: p.text.trimStart() };
    });
    const prefixPiece = { line: first.line, column: first.column, text: prefix.trimEnd() };
    return this.makeRecord(prefix.trim() ? [prefixPiece, ...trimmed] : trimmed);
  }

  /** `knownTcp`: a piece is already known to carry a TCP part (then so does the joined text). */
  private makeRecord(pieces: Piece[], knownTcp = false): PacketRecord {
    const parts: RecordPart[] = [];
    let text = "";
    for (const piece of pieces) {
      if (text) text += " ";
      parts.push({ line: piece.line, column: piece.column, offset: text.length, length: piece.text.length });
      text += piece.text;
    }
    return this.finishRecord(pieces[0].line, text, parts, knownTcp);
  }

  /** makeRecord([piece]) for the common record of one piece, without the array and the loop. */
  private makeLineRecord(piece: Piece, knownTcp = false): PacketRecord {
    const part = { line: piece.line, column: piece.column, offset: 0, length: piece.text.length };
    return this.finishRecord(piece.line, piece.text, [part], knownTcp);
  }

  /** The record with classify()'s fields, without building and copying classify's object. */
  private finishRecord(line: number, text: string, parts: RecordPart[], knownTcp: boolean): PacketRecord {
    if (knownTcp || hasTcpPart(text)) return { file: this.file, line, text, parts, kind: "tcp" };
    return { file: this.file, line, text, parts, kind: "other", protocol: otherProtocol(text) };
  }

  /**
   * A line holding a pasted terminal session (prompt, command, banner, packets, `^C`, counts,
   * next prompt all on one line): cut it back into packets at the timestamps.
   */
  private pushPasted(line: string, lineNo: number, out: PacketRecord[]): boolean {
    if (!mayBePasted(line)) return false;
    const starts = [...line.matchAll(PASTED_START)].map((m) => m.index!);
    if (starts.length === 0 || (starts.length === 1 && RECORD_START.test(line))) return false;
    this.timed = true;
    this.closeOpen(out);
    if (line.slice(0, starts[0]).trim()) this.skipped.noise++;
    starts.forEach((start, i) => {
      let text = line.slice(start, starts[i + 1] ?? line.length).trimEnd();
      if (i === starts.length - 1 && PASTED_TAIL.test(text)) {
        text = text.replace(PASTED_TAIL, "");
        this.skipped.noise++;
      }
      this.closeOpen(out);
      this.startRecord({ line: lineNo, column: start, text }, out);
    });
    this.closeOpen(out);
    return true;
  }
}

/** Windows line ends and stray CRs go; a TAB inside a line (not leading) becomes a space. */
function normalise(line: string): string {
  const s = line.includes("\r") ? line.replace(/\r/g, "") : line;
  let lead = 0;
  while (s.charCodeAt(lead) === 9) lead++;
  // most TABs lead a payload line (-A, -X): then the line is kept as it is, not rebuilt
  return s.indexOf("\t", lead) < 0 ? s : s.slice(0, lead) + s.slice(lead).replace(/\t/g, " ");
}
