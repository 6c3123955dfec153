/**
 * Puts the workers' output back in the order one reader of the whole input gives (protocol.ts):
 * everything keyed at or below every worker's `through` is final and comes out merged; ids are
 * renumbered from record ordinals to 1, 2, ... in order of the records that opened them.
 */
import { CLOSED_FIELDS, type BatchMessage, type ClosedBatch, type ClosedItem, type ErrorItem, type OrderKey } from "./protocol.js";

/** A first-in first-out list that drops what was taken now and then (no shift() per item). */
class Queue<T> {
  private items: T[] = [];
  private head = 0;

  push(items: T[]): void {
    for (const item of items) this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  take(): T {
    const item = this.items[this.head++];
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/**
 * Takes, in `before` order, the heads of `queues` whose place `at` is at most `limit`; each
 * queue is already in that order.
 */
function mergeUpTo<T>(queues: Queue<T>[], limit: number, at: (item: T) => number, before: (a: T, b: T) => boolean, visit: (item: T) => void): void {
  for (;;) {
    let best: Queue<T> | undefined;
    for (const q of queues) {
      const head = q.peek();
      if (head === undefined || at(head) > limit) continue;
      if (!best || before(head, best.peek()!)) best = q;
    }
    if (!best) return;
    visit(best.take());
  }
}

function keyBefore(x: OrderKey, y: OrderKey): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
}

function unpacked({ numbers, json }: ClosedBatch): ClosedItem[] {
  const items: ClosedItem[] = [];
  let offset = 0;
  for (let i = 0; i < numbers.length; i += CLOSED_FIELDS) {
    const length = numbers[i + 5];
    items.push({ key: [numbers[i], numbers[i + 1], numbers[i + 2], numbers[i + 3]], created: numbers[i + 4], json: json.slice(offset, offset + length) });
    offset += length;
  }
  return items;
}

interface WorkerOutput {
  through: number;
  created: Queue<number>;
  closed: Queue<ClosedItem>;
  errors: Queue<ErrorItem>;
}

export class WorkerMerge {
  private readonly outputs: WorkerOutput[];
  /** Connections opened but not yet written: record ordinal → number in the output. */
  private readonly numbers = new Map<number, number>();
  private opened = 0;

  constructor(
    ways: number,
    private readonly idPrefix: string,
  ) {
    this.outputs = Array.from({ length: ways }, () => ({ through: 0, created: new Queue(), closed: new Queue(), errors: new Queue() }));
  }

  add(worker: number, batch: BatchMessage): void {
    const out = this.outputs[worker];
    out.through = batch.through;
    out.created.push(batch.created);
    out.closed.push(unpacked(batch.closed));
    out.errors.push(batch.errors);
  }

  /** What is final now, in order: connections' JSON (ids renumbered) and error texts. */
  take(): { connections: string[]; errors: string[] } {
    const limit = Math.min(...this.outputs.map((o) => o.through));
    mergeUpTo(this.outputs.map((o) => o.created), limit, (n) => n, (a, b) => a < b, (ordinal) => this.numbers.set(ordinal, ++this.opened));
    const errors: string[] = [];
    mergeUpTo(this.outputs.map((o) => o.errors), limit, (e) => e.ordinal, (a, b) => a.ordinal < b.ordinal, (e) => errors.push(e.text));
    const connections: string[] = [];
    mergeUpTo(this.outputs.map((o) => o.closed), limit, (c) => c.key[0], (a, b) => keyBefore(a.key, b.key), (c) => connections.push(this.renumbered(c)));
    return { connections, errors };
  }

  /** The connection's JSON with the id a single reader would have given it. */
  private renumbered(item: ClosedItem): string {
    const n = this.numbers.get(item.created);
    if (n === undefined) throw new Error(`parallel merge: connection opened at record ${item.created} was never announced`);
    this.numbers.delete(item.created);
    const workerId = `{"id":${JSON.stringify(`${this.idPrefix}:${item.created}`)}`;
    if (!item.json.startsWith(workerId)) throw new Error(`parallel merge: unexpected connection JSON ${item.json.slice(0, 40)}`);
    return `{"id":${JSON.stringify(`${this.idPrefix}:${n}`)}${item.json.slice(workerId.length)}`;
  }
}
