import { JsonBytes } from "../connections/index.js";
import type { Capture } from "../connections/types.js";
import { readCapture } from "./capture.js";
import { endInputOnInterrupt } from "./interrupt.js";
import { streamedHead, streamedTail } from "./json-frame.js";
import { PendingText, writeOut } from "./output.js";
import { RemoteTracker } from "./pipeline/remote-tracker.js";
import type { TrackingThread } from "./pipeline/tracking-thread.js";

/**
 * `--json` on one capture, streamed: each connection is written as the tracker releases it, so
 * memory stays bounded by the open connections however long the input (connections then come
 * in the order they ended). A capture that carries interface names (Linux `any` device) may hold
 * both legs of a middle box and must be matched as a whole: then nothing is written and
 * `streamed` is false, for the caller to report the returned capture. On standard input,
 * Ctrl-C ends the input (interrupt.ts): the document is still whole.
 */
export async function streamJsonCapture(file: string, idPrefix: string, threads?: number, thread?: TrackingThread): Promise<{ capture: Capture; streamed: boolean }> {
  const stopHandling = file === "-" ? endInputOnInterrupt() : undefined;
  try {
    return await streamCapture(file, idPrefix, threads, thread);
  } finally {
    stopHandling?.();
  }
}

/**
 * `threads`: 1 reads and tracks on one thread; more deal the connections to that many workers
 * (parallel/). Without it, the tracking and its JSON run in `thread`, when the caller started
 * one (tracksInThread() in pipeline/tracking-thread.ts), while the main thread reads
 * (pipeline/). Streamed output only, so the tracker is chosen at the first packet.
 */
async function streamCapture(file: string, idPrefix: string, threads: number | undefined, thread: TrackingThread | undefined): Promise<{ capture: Capture; streamed: boolean }> {
  let source: AsyncIterable<Buffer> | undefined;
  if (threads !== undefined && threads > 1) {
    // the workers' modules only for a run that asks for them
    const { parallelJsonCapture } = await import("./parallel/json-capture.js");
    const outcome = await parallelJsonCapture(file, idPrefix, threads);
    if ("capture" in outcome) return outcome;
    source = outcome.replay;
  }
  let streaming = false;
  const pending = new PendingText();
  // the connections, written by the tracker (or sent as bytes by the tracking thread)
  const json = new JsonBytes();
  const capture = await readCapture(file, idPrefix, {
    source,
    retain(firstInterface) {
      streaming = firstInterface === undefined;
      if (streaming) pending.add(streamedHead(file));
      return !streaming;
    },
    tracking(firstInterface, deliver) {
      return thread && firstInterface === undefined ? new RemoteTracker(thread, { idPrefix, name: file }, deliver) : undefined;
    },
    // Only released connections are written.
    handshakeEvents: false,
    json,
    onEvent(event) {
      if (streaming && event.type === "closedJson") pending.addBytes(event.json, event.written);
    },
    afterBatch() {
      if (json.size > 0) pending.addBytes(json.take());
      return pending.writeTo(process.stdout);
    },
  });
  if (streaming) await writeOut(process.stdout, streamedTail(capture.stats));
  return { capture, streamed: streaming };
}

