/**
 * `--json` on one input (a file or standard input) with several workers (protocol.ts): this
 * thread reads the input once, cuts it into records and deals them out (dealer.ts); each
 * worker parses and tracks its share of the connections; this thread puts their output back in
 * the order, and with the ids, one reader would have given, so the document is the same byte
 * for byte (test/parallel).
 */
import { Worker } from "node:worker_threads";
import type { Capture, CaptureStats } from "../../connections/types.js";
import { RecordAssembler, readLineBatches } from "../../records/index.js";
import { formatSummary } from "../diagnostics.js";
import { InputError } from "../errors.js";
import { inputError, openSource } from "../input.js";
import { streamedHead, streamedTail } from "../json-frame.js";
import { startProgress } from "../spinner.js";
import { RecordDealer } from "./dealer.js";
import { KeptInput } from "./kept-input.js";
import { WorkerMerge } from "./merge.js";
import type { EndMessage, InputMessage, WorkerMessage, WorkerSetup } from "./protocol.js";

const WORKER = new URL("./worker.js", import.meta.url);

/**
 * Batches of records sent to a worker and not yet answered, at most: enough to keep it busy,
 * few enough that a slow worker (or a full standard output) stops the reading rather than
 * letting the input pile up here.
 */
const MAX_IN_FLIGHT = 4;

/** Bytes of standard input kept for a replay until its first packet (kept-input.ts). */
const STDIN_KEPT_BYTES = 64 * 2 ** 20;

/**
 * A run's capture, streamed or (when no packet parsed) not, as streamJsonCapture returns it;
 * or, when the input cannot be streamed by parts (its packets name interfaces), its bytes again
 * from the start, for the caller to read the single-reader way. Nothing is written to stdout
 * unless `streamed`.
 */
export type ParallelOutcome = { capture: Capture; streamed: boolean } | { replay: AsyncIterable<Buffer> };

