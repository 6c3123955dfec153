/**
 * Fixed-width records of numbers for many owners, kept off the JS heap: the segments, rounds and
 * SYN details of every tracked connection. A busy server has tens of thousands of connections
 * tracked at once (each closed one lingers 5 s); as JS objects their records were most of the
 * process's memory, and, each promoted to the old generation and dropped a few seconds later,
 * they drove the garbage collector to let the heap grow to several times what was alive.
 *
 * Records live in chunks of CHUNK records that are never moved (a record keeps its id for its
 * life); a released record's id is reused. Memory grows to the most records held at once.
 * Times are kept coded (time-code.ts); a text that cannot be coded or numbered is kept aside.
 */
import { detached } from "../records/detach.js";
import type { JsonBytes, JsonKey } from "./json-bytes.js";
import { type CodedTime, decodeTime, writeTimeJson } from "./time-code.js";

/** Records per chunk (a power of two: an id splits into chunk and index with a shift and a mask). */
const SHIFT = 10;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/**
 * Field offsets of a record layout, from each field's width in order, with the total `width`:
 * `recordLayout({ line: 1, time: TIME_WIDTH, next: 1 })` is `{ line: 0, time: 1, next: 3, width: 4 }`.
 */
export function recordLayout<K extends string>(widths: Record<K, number>): Readonly<Record<K, number> & { width: number }> {
  const offsets: [string, number][] = [];
  let at = 0;
  for (const name of Object.keys(widths) as K[]) {
    offsets.push([name, at]);
    at += widths[name];
  }
  offsets.push(["width", at]);
  // Made at once (fromEntries), not a key at a time: V8 keeps an object that grew past a dozen
  // keys one by one as a dictionary, and every field access of the hot paths looked its offset up in it.
  return Object.freeze(Object.fromEntries(offsets)) as Record<K, number> & { width: number };
}

/** The id of no record, ending a chain of records. */
export const NO_RECORD = -1;

/** A time field takes two numbers: pattern and high digits, low digits (time-code.ts). */
export const TIME_WIDTH = 2;
/** Pattern value of a time field without a time, and of one kept as text. */
const NO_TIME = -1;
const TEXT_TIME = -2;

export class RecordPool {
  private readonly chunks: Float64Array[] = [];
  /** Released ids, most recent last. */
  private readonly freed: number[] = [];
  private allocated = 0;
  /** Texts that could not be coded, by `id * width + field`. */
  private readonly texts = new Map<number, string>();

  constructor(
    /** Numbers per record. */
    readonly width: number,
  ) {}

  /** Bytes of the records held now (allocated and not released): what memory a tracker's cap weighs. */
  get heldBytes(): number {
    return (this.allocated - this.freed.length) * this.width * Float64Array.BYTES_PER_ELEMENT;
  }

  /** A record for a new owner, every number NaN. */
  alloc(): number {
    const id = this.freed.pop() ?? this.allocated++;
    if (id >> SHIFT === this.chunks.length) this.chunks.push(new Float64Array(CHUNK * this.width));
    const chunk = this.chunks[id >> SHIFT];
    // A loop, not fill(): records are a few numbers wide, and a builtin call costs more than the stores.
    for (let at = (id & MASK) * this.width, end = at + this.width; at < end; at++) chunk[at] = NaN;
    return id;
  }

  /** Gives a record back; its id may be handed out again. */
  release(id: number): void {
    if (this.texts.size > 0) for (let f = 0; f < this.width; f++) this.texts.delete(id * this.width + f);
    this.freed.push(id);
  }

  /** Gives back a chain of records, each holding the next one's id in field `next`. */
  releaseChain(first: number, next: number): void {
    for (let id = first; id !== NO_RECORD; ) {
      const following = this.get(id, next);
      this.release(id);
      id = following;
    }
  }

  /**
   * The array holding record `id`, and where in it the record starts: `chunkOf(id)[offsetOf(id) +
   * field]` is the field. Code that reads or writes several fields per packet takes these once.
   */
  chunkOf(id: number): Float64Array {
    return this.chunks[id >> SHIFT];
  }

  offsetOf(id: number): number {
    return (id & MASK) * this.width;
  }

  get(id: number, field: number): number {
    return this.chunks[id >> SHIFT][(id & MASK) * this.width + field];
  }

  set(id: number, field: number, value: number): void {
    this.chunks[id >> SHIFT][(id & MASK) * this.width + field] = value;
  }

  /** A number that may be absent (NaN in the record). */
  optional(id: number, field: number): number | undefined {
    const n = this.get(id, field);
    return Number.isNaN(n) ? undefined : n;
  }

  /** Keeps a packet's time in the TIME_WIDTH numbers from `field`. */
  setTime(id: number, field: number, time: CodedTime): void {
    const chunk = this.chunks[id >> SHIFT];
    const at = (id & MASK) * this.width + field;
    if (time.coded) {
      chunk[at] = time.numbers[0];
      chunk[at + 1] = time.numbers[1];
    } else if (time.text === undefined) chunk[at] = NO_TIME;
    else {
      chunk[at] = TEXT_TIME;
      this.texts.set(id * this.width + field, detached(time.text));
    }
  }

  time(id: number, field: number): string | undefined {
    const chunk = this.chunks[id >> SHIFT];
    const at = (id & MASK) * this.width + field;
    if (chunk[at] === NO_TIME) return undefined;
    return chunk[at] === TEXT_TIME ? this.texts.get(id * this.width + field) : decodeTime(chunk, at);
  }

  /** time() as a member of a JSON object (json-bytes.ts), left out when there is no time. */
  writeTime(id: number, field: number, key: JsonKey, out: JsonBytes): void {
    const chunk = this.chunks[id >> SHIFT];
    const at = (id & MASK) * this.width + field;
    if (chunk[at] === NO_TIME) return;
    if (chunk[at] === TEXT_TIME) return out.stringMember(key, this.texts.get(id * this.width + field)!);
    out.key(key);
    writeTimeJson(chunk, at, out);
  }

  /** Keeps a text the caller numbers itself (`number` >= 0), or the text when it has no number. */
  setText(id: number, field: number, number: number, text: string): void {
    this.set(id, field, number);
    if (number < 0) this.texts.set(id * this.width + field, detached(text));
  }

  /** text() as a member of a JSON object (json-bytes.ts), given how the caller turns numbers into JSON strings' bytes. */
  writeText(id: number, field: number, key: JsonKey, out: JsonBytes, jsonByNumber: (n: number) => Uint8Array): void {
    const n = this.get(id, field);
    out.key(key);
    if (n < 0) out.string(this.texts.get(id * this.width + field)!);
    else out.raw(jsonByNumber(n | 0));
  }

  /** The text of a field set with setText(), given how the caller turns numbers into texts. */
  text(id: number, field: number, byNumber: (n: number) => string): string {
    const n = this.get(id, field);
    return n < 0 ? this.texts.get(id * this.width + field)! : byNumber(n | 0);
  }
}
