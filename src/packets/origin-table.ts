/**
 * tcpdump's table of sequence-number origins (print-tcp.c's tcp_seq_hash), one entry per
 * address+port pair: the origin of each endpoint. tcpdump keeps every entry for the life of the
 * capture; this table keeps the MAX_ENTRIES most recently used ones, so its memory is bounded
 * whatever the input's length (docs/packets.md).
 *
 * An entry is numbers in typed arrays indexed by slot, not an object: the table holds one for
 * every recent connection, and objects, Map entries and copied host texts cost about 150 bytes
 * an entry where these cost 43. IPv4 hosts (nearly all) are kept as their 32-bit value, ports
 * in 16 bits, origins in 32 (every use of an origin is modulo 2^32), what a number cannot say
 * (a host or port kept as text, no port, no origin) in a byte of marks per endpoint; other
 * hosts (IPv6, names) and named ports are kept as text beside the numbers.
 */
import { detached } from "../records/detach.js";

/** A port as keys use it: its number, or its name when tcpdump printed one and no number is known. */
export type KeyPort = number | string | undefined;

/** Entries kept at most: the least recently used go first (tcpdump keeps them all). */
export const MAX_ENTRIES = 200_000;
/** Distinct non-IPv4 host texts shared between entries at most (the rest are kept one per entry). */
const MAX_SHARED_HOSTS = 4096;

export const NONE = -1;
/** Host codes: an IPv4 address is its value (0 to 2^32-1); any other host is this, with its text kept apart. */
const HOST_TEXT = -1;
/** Port codes: a number is itself; no port, or a name kept apart. */
const PORT_NONE = -1;
const PORT_NAME = -2;

/** An endpoint's marks in the table (its numbers hold only values). */
const MARK_HOST_TEXT = 1;
const MARK_PORT_NONE = 2;
const MARK_PORT_NAME = 4;
const MARK_NO_ORIGIN = 8;

/** An endpoint as the table compares it: its codes, its marks, and its texts when the codes do not say all. */
export interface Endpoint {
  host: string;
  hostCode: number;
  port: KeyPort;
  portCode: number;
  /** What its codes say beyond numbers (MARK_ values but MARK_NO_ORIGIN), as the table keeps it. */
  marks: number;
}

/** Fills `into` with the codes of host `host` and port `port` (no allocation: runs twice per packet). */
export function readEndpoint(into: Endpoint, host: string, port: KeyPort): Endpoint {
  into.host = host;
  into.hostCode = ipv4Value(host);
  into.port = port;
  into.portCode = typeof port === "number" ? port : port === undefined ? PORT_NONE : PORT_NAME;
  into.marks = endpointMarks(into.hostCode, into.portCode);
  return into;
}

export const newEndpoint = (): Endpoint => ({ host: "", hostCode: HOST_TEXT, port: undefined, portCode: PORT_NONE, marks: MARK_HOST_TEXT | MARK_PORT_NONE });

/**
 * What an endpoint's codes say beyond numbers: a host or port kept as text, or no port. A port
 * number beyond 16 bits (tcpdump prints none) is kept as a name is, so none is cut short.
 */
function endpointMarks(hostCode: number, portCode: number): number {
  const host = hostCode === HOST_TEXT ? MARK_HOST_TEXT : 0;
  if (portCode === PORT_NONE) return host | MARK_PORT_NONE;
  return portCode === PORT_NAME || portCode > 0xffff ? host | MARK_PORT_NAME : host;
}

/**
 * The value of a dotted-quad IPv4 address as tcpdump prints one (four decimal octets up to 255,
 * no leading zeros: so no other text has the same value), or HOST_TEXT.
 */
function ipv4Value(text: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return HOST_TEXT;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return HOST_TEXT;
    } else if (c === 46 && digits > 0 && dots < 3) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return HOST_TEXT;
    }
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : HOST_TEXT;
}

/** Slots ever needed: one more than MAX_ENTRIES, the newest entry's, until the oldest is dropped. */
const MAX_SLOTS = MAX_ENTRIES + 1;

export class OriginTable {
  /** First slot of each hash bucket's chain (bucket = hash & mask). */
  private heads = new Int32Array(1024).fill(NONE);
  private mask = 1023;
  private hashes = new Int32Array(1024);
  private nextInChain = new Int32Array(1024);
  private families = new Uint8Array(1024);
  /** Per endpoint (2 × slot + 0 or 1, in the order their origins are kept): marks, host, port, origin. */
  private marks = new Uint8Array(2 * 1024);
  private hosts = new Uint32Array(2 * 1024);
  private ports = new Uint16Array(2 * 1024);
  /** Texts of the endpoints marked MARK_HOST_TEXT or MARK_PORT_NAME, by 2 × slot + endpoint. */
  private readonly hostTexts = new Map<number, string>();
  private readonly portNames = new Map<number, string | number>();
  private origins = new Uint32Array(2 * 1024);
  /** Use order, for dropping the least recently used entry past MAX_ENTRIES. */
  private older = new Int32Array(1024);
  private newer = new Int32Array(1024);
  private oldest = NONE;
  private newest = NONE;
  private readonly freeSlots: number[] = [];
  private used = 0;
  private count = 0;
  private drops = 0;
  /** Non-IPv4 host texts kept, shared by the entries (a server's address is in all of its connections'). */
  private readonly sharedHosts = new Map<string, string>();

  /** The slot of the pair (either way round), or NONE. */
  find(hash: number, family: number, a: Endpoint, b: Endpoint): number {
    for (let slot = this.heads[hash & this.mask]; slot !== NONE; slot = this.nextInChain[slot]) {
      if (this.hashes[slot] !== hash || this.families[slot] !== family) continue;
      if ((this.holds(slot, 0, a) && this.holds(slot, 1, b)) || (this.holds(slot, 0, b) && this.holds(slot, 1, a))) return slot;
    }
    return NONE;
  }

