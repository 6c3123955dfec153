/**
 * Matching on the bench's reverse-proxy pair: the generator's captures, printed by real tcpdump,
 * matched as the command matches them, and checked against what tshark reads in the backend
 * capture: each backend request's X-Forwarded-For names the client whose connection it came
 * from, and the backend's clock is ahead by the offset the generator was given. The proxy
 * rewrites the response's headers, so no response keeps its length: the clock has to be found
 * from the timings alone (matching/offset-search.ts), where at 1,000 connections nothing was
 * matched and at 10,000 only 15.
 */
import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PROXY_TRAFFIC, writeProxyCaptures } from "../../scripts/bench/pcap-writer.js";
import { readCapture } from "../../src/cli/capture.js";
import type { Capture } from "../../src/connections/types.js";
import { matchCaptures, type MatchResult } from "../../src/matching/index.js";
import { runTool, tsharkFields } from "./capture-tools.js";

/** The bench's quick pair (`npm run bench -- --quick`). */
const PROXY = { ...DEFAULT_PROXY_TRAFFIC, connections: 1_000 };

describe("matching the bench's proxy pair, checked with tshark's X-Forwarded-For", function () {
  let dir: string;
  let front: Capture;
  let back: Capture;
  let result: MatchResult;
  /** The client host each backend connection carried, by its client port and backend host (tshark). */
  const forwardedFor = new Map<string, string>();

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), "proxy-pair-"));
    const pcaps = writeProxyCaptures(join(dir, "front.pcap"), join(dir, "back.pcap"), PROXY);
    const texts = [pcaps.front.path, pcaps.back.path].map((pcap) => {
      const text = pcap.replace(/\.pcap$/, ".nn.txt");
      writeFileSync(text, runTool("tcpdump", ["-nn", "-r", pcap]).stdout);
      return text;
    });
    const quiet = { log: () => {} };
    front = await readCapture(texts[0], "front", quiet);
    back = await readCapture(texts[1], "back", quiet);
    result = matchCaptures(front, back);
    for (const row of tsharkFields(pcaps.back.path, ["tcp.srcport", "ip.dst", "http.x_forwarded_for"], "http.request")) {
      forwardedFor.set(`${row["tcp.srcport"]} ${row["ip.dst"]}`, row["http.x_forwarded_for"]);
    }
  });

  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it("pairs every client connection, nearly all with the backend connection that carried its request", function () {
    const byId = new Map([...front.connections, ...back.connections].map((c) => [c.id, c]));
    const right = result.matches.filter((m) => {
      const f = byId.get(m.front)!;
      const b = byId.get(m.back)!;
      return forwardedFor.get(`${b.client.port} ${b.server.host}`) === f.client.host;
    });
    expect(forwardedFor.size).to.equal(PROXY.connections);
    expect(result.matches).to.have.length(PROXY.connections);
    // requests of different clients a fraction of a millisecond apart can swap: timing alone cannot tell them
    expect(right.length).to.be.at.least(PROXY.connections * 0.98);
    expect(result.verdict.kind).to.equal("reverse-proxy");
  });

  it("finds the backend's clock ahead by the generator's offset", function () {
    const offsetMs = PROXY.backClockOffsetMicros / 1000;
    expect(result.clock?.lowMs).to.be.at.most(offsetMs);
    expect(result.clock?.highMs).to.be.at.least(offsetMs);
    expect(result.clock!.highMs! - result.clock!.lowMs!).to.be.below(1);
  });
});
