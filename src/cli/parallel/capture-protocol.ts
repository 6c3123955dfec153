import type { Capture } from "../../connections/types.js";

/** A capture to read in a worker (capture-worker.ts). */
export interface CaptureRequest {
  file: string;
  idPrefix: string;
}

/** The capture read, or why not; `log` is what the reading wrote for stderr, in order. */
export type CaptureReply = { ok: true; capture: Capture; log: string[] } | { ok: false; message: string; input: boolean; log: string[] };
