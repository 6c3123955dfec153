/**
 * The packets a connection keeps for ladders and evidence, bounded: the handshake's segments,
 * the first data segments each way and the first FIN/RST segments each way.
 *
 * Kept as records of a RecordPool shared by the tracker's connections, one per segment,
 * chained in input order; the SegmentRef objects are built only when the connection is
 * reported.
 */
import { flagsText } from "./flags.js";
import { put } from "./put.js";
import { NO_RECORD, RecordPool, TIME_WIDTH } from "./record-pool.js";
import type { SegmentRef } from "./types.js";
import type { SegmentView } from "./view.js";

export interface SegmentLimits {
  /** SYNs, SYN/ACKs (retransmissions included) and the segment that settled the handshake. */
  handshake: number;
  /** Payload-bearing segments per direction. */
  dataPerDirection: number;
  /** FIN and RST segments per direction. */
  closePerDirection: number;
}

export const DEFAULT_SEGMENT_LIMITS: SegmentLimits = { handshake: 8, dataPerDirection: 12, closePerDirection: 4 };

/** A kept segment's record: its numbers (NaN where the packet has none), its time, the next record's id. */
const LINE = 0;
const T = 1;
const FLAGS = 2;
const FROM_CLIENT = 3;
const SEQ = 4;
const SEQ_END = 5;
const ACK = 6;
const LEN = 7;
const TSVAL = 8;
const TIME = 9;
const NEXT = TIME + TIME_WIDTH;
export const SEGMENT_RECORD_WIDTH = NEXT + 1;


export class SegmentLog {
  private first = NO_RECORD;
  private last = NO_RECORD;
  /** Segments kept so far per kind and direction: HANDSHAKE, DATA + fromClient, CLOSE + fromClient. */
  private readonly used = [0, 0, 0, 0, 0];

  constructor(
    private readonly limits: SegmentLimits,
    /** Records SEGMENT_RECORD_WIDTH wide. */
    private readonly pool: RecordPool,
  ) {}

  /** Back to no segments, the records given back to the pool (connections are reused, see tracker.ts). */
  reset(): void {
    this.pool.releaseChain(this.first, NEXT);
    this.first = this.last = NO_RECORD;
    this.used.fill(0);
  }

  /** `settledHandshake`: this packet completed or refused the handshake. */
  push(v: SegmentView, settledHandshake: boolean): void {
    if (!this.keeps(v, settledHandshake)) return;
    const pool = this.pool;
    const p = v.p;
    const id = pool.alloc();
    pool.set(id, LINE, p.line);
    if (p.t !== undefined) pool.set(id, T, p.t);
    pool.setText(id, FLAGS, v.flags.id, v.flags.text);
    pool.set(id, FROM_CLIENT, v.fromClient ? 1 : 0);
    if (v.seq !== undefined) pool.set(id, SEQ, v.seq);
    if (v.seqEnd !== undefined) pool.set(id, SEQ_END, v.seqEnd);
    if (v.ack !== undefined) pool.set(id, ACK, v.ack);
    pool.set(id, LEN, v.len);
    const tsval = p.options?.tsval;
    if (tsval !== undefined) pool.set(id, TSVAL, tsval);
    pool.setTime(id, TIME, p.time);
    pool.set(id, NEXT, NO_RECORD);
    if (this.last === NO_RECORD) this.first = id;
    else pool.set(this.last, NEXT, id);
    this.last = id;
  }

  /** The kept segments, in input order, as the report shows them. */
  list(): SegmentRef[] {
    const refs: SegmentRef[] = [];
    for (let id = this.first; id !== NO_RECORD; id = this.pool.get(id, NEXT)) refs.push(this.ref(id));
    return refs;
  }

  private ref(id: number): SegmentRef {
    const pool = this.pool;
    const ref = { line: pool.get(id, LINE) } as SegmentRef;
    put(ref, "time", pool.time(id, TIME));
    put(ref, "t", pool.optional(id, T));
    ref.fromClient = pool.get(id, FROM_CLIENT) === 1;
    ref.flags = pool.text(id, FLAGS, flagsText);
    put(ref, "seq", pool.optional(id, SEQ));
    put(ref, "seqEnd", pool.optional(id, SEQ_END));
    put(ref, "ack", pool.optional(id, ACK));
    ref.len = pool.get(id, LEN);
    put(ref, "tsval", pool.optional(id, TSVAL));
    return ref;
  }

  /** Whether the segment plays a part worth keeping and its kind's limit is not reached; counts it if so. */
  private keeps(v: SegmentView, settledHandshake: boolean): boolean {
    const slot = slotOf(v, settledHandshake);
    if (slot < 0) return false;
    const limit = slot === HANDSHAKE ? this.limits.handshake : slot < CLOSE ? this.limits.dataPerDirection : this.limits.closePerDirection;
    if (this.used[slot] >= limit) return false;
    this.used[slot]++;
    return true;
  }
}

/** Slots of `used`: the handshake's, then data and close segments from the server and from the client. */
const HANDSHAKE = 0;
const DATA = 1;
const CLOSE = 3;

/** Which count a segment is kept under, or -1 when it plays no part worth keeping. */
function slotOf(v: SegmentView, settledHandshake: boolean): number {
  const side = v.fromClient ? 1 : 0;
  if (v.flags.syn || settledHandshake) return HANDSHAKE;
  if (v.len > 0 && !v.flags.rst) return DATA + side;
  if (v.flags.fin || v.flags.rst) return CLOSE + side;
  return -1;
}
