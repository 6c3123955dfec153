import type { Packet } from "../../src/packets/types.js";
import type { Pair } from "./tshark-align.js";
import { mod32, type CompareContext, type Mismatch } from "./tshark-findings.js";
import { AE, flagsText } from "./tshark-flags.js";
import { fractionInRange, SECONDS_TOLERANCE } from "./tshark-time.js";
import type { TsharkSegment } from "./tshark-types.js";

/**
 * The one list of differences between tcpdump's text and tshark that are tcpdump's (or
 * tshark's) own behaviour, not hs-report parsing errors. Each entry says why and matches as
 * narrowly as it can: a field entry is asked about one mismatch of one paired segment, a
 * `missed` entry about a frame tshark decodes as TCP that no packet accounts for, an `extra`
 * entry about a packet no tshark segment accounts for. The corpus test fails when an entry
 * is never used, so the list cannot silently outlive the behaviour it describes.
 */
export interface KnownDifference {
  id: string;
  reason: string;
  field?: (mismatch: Mismatch, pair: Pair, context: CompareContext) => boolean;
  missed?: (segment: TsharkSegment, context: CompareContext) => boolean;
  extra?: (packet: Packet, context: CompareContext) => boolean;
}

const SECONDS_PER_DAY = 86_400;

/** Whether `pcap` (corpus-relative in fixtures, any path in check-vs-tshark) is that corpus capture. */
function isCapture(pcap: string, corpusPath: string): boolean {
  return pcap === corpusPath || pcap.endsWith(`/${corpusPath}`);
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    id: "ae-flag-before-4.99.6",
    reason:
      "tcpdump before 4.99.6 does not print the AE bit (0x100, FORMAT.md 6.4): `[SEWe]` prints as `[SEW]` in 4.99.3. " +
      "Every other bit must still match.",
    field: (m, { segment }, { tcpdump }) =>
      m.field === "flags" &&
      tcpdump === "4.99.3" &&
      segment.flags !== undefined &&
      (segment.flags & AE) !== 0 &&
      m.actual === flagsText(segment.flags & ~AE),
  },
  {
    id: "ipv4-length-0-before-4.99.5",
    reason:
      "An IPv4 total length of 0 (segmentation offload) makes tcpdump up to 4.99.4 print `IP bad-len 0` and no TCP part " +
      "(FORMAT.md 5.1, 12); tshark decodes the TCP header from the captured bytes. tshark reports the presumed length, " +
      "never the 0, so the frame is known by a length no 16-bit field can hold (BIG TCP) or by its capture " +
      "(tests/ipv4_tcp_http_xml_tso.pcap, a 2016-byte TSO frame).",
    missed: (segment, { tcpdump, pcap }) =>
      tcpdump === "4.99.3" &&
      segment.ip.version === 4 &&
      (segment.ip.length > 0xffff || isCapture(pcap, "tests/ipv4_tcp_http_xml_tso.pcap")),
  },
  {
    id: "big-tcp-computed-checksum",
    reason:
      "A BIG TCP segment's length (header + payload > 65535) does not fit the 16-bit length of the checksum " +
      "pseudo-header; tcpdump 5.x and tshark fold it differently, so the checksum each says the segment should have had " +
      "differs by one. The field value and the verdict agree.",
    field: (m, { segment }) =>
      m.field === "cksum.computed" &&
      (segment.len ?? 0) + (segment.hdrLen ?? 0) > 0xffff &&
      Math.abs(Number(m.expected) - Number(m.actual)) === 1,
  },
  {
    id: "ipv4-length-beyond-frame",
    reason:
      "When the IPv4 total length claims more bytes than the frame holds (`IP truncated-ip - N bytes missing!`), tcpdump " +
      "computes the TCP length from the total length, tshark from the bytes present. The length (and seq end) must be " +
      "exactly the total-length reading.",
    field: (m, { segment }) => {
      const ip = segment.ip;
      if (ip.version !== 4 || !ip.lengthExceedsFrame || segment.hdrLen === undefined || segment.seq === undefined) return false;
      const length = ip.length - ip.headerLength - segment.hdrLen;
      if (m.field === "len") return m.actual === length;
      return (m.field === "seqEnd" || m.field === "abs.seqEnd") && m.actual === mod32(segment.seq + length);
    },
  },
  {
    id: "wccp-redirect-before-5",
    reason:
      "tcpdump 4.99.3 does not decode a WCCP redirect header inside GRE (it prints `gre-proto-0x883e`), so the TCP " +
      "segment tshark finds inside is not printed as one (tshark shows no WCCP layer, hence the capture's name).",
    missed: (_segment, { tcpdump, pcap }) => tcpdump === "4.99.3" && isCapture(pcap, "tests/wccp_redirect_gre.pcap"),
  },
  {
    id: "tshark-undecoded-frame",
    reason:
      "tshark cannot decode the frame (malformed, or an error such as a UDP or IPv6 length of 0 in BIG TCP / GSO " +
      "captures) while tcpdump prints a TCP segment from it: there is nothing to compare with.",
    extra: (packet, { undecoded }) => packet.number !== undefined && undecoded.includes(packet.number),
  },
  {
    id: "bcm-li-shim",
    reason:
      "tshark 4.0 has no dissector for the Broadcom LI shim carried in UDP (tests/bcm-li.pcap), so the TCP segments " +
      "tcpdump prints inside it are payload bytes to tshark.",
    extra: (_packet, { pcap }) => isCapture(pcap, "tests/bcm-li.pcap"),
  },
  {
    id: "quiet-mode-tunnels",
    reason:
      "With -q tcpdump prints a UDP tunnel (Geneve, VXLAN) as `UDP, length N` without decoding the packet inside, " +
      "so the inner TCP segment tshark finds is not printed.",
    missed: (segment, { options }) => options.quiet && segment.protocols.split(":").includes("udp"),
  },
  {
    id: "ports-not-captured",
    reason:
      "When the capture ends before the TCP ports, tcpdump prints `IP SRC > DST: [|tcp]` (FORMAT.md 6.2) and tshark " +
      "shows no TCP layer: the record has no TCP field to compare.",
    extra: (packet) =>
      packet.truncated === true && packet.sport === undefined && packet.dport === undefined && packet.sportName === undefined,
  },
  {
    id: "delta-wraps-at-24h",
    reason:
      "tcpdump 4.99 and 5.x print -ttt/-ttttt deltas through a calendar conversion that wraps at 24 hours " +
      "(FORMAT.md 3): a 25 h gap prints as 01:00:00, so `t` can only be right modulo one day.",
    field: (m, _pair, { options }) => {
      if (m.field !== "t" || (options.timeForm !== "ttt" && options.timeForm !== "ttttt")) return false;
      const difference = Math.abs(Number(m.expected) - Number(m.actual)) % SECONDS_PER_DAY;
      return Number(m.expected) >= SECONDS_PER_DAY && Math.min(difference, SECONDS_PER_DAY - difference) <= SECONDS_TOLERANCE;
    },
  },
  {
    id: "out-of-range-subsecond",
    reason:
      "A record whose sub-second field is out of range (1,000,000 µs) is printed by tcpdump as the whole seconds and the " +
      "raw count (`17:16:10.1000000`, 5.x adds `(invalid us)`, FORMAT.md 3); tshark carries it into the seconds " +
      "(17:16:11.000000, or 0 for a count that overflows its nanoseconds). The text cannot be read as the true time: " +
      "it is known by a fraction longer than the precision allows.",
    field: (m, { packet }, { options }) =>
      (m.field === "time" || m.field === "t") && packet.time !== undefined && !fractionInRange(packet.time, options),
  },
];
