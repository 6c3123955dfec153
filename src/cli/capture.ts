import { ConnectionTracker, type JsonBytes, type TrackerEvent } from "../connections/index.js";
import type { Packet, PacketEvent, ScannedPacket } from "../packets/index.js";
import type { Capture, CaptureStats, Connection } from "../connections/types.js";
import { formatLineError, formatSummary, formatWarning } from "./diagnostics.js";
import { openInput } from "./input.js";
import { startProgress } from "./spinner.js";

/**
 * What readCapture hears from its tracker: the tracker's events, and from a tracker in another
 * thread (pipeline/) released connections as JSON (the next items of the array of connections,
 * commas included; `written` is to be called once they are written out, their memory is reused
 * then) and log lines it kept in their place.
 */
export type CaptureEvent = TrackerEvent | { type: "closedJson"; json: Uint8Array; written(): void } | { type: "note"; text: string };

/** What readCapture tracks with: a ConnectionTracker, or one that tracks in another thread (pipeline/remote-tracker.ts). */
export interface Tracking {
  readonly counts: { connections: number };
  push(p: Packet): Iterable<CaptureEvent>;
  pushScanned(p: ScannedPacket): Iterable<CaptureEvent>;
  advance(t: number | undefined): Iterable<CaptureEvent>;
  /** A line for the log, kept in its place among the tracker's warnings (it answers late). */
  note?(text: string): void;
  /** After each batch of input lines: waits while the tracker is too far behind (it answers late, to the `deliver` it was made with). */
  settle?(): Promise<void>;
  /** The end of input: releases every connection still tracked. */
  drain(): Iterable<CaptureEvent> | AsyncIterable<CaptureEvent>;
  /** The connections kept for the Capture. */
  end(): Connection[];
}

export interface CaptureHooks {
  /** Called with every tracker event as it happens (live mode prints handshakes from here). */
  onEvent?(event: CaptureEvent): void;
  /** Whether onEvent wants `handshake` events (default true); without onEvent there are none to build. */
  handshakeEvents?: boolean;
  /**
   * Keep released connections for the returned Capture (default true). Streaming output passes
   * false, or decides on the first packet's interface (Linux `any` captures name one), and takes
   * each connection from `onEvent`'s `closed` events instead.
   */
  retain?: boolean | ((firstInterface: string | undefined) => boolean);
  /**
   * Where a tracker that keeps no connections and makes no handshake events writes each one it
   * releases, as JSON, instead of a `closed` event (TrackerOptions.json).
   */
  json?: JsonBytes;
  /** Called after each batch of input lines, so a caller can write what it gathered (backpressure). */
  afterBatch?(): Promise<void> | void;
  /** The name shown for the input in packets, errors, the summary and the Capture (default: the file name). */
  shownAs?: string;
  /** The input's bytes, read instead of opening the file (openInput). */
  source?: AsyncIterable<Buffer>;
  /** Where parse errors and the summary go (default: stderr). */
  log?(text: string): void;
  /**
   * Another tracker for the capture, asked at the first packet after `retain` (given its
   * interface); undefined for a ConnectionTracker (json-stream.ts gives one in another thread).
   * `deliver` takes the events it answers later, whenever they come.
   */
  tracking?(firstInterface: string | undefined, deliver: (events: CaptureEvent[]) => void): Tracking | undefined;
  /** Whether lines of the common shape take the fast lane (default true; tests compare both ways). */
  lane?: boolean;
}

/** Events handled between two afterBatch() calls while the connections open at the end are released. */
const FLUSH_BATCH = 256;

/**
 * Reads one input through the whole front of the pipeline: text → records → packets →
 * connections. Parse errors and the input's summary go to stderr as they happen.
 */
export async function readCapture(file: string, idPrefix: string, hooks: CaptureHooks = {}): Promise<Capture> {
  const input = await openInput(file, hooks.shownAs, hooks.source);
  const log = hooks.log ?? ((text: string) => process.stderr.write(text));
  const onEvent = (e: CaptureEvent) => {
    if (e.type === "warning") log(formatWarning(input.name, e));
    else if (e.type === "note") log(e.text);
    hooks.onEvent?.(e);
  };
  /** Calls of hooks.afterBatch, one after the other: a tracker in another thread delivers while the input is read. */
  let written: Promise<void> = Promise.resolve();
  const write = () => (written = written.then(() => hooks.afterBatch?.()));
  const deliver = (events: CaptureEvent[]) => {
    for (const e of events) onEvent(e);
    void write().catch(() => {}); // a failed write is thrown by the next await of `written`
  };
  let tracker: Tracking | undefined;
  const trackerFor = (firstInterface: string | undefined): Tracking => {
    const retain = typeof hooks.retain === "function" ? hooks.retain(firstInterface) : (hooks.retain ?? true);
    const handshakeEvents = hooks.onEvent !== undefined && (hooks.handshakeEvents ?? true);
    const json = retain || handshakeEvents ? undefined : hooks.json;
    return hooks.tracking?.(firstInterface, deliver) ?? new ConnectionTracker(idPrefix, { retain, handshakeEvents, json });
  };
  const progress = await startProgress(input.isFile);
  let firstTime: string | undefined;
  let lastTime: string | undefined;
  /** The fast lane's packet when it was the last one: its time is made into text once a batch, not per packet. */
  let lastScanned: ScannedPacket | undefined;
  const event = (event: PacketEvent) => {
    if (event.kind === "error") {
      progress.stop();
      const text = formatLineError(event.error);
      if (tracker?.note) tracker.note(text);
      else log(text);
      // a printed packet, if unreadable: the connections' clock still moves on
      if (tracker) for (const e of tracker.advance(event.t)) onEvent(e);
      return;
    }
    if (event.kind !== "packet") return;
    const p = event.packet;
    if (p.time !== undefined) {
      firstTime ??= p.time;
      lastTime = p.time;
      lastScanned = undefined;
    }
    tracker ??= trackerFor(p.iface);
    for (const e of tracker.push(p)) onEvent(e);
  };
  try {
    await input.run({
      event,
      scanned:
        hooks.lane === false
          ? undefined
          : (p) => {
              firstTime ??= p.time;
              lastScanned = p;
              tracker ??= trackerFor(undefined);
              for (const e of tracker.pushScanned(p)) onEvent(e);
            },
      async afterBatch() {
        if (lastScanned) lastTime = lastScanned.time;
        lastScanned = undefined;
        await tracker?.settle?.();
        await write();
        progress.update(() => `${input.name}: ${input.reader.counts.records} packet records read`);
      },
    });
    // The connections still open, released one at a time and written in batches: at the end of
    // a busy capture they are thousands, too many to hold all their reports at once.
    let released = 0;
    for await (const e of tracker?.drain() ?? []) {
      onEvent(e);
      if (++released % FLUSH_BATCH === 0) await write();
    }
    await write();
  } finally {
    progress.stop();
  }
  const connections: Connection[] = tracker?.end() ?? [];
  const counts = input.reader.counts;
  log(formatSummary(input));
  const stats: CaptureStats = {
    lines: input.assembler.lines,
    records: counts.records,
    tcpSegments: counts.tcpSegments,
    nonTcp: Object.values(counts.nonTcp).reduce((a, b) => a + b, 0),
    skippedLines: input.assembler.skippedLines,
    errors: counts.errors,
    connections: tracker?.counts.connections ?? 0,
  };
  if (firstTime !== undefined) stats.firstTime = firstTime;
  if (lastTime !== undefined) stats.lastTime = lastTime;
  return { name: input.name, stats, connections };
}
