export { RecordAssembler, type Piece } from "./assembler.js";
export { classify } from "./classify.js";
export { isBlankLine } from "./bytes.js";
export { isPlainContinuation } from "./continuation.js";
export { locate, type Location } from "./locate.js";
export { chunkBuffer, readLineBatches, readLineChunks, LineChunk, NotTextError } from "./read.js";
export { sniffInput } from "./binary.js";
export type { PacketRecord, RecordPart, RecordKind, SkipCounts } from "./types.js";
import { RecordAssembler } from "./assembler.js";
import type { PacketRecord } from "./types.js";

/** All records of a whole text (tests, small inputs); the CLI streams with RecordAssembler. */
export function recordsFromText(text: string, file: string): PacketRecord[] {
  const assembler = new RecordAssembler(file);
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const records = lines.flatMap((line) => assembler.push(line));
  return records.concat(assembler.end());
}
