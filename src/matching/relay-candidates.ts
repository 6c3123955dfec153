import { lowerBound, type RoundTable } from "./rounds.js";
import { relayScore, type OffsetRange, type RelayStats } from "./relay-score.js";

/** For each back round, its best-scoring feasible front rounds (compressed rows). */
export interface Candidates {
  /** Rows of back round b: `start[b]` to `start[b + 1]`. */
  start: Int32Array;
  front: Int32Array;
  score: Float64Array;
}

/** What a pairing pass looks for: the two captures' rounds and the assumptions of the pass. */
export interface RelayQuery {
  front: RoundTable;
  back: RoundTable;
  /** Per back round: its connection's SYN time when it is the first round, else NaN. */
  backSyn: Float64Array;
  range: OffsetRange;
  stats: RelayStats;
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
  const { front, back, backSyn, range, stats, maxRelay, slow } = q;
  const slowest = slow ? slowRounds(front, maxRelay) : [];
  const start = new Int32Array(back.n + 1);
  const fronts = new Int32Array(back.n * PER_ROUND);
  const scores = new Float64Array(back.n * PER_ROUND);
  let used = 0;
  for (let b = 0; b < back.n; b++) {
    start[b] = used;
    let size = 0;
    const consider = (f: number) => {
      const s = relayScore(front, back, f, b, range, stats, backSyn[b]);
      if (!Number.isNaN(s)) size = keepBest(fronts, scores, used, size, f, s);
    };
    const earliest = back.req[b] - range.dHi - maxRelay;
    const latest = back.req[b] - range.dLo;
    for (let p = lowerBound(front, earliest); p < front.n && front.req[front.byReq[p]] <= latest; p++) consider(front.byReq[p]);
    for (const f of slowest) if (front.req[f] < earliest) consider(f);
    used += size;
  }
  start[back.n] = used;
  return { start, front: fronts.subarray(0, used), score: scores.subarray(0, used) };
}

function slowRounds(front: RoundTable, maxRelay: number): number[] {
  const slow: number[] = [];
  for (let f = 0; f < front.n; f++) if (front.resp[f] - front.req[f] > maxRelay) slow.push(f);
  return slow;
}

/** Keeps the PER_ROUND highest scores of a row (at `at`, `size` long, unsorted); the new size. */
function keepBest(fronts: Int32Array, scores: Float64Array, at: number, size: number, f: number, s: number): number {
  if (size < PER_ROUND) {
    fronts[at + size] = f;
    scores[at + size] = s;
    return size + 1;
  }
  let worst = at;
  for (let i = at + 1; i < at + size; i++) if (scores[i] < scores[worst]) worst = i;
  if (s > scores[worst]) {
    fronts[worst] = f;
    scores[worst] = s;
  }
  return size;
}
