/**
 * Request/response rounds: runs of new payload bytes from one side, each ended by payload
 * from the other side. A client run opens a round; the server run after it is its response.
 * Server payload before any client payload (a banner) belongs to no round.
 */
import { seqAdd, seqDelta } from "./numbers.js";
import { put } from "./put.js";
import type { DataRun, Exchange } from "./types.js";
import type { SegmentView } from "./view.js";

export class ExchangeLog {
  private readonly rounds: Exchange[] = [];
  private truncated = false;
  private currentFromClient?: boolean;
  private current?: DataRun;
  /** One past the highest payload byte seen from each side, to skip retransmitted bytes. */
  private readonly highest = new Map<boolean, number>();

  constructor(private readonly limit: number) {}

  push(v: SegmentView): void {
    if (v.nums.len === 0 || v.flags.rst) return;
    const fresh = this.freshBytes(v);
    if (fresh.bytes === 0) return;
    if (this.current && this.currentFromClient === v.fromClient) {
      this.current.bytes += fresh.bytes;
      return;
    }
    const run = { line: v.p.line } as DataRun;
    put(run, "time", v.p.time);
    put(run, "t", v.p.t);
    run.bytes = fresh.bytes;
    put(run, "seq", fresh.seq);
    this.current = run;
    this.currentFromClient = v.fromClient;
    if (v.fromClient) {
      if (this.rounds.length < this.limit) this.rounds.push({ request: run });
      else this.truncated = true;
      return;
    }
    const last = this.rounds[this.rounds.length - 1];
    if (last && !last.response) last.response = run;
  }

  /** Bytes of this segment beyond what its sender already sent, and where they start. */
  private freshBytes(v: SegmentView): { bytes: number; seq?: number } {
    const { seq, len } = v.nums;
    if (seq === undefined) return { bytes: len };
    const end = v.nums.seqEnd ?? seqAdd(seq, len);
    const high = this.highest.get(v.fromClient);
    if (high === undefined || seqDelta(seq, high) >= 0) {
      this.highest.set(v.fromClient, end);
      return { bytes: len, seq };
    }
    if (seqDelta(end, high) <= 0) return { bytes: 0 };
    this.highest.set(v.fromClient, end);
    return { bytes: seqDelta(end, high), seq: high };
  }

  get exchanges(): Exchange[] {
    return this.rounds;
  }

  get isTruncated(): boolean {
    return this.truncated;
  }
}
