import { expect } from "chai";
import { parseSegment } from "../../src/grammar/index.js";
import type { ParsedSegment } from "../../src/grammar/types.js";
import { recordAt } from "./corpus.js";

/**
 * Field checks on real records (corpus and fixtures), one per grammar feature. Each expected value is what
 * the record's own text prints, read by the rules of FORMAT.md (section in `rule`): these tests
 * check that the grammar puts each printed value in the right field.
 */
interface FieldCase {
  /** `file:line` below test/fixtures/ where the record starts. */
  at: string;
  rule: string;
  expect: Partial<ParsedSegment>;
  /** Keys that must be absent (the text does not carry them). */
  absent?: (keyof ParsedSegment)[];
}

function parseAt(at: string): ParsedSegment {
  const [file, line] = at.split(":");
  const result = parseSegment(recordAt(`test/fixtures/${file}`, Number(line)));
  if (!result.ok) throw new Error(`${at}: ${result.error.message}`);
  return result.segment;
}

function cases(list: FieldCase[]): void {
  for (const c of list) {
    it(`${c.rule} (${c.at})`, () => {
      const segment = parseAt(c.at);
      expect(segment).to.deep.include(c.expect);
      for (const key of c.absent ?? []) expect(segment, key).not.to.have.property(key);
    });
  }
}

/** Section 3: the time stamp text of each -t form, micro and nano, as printed (minus the sign space). */
const TIMES: [at: string, form: string, time: string][] = [
  ["corpus/rendered/tcp-handshake-nano.nn.txt:1", "default", "17:16:09.924505"],
  ["corpus/rendered/tcp-handshake-nano.nn_time-stamp-precision=nano.txt:1", "default, nano", "17:16:09.924505488"],
  ["corpus/rendered/tcp-handshake-nano.nn_tt.txt:1", "-tt", "1418145369.924505"],
  ["corpus/rendered/tcp-handshake-nano.nn_tt_time-stamp-precision=nano.txt:2", "-tt, nano", "1418145370.052027262"],
  ["corpus/rendered/tcp-handshake-nano.nn_ttt.txt:2", "-ttt", "00:00:00.127522"],
  ["corpus/rendered/timestamp-gaps.nn_ttt.txt:3", "-ttt, negative delta", "-00:00:00.500000"],
  ["corpus/rendered/tcp-handshake-nano.nn_ttttt_time-stamp-precision=nano.txt:2", "-ttttt, nano", "00:00:00.127521774"],
  ["corpus/rendered/tcp-handshake-nano.nn_tttt.txt:1", "-tttt", "2014-12-09 17:16:09.924505"],
  ["corpus/rendered/tcp-handshake-nano.nn_tttt_time-stamp-precision=nano.txt:2", "-tttt, nano", "2014-12-09 17:16:10.052027262"],
];

describe("grammar: prefix fields", () => {
  cases(TIMES.map(([at, form, time]) => ({ at, rule: `3, time stamp ${form}`, expect: { time } })));
  cases([
    { at: "corpus/tests/ipoib-e.out:9", rule: "3, -# number right-aligned then two spaces", expect: { number: 9 } },
    {
      at: "corpus/rendered/tcp-handshake-nano.nn_t.txt:1",
      rule: "3, -t prints no time",
      expect: { src: "131.155.215.69", sport: 46656, flags: "S" },
      absent: ["time"],
    },
    { at: "corpus/rendered/lo-any.nn.txt:1", rule: "4.3, SLL2 interface and direction", expect: { iface: "lo", dir: "In" } },
    {
      at: "corpus/rendered/lo-any-pkttypes.S.txt:3",
      rule: "4.3, SLL2 unknown interface `?`, broadcast",
      expect: { iface: "?", dir: "B" },
    },
    { at: "corpus/rendered/lo-any-pkttypes.S.txt:2", rule: "4.3, SLL2 eth0 Out", expect: { iface: "eth0", dir: "Out" } },
  ]);
});

