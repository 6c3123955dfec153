/**
 * Real captures cut or shifted from a lab run (test/fixtures/matching/README.md). Expected
 * pairs come from haproxy's log lines kept next to them; the clock shift is what editcap applied.
 */
import { readFileSync } from "node:fs";
import { expect } from "chai";
import { matchCaptures } from "../../src/matching/index.js";
import type { Capture } from "../../src/connections/types.js";
import type { MatchResult } from "../../src/matching/types.js";
import { captureOf } from "./captures.js";

const DIR = "test/fixtures/matching";

/** haproxy's log: the client port and the backend source port of every request, and its path. */
function logged(folder: string): { client: number; backend: number; path: string }[] {
  return readFileSync(`${DIR}/${folder}/haproxy.log`, "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const m = /client=[^:]+:(\d+) .*backend_source=[^:]+:(\d+) .*request="GET (\S+)/.exec(line)!;
      return { client: Number(m[1]), backend: Number(m[2]), path: m[3] };
    });
}

/** Matches as "client port>backend source port". */
function portPairs(result: MatchResult, front: Capture, back: Capture): string[] {
  const port = (c: Capture, id: string) => c.connections.find((x) => x.id === id)!.client.port;
  return result.matches.map((m) => `${port(front, m.front)}>${port(back, m.back)}`).sort();
}

describe("matching: a kept-alive backend connection that started before the capture", () => {
  for (const rendering of ["nn", "vvv"]) {
    describe(`-${rendering}`, () => {
      const front = captureOf(`${DIR}/keepalive-late/front.${rendering}.txt`, "front");
      const back = captureOf(`${DIR}/keepalive-late/back.${rendering}.txt`, "back");
      const result = matchCaptures(front, back);
      const pairs = portPairs(result, front, back);
      const log = logged("keepalive-late");

      it("pairs each sequential request with the kept-alive connection, as haproxy logged", () => {
        const sequential = log.filter((r) => r.path.startsWith("/seq/")).map((r) => `${r.client}>${r.backend}`);
        expect(sequential).to.have.length(3);
        expect(pairs).to.include.members(sequential);
      });

      it("gives the connection with no handshake several client connections (many-to-one)", () => {
        const idle = back.connections.find((c) => c.handshake.status === "none")!;
        const onIt = result.matches.filter((m) => m.back === idle.id).length;
        const loggedOnIt = log.filter((r) => r.backend === idle.client.port).length;
        expect(loggedOnIt).to.equal(5);
        expect(onIt).to.be.within(4, 6);
      });

      it("matches every client connection and calls it a reverse proxy", () => {
        expect(result.unmatched).to.deep.equal({ front: [], back: [] });
        expect(result.verdict.kind).to.equal("reverse-proxy");
      });
    });
  }
});

describe("matching: backend clock 2.75 s ahead, 36 concurrent clients", () => {
  const front = captureOf(`${DIR}/skew-2750/front.nn.txt`, "front");
  const back = captureOf(`${DIR}/skew-2750/back.nn.txt`, "back");
  const result = matchCaptures(front, back);

  it("finds the offset: the bounds hold editcap's 2750 ms and are under a millisecond wide", () => {
    const { lowMs, highMs } = result.clock!;
    expect(2750).to.be.within(lowMs!, highMs!);
    expect(highMs! - lowMs!).to.be.below(1);
  });

  it("pairs at least 30 of the 36 clients as haproxy logged", () => {
    const log = logged("skew-2750").map((r) => `${r.client}>${r.backend}`);
    expect(log).to.have.length(36);
    expect(portPairs(result, front, back).filter((p) => log.includes(p)).length).to.be.at.least(30);
    expect(result.verdict.kind).to.equal("reverse-proxy");
  });
});
