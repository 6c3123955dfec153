/** TCP flag bits read from tcpdump's `Flags [...]` text (FORMAT.md 6.4: `.` is ACK). */
export interface TcpFlags {
  syn: boolean;
  ack: boolean;
  fin: boolean;
  rst: boolean;
  /** false in quiet mode (`tcp N`), where tcpdump prints no flags at all. */
  known: boolean;
}

export function readFlags(text: string | undefined): TcpFlags {
  if (text === undefined) return { syn: false, ack: false, fin: false, rst: false, known: false };
  // `none` holds none of the letters below, so it reads as no flag set.
  return {
    syn: text.includes("S"),
    ack: text.includes("."),
    fin: text.includes("F"),
    rst: text.includes("R"),
    known: true,
  };
}

/** A SYN without ACK: an opening attempt (or one side of a simultaneous open). */
export const isPureSyn = (f: TcpFlags): boolean => f.syn && !f.ack && !f.rst && !f.fin;

/** A SYN with ACK: the answer to a SYN. */
export const isSynAck = (f: TcpFlags): boolean => f.syn && f.ack && !f.rst;
