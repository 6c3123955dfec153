/**
 * What the main thread and the tracking thread of a pipelined `--json` run say to each other
 * (remote-tracker.ts, tracking-worker.ts): the main thread reads the input and sends each batch of
 * packets as rows (connections/view-rows.ts); the tracking thread tracks them and answers each
 * batch with the JSON of the connections it released and its log lines, in order.
 */
import type { ViewRows } from "../../connections/view-rows.js";
import type { RingMemory, RingPieces } from "./output-ring.js";

export interface TrackingSetup {
  idPrefix: string;
  /** The input's name, for warnings. */
  name: string;
  /** Where the tracking thread puts the JSON it answers with (output-ring.ts). */
  ring: RingMemory;
}

export type ToTracker = { kind: "rows"; rows: ViewRows } | { kind: "end" };

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
