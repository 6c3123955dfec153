/**
 * What the tcpdump line grammar extracts from one TCP record: the fields exactly as the text
 * carries them, nothing derived from other lines. Keys whose value the text does not carry are
 * absent (never undefined-valued in JSON output). The packets stage adds file/line, `t`,
 * `relative`/`abs` and port numbers for named ports.
 */

/** Link-level header printed with `-e` (Ethernet, Linux cooked v1/v2, BSD loopback). */
export interface LinkHeader {
  /** Source MAC (or ethers name), as printed, without any `(oui ...)` suffix. */
  src?: string;
  dst?: string;
  /** Ethertype / address family name as printed: `IPv4`, `IPv6`, `802.1Q`, ... */
  type?: string;
  /** Frame length printed after `length`. */
  length?: number;
  /** SLL2 `ifindex N`. */
  ifindex?: number;
  /** 802.1Q tags in order, e.g. [100]. */
  vlan?: number[];
}

/** Verbose IP header (`-v` and up). IPv4 keys and IPv6 keys never mix. */
export interface IpHeader {
  /** IPv4 `tos 0x..` as printed (hex text), ECN suffix in `ecn`. */
  tos?: string;
  ecn?: string;
  ttl?: number;
  id?: number;
  offset?: number;
  /** IPv4 `flags [DF]` inner text: `DF`, `none`, `+, DF`, ... */
  flags?: string;
  /** `proto TCP (6)` → `TCP`. */
  proto?: string;
  /** IPv4 total length. */
  length?: number;
  /** IPv6 traffic class text (`0x..`), flow label text (`0x.....`), hop limit, payload length. */
  class?: string;
  flowlabel?: string;
  hlim?: number;
  plen?: number;
}

export interface Checksum {
  /** The checksum field as printed, e.g. `0xaac9`. */
  value: string;
  correct: boolean;
  /** The value it should have had, when printed `(incorrect -> 0x....)`. */
  computed?: string;
}

export interface TcpOptions {
  mss?: number;
  wscale?: number;
  sackOK?: boolean;
  tsval?: number;
  tsecr?: number;
  /** SACK blocks [left, right] as printed (relative or raw, like seq/ack). */
  sack?: [number, number][];
  /** Every option item in order, exactly as printed (`mss 1460`, `nop`, `TS val 1 ecr 0`, `[bad opt]`). */
  list: string[];
}

/** One TCP segment as the grammar reads it from a record. */
export interface ParsedSegment {
  /** `-#` packet number. */
  number?: number;
  /** Timestamp text as printed (without the sign column's space for -ttt/-ttttt; a `-` is kept). */
  time?: string;
  /** Interface name and direction of the LINUX_SLL2 prefix (`lo`, `In`) or SLL v1 `-e` direction. */
  iface?: string;
  dir?: string;
  link?: LinkHeader;
  family?: 4 | 6;
  /** Hosts exactly as printed (address or resolved name). Absent for ports-only lines. */
  src?: string;
  dst?: string;
  /** Ports as numbers when printed as numbers; the name goes to sportName/dportName otherwise. */
  sport?: number;
  sportName?: string;
  dport?: number;
  dportName?: string;
  ip?: IpHeader;
  /** Inside `Flags [...]`, e.g. `S.`, `none`. Absent in quiet mode (`tcp N`). */
  flags?: string;
  cksum?: Checksum;
  seq?: number;
  seqEnd?: number;
  ack?: number;
  win?: number;
  urg?: number;
  /** `length N` (or quiet mode's `tcp N`): TCP payload bytes on the wire. */
  len?: number;
  options?: TcpOptions;
  /** Text after `length N` (application summary, `[RST ...]`), trimmed, opaque. */
  payload?: string;
  /** tcpdump marked the segment as truncated (`[|tcp]`, `[bad opt]`, remaining caplen). */
  truncated?: boolean;
}

/** A parse failure: `column` is a 0-based offset into the text given to the parser. */
export interface ParseError {
  column: number;
  message: string;
}

export type ParseResult = { ok: true; segment: ParsedSegment } | { ok: false; error: ParseError };
