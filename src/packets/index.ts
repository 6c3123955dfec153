export { PacketReader, type LineError, type PacketEvent, type PacketCounts } from "./reader.js";
export { SequenceTracker } from "./sequence.js";
export { SERVICE_PORTS } from "./services.js";
export { FastLane, packetOfScanned } from "./lane.js";
export type { Packet, AbsoluteNumbers, ScannedPacket } from "./types.js";
import { recordsFromText } from "../records/index.js";
import { PacketReader, type LineError } from "./reader.js";
import type { Packet } from "./types.js";

/** Every packet and error of a whole text, in order (tests, small inputs). */
export function readText(text: string, file: string): { packets: Packet[]; errors: LineError[]; reader: PacketReader } {
  const reader = new PacketReader(file);
  const events = recordsFromText(text, file).flatMap((r) => reader.push(r)).concat(reader.end());
  const packets: Packet[] = [];
  const errors: LineError[] = [];
  for (const e of events) {
    if (e.kind === "packet") packets.push(e.packet);
    else if (e.kind === "error") errors.push(e.error);
  }
  return { packets, errors, reader };
}

/** The TCP segments of a whole text, in order. */
export function packetsFromText(text: string, file: string): Packet[] {
  return readText(text, file).packets;
}