describe("grammar: link headers (-e)", () => {
  cases([
    {
      at: "corpus/rendered/accecn_handshake.e.txt:1",
      rule: "4.2, Ethernet with (oui ...) suffixes",
      expect: {
        link: { src: "00:0c:29:f7:80:12", dst: "18:fd:74:07:45:cd", type: "IPv4", length: 74 },
        family: 4,
      },
    },
    {
      at: "corpus/rendered/print-flags.nn_vvv_e_tttt.txt:1",
      rule: "4.2 + 5.1, Ethernet with -n, verbose header right after `length N: `",
      expect: { link: { src: "00:00:00:00:00:00", dst: "00:00:00:00:00:00", type: "IPv4", length: 74 } },
    },
    {
      at: "corpus/rendered/print-flags-vlan.e.txt:1",
      rule: "4.2, 802.1Q tag",
      expect: {
        link: { src: "00:00:00:00:00:00", dst: "00:00:00:00:00:00", type: "802.1Q", length: 78, vlan: [100] },
        family: 4,
      },
    },
    {
      at: "corpus/rendered/print-flags-vlan.e.txt:2",
      rule: "4.2, 802.1Q tag with DEI",
      expect: {
        link: { src: "00:00:00:00:00:00", dst: "00:00:00:00:00:00", type: "802.1Q", length: 78, vlan: [2748] },
      },
    },
    {
      at: "corpus/rendered/print-flags-sll-pkttypes.e.txt:3",
      rule: "4.3, SLL v1 direction right-justified (`  B`)",
      expect: { dir: "B", link: { src: "00:00:00:00:00:00", type: "IPv4", length: 68 } },
    },
    {
      at: "corpus/rendered/tcp-handshake-nano.nn_e.txt:2",
      rule: "4.3, SLL v1 without a MAC (` In`)",
      expect: { dir: "In", link: { type: "IPv4", length: 76 } },
    },
    {
      at: "corpus/rendered/lo-any-pkttypes.e.txt:2",
      rule: "4.3, SLL2 with -e: ifindex, MAC, ethertype",
      expect: { iface: "eth0", dir: "Out", link: { ifindex: 4, src: "00:00:00:00:00:00", type: "IPv4", length: 80 } },
    },
    {
      at: "corpus/rendered/tcp_rst_diag_payload.e.txt:1",
      rule: "4.4, BSD loopback `AF IPv4 (2)`",
      expect: { link: { type: "IPv4", length: 52 }, family: 4, dportName: "http-alt" },
    },
    {
      at: "tshark/renderings/bgp-shutdown-msg-variations.e.txt:1",
      rule: "4.2, a MAC replaced by its name (`Broadcast`)",
      expect: {
        link: { src: "00:00:00:00:00:00", dst: "Broadcast", type: "IPv4", length: 95 },
        sportName: "ftp-data",
        dportName: "bgp",
      },
    },
    {
      at: "tshark/renderings/bgp-addpath.nn_e.txt:1",
      rule: "4.4, raw IP with -e (`ip: `)",
      expect: { family: 4, src: "127.0.0.1", sport: 179, dst: "127.0.0.1", dport: 59631, len: 231 },
      absent: ["link"],
    },
    {
      at: "tshark/renderings/bgp_vpn_attrset.nn_e.txt:1",
      rule: "PPP with -e (`IP (0x0021), length N: `)",
      expect: { link: { type: "IP", length: 177 }, family: 4, src: "12.4.4.4", sport: 2051 },
    },
    {
      at: "tshark/renderings/bgp-aigp.nn_e.txt:1",
      rule: "Juniper with -ee: direction, `hlen N, proto 0xHHHH, `, Ethernet",
      expect: { dir: "Out", link: { src: "00:50:56:8b:6d:de", dst: "00:50:56:8b:5e:9f", type: "IPv4", length: 196 } },
    },
    { at: "corpus/tests/ipoib-e.out:9", rule: "IPoIB with -e", expect: { link: { type: "IPv4", length: 104 }, family: 4 } },
    {
      at: "corpus/tests/arcnet-rfc1201-arp-icmp-http-e.out:14",
      rule: "ARCNET with -e (`50 be oldip 68:`), family from the address",
      expect: { link: { length: 68 }, family: 4, src: "146.190.240.163", sport: 80 },
    },
  ]);
});

