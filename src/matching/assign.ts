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
  const { start, front, score } = c;
  const persons = start.length - 1;
  const prices = new Float64Array(frontRounds);
  const owner = new Int32Array(frontRounds);
  const assigned = new Int32Array(persons);
  owner.fill(-1);
  assigned.fill(-1);
  // Rounds waiting to bid, a stack: each round is in it at most once.
  const queue = new Int32Array(persons);
  let waiting = 0;
  for (let i = persons - 1; i >= 0; i--) if (start[i + 1] > start[i]) queue[waiting++] = i;
  // Computed, so a plain float: `best` below starts from it and then needs no heap box per bid.
  const floor = dummy + 0;
  while (waiting > 0) {
    const i = queue[--waiting];
    let best = floor;
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
    if (bestF < 0) continue;
    prices[bestF] += best - second + EPSILON;
    const previous = owner[bestF];
    if (previous >= 0) {
      assigned[previous] = -1;
      queue[waiting++] = previous;
    }
    owner[bestF] = i;
    assigned[i] = bestF;
  }
  return assigned;
}
