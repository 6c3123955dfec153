import type { LineKey } from "./line-key.js";

/** One stored key, as a place in its generation's store, and its value. */
interface Entry<V> {
  /** First word of the key in the store. */
  readonly at: number;
  /** The key's length in bytes. */
  readonly length: number;
  readonly value: V;
  /** The next entry whose hash is the same. */
  next: Entry<V> | undefined;
}

/**
 * Entries by hash, chained when hashes are equal, with their keys' words one after another in
 * one array: a typed array per key would cost more than its bytes (measured: 2.4 MB more for
 * the 1M-line bench's 13,000 keys), and a dropped generation takes its store with it.
 */
class Generation<V> {
  private readonly heads = new Map<number, Entry<V>>();
  private store = new Int32Array(1024);
  private used = 0;
  /** Entries held (chains hold more than the map's size). */
  size = 0;

  find(hash: number, keys: LineKey): Entry<V> | undefined {
    for (let e = this.heads.get(hash); e !== undefined; e = e.next) if (keys.matches(this.store, e.at, e.length)) return e;
    return undefined;
  }

  /** Stores `value` under the key `keys` read last. */
  add(hash: number, keys: LineKey, value: V): void {
    const count = keys.wordCount;
    if (this.used + count > this.store.length) {
      const bigger = new Int32Array(Math.max(2 * this.store.length, this.used + count));
      bigger.set(this.store);
      this.store = bigger;
    }
    keys.copyTo(this.store, this.used);
    this.heads.set(hash, { at: this.used, length: keys.length, value, next: this.heads.get(hash) });
    this.used += count;
    this.size++;
  }

  /** Unchains `entry`; its words stay in the store until the generation is dropped. */
  remove(hash: number, entry: Entry<V>): void {
    const head = this.heads.get(hash);
    if (head === entry) {
      if (entry.next === undefined) this.heads.delete(hash);
      else this.heads.set(hash, entry.next);
    } else {
      let e = head;
      while (e !== undefined && e.next !== entry) e = e.next;
      if (e !== undefined) e.next = entry.next;
    }
    this.size--;
  }
}

/**
 * Values by the key a `LineKey` read last, with BoundedCache's two generations (at most
 * `2 × generation` entries; bounded-cache.ts says why), found without building the key as a
 * string: by the key's hash, each candidate confirmed by comparing the key's bytes, so two keys
 * whose hashes collide never share a value.
 */
export class KeyTable<V> {
  private young = new Generation<V>();
  private old = new Generation<V>();

  /**
   * @param hashMask the hash bits used (the default keeps hashes small integers); tests pass a
   *   tiny mask to make every key collide.
   */
  constructor(
    private readonly generation: number,
    private readonly hashMask = 0x3fffffff,
  ) {}

  /** The value stored under the key `keys` read last. */
  get(keys: LineKey): V | undefined {
    const hash = keys.hash & this.hashMask;
    const entry = this.young.find(hash, keys);
    if (entry !== undefined) return entry.value;
    const aged = this.old.find(hash, keys);
    if (aged === undefined) return undefined;
    this.old.remove(hash, aged);
    this.add(hash, keys, aged.value);
    return aged.value;
  }

  /** Stores `value` under the key `keys` read last, which `get` just did not find. */
  set(keys: LineKey, value: V): void {
    this.add(keys.hash & this.hashMask, keys, value);
  }

  private add(hash: number, keys: LineKey, value: V): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Generation();
    }
    this.young.add(hash, keys, value);
  }
}
