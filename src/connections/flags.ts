import { detached } from "./detach.js";

/** TCP flag bits read from tcpdump's `Flags [...]` text (FORMAT.md 6.4: `.` is ACK). */
export interface TcpFlags {
  syn: boolean;
  ack: boolean;
  fin: boolean;
  rst: boolean;
  /** false in quiet mode (`tcp N`), where tcpdump prints no flags at all. */
  known: boolean;
  /** The flags text as printed, "" when none was (one shared string per distinct text). */
  text: string;
}

const UNKNOWN: TcpFlags = Object.freeze({ syn: false, ack: false, fin: false, rst: false, known: false, text: "" });

/**
 * Flags texts already read. A capture shows a handful of distinct texts (`S`, `S.`, `.`, `P.`,
 * `F.` ...), so each packet finds its flags here instead of scanning its text again; the texts
 * kept in segments are these shared strings. At most every combination of tcpdump's eight
 * flag letters, but bounded in case a text holds something else.
 */
const known = new Map<string, TcpFlags>();
const MAX_KNOWN = 1024;

/** The flags of a packet, read once per distinct text; the result is shared and frozen. */
export function readFlags(text: string | undefined): TcpFlags {
  if (text === undefined) return UNKNOWN;
  let flags = known.get(text);
  if (flags === undefined) {
    // `none` holds none of the letters below, so it reads as no flag set.
    text = detached(text);
    flags = Object.freeze({
      syn: text.includes("S"),
      ack: text.includes("."),
      fin: text.includes("F"),
      rst: text.includes("R"),
      known: true,
      text,
    });
    if (known.size < MAX_KNOWN) known.set(text, flags);
  }
  return flags;
}
