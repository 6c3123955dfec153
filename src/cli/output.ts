import type { Writable } from "node:stream";

/** Writes and waits when the pipe is full, so a slow reader bounds memory instead of a buffer. */
export function writeOut(stream: Writable, text: string): Promise<void> | void {
  if (stream.write(text)) return;
  return new Promise((resolve) => stream.once("drain", resolve));
}

/** Text gathered between two writes: a batch's output, written at once (writeOut). */
export class PendingText {
  private text = "";

  add(text: string): void {
    this.text += text;
  }

  /** Writes what was gathered, if anything, and waits when the pipe is full. */
  async writeTo(stream: Writable): Promise<void> {
    if (!this.text) return;
    const text = this.text;
    this.text = "";
    await writeOut(stream, text);
  }
}
