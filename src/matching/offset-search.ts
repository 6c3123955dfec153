import type { RoundTable } from "./rounds.js";

/** The clock offsets (back minus front, seconds) that the most round pairs agree with. */
export interface OffsetWindow {
  lo: number;
  hi: number;
  /** How many (sampled back round, front round) pairs are consistent with every offset in it. */
  depth: number;
  samples: number;
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
  const best = deepestSegment(Float64Array.from(starts).sort(), Float64Array.from(ends).sort());
  return best && { ...best, samples: samples.length };
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

/** Sweep over sorted interval starts and ends (closed intervals): the first deepest segment. */
function deepestSegment(starts: Float64Array, ends: Float64Array) {
  let best: { lo: number; hi: number; depth: number } | undefined;
  let depth = 0;
  let e = 0;
  for (let s = 0; s < starts.length; s++) {
    while (e < ends.length && ends[e] < starts[s]) {
      e++;
      depth--;
    }
    depth++;
    if (!best || depth > best.depth) best = { lo: starts[s], hi: ends[e], depth };
  }
  return best;
}
