import { classify } from "./classify.js";
import {
  BANNER,
  BARE_RECORD_START,
  INDENTED_SEGMENT,
  INNER_ONE_LINE,
  PASTED_START,
  PASTED_TAIL,
  RECORD_PREFIX,
  RECORD_START,
} from "./patterns.js";
import { endsWithVerboseHeader, innerVerboseHeader, isPlainRecordStart, mayBePasted, mentionsIcmp, trimEnd } from "./prefilters.js";
import type { PacketRecord, RecordPart, SkipCounts } from "./types.js";

/** A piece of a physical line on its way into a record. */
interface Piece {
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
    if (this.open?.pendingHeader && INDENTED_SEGMENT.test(line)) {
      this.joinPending({ line: lineNo, column: 4, text: line.slice(4) }, out);
      return out;
    }
    this.flushPending(out);
    if (this.isRecordStart(line, lineNo, out)) {
      this.closeOpen(out);
      this.startRecord({ line: lineNo, column: 0, text: trimEnd(line) }, out);
    }
    return out;
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
  private isRecordStart(line: string, lineNo: number, out: PacketRecord[]): boolean {
    if (isPlainRecordStart(line)) return (this.timed = true);
    if (line.trim() === "") {
      this.skipped.blank++;
    } else if (BANNER.test(line)) {
      this.skipped.banner++;
    } else if (this.pushPasted(line, lineNo, out)) {
      // handled as a pasted session
    } else if (this.startsRecord(line)) {
      return true;
    } else if (this.open) {
      this.pushContinuation(line, lineNo, out);
    } else {
      this.skipped.noise++;
    }
    return false;
  }

  private startsRecord(line: string): boolean {
    if (RECORD_START.test(line)) return (this.timed = true);
    return !this.timed && BARE_RECORD_START.test(line);
  }

  private startRecord(first: Piece, out: PacketRecord[]): void {
    this.open = { first, pendingIsOwn: false };
    if (endsWithVerboseHeader(first.text)) {
      this.open.pendingHeader = first;
      this.open.pendingIsOwn = true;
    } else {
      out.push(this.makeRecord([first]));
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
  private joinPending(tcpLine: Piece, out: PacketRecord[]): void {
    const open = this.open!;
    const header = open.pendingHeader!;
    open.pendingHeader = undefined;
    if (open.pendingIsOwn) {
      out.push(this.makeRecord([header, tcpLine]));
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
    if (open.pendingIsOwn) out.push(this.makeRecord([header]));
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

  private makeRecord(pieces: Piece[]): PacketRecord {
    const parts: RecordPart[] = [];
    let text = "";
    for (const piece of pieces) {
      if (text) text += " ";
      parts.push({ line: piece.line, column: piece.column, offset: text.length, length: piece.text.length });
      text += piece.text;
    }
    return { file: this.file, line: pieces[0].line, text, parts, ...classify(text) };
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
  let s = line.endsWith("\r") ? line.slice(0, -1) : line;
  if (s.includes("\r")) s = s.replace(/\r/g, "");
  if (s.includes("\t")) {
    const lead = /^\t*/.exec(s)![0];
    s = lead + s.slice(lead.length).replace(/\t/g, " ");
  }
  return s;
}
