import { expect } from "chai";
import { parseSegment } from "../../src/grammar/index.js";
import type { ParsedSegment } from "../../src/grammar/types.js";
import { corpusRecord } from "./corpus.js";

/**
 * Field checks on real corpus records, one per grammar feature. Each expected value is what
 * the record's own text prints, read by the rules of FORMAT.md (section in `rule`): these tests
 * check that the grammar puts each printed value in the right field.
 */
interface FieldCase {
  /** `file:line` in test/fixtures/corpus/ where the record starts. */
  at: string;
  rule: string;
  expect: Partial<ParsedSegment>;
  /** Keys that must be absent (the text does not carry them). */
  absent?: (keyof ParsedSegment)[];
}

function parseAt(at: string): ParsedSegment {
  const [file, line] = at.split(":");
  const result = parseSegment(corpusRecord(file, Number(line)));
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
  ["rendered/tcp-handshake-nano.nn.txt:1", "default", "17:16:09.924505"],
  ["rendered/tcp-handshake-nano.nn_time-stamp-precision=nano.txt:1", "default, nano", "17:16:09.924505488"],
  ["rendered/tcp-handshake-nano.nn_tt.txt:1", "-tt", "1418145369.924505"],
  ["rendered/tcp-handshake-nano.nn_tt_time-stamp-precision=nano.txt:2", "-tt, nano", "1418145370.052027262"],
  ["rendered/tcp-handshake-nano.nn_ttt.txt:2", "-ttt", "00:00:00.127522"],
  ["rendered/timestamp-gaps.nn_ttt.txt:3", "-ttt, negative delta", "-00:00:00.500000"],
  ["rendered/tcp-handshake-nano.nn_ttttt_time-stamp-precision=nano.txt:2", "-ttttt, nano", "00:00:00.127521774"],
  ["rendered/tcp-handshake-nano.nn_tttt.txt:1", "-tttt", "2014-12-09 17:16:09.924505"],
  ["rendered/tcp-handshake-nano.nn_tttt_time-stamp-precision=nano.txt:2", "-tttt, nano", "2014-12-09 17:16:10.052027262"],
];

describe("grammar: prefix fields", () => {
  cases(TIMES.map(([at, form, time]) => ({ at, rule: `3, time stamp ${form}`, expect: { time } })));
  cases([
    { at: "tests/ipoib-e.out:9", rule: "3, -# number right-aligned then two spaces", expect: { number: 9 } },
    {
      at: "rendered/tcp-handshake-nano.nn_t.txt:1",
      rule: "3, -t prints no time",
      expect: { src: "131.155.215.69", sport: 46656, flags: "S" },
      absent: ["time"],
    },
    { at: "rendered/lo-any.nn.txt:1", rule: "4.3, SLL2 interface and direction", expect: { iface: "lo", dir: "In" } },
    {
      at: "rendered/lo-any-pkttypes.S.txt:3",
      rule: "4.3, SLL2 unknown interface `?`, broadcast",
      expect: { iface: "?", dir: "B" },
    },
    { at: "rendered/lo-any-pkttypes.S.txt:2", rule: "4.3, SLL2 eth0 Out", expect: { iface: "eth0", dir: "Out" } },
  ]);
});

describe("grammar: link headers (-e)", () => {
  cases([
    {
      at: "rendered/accecn_handshake.e.txt:1",
      rule: "4.2, Ethernet with (oui ...) suffixes",
      expect: {
        link: { src: "00:0c:29:f7:80:12", dst: "18:fd:74:07:45:cd", type: "IPv4", length: 74 },
        family: 4,
      },
    },
    {
      at: "rendered/print-flags.nn_vvv_e_tttt.txt:1",
      rule: "4.2 + 5.1, Ethernet with -n, verbose header right after `length N: `",
      expect: { link: { src: "00:00:00:00:00:00", dst: "00:00:00:00:00:00", type: "IPv4", length: 74 } },
    },
    {
      at: "rendered/print-flags-vlan.e.txt:1",
      rule: "4.2, 802.1Q tag",
      expect: {
        link: { src: "00:00:00:00:00:00", dst: "00:00:00:00:00:00", type: "802.1Q", length: 78, vlan: [100] },
        family: 4,
      },
    },
    {
      at: "rendered/print-flags-vlan.e.txt:2",
      rule: "4.2, 802.1Q tag with DEI",
      expect: {
        link: { src: "00:00:00:00:00:00", dst: "00:00:00:00:00:00", type: "802.1Q", length: 78, vlan: [2748] },
      },
    },
    {
      at: "rendered/print-flags-sll-pkttypes.e.txt:3",
      rule: "4.3, SLL v1 direction right-justified (`  B`)",
      expect: { dir: "B", link: { src: "00:00:00:00:00:00", type: "IPv4", length: 68 } },
    },
    {
      at: "rendered/tcp-handshake-nano.nn_e.txt:2",
      rule: "4.3, SLL v1 without a MAC (` In`)",
      expect: { dir: "In", link: { type: "IPv4", length: 76 } },
    },
    {
      at: "rendered/lo-any-pkttypes.e.txt:2",
      rule: "4.3, SLL2 with -e: ifindex, MAC, ethertype",
      expect: { iface: "eth0", dir: "Out", link: { ifindex: 4, src: "00:00:00:00:00:00", type: "IPv4", length: 80 } },
    },
    {
      at: "rendered/tcp_rst_diag_payload.e.txt:1",
      rule: "4.4, BSD loopback `AF IPv4 (2)`",
      expect: { link: { type: "IPv4", length: 52 }, family: 4, dportName: "http-alt" },
    },
    { at: "tests/ipoib-e.out:9", rule: "IPoIB with -e", expect: { link: { type: "IPv4", length: 104 }, family: 4 } },
    {
      at: "tests/arcnet-rfc1201-arp-icmp-http-e.out:14",
      rule: "ARCNET with -e (`50 be oldip 68:`), family from the address",
      expect: { link: { length: 68 }, family: 4, src: "146.190.240.163", sport: 80 },
    },
  ]);
});

