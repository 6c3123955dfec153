import type { SegmentScan } from "../grammar/fast/segment-scan.js";
import type { ParsedSegment } from "../grammar/types.js";

/** Absolute (raw 32-bit) sequence numbers of a segment, when they can be known. */
export interface AbsoluteNumbers {
  seq?: number;
  seqEnd?: number;
  ack?: number;
}

/**
 * AbsoluteNumbers in an object filled again for every line (sequence.ts resolveReused): NaN
 * where a number is not known. Fields that only ever hold numbers keep their doubles in place;
 * a field that may hold undefined took a new heap number per line for each (most are above 2^31).
 */
export interface AbsoluteReading {
  seq: number;
  seqEnd: number;
  ack: number;
}

/**
 * One TCP segment as `hs-report packets` prints it (docs/packets.md): the grammar's fields plus
 * where it came from, its time in seconds and its absolute sequence numbers.
 */
export interface Packet extends ParsedSegment {
  file: string;
  /** 1-based line where the record starts. */
  line: number;
  /**
   * Seconds: since midnight for time of day, Unix seconds for -tt/-tttt (read as UTC), seconds
   * since the first packet for -ttt/-ttttt. Absent with -t.
   */
  t?: number;
  /** Whether the printed seq/ack are relative numbers (FORMAT.md 6.7). */
  relative?: boolean;
  abs?: AbsoluteNumbers;
}

/**
 * A line the fast lane took (lane.ts): its scan with what the packets stage adds, as a Packet
 * has it. One object per reader, filled again for every such line: read it before the next.
 */
export interface ScannedPacket {
  readonly scan: SegmentScan;
  line: number;
  /** The time stamp's text, made when read, and its seconds (the lane takes only time-of-day stamps). */
  readonly time: string;
  t: number;
  relative?: boolean;
  /** Reused for every line, as the packet is. */
  readonly abs: AbsoluteReading;
  /** Its pairHash() (sequence.ts), which the connection tracker keys 4-tuples by too. */
  pairHash: number;
}
