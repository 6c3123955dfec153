import type { ParsedSegment } from "../grammar/types.js";
import type { AbsoluteNumbers, AbsoluteReading } from "./types.js";
import { HostCodes, newEndpoint, NONE, OriginTable, type KeyPort } from "./origin-table.js";
import { FNV_OFFSET, FNV_PRIME, textHash } from "../grammar/text-hash.js";

export type { KeyPort } from "./origin-table.js";

/**
 * Rebuilds absolute sequence numbers from tcpdump's relative ones by replaying tcpdump's own
 * rule (FORMAT.md 6.7, print-tcp.c): one table per address family keyed by the unordered
 * address+port pair; an ACK-bearing segment that finds no entry, or that carries SYN, (re)creates
 * it with origin(sender) = its seq and origin(receiver) = its ack - 1 and is printed raw; later
 * ACK-bearing segments print seq - origin(sender) and ack - origin(receiver); segments without
 * ACK are always raw.
 *
 * Whether the input was printed with -S (all raw) is not written anywhere, so the tracker
 * decides it from the numbers: relative values sit close to 0, raw ones close to the origin.
 * The first segment where one reading is near and the other far settles it for the input.
 */

const MOD = 2 ** 32;
/** "Close to the origin": within 16 MiB of sequence space, either way. */
const NEAR = 2 ** 24;
/** "Far": 64 MiB away; a reading near one way and far the other settles the input's mode. */
const FAR = 2 ** 26;

/** What the rule reads of a segment: a ParsedSegment, or the fast lane's scan of one (same names). */
export type SequenceFields = Pick<ParsedSegment, "family" | "src" | "sport" | "sportName" | "dst" | "dport" | "dportName" | "flags" | "seq" | "seqEnd" | "ack"> & {
  /** The hosts' FNV-1a hashes (text-hash.ts), when the reader has them (the lane's scan). */
  srcHash?: number;
  dstHash?: number;
};

export interface SequenceResult {
  relative: boolean;
  abs?: AbsoluteNumbers;
}

/** resolveReused()'s answer: `abs` is NaN where a number is not known. */
export interface ReusedResult {
  relative: boolean | undefined;
  readonly abs: AbsoluteReading;
}

/** The numbers a reading holds, in a new object with just those keys (in the order seq, seqEnd, ack); undefined when it holds none. */
export function absoluteNumbers(reading: AbsoluteReading): AbsoluteNumbers | undefined {
  if (Number.isNaN(reading.seq) && Number.isNaN(reading.seqEnd) && Number.isNaN(reading.ack)) return undefined;
  const abs: AbsoluteNumbers = {};
  if (!Number.isNaN(reading.seq)) abs.seq = reading.seq;
  if (!Number.isNaN(reading.seqEnd)) abs.seqEnd = reading.seqEnd;
  if (!Number.isNaN(reading.ack)) abs.ack = reading.ack;
  return abs;
}

/** n modulo 2^32; the sums and differences of two 32-bit numbers without a division (`%` on doubles is slow). */
const wrap = (n: number) => (n >= 0 && n < MOD ? n : n >= MOD && n < 2 * MOD ? n - MOD : n < 0 && n >= -MOD ? n + MOD : ((n % MOD) + MOD) % MOD);
/** Circular distance between two sequence numbers. */
const distance = (a: number, b: number) => {
  const d = wrap(a - b);
  return Math.min(d, MOD - d);
};

const DOT = 46;
const S = 83;

/** Whether the flags text holds a letter: a loop over its few letters, cheaper than includes() on every packet. */
function hasLetter(flags: string, letter: number): boolean {
  for (let i = 0; i < flags.length; i++) if (flags.charCodeAt(i) === letter) return true;
  return false;
}

/** An endpoint's hash from its host text's (textHash from FNV_OFFSET) and its port. */
function endpointHash(hostHash: number, port: KeyPort): number {
  if (typeof port === "string") return textHash(Math.imul(hostHash ^ 0x7c, FNV_PRIME), port);
  return Math.imul(hostHash ^ (port ?? -1), FNV_PRIME);
}

/**
 * A hash of an address+port pair, the same whichever endpoint comes first (their hashes are
 * added), computed from the packet's fields without building a key string: a joined key and
 * its hashing were most of a lookup's cost, and both this table and the connection tracker's
 * look one up per packet. Kept within V8's small integers.
 */
export const pairHash = (family: number | undefined, hostA: string, portA: KeyPort, hostB: string, portB: KeyPort): number =>
  pairHashOfHosts(family, textHash(FNV_OFFSET, hostA), portA, textHash(FNV_OFFSET, hostB), portB);

/** pairHash() from the hosts' text hashes, for a reader that keeps them with its hosts (the fast lane's scan). */
export const pairHashOfHosts = (family: number | undefined, hostHashA: number, portA: KeyPort, hostHashB: number, portB: KeyPort): number =>
  (endpointHash(hostHashA, portA) + endpointHash(hostHashB, portB) + (family ?? 0)) & 0x3fffffff;

export class SequenceTracker {
  private readonly table = new OriginTable();
  /** The packet's two endpoints as the table compares them (reused: filled once per packet). */
  private readonly from = newEndpoint();
  private readonly to = newEndpoint();
  private readonly hostCodes = new HostCodes();
  /** undefined until decided: true when the input prints raw numbers everywhere (-S). */
  private absoluteInput?: boolean;
  /** resolveReused()'s answer. */
  private readonly answer: ReusedResult = { relative: undefined, abs: { seq: NaN, seqEnd: NaN, ack: NaN } };

