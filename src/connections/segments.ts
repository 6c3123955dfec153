/**
 * The packets a connection keeps for ladders and evidence, bounded: the handshake's segments,
 * the first data segments each way and the first FIN/RST segments each way.
 *
 * Kept as records of a RecordPool shared by the tracker's connections, one per segment,
 * chained in input order; the SegmentRef objects are built only when the connection is
 * reported.
 */
import { flagsJson, flagsText } from "./flags.js";
import { type JsonBytes, jsonKeys } from "./json-bytes.js";
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

/**
 * A kept segment's record: its numbers (NaN where the packet has none), its time, the next
 * record's id. `lenSide` is the length, and the side by its sign: `len` from the client,
 * `-len - 1` from the server (exact for any length, 0 included).
 */
const F = recordLayout({ line: 1, t: 1, flags: 1, lenSide: 1, seq: 1, seqEnd: 1, ack: 1, tsval: 1, time: TIME_WIDTH, next: 1 });
export const SEGMENT_RECORD_WIDTH = F.width;

/** A SegmentRef's keys, in its order. */
const K = jsonKeys("line", "time", "t", "fromClient", "flags", "seq", "seqEnd", "ack", "len", "tsval");

/** Slots of the counts: the handshake's, then data and close segments from the server and from the client. */
const HANDSHAKE = 0;
const DATA = 1;
const CLOSE = 3;
const SLOTS = 5;

/** A connection's log in its record: the first and last segment records (a chain by `next`), and the segments kept per slot. */
const S = recordLayout({ first: 1, last: 1, used: SLOTS });
export const SEGMENT_LOG_WIDTH = S.width;

/** The segment logs of a tracker's connections, each SEGMENT_LOG_WIDTH numbers of its connection's record. */
export class SegmentLogs {
  /** The limit of each slot. */
  private readonly limits: number[];

  constructor(
    limits: SegmentLimits,
    /** Records SEGMENT_RECORD_WIDTH wide. */
    private readonly pool: RecordPool,
  ) {
    this.limits = [limits.handshake, limits.dataPerDirection, limits.dataPerDirection, limits.closePerDirection, limits.closePerDirection];
  }

  /** No segments yet: a log from `at` in `r`. */
  start(r: Float64Array, at: number): void {
    r[at + S.first] = r[at + S.last] = NO_RECORD;
    for (let slot = 0; slot < SLOTS; slot++) r[at + S.used + slot] = 0;
  }

  /** Gives the log's records back to the pool (its connection is released). */
  release(r: Float64Array, at: number): void {
    this.pool.releaseChain(r[at + S.first], F.next);
  }

  /** `settledHandshake`: this packet completed or refused the handshake. */
  push(r: Float64Array, at: number, v: SegmentView, settledHandshake: boolean): void {
    const slot = slotOf(v, settledHandshake);
    if (slot < 0 || r[at + S.used + slot] >= this.limits[slot]) return;
    r[at + S.used + slot]++;
    const pool = this.pool;
    const id = pool.alloc();
    const c = pool.chunkOf(id);
    const o = pool.offsetOf(id);
    c[o + F.line] = v.line;
    if (v.t !== undefined) c[o + F.t] = v.t;
    pool.setText(id, F.flags, v.flags.id, v.flags.text);
    c[o + F.lenSide] = v.fromClient ? v.len : -v.len - 1;
    if (v.seq !== undefined) c[o + F.seq] = v.seq;
    if (v.seqEnd !== undefined) c[o + F.seqEnd] = v.seqEnd;
    if (v.ack !== undefined) c[o + F.ack] = v.ack;
    if (v.tsval !== undefined) c[o + F.tsval] = v.tsval;
    pool.setTime(id, F.time, v.time);
    c[o + F.next] = NO_RECORD;
    const last = r[at + S.last];
    if (last === NO_RECORD) r[at + S.first] = id;
    else pool.set(last, F.next, id);
    r[at + S.last] = id;
  }

  /** The kept segments, in input order, as the report shows them. */
  list(r: Float64Array, at: number): SegmentRef[] {
    const refs: SegmentRef[] = [];
    for (let id = r[at + S.first]; id !== NO_RECORD; id = this.pool.get(id, F.next)) refs.push(this.ref(id));
    return refs;
  }

  /** list() as JSON (json-bytes.ts), written from the records. */
  writeJson(r: Float64Array, at: number, out: JsonBytes): void {
    out.openArray();
    for (let id = r[at + S.first]; id !== NO_RECORD; id = this.pool.get(id, F.next)) {
      out.item();
      this.writeRef(id, out);
    }
    out.closeArray();
  }

  private writeRef(id: number, out: JsonBytes): void {
    const pool = this.pool;
    const c = pool.chunkOf(id);
    const o = pool.offsetOf(id);
    const lenSide = c[o + F.lenSide];
    out.open();
    out.numberMember(K.line, c[o + F.line]);
    pool.writeTime(id, F.time, K.time, out);
    out.optionalNumber(K.t, c[o + F.t]);
    out.key(K.fromClient);
    out.bool(lenSide >= 0);
    pool.writeText(id, F.flags, K.flags, out, flagsJson);
    out.optionalNumber(K.seq, c[o + F.seq]);
    out.optionalNumber(K.seqEnd, c[o + F.seqEnd]);
    out.optionalNumber(K.ack, c[o + F.ack]);
    out.numberMember(K.len, lenSide >= 0 ? lenSide : -lenSide - 1);
    out.optionalNumber(K.tsval, c[o + F.tsval]);
    out.close();
  }

  private ref(id: number): SegmentRef {
    const pool = this.pool;
    const c = pool.chunkOf(id);
    const o = pool.offsetOf(id);
    const ref = { line: c[o + F.line] } as SegmentRef;
    const time = pool.time(id, F.time);
    if (time !== undefined) ref.time = time;
    if (!Number.isNaN(c[o + F.t])) ref.t = c[o + F.t];
    const lenSide = c[o + F.lenSide];
    ref.fromClient = lenSide >= 0;
    ref.flags = pool.text(id, F.flags, flagsText);
    if (!Number.isNaN(c[o + F.seq])) ref.seq = c[o + F.seq];
    if (!Number.isNaN(c[o + F.seqEnd])) ref.seqEnd = c[o + F.seqEnd];
    if (!Number.isNaN(c[o + F.ack])) ref.ack = c[o + F.ack];
    ref.len = lenSide >= 0 ? lenSide : -lenSide - 1;
    if (!Number.isNaN(c[o + F.tsval])) ref.tsval = c[o + F.tsval];
    return ref;
  }
}

/** Which count a segment is kept under, or -1 when it plays no part worth keeping. */
function slotOf(v: SegmentView, settledHandshake: boolean): number {
  const side = v.fromClient ? 1 : 0;
  if (v.flags.syn || settledHandshake) return HANDSHAKE;
  if (v.len > 0 && !v.flags.rst) return DATA + side;
  if (v.flags.fin || v.flags.rst) return CLOSE + side;
  return -1;
}
