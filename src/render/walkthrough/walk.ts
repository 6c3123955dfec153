import type { Connection, SegmentRef, DataRun } from "../../connections/types.js";
import type { Match, MatchResult } from "../../matching/types.js";
import type { Style } from "../colors.js";
import { renderQuote, Quoter, type PacketPointer } from "./quotes.js";
import type { Side, WalkCapture } from "./types.js";
import { paragraphs } from "./wrap.js";

/** How many steps the walkthrough has (headings say `Step N of 6`). */
export const STEPS = 6;

export interface WalkSettings {
  style: Style;
  /** Columns to fit (80 in a standard terminal). */
  width: number;
}

/** A client connection and the backend connection matching paired with it. */
export interface Pair {
  front: Connection;
  back: Connection;
  match: Match;
}

/**
 * Everything the steps read: both captures with their text, the matching result, and the
 * helpers that turn connections into wrapped prose and quoted packet lines.
 */
export class Walk {
  private readonly quoters: Record<Side, Quoter>;
  private readonly connections = new Map<string, Connection>();

  constructor(
    readonly front: WalkCapture,
    readonly back: WalkCapture,
    readonly result: MatchResult,
    readonly settings: WalkSettings,
  ) {
    this.quoters = { front: new Quoter(front.text, front.capture.name), back: new Quoter(back.text, back.capture.name) };
    for (const c of [...front.capture.connections, ...back.capture.connections]) this.connections.set(c.id, c);
  }

  get style(): Style {
    return this.settings.style;
  }

  side(side: Side): WalkCapture {
    return side === "front" ? this.front : this.back;
  }

  /** A connection by id; ids come from the captures, so a missing one is a bug. */
  conn(id: string): Connection {
    const c = this.connections.get(id);
    if (!c) throw new Error(`no connection ${id} in the walkthrough's captures`);
    return c;
  }

  /** The pair matching made for this client connection, if any. */
  pairOf(frontId: string): Pair | undefined {
    const match = this.result.matches.find((m) => m.front === frontId);
    return match && { front: this.conn(match.front), back: this.conn(match.back), match };
  }

  /** `Step 2 of 6: title`, underlined. */
  heading(step: number, title: string): string {
    const text = `Step ${step} of ${STEPS}: ${title}`;
    return `\n${this.style.bold(text)}\n${"=".repeat(Math.min(text.length, this.settings.width))}\n`;
  }

  /** Paragraphs wrapped to the terminal, each after `indent`. */
  prose(texts: string[], indent = ""): string {
    return paragraphs(texts, this.settings.width, indent);
  }

  /** A captioned quote of one printed packet of `side` (a packet the capture lacks is said to be missing). */
  quote(side: Side, caption: string, pointer: PacketPointer | undefined): string {
    const found = pointer && this.quoters[side].find(pointer);
    return renderQuote(caption, found, this.style, this.settings.width);
  }
}

/** Where a segment of `conn` was printed. */
export function segmentPointer(conn: Connection, s: SegmentRef): PacketPointer {
  return { line: s.line, time: s.time, flags: s.flags, port: conn.client.port };
}

/** Where the client's SYN of `conn` was printed. */
export function synPointer(conn: Connection): PacketPointer | undefined {
  const syn = conn.handshake.client;
  return syn.line === undefined ? undefined : { line: syn.line, time: syn.time, flags: "S", port: conn.client.port };
}

/** Where a request or response run of `conn` starts. */
export function runPointer(conn: Connection, run: DataRun | undefined): PacketPointer | undefined {
  return run && { line: run.line, time: run.time, port: conn.client.port };
}
