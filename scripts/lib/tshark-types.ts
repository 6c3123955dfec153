/**
 * What tshark knows about one TCP segment of a capture: the independent reference that
 * hs-report's packets are checked against (test/packets/, scripts/check-vs-tshark.ts).
 * Numbers are tshark's decoded field values; keys tshark does not carry for the frame (a
 * truncated header, an option that is absent) are left out.
 */

/** IPv4 header of the IP layer that directly carries the TCP segment. */
export interface TsharkIp4 {
  version: 4;
  src: string;
  dst: string;
  ttl: number;
  id: number;
  /** Total length field. */
  length: number;
  /** Header length in bytes. */
  headerLength: number;
  /** tshark found the total length larger than the bytes on the wire (`ip.bogus_ip_length`). */
  lengthExceedsFrame?: true;
  /** The whole TOS / DS byte (DSCP << 2 | ECN). */
  tos: number;
  df: boolean;
  mf: boolean;
  rsvd: boolean;
  /** Fragment offset in bytes (tshark's 13-bit field × 8, as tcpdump prints it). */
  offset: number;
}

/** IPv6 header of the IP layer that directly carries the TCP segment. */
export interface TsharkIp6 {
  version: 6;
  src: string;
  dst: string;
  hlim: number;
  flowlabel: number;
  /** Traffic class byte. */
  tclass: number;
  /** Payload length field. */
  plen: number;
}

export interface TsharkChecksum {
  /** The checksum field, as a number. */
  value: number;
  /** tshark's verdict; `unverified` when it could not check (partial capture, fragment). */
  status: "good" | "bad" | "unverified";
  /** The value tshark computed, when it verified the checksum. */
  computed?: number;
}

export interface TsharkOptions {
  /** Option kinds in packet order, read from the raw option bytes; stops after an EOL. */
  kinds: number[];
  mss?: number;
  /** Window-scale shift count. */
  wscale?: number;
  sackOK?: true;
  tsval?: number;
  tsecr?: number;
  /** SACK blocks as raw 32-bit edges [left, right]. */
  sack?: [number, number][];
}

/** Link-level facts that `-e` (and SLL2 without `-e`) can print. */
export interface TsharkLink {
  /** The length tcpdump prints after the link header (see tshark-extract.ts). */
  length?: number;
  /** MACs of the Ethernet header printed with the record, or the SLL source address. */
  src?: string;
  dst?: string;
  /** 802.1Q ids between that Ethernet header and the IP layer, outermost first. */
  vlan?: number[];
  /** SLL2 interface index. */
  ifindex?: number;
  /** SLL packet type (0 host, 1 broadcast, 2 multicast, 3 other host, 4 outgoing). */
  pkttype?: number;
}

export interface TsharkSegment {
  /** Frame number in the capture tshark read (1-based) = tcpdump's `-#` number. */
  frame: number;
  /** Arrival time, Unix seconds with 9 fraction digits (`frame.time_epoch`). */
  time: string;
  /** Seconds since the previous frame of the capture (any protocol), 9 fraction digits. */
  delta: string;
  /** On-wire and captured frame lengths. */
  frameLen: number;
  capLen: number;
  /** tshark's protocol path up to the TCP layer (`eth:ethertype:ip:udp:geneve:eth:ethertype:ip:tcp`). */
  protocols: string;
  link?: TsharkLink;
  ip: TsharkIp4 | TsharkIp6;
  sport?: number;
  dport?: number;
  /** The 12-bit flags field (FIN 0x01 ... CWR 0x80, AE 0x100, reserved 0xe00). */
  flags?: number;
  /** Raw 32-bit sequence and acknowledgement numbers (`tcp.seq_raw`, `tcp.ack_raw`). */
  seq?: number;
  ack?: number;
  /** TCP payload length on the wire (`tcp.len`). */
  len?: number;
  /** Unscaled window field. */
  win?: number;
  urg?: number;
  /** TCP header length in bytes. */
  hdrLen?: number;
  cksum?: TsharkChecksum;
  options?: TsharkOptions;
}

/** One committed file of test/fixtures/tshark/: every TCP segment of one capture. */
export interface TsharkFixture {
  /** Capture path relative to the shared corpus (`tests/ssh.pcap`). */
  pcap: string;
  /** BPF filter applied with tcpdump before tshark read the capture (frames renumbered). */
  filter?: string[];
  /** Time of the capture's first frame (any protocol), like `TsharkSegment.time`. */
  first: string;
  /** Frames tshark could not decode (malformed, or an error such as a length field of 0). */
  undecoded: number[];
  segments: TsharkSegment[];
}

/** Which tcpdump printed a rendering: the local Debian build or upstream master's test outputs. */
export type TcpdumpVersion = "4.99.3" | "5.x";

/** One text rendering of a capture, as listed in test/fixtures/tshark/index.json. */
export interface RenderingEntry {
  /** Text file relative to test/fixtures/ (`corpus/rendered/ssh.nn.txt`, `tshark/renderings/...`). */
  text: string;
  /** Fixture file name in test/fixtures/tshark/. */
  fixture: string;
  /** tcpdump options of the rendering, without `-r FILE` (filter words included). */
  args: string[];
  tcpdump: TcpdumpVersion;
}

export interface FixtureIndex {
  /** `tshark --version` first line of the generating machine. */
  tshark: string;
  /** The tshark preferences every fixture was made with. */
  preferences: string[];
  renderings: RenderingEntry[];
}
