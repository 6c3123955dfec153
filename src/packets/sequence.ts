import type { ParsedSegment } from "../grammar/types.js";
import type { AbsoluteNumbers } from "./types.js";
import { FNV_OFFSET, FNV_PRIME, textHash } from "./text-hash.js";

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
/** Distinct host texts shared between entries at most (the rest are kept one per entry). */
const MAX_SHARED_HOSTS = 4096;

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

function endpointHash(host: string, port: KeyPort): number {
  const h = textHash(FNV_OFFSET, host);
  if (typeof port === "string") return textHash(Math.imul(h ^ 0x7c, FNV_PRIME), port);
  return Math.imul(h ^ (port ?? -1), FNV_PRIME);
}

/**
 * A hash of an address+port pair, the same whichever endpoint comes first (their hashes are
 * added), computed from the packet's fields without building a key string: a joined key and
 * its hashing were most of a lookup's cost, and both this table and the connection tracker's
 * look one up per packet. Kept within V8's small integers.
 */
export const pairHash = (family: number | undefined, hostA: string, portA: KeyPort, hostB: string, portB: KeyPort): number =>
  (endpointHash(hostA, portA) + endpointHash(hostB, portB) + (family ?? 0)) & 0x3fffffff;

/** A copy of a host text that keeps no slice of the input alive (the table keeps it for the input's life). */
const copied = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

const NONE = -1;
/** Values per slot in OriginTable.ends. */
const ENDS = 5;

/**
 * tcpdump's table of origins: per address+port pair, the origin of each endpoint. Entries sit in
 * slots of typed arrays (two origins, hash-chain and age-order links), with the pair's endpoints
 * beside them to tell pairs that share a hash apart; a hash finds the first slot of its chain.
 * The table keeps an entry for every connection of the input, hence numbers rather than objects.
 */
class OriginTable {
  private readonly chains = new Map<number, number>();
  /** Per slot, ENDS values: address family, then the two endpoints (host, port, host, port) in the order their origins are kept. */
  private readonly ends: (string | KeyPort)[] = [];
  private origins = new Float64Array(2 * 1024);
  private hashes: Int32Array = new Int32Array(1024);
  private nextInChain: Int32Array = new Int32Array(1024);
  /** Age order, for dropping the oldest entry past MAX_ENTRIES (tcpdump keeps them all). */
  private older: Int32Array = new Int32Array(1024);
  private newer: Int32Array = new Int32Array(1024);
  private oldest = NONE;
  private newest = NONE;
  private readonly freeSlots: number[] = [];
  private used = 0;
  private count = 0;
  /** Host texts kept, shared by the entries (a server's address is in all of its connections'). */
  private readonly hosts = new Map<string, string>();

  /** The slot of the pair, or NONE. */
  find(hash: number, family: number, hostA: string, portA: KeyPort, hostB: string, portB: KeyPort): number {
    for (let slot = this.chains.get(hash) ?? NONE; slot !== NONE; slot = this.nextInChain[slot]) {
      if (this.ends[ENDS * slot] !== family) continue;
      if (this.holds(slot, hostA, portA, hostB, portB) || this.holds(slot, hostB, portB, hostA, portA)) return slot;
    }
    return NONE;
  }

  /** Whether the slot's first endpoint is this one. */
  firstIs(slot: number, host: string, port: KeyPort): boolean {
    return this.ends[ENDS * slot + 1] === host && this.ends[ENDS * slot + 2] === port;
  }

  /** The first (or second) endpoint's origin in a slot. */
  origin(slot: number, first: boolean): number | undefined {
    const origin = this.origins[2 * slot + (first ? 0 : 1)];
    return Number.isNaN(origin) ? undefined : origin;
  }

  /** (Re)creates the pair's entry as the newest, with the first endpoint's origin and the second's (NaN: not printed). */
  set(hash: number, slot: number, family: number, hostA: string, portA: KeyPort, hostB: string, portB: KeyPort, originA: number, originB: number): void {
    if (slot === NONE) slot = this.add(hash);
    else this.unlinkAge(slot);
    this.linkAge(slot);
    const at = ENDS * slot;
    this.ends[at] = family;
    this.ends[at + 1] = this.host(hostA);
    this.ends[at + 2] = typeof portA === "string" ? copied(portA) : portA;
    this.ends[at + 3] = this.host(hostB);
    this.ends[at + 4] = typeof portB === "string" ? copied(portB) : portB;
    this.origins[2 * slot] = originA;
    this.origins[2 * slot + 1] = originB;
    if (this.count > MAX_ENTRIES) this.drop(this.oldest);
  }

