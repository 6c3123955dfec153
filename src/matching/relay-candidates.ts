import { lowerBound, type RoundTable } from "./rounds.js";
import { relayScore, type OffsetRange, type RelayStats } from "./relay-score.js";

/** For each back round, its best-scoring feasible front rounds (compressed rows). */
export interface Candidates {
  /** Rows of back round b: `start[b]` to `start[b + 1]`. */
  start: Int32Array;
  front: Int32Array;
  score: Float64Array;
}

/** Enough alternatives for the assignment to resolve contention, few enough to stay sparse. */
const PER_ROUND = 12;

/**
 * Feasible (front round, back round) pairs, found by time window: with the offset in range,
 * the front request lies at most `maxRelay` seconds before the corrected back request. Front
 * rounds that lasted longer than `maxRelay` (slow answers) are checked for every back round.
 * Nothing here is quadratic unless the window holds everything.
 */
export function relayCandidates(
  front: RoundTable,
  back: RoundTable,
  backSyn: Float64Array,
  range: OffsetRange,
  stats: RelayStats,
  maxRelay: number,
): Candidates {
  const slow = slowRounds(front, maxRelay);
  const start = new Int32Array(back.n + 1);
  const fronts: number[] = [];
  const scores: number[] = [];
  const rowF: number[] = [];
  const rowS: number[] = [];
  for (let b = 0; b < back.n; b++) {
    rowF.length = 0;
    rowS.length = 0;
    const earliest = back.req[b] - range.dHi - maxRelay;
    const latest = back.req[b] - range.dLo;
    const consider = (f: number) => {
      const s = relayScore(front, back, f, b, range, stats, backSyn[b]);
      if (!Number.isNaN(s)) keepBest(rowF, rowS, f, s);
    };
    for (let p = lowerBound(front, earliest); p < front.n && front.req[front.byReq[p]] <= latest; p++) consider(front.byReq[p]);
    for (const f of slow) if (front.req[f] < earliest) consider(f);
    start[b] = fronts.length;
    fronts.push(...rowF);
    scores.push(...rowS);
  }
  start[back.n] = fronts.length;
  return { start, front: Int32Array.from(fronts), score: Float64Array.from(scores) };
}

function slowRounds(front: RoundTable, maxRelay: number): number[] {
  const slow: number[] = [];
  for (let f = 0; f < front.n; f++) if (front.resp[f] - front.req[f] > maxRelay) slow.push(f);
  return slow;
}

/** Keeps the PER_ROUND highest scores in a small unsorted row. */
function keepBest(rowF: number[], rowS: number[], f: number, s: number): void {
  if (rowF.length < PER_ROUND) {
    rowF.push(f);
    rowS.push(s);
    return;
  }
  let worst = 0;
  for (let i = 1; i < rowS.length; i++) if (rowS[i] < rowS[worst]) worst = i;
  if (s > rowS[worst]) {
    rowF[worst] = f;
    rowS[worst] = s;
  }
}
