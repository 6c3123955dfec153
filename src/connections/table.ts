/**
 * The tracked connections by 4-tuple, direction-free, found without building a key string: a
 * joined key and its hashing cost more per packet than the rest of the lookup (and a string
 * per connection). A numeric hash of the packet's two endpoints picks a chain of connections,
 * and each connection in it is compared with the packet's endpoints.
 */
import type { Packet } from "../packets/types.js";
import { pairHash } from "../packets/sequence.js";

/** What the table needs of a member: its tupleHash(), its chain link (members with the same hash), and whether a packet belongs to its 4-tuple. */
export interface Chained<T> {
  hash: number;
  nextInChain?: T;
  hasTuple(p: Packet): boolean;
}

/** The packet's 4-tuple hash (the sequence table's pairHash()): the same whichever way it went. */
export const tupleHash = (p: Packet): number => pairHash(p.family, p.src ?? "", p.sport ?? p.sportName, p.dst ?? "", p.dport ?? p.dportName);

export class TupleTable<T extends Chained<T>> {
  private readonly chains = new Map<number, T>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The member holding the packet's 4-tuple, given the packet's tupleHash(). */
  find(p: Packet, hash: number): T | undefined {
    for (let t = this.chains.get(hash); t; t = t.nextInChain) if (t.hasTuple(p)) return t;
    return undefined;
  }

  /** Adds a member whose 4-tuple is not in the table. */
  add(t: T): void {
    t.nextInChain = this.chains.get(t.hash);
    this.chains.set(t.hash, t);
    this.count++;
  }

  /** Takes a member out. */
  remove(t: T): void {
    const head = this.chains.get(t.hash);
    if (head === t) {
      if (t.nextInChain) this.chains.set(t.hash, t.nextInChain);
      else this.chains.delete(t.hash);
    } else {
      let before = head;
      while (before && before.nextInChain !== t) before = before.nextInChain;
      if (before) before.nextInChain = t.nextInChain;
    }
    t.nextInChain = undefined;
    this.count--;
  }
}
