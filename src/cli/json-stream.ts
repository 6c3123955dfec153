import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { Capture } from "../connections/types.js";
import type { Packet } from "../packets/types.js";
import { readCapture } from "./capture.js";
import { streamedHead, streamedTail } from "./json-frame.js";
import { parallelJsonCapture } from "./parallel/json-capture.js";
import { writeOut } from "./output.js";

/**
 * `--json` on one capture, streamed: each connection is written as the tracker releases it, so
 * memory stays bounded by the open connections however long the input (connections then come
 * in the order they ended). A capture that carries interface names (Linux `any` device) may hold
 * both legs of a middle box and must be matched as a whole: then nothing is written and
 * `streamed` is false, for the caller to report the returned capture.
 */
export async function streamJsonCapture(file: string, idPrefix: string, threads?: number): Promise<{ capture: Capture; streamed: boolean }> {
  const ways = await threadsFor(file, threads);
  if (ways > 1) {
    const capture = await parallelJsonCapture(file, idPrefix, ways);
    if (capture) return { capture, streamed: true };
  }
  let streaming = false;
  let pending = "";
  let written = 0;
  const capture = await readCapture(file, idPrefix, {
    retain(first: Packet) {
      streaming = first.iface === undefined;
      if (streaming) pending = streamedHead(file);
      return !streaming;
    },
    // Only released connections are written.
    handshakeEvents: false,
    onEvent(event) {
      if (!streaming || event.type !== "closed") return;
      pending += (written++ ? "," : "") + JSON.stringify(event.connection);
    },
    async afterBatch() {
      if (!pending) return;
      const text = pending;
      pending = "";
      await writeOut(process.stdout, text);
    },
  });
  if (streaming) await writeOut(process.stdout, streamedTail(capture.stats));
  return { capture, streamed: streaming };
}

/**
 * Below this size one thread is quicker: each worker starts its own copy of the pipeline
 * (about 0.1 s), and reads the whole text.
 */
const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** Worker threads for one input: as asked (files only), else two for a large file on a machine with two or more cores. */
async function threadsFor(file: string, asked: number | undefined): Promise<number> {
  if (file === "-") return 1;
  if (asked !== undefined) return asked;
  const size = await stat(file).then((s) => s.size, () => 0);
  return size >= PARALLEL_MIN_BYTES && availableParallelism() >= 2 ? 2 : 1;
}
