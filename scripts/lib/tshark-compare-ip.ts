import type { Packet } from "../../src/packets/types.js";
import type { Findings } from "./tshark-findings.js";
import type { TsharkIp4, TsharkIp6, TsharkSegment } from "./tshark-types.js";

/** ECN codepoint text tcpdump glues to the TOS value (FORMAT.md 5.1). */
const ECN_TEXT = [undefined, "ECT(1)", "ECT(0)", "CE"];

/** The verbose IP header (`-v`): every item tcpdump printed against tshark's header fields. */
export function compareIp(found: Findings, packet: Packet, segment: TsharkSegment): void {
  if (!packet.ip) return;
  if (segment.ip.version === 4) compareIp4(found, packet, segment.ip);
  else compareIp6(found, packet, segment.ip);
}

function compareIp4(found: Findings, packet: Packet, ip: TsharkIp4): void {
  const ours = packet.ip ?? {};
  if (ours.tos !== undefined) {
    // The TOS value includes the ECN bits; the codepoint text is printed only when non-zero.
    found.same("ip.tos", ip.tos, hex(ours.tos));
    found.same("ip.ecn", ECN_TEXT[ip.tos & 3] ?? "", ours.ecn ?? "");
  }
  found.same("ip.ttl", ip.ttl, ours.ttl);
  found.same("ip.id", ip.id, ours.id);
  found.same("ip.offset", ip.offset, ours.offset);
  found.same("ip.length", ip.length, ours.length);
  if (ours.flags !== undefined) {
    const expected = [ip.mf && "+", ip.df && "DF", ip.rsvd && "rsvd"].filter(Boolean).join(", ") || "none";
    found.same("ip.flags", expected, ours.flags);
  }
}

function compareIp6(found: Findings, packet: Packet, ip: TsharkIp6): void {
  const ours = packet.ip ?? {};
  // Traffic class and flow label are printed only when non-zero.
  if (ours.hlim !== undefined) {
    found.same("ip.class", ip.tclass, ours.class === undefined ? 0 : hex(ours.class));
    found.same("ip.flowlabel", ip.flowlabel, ours.flowlabel === undefined ? 0 : hex(ours.flowlabel));
  }
  found.same("ip.hlim", ip.hlim, ours.hlim);
  found.same("ip.plen", ip.plen, ours.plen);
}

function hex(text: string): number | string {
  return /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : text;
}
