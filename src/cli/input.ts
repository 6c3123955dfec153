import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { PacketReader, type PacketEvent } from "../packets/index.js";
import { NotTextError, readLineBatches, RecordAssembler } from "../records/index.js";
import { InputError } from "./errors.js";

/** One input as the commands read it: its packets and errors in order, then its counts. */
export interface InputRun {
  name: string;
  assembler: RecordAssembler;
  reader: PacketReader;
  /** Whether the input is a file on disk (the spinner shows only for those). */
  isFile: boolean;
  /** Packet events in batches, as they arrive. */
  events(): AsyncGenerator<PacketEvent[]>;
}

/**
 * Opens a file name or `-` (standard input); refuses captures and binaries with one sentence.
 * `shownAs` names the input in packets, errors and summaries (a pasted text's temporary file).
 */
export async function openInput(name: string, shownAs: string = name): Promise<InputRun> {
  let stream: Readable;
  let isFile = false;
  if (name === "-") {
    stream = process.stdin;
  } else {
    const info = await stat(name).catch((e: NodeJS.ErrnoException) => {
      throw new InputError(`${name}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
    });
    if (info.isDirectory()) throw new InputError(`${name}: is a directory, not a tcpdump text file`);
    stream = createReadStream(name);
    isFile = true;
  }
  const assembler = new RecordAssembler(shownAs);
  const reader = new PacketReader(shownAs);
  return {
    name: shownAs,
    assembler,
    reader,
    isFile,
    async *events() {
      try {
        for await (const lines of readLineBatches(stream)) {
          const batch: PacketEvent[] = [];
          for (const line of lines) for (const record of assembler.push(line)) batch.push(...reader.push(record));
          if (batch.length) yield batch;
        }
      } catch (e) {
        if (e instanceof NotTextError) throw new InputError(notTextMessage(name, e.kind));
        throw new InputError(`${name}: ${(e as Error).message}`);
      }
      const last: PacketEvent[] = [];
      for (const record of assembler.end()) last.push(...reader.push(record));
      last.push(...reader.end());
      if (last.length) yield last;
    },
  };
}

/** The one sentence for an input that is a capture or a binary, not tcpdump's text. */
export function notTextMessage(name: string, kind: "capture" | "binary"): string {
  const shown = name === "-" ? "standard input" : name;
  return kind === "capture"
    ? `${shown} is a pcap/pcapng capture, not tcpdump's text output: run \`tcpdump -r ${name === "-" ? "FILE" : name} | hs-report\` instead.`
    : `${shown} is a binary file, not tcpdump's text output: give hs-report what tcpdump printed (for a capture file: \`tcpdump -r FILE | hs-report\`).`;
}
