/**
 * The tracking thread's JSON on its way to standard output: a ring of shared memory that the
 * tracking thread fills and the main thread empties, so no memory is made per answer.
 *
 * Why not an ArrayBuffer per answer, moved to the main thread: the main thread writes it and
 * drops it, but its bytes are freed only when a garbage collection finds it dead, and while the
 * open connections are written at the end of input the main thread makes almost no garbage of
 * its own: the dead answers held about 30 MB at once on the bench's million packets.
 *
 * Two counters, in bytes and modulo 2^32, are shared: how far the tracking thread has written
 * and how far the main thread has written out. The tracking thread waits (Atomics.wait) when
 * the ring is full; it has posted every byte in the ring by then, so the main thread frees
 * room as it writes them out.
 */

/** Bytes in the ring, a power of two: a few dozen answers of a busy capture (a batch of input releases ~150 KB of JSON). */
const RING_BYTES = 4 << 20;
const WRITTEN = 0;
const CONSUMED = 1;

/** The shared memory, made by the main thread and given to the tracking thread. */
export interface RingMemory {
  bytes: SharedArrayBuffer;
  counters: SharedArrayBuffer;
}

export function ringMemory(size = RING_BYTES): RingMemory {
  return { bytes: new SharedArrayBuffer(size), counters: new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT) };
}

/**
 * Where bytes were put in the ring: pairs of start and length (two pairs when they wrapped
 * round its end).
 */
export type RingPieces = number[];

/** The tracking thread's end. */
export class RingWriter {
  private readonly bytes: Uint8Array;
  private readonly counters: Int32Array;

  constructor(memory: RingMemory) {
    this.bytes = new Uint8Array(memory.bytes);
    this.counters = new Int32Array(memory.counters);
  }

  /**
   * Puts `data` in the ring. When it does not fit, what was put so far is handed to `post`
   * (and so to the main thread) before waiting for room; the pieces of the rest are returned.
   */
  put(data: Uint8Array, post: (pieces: RingPieces) => void): RingPieces {
    const size = this.bytes.length;
    let pieces: RingPieces = [];
    let from = 0;
    while (from < data.length) {
      const written = Atomics.load(this.counters, WRITTEN);
      const consumed = Atomics.load(this.counters, CONSUMED);
      const room = size - ((written - consumed) >>> 0);
      if (room === 0) {
        if (pieces.length > 0) post(pieces);
        pieces = [];
        // every byte in the ring is posted: the main thread writes them out and moves CONSUMED on
        Atomics.wait(this.counters, CONSUMED, consumed);
        continue;
      }
      const start = (written >>> 0) % size;
      const length = Math.min(data.length - from, room, size - start);
      this.bytes.set(data.subarray(from, from + length), start);
      pieces.push(start, length);
      from += length;
      Atomics.store(this.counters, WRITTEN, (written + length) | 0);
    }
    return pieces;
  }
}

/** The main thread's end. */
export class RingReader {
  private readonly bytes: SharedArrayBuffer;
  private readonly counters: Int32Array;

  constructor(memory: RingMemory) {
    this.bytes = memory.bytes;
    this.counters = new Int32Array(memory.counters);
  }

  /** The bytes of each piece, to be written out in order and then given back by consumed(). */
  views(pieces: RingPieces): Buffer[] {
    const views: Buffer[] = [];
    for (let i = 0; i < pieces.length; i += 2) views.push(Buffer.from(this.bytes, pieces[i], pieces[i + 1]));
    return views;
  }

  /** A piece was written out: its room is free again. */
  consumed(view: Uint8Array): void {
    Atomics.add(this.counters, CONSUMED, view.length);
    Atomics.notify(this.counters, CONSUMED);
  }
}
