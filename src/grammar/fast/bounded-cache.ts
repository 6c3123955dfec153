/**
 * A map that holds at most `2 × generation` entries: new entries go to the young generation;
 * when it is full it becomes the old one and the previous old one is dropped. An entry found
 * in the old generation moves back to the young one, so shapes in steady use survive and a
 * flood of one-off keys (adversarial or unusual input) costs a bounded amount of memory.
 * Cheaper per hit than a strict LRU, which would reorder on every hit.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly generation: number) {}

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.set(key, aged);
    }
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
