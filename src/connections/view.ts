import type { Packet } from "../packets/types.js";
import type { TcpFlags } from "./flags.js";

/**
 * One packet as a connection's parts read it, read once: flags, direction, payload length and
 * absolute numbers. The numbers are the packets stage's absolute ones; without them, the
 * printed ones when the packet says they are raw (`relative: false`: -S input, or segments
 * tcpdump never adjusts).
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

export function viewOf(p: Packet, flags: TcpFlags, fromClient: boolean): SegmentView {
  const raw = p.relative === false;
  const abs = p.abs;
  return {
    p,
    flags,
    fromClient,
    seq: segmentSeq(p),
    seqEnd: abs?.seqEnd ?? (raw ? p.seqEnd : undefined),
    ack: abs?.ack ?? (raw ? p.ack : undefined),
    len: p.len ?? 0,
  };
}

/** The packet's absolute sequence number, as its view would give it. */
export const segmentSeq = (p: Packet): number | undefined => p.abs?.seq ?? (p.relative === false ? p.seq : undefined);
