/**
 * Request/response rounds: runs of new payload bytes from one side, each ended by payload
 * from the other side. A client run opens a round; the server run after it is its response.
 * Server payload before any client payload (a banner) belongs to no round.
 *
 * Kept as records of a RecordPool, one per round, chained in order; the Exchange objects are
 * built only when the connection is reported (see segments.ts).
 */
import { seqAdd, seqDelta } from "./numbers.js";
import { put } from "./put.js";
import { NO_RECORD, RecordPool, recordLayout, TIME_WIDTH } from "./record-pool.js";
import type { DataRun, Exchange } from "./types.js";
import type { SegmentView } from "./view.js";

/** A run's numbers (NaN where unknown) and time; a round's record holds the request run, the response run, the next round's id. */
const RUN = recordLayout({ line: 1, t: 1, bytes: 1, seq: 1, time: TIME_WIDTH });
const REQUEST = 0;
const RESPONSE = RUN.width;
const NEXT = 2 * RUN.width;
export const ROUND_RECORD_WIDTH = NEXT + 1;

export class ExchangeLog {
  private first = NO_RECORD;
  private last = NO_RECORD;
  private rounds!: number;
  private truncated!: boolean;
  private currentFromClient?: boolean;
  /** The round whose run is growing and where in its record the run is; NO_RECORD when it belongs to no round (a banner, past the limit). */
  private currentRound!: number;
  private currentRun!: number;
  /** One past the highest payload byte seen from each side, to skip retransmitted bytes. */
  private highestClient?: number;
  private highestServer?: number;

  constructor(
    private readonly limit: number,
    /** Records ROUND_RECORD_WIDTH wide. */
    private readonly pool: RecordPool,
  ) {
    this.reset();
  }

  /** Back to no rounds, the records given back to the pool (connections are reused, see tracker.ts). */
  reset(): void {
    this.pool.releaseChain(this.first, NEXT);
    this.first = this.last = this.currentRound = NO_RECORD;
    this.rounds = this.currentRun = 0;
    this.truncated = false;
    this.currentFromClient = this.highestClient = this.highestServer = undefined;
  }

  push(v: SegmentView): void {
    if (v.len === 0 || v.flags.rst) return;
    const { seq, len } = v;
    // Bytes of this segment beyond what its sender already sent, and where they start.
    let bytes = len;
    let start = seq;
    if (seq !== undefined) {
      const end = v.seqEnd ?? seqAdd(seq, len);
      const high = v.fromClient ? this.highestClient : this.highestServer;
      if (high !== undefined && seqDelta(seq, high) < 0) {
        if (seqDelta(end, high) <= 0) return;
        bytes = seqDelta(end, high);
        start = high;
      }
      if (v.fromClient) this.highestClient = end;
      else this.highestServer = end;
    }
    if (this.currentFromClient === v.fromClient) {
      const at = this.currentRun + RUN.bytes;
      if (this.currentRound !== NO_RECORD) this.pool.set(this.currentRound, at, this.pool.get(this.currentRound, at) + bytes);
      return;
    }
    this.currentFromClient = v.fromClient;
    if (v.fromClient) this.openRound(v, bytes, start);
    else this.answer(v, bytes, start);
  }

  /** A client run: a new round, unless the limit is reached. */
  private openRound(v: SegmentView, bytes: number, seq: number | undefined): void {
    this.currentRound = NO_RECORD;
    if (this.rounds >= this.limit) {
      this.truncated = true;
      return;
    }
    const id = this.pool.alloc();
    this.writeRun(id, REQUEST, v, bytes, seq);
    this.pool.set(id, NEXT, NO_RECORD);
    if (this.last === NO_RECORD) this.first = id;
    else this.pool.set(this.last, NEXT, id);
    this.last = id;
    this.rounds++;
    this.currentRound = id;
    this.currentRun = REQUEST;
  }

  /** A server run: the response of the last round when it has none yet. */
  private answer(v: SegmentView, bytes: number, seq: number | undefined): void {
    this.currentRound = NO_RECORD;
    if (this.last === NO_RECORD || !Number.isNaN(this.pool.get(this.last, RESPONSE + RUN.line))) return;
    this.writeRun(this.last, RESPONSE, v, bytes, seq);
    this.currentRound = this.last;
    this.currentRun = RESPONSE;
  }

  private writeRun(id: number, at: number, v: SegmentView, bytes: number, seq: number | undefined): void {
    this.pool.set(id, at + RUN.line, v.p.line);
    if (v.p.t !== undefined) this.pool.set(id, at + RUN.t, v.p.t);
    this.pool.set(id, at + RUN.bytes, bytes);
    if (seq !== undefined) this.pool.set(id, at + RUN.seq, seq);
    this.pool.setTime(id, at + RUN.time, v.p.time);
  }

  /** The rounds as the report shows them (new objects on each call: a snapshot does not change later). */
  get exchanges(): Exchange[] {
    const out: Exchange[] = [];
    for (let id = this.first; id !== NO_RECORD; id = this.pool.get(id, NEXT)) {
      const request = this.run(id, REQUEST);
      out.push(Number.isNaN(this.pool.get(id, RESPONSE + RUN.line)) ? { request } : { request, response: this.run(id, RESPONSE) });
    }
    return out;
  }

  get isTruncated(): boolean {
    return this.truncated;
  }

  private run(id: number, at: number): DataRun {
    const pool = this.pool;
    const run = { line: pool.get(id, at + RUN.line) } as DataRun;
    put(run, "time", pool.time(id, at + RUN.time));
    put(run, "t", pool.optional(id, at + RUN.t));
    run.bytes = pool.get(id, at + RUN.bytes);
    put(run, "seq", pool.optional(id, at + RUN.seq));
    return run;
  }
}
