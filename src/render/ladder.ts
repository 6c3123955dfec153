import { endpointText } from "../connections/endpoint.js";
import type { Connection, SegmentRef } from "../connections/types.js";
import type { Style } from "./colors.js";
import { flagNames } from "./flags.js";

/** Left column: milliseconds since the connection's first printed segment. */
const TIME_WIDTH = 11;
/** Right column: the input line the segment was printed on. */
const LINE_WIDTH = 8;

/** The text on one arrow: flags, absolute seq/ack, payload length. */
export function arrowLabel(s: SegmentRef): string {
  const parts = [flagNames(s.flags)];
  if (s.seq !== undefined) parts.push(`seq ${s.seq}`);
  if (s.ack !== undefined) parts.push(`ack ${s.ack}`);
  if (s.len > 0) parts.push(`len ${s.len}`);
  return parts.join(" ");
}

/** One arrow across `width` columns, pointing right (client to server) or left. */
export function arrow(label: string, width: number, toRight: boolean): string {
  const inner = width - 2;
  const text = ` ${label.length > inner - 8 ? label.slice(0, inner - 9) + "…" : label} `;
  const left = 3;
  const right = Math.max(inner - left - text.length, 1);
  return toRight
    ? `|${"-".repeat(left)}${text}${"-".repeat(right - 1)}>|`
    : `|<${"-".repeat(left - 1)}${text}${"-".repeat(right)}|`;
}

function msSince(s: SegmentRef, origin?: number): string {
  if (s.t === undefined || origin === undefined) return "";
  return ((s.t - origin) * 1000).toFixed(3);
}

/**
 * A textbook ladder of a connection's handshake and first exchanges: the client on the left,
 * the server on the right, one arrow per printed segment, time in ms on the left and the input
 * line on the right. Fits `width` columns (80 by default) without colour.
 */
export function renderLadder(conn: Connection, style: Style, width = 80): string {
  const arrowWidth = width - TIME_WIDTH - LINE_WIDTH;
  const client = endpointText(conn.client);
  const server = endpointText(conn.server);
  const pad = " ".repeat(TIME_WIDTH);
  const gap = Math.max(arrowWidth - client.length - server.length, 1);
  const lines = [
    `${pad}${style.bold(client)}${" ".repeat(gap)}${style.bold(server)}`,
    `${"ms".padStart(TIME_WIDTH - 3)}   client${" ".repeat(Math.max(arrowWidth - 12, 1))}server`,
  ];
  const origin = conn.segments.find((s) => s.t !== undefined)?.t;
  for (const s of conn.segments) {
    const body = arrow(arrowLabel(s), arrowWidth, s.fromClient);
    const coloured = s.flags.includes("R") ? style.red(body) : s.flags.includes("S") ? style.cyan(body) : body;
    lines.push(`${msSince(s, origin).padStart(TIME_WIDTH - 3)}   ${coloured} ${style.dim(`L${s.line}`)}`);
  }
  return lines.join("\n") + "\n";
}
