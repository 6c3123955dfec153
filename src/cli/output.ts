import type { Writable } from "node:stream";

/** Writes and waits when the pipe is full, so a slow reader bounds memory instead of a buffer. */
export function writeOut(stream: Writable, text: string): Promise<void> | void {
  if (stream.write(text)) return;
  return new Promise((resolve) => stream.once("drain", resolve));
}
