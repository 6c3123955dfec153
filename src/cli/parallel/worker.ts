/**
 * One worker of a parallel `--json` run (protocol.ts): reads the whole input, parses and tracks
 * the TCP records it owns, reads only the time of the others (every worker's clocks and
 * connection expiry follow every packet, as a single reader's do), and posts its releases keyed
 * by where a single reader would have made them.
 */
import { createReadStream } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { ConnectionTracker, type TrackerEvent } from "../../connections/index.js";
import { PacketReader, type PacketEvent } from "../../packets/index.js";
import { NotTextError, readLineBatches, RecordAssembler, type PacketRecord } from "../../records/index.js";
import { formatLineError, formatWarning } from "../diagnostics.js";
import { ownerOfEndpoints, ownerOfText } from "./partition.js";
import type { BatchMessage, ControlMessage, EndMessage, StampAt, WorkerMessage, WorkerSetup } from "./protocol.js";

const setup = workerData as WorkerSetup;
const { index, ways } = setup;
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

const assembler = new RecordAssembler(setup.file);
const reader = new PacketReader(setup.file);
const tracker = new ConnectionTracker(setup.idPrefix, { retain: false, handshakeEvents: false, numbering: "ordinal" });

/** Owner not known from the text: the record is parsed and its endpoints decide. */
const BY_PARSE = -1;
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
  return { kind: "batch", through: 0, created: [], closed: { numbers: new Float64Array(0), json: "" }, errors: [], records: 0, sawPacket: false };
}

function onRecord(record: PacketRecord): void {
  if (record.kind !== "tcp") {
    onEvents(reader.push(record));
    return;
  }
  const owner = ownerOfText(record.text, ways) ?? BY_PARSE;
  waiting.push({ ordinal: ++ordinal, owner });
  // Until the first packet and -S are settled, they depend on every record: parse them all.
  const settled = sawPacket && reader.sequenceModeDecided;
  onEvents(settled && owner !== index && owner !== BY_PARSE ? reader.pass(record) : reader.push(record));
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
  batch.records = reader.counts.records;
  batch.sawPacket = sawPacket;
  post(batch);
  batch = emptyBatch();
}

class WholeCapture extends Error {}

/** Set while the main thread's standard output is full: resolved when it asks to resume. */
let paused: { until: Promise<void>; resume: () => void } | undefined;
port.on("message", (m: ControlMessage) => {
  if (m.kind === "pause") {
    if (paused) return;
    let resume = () => {};
    const until = new Promise<void>((r) => (resume = r));
    paused = { until, resume };
  } else {
    paused?.resume();
    paused = undefined;
  }
});

async function run(): Promise<void> {
  try {
    for await (const lines of readLineBatches(createReadStream(setup.file))) {
      for (const line of lines) for (const record of assembler.push(line)) onRecord(record);
      flush();
      if (paused) await paused.until;
    }
    for (const record of assembler.end()) onRecord(record);
    onEvents(reader.end());
    if (!sawPacket) throw new WholeCapture();
    through = Infinity;
    for (const e of tracker.drain()) onTracker([e]);
    flush();
  } catch (e) {
    if (e instanceof WholeCapture) return post({ kind: "whole" });
    if (e instanceof NotTextError) return post({ kind: "failed", notText: e.kind, message: e.message });
    return post({ kind: "failed", message: (e as Error).message });
  }
  const end: EndMessage = {
    kind: "end",
    lines: assembler.lines,
    skipped: assembler.skipped,
    skippedLines: assembler.skippedLines,
    counts: reader.counts,
    segments,
    errors,
    connections: tracker.counts.connections,
  };
  if (first) end.first = first;
  if (lastTime !== undefined) end.last = { ordinal: lastOrdinal, time: lastTime };
  post(end);
}

await run();
