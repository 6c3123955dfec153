/**
 * Zeek's view of one TCP connection: the per-endpoint state machine of its TCP analyzer
 * (src/packet_analysis/protocol/tcp/TCPSessionAdapter.cc: init_endpoint, update_history,
 * update_last_seq, UpdateStateMachine) and the `conn_state` function of
 * base/protocols/conn/main.zeek, replayed on the text's packets. docs/connections.md lists
 * what is left out and why (checksums, content gaps, role flips).
 */
import type { TcpFlags } from "./flags.js";
import { History } from "./zeek-history.js";
import { seqAdd, seqDelta } from "./numbers.js";

type EndpointState = "INACTIVE" | "SYN_SENT" | "SYN_ACK_SENT" | "PARTIAL" | "ESTABLISHED" | "CLOSED" | "RESET";

/** Zeek's TOO_LARGE_SEQ_DELTA: SYN/RST sequence jumps beyond it are not trusted. */
const TOO_LARGE_SEQ_DELTA = 1048576;

class ZeekEndpoint {
  state!: EndpointState;
  prevState!: EndpointState;
  startSeq?: number;
  lastSeq?: number;
  histLastSyn!: number;
  histLastFin!: number;
  histLastRst!: number;
  /** Payload bytes sent outside RSTs (stands in for Zeek's sequence-based Size()). */
  size!: number;
  /** Retransmitted payloads and zero windows so far, for the scaled `T` and `W` letters. */
  retransmissions!: number;
  zeroWindows!: number;

  constructor(readonly isOrig: boolean) {
    this.reset();
  }

  /** Zeek's init_endpoint defaults: inactive, nothing seen. */
  reset(): void {
    this.state = this.prevState = "INACTIVE";
    this.startSeq = this.lastSeq = undefined;
    this.histLastSyn = this.histLastFin = this.histLastRst = 0;
    this.size = this.retransmissions = this.zeroWindows = 0;
  }

  setState(state: EndpointState): void {
    this.prevState = this.state;
    this.state = state;
  }

  initSeq(start: number, last: number): void {
    this.startSeq = start;
    this.lastSeq = last;
  }
}

/** A repeat letter needs a sequence number that differs from the last one of its kind. */
const differs = (last: number, now: number | undefined): boolean => now !== undefined && now !== last;

const inactive = (s: EndpointState): boolean => s === "INACTIVE" || s === "PARTIAL";

export class ZeekConnection {
  private readonly orig = new ZeekEndpoint(true);
  private readonly resp = new ZeekEndpoint(false);
  private readonly history = new History();

  /** Back to a connection without packets (connections are reused, see tracker.ts). */
  reset(): void {
    this.orig.reset();
    this.resp.reset();
    this.history.reset();
  }

  /** Zeek's `^`: the originator is not the sender of the first packet (our orientation heuristic). */
  flipped(): void {
    this.history.add("^", true);
  }

  /** One packet as Zeek's analyzer sees it: its sender, flags, sequence number, payload length and window. */
  process(isOrig: boolean, f: TcpFlags, seq: number | undefined, len: number, win: number | undefined): void {
    const ep = isOrig ? this.orig : this.resp;
    const peer = isOrig ? this.resp : this.orig;
    const segLen = len + (f.syn ? 1 : 0) + (f.fin ? 1 : 0) - (f.rst ? len : 0);
    if (seq !== undefined) this.initEndpoint(ep, f, seq, seqAdd(seq, segLen));
    const relSeq = seq !== undefined && ep.startSeq !== undefined ? seqDelta(seq, ep.startSeq) : undefined;
    this.updateHistory(ep, f, relSeq, len);
    if (win === 0 && !f.rst && peer.state !== "CLOSED" && ep.state !== "RESET") {
      this.history.scaled("W", ++ep.zeroWindows, ep.isOrig);
    }
    if (seq !== undefined) this.updateLastSeq(ep, f, seqAdd(seq, segLen), len);
    if (!f.rst) ep.size += len;
    this.updateStateMachine(ep, peer, f, len);
  }

  private initEndpoint(ep: ZeekEndpoint, f: TcpFlags, seq: number, last: number): void {
    const reinit = f.syn && (
      (ep.state === "SYN_SENT" || ep.state === "SYN_ACK_SENT") && seq !== ep.startSeq ||
      ep.state === "ESTABLISHED" || ep.state === "PARTIAL" ||
      ep.state === "RESET" && ep.prevState === "INACTIVE");
    if (ep.state === "INACTIVE" || ep.startSeq === undefined) {
      // A partial connection is numbered as though a SYN had been seen just before.
      if (f.syn) ep.initSeq(seq, last);
      else ep.initSeq(seqAdd(seq, -1), seq);
    } else if (reinit) ep.initSeq(seq, last);
  }

