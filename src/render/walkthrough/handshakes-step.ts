import type { Connection, SegmentRef } from "../../connections/types.js";
import { flagNames } from "../flags.js";
import { endpointText } from "../../connections/endpoint.js";
import { renderLadder } from "../ladder.js";
import { rttText } from "../summary.js";
import type { Side } from "./types.js";
import { segmentPointer, type Walk } from "./walk.js";
import { count } from "./words.js";

/** Handshakes drawn in full per side; the others get one line each (a student's capture is small). */
const LADDERS = 3;

/** `front:1  10.0.1.72:56057 -> linux-node1.example.com:80`: a connection in one line. */
export function connectionName(c: Connection): string {
  return `${c.id}  ${endpointText(c.client)} -> ${endpointText(c.server)}`;
}

/** What a segment means in the handshake story, for the caption above its quote. */
function segmentCaption(c: Connection, s: SegmentRef): string {
  const who = s.fromClient ? "the client's" : "the server's";
  const name = flagNames(s.flags);
  if (s.flags.includes("S") && s.flags.includes(".") && s.seq !== undefined && s.ack !== undefined) {
    return `${who} ${name}: its own ISN ${s.seq}, and ack ${s.ack} = the client's ISN + 1`;
  }
  if (s.flags.includes("S") && s.seq !== undefined) return `${who} ${name}: ISN ${s.seq}`;
  if (s.len > 0) return `${who} ${name}: ${count(s.len, "byte")} of data`;
  const serverIsn = c.handshake.serverIsn;
  if (s.flags === "." && s.fromClient && serverIsn !== undefined && s.ack === (serverIsn + 1) % 2 ** 32) {
    return `${who} ACK: ack ${s.ack} = the server's ISN + 1, the handshake is complete`;
  }
  if (s.flags === "." && s.ack !== undefined) return `${who} ACK: ack ${s.ack}`;
  return `${who} ${name}`;
}

/** The handshake's status in words; `none` means the SYN was never printed. */
function statusText(c: Connection): string {
  if (c.handshake.status === "none") return "no handshake in this capture: the connection was already open when tcpdump started";
  const rtt = rttText(c);
  return `handshake ${c.handshake.status}${rtt ? ` (${rtt} ms)` : ""}`;
}

function handshakeBlock(walk: Walk, side: Side, c: Connection): string {
  let out = `\n${walk.style.bold(connectionName(c))}\n`;
  out += walk.prose([`${statusText(c)}; ${count(c.bytes.toServer, "byte")} to the server, ${c.bytes.toClient} back`], "  ");
  out += renderLadder(c, walk.style, walk.settings.width);
  for (const s of c.segments) out += walk.quote(side, segmentCaption(c, s), segmentPointer(c, s));
  return out;
}

const INTRO: Record<Side, string> = {
  front:
    "A three-way handshake opens every TCP connection: the client's SYN carries its initial sequence number (ISN), " +
    "the server's SYN,ACK carries the server's own ISN and acknowledges the client's ISN + 1, and the client's ACK completes it. " +
    "Then the client sends its request (a segment with data, length > 0) and the server answers. " +
    "After the handshake tcpdump prints seq and ack relative to the ISNs (ack 1 means ISN + 1) unless it ran with -S; the ladders show the absolute numbers. " +
    "Here is the client-facing side:",
  back:
    "Now the backend's side, read the same way. Look at who the client is here, and at the ISN in its SYN: " +
    "steps 4 and 5 compare them with the front.",
};

/**
 * Steps 2 and 3: the connections of one side as ladders, with the packet lines they are drawn
 * from: those with a handshake or data first (a connection already open when the capture began
 * has no handshake, yet may carry the request), the others in one line each.
 */
export function handshakesStep(walk: Walk, side: Side): string {
  const { capture } = walk.side(side);
  let out = walk.heading(side === "front" ? 2 : 3, `the handshakes on the ${side} side`);
  out += walk.prose([INTRO[side]]);
  const drawn = capture.connections.filter((c) => c.handshake.status !== "none" || c.bytes.toServer > 0).slice(0, LADDERS);
  for (const c of drawn) out += handshakeBlock(walk, side, c);
  const rest = capture.connections.filter((c) => !drawn.includes(c));
  if (rest.length) {
    out += `\n${walk.prose([`Also in this capture (${rest.length}):`])}`;
    for (const c of rest) out += walk.prose([`${connectionName(c)}: ${statusText(c)}, ${count(c.bytes.toServer, "byte")} to the server`], "  ");
  }
  if (capture.connections.length === 0) out += walk.prose(["No TCP connection was found in this capture."]);
  return out;
}
