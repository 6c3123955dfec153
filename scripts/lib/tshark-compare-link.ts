import type { Packet } from "../../src/packets/types.js";
import type { Findings } from "./tshark-findings.js";
import type { TsharkSegment } from "./tshark-types.js";

/** SLL packet types → the direction tcpdump prints (FORMAT.md 4.3). */
const DIRECTIONS = ["In", "B", "M", "P", "Out"];

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/**
 * The `-e` link header (frame length, MACs when printed as MACs, VLAN ids, SLL2 ifindex) and the
 * Linux cooked direction, against the outermost link header tshark decoded.
 */
export function compareLink(found: Findings, packet: Packet, segment: TsharkSegment): void {
  const theirs = segment.link;
  if (theirs?.pkttype !== undefined) found.same("dir", DIRECTIONS[theirs.pkttype] ?? "?", packet.dir);
  const ours = packet.link;
  if (!ours) return;
  found.same("link.length", theirs?.length, ours.length);
  if (ours.src !== undefined && MAC.test(ours.src)) found.same("link.src", theirs?.src, ours.src);
  if (ours.dst !== undefined && MAC.test(ours.dst)) found.same("link.dst", theirs?.dst, ours.dst);
  found.same("link.vlan", theirs?.vlan, ours.vlan);
  found.same("link.ifindex", theirs?.ifindex, ours.ifindex);
}
