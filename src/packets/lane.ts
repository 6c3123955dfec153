import { scannedSegment } from "../grammar/fast/scanned-segment.js";
import { HEADER_LINE, ONE_LINE, SegmentScan } from "../grammar/fast/segment-scan.js";
import { isBlankLine, isPlainContinuation, type Piece, type RecordAssembler } from "../records/index.js";
import { packetOf } from "./key-order.js";
import { absoluteNumbers } from "./sequence.js";
import type { PacketReader } from "./reader.js";
import type { Packet, ScannedPacket } from "./types.js";

/**
 * The fast lane (issue 6, docs/performance.md): a record of the common shape (one line, or a
 * verbose header and its TCP line) goes from its text to a reused ScannedPacket in one pass
 * (grammar/fast/segment-scan.ts), past the record, the token list, the ParsedSegment, the
 * Packet and the event that the regular way makes of it.
 * The regular way stays the definition: the lane takes a line only when the scan is sure of it
 * and the assembler and the reader are in a state where the line would come out of them alone,
 * and what it gives equals what they give (test/packets/lane.test.ts).
 */
export class FastLane {
  private readonly scan = new SegmentScan();
  /** The line of the verbose header the lane took last (0: none), which waits for its TCP line. */
  private headerLine = 0;
  /** The record the lane took last, as the assembler keeps it open: its first line, as text only if asked. */
  private readonly first = new LazyLine();

  constructor(
    private readonly assembler: RecordAssembler,
    private readonly reader: PacketReader,
  ) {}

  /**
   * Takes the line bytes[start, end) if it can: returns its packet, valid until the next call,
   * or null when the line gives none: a verbose header the lane keeps for the TCP line that
   * follows, a continuation line it counts (records/continuation.ts), or a blank one.
   * Undefined when the line is left to the regular way (the assembler's state then is as if
   * push() had had every line before it).
   */
  take(bytes: Buffer, start: number, end: number): ScannedPacket | null | undefined {
    const assembler = this.assembler;
    if (!this.reader.takesScanned) return undefined;
    if (assembler.takesWholeLine) {
      const line = this.scan.readLine(bytes, start, end);
      if (line === ONE_LINE) return this.reader.pushScanned(this.scan, assembler.pushFirstLine(this.first.set(bytes, start, end, assembler.lines + 1), false));
      if (line === HEADER_LINE) {
        this.headerLine = assembler.pushFirstLine(this.first.set(bytes, start, end, assembler.lines + 1), true);
        return null;
      }
      if (isBlankLine(bytes, start, end)) {
        assembler.skipBlank();
        return null;
      }
      // a continuation line starts with a TAB, never with a time stamp
      if (!assembler.holdsRecord || !isPlainContinuation(bytes, start, end)) return undefined;
      assembler.skipContinuation();
      return null;
    }
    // the header before this line is the lane's own when no line came between
    if (this.headerLine !== assembler.lines || !this.scan.readIndented(bytes, start, end)) return undefined;
    return this.reader.pushScanned(this.scan, assembler.pushJoinedLine());
  }
}

/**
 * The Packet of a line the lane took, the one push() would have made of it, for a reader that
 * keeps or prints every packet (`hs-report packets`). The lane takes numeric ports only, so
 * there are no port names to look up (emitPacket()).
 */
export const packetOfScanned = (p: ScannedPacket, file: string): Packet =>
  packetOf(scannedSegment(p.scan), file, p.line, p.t, undefined, undefined, p.relative, absoluteNumbers(p.abs));

/**
 * The first line of the record the lane took last, for the assembler's open record: the
 * assembler reads its text only when other lines follow that need it (continuation lines, a
 * header whose TCP line the lane did not take), so the text is made then, once.
 */
class LazyLine implements Piece {
  line = 0;
  readonly column = 0;
  private bytes!: Buffer;
  private start = 0;
  private end = 0;
  private made?: string;

  set(bytes: Buffer, start: number, end: number, line: number): this {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    this.line = line;
    this.made = undefined;
    return this;
  }

  /** The lane takes only printable ASCII: its bytes are its characters. */
  get text(): string {
    return (this.made ??= this.bytes.toString("latin1", this.start, this.end));
  }
}
