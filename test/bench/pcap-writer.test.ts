/**
 * The benchmark's pcap writer checked against real tools: tcpdump must print every packet
 * with correct checksums, and tshark must validate the checksums, find one complete stream
 * per generated connection with nothing for its TCP analysis to flag, and reassemble every
 * HTTP exchange. The expected counts come from the parameters given to the writer.
 */
import { expect } from "chai";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEFAULT_FLOOD_TRAFFIC,
  DEFAULT_PROXY_TRAFFIC,
  DEFAULT_SERVER_TRAFFIC,
  writeFloodCapture,
  writeProxyCaptures,
  writeServerCapture,
  type CaptureSummary,
} from "../../scripts/bench/pcap-writer.js";
import { epochMicros, runTool, tsharkFields } from "./capture-tools.js";

const SERVER = { ...DEFAULT_SERVER_TRAFFIC, connections: 60 };
const PROXY = { ...DEFAULT_PROXY_TRAFFIC, connections: 25 };
const FLOOD = { ...DEFAULT_FLOOD_TRAFFIC, connections: 40 };
/** The proxy's inside address and public address, as configured in the generator's topology. */
const PROXY_INSIDE = "10.20.0.5";
const PROXY_PUBLIC = "192.0.2.80";

const SYN = "tcp.flags.syn==1 && tcp.flags.ack==0";
const SYN_ACK = "tcp.flags.syn==1 && tcp.flags.ack==1";

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

