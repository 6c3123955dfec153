/**
 * The tracker's release order: connections by last activity (time, then ordinal), least recent
 * first. A linked list threaded through the connections themselves.
 *
 * Members are not moved on each of their packets: a packet only records the activity on its
 * connection (clock, lastOrdinal), and a member whose activity is later than the place it was
 * put at is moved when it reaches the head (first()). Moving a connection on each packet
 * touched its two neighbours, random connections far apart in memory, for each packet; this way
 * a connection moves about once per wait at the head, and the order of the heads is the same:
 * every member's activity is at or after its place, so a head placed at its own activity is the
 * least recently active of all.
 */

/** What a queue member carries: its neighbours in the one queue it is in, its last activity, and the activity it was placed by. */
export interface Queued<T> {
  older?: T;
  newer?: T;
  /** Time of the last activity (Infinity when it had none), and its ordinal. */
  clock: number;
  lastOrdinal: number;
  /** clock and lastOrdinal when the member was placed. */
  placedClock: number;
  placedOrdinal: number;
}

/** Whether a's place comes before b's: earlier time, or the same time and an earlier ordinal. */
const before = <T extends Queued<T>>(a: T, b: T): boolean =>
  a.placedClock < b.placedClock || (a.placedClock === b.placedClock && a.placedOrdinal < b.placedOrdinal);

export class ActivityQueue<T extends Queued<T>> {
  private head?: T;
  private tail?: T;

  /** The least recently active member: the head, once placed at its last activity. */
  first(): T | undefined {
    let item = this.head;
    while (item && (item.placedClock !== item.clock || item.placedOrdinal !== item.lastOrdinal)) {
      this.remove(item);
      this.place(item);
      item = this.head;
    }
    return item;
  }

  /**
   * Adds `item` (in no queue) at its last activity, looking from the most recent end: as cheap as
   * an append when activity comes in order. So which members have waited long enough is a prefix
   * of the queue that depends on each member alone, not on others ahead of it (times printed a
   * hair out of order would otherwise hold some back).
   */
  place(item: T): void {
    item.placedClock = item.clock;
    item.placedOrdinal = item.lastOrdinal;
    let after = this.tail;
    while (after && before(item, after)) after = after.older;
    item.older = after;
    item.newer = after ? after.newer : this.head;
    if (after) after.newer = item;
    else this.head = item;
    if (item.newer) item.newer.older = item;
    else this.tail = item;
  }

  /** Takes `item`, a member of this queue, out of it. */
  remove(item: T): void {
    if (item.older) item.older.newer = item.newer;
    else this.head = item.newer;
    if (item.newer) item.newer.older = item.older;
    else this.tail = item.older;
    item.older = item.newer = undefined;
  }

  /** Members in queue order (not always activity order: see first()). */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let item = this.head; item; item = item.newer) yield item;
  }
}
