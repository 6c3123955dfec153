/**
 * The tracker's release order: connections by last activity, least recent first. A linked list
 * threaded through the connections themselves, so moving one to the end on each of its packets
 * costs two pointer updates and no allocation or hashing.
 */

/** What a queue member carries: its neighbours in the one queue it is in. */
export interface Queued<T> {
  older?: T;
  newer?: T;
}

export class ActivityQueue<T extends Queued<T>> {
  private head?: T;
  private tail?: T;
  private count = 0;

  /** The least recently active member. */
  get first(): T | undefined {
    return this.head;
  }

  get size(): number {
    return this.count;
  }

  /** Adds `item` (in no queue) as the most recently active. */
  append(item: T): void {
    item.older = this.tail;
    item.newer = undefined;
    if (this.tail) this.tail.newer = item;
    else this.head = item;
    this.tail = item;
    this.count++;
  }

  /**
   * Adds `item` (in no queue) after the last member for which `before` holds, looking from the
   * most recent end: as cheap as append() when items come in order.
   */
  insertAfterLast(item: T, before: (member: T) => boolean): void {
    let after = this.tail;
    while (after && !before(after)) after = after.older;
    if (after === this.tail) return this.append(item);
    item.older = after;
    item.newer = after ? after.newer : this.head;
    if (after) after.newer = item;
    else this.head = item;
    item.newer!.older = item;
    this.count++;
  }

  /** Takes `item`, a member of this queue, out of it. */
  remove(item: T): void {
    if (item.older) item.older.newer = item.newer;
    else this.head = item.newer;
    if (item.newer) item.newer.older = item.older;
    else this.tail = item.older;
    item.older = item.newer = undefined;
    this.count--;
  }

  /** Members from the least recently active on. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let item = this.head; item; item = item.newer) yield item;
  }
}
