import { TextTable } from "./text-table.js";

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
  /** The text's number for flagsText(), -1 when it has none (more distinct texts than kept). */
  id: number;
}


/**
 * Flags by text: a capture shows a handful of distinct texts (`S`, `S.`, `.`, `P.`, `F.` ...),
 * so each packet finds its flags here instead of scanning its text again, and segments keep the
 * text's number. At most every combination of tcpdump's eight flag letters, but bounded in case
 * a text holds something else; 0 is the no-flags text of quiet mode.
 */
const texts = new TextTable(1024);
const byId: TcpFlags[] = [];

const UNKNOWN: TcpFlags = Object.freeze({ syn: false, ack: false, fin: false, rst: false, known: false, text: "", id: texts.add("") });

/**
 * The flags of recent texts by a slot from the text's length and end letters: a packet finds its
 * flags here with one comparison of short texts, without hashing its text for `texts`.
 */
const RECENT = 64;
const recentTexts: (string | undefined)[] = new Array<string | undefined>(RECENT).fill(undefined);
const recentFlags: TcpFlags[] = new Array<TcpFlags>(RECENT).fill(UNKNOWN);

const slotOf = (text: string): number => (text.length * 7 + text.charCodeAt(0) * 3 + text.charCodeAt(text.length - 1)) & (RECENT - 1);

/** The flags of a packet, read once per distinct text; the result is shared and frozen. */
export function readFlags(text: string | undefined): TcpFlags {
  if (text === undefined) return UNKNOWN;
  const slot = slotOf(text);
  if (recentTexts[slot] === text) return recentFlags[slot];
  const flags = flagsOf(text);
  // A text without a number is the input's own (never kept: it may pin the input, see detach.ts).
  if (flags.id >= 0) {
    recentTexts[slot] = flags.text;
    recentFlags[slot] = flags;
  }
  return flags;
}

function flagsOf(text: string): TcpFlags {
  let id = texts.find(text);
  if (id !== undefined && byId[id]) return byId[id];
  id ??= texts.add(text);
  // `none` holds none of the letters below, so it reads as no flag set.
  const flags = Object.freeze({
    syn: text.includes("S"),
    ack: text.includes("."),
    fin: text.includes("F"),
    rst: text.includes("R"),
    known: true,
    text: id < 0 ? text : texts.textOf(id),
    id,
  });
  if (id >= 0) byId[id] = flags;
  return flags;
}

/** The flags text numbered `id` by readFlags(). */
export const flagsText = (id: number): string => texts.textOf(id);

/** flagsText() as a JSON string's bytes (json-bytes.ts). */
export const flagsJson = (id: number): Uint8Array => texts.jsonOf(id);
