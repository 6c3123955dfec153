/**
 * Request/response rounds: runs of new payload bytes from one side, each ended by payload
 * from the other side. A client run opens a round; the server run after it is its response.
 * Server payload before any client payload (a banner) belongs to no round.
 *
 * Kept as records of a RecordPool, one per round, chained in order; the Exchange objects are
 * built only when the connection is reported (see segments.ts).
 */
import { type JsonBytes, jsonKeys } from "./json-bytes.js";
import { seqAdd, seqDelta } from "./numbers.js";
import { NO_RECORD, RecordPool, recordLayout, TIME_WIDTH } from "./record-pool.js";
import type { DataRun, Exchange } from "./types.js";
import type { SegmentView } from "./view.js";

/** A run's numbers (NaN where unknown) and time; a round's record holds the request run, the response run, the next round's id. */
const RUN = recordLayout({ line: 1, t: 1, bytes: 1, seq: 1, time: TIME_WIDTH });
const REQUEST = 0;
const RESPONSE = RUN.width;
const NEXT = 2 * RUN.width;
export const ROUND_RECORD_WIDTH = NEXT + 1;

/** A DataRun's keys in its order, and an Exchange's. */
const K = jsonKeys("line", "time", "t", "bytes", "seq", "request", "response");

/** Who sent the growing run (`current`). */
const NOBODY = 0;
const CLIENT = 1;
const SERVER = 2;

/**
 * A connection's rounds in its record: the first and last round records (a chain by NEXT), how
 * many, whether more came than kept (1), who sent the growing run, the round whose run is growing
 * and where in its record the run is (NO_RECORD when it belongs to no round: a banner, past the
 * limit), and one past the highest payload byte seen from each side, to skip retransmitted bytes
 * (NaN until seen).
 */
const X = recordLayout({ first: 1, last: 1, rounds: 1, truncated: 1, current: 1, currentRound: 1, currentRun: 1, highestClient: 1, highestServer: 1 });
export const EXCHANGE_LOG_WIDTH = X.width;

/** The rounds of a tracker's connections, each EXCHANGE_LOG_WIDTH numbers of its connection's record. */
export class ExchangeLogs {
  constructor(
    private readonly limit: number,
    /** Records ROUND_RECORD_WIDTH wide. */
    private readonly pool: RecordPool,
  ) {}

  /** No rounds yet: a log from `at` in `r` (the rest of a new record is NaN). */
  start(r: Float64Array, at: number): void {
    r[at + X.first] = r[at + X.last] = r[at + X.currentRound] = NO_RECORD;
    r[at + X.rounds] = r[at + X.currentRun] = r[at + X.truncated] = 0;
    r[at + X.current] = NOBODY;
  }

  /** Gives the log's records back to the pool (its connection is released). */
  release(r: Float64Array, at: number): void {
    this.pool.releaseChain(r[at + X.first], NEXT);
  }

  push(r: Float64Array, at: number, v: SegmentView): void {
    if (v.len === 0 || v.flags.rst) return;
    const { seq, len } = v;
    // Bytes of this segment beyond what its sender already sent, and where they start.
    let bytes = len;
    let start = seq;
    if (!Number.isNaN(seq)) {
      const end = Number.isNaN(v.seqEnd) ? seqAdd(seq, len) : v.seqEnd;
      const highest = at + (v.fromClient ? X.highestClient : X.highestServer);
      const high = r[highest];
      if (!Number.isNaN(high) && seqDelta(seq, high) < 0) {
        if (seqDelta(end, high) <= 0) return;
        bytes = seqDelta(end, high);
        start = high;
      }
      r[highest] = end;
    }
    const sender = v.fromClient ? CLIENT : SERVER;
    if (r[at + X.current] === sender) {
      const round = r[at + X.currentRound];
      const field = r[at + X.currentRun] + RUN.bytes;
      if (round !== NO_RECORD) this.pool.set(round, field, this.pool.get(round, field) + bytes);
      return;
    }
    r[at + X.current] = sender;
    if (v.fromClient) this.openRound(r, at, v, bytes, start);
    else this.answer(r, at, v, bytes, start);
  }

