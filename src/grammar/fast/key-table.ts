import type { LineKey, StoredKey } from "./line-key.js";

/** One stored key and its value; entries whose hashes are equal are chained. */
interface Entry<V> {
  readonly key: StoredKey;
  readonly value: V;
  next: Entry<V> | undefined;
}

/** Entries by hash, and how many there are (chains hold more than the map's size). */
class Generation<V> {
  readonly heads = new Map<number, Entry<V>>();
  size = 0;

  find(hash: number, keys: LineKey): Entry<V> | undefined {
    for (let e = this.heads.get(hash); e !== undefined; e = e.next) if (keys.matches(e.key)) return e;
    return undefined;
  }

  add(hash: number, entry: Entry<V>): void {
    entry.next = this.heads.get(hash);
    this.heads.set(hash, entry);
    this.size++;
  }

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
    this.add(hash, aged);
    return aged.value;
  }

  /** Stores `value` under the key `keys` read last, which `get` just did not find. */
  set(keys: LineKey, value: V): void {
    this.add(keys.hash & this.hashMask, { key: keys.copy(), value, next: undefined });
  }

  private add(hash: number, entry: Entry<V>): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Generation();
    }
    this.young.add(hash, entry);
  }
}
