/**
 * Request/response rounds: runs of new payload bytes from one side, each ended by payload
 * from the other side. A client run opens a round; the server run after it is its response.
 * Server payload before any client payload (a banner) belongs to no round.
 *
 * Kept as numbers while the connection is tracked; the Exchange objects are built when it is
 * reported (see segments.ts for why).
 */
import { seqAdd, seqDelta } from "./numbers.js";
import { put } from "./put.js";
import type { DataRun, Exchange } from "./types.js";
import type { SegmentView } from "./view.js";

/** A run's numbers, in this order, NaN where unknown: the request's, then the response's. */
const LINE = 0;
const T = 1;
const BYTES = 2;
const SEQ = 3;
const RUN = 4;
const ROUND = 2 * RUN;

const orNaN = (n: number | undefined): number => n ?? NaN;
const orUndefined = (n: number): number | undefined => (Number.isNaN(n) ? undefined : n);

export class ExchangeLog {
  /** ROUND numbers per round; a response's LINE is NaN until the server answers. */
  private numbers: number[] = [];
  /** Per round the request's and the response's time text. */
  private readonly times: (string | undefined)[] = [];
  private truncated = false;
  private currentFromClient?: boolean;
  /** Where the current run's numbers start, or -1 when it belongs to no round (a banner, past the limit). */
  private current = -1;
  /** One past the highest payload byte seen from each side, to skip retransmitted bytes. */
  private highestClient?: number;
  private highestServer?: number;

  constructor(private readonly limit: number) {}

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
      if (this.current >= 0) this.numbers[this.current + BYTES] += bytes;
      return;
    }
    this.currentFromClient = v.fromClient;
    this.current = v.fromClient ? this.openRound(v, bytes, start) : this.answer(v, bytes, start);
  }

  /** A client run: a new round, unless the limit is reached. Returns where the run's numbers are. */
  private openRound(v: SegmentView, bytes: number, seq: number | undefined): number {
    const rounds = this.times.length / 2;
    if (rounds >= this.limit) {
      this.truncated = true;
      return -1;
    }
    // An array literal holds exactly its numbers; pushing onto an empty one reserves many more.
    const round = [v.p.line, orNaN(v.p.t), bytes, orNaN(seq), NaN, NaN, NaN, NaN];
    if (rounds === 0) this.numbers = round;
    else this.numbers.push(...round);
    this.times.push(v.time, undefined);
    return rounds * ROUND;
  }

  /** A server run: the response of the last round when it has none yet. */
  private answer(v: SegmentView, bytes: number, seq: number | undefined): number {
    const rounds = this.times.length / 2;
    const at = (rounds - 1) * ROUND + RUN;
    if (rounds === 0 || !Number.isNaN(this.numbers[at + LINE])) return -1;
    this.numbers[at + LINE] = v.p.line;
    this.numbers[at + T] = orNaN(v.p.t);
    this.numbers[at + BYTES] = bytes;
    this.numbers[at + SEQ] = orNaN(seq);
    this.times[2 * rounds - 1] = v.time;
    return at;
  }

  /** The rounds as the report shows them (new objects on each call: a snapshot does not change later). */
  get exchanges(): Exchange[] {
    const out: Exchange[] = [];
    for (let r = 0; r < this.times.length / 2; r++) {
      const request = this.run(r * ROUND, this.times[2 * r]);
      const responseAt = r * ROUND + RUN;
      out.push(Number.isNaN(this.numbers[responseAt + LINE]) ? { request } : { request, response: this.run(responseAt, this.times[2 * r + 1]) });
    }
    return out;
  }

  get isTruncated(): boolean {
    return this.truncated;
  }

  private run(at: number, time: string | undefined): DataRun {
    const run = { line: this.numbers[at + LINE] } as DataRun;
    put(run, "time", time);
    put(run, "t", orUndefined(this.numbers[at + T]));
    run.bytes = this.numbers[at + BYTES];
    put(run, "seq", orUndefined(this.numbers[at + SEQ]));
    return run;
  }
}