  /** Whether -S or not is settled for the input (until then it depends on every segment seen). */
  get decided(): boolean {
    return this.absoluteInput !== undefined;
  }

  /** `pairHashOfSegment`: the segment's pairHash(), when the caller has it already. */
  resolve(seg: SequenceFields, pairHashOfSegment?: number): SequenceResult | Record<string, never> {
    const { relative, abs } = this.resolveReused(seg, pairHashOfSegment);
    if (relative === undefined) return {};
    const numbers = absoluteNumbers(abs);
    return numbers === undefined ? { relative } : { relative, abs: numbers };
  }

  /**
   * resolve() for a reader that reads the answer at once and keeps nothing of it (the fast
   * lane): one object, reused for every segment, as is its `abs` (AbsoluteReading); `relative`
   * undefined: nothing is relative or absolute. Two objects a packet fewer for the garbage
   * collector.
   */
  resolveReused(seg: SequenceFields, pairHashOfSegment?: number): ReusedResult {
    // No number printed (a bad header length, quiet mode): nothing is relative or absolute.
    if (seg.seq === undefined && seg.ack === undefined) return this.give(undefined, NaN, NaN, NaN);
    const flags = seg.flags ?? "";
    if (!hasLetter(flags, DOT) || (seg.sport === undefined && seg.sportName === undefined)) return this.raw(seg);
    const syn = hasLetter(flags, S);
    const fromHost = seg.src ?? "";
    const fromPort = seg.sport ?? seg.sportName;
    const toHost = seg.dst ?? "";
    const toPort = seg.dport ?? seg.dportName;
    const family = seg.family ?? 0;
    const hash = pairHashOfSegment ?? pairHash(family, fromHost, fromPort, toHost, toPort);
    const from = this.hostCodes.readEndpoint(this.from, fromHost, seg.srcHash, fromPort);
    const to = this.hostCodes.readEndpoint(this.to, toHost, seg.dstHash, toPort);
    const slot = this.table.find(hash, family, from, to);
    if (slot === NONE && !syn && this.lostEntry(seg)) return this.give(true, NaN, NaN, NaN);
    if (slot === NONE || syn) {
      const senderOrigin = seg.seq ?? NaN;
      const receiverOrigin = seg.ack === undefined ? NaN : wrap(seg.ack - 1);
      // A segment from an endpoint to itself: one endpoint, given the receiver's origin.
      const self = fromHost === toHost && fromPort === toPort;
      this.table.set(hash, slot, family, from, to, self ? receiverOrigin : senderOrigin, receiverOrigin);
      return this.raw(seg);
    }
    this.table.touch(slot);
    const fromFirst = this.table.firstIs(slot, from);
    const senderOrigin = this.table.origin(slot, fromFirst);
    const receiverOrigin = this.table.origin(slot, !fromFirst);
    const absolute = this.absoluteInput ?? this.decideMode(seg, senderOrigin, receiverOrigin);
    if (absolute) return this.raw(seg);
    // an origin not known is NaN, and so is any sum with it
    const seq = seg.seq === undefined ? NaN : wrap(seg.seq + senderOrigin);
    const seqEnd = seg.seqEnd === undefined || seq !== seq ? NaN : wrap(seg.seqEnd + senderOrigin);
    return this.give(true, seq, seqEnd, seg.ack === undefined ? NaN : wrap(seg.ack + receiverOrigin));
  }

  /** The reused answer. */
  private give(relative: boolean | undefined, seq: number, seqEnd: number, ack: number): ReusedResult {
    const answer = this.answer;
    answer.relative = relative;
    answer.abs.seq = seq;
    answer.abs.seqEnd = seqEnd;
    answer.abs.ack = ack;
    return answer;
  }

  /**
   * Whether a segment that finds no entry is one whose entry this table dropped (tcpdump still
   * had it, so it printed relative numbers): only after a drop, in relative input, when every
   * printed number is close to 0 (raw ones are anywhere in 2^32). Its origins are unknown.
   */
  private lostEntry(seg: SequenceFields): boolean {
    if (!this.table.dropped || this.absoluteInput !== false) return false;
    return (seg.seq === undefined || seg.seq < NEAR) && (seg.ack === undefined || seg.ack < NEAR);
  }

  private raw(seg: SequenceFields): ReusedResult {
    return this.give(false, seg.seq ?? NaN, seg.seqEnd ?? NaN, seg.ack ?? NaN);
  }

  /**
   * Settles -S or not from the first segment whose numbers read clearly one way; until then
   * each segment takes the nearer reading. Returns whether this segment is raw.
   */
  private decideMode(seg: SequenceFields, senderOrigin: number, receiverOrigin: number): boolean {
    const readings: [number | undefined, number][] = [
      [seg.seq, senderOrigin],
      [seg.ack, receiverOrigin],
    ];
    let rawCloser = 0;
    for (const [printed, origin] of readings) {
      if (printed === undefined || Number.isNaN(origin)) continue;
      const asRaw = distance(printed, origin);
      const asRelative = distance(printed, 0);
      if (asRaw < NEAR && asRelative > FAR) this.absoluteInput = true;
      else if (asRelative < NEAR && asRaw > FAR) this.absoluteInput = false;
      if (this.absoluteInput !== undefined) return this.absoluteInput;
      rawCloser += Math.sign(asRelative - asRaw);
    }
    return rawCloser > 0;
  }
}
