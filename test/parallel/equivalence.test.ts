import { expect } from "chai";
import { spawn } from "node:child_process";
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeServerCapture } from "../../scripts/bench/pcap-writer.js";
import { runTool } from "../bench/capture-tools.js";
import { fourCpusEnv } from "../helpers/four-cpus.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs hs-report; with `stdinFile`, that file flows into its standard input through a pipe; `fourCpus`: as if the machine had 4 CPUs. */
function hsReport(args: string[], stdinFile?: string, fourCpus = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...(fourCpus ? fourCpusEnv() : process.env), NO_COLOR: "1" };
    const child = spawn(process.execPath, ["bin/hs-report.js", ...args], { env });
    if (stdinFile) createReadStream(stdinFile).pipe(child.stdin);
    else child.stdin.end();
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** How a run is split: N workers sharing the connections (`--threads N`), or, by default, a tracking thread beside the reading one. */
type Split = number | "pipelined";

/**
 * `--json` of one file on one thread (`--threads 1`) and split as `split` says: the same bytes,
 * exit code included; `via: "stdin"` pipes the file into both instead of naming it.
 */
async function expectSameWhenSplit(file: string, split: Split, via: "name" | "stdin" = "name"): Promise<Run> {
  const run = (how: Split) => {
    const args = ["--json", ...(how === "pipelined" ? [] : ["--threads", String(how)])];
    return via === "name" ? hsReport([...args, file], undefined, how === "pipelined") : hsReport([...args, "-"], file, how === "pipelined");
  };
  const [one, many] = await Promise.all([run(1), run(split)]);
  expect(many.code, `${file} exit code`).to.equal(one.code);
  expect(many.stderr, `${file} stderr`).to.equal(one.stderr);
  expect(many.stdout === one.stdout, `${file}: ${split === "pipelined" ? "the pipelined run's" : `--threads ${split}`} output differs from one thread's`).to.equal(true);
  return one;
}

/**
 * Parallel `--json` (src/cli/parallel) and the default pipelined one (src/cli/pipeline) must
 * print exactly what one thread prints: the same connections, in the same order, with the same
 * ids, the same errors and summary.
 */
