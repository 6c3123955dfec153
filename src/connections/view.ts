import { FNV_OFFSET, textHash } from "../grammar/text-hash.js";
import { pairHashOfHosts, type KeyPort } from "../packets/sequence.js";
import type { AbsoluteNumbers, Packet, ScannedPacket } from "../packets/types.js";
import { readFlags, type TcpFlags } from "./flags.js";
import { SynOptionsRead } from "./syn-side.js";
import { CodedTime } from "./time-code.js";

/**
 * One packet as the tracker and a connection's parts read it, each field read from the packet
 * once. Packets come in a handful of shapes (which keys they have), so every read of a packet's
 * field goes through V8's slow path for objects of many shapes; the view has one shape. The
 * tracker fills one view for every packet (read()) rather than make an object per packet:
 * nothing keeps a view past its packet. It is filled from a Packet (read()) or from a line the
 * fast lane took (readScanned()), the same for the same line.
 *
 * The sequence numbers are the packets stage's absolute ones; without them, the printed ones
 * when the packet says they are raw (`relative: false`: -S input, or segments tcpdump never
 * adjusts).
 *
 * A number the packet does not have is NaN, not undefined: a field that holds only numbers keeps
 * its double in place, where one that may hold undefined takes a new heap number for every
 * packet (most of these numbers are above 2^31, or have a fraction).
 */
export class SegmentView {
  line = 0;
  t = NaN;
  readonly time = new CodedTime();
  family?: 4 | 6;
  /** Hosts as printed ("" when absent) and ports as keys compare them (the number, or the name without one). */
  src = "";
  dst = "";
  sport: KeyPort;
  dport: KeyPort;
  /** Ports printed as service names. */
  sportName?: string;
  dportName?: string;
  /**
   * Whether the hosts and port names are strings of their own (made from the input's bytes by the
   * fast lane, or received from the reading thread), not cut from a line's text: a connection
   * keeps them as they are rather than a copy (detach.ts), so that its lookups find the view's
   * very strings and compare them by identity, not character by character.
   */
  ownTexts = false;
  win = NaN;
  len = 0;
  seq = NaN;
  seqEnd = NaN;
  ack = NaN;
  flags: TcpFlags = readFlags(undefined);
  /** The TS option's value. */
  tsval = NaN;
  /** What a SYN's side keeps of its options (syn-side.ts); read for SYNs only, all absent for other segments. */
  readonly syn = new SynOptionsRead();
  /**
   * From a SYN's verbose IP header: the TTL (IPv6: hop limit) and the IPv4 id. Only a SYN's side
   * keeps them (syn-side.ts), so, like the options, they are read for SYNs only: NaN for other
   * segments, whose rows to a tracking thread then leave them out (view-rows.ts).
   */
  ttl = NaN;
  ipId = NaN;
  /** The 4-tuple's hash (packets' pairHash()): the same whichever way the packet went. */
  hash = 0;
  /**
   * The hosts' hashes, FNV-1a of their texts (grammar/text-hash.ts), of which `hash` is made: the
   * rows' writer finds a host's number by them (view-rows.ts). A view read from rows does not
   * have them (NaN): nothing past the rows reads them.
   */
  srcHash = 0;
  dstHash = 0;
  /** Set once the packet's connection is known. */
  fromClient = false;

  read(p: Packet): this {
    this.line = p.line;
    this.t = p.t ?? NaN;
    this.time.read(p.time);
    this.family = p.family;
    this.src = p.src ?? "";
    this.dst = p.dst ?? "";
    this.sport = p.sport ?? p.sportName;
    this.dport = p.dport ?? p.dportName;
    this.sportName = p.sportName;
    this.dportName = p.dportName;
    this.ownTexts = false;
    this.win = p.win ?? NaN;
    this.len = p.len ?? 0;
    this.numbers(p.relative, p.abs, p.seq, p.seqEnd, p.ack);
    this.flags = readFlags(p.flags);
    this.tsval = p.options?.tsval ?? NaN;
    const syn = this.flags.syn;
    this.syn.read(syn ? p.options : undefined);
    this.ttl = syn ? (p.ip?.ttl ?? p.ip?.hlim ?? NaN) : NaN;
    this.ipId = syn ? (p.ip?.id ?? NaN) : NaN;
    this.srcHash = textHash(FNV_OFFSET, this.src);
    this.dstHash = textHash(FNV_OFFSET, this.dst);
    this.hash = pairHashOfHosts(this.family, this.srcHash, this.sport, this.dstHash, this.dport);
    return this;
  }

  /** read() of the Packet the regular way makes of the line (test/packets/lane.test.ts). */
  readScanned(packet: ScannedPacket): this {
    const scan = packet.scan;
    this.line = packet.line;
    this.t = packet.t ?? NaN;
    if (!this.time.readClock(scan.hours, scan.minutes, scan.seconds, scan.fraction, scan.fractionDigits)) this.time.read(packet.time);
    this.family = scan.family;
    this.src = scan.src;
    this.dst = scan.dst;
    this.sport = scan.sport;
    this.dport = scan.dport;
    this.sportName = this.dportName = undefined;
    this.ownTexts = true;
    this.win = scan.win;
    this.len = scan.len;
    // the reading holds the printed numbers too when they are raw (sequence.ts)
    this.seq = packet.abs.seq;
    this.seqEnd = packet.abs.seqEnd;
    this.ack = packet.abs.ack;
    this.flags = readFlags(scan.flags);
    this.tsval = scan.tsval ?? NaN;
    const syn = this.flags.syn;
    if (!syn) this.syn.read(undefined);
    else if (!this.syn.readScanned(scan)) this.syn.read(scan.options());
    this.ttl = syn && scan.verbose ? scan.ttl : NaN;
    this.ipId = syn && scan.verbose ? scan.ipId : NaN;
    this.hash = packet.pairHash;
    this.srcHash = scan.srcHash;
    this.dstHash = scan.dstHash;
    return this;
  }

  /** The absolute numbers; without them, the printed ones when they are raw (`relative: false`). */
  private numbers(relative: boolean | undefined, abs: AbsoluteNumbers | undefined, seq?: number, seqEnd?: number, ack?: number): void {
    const raw = relative === false;
    this.seq = abs?.seq ?? (raw ? seq : undefined) ?? NaN;
    this.seqEnd = abs?.seqEnd ?? (raw ? seqEnd : undefined) ?? NaN;
    this.ack = abs?.ack ?? (raw ? ack : undefined) ?? NaN;
  }

  /** Whether the text carries ports; without them (truncated `[|tcp]` lines) no connection can hold the packet. */
  get hasPorts(): boolean {
    return this.sport !== undefined;
  }
}
