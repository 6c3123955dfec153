import type { Capture, Endpoint } from "../../connections/types.js";
import { endpointText } from "../../connections/endpoint.js";
import { captureOrigin } from "./origin.js";
import type { Side } from "./types.js";
import type { Walk } from "./walk.js";
import { count } from "./words.js";

const ROLE: Record<Side, string> = {
  front: "the client-facing side of the middle box",
  back: "the side where the middle box talks to the backend",
};

function portText(e: Endpoint): string {
  return e.portName ? `port ${e.port} (${e.portName})` : `port ${e.port}`;
}

/** The server ports a capture's connections went to, most used first. */
function serverPorts(capture: Capture): Endpoint[] {
  const seen = new Map<number, { endpoint: Endpoint; n: number }>();
  for (const c of capture.connections) {
    const entry = seen.get(c.server.port) ?? { endpoint: c.server, n: 0 };
    entry.n++;
    seen.set(c.server.port, entry);
  }
  return [...seen.values()].sort((a, b) => b.n - a.n).map((e) => e.endpoint);
}

function describeCapture(walk: Walk, side: Side): string {
  const { capture, text } = walk.side(side);
  const origin = captureOrigin(text);
  const conns = capture.connections;
  const lines = [`The ${side} capture, ${walk.style.bold(capture.name)}: ${ROLE[side]}.`];
  if (origin.host) lines.push(`The shell prompt in it says it was taken on ${origin.host}.`);
  lines.push(origin.command ? `The command that made it is there too: ${origin.command}` : "It does not show the tcpdump command that made it.");
  if (conns.length === 0) {
    lines.push("It holds no TCP connection.");
  } else {
    const servers = [...new Set(conns.map((c) => endpointText(c.server)))];
    const clients = [...new Set(conns.map((c) => c.client.host))];
    lines.push(
      `It holds ${count(conns.length, "TCP connection")} to ${servers.slice(0, 3).join(", ")}${servers.length > 3 ? " and others" : ""}, ` +
        `from ${clients.slice(0, 3).join(", ")}${clients.length > 3 ? ` and ${clients.length - 3} more` : ""}.`,
    );
  }
  return walk.prose(lines, "  ");
}

/**
 * Step 1: where each capture was taken, from what the paste shows (prompt, command) and
 * inferred from the data: the front's server port is the one clients asked for, the back's
 * server port the backend's.
 */
export function whereStep(walk: Walk): string {
  let out = walk.heading(1, "where each capture was taken");
  out += walk.prose([
    "A middle box (a reverse proxy, or a NAT such as LVS) sits between clients and a backend server. " +
      "To tell which kind it is, capture on both of its sides at the same time:",
  ]);
  out += "\n" + describeCapture(walk, "front") + "\n" + describeCapture(walk, "back");
  const front = serverPorts(walk.front.capture)[0];
  const back = serverPorts(walk.back.capture)[0];
  if (front && back) {
    out +=
      "\n" +
      walk.prose([
        `So the clients asked for ${portText(front)} on the middle box (${endpointText(front)}), ` +
          `and the backend serves ${portText(back)} (${endpointText(back)}).` +
          (front.port === back.port ? " The same port on both sides: only the addresses tell the sides apart." : ""),
      ]);
  }
  return out;
}