describe("parallel and pipelined --json: the same bytes as one thread", function () {
  this.timeout(600_000);

  const texts = [
    // pasted one-line sessions; -vvv with service names
    "samples/seed/node1-port80.txt",
    "samples/seed/node2-port8080-vvv.txt",
    // a proxy's two sides, -vvv two-line records, keep-alive, refused and unanswered handshakes
    "samples/lab/mix/front.nn.txt",
    "samples/lab/mix/back.nn.txt",
    "samples/lab/keepalive/back.nn.txt",
    "samples/lab/fullnat-single/back.vvv.txt",
    "samples/lab/refused/front.nn.txt",
    "samples/lab/unanswered/front.nn.txt",
    // -i any (interface names): not streamed by parts, read by one reader
    "samples/lab/fullnat-single/any.nn.txt",
    // -ttt deltas, -tt nano -v -S, port reuse, simultaneous open, mid-stream start, IPv6
    "test/fixtures/connections/port-reuse.ttt.txt",
    "test/fixtures/connections/port-reuse.tt-nano-v-S.txt",
    "test/fixtures/connections/simultaneous-open.nn.txt",
    "test/fixtures/connections/mid-stream.ttt.txt",
    "test/fixtures/connections/ipv6.tt-nano-v-S.txt",
    "test/fixtures/connections/concurrent.ttt.txt",
    // -e link headers, -q, IPv6 extension headers (endpoints printed apart: owner found by parsing)
    "test/fixtures/corpus/rendered/tcp-edge-cases.e.txt",
    "test/fixtures/corpus/rendered/tcp-edge-cases.S.txt",
    "test/fixtures/corpus/tests/bigtcp-ipv6-hbh.out",
    "test/fixtures/corpus/tests/mptcp-fclose.out",
  ];

  for (const file of texts) {
    it(file, async () => {
      const one = await expectSameWhenSplit(file, 2);
      await expectSameWhenSplit(file, "pipelined");
      expect(one.code).to.equal(0);
      expect(JSON.parse(one.stdout).captures[0].connections.length, file).to.be.greaterThan(0);
    });
  }

  // Standard input is read once, as it flows: a run that turns out not to stream by parts (-i any)
  // is read again by one reader from what the main thread kept.
  const piped = [
    "samples/seed/node2-port8080-vvv.txt",
    "samples/lab/mix/front.nn.txt",
    "samples/lab/fullnat-single/any.nn.txt",
    "test/fixtures/connections/port-reuse.ttt.txt",
    "test/fixtures/corpus/rendered/tcp-edge-cases.e.txt",
    // -# numbers and -tttt dates: the longest stamps another worker's record is cut to
    "test/fixtures/corpus/tests/mptcp-fclose.out",
  ];
  for (const file of piped) {
    it(`${file}, piped into standard input`, async () => {
      const one = await expectSameWhenSplit(file, 2, "stdin");
      await expectSameWhenSplit(file, "pipelined", "stdin");
      expect(one.code).to.equal(0);
      expect(JSON.parse(one.stdout).captures[0].connections.length, file).to.be.greaterThan(0);
      expect(one.stderr).to.match(/^hs-report: -: \d+ lines/m);
    });
  }

  it("standard input with no TCP packet at all: the same document and summary as one reader's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hs-parallel-"));
    try {
      // ARP and ICMP records from the corpus, as tcpdump printed them
      const file = join(dir, "no-tcp.txt");
      const lines = ["ipoib.out", "mptcp-fclose.out"].flatMap((f) => readFileSync(`test/fixtures/corpus/tests/${f}`, "utf8").split("\n").filter((l) => / (ARP,|ICMP) /.test(l)));
      writeFileSync(file, lines.join("\n"));
      const one = await expectSameWhenSplit(file, 2, "stdin");
      await expectSameWhenSplit(file, "pipelined", "stdin");
      expect(JSON.parse(one.stdout).captures[0].connections).to.deep.equal([]);
      const icmp = lines.filter((l) => l.includes(" ICMP ")).length;
      expect(one.stderr).to.include(`0 TCP segments, ${lines.length} non-TCP skipped (icmp ${icmp}, arp ${lines.length - icmp})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("standard input whose first packet comes after 64 MB of other text: streamed as one reader would; with -i any, a clear refusal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hs-parallel-"));
    try {
      // ARP and ICMP records from the corpus, over and over: more than the main thread keeps for a replay
      const other = ["ipoib.out", "mptcp-fclose.out"].flatMap((f) => readFileSync(`test/fixtures/corpus/tests/${f}`, "utf8").split("\n").filter((l) => / (ARP,|ICMP) /.test(l)));
      const block = `${other.join("\n")}\n`;
      const prefix = block.repeat(Math.ceil((65 * 2 ** 20) / block.length));
      const plain = join(dir, "late-plain.txt");
      writeFileSync(plain, prefix + readFileSync("samples/lab/mix/front.nn.txt", "utf8"));
      const one = await expectSameWhenSplit(plain, 2, "stdin");
      await expectSameWhenSplit(plain, "pipelined", "stdin");
      expect(JSON.parse(one.stdout).captures[0].connections.length).to.be.greaterThan(0);
      const any = join(dir, "late-any.txt");
      writeFileSync(any, prefix + readFileSync("samples/lab/fullnat-single/any.nn.txt", "utf8"));
      const refused = await hsReport(["--json", "--threads", "2", "-"], any);
      expect(refused.code).to.equal(3);
      expect(refused.stdout).to.equal("");
      expect(refused.stderr).to.include("-: its first TCP packet names an interface (tcpdump -i any) and came after more than 64 MB of other text: read it without --threads");
      // named as a file, it is simply read again; pipelined, it is read by one thread from the start
      await expectSameWhenSplit(any, 2);
      await expectSameWhenSplit(any, "pipelined", "stdin");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("with lines that do not parse among them (cut inside the options, or before the flags): each reported once, in order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hs-parallel-"));
    try {
      // real lines, every 7th cut short as a truncated paste would
      const lines = readFileSync("samples/lab/mix/front.nn.txt", "utf8").split("\n");
      const cut = lines.map((l, i) => (i % 7 === 3 && l.includes("options [") ? l.slice(0, l.indexOf("options [") + 12) : i % 7 === 5 && l.includes(": Flags") ? l.slice(0, l.indexOf(": Flags") + 4) : l));
      const file = join(dir, "cut.txt");
      writeFileSync(file, cut.join("\n"));
      const one = await expectSameWhenSplit(file, 3);
      await expectSameWhenSplit(file, "pipelined");
      expect((one.stderr.match(/^\S+cut\.txt:\d+:\d+: /gm) ?? []).length).to.be.greaterThan(20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("with 200,000 lines that do not parse before the first packet: all reported, in order (none held in a spread)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hs-parallel-"));
    try {
      // a real line cut inside its options, over and over, then the seed's capture
      const real = readFileSync("samples/lab/mix/front.nn.txt", "utf8").split("\n")[0];
      const cut = real.slice(0, real.indexOf("options [") + 12);
      const file = join(dir, "cut-first.txt");
      writeFileSync(file, `${cut}\n`.repeat(200_000) + readFileSync("samples/seed/node2-port8080-vvv.txt", "utf8"));
      const one = await expectSameWhenSplit(file, 2);
      await expectSameWhenSplit(file, "pipelined");
      expect(one.code).to.equal(0);
      expect((one.stderr.match(/^\S+cut-first\.txt:\d+:\d+: /gm) ?? []).length).to.equal(200_000);
      expect(JSON.parse(one.stdout).captures[0].connections.length).to.equal(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("on 3,000 overlapping connections rendered by real tcpdump (-nn and -vvv), connections expiring while others run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hs-parallel-"));
    try {
      const pcap = join(dir, "server.pcap");
      // 3,000 connections at 100/s: 30 s of traffic, so closed ones linger out (5 s) mid-capture
      writeServerCapture(pcap, { seed: 7, connections: 3000, connectionsPerSecond: 100, startMicros: Date.UTC(2026, 0, 15, 23, 59, 50) * 1000 });
      for (const flags of [["-nn"], ["-nn", "-vvv"], ["-nn", "-ttt"]]) {
        const text = runTool("tcpdump", [...flags, "-r", pcap]);
        expect(text.status, text.stderr).to.equal(0);
        const file = join(dir, `server${flags.join("")}.txt`);
        writeFileSync(file, text.stdout);
        for (const split of [2, 3, "pipelined"] as const) {
          const one = await expectSameWhenSplit(file, split);
          expect(JSON.parse(one.stdout).captures[0].connections.length).to.equal(3000);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