describe("grammar: network layer", () => {
  cases([
    {
      at: "corpus/tests/accecn_handshake.out:1",
      rule: "5.1, verbose IPv4 header joined with its TCP line",
      expect: {
        ip: { tos: "0x0", ttl: 64, id: 0, offset: 0, flags: "DF", proto: "TCP", length: 60 },
        family: 4,
        src: "31.133.146.248",
        sport: 16433,
      },
    },
    {
      at: "corpus/rendered/accecn_handshake.v.txt:7",
      rule: "5.1, ECN codepoint glued to tos",
      expect: { ip: { tos: "0x2", ecn: "ECT(0)", ttl: 64, id: 0, offset: 0, flags: "DF", proto: "TCP", length: 130 } },
    },
    {
      at: "corpus/rendered/tcp-edge-cases.nn_e_v.txt:32",
      rule: "5.1, ttl omitted when 0, CE, IP options",
      expect: { ip: { tos: "0x3", ecn: "CE", id: 1, offset: 0, flags: "DF", proto: "TCP", length: 56 } },
    },
    {
      at: "corpus/tests/ipv4_tcp_http_xml_tso.out:1",
      rule: "5.1, `[was 0, presumed TSO]` and bad IP checksum",
      expect: { ip: { tos: "0x0", ttl: 128, id: 17097, offset: 0, flags: "DF", proto: "TCP", length: 2016 } },
    },
    {
      at: "corpus/tests-local-4.99.3/kday4.out:24",
      rule: "5.1, 4.99.3 `truncated-ip - N bytes missing!` before the header",
      expect: {
        ip: { tos: "0x10", ttl: 62, id: 64806, offset: 0, flags: "DF", proto: "TCP", length: 820 },
        seq: 0,
        seqEnd: 768,
      },
    },
    {
      at: "corpus/tests/kday4.out:24",
      rule: "5.1, 4.99.5+ `[total length X > length Y] (invalid)` before the header",
      expect: { ip: { tos: "0x10", ttl: 62, id: 64806, offset: 0, flags: "DF", proto: "TCP", length: 820 } },
    },
    {
      at: "corpus/tests-local-4.99.3/bgp-orf.out:1",
      rule: "5.2, IPv6 verbose `next-header TCP (6) payload length: N` (4.99.3)",
      expect: {
        ip: { class: "0xc0", flowlabel: "0x4dfd4", hlim: 1, plen: 111 },
        family: 6,
        src: "fe80::a00:27ff:fe5e:d19e",
        sport: 34394,
      },
    },
    {
      at: "corpus/tests/bgp-orf.out:1",
      rule: "5.2, IPv6 verbose `, payload length N` (4.99.6+)",
      expect: {
        ip: { class: "0xc0", flowlabel: "0x4dfd4", hlim: 1, plen: 111 },
        dst: "fe80::ca5d:fd0d:cd8:1bb7",
        dport: 179,
      },
    },
    {
      at: "corpus/tests/bigtcp-ipv6.out:1",
      rule: "5.2, 5.x `[real length N, presumed BIG TCP]`",
      expect: {
        ip: { flowlabel: "0x81ccd", hlim: 61, plen: 0 },
        src: "2604:1380:4091:ce00::b",
        sport: 43267,
        len: 79968,
      },
    },
    {
      at: "corpus/rendered/tcp-edge-cases.S.txt:21",
      rule: "5.2, extension header: addresses from IPv6, ports-only TCP part, named port",
      expect: {
        family: 6,
        src: "2001:db8::1",
        dst: "2001:db8::2",
        sport: 50000,
        dportName: "https",
        ack: 89,
        win: 512,
      },
    },
    {
      at: "corpus/rendered/tcp-edge-cases.nn_vv.txt:42",
      rule: "5.2, verbose extension header `DSTOPT (padn)`",
      expect: { ip: { hlim: 64, plen: 28 }, src: "2001:db8::1", sport: 50000, dport: 443 },
    },
    {
      at: "corpus/tests/bigtcp-ipv6-hbh.out:1",
      rule: "5.2, hop-by-hop jumbo header then two spaces and the ports",
      expect: { src: "2604:1380:4091:ce00::d", sport: 41851, dst: "2604:1380:4091:ce00::b", dport: 43913, len: 80000 },
    },
    {
      at: "corpus/rendered/geneve.S.txt:4",
      rule: "9, Geneve with options: the TCP part is the inner packet",
      expect: {
        src: "30.0.0.1",
        sportName: "ssh",
        dst: "30.0.0.2",
        dport: 51225,
        flags: "S.",
        seq: 2910871522,
        family: 4,
      },
    },
    {
      at: "corpus/rendered/geneve.e.txt:3",
      rule: "9, Geneve with -e: the inner frame's link header and addresses",
      expect: {
        link: { src: "fe:71:d8:83:72:4f", dst: "b6:9e:d2:49:51:48", type: "IPv4", length: 74 },
        src: "30.0.0.2",
        dportName: "ssh",
      },
    },
    {
      at: "corpus/tests/lspping-fec-ldp.out:1",
      rule: "9, MPLS label stack before IP",
      expect: {
        src: "12.4.4.4",
        sport: 4100,
        dst: "12.8.8.8",
        dport: 179,
        seq: 1860641958,
        seqEnd: 1860641977,
        payload: "BGP",
      },
    },
  ]);
});

