/**
 * The tracker's release order: connections by last activity, least recent first. A linked list
 * threaded through the connections themselves, so moving one to the end on each of its packets
 * costs two pointer updates and no allocation or hashing.
 */

/** What a queue member carries: its neighbours in the one queue it is in, and the time of its last activity. */
export interface Queued<T> {
  older?: T;
  newer?: T;
  clock: number;
}

export class ActivityQueue<T extends Queued<T>> {
  private head?: T;
  private tail?: T;

  /** The least recently active member. */
  get first(): T | undefined {
    return this.head;
  }

  /** Adds `item` (in no queue) as the most recently active. */
  append(item: T): void {
    item.older = this.tail;
    item.newer = undefined;
    if (this.tail) this.tail.newer = item;
    else this.head = item;
    this.tail = item;
  }

  /**
   * Adds `item` (in no queue) after the last member whose clock is not later than its own,
   * looking from the most recent end: as cheap as append() when items come in order. So which
   * members have waited long enough is a prefix of the queue that depends on each member alone,
   * not on others ahead of it (times printed a hair out of order would otherwise hold some back).
   */
  insertByClock(item: T): void {
    let after = this.tail;
    while (after && !(after.clock <= item.clock)) after = after.older;
    if (after === this.tail) return this.append(item);
    item.older = after;
    item.newer = after ? after.newer : this.head;
    if (after) after.newer = item;
    else this.head = item;
    item.newer!.older = item;
  }

  /** Takes `item`, a member of this queue, out of it. */
  remove(item: T): void {
    if (item.older) item.older.newer = item.newer;
    else this.head = item.newer;
    if (item.newer) item.newer.older = item.older;
    else this.tail = item.older;
    item.older = item.newer = undefined;
  }

  /** Members from the least recently active on. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let item = this.head; item; item = item.newer) yield item;
  }
}
