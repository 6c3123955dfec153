import type { PacketRecord } from "./types.js";

/** Where an offset inside a record's text lies in the input. */
export interface Location {
  /** 1-based physical line. */
  line: number;
  /** 0-based column in that physical line. */
  column: number;
  /** The record piece holding the offset (a whole line, or one packet of a pasted line). */
  piece: string;
  /** 0-based column inside `piece`. */
  pieceColumn: number;
}

export function locate(record: PacketRecord, offset: number): Location {
  let part = record.parts[0];
  for (const p of record.parts) if (offset >= p.offset) part = p;
  const pieceColumn = Math.min(Math.max(offset - part.offset, 0), part.length);
  return {
    line: part.line,
    column: part.column + pieceColumn,
    piece: record.text.slice(part.offset, part.offset + part.length),
    pieceColumn,
  };
}
