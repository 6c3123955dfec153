/**
 * The packets a connection keeps for ladders and evidence, bounded: the handshake's segments,
 * the first data segments each way and the first FIN/RST segments each way.
 */
import { put } from "./put.js";
import type { SegmentRef } from "./types.js";
import type { SegmentView } from "./view.js";

export interface SegmentLimits {
  /** SYNs, SYN/ACKs (retransmissions included) and the segment that settled the handshake. */
  handshake: number;
  /** Payload-bearing segments per direction. */
  dataPerDirection: number;
  /** FIN and RST segments per direction. */
  closePerDirection: number;
}

export const DEFAULT_SEGMENT_LIMITS: SegmentLimits = { handshake: 8, dataPerDirection: 12, closePerDirection: 4 };

type Role = "handshake" | "data" | "close";

export class SegmentLog {
  private readonly refs: SegmentRef[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly limits: SegmentLimits) {}

  /** `settledHandshake`: this packet completed or refused the handshake. */
  push(v: SegmentView, settledHandshake: boolean): void {
    const role = roleOf(v, settledHandshake);
    if (!role) return;
    const key = role === "handshake" ? role : `${role}:${v.fromClient}`;
    const used = this.counts.get(key) ?? 0;
    const limit = role === "handshake" ? this.limits.handshake : role === "data" ? this.limits.dataPerDirection : this.limits.closePerDirection;
    if (used >= limit) return;
    this.counts.set(key, used + 1);
    this.refs.push(segmentRef(v));
  }

  list(): SegmentRef[] {
    return [...this.refs];
  }
}

function roleOf(v: SegmentView, settledHandshake: boolean): Role | undefined {
  if (v.flags.syn || settledHandshake) return "handshake";
  if (v.nums.len > 0 && !v.flags.rst) return "data";
  if (v.flags.fin || v.flags.rst) return "close";
  return undefined;
}

function segmentRef(v: SegmentView): SegmentRef {
  const ref = { line: v.p.line } as SegmentRef;
  put(ref, "time", v.p.time);
  put(ref, "t", v.p.t);
  ref.fromClient = v.fromClient;
  ref.flags = v.p.flags ?? "";
  put(ref, "seq", v.nums.seq);
  put(ref, "seqEnd", v.nums.seqEnd);
  put(ref, "ack", v.nums.ack);
  ref.len = v.nums.len;
  put(ref, "tsval", v.p.options?.tsval);
  return ref;
}
