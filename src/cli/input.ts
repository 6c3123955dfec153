import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { stat } from "node:fs/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import { FastLane, PacketReader, type PacketEvent, type ScannedPacket } from "../packets/index.js";
import { chunkBuffer, NotTextError, readLineChunks, RecordAssembler } from "../records/index.js";
import { InputError } from "./errors.js";

/** Where an input's packets go, in input order. */
export interface InputSink {
  /** A record's packet, error or time. */
  event(event: PacketEvent): void;
  /**
   * A line the fast lane took (packets/lane.ts). Its packet is one object filled again for every
   * such line: read it during the call only. Without this hook the lane is off and every line
   * comes as an event.
   */
  scanned?(packet: ScannedPacket): void;
  /** Called after each batch of input lines, so the caller can write what it gathered (backpressure). */
  afterBatch?(): Promise<void> | void;
}

/** One input as the commands read it: its packets and errors in order, then its counts. */
export interface InputRun {
  name: string;
  assembler: RecordAssembler;
  reader: PacketReader;
  /** Whether the input is a file on disk (the spinner shows only for those). */
  isFile: boolean;
  /** Reads the whole input into `sink`; a batch of lines at a time, as they arrive. */
  run(sink: InputSink): Promise<void>;
}

/** The bytes of a file name or `-` (standard input), refusing what is not there or is a directory. */
export async function openSource(name: string): Promise<AsyncIterable<Buffer>> {
  if (name === "-") return process.stdin;
  const info = await stat(name).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`${name}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  });
  if (info.isDirectory()) throw new InputError(`${name}: is a directory, not a tcpdump text file`);
  // a named pipe or a terminal (`hs-report <(tcpdump -l ...)`) waits for its writer: a stream
  return info.isFile() ? fileChunks(name) : createReadStream(name);
}

/** Bytes per read of a file (a stream's default). */
const FILE_CHUNK = 64 * 1024;
/** Reads of a file between turns of the event loop. */
const READS_PER_TURN = 16;

/**
 * A file's bytes, read synchronously a chunk at a time. A stream's every read goes through
 * libuv's thread pool and a turn of the event loop: on a million-packet file the main thread
 * waited for its reads 0.5 s (-nn) to 1.1 s (-vvv) of a 5 to 6 s run, and the tracking thread
 * (pipeline/) sat idle behind it. A read from the page cache takes microseconds. Every
 * READS_PER_TURN reads the loop still turns, so Ctrl-C, the spinner and the tracking thread's
 * answers are never held up for long.
 */
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const fd = openSync(path, "r");
  try {
    for (let reads = 1; ; reads++) {
      const chunk = chunkBuffer(FILE_CHUNK);
      const n = readSync(fd, chunk, 0, FILE_CHUNK, null);
      if (n === 0) return;
      yield n === FILE_CHUNK ? chunk : chunk.subarray(0, n);
      if (reads % READS_PER_TURN === 0) await nextTurn();
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a file name or `-` (standard input); refuses captures and binaries with one sentence.
 * `shownAs` names the input in packets, errors and summaries (a pasted text's temporary file).
 * `source`, when given, is read instead of opening `name`: the input's bytes again, from the
 * start, after a parallel run gave it back (json-stream.ts).
 */
export async function openInput(name: string, shownAs: string = name, source?: AsyncIterable<Buffer>): Promise<InputRun> {
  const stream = source ?? (await openSource(name));
  const isFile = name !== "-";
  const assembler = new RecordAssembler(shownAs);
  const reader = new PacketReader(shownAs);
  return {
    name: shownAs,
    assembler,
    reader,
    isFile,
    async run(sink: InputSink) {
      const lane = sink.scanned && new FastLane(assembler, reader);
      const put = (events: PacketEvent[]) => {
        for (const event of events) sink.event(event);
      };
      const chunks = readLineChunks(stream)[Symbol.asyncIterator]();
      try {
        for (;;) {
          // only the reading is the input's failure; the sink's own errors go up as they are
          const next = await chunks.next().catch((e: unknown) => {
            throw inputError(name, e);
          });
          if (next.done) break;
          const { bytes, starts, ends, count } = next.value;
          for (let k = 0; k < count; k++) {
            const packet = lane?.take(bytes, starts[k], ends[k]);
            if (packet) sink.scanned!(packet);
            else if (packet === undefined) for (const record of assembler.push(next.value.line(k))) put(reader.push(record));
          }
          await sink.afterBatch?.();
        }
      } finally {
        await chunks.return?.(undefined);
      }
      for (const record of assembler.end()) put(reader.push(record));
      put(reader.end());
      await sink.afterBatch?.();
    },
  };
}

/** What a failure to read input `name` tells the user. */
export function inputError(name: string, e: unknown): InputError {
  if (e instanceof NotTextError) return new InputError(notTextMessage(name, e.kind));
  return new InputError(`${name}: ${(e as Error).message}`);
}

/** The one sentence for an input that is a capture or a binary, not tcpdump's text. */
export function notTextMessage(name: string, kind: "capture" | "binary"): string {
  const shown = name === "-" ? "standard input" : name;
  return kind === "capture"
    ? `${shown} is a pcap/pcapng capture, not tcpdump's text output: run \`tcpdump -r ${name === "-" ? "FILE" : name} | hs-report\` instead.`
    : `${shown} is a binary file, not tcpdump's text output: give hs-report what tcpdump printed (for a capture file: \`tcpdump -r FILE | hs-report\`).`;
}