describe("bench pcap writer, checked with tcpdump and tshark", function () {
  let dir: string;
  let server: CaptureSummary;
  let front: CaptureSummary;
  let back: CaptureSummary;
  let flood: CaptureSummary;
  const all = (): CaptureSummary[] => [server, front, back, flood];

  before(function () {
    dir = mkdtempSync(join(tmpdir(), "pcap-writer-test-"));
    server = writeServerCapture(join(dir, "server.pcap"), SERVER);
    ({ front, back } = writeProxyCaptures(join(dir, "front.pcap"), join(dir, "back.pcap"), PROXY));
    flood = writeFloodCapture(join(dir, "flood.pcap"), FLOOD);
  });

  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it("tcpdump -nn reads every packet without a complaint or a truncated line", function () {
    for (const capture of all()) {
      const output = runTool("tcpdump", ["-nn", "-r", capture.path]);
      expect(output.status, output.stderr).to.equal(0);
      expect(output.stderr.trim().split("\n")).to.deep.equal([
        `reading from file ${capture.path}, link-type EN10MB (Ethernet), snapshot length 262144`,
      ]);
      const lines = output.stdout.trim().split("\n");
      expect(lines).to.have.length(tsharkFields(capture.path, ["frame.number"]).length);
      expect(lines.filter((line) => /\[\||invalid|bad /.test(line))).to.deep.equal([]);
    }
  });

  it("tcpdump -vvv prints every TCP checksum as correct", function () {
    for (const capture of all()) {
      const text = runTool("tcpdump", ["-nn", "-vvv", "-r", capture.path]).stdout;
      expect(text.match(/, cksum 0x[0-9a-f]{4} \(correct\)/g) ?? []).to.have.length(capture.packets);
      expect(text).not.to.match(/\(incorrect|bad cksum/);
    }
  });

  it("tshark validates every IPv4 and TCP checksum", function () {
    for (const capture of all()) {
      const rows = tsharkFields(capture.path, ["ip.checksum.status", "tcp.checksum.status"]);
      expect(rows).to.have.length(capture.packets);
      // checksum.status: 0 bad, 1 good, 2 unverified
      expect(rows.filter((row) => row["ip.checksum.status"] !== "1" || row["tcp.checksum.status"] !== "1")).to.deep.equal([]);
    }
  });

  it("tshark's TCP analysis flags nothing and no packet is malformed", function () {
    for (const capture of all()) {
      const flagged = tsharkFields(capture.path, ["frame.number", "_ws.col.Info"], "tcp.analysis.flags || _ws.malformed");
      expect(flagged).to.deep.equal([]);
    }
  });

  it("tshark finds one complete stream per connection: handshake, data, FIN or RST", function () {
    for (const [capture, connections] of [[server, SERVER.connections], [front, PROXY.connections], [back, PROXY.connections]] as const) {
      const rows = tsharkFields(capture.path, ["tcp.stream", "tcp.completeness", "tcp.flags.syn", "tcp.flags.ack"]);
      const streams = groupBy(rows, (row) => row["tcp.stream"]);
      expect(streams.size).to.equal(connections);
      for (const packets of streams.values()) {
        expect(packets.filter((p) => p["tcp.flags.syn"] === "1" && p["tcp.flags.ack"] === "0")).to.have.length(1);
        expect(packets.filter((p) => p["tcp.flags.syn"] === "1" && p["tcp.flags.ack"] === "1")).to.have.length(1);
        // tcp.completeness bits: 1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST
        const completeness = Math.max(...packets.map((p) => Number(p["tcp.completeness"])));
        expect(completeness & 15).to.equal(15);
        expect(completeness & 48).to.be.greaterThan(0);
      }
    }
  });

  it("connections overlap in time, many at once", function () {
    const rows = tsharkFields(server.path, ["tcp.stream", "frame.time_epoch"]);
    const spans = [...groupBy(rows, (row) => row["tcp.stream"]).values()].map((packets) => {
      const times = packets.map((p) => epochMicros(p["frame.time_epoch"]));
      return { start: Math.min(...times), end: Math.max(...times) };
    });
    const busiest = Math.max(...spans.map((span) => spans.filter((other) => other.start <= span.start && span.start <= other.end).length));
    expect(busiest).to.be.greaterThan(SERVER.connections / 4);
  });

  it("SYNs carry mss, sackOK and wscale, and TS is used on every segment exactly when both SYNs offered it", function () {
    const rows = tsharkFields(server.path, ["tcp.stream", "tcp.flags.syn", "tcp.flags.ack", "tcp.option_kind"]);
    const kinds = (row: Record<string, string>): Set<string> => new Set(row["tcp.option_kind"].split(","));
    let withTimestamps = 0;
    for (const packets of groupBy(rows, (row) => row["tcp.stream"]).values()) {
      const [syn, synAck, ...rest] = packets;
      for (const handshake of [syn, synAck]) {
        expect(handshake["tcp.flags.syn"]).to.equal("1");
        // option kinds: 2 mss, 4 sackOK, 3 wscale, 8 TS
        expect([...kinds(handshake)]).to.include.members(["2", "4", "3"]);
      }
      const negotiated = kinds(syn).has("8") && kinds(synAck).has("8");
      if (negotiated) withTimestamps++;
      expect(kinds(synAck).has("8")).to.equal(kinds(syn).has("8"));
      expect(rest.filter((row) => kinds(row).has("8") !== negotiated)).to.deep.equal([]);
    }
    expect(withTimestamps).to.be.within(1, SERVER.connections - 1);
    const linuxSyn = /Flags \[S\], seq \d+, win \d+, options \[mss 1460,sackOK,TS val \d+ ecr 0,nop,wscale 7\]/;
    expect(runTool("tcpdump", ["-nn", "-r", server.path]).stdout).to.match(linuxSyn);
  });

  it("every connection carries one HTTP request and one response that tshark reassembles", function () {
    for (const [capture, connections] of [[server, SERVER.connections], [front, PROXY.connections], [back, PROXY.connections]] as const) {
      expect(tsharkFields(capture.path, ["frame.number"], "http.request")).to.have.length(connections);
      expect(tsharkFields(capture.path, ["frame.number"], "http.response")).to.have.length(connections);
    }
  });

  it("the backend side comes from the proxy's inside address, with new ISNs and the front clients in X-Forwarded-For", function () {
    const frontSyns = tsharkFields(front.path, ["ip.src", "ip.dst", "tcp.seq_raw"], SYN);
    const backSyns = tsharkFields(back.path, ["ip.src", "tcp.seq_raw"], SYN);
    expect(new Set(frontSyns.map((row) => row["ip.dst"]))).to.deep.equal(new Set([PROXY_PUBLIC]));
    expect(new Set(backSyns.map((row) => row["ip.src"]))).to.deep.equal(new Set([PROXY_INSIDE]));

    const isns = (path: string): string[] =>
      tsharkFields(path, ["tcp.seq_raw"], `${SYN} || ${SYN_ACK}`).map((row) => row["tcp.seq_raw"]);
    const frontIsns = new Set(isns(front.path));
    expect(isns(back.path).filter((isn) => frontIsns.has(isn))).to.deep.equal([]);

    const forwardedFor = tsharkFields(back.path, ["http.x_forwarded_for"], "http.request").map((row) => row["http.x_forwarded_for"]);
    expect(forwardedFor.sort()).to.deep.equal(frontSyns.map((row) => row["ip.src"]).sort());
  });

  it("the backend's clock is ahead by the configured offset, and causality holds once it is removed", function () {
    // As in the seed README: the backend connection opens after the request reaches the proxy,
    // and the backend answers before the proxy answers the client.
    const offset = PROXY.backClockOffsetMicros;
    const frontRequests = new Map(
      tsharkFields(front.path, ["ip.src", "frame.time_epoch"], "http.request").map((row) => [row["ip.src"], epochMicros(row["frame.time_epoch"])]),
    );
    const frontResponses = new Map(
      tsharkFields(front.path, ["ip.dst", "frame.time_epoch"], "http.response").map((row) => [row["ip.dst"], epochMicros(row["frame.time_epoch"])]),
    );
    const backRows = tsharkFields(back.path, ["tcp.stream", "frame.time_epoch", "http.x_forwarded_for", "http.response.code", "tcp.flags.syn", "tcp.flags.ack"]);
    for (const packets of groupBy(backRows, (row) => row["tcp.stream"]).values()) {
      const client = packets.find((p) => p["http.x_forwarded_for"] !== "")?.["http.x_forwarded_for"] ?? "";
      const syn = packets.find((p) => p["tcp.flags.syn"] === "1" && p["tcp.flags.ack"] === "0");
      const response = packets.find((p) => p["http.response.code"] !== "");
      expect(frontRequests.has(client), client).to.equal(true);
      expect(epochMicros(syn?.["frame.time_epoch"] ?? "") - offset).to.be.greaterThan(frontRequests.get(client) ?? Infinity);
      expect(epochMicros(response?.["frame.time_epoch"] ?? "") - offset).to.be.lessThan(frontResponses.get(client) ?? -Infinity);
    }
  });

  it("the SYN flood is one unanswered SYN per stream, each from its own source, to the server's port 80", function () {
    const rows = tsharkFields(flood.path, ["tcp.stream", "ip.src", "ip.dst", "tcp.dstport", "tcp.flags.syn", "tcp.flags.ack", "tcp.options.mss_val"]);
    expect(rows).to.have.length(FLOOD.connections);
    expect(new Set(rows.map((row) => row["tcp.stream"])).size).to.equal(FLOOD.connections);
    expect(new Set(rows.map((row) => row["ip.src"])).size).to.equal(FLOOD.connections);
    const shapes = new Set(rows.map((row) => [row["ip.dst"], row["tcp.dstport"], row["tcp.flags.syn"], row["tcp.flags.ack"], row["tcp.options.mss_val"]].join(" ")));
    expect([...shapes]).to.deep.equal(["10.0.0.10 80 1 0 1460"]);
  });

  it("is deterministic: the same seed writes the same bytes, another seed other bytes", function () {
    const again = writeServerCapture(join(dir, "again.pcap"), SERVER);
    const other = writeServerCapture(join(dir, "other.pcap"), { ...SERVER, seed: SERVER.seed + 1 });
    expect(sha256(again.path)).to.equal(sha256(server.path));
    expect(sha256(other.path)).not.to.equal(sha256(server.path));
  });
});
