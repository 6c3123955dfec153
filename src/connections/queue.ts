/**
 * The tracker's release order: connections by last activity, least recent first. A linked list
 * of connection slots (tracker.ts) in typed arrays indexed by slot, so moving a connection to
 * the end on each of its packets costs a few number updates and touches no other connection
 * (its neighbours in the list are connections far apart in memory).
 */
import { withRoom } from "./room.js";
import { NONE } from "./table.js";

const FIRST_SIZE = 1024;

/** A member as the queue takes it: its slot, and the time of its last activity (Infinity when it had none). */
export interface Queued {
  readonly slot: number;
  readonly clock: number;
}

export class ActivityQueue {
  private head = NONE;
  private tail = NONE;
  /** Per slot: the neighbours, and the time of the last activity it was queued at (Infinity when it had none). */
  private older = new Int32Array(FIRST_SIZE);
  private newer = new Int32Array(FIRST_SIZE);
  private clocks = new Float64Array(FIRST_SIZE);

  /** The least recently active member (NONE when empty). */
  get first(): number {
    return this.head;
  }

  /** The time a member was queued at. */
  clockOf(slot: number): number {
    return this.clocks[slot];
  }

  /**
   * Adds `member` (in no queue) after the last member whose clock is not later than its, looking
   * from the most recent end: as cheap as an append when times come in order. So which members
   * have waited long enough is a prefix of the queue that depends on each member alone, not on
   * others ahead of it (times printed a hair out of order would otherwise hold some back). The
   * clock is read here: a double handed to a call is boxed, a new object for every packet.
   */
  insertByClock(member: Queued): void {
    const slot = member.slot;
    const clock = member.clock;
    this.older = withRoom(this.older, slot, NONE);
    this.newer = withRoom(this.newer, slot, NONE);
    this.clocks = withRoom(this.clocks, slot, Infinity);
    this.clocks[slot] = clock;
    let after = this.tail;
    while (after !== NONE && !(this.clocks[after] <= clock)) after = this.older[after];
    const before = after === NONE ? this.head : this.newer[after];
    this.older[slot] = after;
    this.newer[slot] = before;
    if (after === NONE) this.head = slot;
    else this.newer[after] = slot;
    if (before === NONE) this.tail = slot;
    else this.older[before] = slot;
  }

  /** Takes `slot`, a member of this queue, out of it. */
  remove(slot: number): void {
    const older = this.older[slot];
    const newer = this.newer[slot];
    if (older === NONE) this.head = newer;
    else this.newer[older] = newer;
    if (newer === NONE) this.tail = older;
    else this.older[newer] = older;
  }

  /** Members from the least recently active on. */
  *[Symbol.iterator](): IterableIterator<number> {
    for (let slot = this.head; slot !== NONE; slot = this.newer[slot]) yield slot;
  }
}