  /** A client run: a new round, unless the limit is reached. */
  private openRound(r: Float64Array, at: number, v: SegmentView, bytes: number, seq: number): void {
    r[at + X.currentRound] = NO_RECORD;
    if (r[at + X.rounds] >= this.limit) {
      r[at + X.truncated] = 1;
      return;
    }
    const id = this.pool.alloc();
    this.writeRun(id, REQUEST, v, bytes, seq);
    this.pool.set(id, NEXT, NO_RECORD);
    const last = r[at + X.last];
    if (last === NO_RECORD) r[at + X.first] = id;
    else this.pool.set(last, NEXT, id);
    r[at + X.last] = id;
    r[at + X.rounds]++;
    r[at + X.currentRound] = id;
    r[at + X.currentRun] = REQUEST;
  }

  /** A server run: the response of the last round when it has none yet. */
  private answer(r: Float64Array, at: number, v: SegmentView, bytes: number, seq: number): void {
    r[at + X.currentRound] = NO_RECORD;
    const last = r[at + X.last];
    if (last === NO_RECORD || !Number.isNaN(this.pool.get(last, RESPONSE + RUN.line))) return;
    this.writeRun(last, RESPONSE, v, bytes, seq);
    r[at + X.currentRound] = last;
    r[at + X.currentRun] = RESPONSE;
  }

  /** `seq`: where the run's bytes start (NaN when the packet has no sequence number). */
  private writeRun(id: number, run: number, v: SegmentView, bytes: number, seq: number): void {
    const c = this.pool.chunkOf(id);
    const o = this.pool.offsetOf(id) + run;
    c[o + RUN.line] = v.line;
    c[o + RUN.t] = v.t;
    c[o + RUN.bytes] = bytes;
    c[o + RUN.seq] = seq;
    this.pool.setTime(id, run + RUN.time, v.time);
  }

  /** The rounds as the report shows them (new objects on each call: a snapshot does not change later). */
  exchanges(r: Float64Array, at: number): Exchange[] {
    const out: Exchange[] = [];
    for (let id = r[at + X.first]; id !== NO_RECORD; id = this.pool.get(id, NEXT)) {
      const request = this.run(id, REQUEST);
      out.push(Number.isNaN(this.pool.get(id, RESPONSE + RUN.line)) ? { request } : { request, response: this.run(id, RESPONSE) });
    }
    return out;
  }

  isTruncated(r: Float64Array, at: number): boolean {
    return r[at + X.truncated] === 1;
  }

  /** exchanges() as JSON (json-bytes.ts), written from the records. */
  writeJson(r: Float64Array, at: number, out: JsonBytes): void {
    out.openArray();
    for (let id = r[at + X.first]; id !== NO_RECORD; id = this.pool.get(id, NEXT)) {
      out.item();
      out.open();
      out.key(K.request);
      this.writeRunJson(id, REQUEST, out);
      if (!Number.isNaN(this.pool.get(id, RESPONSE + RUN.line))) {
        out.key(K.response);
        this.writeRunJson(id, RESPONSE, out);
      }
      out.close();
    }
    out.closeArray();
  }

  private writeRunJson(id: number, run: number, out: JsonBytes): void {
    const c = this.pool.chunkOf(id);
    const o = this.pool.offsetOf(id) + run;
    out.open();
    out.numberAt(K.line, c, o + RUN.line);
    this.pool.writeTime(id, run + RUN.time, K.time, out);
    out.optionalNumberAt(K.t, c, o + RUN.t);
    out.numberAt(K.bytes, c, o + RUN.bytes);
    out.optionalNumberAt(K.seq, c, o + RUN.seq);
    out.close();
  }

  private run(id: number, run: number): DataRun {
    const c = this.pool.chunkOf(id);
    const o = this.pool.offsetOf(id) + run;
    const out = { line: c[o + RUN.line] } as DataRun;
    const time = this.pool.time(id, run + RUN.time);
    if (time !== undefined) out.time = time;
    if (!Number.isNaN(c[o + RUN.t])) out.t = c[o + RUN.t];
    out.bytes = c[o + RUN.bytes];
    if (!Number.isNaN(c[o + RUN.seq])) out.seq = c[o + RUN.seq];
    return out;
  }
}
