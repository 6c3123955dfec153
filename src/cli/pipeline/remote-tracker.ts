/**
 * The main thread's side of a pipelined `--json` run: a tracker that sends the packets to the
 * tracking thread (tracking-worker.ts) and hands on what comes back. The reading (records, the
 * fast lane, the grammar, the packets stage) and the tracking with its JSON each take about half
 * the time of a run, so on two cores the two halves overlap. Packets go as rows of numbers
 * (connections/view-rows.ts), a batch per batch of input lines; at most MAX_IN_FLIGHT batches are
 * unanswered, so a slow tracker or a full standard output stops the reading (a pipe backs up
 * into tcpdump's buffer, not into memory).
 */
import { Worker } from "node:worker_threads";
import { SegmentView } from "../../connections/view.js";
import { ViewRowWriter } from "../../connections/view-rows.js";
import type { Packet, ScannedPacket } from "../../packets/index.js";
import type { CaptureEvent, Tracking } from "../capture.js";
import type { FromTracker, ToTracker, TrackingSetup } from "./protocol.js";

const WORKER = new URL("./tracking-worker.js", import.meta.url);
const MAX_IN_FLIGHT = 4;
/** What push() and the others return: the answers come later, from settle() and drain(). */
const NONE: readonly CaptureEvent[] = Object.freeze([]);

export class RemoteTracker implements Tracking {
  readonly counts = { connections: 0 };
  private readonly view = new SegmentView();
  private readonly rows = new ViewRowWriter();
  private readonly worker: Worker;
  private inFlight = 0;
  /** Answers come in order; each is handed on by the settle() or drain() that waits for it. */
  private answers: FromTracker[] = [];
  private wake?: () => void;
  private failure?: Error;
  private ended = false;

  constructor(setup: TrackingSetup) {
    this.worker = new Worker(WORKER, { workerData: setup });
    this.worker.on("message", (m: FromTracker) => {
      if (m.kind === "failed") this.fail(new Error(m.message));
      else this.answers.push(m);
      this.wake?.();
    });
    this.worker.on("error", (e) => this.fail(e));
    this.worker.on("exit", () => this.fail(new Error("the tracking thread stopped before the end of input")));
  }

  push(p: Packet): readonly CaptureEvent[] {
    this.rows.push(this.view.read(p));
    return NONE;
  }

  pushScanned(p: ScannedPacket): readonly CaptureEvent[] {
    this.rows.push(this.view.readScanned(p));
    return NONE;
  }

  advance(t: number | undefined): readonly CaptureEvent[] {
    this.rows.advance(t);
    return NONE;
  }

  note(text: string): void {
    this.rows.log(text);
  }

  /** Sends the batch written since the last call; returns what has come back, waiting while too many batches are unanswered. */
  async settle(): Promise<CaptureEvent[]> {
    if (this.rows.size > 0) this.send({ kind: "rows", rows: this.rows.take() });
    const events: CaptureEvent[] = [];
    do {
      await this.next(events, this.inFlight >= MAX_IN_FLIGHT);
    } while (this.inFlight >= MAX_IN_FLIGHT);
    return events;
  }

  /** The end of input: the last batch, then every answer to the end, in batches (each a batch of events). */
  async *drain(): AsyncGenerator<CaptureEvent> {
    if (this.rows.size > 0) this.send({ kind: "rows", rows: this.rows.take() });
    this.send({ kind: "end" });
    while (!this.ended) {
      const events: CaptureEvent[] = [];
      await this.next(events, true);
      yield* events;
    }
    await this.worker.terminate();
  }

  /** A remote tracker keeps no connection for the caller. */
  end(): [] {
    return [];
  }

  private send(message: ToTracker): void {
    this.throwIfFailed();
    this.inFlight++;
    this.worker.postMessage(message, message.kind === "rows" ? [message.rows.numbers.buffer as ArrayBuffer] : []);
  }

  /** Moves the answers that have come into `events` (waiting for one if `wait`). */
  private async next(events: CaptureEvent[], wait: boolean): Promise<void> {
    if (wait && this.answers.length === 0) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    this.throwIfFailed();
    for (const answer of this.answers) {
      if (answer.kind === "failed") continue;
      if (answer.kind === "end") {
        this.ended = true;
        this.counts.connections = answer.connections;
      } else this.inFlight--;
      for (const text of answer.logs) events.push({ type: "note", text });
      for (const json of answer.json) events.push({ type: "closedJson", json });
    }
    this.answers = [];
  }

  private fail(e: Error): void {
    if (this.ended) return;
    this.failure ??= e;
    this.wake?.();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