describe("grammar: TCP fields", () => {
  cases([
    {
      at: "corpus/tests/tcp_rst_data-v.out:1",
      rule: "6.1, FORMAT.md's own -v example",
      expect: {
        src: "199.204.31.89",
        sport: 80,
        dst: "172.16.133.41",
        dport: 52875,
        flags: "R.",
        cksum: { value: "0x8471", correct: true },
        seq: 1617159969,
        seqEnd: 1617160027,
        ack: 1936660873,
        win: 5785,
        len: 58,
        payload: "[RST+ BIG-IP: [0x11c5672:3045] {peer]",
      },
      absent: ["truncated"],
    },
    {
      at: "corpus/tests/accecn_handshake.out:3",
      rule: "6.5, incorrect checksum with the computed value",
      expect: { cksum: { value: "0x22a8", correct: true }, flags: "S.W" },
    },
    {
      at: "corpus/tests/accecn_handshake.out:5",
      rule: "6.5, incorrect checksum with the computed value",
      expect: { cksum: { value: "0x20a4", correct: false, computed: "0x3b19" }, flags: ".W", ack: 1 },
      absent: ["seq"],
    },
    {
      at: "corpus/rendered/tcp-edge-cases.e.txt:23",
      rule: "6.6, seq A:B wraps",
      expect: { seq: 4294967295, seqEnd: 1, len: 2 },
    },
    {
      at: "corpus/tests/babel_update_oobr.out:9",
      rule: "6.8, urg, AE flag",
      expect: { flags: "S.UWe", urg: 25778, win: 45746 },
    },
    {
      at: "corpus/tests/geneve-gcp.out:1",
      rule: "6.8, `[ack N != 0 while ACK flag not set]`",
      expect: { flags: "none", seq: 760929856, win: 512, len: 0 },
      absent: ["ack"],
    },
    {
      at: "corpus/rendered/tcp-handshake-nano.nn_q.txt:1",
      rule: "6.3, quiet mode `tcp N`",
      expect: { src: "131.155.215.69", sport: 46656, dst: "137.116.81.94", dport: 80, len: 0 },
      absent: ["flags", "win"],
    },
    {
      at: "corpus/rendered/tcp-edge-cases.nn.txt:13",
      rule: "6.11, header too short: `:  tcp N [bad hdr length ...]`",
      expect: { sport: 40000, dport: 80, len: 4, truncated: true },
      absent: ["flags"],
    },
    {
      at: "corpus/rendered/tcp-edge-cases.nn.txt:14",
      rule: "6.11, header too long: `Flags [.] [bad hdr length ...]`",
      expect: { flags: ".", truncated: true },
      absent: ["win", "len"],
    },
    {
      at: "corpus/rendered/tcp-edge-cases.nn_q.txt:14",
      rule: "6.3, quiet mode with a wrapped length and a bad header",
      expect: { len: 4294967256, truncated: true },
    },
    {
      at: "corpus/rendered/tcp-truncated.nn.txt:1",
      rule: "6.2, capture ends before the ports: hosts only",
      expect: { src: "192.0.2.10", dst: "198.51.100.20", family: 4, truncated: true },
      absent: ["sport", "dport", "flags"],
    },
    {
      at: "corpus/rendered/tcp-truncated.nn.txt:2",
      rule: "6.2, capture ends after the ports: `:  [|tcp]` (two spaces)",
      expect: { src: "192.0.2.10", sport: 40000, dst: "198.51.100.20", dport: 80, truncated: true },
      absent: ["flags", "len"],
    },
    {
      at: "corpus/tests-local-4.99.3/bigtcp-ipv6.out:1",
      rule: "6.2, IPv6 hosts only",
      expect: { src: "2604:1380:4091:ce00::b", dst: "2604:1380:4091:ce00::d", family: 6, truncated: true },
      absent: ["sport"],
    },
    {
      at: "corpus/rendered/print-flags.default.txt:1",
      rule: "6.2, names: host and service split at the last dot",
      expect: { src: "localhost", sport: 55920, dst: "localhost", dportName: "http" },
    },
  ]);
});

