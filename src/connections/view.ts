import type { KeyPort } from "../packets/sequence.js";
import type { Packet } from "../packets/types.js";
import { readFlags, type TcpFlags } from "./flags.js";
import { CodedTime } from "./time-code.js";

/**
 * One packet as the tracker and a connection's parts read it, each field read from the packet
 * once. Packets come in a handful of shapes (which keys they have), so every read of a packet's
 * field goes through V8's slow path for objects of many shapes; the view has one shape. The
 * tracker fills one view for every packet (read()) rather than make an object per packet:
 * nothing keeps a view past its packet.
 *
 * The sequence numbers are the packets stage's absolute ones; without them, the printed ones
 * when the packet says they are raw (`relative: false`: -S input, or segments tcpdump never
 * adjusts).
 */
export class SegmentView {
  p!: Packet;
  line = 0;
  t?: number;
  readonly time = new CodedTime();
  family?: 4 | 6;
  /** Hosts as printed ("" when absent) and ports as keys compare them (the number, or the name without one). */
  src = "";
  dst = "";
  sport: KeyPort;
  dport: KeyPort;
  win?: number;
  len = 0;
  seq?: number;
  seqEnd?: number;
  ack?: number;
  flags: TcpFlags = readFlags(undefined);
  /** Set once the packet's connection is known. */
  fromClient = false;

  read(p: Packet): this {
    this.p = p;
    this.line = p.line;
    this.t = p.t;
    this.time.read(p.time);
    this.family = p.family;
    this.src = p.src ?? "";
    this.dst = p.dst ?? "";
    this.sport = p.sport ?? p.sportName;
    this.dport = p.dport ?? p.dportName;
    this.win = p.win;
    this.len = p.len ?? 0;
    const raw = p.relative === false;
    const abs = p.abs;
    if (abs === undefined) {
      this.seq = raw ? p.seq : undefined;
      this.seqEnd = raw ? p.seqEnd : undefined;
      this.ack = raw ? p.ack : undefined;
    } else {
      this.seq = abs.seq ?? (raw ? p.seq : undefined);
      this.seqEnd = abs.seqEnd ?? (raw ? p.seqEnd : undefined);
      this.ack = abs.ack ?? (raw ? p.ack : undefined);
    }
    this.flags = readFlags(p.flags);
    return this;
  }

  /** Whether the text carries ports; without them (truncated `[|tcp]` lines) no connection can hold the packet. */
  get hasPorts(): boolean {
    return this.sport !== undefined;
  }
}
