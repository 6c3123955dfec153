import type { RoundTable } from "./rounds.js";

/** The clock offsets (back minus front, seconds) that the most round pairs agree with. */
export interface OffsetWindow {
  lo: number;
  hi: number;
  /** How many (sampled back round, front round) pairs are consistent with every offset in it. */
  depth: number;
  samples: number;
  /**
   * Whether the offset stands out from chance. Without that, the offset was merely fitted to
   * whichever pairs it best suits: with a free offset, any two rounds line up.
   */
  clear: boolean;
  /** How many separate offsets are as well supported (more than one: no way to choose). */
  ties: number;
}

/** Back rounds sampled for the search: enough for a clear peak, few enough to stay fast. */
const SAMPLES = 48;

/**
 * Searches the offset with no prior bound (clocks may be seconds or hours apart). A front
 * round f relayed as back round b allows only offsets d with
 *   b.resp - f.resp <= d <= b.req - f.req
 * (the backend saw the request after the client sent it; the client got the answer after the
 * backend sent it). Every candidate pair gives such an interval; the true offset lies in the
 * intervals of all true pairs, false pairs scatter theirs. The answer is the segment covered
 * by the most intervals. Front rounds are restricted to the back round's response size when
 * any has it (a relayed response keeps its length).
 */
export function searchOffset(front: RoundTable, back: RoundTable): OffsetWindow | undefined {
  const bySize = frontBySize(front);
  const samples = pickSamples(back, bySize);
  if (samples.length === 0) return undefined;
  const starts: number[] = [];
  const ends: number[] = [];
  for (const b of samples) {
    const fronts = bySize.get(back.respBytes[b]) ?? bySize.get(ANY) ?? [];
    for (const f of fronts) {
      const lo = back.resp[b] - front.resp[f];
      const hi = back.req[b] - front.req[f];
      if (lo <= hi) {
        starts.push(lo);
        ends.push(hi);
      }
    }
  }
  const best = clearestPeak(starts, ends);
  return best && { lo: best.lo, hi: best.hi, depth: best.depth, clear: best.clear, ties: best.ties, samples: samples.length };
}

/**
 * Widths caps tried, seconds. An interval's width is the time the proxy added to the round
 * (front duration minus back duration): small and steady for true pairs, anything for false
 * ones. With many concurrent clients the false intervals bury the true ones unless only the
 * narrow ones vote; how narrow is unknown, so each cap is tried.
 */
const WIDTH_CAPS = [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, Infinity];
/** A peak must stand this many standard deviations above the background to be believed. */
const CLEAR = 4;
/** The background is the mean depth this many caps either side of a peak (the peak excluded). */
const NEIGHBOURHOOD = 4;

/**
 * For each width cap, the deepest segment among intervals no wider than it, and how far that
 * depth stands above the depth around it (Poisson background: false intervals pile up where
 * traffic is dense, so the comparison is local). The narrowest cap with a clear peak wins:
 * wide caps always show a clear hump where the two captures' busy periods overlap, wherever
 * the true offset is. Without a clear peak, the deepest segment with no cap.
 */
function clearestPeak(starts: number[], ends: number[]) {
  const buckets = WIDTH_CAPS.map(() => [] as number[]);
  for (let i = 0; i < starts.length; i++) {
    const width = ends[i] - starts[i];
    let c = 0;
    while (width > WIDTH_CAPS[c]) c++;
    buckets[c].push(i);
  }
  let sortedStarts: Float64Array = new Float64Array(0);
  let sortedEnds: Float64Array = new Float64Array(0);
  let clearest: { lo: number; hi: number; depth: number; z: number } | undefined;
  let deepest: ReturnType<typeof deepestSegment>;
  WIDTH_CAPS.forEach((cap, c) => {
    if (buckets[c].length === 0 && cap !== Infinity) return;
    sortedStarts = merged(sortedStarts, buckets[c].map((i) => starts[i]));
    sortedEnds = merged(sortedEnds, buckets[c].map((i) => ends[i]));
    deepest = deepestSegment(sortedStarts, sortedEnds);
    if (!deepest || cap === Infinity) return;
    const background = meanDepthAround(sortedStarts, sortedEnds, deepest.lo - cap, deepest.hi + cap, NEIGHBOURHOOD * cap);
    const z = (deepest.depth - background) / Math.sqrt(background + 1);
    if (z >= CLEAR && !clearest) clearest = { ...deepest, z };
  });
  if (clearest) return { ...clearest, clear: true, ties: 1 };
  return deepest && { ...deepest, clear: false };
}

