import type { Writable } from "node:stream";

/**
 * Writes and waits when the pipe is full, so a slow reader bounds memory instead of a buffer;
 * `written` is called once the data is written out.
 */
export function writeOut(stream: Writable, text: string | Uint8Array, written?: () => void): Promise<void> | void {
  if (stream.write(text, written)) return;
  return new Promise((resolve) => stream.once("drain", resolve));
}

/** A piece of output, and what to call once it is written out. */
interface Piece {
  data: string | Uint8Array;
  written?: () => void;
}

/** Output gathered between two writes: a batch's output, written at once (writeOut). */
export class PendingText {
  private text = "";
  /** Pieces before `text`, when bytes were added (JSON written as bytes, json-bytes.ts). */
  private pieces: Piece[] = [];

  add(text: string): void {
    this.text += text;
  }

  /** Bytes to write after what was added so far; `written`: called once they are written out (their memory may be reused then). */
  addBytes(bytes: Uint8Array, written?: () => void): void {
    if (this.text) this.pieces.push({ data: this.text });
    this.text = "";
    this.pieces.push({ data: bytes, written });
  }

  /** Writes what was gathered, if anything, and waits when the pipe is full. */
  async writeTo(stream: Writable): Promise<void> {
    if (this.text) this.pieces.push({ data: this.text });
    this.text = "";
    const pieces = this.pieces;
    this.pieces = [];
    // only the last write waits: the ones before it are buffered by the stream
    for (let i = 0; i < pieces.length; i++) {
      const { data, written } = pieces[i];
      if (i < pieces.length - 1) stream.write(data, written);
      else await writeOut(stream, data, written);
    }
  }
}
