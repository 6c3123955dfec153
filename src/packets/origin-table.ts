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

/**
 * Fills `into` with the codes of host `host` and port `port` (no allocation: runs twice per
 * packet); `hostCode`, the host's code when the caller knows it (HostCodes).
 */
export function readEndpoint(into: Endpoint, host: string, port: KeyPort, hostCode = ipv4Value(host)): Endpoint {
  into.host = host;
  into.hostCode = hostCode;
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

/** Slots of HostCodes (a power of two): the hosts of the connections open at once on a busy server. */
const HOST_CODE_SLOTS = 4096;

/**
 * The codes of recent hosts, by a slot of their text's hash (the fast lane's scan has it): a
 * host comes on every packet of its connections, and reading its text as a dotted quad each
 * time was a twentieth of the reading thread's time. A slot holds the text it was made from,
 * compared by identity first (the scan gives a host the same string while it is recent).
 */
export class HostCodes {
  private readonly texts = new Array<string | undefined>(HOST_CODE_SLOTS).fill(undefined);
  private readonly codes = new Float64Array(HOST_CODE_SLOTS);

  /** Fills `into` as readEndpoint() does, `hash` the host text's FNV-1a hash (text-hash.ts) when the reader has it. */
  readEndpoint(into: Endpoint, host: string, hash: number | undefined, port: KeyPort): Endpoint {
    if (hash === undefined) return readEndpoint(into, host, port);
    const slot = hash & (HOST_CODE_SLOTS - 1);
    if (this.texts[slot] !== host) {
      this.texts[slot] = host;
      this.codes[slot] = ipv4Value(host);
    }
    return readEndpoint(into, host, port, this.codes[slot]);
  }
}

/** Slots ever needed: one more than MAX_ENTRIES, the newest entry's, until the oldest is dropped. */
const MAX_SLOTS = MAX_ENTRIES + 1;

/**
 * An entry's numbers, side by side (W from W × slot), so that a lookup and its use-order update
 * touch one or two cache lines of the table, not one per kind of number: the table is larger
 * than the caches, and every packet looks up its entry. Endpoint numbers come in pairs (side 0
 * and 1, in the order their origins are kept). Chain and use-order links are slots, NONE
 * stored as 2^32 - 1 (read back with `| 0`, as is the hash, a 32-bit integer).
 */
const HASH = 0;
const NEXT = 1;
const OLDER = 2;
const NEWER = 3;
/** The family in the low byte, then each side's marks in a byte. */
const FAMILY_MARKS = 4;
const HOST = 5;
/** Side 0's port in the low 16 bits, side 1's in the high ones. */
const PORTS = 7;
const ORIGIN = 8;
const W = 10;

const marksOf = (familyMarks: number, side: number): number => (familyMarks >>> (8 + 8 * side)) & 0xff;

export class OriginTable {
  /** First slot of each hash bucket's chain (bucket = hash & mask). */
  private heads = new Int32Array(1024).fill(NONE);
  private mask = 1023;
  /** The entries' numbers, W a slot. */
  private entries = new Uint32Array(1024 * W);
  /** Texts of the endpoints marked MARK_HOST_TEXT or MARK_PORT_NAME, by 2 × slot + side. */
  private readonly hostTexts = new Map<number, string>();
  private readonly portNames = new Map<number, string | number>();
  /** Use order, for dropping the least recently used entry past MAX_ENTRIES. */
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
    const entries = this.entries;
    for (let slot = this.heads[hash & this.mask]; slot !== NONE; slot = entries[slot * W + NEXT] | 0) {
      const at = slot * W;
      if ((entries[at + HASH] | 0) !== hash || (entries[at + FAMILY_MARKS] & 0xff) !== family) continue;
      if ((this.holds(slot, 0, a) && this.holds(slot, 1, b)) || (this.holds(slot, 0, b) && this.holds(slot, 1, a))) return slot;
    }
    return NONE;
  }

  /** Whether the slot's first endpoint is this one. */
  firstIs(slot: number, e: Endpoint): boolean {
    return this.holds(slot, 0, e);
  }

  /** The first (or second) endpoint's origin in a slot, NaN when it has none (any sum with it is NaN too: sequence.ts). */
  origin(slot: number, first: boolean): number {
    const side = first ? 0 : 1;
    const at = slot * W;
    return marksOf(this.entries[at + FAMILY_MARKS], side) & MARK_NO_ORIGIN ? NaN : this.entries[at + ORIGIN + side];
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
    const at = slot * W;
    const marksA = this.store(slot, 0, a, originA);
    const marksB = this.store(slot, 1, b, originB);
    this.entries[at + FAMILY_MARKS] = family | (marksA << 8) | (marksB << 16);
    this.entries[at + PORTS] = (a.portCode & 0xffff) | ((b.portCode & 0xffff) << 16);
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
    const at = slot * W;
    const marks = marksOf(this.entries[at + FAMILY_MARKS], side);
    if ((marks & ~MARK_NO_ORIGIN) !== e.marks) return false;
    if (marks & MARK_HOST_TEXT ? this.hostTexts.get(2 * slot + side) !== e.host : this.entries[at + HOST + side] !== e.hostCode) return false;
    if (marks & MARK_PORT_NAME) return this.portNames.get(2 * slot + side) === e.port;
    return marks & MARK_PORT_NONE ? true : ((this.entries[at + PORTS] >>> (16 * side)) & 0xffff) === e.portCode;
  }

  /**
   * Keeps endpoint `e` and its origin (NaN: none) on `side` of the slot; returns its marks for
   * the caller to keep (set()). Numbers are kept modulo 2^32 (2^16 for ports); a code its marks
   * say is text, or no port, is stored but never read.
   */
  private store(slot: number, side: number, e: Endpoint, origin: number): number {
    const at = slot * W;
    const marks = e.marks;
    this.entries[at + ORIGIN + side] = origin;
    this.entries[at + HOST + side] = e.hostCode;
    const key = 2 * slot + side;
    if (marks & MARK_HOST_TEXT) this.hostTexts.set(key, this.sharedHost(e.host));
    else this.hostTexts.delete(key);
    if (marks & MARK_PORT_NAME) this.portNames.set(key, typeof e.port === "string" ? detached(e.port) : (e.port as number));
    else this.portNames.delete(key);
    return Number.isNaN(origin) ? marks | MARK_NO_ORIGIN : marks;
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
    if ((slot + 1) * W > this.entries.length) this.grow(slot);
    const at = slot * W;
    this.entries[at + HASH] = hash;
    const bucket = hash & this.mask;
    this.entries[at + NEXT] = this.heads[bucket];
    this.heads[bucket] = slot;
    this.count++;
    return slot;
  }

  private drop(slot: number): void {
    const entries = this.entries;
    const bucket = entries[slot * W + HASH] & this.mask;
    const next = entries[slot * W + NEXT] | 0;
    if (this.heads[bucket] === slot) {
      this.heads[bucket] = next;
    } else {
      let before = this.heads[bucket];
      while ((entries[before * W + NEXT] | 0) !== slot) before = entries[before * W + NEXT] | 0;
      entries[before * W + NEXT] = next;
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
    const at = slot * W;
    this.entries[at + OLDER] = this.newest;
    this.entries[at + NEWER] = NONE;
    if (this.newest === NONE) this.oldest = slot;
    else this.entries[this.newest * W + NEWER] = slot;
    this.newest = slot;
  }

  private unlinkAge(slot: number): void {
    const at = slot * W;
    const older = this.entries[at + OLDER] | 0;
    const newer = this.entries[at + NEWER] | 0;
    if (older === NONE) this.oldest = newer;
    else this.entries[older * W + NEWER] = newer;
    if (newer === NONE) this.newest = older;
    else this.entries[newer * W + OLDER] = older;
  }

  /**
   * Twice the slots (never more than MAX_SLOTS), and a power of two of buckets at least as many
   * (chains stay about one long). Runs only when no slot is free, so every slot below `taken`
   * is in a chain: rebuilt from the kept hashes.
   */
  private grow(taken: number): void {
    const size = Math.min(2 * (this.entries.length / W), MAX_SLOTS);
    const entries = new Uint32Array(size * W);
    entries.set(this.entries);
    this.entries = entries;
    const buckets = 2 ** Math.ceil(Math.log2(size));
    this.heads = new Int32Array(buckets).fill(NONE);
    this.mask = buckets - 1;
    for (let slot = taken - 1; slot >= 0; slot--) {
      const bucket = entries[slot * W + HASH] & this.mask;
      entries[slot * W + NEXT] = this.heads[bucket];
      this.heads[bucket] = slot;
    }
  }
}
