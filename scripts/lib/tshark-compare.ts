import type { Packet } from "../../src/packets/types.js";
import { compareEndpoints } from "./tshark-compare-endpoints.js";
import { compareIp } from "./tshark-compare-ip.js";
import { compareLink } from "./tshark-compare-link.js";
import { compareNumbers } from "./tshark-compare-numbers.js";
import { compareOptions } from "./tshark-compare-options.js";
import { compareTcpHeader } from "./tshark-compare-tcp.js";
import { compareTime } from "./tshark-compare-time.js";
import { Findings, type CompareContext, type Mismatch } from "./tshark-findings.js";
import type { TsharkSegment } from "./tshark-types.js";

/** Every field of one hs-report packet that disagrees with tshark's view of the same frame. */
export function comparePacket(packet: Packet, segment: TsharkSegment, context: CompareContext): Mismatch[] {
  const found = new Findings();
  compareTime(found, packet, segment, context);
  compareLink(found, packet, segment);
  compareEndpoints(found, packet, segment);
  compareIp(found, packet, segment);
  compareTcpHeader(found, packet, segment, context);
  compareNumbers(found, packet, segment, context);
  compareOptions(found, packet, segment);
  return found.list;
}

/** Whether hs-report printed seq or ack numbers it could not turn into absolute ones. */
export function lacksAbsolute(packet: Packet): boolean {
  return (packet.seq !== undefined && packet.abs?.seq === undefined) || (packet.ack !== undefined && packet.abs?.ack === undefined);
}
