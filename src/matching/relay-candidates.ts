import { lowerBound, type RoundTable } from "./rounds.js";
import { fitsClock, relayScore, type ScoreContext } from "./relay-score.js";

/** For each back round, its best-scoring feasible front rounds (compressed rows). */
export interface Candidates {
  /** Rows of back round b: `start[b]` to `start[b + 1]`. */
  start: Int32Array;
  front: Int32Array;
  score: Float64Array;
}

/** What a pairing pass looks for: the two captures' rounds and the assumptions of the pass. */
export interface RelayQuery extends ScoreContext {
  /** Seconds: how long before the corrected back request the front request may lie. */
  maxRelay: number;
  /** Also check front rounds slower than `maxRelay` against every back round. */
  slow: boolean;
}

/** Enough alternatives for the assignment to resolve contention, few enough to stay sparse. */
const PER_ROUND = 12;

/**
 * Feasible (front round, back round) pairs, found by time window: with the offset in range,
 * the front request lies at most `maxRelay` seconds before the corrected back request. With
 * `slow`, front rounds that lasted longer than `maxRelay` are checked for every back round
 * (a relay can take as long as the client waited: set when `maxRelay` is a percentile of
 * those waits, so they are few). Nothing here is quadratic unless the window holds everything.
 */
export function relayCandidates(q: RelayQuery): Candidates {
  const slowest = q.slow ? slowRounds(q.front, q.maxRelay) : [];
  const start = new Int32Array(q.back.n + 1);
  const row = new BestOf(q.back.n * PER_ROUND);
  for (let b = 0; b < q.back.n; b++) {
    fillRow(q, row, b, slowest);
    start[b + 1] = row.used;
  }
  return { start, front: row.fronts.subarray(0, row.used), score: row.scores.subarray(0, row.used) };
}

/**
 * Back round b's row. (A function of its own, called once per back round: V8 optimizes it
 * as a whole, where one long loop would be optimized mid-way and fall back on every call.)
 */
function fillRow(q: RelayQuery, row: BestOf, b: number, slowest: number[]): void {
  const { front, back, range } = q;
  const { sortedReq, sortedResp, byReq } = front;
  const bReq = back.req[b];
  const bResp = back.resp[b];
  const earliest = bReq - range.dHi - q.maxRelay;
  const latest = bReq - range.dLo;
  // Most rounds in the window miss the clock: rejected here, in memory order, unscored.
  for (let p = lowerBound(front, earliest); p < front.n && sortedReq[p] <= latest; p++) {
    if (fitsClock(sortedReq[p], sortedResp[p], bReq, bResp, range)) consider(q, row, byReq[p], b);
  }
  for (let i = 0; i < slowest.length; i++) if (front.req[slowest[i]] < earliest) consider(q, row, slowest[i], b);
  row.close();
}

/** Scores front round f for back round b and offers it to b's row. */
function consider(q: RelayQuery, row: BestOf, f: number, b: number): void {
  const s = relayScore(q, f, b);
  if (!Number.isNaN(s)) row.offer(f, s);
}

function slowRounds(front: RoundTable, maxRelay: number): number[] {
  const slow: number[] = [];
  for (let f = 0; f < front.n; f++) if (front.resp[f] - front.req[f] > maxRelay) slow.push(f);
  return slow;
}

/**
 * The rows being filled: the current one (from `used`, `size` long, unsorted) keeps the
 * PER_ROUND highest scores offered, the first of equal ones kept; `close` ends it.
 */
class BestOf {
  readonly fronts: Int32Array;
  readonly scores: Float64Array;
  used = 0;
  private size = 0;
  /** Where the current row's lowest score is, once the row is full. */
  private worst = 0;

  constructor(capacity: number) {
    this.fronts = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  offer(f: number, s: number): void {
    const at = this.used;
    if (this.size < PER_ROUND) {
      this.fronts[at + this.size] = f;
      this.scores[at + this.size] = s;
      if (++this.size === PER_ROUND) this.findWorst();
    } else if (s > this.scores[this.worst]) {
      this.fronts[this.worst] = f;
      this.scores[this.worst] = s;
      this.findWorst();
    }
  }

  close(): void {
    this.used += this.size;
    this.size = 0;
  }

  /** The first of the lowest scores in the full row. */
  private findWorst(): void {
    let worst = this.used;
    for (let i = this.used + 1; i < this.used + this.size; i++) if (this.scores[i] < this.scores[worst]) worst = i;
    this.worst = worst;
  }
}
