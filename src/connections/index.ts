/** The connections stage: packets → connections and handshakes (docs/connections.md). */
import type { Packet } from "../packets/types.js";
import { ConnectionTracker, type TrackerOptions } from "./tracker.js";
import type { Connection } from "./types.js";

export { ConnectionTracker, type TrackerEvent, type TrackerOptions, type TrackerCounts, type ReleaseReason } from "./tracker.js";
export type * from "./types.js";
export { JsonBytes } from "./json-bytes.js";

/** All connections of one capture's packets, in order of their first packet. */
export function connectionsFromPackets(captureName: string, packets: Iterable<Packet>, opts?: TrackerOptions): Connection[] {
  const tracker = new ConnectionTracker(captureName, opts);
  for (const p of packets) tracker.push(p);
  return tracker.end();
}