describe("grammar: network layer", () => {
  cases([
    {
      at: "tests/accecn_handshake.out:1",
      rule: "5.1, verbose IPv4 header joined with its TCP line",
      expect: {
        ip: { tos: "0x0", ttl: 64, id: 0, offset: 0, flags: "DF", proto: "TCP", length: 60 },
        family: 4,
        src: "31.133.146.248",
        sport: 16433,
      },
    },
    {
      at: "rendered/accecn_handshake.v.txt:7",
      rule: "5.1, ECN codepoint glued to tos",
      expect: { ip: { tos: "0x2", ecn: "ECT(0)", ttl: 64, id: 0, offset: 0, flags: "DF", proto: "TCP", length: 130 } },
    },
    {
      at: "rendered/tcp-edge-cases.nn_e_v.txt:32",
      rule: "5.1, ttl omitted when 0, CE, IP options",
      expect: { ip: { tos: "0x3", ecn: "CE", id: 1, offset: 0, flags: "DF", proto: "TCP", length: 56 } },
    },
    {
      at: "tests/ipv4_tcp_http_xml_tso.out:1",
      rule: "5.1, `[was 0, presumed TSO]` and bad IP checksum",
      expect: { ip: { tos: "0x0", ttl: 128, id: 17097, offset: 0, flags: "DF", proto: "TCP", length: 2016 } },
    },
    {
      at: "tests-local-4.99.3/kday4.out:24",
      rule: "5.1, 4.99.3 `truncated-ip - N bytes missing!` before the header",
      expect: {
        ip: { tos: "0x10", ttl: 62, id: 64806, offset: 0, flags: "DF", proto: "TCP", length: 820 },
        seq: 0,
        seqEnd: 768,
      },
    },
    {
      at: "tests/kday4.out:24",
      rule: "5.1, 4.99.5+ `[total length X > length Y] (invalid)` before the header",
      expect: { ip: { tos: "0x10", ttl: 62, id: 64806, offset: 0, flags: "DF", proto: "TCP", length: 820 } },
    },
    {
      at: "tests-local-4.99.3/bgp-orf.out:1",
      rule: "5.2, IPv6 verbose `next-header TCP (6) payload length: N` (4.99.3)",
      expect: {
        ip: { class: "0xc0", flowlabel: "0x4dfd4", hlim: 1, plen: 111 },
        family: 6,
        src: "fe80::a00:27ff:fe5e:d19e",
        sport: 34394,
      },
    },
    {
      at: "tests/bgp-orf.out:1",
      rule: "5.2, IPv6 verbose `, payload length N` (4.99.6+)",
      expect: {
        ip: { class: "0xc0", flowlabel: "0x4dfd4", hlim: 1, plen: 111 },
        dst: "fe80::ca5d:fd0d:cd8:1bb7",
        dport: 179,
      },
    },
    {
      at: "tests/bigtcp-ipv6.out:1",
      rule: "5.2, 5.x `[real length N, presumed BIG TCP]`",
      expect: {
        ip: { flowlabel: "0x81ccd", hlim: 61, plen: 0 },
        src: "2604:1380:4091:ce00::b",
        sport: 43267,
        len: 79968,
      },
    },
    {
      at: "rendered/tcp-edge-cases.S.txt:21",
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
      at: "rendered/tcp-edge-cases.nn_vv.txt:42",
      rule: "5.2, verbose extension header `DSTOPT (padn)`",
      expect: { ip: { hlim: 64, plen: 28 }, src: "2001:db8::1", sport: 50000, dport: 443 },
    },
    {
      at: "tests/bigtcp-ipv6-hbh.out:1",
      rule: "5.2, hop-by-hop jumbo header then two spaces and the ports",
      expect: { src: "2604:1380:4091:ce00::d", sport: 41851, dst: "2604:1380:4091:ce00::b", dport: 43913, len: 80000 },
    },
    {
      at: "rendered/geneve.S.txt:4",
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
      at: "rendered/geneve.e.txt:3",
      rule: "9, Geneve with -e: outer link header, inner addresses",
      expect: {
        link: { src: "00:1b:21:3c:ac:30", dst: "00:1b:21:3c:ab:64", type: "IPv4", length: 124 },
        src: "30.0.0.2",
        dportName: "ssh",
      },
    },
    {
      at: "tests/lspping-fec-ldp.out:1",
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
      at: "tests/tcp_rst_data-v.out:1",
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
      at: "tests/accecn_handshake.out:3",
      rule: "6.5, incorrect checksum with the computed value",
      expect: { cksum: { value: "0x22a8", correct: true }, flags: "S.W" },
    },
    {
      at: "tests/accecn_handshake.out:5",
      rule: "6.5, incorrect checksum with the computed value",
      expect: { cksum: { value: "0x20a4", correct: false, computed: "0x3b19" }, flags: ".W", ack: 1 },
      absent: ["seq"],
    },
    {
      at: "rendered/tcp-edge-cases.e.txt:23",
      rule: "6.6, seq A:B wraps",
      expect: { seq: 4294967295, seqEnd: 1, len: 2 },
    },
    {
      at: "tests/babel_update_oobr.out:9",
      rule: "6.8, urg, AE flag",
      expect: { flags: "S.UWe", urg: 25778, win: 45746 },
    },
    {
      at: "tests/geneve-gcp.out:1",
      rule: "6.8, `[ack N != 0 while ACK flag not set]`",
      expect: { flags: "none", seq: 760929856, win: 512, len: 0 },
      absent: ["ack"],
    },
    {
      at: "rendered/tcp-handshake-nano.nn_q.txt:1",
      rule: "6.3, quiet mode `tcp N`",
      expect: { src: "131.155.215.69", sport: 46656, dst: "137.116.81.94", dport: 80, len: 0 },
      absent: ["flags", "win"],
    },
    {
      at: "rendered/tcp-edge-cases.nn.txt:13",
      rule: "6.11, header too short: `:  tcp N [bad hdr length ...]`",
      expect: { sport: 40000, dport: 80, len: 4, truncated: true },
      absent: ["flags"],
    },
    {
      at: "rendered/tcp-edge-cases.nn.txt:14",
      rule: "6.11, header too long: `Flags [.] [bad hdr length ...]`",
      expect: { flags: ".", truncated: true },
      absent: ["win", "len"],
    },
    {
      at: "rendered/tcp-edge-cases.nn_q.txt:14",
      rule: "6.3, quiet mode with a wrapped length and a bad header",
      expect: { len: 4294967256, truncated: true },
    },
    {
      at: "rendered/tcp-truncated.nn.txt:1",
      rule: "6.2, capture ends before the ports: hosts only",
      expect: { src: "192.0.2.10", dst: "198.51.100.20", family: 4, truncated: true },
      absent: ["sport", "dport", "flags"],
    },
    {
      at: "rendered/tcp-truncated.nn.txt:2",
      rule: "6.2, capture ends after the ports: `:  [|tcp]` (two spaces)",
      expect: { src: "192.0.2.10", sport: 40000, dst: "198.51.100.20", dport: 80, truncated: true },
      absent: ["flags", "len"],
    },
    {
      at: "tests-local-4.99.3/bigtcp-ipv6.out:1",
      rule: "6.2, IPv6 hosts only",
      expect: { src: "2604:1380:4091:ce00::b", dst: "2604:1380:4091:ce00::d", family: 6, truncated: true },
      absent: ["sport"],
    },
    {
      at: "rendered/print-flags.default.txt:1",
      rule: "6.2, names: host and service split at the last dot",
      expect: { src: "localhost", sport: 55920, dst: "localhost", dportName: "http" },
    },
  ]);
});

