/**
 * The tracking thread of a pipelined `--json` run (protocol.ts): tracks the packets the main
 * thread read, in its order, and answers each batch with the JSON of the connections released
 * and the lines for the log (the main thread's line errors, which it sends in their place, and
 * the tracker's warnings).
 */
import { parentPort, workerData } from "node:worker_threads";
import { ConnectionTracker, JsonBytes, type TrackerEvent } from "../../connections/index.js";
import { ADVANCE, LOG, NO_ROW, ViewRowReader, type ViewRows } from "../../connections/view-rows.js";
import { formatWarning } from "../diagnostics.js";
import { RingWriter, type RingPieces } from "./output-ring.js";
import type { FromTracker, ToTracker, TrackingSetup, TrackingStart } from "./protocol.js";

const port = parentPort!;
const post = (message: FromTracker) => port.postMessage(message);
const ring = new RingWriter(workerData as TrackingStart);
/** The released connections' JSON, written by the tracker (its only events are warnings). */
const json = new JsonBytes();
/** Set by the first message, once the input is known (the thread is started before: tracking-thread.ts). */
let setup: TrackingSetup;
let tracker: ConnectionTracker;

/** JSON bytes per answer while the open ones are released at the end (a few hundred connections). */
const DRAIN_BATCH = 1 << 19;

let logs: string[] = [];

/** The tracker's warnings, for the log (by index: nearly every packet answers none, and for-of over the shared empty answer cost twice as much). */
function take(events: readonly TrackerEvent[]): void {
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.type === "warning") logs.push(formatWarning(setup.name, e));
  }
}

const reader = new ViewRowReader();

function track(rows: ViewRows): void {
  reader.receive(rows);
  for (let op = reader.op(); op !== NO_ROW; op = reader.op()) {
    if (op === ADVANCE) take(tracker.advance(reader.time()));
    else if (op === LOG) logs.push(reader.log());
    else {
      reader.read(tracker.view);
      take(tracker.pushView());
    }
  }
}

/** What was gathered since the last answer, handed over: the JSON put in the ring. */
function gathered(): { json: RingPieces; logs: string[] } {
  const answer = { json: ring.put(json.written(), (pieces) => post({ kind: "json", json: pieces })), logs };
  json.clear();
  logs = [];
  return answer;
}

port.on("message", (m: ToTracker) => {
  try {
    if (m.kind === "setup") {
      setup = m.setup;
      tracker = new ConnectionTracker(setup.idPrefix, { retain: false, handshakeEvents: false, json });
    } else if (m.kind === "rows") {
      track(m.rows);
      post({ kind: "answer", ...gathered() });
    } else {
      // the connections still open, answered in batches: at the end of a busy capture they are thousands
      for (const e of tracker.drain()) {
        take([e]);
        if (json.size >= DRAIN_BATCH) post({ kind: "answer", ...gathered() });
      }
      post({ kind: "end", ...gathered(), connections: tracker.counts.connections });
    }
  } catch (e) {
    post({ kind: "failed", message: (e as Error).message });
  }
});
