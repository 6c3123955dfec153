import { expect } from "chai";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCapture } from "../../src/cli/capture.js";
import { openInput } from "../../src/cli/input.js";
import { packetsCommand } from "../../src/cli/packets-command.js";
import { Writable } from "node:stream";
import { tcpdumpTexts } from "../grammar/corpus.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** A capture's report and what it logged (errors, warnings, the summary), read with the fast lane on or off. */
async function report(path: string, lane: boolean): Promise<string> {
  let log = "";
  const capture = await readCapture(join(repoRoot, path), "c", { lane, shownAs: path, log: (text) => (log += text) });
  return JSON.stringify(capture) + "\n" + log;
}

/** What `hs-report packets` prints of a file, with the fast lane on or off: its JSON lines, then its errors and summary. */
async function packetLines(path: string, lane: boolean): Promise<string> {
  let out = "";
  let log = "";
  const stdout = new Writable({ write: (chunk, _encoding, done) => void ((out += chunk), done()) });
  const stderrWrite = process.stderr.write;
  process.stderr.write = ((text: string) => ((log += text), true)) as typeof process.stderr.write;
  try {
    await packetsCommand([join(repoRoot, path)], false, stdout, lane);
  } finally {
    process.stderr.write = stderrWrite;
  }
  return out + log;
}

/** How many lines of a file the fast lane takes, and how many packets it gives in all. */
async function laneLines(path: string): Promise<{ taken: number; packets: number }> {
  const input = await openInput(join(repoRoot, path));
  let taken = 0;
  let packets = 0;
  await input.run({
    event: (e) => void (e.kind === "packet" && packets++),
    scanned: () => void (taken++, packets++),
  });
  return { taken, packets };
}

describe("packets: the fast lane gives the report the regular way gives", function () {
  this.timeout(600_000);
  const files = tcpdumpTexts();

  it("for every tcpdump text in the repo: the same connections, handshakes, counts, errors and summary, byte for byte", async () => {
    const differ: string[] = [];
    for (const path of files) if ((await report(path, true)) !== (await report(path, false))) differ.push(path);
    expect(differ).to.deep.equal([]);
  });

  it("for every tcpdump text in the repo: `hs-report packets` prints the same JSON lines, errors and summary, byte for byte", async () => {
    const differ: string[] = [];
    let packets = 0;
    for (const path of files) {
      const withLane = await packetLines(path, true);
      if (withLane !== (await packetLines(path, false))) differ.push(path);
      packets += withLane.split("\n").filter((line) => line.startsWith("{")).length;
    }
    expect(differ).to.deep.equal([]);
    expect(packets).to.be.greaterThan(10_000);
  });

  it("takes lines of those texts where they mix with lines it leaves (sequence state, clocks and connections shared)", async () => {
    let taken = 0;
    let mixed = 0;
    for (const path of files) {
      const lane = await laneLines(path);
      taken += lane.taken;
      if (lane.taken > 0 && lane.taken < lane.packets) mixed++;
    }
    expect(taken).to.be.greaterThan(1000);
    expect(mixed).to.be.greaterThan(5);
  });
});
