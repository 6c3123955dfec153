/**
 * The tracked connections by 4-tuple, direction-free, found without building a key string: a
 * joined key and its hashing cost more per packet than the rest of the lookup (and a string
 * per connection). A numeric hash of the packet's two endpoints picks a chain of connections,
 * and the caller compares each connection in it with the packet's hash and endpoints.
 */
import { pairHash } from "../packets/sequence.js";
import type { SegmentView } from "./view.js";

/** What the table needs of a member: its tupleHash() and its chain link (members with the same hash). */
export interface Chained<T> {
  hash: number;
  nextInChain?: T;
}

/** The packet's 4-tuple hash (the sequence table's pairHash()): the same whichever way it went. */
export const tupleHash = (v: SegmentView): number => pairHash(v.family, v.src, v.sport, v.dst, v.dport);

/** Buckets to start with (a power of two); the table doubles them when it holds more members than buckets. */
const FIRST_BUCKETS = 1024;

/**
 * Members in an array of buckets indexed by the low bits of their hash, each bucket a chain
 * through the members (an array index costs less per packet than a Map lookup).
 */
export class TupleTable<T extends Chained<T>> {
  private buckets: (T | undefined)[] = new Array<T | undefined>(FIRST_BUCKETS).fill(undefined);
  private mask = FIRST_BUCKETS - 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The first member of the bucket of this hash; the others, and members with other hashes, follow by `nextInChain`. */
  chain(hash: number): T | undefined {
    return this.buckets[hash & this.mask];
  }

  /** Adds a member whose 4-tuple is not in the table. */
  add(t: T): void {
    if (this.count >= this.buckets.length) this.grow();
    this.link(t);
    this.count++;
  }

  /** Takes a member out. */
  remove(t: T): void {
    const slot = t.hash & this.mask;
    const head = this.buckets[slot];
    if (head === t) this.buckets[slot] = t.nextInChain;
    else {
      let before = head;
      while (before && before.nextInChain !== t) before = before.nextInChain;
      if (before) before.nextInChain = t.nextInChain;
    }
    t.nextInChain = undefined;
    this.count--;
  }

  private link(t: T): void {
    const slot = t.hash & this.mask;
    t.nextInChain = this.buckets[slot];
    this.buckets[slot] = t;
  }

  private grow(): void {
    const old = this.buckets;
    this.buckets = new Array<T | undefined>(old.length * 2).fill(undefined);
    this.mask = this.buckets.length - 1;
    for (let head of old) {
      while (head) {
        const next = head.nextInChain;
        this.link(head);
        head = next;
      }
    }
  }
}
