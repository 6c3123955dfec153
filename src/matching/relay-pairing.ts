import type { MatchOptions } from "./types.js";
import type { ConnView } from "./events.js";
import type { SequenceLink } from "./sequence-links.js";
import { clockBounds, midpoint, type ClockBounds, type LinkInterval } from "./clock-bounds.js";
import { relayLinkBounds, sequenceLinkBounds } from "./link-bounds.js";
import { searchOffset } from "./offset-search.js";
import { roundTable, type RoundTable } from "./rounds.js";
import { relayCandidates, type Candidates, type RelayQuery } from "./relay-candidates.js";
import { assignRounds } from "./assign.js";
import { uncross } from "./uncross.js";
import { learnStats } from "./relay-stats.js";
import { ascending } from "./numeric-order.js";
import {
  DEFAULT_STATS,
  RELAY_THRESHOLD,
  relayScore,
  sizeBacked,
  type OffsetRange,
  type RelayStats,
  type RelayTerms,
} from "./relay-score.js";

/** A front round the proxy relayed as a back round (indexes into the views and their rounds). */
export interface RoundLink {
  f: number;
  fr: number;
  b: number;
  br: number;
  score: number;
  /** Probability-like: the score against the threshold, shared with the alternatives it beat. */
  confidence: number;
  terms: RelayTerms;
  /** The back connection's SYN time when this is its first round (the lazy-connect bound). */
  backSyn?: number;
}

interface PassResult {
  links: RoundLink[];
  assigned: Int32Array;
  bounds: ClockBounds;
}

export interface Pairing {
  links: RoundLink[];
  /** Final bounds from every pair (sequence links first, then round links), seconds. */
  bounds: ClockBounds;
  /** The offset used, seconds, and how it was found. */
  offset?: number;
  basis: string;
}

/**
 * Pairing passes: the first with loose assumptions, each next one with the timings and clock
 * bounds learned from the one before (wrong pairs blur what is learned, fewer each pass),
 * until at most SETTLED of the pairs change (at least two refinements: the first one's stats
 * come from loose assumptions).
 */
const MAX_PASSES = 6;
const SETTLED = 0.005;

/** Microsecond timestamps: how far a given offset may be off. */
const GIVEN_SLACK = 2e-6;

/**
 * Pairs the rounds of connections that sequence numbers did not pair (proxy legs): find the
 * clock offset, pair once with loose assumptions, learn the proxy's timings and the offset's
 * bounds from that, pair again with them.
 */
export function pairRounds(fv: ConnView[], bv: ConnView[], seq: SequenceLink[], opts: MatchOptions): Pairing {
  const seqBounds = seq.map((l, i) => sequenceLinkBounds(fv[l.f], bv[l.b], i, 1));
  const front = roundTable(fv, new Set(seq.map((l) => l.f)));
  const back = roundTable(bv, new Set(seq.map((l) => l.b)));
  const start = startingRange(front, back, seqBounds, opts);
  if (!start || front.n === 0 || back.n === 0) {
    const bounds = clockBounds(seqBounds);
    return { links: [], bounds, offset: start?.given ?? midpoint(bounds), basis: start?.basis ?? "" };
  }
  const backSyn = Float64Array.from({ length: back.n }, (_, b) =>
    back.round[b] === 0 ? (bv[back.view[b]].syn?.t ?? NaN) : NaN,
  );
  const maxRelay = opts.maxRelayMs !== undefined ? opts.maxRelayMs / 1000 : typicalRelayCeiling(front);
  const pass = (range: OffsetRange, stats: RelayStats): PassResult => {
    const { links, assigned } = runPass({ front, back, backSyn, range, stats, maxRelay, slow: true });
    const relayBounds = links.map((l, j) =>
      relayLinkBounds(fv[l.f].rounds[l.fr], bv[l.b].rounds[l.br], l.backSyn, seq.length + j, l.confidence),
    );
    return { links, assigned, bounds: clockBounds([...seqBounds, ...relayBounds]) };
  };
  let result = pass(start.range, DEFAULT_STATS);
  let previous = start.range;
  for (let refinement = 1; refinement < MAX_PASSES; refinement++) {
    const range = start.given !== undefined ? start.range : narrowed(previous, result.bounds);
    previous = range;
    const next = pass(range, learnStats(result.links, range.dMid, maxRelay + range.dHi - range.dLo));
    const settled = changed(result.assigned, next.assigned) <= SETTLED * Math.max(1, next.links.length);
    result = next;
    if (settled && refinement > 1) break;
  }
  if (start.fitted) result = sizeBackedOnly(result, seqBounds, fv, bv, seq.length);
  const offset = start.given ?? midpoint(result.bounds) ?? (result.links.length > 0 ? start.range.dMid : undefined);
  return { links: result.links, bounds: result.bounds, offset, basis: start.basis };
}

/**
 * At an offset fitted to the pairs (no clear peak in the search), timing proves nothing: two
 * unrelated captures always have some offset at which a few rounds line up. Only pairs whose
 * sizes agree are kept, and the clock is bounded by them alone.
 */
