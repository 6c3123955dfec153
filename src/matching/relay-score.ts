import type { RoundTable } from "./rounds.js";

/**
 * How well a front round f and a back round b fit "the proxy relayed f's request as b and b's
 * response back to f", in log-odds units (docs/matching.md, "Scoring a proxy pair").
 */
export const RELAY_WEIGHTS = {
  /** The pair is consistent with the clock window at all (a gate, then this base). */
  causal: 1,
  respSizeEqual: 3,
  respSizeClose: 1,
  /** Only once the captures show the proxy keeps response sizes (learned). */
  respSizeDiffer: -1.5,
  reqSizeEqual: 1.5,
  reqSizeClose: 0.75,
  reqSizeDiffer: -0.5,
  /** The backend connection was opened right after this request (HTTP-mode proxy). */
  lazyConnect: 1,
} as const;

/** A back round whose best front round scores below this stays unmatched. */
export const RELAY_THRESHOLD = 2.5;

/**
 * A delay's typical value in these captures: median and spread (seconds), and how much a
 * typical value says (`weight`: a tight spread among widely spaced events says a lot).
 */
export interface Typical {
  med: number;
  scale: number;
  weight: number;
}

/** Typical timings of the proxy in these captures, learned from a previous pass. */
export interface RelayStats {
  /** The proxy's added time: front round duration minus back round duration (clock-free). */
  overhead: Typical;
  /** Back request minus front request, and front response minus back response (corrected). */
  relay: Typical;
  answer: Typical;
  /** Whether a size difference counts against a pair (the proxy is seen to keep sizes). */
  respSizeKept: boolean;
  reqSizeKept: boolean;
}

const LOOSE: Typical = { med: 0, scale: 0.002, weight: 1 };

export const DEFAULT_STATS: RelayStats = {
  overhead: LOOSE,
  relay: LOOSE,
  answer: LOOSE,
  respSizeKept: false,
  reqSizeKept: false,
};

/** Offsets (back minus front, seconds) the pairing may assume, and the one it prefers. */
export interface OffsetRange {
  dLo: number;
  dHi: number;
  dMid: number;
}

/** Timestamps are printed to the microsecond. */
const SLACK = 2e-6;

/** The terms of a score, for evidence; the hot path passes none. */
export interface RelayTerms {
  offset: number;
  relay: number;
  overhead?: number;
  answer?: number;
  timing: number;
  respSize: number;
  reqSize: number;
  lazy: number;
}

/** The two captures' rounds and the assumptions a pass scores pairs under. */
export interface ScoreContext {
  front: RoundTable;
  back: RoundTable;
  /** Per back round: its connection's SYN time when it is the first round, else NaN. */
  backSyn: Float64Array;
  range: OffsetRange;
  stats: RelayStats;
}

/**
 * The score of pairing front round f with back round b, or NaN when no offset in `range`
 * puts the back request after the front request and the back response before the front one.
 * (Times are read here from the tables, not passed: a number argument costs a heap box per
 * call, and this runs for every candidate pair.)
 */
export function relayScore(q: ScoreContext, f: number, b: number, terms?: RelayTerms): number {
  const { front, back, range, stats } = q;
  if (!fitsClock(front.req[f], front.resp[f], back.req[b], back.resp[b], range)) return NaN;
  const hiPair = back.req[b] - front.req[f];
  const answered = !Number.isNaN(front.resp[f]) && !Number.isNaN(back.resp[b]);
  const loPair = answered ? back.resp[b] - front.resp[f] : -Infinity;
  const d = Math.min(Math.max(range.dMid, range.dLo, loPair), range.dHi, hiPair);
  const relay = back.req[b] - d - front.req[f];
  // NaN rather than undefined when unanswered: a number-only variable needs no heap box.
  const overhead = answered ? front.resp[f] - front.req[f] - (back.resp[b] - back.req[b]) : NaN;
  const answer = overhead - relay;
  const timing = RELAY_WEIGHTS.causal + typical(relay, stats.relay) + (answered ? typical(overhead, stats.overhead) + typical(answer, stats.answer) : 0);
  const respSize = answered ? sizeTerm(front.respBytes[f], back.respBytes[b], stats.respSizeKept, "resp") : 0;
  const reqSize = sizeTerm(front.reqBytes[f], back.reqBytes[b], stats.reqSizeKept, "req");
  const synGap = q.backSyn[b] - d - front.req[f];
  const lazy = synGap >= -SLACK && synGap <= relay + SLACK ? RELAY_WEIGHTS.lazyConnect : 0;
  if (terms) {
    Object.assign(terms, { offset: d, relay, overhead: answered ? overhead : undefined, answer: answered ? answer : undefined, timing, respSize, reqSize, lazy });
  }
  return timing + respSize + reqSize + lazy;
}

/**
 * Whether some offset in `range` puts the back request after the front request and the back
 * response before the front one (times in seconds; a response is NaN when none was seen,
 * and then only the requests bound the offset). The candidate search calls this on every
 * round in its window, relayScore on the rest.
 */
export function fitsClock(fReq: number, fResp: number, bReq: number, bResp: number, range: OffsetRange): boolean {
  const hiPair = bReq - fReq;
  if (hiPair < range.dLo - SLACK) return false;
  const loPair = bResp - fResp;
  return !(loPair > range.dHi + SLACK || loPair > hiPair + SLACK);
}

/** The weight at the typical value, falling off exponentially with the distance in scales. */
function typical(x: number, t: Typical): number {
  return t.weight * Math.exp(-Math.abs(x - t.med) / t.scale);
}

/**
 * Whether a pair's sizes back it up without the clock: the same response length, or the same
 * request length with a close response. A pair found at a fitted offset needs this.
 */
export function sizeBacked(t: RelayTerms): boolean {
  return t.respSize === RELAY_WEIGHTS.respSizeEqual || (t.reqSize === RELAY_WEIGHTS.reqSizeEqual && t.respSize > 0);
}

function sizeTerm(a: number, b: number, kept: boolean, which: "resp" | "req"): number {
  const w = RELAY_WEIGHTS;
  if (a === b) return which === "resp" ? w.respSizeEqual : w.reqSizeEqual;
  if (Math.abs(a - b) <= Math.max(64, 0.1 * Math.max(a, b))) return which === "resp" ? w.respSizeClose : w.reqSizeClose;
  if (!kept) return 0;
  return which === "resp" ? w.respSizeDiffer : w.reqSizeDiffer;
}