describe("grammar: options", () => {
  cases([
    {
      at: "corpus/rendered/tcp-handshake-nano.nn.txt:2",
      rule: "6.9, mss, nop, wscale, sackOK, TS",
      expect: {
        options: {
          list: ["mss 1440", "nop", "wscale 8", "sackOK", "TS val 234205008 ecr 1131021154"],
          mss: 1440,
          wscale: 8,
          sackOK: true,
          tsval: 234205008,
          tsecr: 1131021154,
        },
      },
    },
    {
      at: "corpus/rendered/tcp-edge-cases.S.txt:5",
      rule: "6.9, sack with three blocks",
      expect: {
        options: {
          list: ["nop", "nop", "sack 3 {1101:1201}{1301:1401}{1501:1601}"],
          sack: [[1101, 1201], [1301, 1401], [1501, 1601]] as [number, number][],
        },
      },
    },
    {
      at: "corpus/rendered/tcp-edge-cases.S.txt:11",
      rule: "6.9, uto, unknown-K with data, md5 text with a comma, wscale, eol",
      expect: {
        options: {
          list: [
            "uto 0x812c 16534",
            "unknown-99 0xdeadbeef",
            "md5 shared secret not supplied with -M, can't check - 000102030405060708090a0b0c0d0e0f",
            "wscale 14",
            "eol",
          ],
          wscale: 14,
        },
        payload: "HTTP",
      },
    },
    {
      at: "corpus/tests/bgp-aigp-oobr-nossl.out:1",
      rule: "6.9, md5 digest (build without OpenSSL)",
      expect: { options: { list: ["md5 02f77f975463199362b9fbfb089a2e56", "eol"] } },
    },
    {
      at: "corpus/tests/bgp_mvpn_6_and_7_oobr.out:1",
      rule: "6.9, unknown-K without data",
      expect: { options: { list: ["unknown-161", "eol"] } },
    },
    { at: "corpus/tests/tfo.out:1", rule: "6.9, exp-tfo cookiereq", expect: { options: { list: ["exp-tfo cookiereq"] } } },
    {
      at: "corpus/tests/tfo.out:3",
      rule: "6.9, exp-tfo cookie",
      expect: { options: { list: ["exp-tfo cookie 090909090000", "nop", "nop"] } },
    },
    {
      at: "corpus/tests/accecn_handshake.out:5",
      rule: "6.9, exp-HHHH",
      expect: {
        options: {
          list: ["nop", "nop", "TS val 112147698 ecr 2783239876", "exp-acc0", "eol"],
          tsval: 112147698,
          tsecr: 2783239876,
        },
      },
    },
    {
      at: "corpus/tests/mptcp-v1.out:4",
      rule: "6.9, MPTCP with brackets, braces and commas",
      expect: {
        options: {
          list: [
            "nop",
            "nop",
            "TS val 464494241 ecr 3275212179",
            "mptcp 22 capable v1 flags [H] {0x1fdb5df328bc3def,0x29a6c86981ad933c,data_len=8192}",
            "nop",
            "nop",
          ],
          tsval: 464494241,
          tsecr: 3275212179,
        },
      },
    },
    {
      at: "corpus/tests/mptcp-aa-echo.out:2",
      rule: "6.9, MPTCP add-addr with an address",
      expect: {
        options: {
          list: [
            "nop",
            "nop",
            "TS val 373322532 ecr 4275366718",
            "mptcp 8 add-addr v1-echo id 1 10.0.2.1",
            "mptcp 12 dss ack 17984156407873109865",
          ],
          tsval: 373322532,
          tsecr: 4275366718,
        },
      },
    },
    {
      at: "corpus/tests/mptcp-tcprst.out:1",
      rule: "6.9, MPTCP tcprst (5.x)",
      expect: { options: { list: ["mptcp 4 tcprst flags [none] reason Unspecified error"] } },
    },
    {
      at: "corpus/tests/tcp-auth-heapoverflow.out:1",
      rule: "6.9 + 7, tcp-ao cut by `[|tcp]`",
      expect: { options: { list: ["tcp-ao keyid 48 rnextkeyid 48 mac 0x303030303030"] }, urg: 12336, truncated: true },
      absent: ["len"],
    },
    {
      at: "corpus/rendered/tcp-truncated.nn.txt:5",
      rule: "7, 4.99.3 `TS [|tcp]>`",
      expect: { options: { list: ["mss 1460", "sackOK", "TS"], mss: 1460, sackOK: true }, truncated: true },
      absent: ["len"],
    },
    {
      at: "corpus/rendered/tcp-truncated.nn.txt:4",
      rule: "7, `options [ [|tcp]`",
      expect: { options: { list: [] }, truncated: true },
      absent: ["len"],
    },
    {
      at: "corpus/rendered/scps_invalid.nn.txt:1",
      rule: "6.9, `scps[bad opt]]`: printing stops",
      expect: {
        options: { list: ["mss 1452", "nop", "wscale 2", "nop", "nop", "scps[bad opt]"], mss: 1452, wscale: 2 },
        truncated: true,
      },
      absent: ["len"],
    },
    {
      at: "corpus/rendered/tcp-edge-cases.S.txt:12",
      rule: "6.9, `[bad opt]` as an item",
      expect: { options: { list: ["nop", "[bad opt]"] }, truncated: true },
      absent: ["len"],
    },
  ]);
});

