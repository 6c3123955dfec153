/**
 * The tracking thread of a pipelined `--json` run (tracking-worker.ts), started as soon as the
 * command line says it will be needed, before the modules that read the input are loaded: a
 * thread takes about a tenth of a second to boot, and started at the first packet it began
 * tracking some 0.2 s after the reading, on a run whose end it sets. It learns its input when
 * a RemoteTracker takes it (remote-tracker.ts); one never taken (the first packet named an
 * interface, or there was none) is ended by close().
 *
 * This module loads nothing but the thread itself: the main thread imports it first.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { ringMemory, type RingMemory } from "./output-ring.js";
import type { TrackingStart } from "./protocol.js";

const WORKER = new URL("./tracking-worker.js", import.meta.url);

/**
 * Whether `--json` on `file` tracks in a second thread: when `threads` is not given and there is
 * a CPU for each thread: two for a file; three for standard input, where tcpdump is the other
 * end of the pipe (measured: with one core left to tcpdump and hs-report, the second thread's
 * extra work lost more packets than it saved; docs/performance.md).
 */
export function tracksInThread(file: string, threads: number | undefined): boolean {
  return threads === undefined && availableParallelism() >= (file === "-" ? 3 : 2);
}

export class TrackingThread {
  readonly worker: Worker;
  readonly ring: RingMemory;
  /** An error of the thread before it was taken. */
  failure?: Error;
  private taken = false;

  constructor(
    /** Bytes of the output ring (tests make it smaller than an answer). */
    ringBytes?: number,
  ) {
    this.ring = ringMemory(ringBytes);
    this.worker = new Worker(WORKER, { workerData: this.ring satisfies TrackingStart });
    this.worker.on("error", (e) => (this.failure ??= e));
    // until taken, the thread does not keep the process alive
    this.worker.unref();
  }

  /** The thread, for the capture's tracker: it now keeps the process alive until it ends. */
  take(): Worker {
    this.taken = true;
    this.worker.ref();
    return this.worker;
  }

  /** Ends the thread if it was never taken (a taken one is ended by its tracker). */
  close(): void {
    if (!this.taken) void this.worker.terminate();
  }
}
