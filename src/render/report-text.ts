import type { Capture, Connection } from "../connections/types.js";
import type { MatchResult } from "../matching/types.js";
import type { Style } from "./colors.js";
import { renderLadder } from "./ladder.js";
import { renderMatching } from "./matching-text.js";
import { captureHeader, connectionTable, rttText } from "./summary.js";

/** How many handshakes get a ladder diagram when neither --all nor --conn says otherwise. */
const DEFAULT_LADDERS = 3;

export interface TextReportOptions {
  style: Style;
  /** Ladders for every connection. */
  all: boolean;
  /** Ladders for these connection ids (or `N` for the Nth of a single capture). */
  conns: string[];
}

function wanted(c: Connection, conns: string[]): boolean {
  return conns.some((id) => id === c.id || c.id.endsWith(`:${id}`));
}

function laddersFor(capture: Capture, opts: TextReportOptions): string {
  const chosen = opts.conns.length
    ? capture.connections.filter((c) => wanted(c, opts.conns))
    : opts.all
      ? capture.connections
      : capture.connections.filter((c) => c.handshake.status !== "none").slice(0, DEFAULT_LADDERS);
  let out = "";
  for (const c of chosen) {
    const rtt = rttText(c);
    out += `\n${opts.style.bold(`${c.id}`)}: handshake ${c.handshake.status}${rtt ? `, ${rtt} ms` : ""}, state ${c.state} (${c.history})\n`;
    out += renderLadder(c, opts.style);
  }
  const hidden = capture.connections.length - chosen.length;
  if (!opts.all && !opts.conns.length && hidden > 0) {
    out += opts.style.dim(`\n(${hidden} more connections: --all shows every ladder, --conn ID one of them)\n`);
  }
  return out;
}

/** The human report: per capture a header, the connection table and ladders; then matching. */
export function renderTextReport(captures: Capture[], match: MatchResult | undefined, opts: TextReportOptions): string {
  let out = "";
  for (const capture of captures) {
    out += captureHeader(capture, opts.style) + "\n";
    out += capture.connections.length ? connectionTable(capture.connections, opts.style) : "  no TCP connections\n";
    out += laddersFor(capture, opts) + "\n";
  }
  if (match && captures.length === 2) out += renderMatching(captures[0], captures[1], match, opts.style, opts.all);
  return out;
}