function sizeBackedOnly(result: PassResult, seqBounds: LinkInterval[], fv: ConnView[], bv: ConnView[], first: number): PassResult {
  const links = result.links.filter((l) => sizeBacked(l.terms));
  if (links.length === result.links.length) return result;
  const relayBounds = links.map((l, j) => relayLinkBounds(fv[l.f].rounds[l.fr], bv[l.b].rounds[l.br], l.backSyn, first + j, l.confidence));
  return { ...result, links, bounds: clockBounds([...seqBounds, ...relayBounds]) };
}

/** How many back rounds the two assignments pair differently. */
function changed(a: Int32Array, b: Int32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

interface Start {
  range: OffsetRange;
  basis: string;
  given?: number;
  /** The searched offset did not stand out from chance: it was fitted to the best pairs. */
  fitted?: boolean;
}

/**
 * The offset range of the first pass: given, from NAT'd connections, or searched. None when
 * the search found several offsets equally supported and none standing out: timing cannot
 * pair these captures.
 */
function startingRange(front: RoundTable, back: RoundTable, seqBounds: LinkInterval[], opts: MatchOptions): Start | undefined {
  if (opts.clockOffsetMs !== undefined) {
    const d = opts.clockOffsetMs / 1000;
    return { range: { dLo: d - GIVEN_SLACK, dHi: d + GIVEN_SLACK, dMid: d }, basis: "given", given: d };
  }
  const fromSeq = clockBounds(seqBounds);
  if (fromSeq.lo !== undefined && fromSeq.hi !== undefined) {
    return { range: widened(fromSeq.lo, fromSeq.hi, 0.0005), basis: "sequence" };
  }
  const found = searchOffset(front, back);
  if (!found || (!found.clear && found.ties > 1)) return undefined;
  return { range: widened(found.lo, found.hi, Math.max(0.002, (found.hi - found.lo) / 2)), basis: "search", fitted: !found.clear };
}

function widened(lo: number, hi: number, by: number): OffsetRange {
  return { dLo: lo - by, dHi: hi + by, dMid: (lo + hi) / 2 };
}

/**
 * The next pass trusts the last pass's bounds, with a margin for a wrong pair that narrowed
 * them (candidates need not fit exactly, the score prefers those that do), but never looks
 * beyond the last pass's range: its pairs were all found inside it, and ambiguous pairs would
 * otherwise widen the range pass after pass.
 */
function narrowed(range: OffsetRange, b: ClockBounds): OffsetRange {
  if (b.lo === undefined || b.hi === undefined) return range;
  const wide = widened(b.lo, b.hi, Math.max(0.001, b.hi - b.lo));
  const dLo = Math.max(wide.dLo, range.dLo);
  const dHi = Math.min(wide.dHi, range.dHi);
  if (dLo > dHi) return wide;
  return { dLo, dHi, dMid: Math.min(Math.max(wide.dMid, dLo), dHi) };
}

/**
 * How long a request may wait before the backend sees it: at most as long as the client waited
 * for the answer, so the 99th percentile of front round durations (slower rounds are checked
 * separately), between 5 ms and 2 s.
 */
function typicalRelayCeiling(front: RoundTable): number {
  const durations: number[] = [];
  for (let f = 0; f < front.n; f++) if (!Number.isNaN(front.resp[f])) durations.push(front.resp[f] - front.req[f]);
  if (durations.length === 0) return 0.5;
  durations.sort(ascending);
  const p99 = durations[Math.min(durations.length - 1, Math.floor(durations.length * 0.99))];
  return Math.min(2, Math.max(0.005, p99));
}

function runPass(q: RelayQuery): { links: RoundLink[]; assigned: Int32Array } {
  const { front, back, backSyn } = q;
  const c = relayCandidates(q);
  const assigned = assignRounds(c, front.n, RELAY_THRESHOLD);
  uncross(c, assigned, q);
  const share = shares(c, front.n);
  const links: RoundLink[] = [];
  for (let b = 0; b < back.n; b++) {
    const f = assigned[b];
    if (f < 0) continue;
    const terms = {} as RelayTerms;
    const score = relayScore(q, f, b, terms);
    const confidence = share(b, f, score) / (1 + Math.exp(RELAY_THRESHOLD - score));
    const syn = Number.isNaN(backSyn[b]) ? undefined : backSyn[b];
    links.push({ f: front.view[f], fr: front.round[f], b: back.view[b], br: back.round[b], score, confidence, terms, backSyn: syn });
  }
  return { links, assigned };
}

/**
 * How much of the plausibility around a chosen pair it holds: e^s over the sum of e^s of every
 * candidate that competes with it for the same back round or the same front round.
 */
function shares(c: Candidates, frontRounds: number) {
  const rowSum = new Float64Array(c.start.length - 1);
  const colSum = new Float64Array(frontRounds);
  for (let b = 0; b < rowSum.length; b++) {
    for (let k = c.start[b]; k < c.start[b + 1]; k++) {
      const e = Math.exp(c.score[k]);
      rowSum[b] += e;
      colSum[c.front[k]] += e;
    }
  }
  return (b: number, f: number, s: number) => {
    const e = Math.exp(s);
    return e / Math.max(e, rowSum[b] + colSum[f] - e);
  };
}