/**
 * Mean depth over [lo - reach, lo) and (hi, hi + reach]: total overlap of the intervals with
 * those two stretches over their length. Starts and ends are sorted separately, which is
 * enough: overlap with [a, b] is the sum over intervals of (min(end, b) - max(start, a))+,
 * computed as integral of (starts before x) - (ends before x) from a to b.
 */
function meanDepthAround(starts: Float64Array, ends: Float64Array, lo: number, hi: number, reach: number): number {
  const covered = integral(starts, ends, lo - reach, lo) + integral(starts, ends, hi, hi + reach);
  return covered / (2 * reach);
}

/** The integral of depth from a to b: area under (count of starts <= x) minus (ends < x). */
function integral(starts: Float64Array, ends: Float64Array, a: number, b: number): number {
  return areaBelow(starts, a, b) - areaBelow(ends, a, b);
}

/** Integral over [a, b] of the number of values <= x. */
function areaBelow(sorted: Float64Array, a: number, b: number): number {
  let area = 0;
  for (const v of sorted) {
    if (v >= b) break;
    area += b - Math.max(v, a);
  }
  return area;
}

/** A sorted copy of `sorted` with `more` merged in. */
function merged(sorted: Float64Array, more: number[]): Float64Array {
  const add = Float64Array.from(more).sort();
  const out = new Float64Array(sorted.length + add.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) out[k] = j >= add.length || (i < sorted.length && sorted[i] <= add[j]) ? sorted[i++] : add[j++];
  return out;
}

const ANY = -2;

/** Front rounds with a response, by response size, and all of them under `ANY`. */
function frontBySize(front: RoundTable): Map<number, number[]> {
  const map = new Map<number, number[]>([[ANY, []]]);
  for (let f = 0; f < front.n; f++) {
    if (Number.isNaN(front.resp[f])) continue;
    const size = front.respBytes[f];
    const list = map.get(size);
    if (list) list.push(f);
    else map.set(size, [f]);
    map.get(ANY)!.push(f);
  }
  return map;
}

/**
 * Back rounds with a response, spread evenly over the capture; those whose response size
 * some front round shares when there are any (a health check's answer matches no client's).
 */
function pickSamples(back: RoundTable, bySize: Map<number, number[]>): number[] {
  const answered: number[] = [];
  const sized: number[] = [];
  for (let p = 0; p < back.n; p++) {
    const b = back.byReq[p];
    if (Number.isNaN(back.resp[b])) continue;
    answered.push(b);
    if (bySize.has(back.respBytes[b])) sized.push(b);
  }
  const pool = sized.length > 0 ? sized : answered;
  const step = Math.max(1, pool.length / SAMPLES);
  const picked: number[] = [];
  for (let x = 0; x < pool.length && picked.length < SAMPLES; x += step) picked.push(pool[Math.floor(x)]);
  return picked;
}

/**
 * Sweep over sorted interval starts and ends (closed intervals): the first deepest segment,
 * and how many separate segments are that deep (depth only rises at a start, so reaching the
 * deepest depth again means it fell in between).
 */
function deepestSegment(starts: Float64Array, ends: Float64Array) {
  let best: { lo: number; hi: number; depth: number; ties: number } | undefined;
  let depth = 0;
  let e = 0;
  for (let s = 0; s < starts.length; s++) {
    while (e < ends.length && ends[e] < starts[s]) {
      e++;
      depth--;
    }
    depth++;
    if (!best || depth > best.depth) best = { lo: starts[s], hi: ends[e], depth, ties: 1 };
    else if (depth === best.depth) best.ties++;
  }
  return best;
}
