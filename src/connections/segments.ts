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
import { NO_RECORD, RecordPool, recordLayout, TIME_WIDTH } from "./record-pool.js";
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
const F = recordLayout({ line: 1, t: 1, flags: 1, fromClient: 1, seq: 1, seqEnd: 1, ack: 1, len: 1, tsval: 1, time: TIME_WIDTH, next: 1 });
export const SEGMENT_RECORD_WIDTH = F.width;

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
    this.pool.releaseChain(this.first, F.next);
    this.first = this.last = NO_RECORD;
    this.used.fill(0);
  }

  /** `settledHandshake`: this packet completed or refused the handshake. */
  push(v: SegmentView, settledHandshake: boolean): void {
    if (!this.keeps(v, settledHandshake)) return;
    const pool = this.pool;
    const p = v.p;
    const id = pool.alloc();
    pool.set(id, F.line, p.line);
    if (p.t !== undefined) pool.set(id, F.t, p.t);
    pool.setText(id, F.flags, v.flags.id, v.flags.text);
    pool.set(id, F.fromClient, v.fromClient ? 1 : 0);
    if (v.seq !== undefined) pool.set(id, F.seq, v.seq);
    if (v.seqEnd !== undefined) pool.set(id, F.seqEnd, v.seqEnd);
    if (v.ack !== undefined) pool.set(id, F.ack, v.ack);
    pool.set(id, F.len, v.len);
    const tsval = p.options?.tsval;
    if (tsval !== undefined) pool.set(id, F.tsval, tsval);
    pool.setTime(id, F.time, p.time);
    pool.set(id, F.next, NO_RECORD);
    if (this.last === NO_RECORD) this.first = id;
    else pool.set(this.last, F.next, id);
    this.last = id;
  }

  /** The kept segments, in input order, as the report shows them. */
  list(): SegmentRef[] {
    const refs: SegmentRef[] = [];
    for (let id = this.first; id !== NO_RECORD; id = this.pool.get(id, F.next)) refs.push(this.ref(id));
    return refs;
  }

  private ref(id: number): SegmentRef {
    const pool = this.pool;
    const ref = { line: pool.get(id, F.line) } as SegmentRef;
    put(ref, "time", pool.time(id, F.time));
    put(ref, "t", pool.optional(id, F.t));
    ref.fromClient = pool.get(id, F.fromClient) === 1;
    ref.flags = pool.text(id, F.flags, flagsText);
    put(ref, "seq", pool.optional(id, F.seq));
    put(ref, "seqEnd", pool.optional(id, F.seqEnd));
    put(ref, "ack", pool.optional(id, F.ack));
    ref.len = pool.get(id, F.len);
    put(ref, "tsval", pool.optional(id, F.tsval));
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
