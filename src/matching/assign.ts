import type { Candidates } from "./relay-candidates.js";

/** The bidding increment: the total score is within (rounds x this) of the best one. */
const EPSILON = 0.01;

/**
 * Global assignment of back rounds to front rounds maximising the total score, each round
 * used at most once, each back round free to stay unmatched at value `dummy` (a health check
 * has no client). Bertsekas' auction over the sparse candidate rows:
 * a back round bids for its best front round, raising that round's price by how much it
 * prefers it to its second choice; an outbid round bids again. Unlike first-come pairing, a
 * round that would take another's only good partner is outbid. Returns, per back round, the
 * front round or -1.
 *
 * No epsilon scaling: prices kept from a coarser phase can exceed what a round gains over
 * staying unmatched, and it would then drop out although it had a good partner.
 */
export function assignRounds(c: Candidates, frontRounds: number, dummy: number): Int32Array {
  const auction = new Auction(c, frontRounds, dummy);
  const persons = c.start.length - 1;
  // Rounds waiting to bid, a stack: each round is in it at most once.
  const queue = new Int32Array(persons);
  let waiting = 0;
  for (let i = persons - 1; i >= 0; i--) if (c.start[i + 1] > c.start[i]) queue[waiting++] = i;
  while (waiting > 0) {
    const outbid = auction.bid(queue[--waiting]);
    if (outbid >= 0) queue[waiting++] = outbid;
  }
  return auction.assigned;
}

/**
 * Prices and owners of the front rounds. (One call per bid: V8 optimizes a function called
 * this often as a whole, where one long loop is optimized mid-way.)
 */
class Auction {
  /** Per back round, the front round it holds or -1. */
  readonly assigned: Int32Array;
  private readonly prices: Float64Array;
  private readonly owner: Int32Array;

  constructor(
    private readonly c: Candidates,
    frontRounds: number,
    private readonly dummy: number,
  ) {
    this.prices = new Float64Array(frontRounds);
    this.owner = new Int32Array(frontRounds).fill(-1);
    this.assigned = new Int32Array(c.start.length - 1).fill(-1);
  }

  /** Back round i bids for its best front round; the round it outbid (to bid again), or -1. */
  bid(i: number): number {
    const { start, front, score } = this.c;
    const { prices, owner, assigned } = this;
    let best = this.dummy;
    let second = -Infinity;
    let bestF = -1;
    for (let k = start[i]; k < start[i + 1]; k++) {
      const v = score[k] - prices[front[k]];
      if (v > best) {
        second = best;
        best = v;
        bestF = front[k];
      } else if (v > second) second = v;
    }
    if (bestF < 0) return -1;
    prices[bestF] += best - second + EPSILON;
    const previous = owner[bestF];
    if (previous >= 0) assigned[previous] = -1;
    owner[bestF] = i;
    assigned[i] = bestF;
    return previous;
  }
}
