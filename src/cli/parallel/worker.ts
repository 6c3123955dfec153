/**
 * One worker of a parallel `--json` run (protocol.ts): takes every record from the main thread,
 * parses and tracks the TCP records it owns, reads only the time of the others (every worker's
 * clocks and connection expiry follow every packet, as a single reader's do), and posts its
 * releases keyed by where a single reader would have made them: one batch per batch of records.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ConnectionTracker, type TrackerEvent } from "../../connections/index.js";
import { PacketReader, type PacketEvent } from "../../packets/index.js";
import type { PacketRecord } from "../../records/index.js";
import { formatLineError, formatWarning } from "../diagnostics.js";
import { ownerOfEndpoints } from "./partition.js";
import type { BatchMessage, EndMessage, InputMessage, StampAt, WorkerMessage, WorkerSetup } from "./protocol.js";
import { BY_PARSE, unpackRecords } from "./record-pack.js";

const setup = workerData as WorkerSetup;
const { index, ways } = setup;
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

const reader = new PacketReader(setup.file);
const tracker = new ConnectionTracker(setup.idPrefix, { retain: false, handshakeEvents: false, numbering: "ordinal" });

/** Ordinal and text owner of each TCP record whose event the reader has not given back yet (it holds -ttt records). */
const waiting: { ordinal: number; owner: number }[] = [];
let waitingHead = 0;
let ordinal = 0;
let through = 0;
let sawPacket = false;
let segments = 0;
let errors = 0;
let first: StampAt | undefined;
/** The last owned packet's stamp (kept as two values: this runs for every packet). */
let lastOrdinal = 0;
let lastTime: string | undefined;
let batch = emptyBatch();

function emptyBatch(): BatchMessage {
  return { kind: "batch", through: 0, created: [], closed: { numbers: new Float64Array(0), json: "" }, errors: [], sawPacket: false, settled: false };
}

/** Whether the first packet and -S are decided: until then every record is parsed (protocol.ts). */
const settled = () => sawPacket && reader.sequenceModeDecided;

/** `full`: the record came whole (the main thread sends only the stamp once this worker has settled and does not own it). */
function onRecord(record: PacketRecord, owner: number, full: boolean): void {
  if (record.kind !== "tcp") {
    onEvents(reader.push(record));
    return;
  }
  waiting.push({ ordinal: ++ordinal, owner });
  const decided = settled();
  if (!full && !decided) throw new Error(`parallel worker ${index}: record ${ordinal} came without its text before the worker settled`);
  onEvents(decided && owner !== index && owner !== BY_PARSE ? reader.pass(record) : reader.push(record));
}

function onEvents(events: PacketEvent[]): void {
  for (const event of events) {
    const { ordinal: at, owner } = waiting[waitingHead++];
    if (waitingHead > 4096) {
      waiting.splice(0, waitingHead);
      waitingHead = 0;
    }
    through = at;
    if (event.kind === "time") {
      onTracker(tracker.advance(event.t, at));
    } else if (event.kind === "error") {
      onTracker(tracker.advance(event.t, at));
      if ((owner === BY_PARSE ? 0 : owner) !== index) continue;
      errors++;
      batch.errors.push({ ordinal: at, text: formatLineError(event.error) });
    } else {
      const p = event.packet;
      if (!sawPacket) {
        sawPacket = true;
        // both legs of a middle box in one capture: matched as a whole, not streamed
        if (p.iface !== undefined) throw new WholeCapture();
      }
      if ((owner === BY_PARSE ? ownerOfEndpoints(p, ways) : owner) !== index) {
        onTracker(tracker.advance(p.t, at));
        continue;
      }
      segments++;
      if (p.time !== undefined) {
        first ??= { ordinal: at, time: p.time };
        lastOrdinal = at;
        lastTime = p.time;
      }
      const before = tracker.counts.connections;
      onTracker(tracker.push(p, at));
      if (tracker.counts.connections > before) batch.created.push(at);
    }
  }
}

function onTracker(events: TrackerEvent[]): void {
  for (const e of events) {
    if (e.type === "warning") batch.errors.push({ ordinal: through, text: formatWarning(setup.file, e) });
    if (e.type !== "closed") continue;
    const { at, phase, a, b, created } = e.order;
    const json = JSON.stringify(e.connection);
    closedNumbers.push(at, phase, a, b, created, json.length);
    closedJson += json;
  }
}

/** The batch's released connections until flush() packs them (ClosedBatch). */
let closedNumbers: number[] = [];
let closedJson = "";

function flush(): void {
  batch.closed = { numbers: Float64Array.from(closedNumbers), json: closedJson };
  closedNumbers = [];
  closedJson = "";
  batch.through = through;
  batch.sawPacket = sawPacket;
  batch.settled = settled();
  post(batch);
  batch = emptyBatch();
}

class WholeCapture extends Error {}

/** The end of input: what the reader held back, then every connection still open. */
function finish(): void {
  onEvents(reader.end());
  through = Infinity;
  for (const e of tracker.drain()) onTracker([e]);
  flush();
  const end: EndMessage = { kind: "end", counts: reader.counts, segments, errors, connections: tracker.counts.connections };
  if (first) end.first = first;
  if (lastTime !== undefined) end.last = { ordinal: lastOrdinal, time: lastTime };
  post(end);
}

/** Set once the run has ended for this worker (whole capture, failure): later input is ignored. */
let stopped = false;

port.on("message", (m: InputMessage) => {
  if (stopped) return;
  try {
    if (m.kind === "end") return finish();
    for (const { record, owner, full } of unpackRecords(m, setup.file)) onRecord(record, owner, full);
    flush();
  } catch (e) {
    stopped = true;
    post(e instanceof WholeCapture ? { kind: "whole" } : { kind: "failed", message: (e as Error).message });
  }
});
