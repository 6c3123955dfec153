import { ascending } from "./numeric-order.js";

/**
 * What one pair says about the clock offset d (back clock minus front clock, seconds): an
 * event seen at the back that a front event caused gives `d <= tBack - tFront` (`hi`), a front
 * event that a back event caused gives `d >= tBack - tFront` (`lo`); the pair allows the
 * offsets between its highest `lo` and lowest `hi`.
 */
export interface LinkInterval {
  lo: number;
  hi: number;
  /**
   * A further high bound that holds only for a proxy that connects to the backend after the
   * request arrived (HTTP mode); used only when no hard bound contradicts it. Infinity: none.
   */
  lazy: number;
  /** Confidence of the pair, 0..1. */
  weight: number;
  /** Which link it is (the caller's index), to report the ones left out. */
  link: number;
}

/** An interval that allows every offset, to narrow with `d <= x` and `d >= x` bounds. */
export function openInterval(link: number, weight: number): LinkInterval {
  return { lo: -Infinity, hi: Infinity, lazy: Infinity, weight, link };
}

export interface ClockBounds {
  lo?: number;
  hi?: number;
  /** Whether the lazy-connect bounds were applied. */
  lazyUsed: boolean;
  /** Links whose bounds contradicted stronger ones and were left out. */
  dropped: Set<number>;
}

/** Timestamps are printed to the microsecond: allow that much disagreement. */
const SLACK = 2e-6;

/** Links at least this confident bound the clock when there are any. */
const CONFIDENT = 0.5;
/**
 * Share of the pairs' weight allowed to disagree: with many look-alike clients some pairs are
 * wrong, and the offsets every pair allows may exclude the true one.
 */
const TOLERATED = 0.02;

/**
 * Each link allows the offsets between its highest low and lowest high bound. The answer is
 * the stretch of offsets, around the one allowed by the most weight of links (a sweep over
 * their intervals), that all but TOLERATED of that weight allows; a link allowing none of it
 * is a wrong pair or a broken assumption and is left out. Only confident links take part
 * when there are any. The lazy-connect bounds of the links kept then lower the high end
 * (all but TOLERATED of them) unless that contradicts the low end: a proxy in TCP mode or
 * with a connection pool opens connections before requests arrive.
 */
export function clockBounds(links: LinkInterval[]): ClockBounds {
  const dropped = new Set<number>();
  const consistent = links.filter((l) => l.lo <= l.hi + SLACK || !dropped.add(l.link));
  const confident = consistent.filter((l) => l.weight >= CONFIDENT);
  const usable = confident.length > 0 ? confident : consistent;
  const best = plateau(usable);
  if (!best) return { lazyUsed: false, dropped };
  const kept = usable.filter((l) => (l.lo <= best.hi + SLACK && l.hi >= best.lo - SLACK) || !dropped.add(l.link));
  const lo = finite(best.lo);
  let hi = finite(best.hi);
  const lazyHi = lowQuantile(kept.filter((l) => l.lazy !== Infinity));
  const lazyUsed = lazyHi !== undefined && (lo === undefined || lazyHi >= lo - SLACK) && (hi === undefined || lazyHi < hi);
  if (lazyUsed) hi = lo === undefined ? lazyHi : Math.max(lazyHi, lo);
  return { lo, hi, lazyUsed, dropped };
}

const finite = (x: number) => (Number.isFinite(x) ? x : undefined);

/**
 * The stretch around the offset allowed by the most weight where the weight allowing it stays
 * within TOLERATED of that most (closed intervals).
 */
function plateau(intervals: LinkInterval[]) {
  // Event 2i opens interval i at its low bound, event 2i + 1 closes it at its high bound.
  const n = 2 * intervals.length;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  intervals.forEach((i, k) => {
    x[2 * k] = i.lo;
    w[2 * k] = i.weight;
    x[2 * k + 1] = Math.max(i.hi, i.lo);
    w[2 * k + 1] = -i.weight;
  });
  const isOpen = (e: number) => (e & 1) === 0;
  // At one abscissa, intervals that start there count before those that end there.
  const events = Int32Array.from({ length: n }, (_, e) => e).sort((a, b) => (x[a] < x[b] ? -1 : x[a] > x[b] ? 1 : (a & 1) - (b & 1)));
  const depths = new Float64Array(n);
  let depth = 0;
  let at = -1;
  events.forEach((e, k) => {
    depth += w[e];
    depths[k] = depth;
    if (isOpen(e) && (at < 0 || depth > depths[at] + 1e-9)) at = k;
  });
  if (at < 0) return undefined;
  const floor = depths[at] * (1 - TOLERATED) - 1e-9;
  // Depth after event k holds from events[k]'s abscissa to events[k + 1]'s.
  let first = at;
  while (first > 0 && depths[first - 1] >= floor) first--;
  let last = at;
  while (last + 1 < n && depths[last + 1] >= floor) last++;
  return { lo: x[events[first]], hi: last + 1 < n ? x[events[last + 1]] : Infinity };
}

/** The lazy bound all but TOLERATED of the links' weight respects. */
function lowQuantile(links: LinkInterval[]): number | undefined {
  if (links.length === 0) return undefined;
  const sorted = [...links].sort((a, b) => ascending(a.lazy, b.lazy));
  const allowed = TOLERATED * sorted.reduce((s, l) => s + l.weight, 0);
  let skipped = 0;
  for (const l of sorted) {
    skipped += l.weight;
    if (skipped > allowed) return l.lazy;
  }
  return sorted[sorted.length - 1].lazy;
}

/** The point estimate: the middle of the bounds, or the one bound there is. */
export function midpoint(b: { lo?: number; hi?: number }): number | undefined {
  if (b.lo !== undefined && b.hi !== undefined) return (b.lo + b.hi) / 2;
  return b.lo ?? b.hi;
}
