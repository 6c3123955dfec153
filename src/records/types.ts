/**
 * A record is one packet's text: its first line plus joined continuation lines (the TCP line
 * of a verbose IPv4 header), or one packet cut out of a pasted line that holds many.
 */

/** Where a piece of the record's text came from, so errors can point at file:line:column. */
export interface RecordPart {
  /** 1-based physical line number in the input. */
  line: number;
  /** 0-based column in that physical line where this piece starts. */
  column: number;
  /** Offset of this piece inside `Record.text`. */
  offset: number;
  /** Length of this piece in `Record.text`. */
  length: number;
}

export type RecordKind = "tcp" | "other";

export interface PacketRecord {
  /** Input name as given on the command line (`-` for stdin). */
  file: string;
  /** 1-based line where the record starts. */
  line: number;
  /** The record's text, pieces joined by one space, line ends and stray CRs removed. */
  text: string;
  parts: RecordPart[];
  /** `tcp` when the text carries a TCP part (`: Flags [`, quiet `: tcp N`, `: [|tcp]`). */
  kind: RecordKind;
  /** For `other` records: a short protocol label for the summary (`udp`, `arp`, `icmp`, ...). */
  protocol?: string;
}

/** Lines the assembler recognised and skipped, counted by reason for the summary. */
export interface SkipCounts {
  banner: number;
  continuation: number;
  blank: number;
  noise: number;
}
