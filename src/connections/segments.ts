/**
 * The packets a connection keeps for ladders and evidence, bounded: the handshake's segments,
 * the first data segments each way and the first FIN/RST segments each way.
 *
 * Kept in blocks of BLOCK segments, records of a RecordPool shared by the tracker's
 * connections, chained in input order; the SegmentRef objects are built only when the
 * connection is reported. A connection's segments side by side, rather than a record each
 * wherever the pool had one free: they are read back seconds of input later, when the
 * connection is released, and a chain of records spread over the pool missed the cache at
 * every record (a third of the time of writing them out, on a million packets).
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
 * A kept segment, within its block: its numbers (NaN where the packet has none), its time.
 * `lenSide` is the length, and the side by its sign: `len` from the client, `-len - 1` from the
 * server (exact for any length, 0 included).
 */
const F = recordLayout({ line: 1, t: 1, flags: 1, lenSide: 1, seq: 1, seqEnd: 1, ack: 1, tsval: 1, time: TIME_WIDTH });
/** Segments per block: a connection's handshake, a request, its response and the closing ones mostly fit one. */
const BLOCK = 8;
/** A block: the next block's id, then BLOCK segments. */
const B = recordLayout({ next: 1, segments: BLOCK * F.width });
export const SEGMENT_BLOCK_WIDTH = B.width;

/** A SegmentRef's keys, in its order. */
const K = jsonKeys("line", "time", "t", "fromClient", "flags", "seq", "seqEnd", "ack", "len", "tsval");

/** Slots of the counts: the handshake's, then data and close segments from the server and from the client. */
const HANDSHAKE = 0;
const DATA = 1;
const CLOSE = 3;
const SLOTS = 5;

/** A connection's log in its record: the first and last blocks (a chain by `next`), the segments kept in all and per slot. */
const S = recordLayout({ first: 1, last: 1, count: 1, used: SLOTS });
export const SEGMENT_LOG_WIDTH = S.width;

/** The segment logs of a tracker's connections, each SEGMENT_LOG_WIDTH numbers of its connection's record. */
export class SegmentLogs {
  /** The limit of each slot. */
  private readonly limits: number[];

  constructor(
    limits: SegmentLimits,
    /** Blocks: records SEGMENT_BLOCK_WIDTH wide. */
    private readonly pool: RecordPool,
  ) {
    this.limits = [limits.handshake, limits.dataPerDirection, limits.dataPerDirection, limits.closePerDirection, limits.closePerDirection];
  }

  /** No segments yet: a log from `at` in `r`. */
  start(r: Float64Array, at: number): void {
    r[at + S.first] = r[at + S.last] = NO_RECORD;
    r[at + S.count] = 0;
    for (let slot = 0; slot < SLOTS; slot++) r[at + S.used + slot] = 0;
  }

  /** Gives the log's blocks back to the pool (its connection is released). */
  release(r: Float64Array, at: number): void {
    this.pool.releaseChain(r[at + S.first], B.next);
  }

  /** `settledHandshake`: this packet completed or refused the handshake. */
  push(r: Float64Array, at: number, v: SegmentView, settledHandshake: boolean): void {
    const slot = slotOf(v, settledHandshake);
    if (slot < 0 || r[at + S.used + slot] >= this.limits[slot]) return;
    r[at + S.used + slot]++;
    const pool = this.pool;
    const k = r[at + S.count]++ % BLOCK;
    if (k === 0) this.grow(r, at);
    const block = r[at + S.last];
    const c = pool.chunkOf(block);
    const field = B.segments + k * F.width;
    const o = pool.offsetOf(block) + field;
    c[o + F.line] = v.line;
    c[o + F.t] = v.t;
    pool.setText(block, field + F.flags, v.flags.id, v.flags.text);
    c[o + F.lenSide] = v.fromClient ? v.len : -v.len - 1;
    c[o + F.seq] = v.seq;
    c[o + F.seqEnd] = v.seqEnd;
    c[o + F.ack] = v.ack;
    c[o + F.tsval] = v.tsval;
    pool.setTime(block, field + F.time, v.time);
  }

  /** The kept segments, in input order, as the report shows them. */
  list(r: Float64Array, at: number): SegmentRef[] {
    const refs: SegmentRef[] = [];
    this.each(r, at, (block, field) => refs.push(this.ref(block, field)));
    return refs;
  }

  /** list() as JSON (json-bytes.ts), written from the records. */
  writeJson(r: Float64Array, at: number, out: JsonBytes): void {
    out.openArray();
    this.each(r, at, (block, field) => {
      out.item();
      this.writeRef(block, field, out);
    });
    out.closeArray();
  }

  /** A new last block. */
  private grow(r: Float64Array, at: number): void {
    const block = this.pool.alloc();
    const last = r[at + S.last];
    if (last === NO_RECORD) r[at + S.first] = block;
    else this.pool.set(last, B.next, block);
    this.pool.set(block, B.next, NO_RECORD);
    r[at + S.last] = block;
  }

  /** Each kept segment in input order, as its block and where in the block it starts. */
  private each(r: Float64Array, at: number, visit: (block: number, field: number) => void): void {
    let left = r[at + S.count];
    for (let block = r[at + S.first]; block !== NO_RECORD; block = this.pool.get(block, B.next)) {
      for (let k = 0; k < BLOCK && left > 0; k++, left--) visit(block, B.segments + k * F.width);
    }
  }

  private writeRef(block: number, field: number, out: JsonBytes): void {
    const pool = this.pool;
    const c = pool.chunkOf(block);
    const o = pool.offsetOf(block) + field;
    const lenSide = c[o + F.lenSide];
    out.open();
    out.numberAt(K.line, c, o + F.line);
    pool.writeTime(block, field + F.time, K.time, out);
    out.optionalNumberAt(K.t, c, o + F.t);
    out.key(K.fromClient);
    out.bool(lenSide >= 0);
    pool.writeText(block, field + F.flags, K.flags, out, flagsJson);
    out.optionalNumberAt(K.seq, c, o + F.seq);
    out.optionalNumberAt(K.seqEnd, c, o + F.seqEnd);
    out.optionalNumberAt(K.ack, c, o + F.ack);
    out.numberMember(K.len, lenSide >= 0 ? lenSide : -lenSide - 1);
    out.optionalNumberAt(K.tsval, c, o + F.tsval);
    out.close();
  }

  private ref(block: number, field: number): SegmentRef {
    const pool = this.pool;
    const c = pool.chunkOf(block);
    const o = pool.offsetOf(block) + field;
    const ref = { line: c[o + F.line] } as SegmentRef;
    const time = pool.time(block, field + F.time);
    if (time !== undefined) ref.time = time;
    if (!Number.isNaN(c[o + F.t])) ref.t = c[o + F.t];
    const lenSide = c[o + F.lenSide];
    ref.fromClient = lenSide >= 0;
    ref.flags = pool.text(block, field + F.flags, flagsText);
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