  private holds(slot: number, hostA: string, portA: KeyPort, hostB: string, portB: KeyPort): boolean {
    const at = ENDS * slot;
    return this.ends[at + 1] === hostA && this.ends[at + 2] === portA && this.ends[at + 3] === hostB && this.ends[at + 4] === portB;
  }

  private host(text: string): string {
    let kept = this.hosts.get(text);
    if (kept === undefined) {
      kept = copied(text);
      if (this.hosts.size < MAX_SHARED_HOSTS) this.hosts.set(kept, kept);
    }
    return kept;
  }

  private add(hash: number): number {
    const slot = this.freeSlots.pop() ?? this.used++;
    if (slot >= this.hashes.length) this.grow();
    this.hashes[slot] = hash;
    this.nextInChain[slot] = this.chains.get(hash) ?? NONE;
    this.chains.set(hash, slot);
    this.count++;
    return slot;
  }

  private drop(slot: number): void {
    const hash = this.hashes[slot];
    const head = this.chains.get(hash)!;
    if (head === slot) {
      if (this.nextInChain[slot] === NONE) this.chains.delete(hash);
      else this.chains.set(hash, this.nextInChain[slot]);
    } else {
      let before = head;
      while (this.nextInChain[before] !== slot) before = this.nextInChain[before];
      this.nextInChain[before] = this.nextInChain[slot];
    }
    this.unlinkAge(slot);
    this.ends.fill(undefined, ENDS * slot, ENDS * slot + ENDS);
    this.freeSlots.push(slot);
    this.count--;
  }

  private linkAge(slot: number): void {
    this.older[slot] = this.newest;
    this.newer[slot] = NONE;
    if (this.newest === NONE) this.oldest = slot;
    else this.newer[this.newest] = slot;
    this.newest = slot;
  }

  private unlinkAge(slot: number): void {
    const older = this.older[slot];
    const newer = this.newer[slot];
    if (older === NONE) this.oldest = newer;
    else this.newer[older] = newer;
    if (newer === NONE) this.newest = older;
    else this.older[newer] = older;
  }

  private grow(): void {
    const size = 2 * this.hashes.length;
    const grown = (from: Int32Array): Int32Array => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.hashes = grown(this.hashes);
    this.nextInChain = grown(this.nextInChain);
    this.older = grown(this.older);
    this.newer = grown(this.newer);
    const origins = new Float64Array(2 * size);
    origins.set(this.origins);
    this.origins = origins;
  }
}

export class SequenceTracker {
  private readonly table = new OriginTable();
  /** undefined until decided: true when the input prints raw numbers everywhere (-S). */
  private absoluteInput?: boolean;

  /** Whether -S or not is settled for the input (until then it depends on every segment seen). */
  get decided(): boolean {
    return this.absoluteInput !== undefined;
  }

  resolve(seg: ParsedSegment): SequenceResult | Record<string, never> {
    // No number printed (a bad header length, quiet mode): nothing is relative or absolute.
    if (seg.seq === undefined && seg.ack === undefined) return {};
    const flags = seg.flags ?? "";
    if (!flags.includes(".") || seg.sport === undefined && seg.sportName === undefined) return this.raw(seg);
    const fromHost = seg.src ?? "";
    const fromPort = seg.sport ?? seg.sportName;
    const toHost = seg.dst ?? "";
    const toPort = seg.dport ?? seg.dportName;
    const family = seg.family ?? 0;
    const hash = pairHash(family, fromHost, fromPort, toHost, toPort);
    const slot = this.table.find(hash, family, fromHost, fromPort, toHost, toPort);
    if (slot === NONE || flags.includes("S")) {
      const senderOrigin = seg.seq ?? NaN;
      const receiverOrigin = seg.ack === undefined ? NaN : wrap(seg.ack - 1);
      // A segment from an endpoint to itself: one endpoint, given the receiver's origin.
      const self = fromHost === toHost && fromPort === toPort;
      this.table.set(hash, slot, family, fromHost, fromPort, toHost, toPort, self ? receiverOrigin : senderOrigin, receiverOrigin);
      return this.raw(seg);
    }
    const fromFirst = this.table.firstIs(slot, fromHost, fromPort);
    const senderOrigin = this.table.origin(slot, fromFirst);
    const receiverOrigin = this.table.origin(slot, !fromFirst);
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
}
