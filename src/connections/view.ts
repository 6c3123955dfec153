import type { Packet } from "../packets/types.js";
import { readFlags, type TcpFlags } from "./flags.js";
import { segmentNumbers, type SegmentNumbers } from "./numbers.js";

/** One packet as a connection's parts read it: flags, absolute numbers and direction, read once. */
export interface SegmentView {
  p: Packet;
  flags: TcpFlags;
  nums: SegmentNumbers;
  fromClient: boolean;
}

export function viewOf(p: Packet, fromClient: boolean): SegmentView {
  return { p, flags: readFlags(p.flags), nums: segmentNumbers(p), fromClient };
}
