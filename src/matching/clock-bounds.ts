/**
 * Bounds on the clock offset d (back clock minus front clock, seconds) from cause and effect:
 * an event seen at the back that a front event caused gives `d <= tBack - tFront`
 * ("high"), a front event that a back event caused gives `d >= tBack - tFront` ("low").
 */
export interface Bound {
  side: "low" | "high";
  value: number;
  /**
   * "lazy": holds only for a proxy that connects to the backend after the request arrived
   * (HTTP mode); used only when no hard bound contradicts it.
   */
  tier: "hard" | "lazy";
  /** Confidence of the pair it comes from: the weakest is dropped first on a conflict. */
  weight: number;
  /** Which link it comes from (the caller's index). */
  link: number;
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

export function clockBounds(bounds: Bound[]): ClockBounds {
  const hard = bounds.filter((b) => b.tier === "hard");
  const dropped = new Set<number>();
  let lows = hard.filter((b) => b.side === "low").sort((a, b) => b.value - a.value);
  let highs = hard.filter((b) => b.side === "high").sort((a, b) => a.value - b.value);
  // A contradiction means a wrong pair: drop the weaker of the two binding bounds' links.
  while (lows.length > 0 && highs.length > 0 && lows[0].value > highs[0].value + SLACK) {
    const weaker = lows[0].weight < highs[0].weight ? lows[0] : highs[0];
    dropped.add(weaker.link);
    lows = lows.filter((b) => !dropped.has(b.link));
    highs = highs.filter((b) => !dropped.has(b.link));
  }
  const lo = lows[0]?.value;
  let hi = highs[0]?.value;
  const lazy = bounds.filter((b) => b.tier === "lazy" && !dropped.has(b.link));
  const lazyHi = Math.min(...lazy.map((b) => b.value));
  const lazyUsed = lazy.length > 0 && (lo === undefined || lazyHi >= lo - SLACK) && (hi === undefined || lazyHi < hi);
  if (lazyUsed) hi = lo === undefined ? lazyHi : Math.max(lazyHi, lo);
  return { lo, hi, lazyUsed, dropped };
}

/** The point estimate: the middle of the bounds, or the one bound there is. */
export function midpoint(b: { lo?: number; hi?: number }): number | undefined {
  if (b.lo !== undefined && b.hi !== undefined) return (b.lo + b.hi) / 2;
  return b.lo ?? b.hi;
}
