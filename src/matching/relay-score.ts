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
 * Runs for every candidate pair, so it stays small enough for V8 to inline (the score then
 * needs no heap box), reads times from the tables rather than taking them as arguments (each
 * would be boxed), and leaves the terms to `fillTerms`.
 */
export function relayScore(q: ScoreContext, f: number, b: number, terms?: RelayTerms): number {
  const { front, back, stats } = q;
  if (!fitsClock(front.req[f], front.resp[f], back.req[b], back.resp[b], q.range)) return NaN;
  const d = bestOffset(q, f, b);
  const relay = back.req[b] - d - front.req[f];
  // NaN when either response is missing (a number-only variable needs no heap box).
  const overhead = front.resp[f] - front.req[f] - (back.resp[b] - back.req[b]);
  const timing = timingTerm(stats, relay, overhead);
  const respSize = Number.isNaN(overhead) ? 0 : sizeTerm(front.respBytes[f], back.respBytes[b], stats.respSizeKept, RESP_SIZE);
  const reqSize = sizeTerm(front.reqBytes[f], back.reqBytes[b], stats.reqSizeKept, REQ_SIZE);
  const lazy = lazyTerm(q.backSyn[b] - d - front.req[f], relay);
  if (terms) fillTerms(terms, { offset: d, relay, overhead, timing, respSize, reqSize, lazy });
  return timing + respSize + reqSize + lazy;
}

/** Causal base, and how typical the relay delay, the added time and the answer delay are. */
function timingTerm(stats: RelayStats, relay: number, overhead: number): number {
  const answered = !Number.isNaN(overhead);
  return RELAY_WEIGHTS.causal + typical(relay, stats.relay) + (answered ? typical(overhead, stats.overhead) + typical(overhead - relay, stats.answer) : 0);
}

/** The backend connection opened between the request's arrival and its relay. */
function lazyTerm(synGap: number, relay: number): number {
  return synGap >= -SLACK && synGap <= relay + SLACK ? RELAY_WEIGHTS.lazyConnect : 0;
}

/**
 * The offset that fits the pair best: the preferred one, moved into what the pair allows
 * (its answer bounds it from below, its request from above) and into the range.
 */
function bestOffset(q: ScoreContext, f: number, b: number): number {
  const { front, back, range } = q;
  const hiPair = back.req[b] - front.req[f];
  const answered = !Number.isNaN(front.resp[f]) && !Number.isNaN(back.resp[b]);
  const loPair = answered ? back.resp[b] - front.resp[f] : -Infinity;
  return Math.min(Math.max(range.dMid, range.dLo, loPair), range.dHi, hiPair);
}

/** The terms for evidence (overhead NaN: no answer on one side, so neither it nor the answer delay). */
function fillTerms(terms: RelayTerms, t: Omit<RelayTerms, "overhead" | "answer"> & { overhead: number }): void {
  const answered = !Number.isNaN(t.overhead);
  const [overhead, answer] = answered ? [t.overhead, t.overhead - t.relay] : [undefined, undefined];
  Object.assign(terms, { offset: t.offset, relay: t.relay, overhead, answer, timing: t.timing, respSize: t.respSize, reqSize: t.reqSize, lazy: t.lazy });
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

interface SizeWeights {
  equal: number;
  close: number;
  differ: number;
}

const RESP_SIZE: SizeWeights = { equal: RELAY_WEIGHTS.respSizeEqual, close: RELAY_WEIGHTS.respSizeClose, differ: RELAY_WEIGHTS.respSizeDiffer };
const REQ_SIZE: SizeWeights = { equal: RELAY_WEIGHTS.reqSizeEqual, close: RELAY_WEIGHTS.reqSizeClose, differ: RELAY_WEIGHTS.reqSizeDiffer };

function sizeTerm(a: number, b: number, kept: boolean, w: SizeWeights): number {
  if (a === b) return w.equal;
  if (Math.abs(a - b) <= Math.max(64, 0.1 * Math.max(a, b))) return w.close;
  return kept ? w.differ : 0;
}
