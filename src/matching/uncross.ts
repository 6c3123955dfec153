import type { Candidates, RelayQuery } from "./relay-candidates.js";

/**
 * Two pairs whose scores differ by less than this are a toss-up for the timing model; order
 * decides between them.
 */
const TOSS_UP = 1.5;
const MAX_SWEEPS = 20;

/**
 * A proxy serves requests in the order they arrive: it opens (or picks) the backend connection
 * for the earlier request first, and relays the earlier backend answer first (on real haproxy
 * bursts, 96-99% of pairs of pairs keep both orders). Where the scores cannot tell two pairs
 * from their swap, the swap that crosses fewer of these orders wins. Changes `assigned` in
 * place (per back round, its front round); returns how many swaps were made.
 */
export function uncross(c: Candidates, assigned: Int32Array, q: RelayQuery): number {
  const swaps = new Swaps(c, assigned, q);
  let total = 0;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let swapped = 0;
    for (let b1 = 0; b1 < assigned.length; b1++) swapped += swaps.row(b1);
    total += swapped;
    if (swapped === 0) break;
  }
  return total;
}

/**
 * The assignment being uncrossed, one back round's row at a time. (Per-row calls: V8 optimizes
 * a function called this often as a whole, where one long loop is optimized mid-way and
 * falls back when the swaps first happen.)
 */
class Swaps {
  /** Per front round, its back round or -1. */
  private readonly owner: Int32Array;
  /** The score of each back round's current pair, kept up to date through the swaps. */
  private readonly current: Float64Array;

  constructor(
    private readonly c: Candidates,
    private readonly assigned: Int32Array,
    private readonly q: RelayQuery,
  ) {
    this.owner = new Int32Array(q.front.n).fill(-1);
    this.current = new Float64Array(assigned.length).fill(NaN);
    assigned.forEach((f, b) => {
      if (f < 0) return;
      this.owner[f] = b;
      this.current[b] = this.scoreOf(b, f);
    });
  }

  /** Swaps back round b1's pair with those of its candidates' owners where that uncrosses them. */
  row(b1: number): number {
    const { c, assigned, owner, current } = this;
    let swapped = 0;
    for (let k = c.start[b1]; k < c.start[b1 + 1]; k++) {
      const f1 = assigned[b1];
      const f2 = c.front[k];
      const b2 = owner[f2];
      if (f1 < 0 || f2 === f1 || b2 < 0) continue;
      const b2f1 = this.scoreOf(b2, f1);
      if (!(c.score[k] + b2f1 >= current[b1] + current[b2] - TOSS_UP)) continue;
      if (crossings(this.q, f2, b1, f1, b2) >= crossings(this.q, f1, b1, f2, b2)) continue;
      [assigned[b1], assigned[b2], owner[f1], owner[f2]] = [f2, f1, b2, b1];
      [current[b1], current[b2]] = [c.score[k], b2f1];
      swapped++;
    }
    return swapped;
  }

  private scoreOf(b: number, f: number): number {
    const { c } = this;
    for (let k = c.start[b]; k < c.start[b + 1]; k++) if (c.front[k] === f) return c.score[k];
    return NaN;
  }
}

/** How many of the two orders (request then connect, answer then relay) pairs fa-ba and fb-bb cross. */
function crossings(q: RelayQuery, fa: number, ba: number, fb: number, bb: number): number {
  const { front, back } = q;
  const startOf = (b: number) => (Number.isNaN(q.backSyn[b]) ? back.req[b] : q.backSyn[b]);
  let n = Math.sign(front.req[fa] - front.req[fb]) * Math.sign(startOf(ba) - startOf(bb)) < 0 ? 1 : 0;
  if (Math.sign(back.resp[ba] - back.resp[bb]) * Math.sign(front.resp[fa] - front.resp[fb]) < 0) n++;
  return n;
}
