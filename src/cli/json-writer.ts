import type { Writable } from "node:stream";
import { writeOut } from "./output.js";

/** Text gathered before a write: large enough that writes are few, small next to a report. */
const CHUNK = 1 << 20;

/**
 * Writes `JSON.stringify(value)` (compact) to `stream` in pieces, waiting when the pipe is
 * full. A two-capture report of 50,000 connections a side is a 225 MB document: as one string,
 * and then that string's bytes for the write, it took 440 MB at once. Arrays and plain objects
 * `depth` levels deep are written element by element (depth 1: the value's own elements);
 * deeper values, and any value with a `toJSON`, are written by JSON.stringify, so the bytes are
 * JSON.stringify's (test/cli/json-writer.test.ts).
 */
export async function writeJson(stream: Writable, value: unknown, depth: number): Promise<void> {
  const out = new Pieces(stream);
  if (depth > 0 && isContainer(value)) await writeValue(out, value, depth);
  else await out.add(JSON.stringify(value) ?? "null");
  await out.flush();
}

/** Text waiting to be written. */
class Pieces {
  private text = "";

  constructor(private readonly stream: Writable) {}

  async add(piece: string): Promise<void> {
    this.text += piece;
    if (this.text.length >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.text) return;
    const text = this.text;
    this.text = "";
    await writeOut(this.stream, text);
  }
}

/** Whether JSON.stringify would write `value` as an array or object of its own keys, with nothing to call. */
function isContainer(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  return Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;
}

/** Writes `value` as JSON.stringify would, expanding containers `depth` levels down. */
async function writeValue(out: Pieces, value: object, depth: number): Promise<void> {
  if (Array.isArray(value)) {
    await out.add("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) await out.add(",");
      const item: unknown = value[i];
      // an element JSON.stringify cannot write (undefined, a function) is written as null
      if (depth > 1 && isContainer(item)) await writeValue(out, item, depth - 1);
      else await out.add(JSON.stringify(item) ?? "null");
    }
    await out.add("]");
    return;
  }
  await out.add("{");
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    const expand = depth > 1 && isContainer(item);
    const text = expand ? "" : JSON.stringify(item);
    // a key whose value JSON.stringify cannot write (undefined, a function) is left out
    if (text === undefined) continue;
    await out.add(`${first ? "" : ","}${JSON.stringify(key)}:`);
    first = false;
    if (expand) await writeValue(out, item as object, depth - 1);
    else await out.add(text);
  }
  await out.add("}");
}