  private updateHistory(ep: ZeekEndpoint, f: TcpFlags, relSeq: number | undefined, len: number): void {
    const h = this.history;
    const o = ep.isOrig;
    const bits = (f.syn ? 1 : 0) + (f.fin ? 1 : 0) + (f.rst ? 1 : 0);
    if (bits > 1) {
      if (f.fin && f.rst) h.check("finRst", "I", o);
      else h.check("multiFlag", "Q", o);
    } else if (f.syn) {
      const code = f.ack ? "H" : "S";
      if (h.check("syn", code, o) && differs(ep.histLastSyn, relSeq)) h.add(code, o);
      if (relSeq !== undefined) ep.histLastSyn = relSeq;
    } else if (f.fin) {
      const end = relSeq === undefined ? undefined : relSeq + len;
      if (h.check("fin", "F", o) && differs(ep.histLastFin, end)) h.add("F", o);
      if (end !== undefined) ep.histLastFin = end;
    } else if (f.rst) {
      if (h.check("rst", "R", o) && differs(ep.histLastRst, relSeq)) h.add("R", o);
      if (relSeq !== undefined) ep.histLastRst = relSeq;
    } else if (len > 0) h.check("data", "D", o);
    else if (f.ack) h.check("ack", "A", o);
  }

  /** Zeek's update_last_seq; a payload that does not advance the sequence is a retransmission (`T`). */
  private updateLastSeq(ep: ZeekEndpoint, f: TcpFlags, last: number, len: number): void {
    const delta = seqDelta(last, ep.lastSeq!);
    if ((f.syn || f.rst) && Math.abs(delta) > TOO_LARGE_SEQ_DELTA) return;
    if (f.fin && ep.lastSeq === seqAdd(ep.startSeq!, 1)) ep.lastSeq = last;
    else if (ep.state === "RESET") return;
    else if (delta > 0) ep.lastSeq = last;
    else if (len > 0) this.history.scaled("T", ++ep.retransmissions, ep.isOrig);
  }

  private updateStateMachine(ep: ZeekEndpoint, peer: ZeekEndpoint, f: TcpFlags, len: number): void {
    switch (ep.state) {
      case "INACTIVE":
        return this.updateInactive(ep, peer, f, len);
      case "SYN_SENT":
      case "SYN_ACK_SENT":
        if (f.fin) ep.setState("CLOSED");
        if (f.rst) ep.setState("RESET");
        return;
      case "ESTABLISHED":
      case "PARTIAL":
        return this.updateEstablished(ep, peer, f);
      case "CLOSED":
        // After a FIN exchange a RST changes nothing; after a one-sided FIN it resets.
        if (f.rst && peer.state !== "CLOSED") ep.setState("RESET");
        return;
      case "RESET":
        return;
    }
  }

  private updateInactive(ep: ZeekEndpoint, peer: ZeekEndpoint, f: TcpFlags, len: number): void {
    if (f.syn) {
      if (ep.isOrig) ep.setState(f.ack ? "SYN_ACK_SENT" : "SYN_SENT");
      else {
        // The responder's SYN/ACK (or its own SYN in a simultaneous open) establishes both sides.
        if (peer.state === "SYN_SENT") peer.setState("ESTABLISHED");
        ep.setState("ESTABLISHED");
      }
    }
    if (f.fin) ep.setState("CLOSED");
    if (f.rst) ep.setState("RESET");
    if (ep.state !== "INACTIVE") return;
    // Some stacks ACK a SYN before answering it: that ACK does not make a partial connection.
    if (!ep.isOrig && len === 0 && this.orig.state === "SYN_SENT") return;
    // A missed SYN: the SYN/ACK was seen, now the ACK; treat it as established.
    if (f.ack && peer.state === "ESTABLISHED") ep.setState("ESTABLISHED");
    else ep.setState("PARTIAL");
  }

  private updateEstablished(ep: ZeekEndpoint, peer: ZeekEndpoint, f: TcpFlags): void {
    if (f.syn && ep.state === "PARTIAL" && peer.state === "INACTIVE" && !f.ack) ep.setState("SYN_SENT");
    if (f.fin && !f.rst) {
      ep.setState("CLOSED");
      // A FIN then a RST from the peer was a normal termination after all.
      if (peer.state === "RESET" && peer.prevState === "CLOSED") peer.setState("CLOSED");
    }
    if (f.rst) ep.setState("RESET");
  }

  /** base/protocols/conn/main.zeek's conn_state() for TCP. */
  connState(): string {
    const os = this.orig.state;
    const rs = this.resp.state;
    const history = this.history.toString();
    if (rs === "RESET") {
      if (os === "SYN_SENT" || os === "SYN_ACK_SENT" || (os === "RESET" && this.orig.size === 0 && this.resp.size === 0)) return "REJ";
      return inactive(os) ? "RSTRH" : "RSTR";
    }
    if (os === "RESET") {
      if (inactive(rs)) return /^\^?S[^HAFGIQ]*R.*$/s.test(history) ? "RSTOS0" : "OTH";
      return "RSTO";
    }
    if (rs === "CLOSED" && os === "CLOSED") return "SF";
    if (os === "CLOSED") return inactive(rs) ? "SH" : "S2";
    if (rs === "CLOSED") return inactive(os) ? "SHR" : "S3";
    if (os === "SYN_SENT" && rs === "INACTIVE") return "S0";
    if (os === "ESTABLISHED" && rs === "ESTABLISHED") return "S1";
    return "OTH";
  }

  historyText(): string {
    return this.history.toString();
  }
}
