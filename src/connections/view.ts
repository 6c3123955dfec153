import type { Packet } from "../packets/types.js";
import type { TcpFlags } from "./flags.js";

/**
 * One packet as a connection's parts read it, read once: flags, direction, payload length and
 * absolute numbers. The numbers are the packets stage's absolute ones; without them, the
 * printed ones when the packet says they are raw (`relative: false`: -S input, or segments
 * tcpdump never adjusts). The tracker fills one view for every packet (readView) rather than
 * make an object per packet: nothing keeps a view past the packet.
 */
export interface SegmentView {
  p: Packet;
  flags: TcpFlags;
  fromClient: boolean;
  seq?: number;
  seqEnd?: number;
  ack?: number;
  len: number;
}

/** Fills `v` with the packet's view; returns it. */
export function readView(v: SegmentView, p: Packet, flags: TcpFlags, fromClient: boolean): SegmentView {
  const raw = p.relative === false;
  const abs = p.abs;
  v.p = p;
  v.flags = flags;
  v.fromClient = fromClient;
  v.seq = segmentSeq(p);
  v.seqEnd = abs?.seqEnd ?? (raw ? p.seqEnd : undefined);
  v.ack = abs?.ack ?? (raw ? p.ack : undefined);
  v.len = p.len ?? 0;
  return v;
}

/** The packet's absolute sequence number, as its view would give it. */
export const segmentSeq = (p: Packet): number | undefined => p.abs?.seq ?? (p.relative === false ? p.seq : undefined);
