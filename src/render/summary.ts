import type { Capture, Connection } from "../connections/types.js";
import type { Style } from "./colors.js";
import { endpointText } from "../connections/endpoint.js";
import { formatTable } from "./table.js";

/** `0.052 + 1.486` ms: SYN→SYN/ACK and SYN/ACK→ACK, as far as they are known. */
export function rttText(c: Connection): string {
  const { synToSynAck, synAckToAck } = c.handshake.rttMs;
  if (synToSynAck === undefined) return "";
  return synAckToAck === undefined ? `${synToSynAck}` : `${synToSynAck} + ${synAckToAck}`;
}

function statusText(c: Connection, style: Style): string {
  const s = c.handshake.status;
  const text = c.handshake.synAttempts > 1 ? `${s} (${c.handshake.synAttempts} SYNs)` : s;
  if (s === "complete") return style.green(text);
  if (s === "refused" || s === "unanswered") return style.red(text);
  return style.yellow(text);
}

/** The header of a capture's report: what was read, when, and what was skipped. */
export function captureHeader(capture: Capture, style: Style): string {
  const s = capture.stats;
  const span = s.firstTime !== undefined ? `, ${s.firstTime} to ${s.lastTime}` : "";
  return (
    `${style.bold(capture.name)}\n` +
    `  ${s.tcpSegments} TCP segments in ${s.records} packet records${span}\n` +
    `  ${s.connections} connections, ${s.nonTcp} non-TCP packets skipped, ${s.skippedLines} other lines skipped, ` +
    `${s.errors === 0 ? "no errors" : style.red(`${s.errors} lines not understood`)}\n`
  );
}

/** One row per connection: endpoints, Zeek state, handshake, RTT, bytes each way, how it ended. */
export function connectionTable(connections: Connection[], style: Style): string {
  const header = ["id", "client", "server", "state", "handshake", "rtt ms", "bytes c>s", "bytes s>c", "close"];
  const rows = connections.map((c) => [
    c.id,
    endpointText(c.client),
    endpointText(c.server),
    c.state,
    statusText(c, style),
    rttText(c),
    String(c.bytes.toServer),
    String(c.bytes.toClient),
    c.close,
  ]);
  return formatTable(header, rows, new Set([6, 7]));
}