/** Streams the document to stdout (ParallelOutcome). */
export async function parallelJsonCapture(file: string, idPrefix: string, ways: number): Promise<ParallelOutcome> {
  // a file is opened again if need be: only standard input is kept
  const input = new KeptInput(await openSource(file), file === "-" ? STDIN_KEPT_BYTES : 0);
  const merge = new WorkerMerge(ways, idPrefix);
  const workers = Array.from({ length: ways }, (_, index) => {
    const setup: WorkerSetup = { file, idPrefix, index, ways };
    return new Worker(WORKER, { workerData: setup });
  });
  const assembler = new RecordAssembler(file);
  const dealer = new RecordDealer(ways);
  /** Per worker: batches of records sent and not yet answered. */
  const inFlight = workers.map(() => 0);
  const ends: EndMessage[] = [];
  const progress = await startProgress(file !== "-");
  let streaming = false;
  let written = 0;
  let stdoutFull = false;
  let outcome: "whole" | { failure: unknown } | undefined;
  /** Error texts held until the run is known to stream (else the single reader reports them). */
  let heldErrors: string[] = [];
  let finished!: () => void;
  const allEnded = new Promise<void>((resolve) => (finished = resolve));
  /** Wakes the reading loop when a worker answers or standard output drains. */
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const stop = (why: "whole" | { failure: unknown }) => {
    outcome ??= why;
    finished();
    wakeUp();
  };

  const writeConnections = (connections: string[], errors: string[]) => {
    if (errors.length) progress.stop();
    for (const e of errors) process.stderr.write(e);
    if (!connections.length) return;
    let text = written === 0 ? streamedHead(file) : "";
    for (const json of connections) text += (written++ ? "," : "") + json;
    if (!process.stdout.write(text) && !stdoutFull) {
      // a slow reader of our output: the reading waits rather than output piling up here
      stdoutFull = true;
      process.stdout.once("drain", () => {
        stdoutFull = false;
        wakeUp();
      });
    }
  };

  workers.forEach((worker, index) => {
    worker.on("error", (e) => stop({ failure: e }));
    // a worker gone before its end (not terminated below, after the run) would leave the run waiting
    worker.on("exit", (code) => {
      if (!ends[index]) stop({ failure: new Error(`parallel worker ${index} exited (code ${code}) before the end of input`) });
    });
    worker.on("message", (m: WorkerMessage) => {
      if (m.kind === "whole") return stop("whole");
      if (m.kind === "failed") return stop({ failure: new InputError(`${file}: ${m.message}`) });
      if (m.kind === "end") {
        ends[index] = m;
        if (ends.filter(Boolean).length === ways) finished();
        return;
      }
      inFlight[index]--;
      if (m.settled) dealer.settle(index);
      merge.add(index, m);
      const { connections, errors } = merge.take();
      // concat, not a spread: the lines before the first packet may be too many for the stack
      if (!streaming && m.sawPacket) {
        streaming = true;
        input.release();
        writeConnections(connections, heldErrors.concat(errors));
        heldErrors = [];
      } else if (streaming) writeConnections(connections, errors);
      else for (const e of errors) heldErrors.push(e);
      wakeUp();
    });
  });

  const dispatch = () => {
    if (dealer.empty) return;
    workers.forEach((w, i) => {
      inFlight[i]++;
      w.postMessage(dealer.take(i));
    });
  };
  const busy = () => stdoutFull || inFlight.some((n) => n >= MAX_IN_FLIGHT);

  try {
    try {
      for await (const lines of readLineBatches(input.chunks())) {
        for (const line of lines) for (const record of assembler.push(line)) dealer.deal(record);
        dispatch();
        progress.update(() => `${file}: ${dealer.records} packet records read`);
        while (!outcome && busy()) await new Promise<void>((resolve) => (wake = resolve));
        if (outcome) break;
      }
      if (!outcome) {
        for (const record of assembler.end()) dealer.deal(record);
        dispatch();
        for (const w of workers) w.postMessage({ kind: "end" } satisfies InputMessage);
      }
    } catch (e) {
      throw inputError(file, e);
    }
    await allEnded;
  } finally {
    progress.stop();
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (outcome === "whole") {
    if (file !== "-") {
      await input.close();
      return { replay: await openSource(file) };
    }
    if (input.overflowed) throw new InputError(`${file}: its first TCP packet names an interface (tcpdump -i any) and came after more than ${STDIN_KEPT_BYTES / 2 ** 20} MB of other text: read it without --threads`);
    return { replay: input.replay() };
  }
  if (outcome) throw outcome.failure;
  const { connections, errors } = merge.take();
  const capture = captureOf(file, ends, assembler);
  // no packet at all: as one reader, the caller writes the (empty) report
  if (streaming) {
    writeConnections(connections, errors);
    if (written === 0) process.stdout.write(streamedHead(file));
    process.stdout.write(streamedTail(capture.stats));
  } else {
    for (const e of heldErrors.concat(errors)) process.stderr.write(e);
  }
  process.stderr.write(
    formatSummary({ name: file, assembler, reader: { counts: { ...ends[0].counts, tcpSegments: capture.stats.tcpSegments, errors: capture.stats.errors } } }),
  );
  return { capture, streamed: streaming };
}

/** The capture's stats: lines and records as this thread read them, the workers' shares summed. */
function captureOf(name: string, ends: EndMessage[], assembler: RecordAssembler): Capture {
  const whole = ends[0];
  const sum = (part: (e: EndMessage) => number) => ends.reduce((n, e) => n + part(e), 0);
  const stamps = (e: EndMessage) => [e.first, e.last].filter((s) => s !== undefined);
  const byOrdinal = ends.flatMap(stamps).sort((a, b) => a.ordinal - b.ordinal);
  const stats: CaptureStats = {
    lines: assembler.lines,
    records: whole.counts.records,
    tcpSegments: sum((e) => e.segments),
    nonTcp: Object.values(whole.counts.nonTcp).reduce((a, b) => a + b, 0),
    skippedLines: assembler.skippedLines,
    errors: sum((e) => e.errors),
    connections: sum((e) => e.connections),
  };
  if (byOrdinal.length) {
    stats.firstTime = byOrdinal[0].time;
    stats.lastTime = byOrdinal[byOrdinal.length - 1].time;
  }
  return { name, stats, connections: [] };
}
