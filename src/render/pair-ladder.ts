import type { Connection, SegmentRef } from "../connections/types.js";
import type { Style } from "./colors.js";
import { flagNames } from "./flags.js";
import { endpointText } from "../connections/endpoint.js";

/** Three lanes: client, middle box, backend; the time column on the left. */
const TIME_WIDTH = 10;

interface Lane {
  conn: Connection;
  /** Seconds to subtract to put this leg on the front clock. */
  shift: number;
  /** Lane indexes of the leg's client and server. */
  from: number;
  to: number;
}

function label(s: SegmentRef): string {
  const parts = [flagNames(s.flags)];
  if (s.flags.includes("S") && s.seq !== undefined) parts.push(`seq ${s.seq}`);
  if (s.len > 0) parts.push(`len ${s.len}`);
  return parts.join(" ");
}

/** An arrow between two of the three lanes, drawn on a line of `width` columns. */
function laneArrow(text: string, fromLane: number, toLane: number, lanes: number[], width: number): string {
  const row: string[] = Array.from({ length: width }, (_, i) => (lanes.includes(i) ? "|" : " "));
  const a = lanes[Math.min(fromLane, toLane)];
  const b = lanes[Math.max(fromLane, toLane)];
  for (let i = a + 1; i < b; i++) row[i] = "-";
  if (toLane > fromLane) row[b - 1] = ">";
  else row[a + 1] = "<";
  const room = b - a - 5;
  const shown = text.length > room ? text.slice(0, room - 1) + "…" : text;
  const start = a + 1 + Math.floor((b - a - 1 - shown.length) / 2);
  for (let i = 0; i < shown.length; i++) row[start + i] = shown[i];
  return row.join("").trimEnd();
}

/**
 * Both legs of a matched pair on one time axis (the back leg moved onto the front clock by
 * the estimated offset): client, middle box and backend as lanes, so a student sees one
 * handshake passing through (NAT) or two handshakes (proxy).
 */
export function renderPairLadder(front: Connection, back: Connection, offsetMs: number, style: Style, width = 80): string {
  const inner = width - TIME_WIDTH;
  const lanes = [1, Math.floor(inner / 2), inner - 2];
  const legs: Lane[] = [
    { conn: front, shift: 0, from: 0, to: 1 },
    { conn: back, shift: offsetMs / 1000, from: 1, to: 2 },
  ];
  const rows = legs
    .flatMap((leg) => leg.conn.segments.map((s) => ({ leg, s, t: s.t === undefined ? undefined : s.t - leg.shift })))
    .sort((x, y) => (x.t ?? 0) - (y.t ?? 0));
  const origin = rows.find((r) => r.t !== undefined)?.t;
  // A proxy (or full NAT) shows its own address on the back leg; a DNAT passes the client's on.
  const middle = back.client.host === front.client.host ? endpointText(front.server) : `${endpointText(front.server)} / ${back.client.host}`;
  const names = [endpointText(front.client), middle, endpointText(back.server)];
  const head = `${" ".repeat(TIME_WIDTH)}${names[0]}  ->  ${names[1]}  ->  ${names[2]}`;
  const out = [style.bold(head), `${"ms".padStart(TIME_WIDTH - 2)}  client${" ".repeat(Math.max(lanes[1] - 8, 1))}middle${" ".repeat(Math.max(lanes[2] - lanes[1] - 9, 1))}backend`];
  for (const { leg, s, t } of rows) {
    const [fromLane, toLane] = s.fromClient ? [leg.from, leg.to] : [leg.to, leg.from];
    const ms = t === undefined || origin === undefined ? "" : ((t - origin) * 1000).toFixed(3);
    const line = laneArrow(label(s), fromLane, toLane, lanes, inner);
    out.push(`${ms.padStart(TIME_WIDTH - 2)}  ${s.flags.includes("S") ? style.cyan(line) : line}`);
  }
  return out.join("\n") + "\n";
}