  /** Whether the slot's first endpoint is this one. */
  firstIs(slot: number, e: Endpoint): boolean {
    return this.holds(slot, 0, e);
  }

  /** The first (or second) endpoint's origin in a slot. */
  origin(slot: number, first: boolean): number | undefined {
    const at = 2 * slot + (first ? 0 : 1);
    return this.marks[at] & MARK_NO_ORIGIN ? undefined : this.origins[at];
  }

  /** Marks the slot as just used: the last to be dropped. */
  touch(slot: number): void {
    if (slot === this.newest) return;
    this.unlinkAge(slot);
    this.linkAge(slot);
  }

  /** (Re)creates the pair's entry as the newest, with the first endpoint's origin and the second's (NaN: not printed). */
  set(hash: number, slot: number, family: number, a: Endpoint, b: Endpoint, originA: number, originB: number): void {
    if (slot === NONE) slot = this.add(hash);
    else this.unlinkAge(slot);
    this.linkAge(slot);
    this.families[slot] = family;
    this.store(2 * slot, a, originA);
    this.store(2 * slot + 1, b, originB);
    if (this.count > MAX_ENTRIES) {
      this.drop(this.oldest);
      this.drops++;
    }
  }

  /** Entries dropped past MAX_ENTRIES so far. */
  get dropped(): number {
    return this.drops;
  }

  /** Entries held (at most MAX_ENTRIES). */
  get size(): number {
    return this.count;
  }

  private holds(slot: number, side: number, e: Endpoint): boolean {
    const at = 2 * slot + side;
    const marks = this.marks[at];
    if ((marks & ~MARK_NO_ORIGIN) !== e.marks) return false;
    if (marks & MARK_HOST_TEXT ? this.hostTexts.get(at) !== e.host : this.hosts[at] !== e.hostCode) return false;
    if (marks & MARK_PORT_NAME) return this.portNames.get(at) === e.port;
    return marks & MARK_PORT_NONE ? true : this.ports[at] === e.portCode;
  }

  /**
   * Keeps endpoint `e` and its origin (NaN: none) at `at`. The typed arrays keep numbers modulo
   * 2^32 (2^16 for ports); a code its marks say is text, or no port, is stored but never read.
   */
  private store(at: number, e: Endpoint, origin: number): void {
    const marks = e.marks;
    this.marks[at] = Number.isNaN(origin) ? marks | MARK_NO_ORIGIN : marks;
    this.origins[at] = origin;
    this.hosts[at] = e.hostCode;
    this.ports[at] = e.portCode;
    if (marks & MARK_HOST_TEXT) this.hostTexts.set(at, this.sharedHost(e.host));
    else this.hostTexts.delete(at);
    if (marks & MARK_PORT_NAME) this.portNames.set(at, typeof e.port === "string" ? detached(e.port) : (e.port as number));
    else this.portNames.delete(at);
  }

  private sharedHost(text: string): string {
    let kept = this.sharedHosts.get(text);
    if (kept === undefined) {
      kept = detached(text);
      if (this.sharedHosts.size < MAX_SHARED_HOSTS) this.sharedHosts.set(kept, kept);
    }
    return kept;
  }

  private add(hash: number): number {
    const slot = this.freeSlots.pop() ?? this.used++;
    if (slot >= this.hashes.length) this.grow(slot);
    this.hashes[slot] = hash;
    const bucket = hash & this.mask;
    this.nextInChain[slot] = this.heads[bucket];
    this.heads[bucket] = slot;
    this.count++;
    return slot;
  }

  private drop(slot: number): void {
    const bucket = this.hashes[slot] & this.mask;
    if (this.heads[bucket] === slot) {
      this.heads[bucket] = this.nextInChain[slot];
    } else {
      let before = this.heads[bucket];
      while (this.nextInChain[before] !== slot) before = this.nextInChain[before];
      this.nextInChain[before] = this.nextInChain[slot];
    }
    this.unlinkAge(slot);
    this.hostTexts.delete(2 * slot);
    this.hostTexts.delete(2 * slot + 1);
    this.portNames.delete(2 * slot);
    this.portNames.delete(2 * slot + 1);
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

  /**
   * Twice the slots (never more than MAX_SLOTS), and a power of two of buckets at least as many
   * (chains stay about one long). Runs only when no slot is free, so every slot below `taken`
   * is in a chain: rebuilt from the kept hashes.
   */
  private grow(taken: number): void {
    const size = Math.min(2 * this.hashes.length, MAX_SLOTS);
    this.hashes = grown(this.hashes, size);
    this.nextInChain = grown(this.nextInChain, size);
    this.families = grown(this.families, size);
    this.older = grown(this.older, size);
    this.newer = grown(this.newer, size);
    this.marks = grown(this.marks, 2 * size);
    this.hosts = grown(this.hosts, 2 * size);
    this.ports = grown(this.ports, 2 * size);
    this.origins = grown(this.origins, 2 * size);
    const buckets = 2 ** Math.ceil(Math.log2(size));
    this.heads = new Int32Array(buckets).fill(NONE);
    this.mask = buckets - 1;
    for (let slot = taken - 1; slot >= 0; slot--) {
      const bucket = this.hashes[slot] & this.mask;
      this.nextInChain[slot] = this.heads[bucket];
      this.heads[bucket] = slot;
    }
  }
}

type TypedArray = Int32Array | Uint8Array | Uint16Array | Uint32Array;

function grown<T extends TypedArray>(from: T, size: number): T {
  const to = new (from.constructor as new (n: number) => T)(size);
  to.set(from);
  return to;
}
