import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { FastLane, PacketReader, type PacketEvent, type ScannedPacket } from "../packets/index.js";
import { NotTextError, readLineChunks, RecordAssembler } from "../records/index.js";
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
export async function openSource(name: string): Promise<Readable> {
  if (name === "-") return process.stdin;
  const info = await stat(name).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`${name}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  });
  if (info.isDirectory()) throw new InputError(`${name}: is a directory, not a tcpdump text file`);
  return createReadStream(name);
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
