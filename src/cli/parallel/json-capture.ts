/**
 * `--json` on one large file with several workers (protocol.ts): each worker reads the whole
 * text and parses and tracks its share of the connections; this thread puts their output back
 * in the order, and with the ids, one reader would have given, so the document is the same
 * byte for byte (test/parallel).
 */
import { Worker } from "node:worker_threads";
import type { Capture, CaptureStats } from "../../connections/types.js";
import { formatSummary } from "../diagnostics.js";
import { InputError } from "../errors.js";
import { notTextMessage } from "../input.js";
import { streamedHead, streamedTail } from "../json-frame.js";
import { startProgress } from "../spinner.js";
import { WorkerMerge } from "./merge.js";
import type { ControlMessage, EndMessage, WorkerMessage, WorkerSetup } from "./protocol.js";

const WORKER = new URL("./worker.js", import.meta.url);

/**
 * Streams the document to stdout and returns the capture's stats; undefined when the input
 * cannot be streamed by parts (its packets name interfaces, or none parsed): nothing has been
 * written then, and the caller reads it the single-reader way.
 */
export async function parallelJsonCapture(file: string, idPrefix: string, ways: number): Promise<Capture | undefined> {
  const merge = new WorkerMerge(ways, idPrefix);
  const workers = Array.from({ length: ways }, (_, index) => {
    const setup: WorkerSetup = { file, idPrefix, index, ways };
    return new Worker(WORKER, { workerData: setup });
  });
  const progress = await startProgress(true);
  const ends: EndMessage[] = [];
  const tell = (m: ControlMessage) => workers.forEach((w) => w.postMessage(m));
  let paused = false;
  let streaming = false;
  let written = 0;
  /** Error texts held until the run is known to stream (else the single reader reports them). */
  let heldErrors: string[] = [];

  const writeConnections = (connections: string[], errors: string[]) => {
    if (errors.length) progress.stop();
    for (const e of errors) process.stderr.write(e);
    if (!connections.length) return;
    let text = written === 0 ? streamedHead(file) : "";
    for (const json of connections) text += (written++ ? "," : "") + json;
    if (!process.stdout.write(text) && !paused) {
      // a slow reader of our output: the workers wait rather than their output piling up here
      paused = true;
      tell({ kind: "pause" });
      process.stdout.once("drain", () => {
        paused = false;
        tell({ kind: "resume" });
      });
    }
  };

  try {
    const outcome = await new Promise<"done" | "whole">((resolve, reject) => {
      workers.forEach((worker, index) => {
        worker.on("error", reject);
        worker.on("message", (m: WorkerMessage) => {
          if (m.kind === "whole") return resolve("whole");
          if (m.kind === "failed") return reject(new InputError(m.notText ? notTextMessage(file, m.notText) : `${file}: ${m.message}`));
          if (m.kind === "end") {
            ends[index] = m;
            if (ends.filter(Boolean).length === ways) resolve("done");
            return;
          }
          merge.add(index, m);
          const { connections, errors } = merge.take();
          // concat, not a spread: the lines before the first packet may be too many for the stack
          if (!streaming && m.sawPacket) {
            streaming = true;
            writeConnections(connections, heldErrors.concat(errors));
            heldErrors = [];
          } else if (streaming) writeConnections(connections, errors);
          else for (const e of errors) heldErrors.push(e);
          if (index === 0) progress.update(() => `${file}: ${m.records} packet records read`);
        });
      });
    });
    if (outcome === "whole") return undefined;
  } finally {
    progress.stop();
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const { connections, errors } = merge.take();
  writeConnections(connections, errors);
  const capture = captureOf(file, ends);
  if (written === 0) process.stdout.write(streamedHead(file));
  process.stdout.write(streamedTail(capture.stats));
  process.stderr.write(
    formatSummary({ name: file, assembler: ends[0], reader: { counts: { ...ends[0].counts, tcpSegments: capture.stats.tcpSegments, errors: capture.stats.errors } } }),
  );
  return capture;
}

/** The capture's stats from the workers' ends: counts of the whole input from any one, shares summed. */
function captureOf(name: string, ends: EndMessage[]): Capture {
  const whole = ends[0];
  const sum = (part: (e: EndMessage) => number) => ends.reduce((n, e) => n + part(e), 0);
  const stamps = (e: EndMessage) => [e.first, e.last].filter((s) => s !== undefined);
  const byOrdinal = ends.flatMap(stamps).sort((a, b) => a.ordinal - b.ordinal);
  const stats: CaptureStats = {
    lines: whole.lines,
    records: whole.counts.records,
    tcpSegments: sum((e) => e.segments),
    nonTcp: Object.values(whole.counts.nonTcp).reduce((a, b) => a + b, 0),
    skippedLines: whole.skippedLines,
    errors: sum((e) => e.errors),
    connections: sum((e) => e.connections),
  };
  if (byOrdinal.length) {
    stats.firstTime = byOrdinal[0].time;
    stats.lastTime = byOrdinal[byOrdinal.length - 1].time;
  }
  return { name, stats, connections: [] };
}
