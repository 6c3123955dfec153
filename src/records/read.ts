import { sniffInput, type InputKind } from "./binary.js";

/** An input stream that turned out not to be text. */
export class NotTextError extends Error {
  constructor(readonly kind: Exclude<InputKind, "text">) {
    super(kind);
  }
}

const NEWLINE = 10;
/** Bytes kept free before a chunk made by chunkBuffer() (most lines are shorter). */
const HEADROOM = 4096;
/** The chunks made by chunkBuffer(), which own the bytes before them. */
const withHeadroom = new WeakSet<Buffer>();

/**
 * A buffer of `size` bytes to read a chunk of input into, with free room before it: there
 * readLineChunks() completes the line the chunk before cut, where it would otherwise copy the
 * whole chunk after that line's start (a copy and an allocation of 64 KiB per chunk, 6,000
 * chunks in a -vvv text of a million packets).
 */
export function chunkBuffer(size: number): Buffer {
  const chunk = Buffer.allocUnsafe(HEADROOM + size).subarray(HEADROOM);
  withHeadroom.add(chunk);
  return chunk;
}

/**
 * Whole lines of input as bytes: line k is bytes[start(k), end(k)), without its `\n`. The fast
 * lane reads lines here, as bytes (packets/lane.ts); a line becomes a string only when asked
 * (line(k)), which is what the regular way reads. UTF-8 is decoded per line, which gives the
 * strings that decoding the whole input and splitting it at `\n` gives (a `\n` never falls
 * inside a character, nor inside a malformed sequence's replacement).
 */
export class LineChunk {
  constructor(
    readonly bytes: Buffer,
    /** Where each line starts, and where it ends (its `\n`, or the end of input for the last one). */
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    readonly count: number,
  ) {}

  /** Line k as a string. */
  line(k: number): string {
    return this.bytes.toString("utf8", this.starts[k], this.ends[k]);
  }

  /** Every line as a string (decoded at once: the lines are one run of bytes, `\n` between them). */
  lines(): string[] {
    return this.bytes.toString("utf8", this.starts[0], this.ends[this.count - 1]).split("\n");
  }
}

/**
 * Yields the stream's whole lines, a chunk at a time, as the chunks arrive (a live pipe is read
 * as it flows); a line cut by a chunk's end is completed from the next. The first chunk is
 * sniffed: a pcap or other binary input throws NotTextError before anything is parsed.
 */
export async function* readLineChunks(stream: AsyncIterable<Buffer>): AsyncGenerator<LineChunk> {
  let rest: Buffer | undefined;
  let first = true;
  let starts: Int32Array = new Int32Array(1024);
  let ends: Int32Array = new Int32Array(1024);
  for await (const chunk of stream) {
    if (first) {
      first = false;
      const kind = sniffInput(chunk);
      if (kind !== "text") throw new NotTextError(kind);
    }
    const bytes = rest ? joined(rest, chunk) : chunk;
    let count = 0;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
      if (count === starts.length) {
        starts = grown(starts);
        ends = grown(ends);
      }
      starts[count] = start;
      ends[count++] = end;
      start = end + 1;
    }
    rest = start < bytes.length ? bytes.subarray(start) : undefined;
    // the arrays are the chunk's own: a consumer may keep a chunk while the next is read
    if (count) yield new LineChunk(bytes, starts.slice(0, count), ends.slice(0, count), count);
  }
  if (rest) yield new LineChunk(rest, Int32Array.of(0), Int32Array.of(rest.length), 1);
}

/** The stream's lines as strings, in batches as the chunks arrive (readLineChunks()). */
export async function* readLineBatches(stream: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  for await (const chunk of readLineChunks(stream)) yield chunk.lines();
}

/** The cut line's start, then the chunk: in the chunk's room before it when it has room (chunkBuffer()), else a copy of both. */
function joined(rest: Buffer, chunk: Buffer): Buffer {
  if (rest.length > HEADROOM || !withHeadroom.has(chunk)) return Buffer.concat([rest, chunk]);
  const bytes = Buffer.from(chunk.buffer, chunk.byteOffset - rest.length, rest.length + chunk.length);
  rest.copy(bytes, 0);
  return bytes;
}

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
