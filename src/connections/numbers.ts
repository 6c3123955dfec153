import type { Packet } from "../packets/types.js";

/** Absolute sequence numbers of a packet and its payload length, as the tracker uses them. */
export interface SegmentNumbers {
  seq?: number;
  seqEnd?: number;
  ack?: number;
  len: number;
}

const MOD = 2 ** 32;

/**
 * The packets stage's absolute numbers; without them, the printed ones when the packet says
 * they are raw (`relative: false`: -S input, or segments tcpdump never adjusts).
 */
export function segmentNumbers(p: Packet): SegmentNumbers {
  const raw = p.relative === false;
  const out: SegmentNumbers = { len: p.len ?? 0 };
  const seq = p.abs?.seq ?? (raw ? p.seq : undefined);
  const seqEnd = p.abs?.seqEnd ?? (raw ? p.seqEnd : undefined);
  const ack = p.abs?.ack ?? (raw ? p.ack : undefined);
  if (seq !== undefined) out.seq = seq;
  if (seqEnd !== undefined) out.seqEnd = seqEnd;
  if (ack !== undefined) out.ack = ack;
  return out;
}

/** `a - b` in 32-bit sequence space, as a signed difference (RFC 1982 style). */
export function seqDelta(a: number, b: number): number {
  const d = (((a - b) % MOD) + MOD) % MOD;
  return d >= MOD / 2 ? d - MOD : d;
}

/** `n + k` in 32-bit sequence space. */
export const seqAdd = (n: number, k: number): number => (((n + k) % MOD) + MOD) % MOD;
