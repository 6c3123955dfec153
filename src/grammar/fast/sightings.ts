/**
 * Which text-key hashes were seen before, for the last `2 × generation` new ones (the same two
 * generations as bounded-cache.ts). A template costs about 800 bytes, and many keys are seen
 * once only: an HTTP request line's key holds its URL, so on the 1M-packet bench 11,856 of
 * 13,247 keys are seen once, and their templates were 10 MB of the live heap. Keeping a
 * template only on a key's second sighting costs those keys about 20 bytes each (an entry in
 * a Set), and every other key one more lexing.
 */
export class Sightings {
  private young = new Set<number>();
  private old = new Set<number>();

  constructor(private readonly generation: number) {}

  /** Whether `hash` was seen before; remembers it if not. */
  seenBefore(hash: number): boolean {
    if (this.young.has(hash) || this.old.has(hash)) return true;
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Set();
    }
    this.young.add(hash);
    return false;
  }
}
