import { defined, firstField, flagField, layerAt, numberField, type JsonTree } from "./tshark-json.js";
import { optionsFromLayer } from "./tshark-options.js";
import type { TsharkIp4, TsharkIp6, TsharkLink, TsharkSegment } from "./tshark-types.js";

/**
 * Turns one frame of tshark's JSON into the segment tcpdump prints for it.
 *
 * Which TCP layer: the first one in `frame.protocols`. In every encapsulation tcpdump decodes
 * (VXLAN, Geneve, GRE, MPLS, IP-in-IP) the outer layers are not TCP, so the first TCP layer is
 * the innermost transport tcpdump prints; when TCP carries TCP (an OpenFlow packet-in quoting a
 * frame) tcpdump's record is the outer segment, again the first one. A TCP header quoted inside
 * an ICMP error is not a segment (tcpdump prints it as part of the ICMP record): frames whose
 * first TCP layer follows an ICMP layer are left out. The IP header is the closest IPv4/IPv6
 * layer before that TCP layer.
 */
export function segmentFromLayers(layers: JsonTree): TsharkSegment | undefined {
  const frame = layerAt(layers, "frame", 0);
  const protocols = (firstField(frame, "frame.protocols") ?? "").split(":");
  const tcpAt = protocols.indexOf("tcp");
  if (tcpAt < 0) return undefined;
  const before = protocols.slice(0, tcpAt);
  if (before.includes("icmp") || before.includes("icmpv6")) return undefined;
  const tcp = layerAt(layers, "tcp", 0);
  const ip = ipLayer(layers, before);
  if (!frame || !tcp || !ip) return undefined;
  return {
    frame: requiredNumber(frame, "frame.number"),
    time: requiredField(frame, "frame.time_epoch"),
    delta: requiredField(frame, "frame.time_delta"),
    frameLen: requiredNumber(frame, "frame.len"),
    capLen: requiredNumber(frame, "frame.cap_len"),
    ...defined({ link: linkFromLayers(layers, before) }),
    ip,
    ...tcpFields(tcp),
  };
}

/** The IPv4 or IPv6 header that directly carries the TCP layer. */
function ipLayer(layers: JsonTree, before: string[]): TsharkIp4 | TsharkIp6 | undefined {
  const at = Math.max(before.lastIndexOf("ip"), before.lastIndexOf("ipv6"));
  if (at < 0) return undefined;
  const name = before[at];
  const layer = layerAt(layers, name, before.slice(0, at).filter((p) => p === name).length);
  if (!layer) return undefined;
  return name === "ip" ? ip4(layer) : ip6(layer);
}

function ip4(layer: JsonTree): TsharkIp4 {
  return {
    version: 4,
    src: requiredField(layer, "ip.src"),
    dst: requiredField(layer, "ip.dst"),
    ttl: requiredNumber(layer, "ip.ttl"),
    id: requiredNumber(layer, "ip.id"),
    length: requiredNumber(layer, "ip.len"),
    tos: requiredNumber(layer, "ip.dsfield"),
    df: flagField(layer, "ip.flags.df"),
    mf: flagField(layer, "ip.flags.mf"),
    rsvd: flagField(layer, "ip.flags.rb"),
    offset: requiredNumber(layer, "ip.frag_offset") * 8,
  };
}

function ip6(layer: JsonTree): TsharkIp6 {
  return {
    version: 6,
    src: requiredField(layer, "ipv6.src"),
    dst: requiredField(layer, "ipv6.dst"),
    hlim: requiredNumber(layer, "ipv6.hlim"),
    flowlabel: requiredNumber(layer, "ipv6.flow"),
    tclass: requiredNumber(layer, "ipv6.tclass"),
    plen: requiredNumber(layer, "ipv6.plen"),
  };
}

function tcpFields(tcp: JsonTree): Partial<TsharkSegment> {
  const status = firstField(tcp, "tcp.checksum.status");
  const value = numberField(tcp, "tcp.checksum");
  return defined({
    sport: numberField(tcp, "tcp.srcport"),
    dport: numberField(tcp, "tcp.dstport"),
    flags: numberField(tcp, "tcp.flags"),
    seq: numberField(tcp, "tcp.seq_raw"),
    ack: numberField(tcp, "tcp.ack_raw"),
    len: numberField(tcp, "tcp.len"),
    win: numberField(tcp, "tcp.window_size_value"),
    urg: numberField(tcp, "tcp.urgent_pointer"),
    hdrLen: numberField(tcp, "tcp.hdr_len"),
    cksum:
      value === undefined
        ? undefined
        : {
            value,
            status: status === "1" ? ("good" as const) : status === "0" ? ("bad" as const) : ("unverified" as const),
            ...defined({ computed: status === "0" || status === "1" ? numberField(tcp, "tcp.checksum_calculated") : undefined }),
          },
    options: optionsFromLayer(tcp),
  });
}

/** Outer link header: the first Ethernet or SLL header and the VLAN tags before the first IP. */
function linkFromLayers(layers: JsonTree, before: string[]): TsharkLink | undefined {
  const outer = before.slice(0, Math.max(0, before.findIndex((p) => p === "ip" || p === "ipv6")));
  const eth = outer.includes("eth") ? layerAt(layers, "eth", 0) : undefined;
  const sll = outer.includes("sll") ? layerAt(layers, "sll", 0) : undefined;
  const vlanCount = outer.filter((p) => p === "vlan").length;
  const vlan = Array.from({ length: vlanCount }, (_, i) => numberField(layerAt(layers, "vlan", i), "vlan.id"));
  const link: TsharkLink = defined({
    src: firstField(eth, "eth.src") ?? firstField(sll, "sll.src.eth"),
    dst: firstField(eth, "eth.dst"),
    vlan: vlanCount > 0 ? vlan.filter((id): id is number => id !== undefined) : undefined,
    ifindex: numberField(sll, "sll.ifindex"),
    pkttype: numberField(sll, "sll.pkttype"),
  });
  return Object.keys(link).length > 0 ? link : undefined;
}

function requiredField(tree: JsonTree, key: string): string {
  const value = firstField(tree, key);
  if (value === undefined) throw new Error(`tshark output lacks ${key}`);
  return value;
}

function requiredNumber(tree: JsonTree, key: string): number {
  return Number(requiredField(tree, key));
}
