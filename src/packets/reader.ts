import { parseSegmentFast } from "../grammar/index.js";
import type { SegmentScan } from "../grammar/fast/segment-scan.js";
import type { ParseResult, ParsedSegment } from "../grammar/types.js";
import { locate } from "../records/locate.js";
import type { PacketRecord } from "../records/types.js";
import { packetOf } from "./key-order.js";
import { pairHashOfHosts, SequenceTracker } from "./sequence.js";
import { SERVICE_PORTS } from "./services.js";
import { clockOf, readRecordTime, recordDelta, TimeLine } from "./time.js";
import type { AbsoluteReading, Packet, ScannedPacket } from "./types.js";

/** A record that looked like a TCP packet and did not parse. */
export interface LineError {
  file: string;
  /** 1-based line and column of the problem in the input. */
  line: number;
  column: number;
  message: string;
  /** The physical line's text (the pasted piece, for pastes) the column points into. */
  text: string;
  /** Column inside `text`. */
  textColumn: number;
}

/**
 * What a TCP record gives, in input order. Every one carries its time in seconds when printed
 * (a packet as `packet.t`): each printed packet moves the clocks, parsed or not.
 */
export type PacketEvent =
  | { kind: "packet"; packet: Packet }
  | { kind: "error"; error: LineError; t?: number }
  /** A TCP record left to another reader (`pass`): its time only. */
  | { kind: "time"; t?: number };

export interface PacketCounts {
  records: number;
  tcpSegments: number;
  /** Non-TCP packets by protocol label. */
  nonTcp: Record<string, number>;
  errors: number;
}

/**
 * Turns one input's records into Packets, in order: parses TCP records with the grammar,
 * reports the ones that do not parse, counts the rest, and adds what needs the input's
 * history (time in seconds, absolute sequence numbers, port numbers of named ports).
 */
export class PacketReader {
  readonly counts: PacketCounts = { records: 0, tcpSegments: 0, nonTcp: {}, errors: 0 };
  private readonly sequences = new SequenceTracker();
  private readonly timeline = new TimeLine();
  /**
   * Events held back while -ttt/-ttttt is undecided, each with its delta (ns); non-TCP records
   * are held as a bare delta, since a -ttt delta counts from them too.
   */
  private held: { event?: PacketEvent; delta?: number }[] = [];
  /** What pushScanned() gives, filled again for every line. */
  private scanned?: LanePacket;

  constructor(
    readonly file: string,
    private readonly parse: (text: string) => ParseResult = parseSegmentFast,
  ) {}

  /**
   * Whether -S or not is settled: until then each segment's reading depends on every segment
   * before it, so parallel workers each parse every record (pass() only after this).
   */
  get sequenceModeDecided(): boolean {
    return this.sequences.decided;
  }

  push(record: PacketRecord): PacketEvent[] {
    this.counts.records++;
    if (record.kind !== "tcp") {
      const label = record.protocol ?? "other";
      this.counts.nonTcp[label] = (this.counts.nonTcp[label] ?? 0) + 1;
      return this.passDelta(record);
    }
    const result = this.parse(record.text);
    if (!result.ok) {
      this.counts.errors++;
      return this.emitStamped({ kind: "error", error: toLineError(record, result.error) }, record);
    }
    this.counts.tcpSegments++;
    return this.emitPacket(record, result.segment);
  }

  /**
   * Whether the fast lane may give this reader a line now (pushScanned): not while packets wait
   * for the -ttt/-ttttt decision, which the lane's packet would overtake.
   */
  get takesScanned(): boolean {
    return this.held.length === 0;
  }

  /**
   * A line the fast lane read (lane.ts), which push() would have parsed to the same segment:
   * counted, and given its time and absolute numbers as emitPacket() gives them, in one object
   * reused for every line (no Packet, no event).
   */
  pushScanned(scan: SegmentScan, line: number): ScannedPacket {
    this.counts.records++;
    this.counts.tcpSegments++;
    const hash = pairHashOfHosts(scan.family, scan.srcHash, scan.sport, scan.dstHash, scan.dport);
    const numbers = this.sequences.resolveReused(scan, hash);
    const packet = (this.scanned ??= new LanePacket(scan, numbers.abs));
    packet.pairHash = hash;
    packet.line = line;
    packet.keepStamp();
    packet.t = this.timeline.ofClock(clockOf(scan.hours, scan.minutes, scan.seconds, scan.fraction, scan.fractionDigits));
    packet.relative = numbers.relative;
    return packet;
  }

