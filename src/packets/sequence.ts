import type { ParsedSegment } from "../grammar/types.js";
import type { AbsoluteNumbers } from "./types.js";

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
/** Entries kept at most; the oldest go first (tcpdump keeps them all, we bound memory). */
const MAX_ENTRIES = 500_000;

export interface SequenceResult {
  relative: boolean;
  abs?: AbsoluteNumbers;
}

const wrap = (n: number) => ((n % MOD) + MOD) % MOD;
/** Circular distance between two sequence numbers. */
const distance = (a: number, b: number) => {
  const d = wrap(a - b);
  return Math.min(d, MOD - d);
};

/** A port as keys use it: its number, or its name when tcpdump printed one and no number is known. */
export type KeyPort = number | string | undefined;

const portRank = (port: KeyPort): number => (port === undefined ? 0 : typeof port === "number" ? 1 : 2);

/**
 * Whether endpoint a sorts before endpoint b: by host text, then by port (numbers before
 * names). Any fixed order serves; it makes pairKey() the same string for both directions.
 */
export function endpointBefore(hostA: string, portA: KeyPort, hostB: string, portB: KeyPort): boolean {
  if (hostA !== hostB) return hostA < hostB;
  const rankA = portRank(portA);
  const rankB = portRank(portB);
  return rankA !== rankB ? rankA < rankB : portA! < portB!;
}

/**
 * The direction-free key of an address+port pair, first endpoint first (endpointBefore()):
 * built in one go, as each packet needs one (the connections stage keys its table this way too).
 */
export const pairKey = (family: number | undefined, hostA: string, portA: KeyPort, hostB: string, portB: KeyPort): string =>
  [family ?? 0, hostA, portA, hostB, portB].join("|");

export class SequenceTracker {
  /** Entry slots by pair key, oldest entry first (Map order is insertion order). */
  private readonly slots = new Map<string, number>();
  /**
   * Two origins per slot: the first endpoint's and the second's (pairKey() order), NaN where
   * the creating segment did not print that number. The table keeps an entry for every
   * connection of the input, so each is two numbers off the JS heap, not an object.
   */
  private origins = new Float64Array(2 * 1024);
  private readonly freeSlots: number[] = [];
  /** undefined until decided: true when the input prints raw numbers everywhere (-S). */
  private absoluteInput?: boolean;

  resolve(seg: ParsedSegment): SequenceResult | Record<string, never> {
    // No number printed (a bad header length, quiet mode): nothing is relative or absolute.
    if (seg.seq === undefined && seg.ack === undefined) return {};
    const flags = seg.flags ?? "";
    if (!flags.includes(".") || seg.sport === undefined && seg.sportName === undefined) return this.raw(seg);
    const fromHost = seg.src ?? "";
    const fromPort = seg.sport ?? seg.sportName;
    const toHost = seg.dst ?? "";
    const toPort = seg.dport ?? seg.dportName;
    const fromFirst = endpointBefore(fromHost, fromPort, toHost, toPort);
    const key = fromFirst ? pairKey(seg.family, fromHost, fromPort, toHost, toPort) : pairKey(seg.family, toHost, toPort, fromHost, fromPort);
    const slot = this.slots.get(key);
    if (slot === undefined || flags.includes("S")) {
      const senderOrigin = seg.seq ?? NaN;
      const receiverOrigin = seg.ack === undefined ? NaN : wrap(seg.ack - 1);
      // A segment from an endpoint to itself: one endpoint, given the receiver's origin.
      if (fromHost === toHost && fromPort === toPort) this.remember(key, receiverOrigin, receiverOrigin);
      else if (fromFirst) this.remember(key, senderOrigin, receiverOrigin);
      else this.remember(key, receiverOrigin, senderOrigin);
      return this.raw(seg);
    }
    const senderOrigin = this.origin(slot, fromFirst);
    const receiverOrigin = this.origin(slot, !fromFirst);
    const absolute = this.absoluteInput ?? this.decideMode(seg, senderOrigin, receiverOrigin);
    if (absolute) return this.raw(seg);
    const abs: AbsoluteNumbers = {};
    let any = false;
    if (seg.seq !== undefined && senderOrigin !== undefined) {
      abs.seq = wrap(seg.seq + senderOrigin);
      if (seg.seqEnd !== undefined) abs.seqEnd = wrap(seg.seqEnd + senderOrigin);
      any = true;
    }
    if (seg.ack !== undefined && receiverOrigin !== undefined) {
      abs.ack = wrap(seg.ack + receiverOrigin);
      any = true;
    }
    return any ? { relative: true, abs } : { relative: true };
  }

  private raw(seg: ParsedSegment): SequenceResult {
    if (seg.seq === undefined && seg.seqEnd === undefined && seg.ack === undefined) return { relative: false };
    const abs: AbsoluteNumbers = {};
    if (seg.seq !== undefined) abs.seq = seg.seq;
    if (seg.seqEnd !== undefined) abs.seqEnd = seg.seqEnd;
    if (seg.ack !== undefined) abs.ack = seg.ack;
    return { relative: false, abs };
  }

  /** The first (or second) endpoint's origin in a slot. */
  private origin(slot: number, first: boolean): number | undefined {
    const origin = this.origins[2 * slot + (first ? 0 : 1)];
    return Number.isNaN(origin) ? undefined : origin;
  }

  /**
   * Settles -S or not from the first segment whose numbers read clearly one way; until then
   * each segment takes the nearer reading. Returns whether this segment is raw.
   */
  private decideMode(seg: ParsedSegment, senderOrigin?: number, receiverOrigin?: number): boolean {
    const readings: [number | undefined, number | undefined][] = [
      [seg.seq, senderOrigin],
      [seg.ack, receiverOrigin],
    ];
    let rawCloser = 0;
    for (const [printed, origin] of readings) {
      if (printed === undefined || origin === undefined) continue;
      const asRaw = distance(printed, origin);
      const asRelative = distance(printed, 0);
      if (asRaw < NEAR && asRelative > FAR) this.absoluteInput = true;
      else if (asRelative < NEAR && asRaw > FAR) this.absoluteInput = false;
      if (this.absoluteInput !== undefined) return this.absoluteInput;
      rawCloser += Math.sign(asRelative - asRaw);
    }
    return rawCloser > 0;
  }

  /** (Re)creates the entry of `key` as the newest; past MAX_ENTRIES the oldest goes. */
  private remember(key: string, first: number, second: number): void {
    let slot = this.slots.get(key);
    if (slot !== undefined) this.slots.delete(key);
    else slot = this.freeSlots.pop() ?? this.slots.size;
    this.slots.set(key, slot);
    if (2 * slot + 2 > this.origins.length) {
      const grown = new Float64Array(2 * this.origins.length);
      grown.set(this.origins);
      this.origins = grown;
    }
    this.origins[2 * slot] = first;
    this.origins[2 * slot + 1] = second;
    if (this.slots.size > MAX_ENTRIES) {
      const [oldest, oldestSlot] = this.slots.entries().next().value!;
      this.slots.delete(oldest);
      this.freeSlots.push(oldestSlot);
    }
  }
}