describe("grammar: payload summaries", () => {
  cases([
    {
      at: "corpus/tests/arcnet-rfc1051-arp-icmp-http-e.out:14",
      rule: "7, HTTP after `: `",
      expect: { len: 194, payload: "HTTP: GET / HTTP/1.1" },
    },
    {
      at: "tshark/renderings/ldp-common-session.nn.txt:1",
      rule: "7, LDP glued to the length",
      expect: { len: 32, payload: "LDP, Label-Space-ID: 192.168.0.2:0, pdu-length: 28" },
    },
    {
      at: "corpus/tests/dns_tcp-skip-3-c-1.out:1",
      rule: "7, DNS after one space",
      expect: { len: 58, payload: "17177+ [1au] A? www.tcpdump.org. (56)" },
      absent: ["truncated"],
    },
    {
      at: "corpus/tests/babel_update_oobr.out:9",
      rule: "7, `[|proto]` in the payload",
      expect: { payload: "RESP [|resp]", truncated: true },
    },
    {
      at: "corpus/tests/tcp_rst_data-trunc-v.out:1",
      rule: "7, RST text then `[|tcp]`",
      expect: { len: 58, payload: "[RST+ BIG-IP: [0x11c5672:3045] {peer] [|tcp]", truncated: true },
    },
    {
      at: "corpus/tests/beep-oobr.out:2",
      rule: "7, remaining caplen note",
      expect: {
        len: 12308,
        payload: "[remaining caplen(24) < header length(28)] [|tcp]",
        truncated: true,
        options: { list: ["eol"] },
      },
    },
    {
      at: "corpus/tests/ssh.out:48",
      rule: "6.9, sack with one block",
      expect: {
        options: { list: [...Array(14).fill("nop"), "sack 1 {5282:5283}"], sack: [[5282, 5283]] as [number, number][] },
      },
    },
  ]);
});
