/**
 * The tracked connections by 4-tuple, direction-free, found without building a key string: a
 * joined key and its hashing cost more per packet than the rest of the lookup (and a string
 * per connection). A numeric hash of the packet's two endpoints picks a chain of connections,
 * and the caller compares each connection in it with the packet's hash and endpoints.
 *
 * Connections are known by their slot (tracker.ts); buckets and chains are typed arrays indexed
 * by slot, so following a chain touches a few kilobytes of numbers rather than connection
 * objects spread over the heap.
 */
import { withRoom } from "./room.js";

/** No slot: an empty bucket, the end of a chain. */
export const NONE = -1;

/** Buckets and slots to start with (powers of two); buckets double when the table holds more members than buckets. */
const FIRST_SIZE = 1024;

export class TupleTable {
  /** Per bucket (the low bits of a hash), its first member. */
  private buckets = new Int32Array(FIRST_SIZE).fill(NONE);
  private mask = FIRST_SIZE - 1;
  /** Per slot, its member's hash and the next member of its bucket. */
  private hashes = new Int32Array(FIRST_SIZE);
  private next = new Int32Array(FIRST_SIZE).fill(NONE);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The first member of the bucket of this hash; the others, and members with other hashes, follow by nextOf(). */
  first(hash: number): number {
    return this.buckets[hash & this.mask];
  }

  nextOf(slot: number): number {
    return this.next[slot];
  }

  hashOf(slot: number): number {
    return this.hashes[slot];
  }

  /** Adds the connection in `slot`, whose 4-tuple is not in the table. */
  add(slot: number, hash: number): void {
    if (this.count >= this.buckets.length) this.grow();
    this.hashes = withRoom(this.hashes, slot, 0);
    this.next = withRoom(this.next, slot, NONE);
    this.hashes[slot] = hash;
    this.link(slot);
    this.count++;
  }

  /** Takes a member out. */
  remove(slot: number): void {
    const bucket = this.hashes[slot] & this.mask;
    if (this.buckets[bucket] === slot) this.buckets[bucket] = this.next[slot];
    else {
      let before = this.buckets[bucket];
      while (before !== NONE && this.next[before] !== slot) before = this.next[before];
      if (before !== NONE) this.next[before] = this.next[slot];
    }
    this.next[slot] = NONE;
    this.count--;
  }

  private link(slot: number): void {
    const bucket = this.hashes[slot] & this.mask;
    this.next[slot] = this.buckets[bucket];
    this.buckets[bucket] = slot;
  }

  private grow(): void {
    const old = this.buckets;
    this.buckets = new Int32Array(old.length * 2).fill(NONE);
    this.mask = this.buckets.length - 1;
    for (let head of old) {
      while (head !== NONE) {
        const following = this.next[head];
        this.link(head);
        head = following;
      }
    }
  }
}
