/** Real captures through the real pipeline (text -> packets -> connections) for matching tests. */
import { readFileSync } from "node:fs";
import { packetsFromText } from "../../src/packets/index.js";
import { connectionsFromPackets } from "../../src/connections/index.js";
import type { Capture, Connection } from "../../src/connections/types.js";

/** A capture read from a file under the repository root, its ids prefixed with `prefix`. */
export function captureOf(file: string, prefix: string): Capture {
  const packets = packetsFromText(readFileSync(file, "utf8"), file);
  const connections = connectionsFromPackets(prefix, packets);
  const stats = { lines: 0, records: packets.length, tcpSegments: packets.length, nonTcp: 0, skippedLines: 0, errors: 0, connections: connections.length };
  return { name: file, stats, connections };
}

/** The connection with this client port (the way the seed README and haproxy's log name them). */
export function byClientPort(capture: Capture, port: number): Connection {
  const found = capture.connections.find((c) => c.client.port === port);
  if (!found) throw new Error(`${capture.name}: no connection from client port ${port}`);
  return found;
}
