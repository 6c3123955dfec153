/**
 * The main thread's records on their way to one worker (protocol.ts): a batch packed as one
 * string and one array of numbers, which cross threads as two copies instead of thousands of
 * small objects.
 *
 * A worker parses only the TCP records it owns; of the others it needs the time (every
 * packet moves the clocks that expire connections) and the place (the ordinal). So once a
 * worker has settled (its first packet and -S are decided, protocol.ts), the main thread
 * sends it only the start of another worker's record: STAMP_PREFIX characters hold the
 * longest stamp tcpdump prints and the space after it (a -# number right-aligned in 5 or
 * more columns, two spaces, a -ttt sign column, a -tttt date with nanoseconds: under 50).
 * Records of other protocols travel the same way: a worker only counts them and reads a
 * -ttt delta from their stamp. The default stamp (`hh:mm:ss.ffffff ` first in the line) is cut
 * after its space: the 16 characters readRecordTime reads of it (64 are 40% of a typical
 * `-nn` line, copied once for every worker that does not own it).
 */
import type { PacketRecord, RecordPart } from "../../records/types.js";

const STAMP_PREFIX = 64;

/** The start of a record's text that holds its stamp (and the space after it). */
export function stampOf(text: string): string {
  if (text.charCodeAt(2) === 58 && text.charCodeAt(5) === 58 && text.charCodeAt(8) === 46) {
    const space = text.indexOf(" ", 9);
    if (space > 0 && space < STAMP_PREFIX) return text.slice(0, space + 1);
  }
  return text.slice(0, STAMP_PREFIX);
}

/** What a packed record is, for the worker. */
const Packed = {
  /** A TCP record in full: its text and the parts errors point into. */
  Tcp: 0,
  /** Another worker's TCP record: the start of its text only. */
  TcpStamp: 1,
  /** A record of another protocol: the start of its text and its protocol label (if any). */
  Other: 2,
} as const;

/** Owner of a TCP record that the text does not tell: every worker parses it (partition.ts). */
export const BY_PARSE = -1;

/** Numbers before a record's parts: what, line, owner, text length, label length (-1: none), parts. */
const HEAD = 6;
const PART = 4;

export interface RecordPack {
  texts: string;
  numbers: Int32Array;
}

/** Packs records for one worker, in input order. */
export class RecordPacker {
  private texts: string[] = [];
  private numbers: number[] = [];

  /** A TCP record with its owner (a worker's index, or BY_PARSE); `full` sends its whole text. */
  tcp(record: PacketRecord, owner: number, full: boolean): void {
    if (full) this.add(Packed.Tcp, record, owner, record.text, undefined, record.parts);
    else this.add(Packed.TcpStamp, record, owner, stampOf(record.text), undefined, []);
  }

  other(record: PacketRecord): void {
    this.add(Packed.Other, record, BY_PARSE, stampOf(record.text), record.protocol, []);
  }

  get empty(): boolean {
    return this.numbers.length === 0;
  }

  take(): RecordPack {
    const pack = { texts: this.texts.join(""), numbers: Int32Array.from(this.numbers) };
    this.texts = [];
    this.numbers = [];
    return pack;
  }

  private add(what: number, record: PacketRecord, owner: number, text: string, label: string | undefined, parts: RecordPart[]): void {
    this.numbers.push(what, record.line, owner, text.length, label === undefined ? -1 : label.length, parts.length);
    for (const p of parts) this.numbers.push(p.line, p.column, p.offset, p.length);
    this.texts.push(text, label ?? "");
  }
}

/** The records of a pack, in order, each with its owner and whether it came in full. */
export function* unpackRecords(pack: RecordPack, file: string): Generator<{ record: PacketRecord; owner: number; full: boolean }> {
  const { texts, numbers } = pack;
  let at = 0;
  for (let i = 0; i < numbers.length; ) {
    const what = numbers[i];
    const textEnd = at + numbers[i + 3];
    const labelLength = numbers[i + 4];
    const labelEnd = textEnd + Math.max(labelLength, 0);
    const parts: RecordPart[] = [];
    const partsEnd = i + HEAD + PART * numbers[i + 5];
    for (let j = i + HEAD; j < partsEnd; j += PART) parts.push({ line: numbers[j], column: numbers[j + 1], offset: numbers[j + 2], length: numbers[j + 3] });
    const record: PacketRecord = { file, line: numbers[i + 1], text: texts.slice(at, textEnd), parts, kind: what === Packed.Other ? "other" : "tcp" };
    if (labelLength >= 0) record.protocol = texts.slice(textEnd, labelEnd);
    yield { record, owner: numbers[i + 2], full: what === Packed.Tcp };
    at = labelEnd;
    i = partsEnd;
  }
}
