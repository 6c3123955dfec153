/**
 * Reads one whole capture in a worker thread (readCapture with every connection kept) and posts
 * it back with what it would have written to stderr: the two captures of a pair are read at
 * the same time, and their messages still come out one capture after the other.
 */
import { parentPort, workerData } from "node:worker_threads";
import { readCapture } from "../capture.js";
import { InputError } from "../errors.js";
import type { CaptureReply, CaptureRequest } from "./capture-protocol.js";

const { file, idPrefix } = workerData as CaptureRequest;
const log: string[] = [];
let reply: CaptureReply;
try {
  const capture = await readCapture(file, idPrefix, { log: (text) => log.push(text) });
  reply = { ok: true, capture, log };
} catch (e) {
  reply = { ok: false, message: (e as Error).message, input: e instanceof InputError, log };
}
parentPort!.postMessage(reply);