describe("grammar: options", () => {
  cases([
    {
      at: "rendered/tcp-handshake-nano.nn.txt:2",
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
      at: "rendered/tcp-edge-cases.S.txt:5",
      rule: "6.9, sack with three blocks",
      expect: {
        options: {
          list: ["nop", "nop", "sack 3 {1101:1201}{1301:1401}{1501:1601}"],
          sack: [[1101, 1201], [1301, 1401], [1501, 1601]] as [number, number][],
        },
      },
    },
    {
      at: "rendered/tcp-edge-cases.S.txt:11",
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
      at: "tests/bgp-aigp-oobr-nossl.out:1",
      rule: "6.9, md5 digest (build without OpenSSL)",
      expect: { options: { list: ["md5 02f77f975463199362b9fbfb089a2e56", "eol"] } },
    },
    {
      at: "tests/bgp_mvpn_6_and_7_oobr.out:1",
      rule: "6.9, unknown-K without data",
      expect: { options: { list: ["unknown-161", "eol"] } },
    },
    { at: "tests/tfo.out:1", rule: "6.9, exp-tfo cookiereq", expect: { options: { list: ["exp-tfo cookiereq"] } } },
    {
      at: "tests/tfo.out:3",
      rule: "6.9, exp-tfo cookie",
      expect: { options: { list: ["exp-tfo cookie 090909090000", "nop", "nop"] } },
    },
    {
      at: "tests/accecn_handshake.out:5",
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
      at: "tests/mptcp-v1.out:4",
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
      at: "tests/mptcp-aa-echo.out:2",
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
      at: "tests/mptcp-tcprst.out:1",
      rule: "6.9, MPTCP tcprst (5.x)",
      expect: { options: { list: ["mptcp 4 tcprst flags [none] reason Unspecified error"] } },
    },
    {
      at: "tests/tcp-auth-heapoverflow.out:1",
      rule: "6.9 + 7, tcp-ao cut by `[|tcp]`",
      expect: { options: { list: ["tcp-ao keyid 48 rnextkeyid 48 mac 0x303030303030"] }, urg: 12336, truncated: true },
      absent: ["len"],
    },
    {
      at: "rendered/tcp-truncated.nn.txt:5",
      rule: "7, 4.99.3 `TS [|tcp]>`",
      expect: { options: { list: ["mss 1460", "sackOK", "TS"], mss: 1460, sackOK: true }, truncated: true },
      absent: ["len"],
    },
    {
      at: "rendered/tcp-truncated.nn.txt:4",
      rule: "7, `options [ [|tcp]`",
      expect: { options: { list: [] }, truncated: true },
      absent: ["len"],
    },
    {
      at: "rendered/scps_invalid.nn.txt:1",
      rule: "6.9, `scps[bad opt]]`: printing stops",
      expect: {
        options: { list: ["mss 1452", "nop", "wscale 2", "nop", "nop", "scps[bad opt]"], mss: 1452, wscale: 2 },
        truncated: true,
      },
      absent: ["len"],
    },
    {
      at: "rendered/tcp-edge-cases.S.txt:12",
      rule: "6.9, `[bad opt]` as an item",
      expect: { options: { list: ["nop", "[bad opt]"] }, truncated: true },
      absent: ["len"],
    },
  ]);
});

