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
 * by the most intervals.
 *
 * A relayed response often keeps its length, and then comparing a back round only with the
 * front rounds of its response size keeps most false pairs out. But a proxy that rewrites the
 * response's headers (nginx sets its own `Server` and `Connection`) changes every length, and
 * the back rounds whose length some front round has by chance are then compared only with
 * wrong ones: the bench's proxy pair matched 15 of 10,000 connections so. So a second search
 * takes every front round as a candidate (its peak believed only when a quarter of its sample
 * allows it). A clear peak wins, the deeper one when both searches have one; without either,
 * the search by size's deepest point.
 */
export function searchOffset(front: RoundTable, back: RoundTable): OffsetWindow | undefined {
  const bySize = frontBySize(front);
  const sized = searchAmong(front, back, pickSamples(back, (b) => bySize.has(back.respBytes[b])), (b) => bySize.get(back.respBytes[b])!, 0);
  const every = bySize.get(ANY)!;
  const samples = pickSamples(back, () => true);
  // every sampled round's own front round is a candidate here: the true offset is allowed by
  // all the sampled rounds that a client's round caused, and a chance alignment of a few
  // intervals among so many pairs is not believed
  const unsized = searchAmong(front, back, samples, () => every, Math.ceil(samples.length * UNSIZED_SHARE));
  if (sized?.clear && unsized?.clear) return sized.depth >= unsized.depth ? sized : unsized;
  if (sized?.clear) return sized;
  return unsized?.clear ? unsized : (sized ?? unsized);
}

/**
 * The search over the pairs of each sampled back round and its candidate front rounds; a peak
 * is clear only when at least `minDepth` pairs allow it.
 */
function searchAmong(front: RoundTable, back: RoundTable, samples: number[], candidates: (b: number) => number[], minDepth: number): OffsetWindow | undefined {
  if (samples.length === 0) return undefined;
  // Typed arrays sized for every pair: a burst of 10,000 look-alike rounds gives ~480,000.
  const room = samples.reduce((n, b) => n + candidates(b).length, 0);
  const starts = new Float64Array(room);
  const ends = new Float64Array(room);
  let n = 0;
  for (const b of samples) {
    for (const f of candidates(b)) {
      const lo = back.resp[b] - front.resp[f];
      const hi = back.req[b] - front.req[f];
      if (lo <= hi) {
        starts[n] = lo;
        ends[n++] = hi;
      }
    }
  }
  const best = clearestPeak(starts.subarray(0, n), ends.subarray(0, n), minDepth);
  return best && { lo: best.lo, hi: best.hi, depth: best.depth, clear: best.clear, ties: best.ties, samples: samples.length };
}

/**
 * Widths caps tried, seconds. An interval's width is the time the proxy added to the round
 * (front duration minus back duration): small and steady for true pairs, anything for false
 * ones. With many concurrent clients the false intervals bury the true ones unless only the
 * narrow ones vote; how narrow is unknown, so each cap is tried.
 */
const WIDTH_CAPS = [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, Infinity];
/**
 * The share of the sampled back rounds whose intervals a clear offset must lie in when every
 * front round is a candidate (a quarter: backends also answer health checks, and a client's
 * round may have been relayed before the front capture began).
 */
const UNSIZED_SHARE = 0.25;
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
function clearestPeak(starts: Float64Array, ends: Float64Array, minDepth: number) {
  const byCap = new WidthClasses(starts, ends);
  const sortedStarts = new SortedBuffer(starts.length);
  const sortedEnds = new SortedBuffer(starts.length);
  let deepest: ReturnType<typeof deepestSegment>;
  for (let c = 0; c < WIDTH_CAPS.length; c++) {
    const cap = WIDTH_CAPS[c];
    if (byCap.count(c) === 0 && cap !== Infinity) continue;
    sortedStarts.add(byCap.sorted(byCap.starts, c));
    sortedEnds.add(byCap.sorted(byCap.ends, c));
    deepest = deepestSegment(sortedStarts.values(), sortedEnds.values());
    if (!deepest || cap === Infinity) continue;
    const background = meanDepthAround(sortedStarts.values(), sortedEnds.values(), deepest.lo - cap, deepest.hi + cap, NEIGHBOURHOOD * cap);
    const z = (deepest.depth - background) / Math.sqrt(background + 1);
    // The narrowest clear peak is the answer: wider caps are not looked at.
    if (z >= CLEAR && deepest.depth >= minDepth) return { ...deepest, clear: true, ties: 1 };
  }
  return deepest && { ...deepest, clear: false };
}

/** The intervals' starts and ends grouped by width class (WIDTH_CAPS), each group sortable alone. */
class WidthClasses {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Group c is at `from[c]` to `from[c + 1]`. */
  private readonly from = new Int32Array(WIDTH_CAPS.length + 1);

  constructor(starts: Float64Array, ends: Float64Array) {
    const capOf = new Uint8Array(starts.length);
    for (let i = 0; i < starts.length; i++) {
      const width = ends[i] - starts[i];
      let c = 0;
      while (width > WIDTH_CAPS[c]) c++;
      capOf[i] = c;
      this.from[c + 1]++;
    }
    for (let c = 0; c < WIDTH_CAPS.length; c++) this.from[c + 1] += this.from[c];
    const next = this.from.slice(0, WIDTH_CAPS.length);
    this.starts = new Float64Array(starts.length);
    this.ends = new Float64Array(starts.length);
    for (let i = 0; i < starts.length; i++) {
      const at = next[capOf[i]]++;
      this.starts[at] = starts[i];
      this.ends[at] = ends[i];
    }
  }

  count(c: number): number {
    return this.from[c + 1] - this.from[c];
  }

  /** Group c of `values` (this.starts or this.ends), sorted in place. */
  sorted(values: Float64Array, c: number): Float64Array {
    return values.subarray(this.from[c], this.from[c + 1]).sort();
  }
}

/** A sorted list of numbers grown by merging sorted batches in place (no copy per batch). */
class SortedBuffer {
  private readonly buffer: Float64Array;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = new Float64Array(capacity);
  }

  values(): Float64Array {
    return this.buffer.subarray(0, this.length);
  }

  /** Merges from the back: the write position never overtakes the unread old values. */
  add(more: Float64Array): void {
    const out = this.buffer;
    let i = this.length - 1;
    let j = more.length - 1;
    for (let k = this.length + more.length - 1; j >= 0; k--) out[k] = i >= 0 && out[i] > more[j] ? out[i--] : more[j--];
    this.length += more.length;
  }
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

/** Back rounds with a response that `wanted` takes, spread evenly over the capture. */
function pickSamples(back: RoundTable, wanted: (b: number) => boolean): number[] {
  const pool: number[] = [];
  for (let p = 0; p < back.n; p++) {
    const b = back.byReq[p];
    if (!Number.isNaN(back.resp[b]) && wanted(b)) pool.push(b);
  }
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
