/**
 * The main thread's side of a pipelined `--json` run: a tracker that sends the packets to the
 * tracking thread (tracking-worker.ts) and hands on what comes back. The reading (records, the
 * fast lane, the grammar, the packets stage) and the tracking with its JSON each take about half
 * the time of a run, so on two cores the two halves overlap. Packets go as rows of numbers
 * (connections/view-rows.ts), a batch per batch of input lines; at most MAX_IN_FLIGHT batches are
 * unanswered, so a slow tracker or a full standard output stops the reading (a pipe backs up
 * into tcpdump's buffer, not into memory). Answers are handed on as they come, also while the
 * reading waits for input: on a quiet live pipe a connection is written when it is released,
 * not when the next line comes.
 */
import type { Worker } from "node:worker_threads";
import { SegmentView } from "../../connections/view.js";
import { ViewRowWriter } from "../../connections/view-rows.js";
import type { Packet, ScannedPacket } from "../../packets/index.js";
import type { CaptureEvent, Tracking } from "../capture.js";
import { RingReader } from "./output-ring.js";
import type { FromTracker, ToTracker, TrackingSetup } from "./protocol.js";
import type { TrackingThread } from "./tracking-thread.js";

/**
 * Batches sent and not yet answered, at most: each thread pauses now and then (a collection, a
 * burst of connections released), and with 4 the other thread often waited (both sat idle a
 * tenth of a million-packet -vvv run); 32 batches of 64 KiB of input take the pauses up and hold
 * a few MB of rows.
 */
const MAX_IN_FLIGHT = 32;
/** What push() and the others return: the answers come later, to `deliver`. */
const NONE: readonly CaptureEvent[] = Object.freeze([]);

export class RemoteTracker implements Tracking {
  readonly counts = { connections: 0 };
  private readonly view = new SegmentView();
  private readonly rows = new ViewRowWriter();
  private readonly worker: Worker;
  private readonly ring: RingReader;
  private inFlight = 0;
  private wake?: () => void;
  private failure?: Error;
  private ended = false;

  constructor(
    /** The tracking thread, started beforehand (tracking-thread.ts): this takes it. */
    thread: TrackingThread,
    setup: TrackingSetup,
    /** Takes each answer's events, in order, as it comes. */
    private readonly deliver: (events: CaptureEvent[]) => void,
  ) {
    this.ring = new RingReader(thread.ring);
    this.worker = thread.take();
    this.failure = thread.failure;
    this.worker.on("message", (m: FromTracker) => {
      if (m.kind === "failed") this.fail(new Error(m.message));
      else this.answer(m);
      this.wake?.();
    });
    this.worker.on("error", (e) => this.fail(e));
    this.worker.on("exit", () => this.fail(new Error("the tracking thread stopped before the end of input")));
    this.send({ kind: "setup", setup }, false);
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

  /** Sends the batch written since the last call, and waits while too many batches are unanswered. */
  async settle(): Promise<void> {
    if (this.rows.size > 0) this.send({ kind: "rows", rows: this.rows.take() });
    while (this.inFlight >= MAX_IN_FLIGHT) await this.answered();
  }

  /** The end of input: the last batch, then every answer to the end (handed on as they come). */
  async *drain(): AsyncGenerator<CaptureEvent> {
    if (this.rows.size > 0) this.send({ kind: "rows", rows: this.rows.take() });
    this.send({ kind: "end" });
    while (!this.ended) await this.answered();
    await this.worker.terminate();
  }

  /** A remote tracker keeps no connection for the caller. */
  end(): [] {
    return [];
  }

  /** `answered`: the thread answers this message (rows and the end do; the setup does not). */
  private send(message: ToTracker, answered = true): void {
    this.throwIfFailed();
    if (answered) this.inFlight++;
    this.worker.postMessage(message, message.kind === "rows" ? [message.rows.numbers.buffer as ArrayBuffer] : []);
  }

  private answer(m: Exclude<FromTracker, { kind: "failed" }>): void {
    if (m.kind === "end") {
      this.ended = true;
      this.counts.connections = m.connections;
    } else if (m.kind === "answer") this.inFlight--;
    const events: CaptureEvent[] = [];
    if (m.kind !== "json") for (const text of m.logs) events.push({ type: "note", text });
    // the ring's room is reused once written out
    for (const json of this.ring.views(m.json)) events.push({ type: "closedJson", json, written: () => this.ring.consumed(json) });
    if (events.length > 0) this.deliver(events);
  }

  /** Until the next answer (or a failure, thrown). */
  private async answered(): Promise<void> {
    this.throwIfFailed();
    await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    this.throwIfFailed();
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