  /**
   * A TCP record that another reader parses (a parallel worker's share): it is counted as a
   * record, and its time moves this reader's clocks (day roll-over, -ttt sums) as if parsed, so
   * every worker gives the same `t` as one reader of the whole input.
   */
  pass(record: PacketRecord): PacketEvent[] {
    this.counts.records++;
    return this.emitStamped({ kind: "time" }, record);
  }

  /** End of input: releases anything held for the -ttt/-ttttt decision. */
  end(): PacketEvent[] {
    this.timeline.decideDeltas();
    return this.release();
  }

  private emitPacket(record: PacketRecord, seg: ParsedSegment): PacketEvent[] {
    const sport = seg.sport === undefined && seg.sportName ? SERVICE_PORTS.get(seg.sportName) : undefined;
    const dport = seg.dport === undefined && seg.dportName ? SERVICE_PORTS.get(seg.dportName) : undefined;
    const numbers = this.sequences.resolve(seg);
    // the same reading as readTime(seg.time, record.text) (test/packets/record-stamp.test.ts), quicker
    const read = readRecordTime(record.text);
    const t = read && read.form !== "delta" ? this.timeline.absolute(read) : undefined;
    const packet = packetOf(seg, this.file, record.line, t, sport, dport, numbers.relative, numbers.abs);
    const event: PacketEvent = { kind: "packet", packet };
    return read?.form === "delta" ? this.hold(event, read.nanos) : this.emit(event);
  }

  /** An event of a record the grammar did not read: its time from the record's stamp. */
  private emitStamped(event: Exclude<PacketEvent, { kind: "packet" }>, record: PacketRecord): PacketEvent[] {
    const read = readRecordTime(record.text);
    if (read?.form === "delta") return this.hold(event, read.nanos);
    if (read) event.t = this.timeline.absolute(read);
    return this.emit(event);
  }

  /** A non-TCP record still moves a -ttt clock on. */
  private passDelta(record: PacketRecord): PacketEvent[] {
    const delta = recordDelta(record.text);
    return delta === undefined ? [] : this.hold(undefined, delta);
  }

  private hold(event: PacketEvent | undefined, delta: number | undefined): PacketEvent[] {
    if (delta !== undefined) this.timeline.observeDelta(delta);
    this.held.push({ event, delta });
    return this.timeline.deltaUndecided ? [] : this.release();
  }

  private emit(event: PacketEvent): PacketEvent[] {
    return this.held.length === 0 ? [event] : this.hold(event, undefined);
  }

  private release(): PacketEvent[] {
    const out: PacketEvent[] = [];
    for (const { event, delta } of this.held) {
      const t = delta === undefined ? undefined : this.timeline.fromDelta(delta);
      if (!event) continue;
      if (t === undefined) out.push(event);
      // the held packet's own keys, with its time in its place
      else if (event.kind === "packet") out.push({ kind: "packet", packet: packetOf(event.packet, undefined, undefined, t) });
      else out.push({ ...event, t });
    }
    this.held = [];
    return out;
  }
}

/** The ScannedPacket of a reader: its scan's packet, with what the reader adds. */
class LanePacket implements ScannedPacket {
  line = 0;
  t = 0;
  relative?: boolean = undefined;
  pairHash = 0;
  /** Where its time stamp is: the scan reads other lines before the text may be asked for. */
  private stampBytes: Buffer = Buffer.alloc(0);
  private stampStart = 0;
  private timeEnd = 0;

  constructor(
    readonly scan: SegmentScan,
    /** The sequence tracker's reading, filled again for every line (resolveReused). */
    readonly abs: AbsoluteReading,
  ) {}

  keepStamp(): void {
    this.stampBytes = this.scan.stampBytes;
    this.stampStart = this.scan.stampStart;
    this.timeEnd = this.scan.timeEnd;
  }

  get time(): string {
    return this.stampBytes.toString("latin1", this.stampStart, this.timeEnd);
  }
}

function toLineError(record: PacketRecord, error: { column: number; message: string }): LineError {
  const where = locate(record, error.column);
  return {
    file: record.file,
    line: where.line,
    column: where.column + 1,
    message: error.message,
    text: where.piece,
    textColumn: where.pieceColumn,
  };
}
