/**
 * What the main thread and the tracking thread of a pipelined `--json` run say to each other
 * (remote-tracker.ts, tracking-worker.ts): the main thread reads the input and sends each batch of
 * packets as rows (connections/view-rows.ts); the tracking thread tracks them and answers each
 * batch with the JSON texts of the connections it released and its log lines, in order.
 */
import type { ViewRows } from "../../connections/view-rows.js";

export interface TrackingSetup {
  idPrefix: string;
  /** The input's name, for warnings. */
  name: string;
}

export type ToTracker = { kind: "rows"; rows: ViewRows } | { kind: "end" };

export type FromTracker =
  /** One batch's answer: released connections as JSON texts, lines for the log, in order. */
  | { kind: "answer"; json: string[]; logs: string[] }
  /** The end's answer: the last releases, and how many connections there were in all. */
  | { kind: "end"; json: string[]; logs: string[]; connections: number }
  | { kind: "failed"; message: string };
