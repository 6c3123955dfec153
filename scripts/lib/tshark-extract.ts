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
  const frameLen = requiredNumber(frame, "frame.len");
  return {
    frame: requiredNumber(frame, "frame.number"),
    time: requiredField(frame, "frame.time_epoch"),
    delta: requiredField(frame, "frame.time_delta"),
    frameLen,
    capLen: requiredNumber(frame, "frame.cap_len"),
    protocols: protocols.slice(0, tcpAt + 1).join(":"),
    ...defined({ link: linkFromLayers(layers, before, ip, frameLen) }),
    ip,
    ...tcpFields(tcp),
  };
}

/** Index in `protocols` of the IPv4/IPv6 layer closest before the TCP layer (-1 if none). */
function carrierAt(before: string[]): number {
  return Math.max(before.lastIndexOf("ip"), before.lastIndexOf("ipv6"));
}

/** The layer of `name` at position `at` of the protocol list, counting earlier occurrences. */
function layerOfToken(layers: JsonTree, before: string[], at: number): JsonTree | undefined {
  return layerAt(layers, before[at], before.slice(0, at).filter((p) => p === before[at]).length);
}

/** The IPv4 or IPv6 header that directly carries the TCP layer. */
function ipLayer(layers: JsonTree, before: string[]): TsharkIp4 | TsharkIp6 | undefined {
  const at = carrierAt(before);
  const layer = at < 0 ? undefined : layerOfToken(layers, before, at);
  if (!layer) return undefined;
  return before[at] === "ip" ? ip4(layer) : ip6(layer);
}

/** Numeric header fields: our key → tshark field. */
const IP4_NUMBERS = { ttl: "ip.ttl", id: "ip.id", length: "ip.len", headerLength: "ip.hdr_len", tos: "ip.dsfield" } as const;
const IP6_NUMBERS = { hlim: "ipv6.hlim", flowlabel: "ipv6.flow", tclass: "ipv6.tclass", plen: "ipv6.plen" } as const;

function ip4(layer: JsonTree): TsharkIp4 {
  return {
    version: 4,
    src: requiredField(layer, "ip.src"),
    dst: requiredField(layer, "ip.dst"),
    ...requiredNumbers(layer, IP4_NUMBERS),
    ...(firstField(layer, "ip.bogus_ip_length") !== undefined ? { lengthExceedsFrame: true as const } : {}),
    df: flagField(layer, "ip.flags.df"),
    mf: flagField(layer, "ip.flags.mf"),
    rsvd: flagField(layer, "ip.flags.rb"),
    offset: requiredNumber(layer, "ip.frag_offset") * 8,
  };
}

function ip6(layer: JsonTree): TsharkIp6 {
  return { version: 6, src: requiredField(layer, "ipv6.src"), dst: requiredField(layer, "ipv6.dst"), ...requiredNumbers(layer, IP6_NUMBERS) };
}

function requiredNumbers<K extends string>(layer: JsonTree, fields: Record<K, string>): Record<K, number> {
  return Object.fromEntries(Object.entries<string>(fields).map(([key, field]) => [key, requiredNumber(layer, field)])) as Record<K, number>;
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

/**
 * The link header tcpdump prints with the record: the Ethernet header closest before the IP
 * layer that carries TCP (the inner one of a tunnel, which tcpdump prints with the inner packet),
 * its VLAN tags, and the SLL header of a Linux cooked capture. The length tcpdump prints after
 * the frame's first header is the frame length; after an Ethernet header that comes later (in a
 * tunnel, after a Juniper header) it is what follows that header's start: 14 bytes, 4 per VLAN
 * tag, and the IP datagram.
 */
function linkFromLayers(layers: JsonTree, before: string[], ip: TsharkIp4 | TsharkIp6, frameLen: number): TsharkLink | undefined {
  const carrier = carrierAt(before);
  const ethAt = before.lastIndexOf("eth", carrier);
  const eth = ethAt < 0 ? undefined : layerOfToken(layers, before, ethAt);
  const sll = before[0] === "sll" ? layerAt(layers, "sll", 0) : undefined;
  const vlanAt = before.map((p, i) => (p === "vlan" && i > ethAt && i < carrier ? i : -1)).filter((i) => i >= 0);
  const vlan = vlanAt.map((at) => numberField(layerOfToken(layers, before, at), "vlan.id"));
  const datagram = ip.version === 4 ? ip.length : ip.plen + 40;
  const link: TsharkLink = defined({
    src: firstField(eth, "eth.src") ?? firstField(sll, "sll.src.eth"),
    dst: firstField(eth, "eth.dst"),
    length: ethAt > 0 ? 14 + 4 * vlan.length + datagram : frameLen,
    vlan: vlan.length > 0 ? vlan.filter((id): id is number => id !== undefined) : undefined,
    ifindex: numberField(sll, "sll.ifindex"),
    pkttype: numberField(sll, "sll.pkttype"),
  });
  return eth || sll ? link : undefined;
}

function requiredField(tree: JsonTree, key: string): string {
  const value = firstField(tree, key);
  if (value === undefined) throw new Error(`tshark output lacks ${key}`);
  return value;
}

function requiredNumber(tree: JsonTree, key: string): number {
  return Number(requiredField(tree, key));
}