describe("grammar: payload summaries", () => {
  cases([
    {
      at: "tests/arcnet-rfc1051-arp-icmp-http-e.out:14",
      rule: "7, HTTP after `: `",
      expect: { len: 194, payload: "HTTP: GET / HTTP/1.1" },
    },
    {
      at: "tests/dns_tcp-skip-3-c-1.out:1",
      rule: "7, DNS after one space",
      expect: { len: 58, payload: "17177+ [1au] A? www.tcpdump.org. (56)" },
      absent: ["truncated"],
    },
    {
      at: "tests/babel_update_oobr.out:9",
      rule: "7, `[|proto]` in the payload",
      expect: { payload: "RESP [|resp]", truncated: true },
    },
    {
      at: "tests/tcp_rst_data-trunc-v.out:1",
      rule: "7, RST text then `[|tcp]`",
      expect: { len: 58, payload: "[RST+ BIG-IP: [0x11c5672:3045] {peer] [|tcp]", truncated: true },
    },
    {
      at: "tests/beep-oobr.out:2",
      rule: "7, remaining caplen note",
      expect: {
        len: 12308,
        payload: "[remaining caplen(24) < header length(28)] [|tcp]",
        truncated: true,
        options: { list: ["eol"] },
      },
    },
    {
      at: "tests/ssh.out:48",
      rule: "6.9, sack with one block",
      expect: {
        options: { list: [...Array(14).fill("nop"), "sack 1 {5282:5283}"], sack: [[5282, 5283]] as [number, number][] },
      },
    },
  ]);
});
