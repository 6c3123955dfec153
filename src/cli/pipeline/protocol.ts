/**
 * What the main thread and the tracking thread of a pipelined `--json` run say to each other
 * (remote-tracker.ts, tracking-worker.ts): the main thread reads the input and sends each batch of
 * packets as rows (connections/view-rows.ts); the tracking thread tracks them and answers each
 * batch with the JSON of the connections it released and its log lines, in order.
 */
import type { ViewRows } from "../../connections/view-rows.js";
import type { RingMemory, RingPieces } from "./output-ring.js";

/** What the tracking thread is started with (its workerData): where it puts the JSON it answers with (output-ring.ts). */
export type TrackingStart = RingMemory;

/** What it is told once its input is known. */
export interface TrackingSetup {
  idPrefix: string;
  /** The input's name, for warnings. */
  name: string;
}

export type ToTracker = { kind: "setup"; setup: TrackingSetup } | { kind: "rows"; rows: ViewRows } | { kind: "end" };

export type FromTracker =
  /**
   * One batch's answer: released connections as JSON (UTF-8, the next items of the array of
   * connections, commas included) in the ring, lines for the log, in order.
   */
  | { kind: "answer"; json: RingPieces; logs: string[] }
  /** Part of an answer's JSON, sent ahead when the ring was full (the answer follows). */
  | { kind: "json"; json: RingPieces }
  /** The end's answer: the last releases, and how many connections there were in all. */
  | { kind: "end"; json: RingPieces; logs: string[]; connections: number }
  | { kind: "failed"; message: string };
