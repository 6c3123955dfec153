import { expect } from "chai";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { HELP } from "../../src/cli/help.js";
import { fourCpusEnv } from "../helpers/four-cpus.js";

/** Runs the compiled command under plain node, as a user's shell would. */
function hsReport(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ["bin/hs-report.js", ...args], { input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SEED_FRONT = "samples/seed/node1-port80.txt";
const SEED_BACK = "samples/seed/node2-port8080-vvv.txt";

describe("hs-report command (compiled bin/ under plain node)", () => {
  it("packets: the seed front capture gives its 9 segments with the README's ISNs and lengths", () => {
    const r = hsReport(["packets", SEED_FRONT]);
    expect(r.code).to.equal(0);
    const packets = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(packets).to.have.length(9);
    // seed/README.md: client SYN seq 2964464279, server ISN 3532921320, request 484, response 122.
    expect(packets[0]).to.include({ src: "10.0.1.72", sport: 56057, dport: 80, dportName: "http", flags: "S", seq: 2964464279 });
    expect(packets[1]).to.include({ flags: "S.", seq: 3532921320, ack: 2964464280 });
    expect(packets[6]).to.include({ flags: "P.", len: 484, relative: true });
    expect(packets[6].abs).to.deep.equal({ seq: 2964464280, seqEnd: 2964464764, ack: 3532921321 });
    expect(packets[7]).to.include({ len: 122 });
    expect(r.stderr).to.match(/9 TCP segments, 0 non-TCP skipped, .* 0 errors/);
  });

  it("packets: the seed backend capture (-vvv, port name webcache) gives 7 segments", () => {
    const r = hsReport(["packets", SEED_BACK]);
    const packets = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(packets).to.have.length(7);
    // webcache is 8080 in the capturing system's services file (seed/README.md).
    expect(packets[0]).to.include({ src: "10.0.1.105", sport: 52292, dport: 8080, dportName: "webcache", seq: 4209329376 });
    expect(packets[0].ip).to.include({ ttl: 64, id: 35579 });
    expect(packets[1]).to.include({ seq: 2283093898, ack: 4209329377 });
    expect(packets[1].cksum).to.deep.equal({ value: "0x1701", correct: false, computed: "0xaaf9" });
    expect(packets[3]).to.include({ len: 482 });
  });

  it("reads standard input when no file is named", () => {
    const r = hsReport(["packets"], readFileSync(SEED_FRONT, "utf8"));
    expect(r.stdout.trim().split("\n")).to.have.length(9);
    expect(JSON.parse(r.stdout.split("\n")[0]).file).to.equal("-");
  });

  it("reports a line that does not parse with file, line, column and a caret, and goes on", () => {
    // A real tcpdump line cut inside its options list, followed by an intact one.
    const lines = readFileSync("test/fixtures/corpus/rendered/print-flags.nn.txt", "utf8").split("\n");
    const good = lines.find((l) => l.includes("Flags [S]"))!;
    const cut = good.slice(0, good.indexOf("options [") + 14);
    const r = hsReport(["packets", "-"], `${cut}\n${good}\n`);
    expect(r.code).to.equal(0);
    expect(r.stdout.trim().split("\n")).to.have.length(1);
    const m = /^-:1:(\d+): (.+)$/m.exec(r.stderr);
    expect(m, r.stderr).to.not.equal(null);
    const caretLine = r.stderr.split("\n")[2];
    expect(caretLine.indexOf("^")).to.equal(4 + Number(m![1]) - 1);
    expect(r.stderr).to.include(cut.trim().slice(0, 40));
    expect(r.stderr).to.match(/1 errors/);
    expect(hsReport(["packets", "--strict", "-"], `${cut}\n${good}\n`).code).to.equal(1);
  });

  it("refuses a pcap with one sentence naming tcpdump -r, exit 3", () => {
    const r = hsReport(["packets", "test/fixtures/pcap/print-flags.pcap"]);
    expect(r.code).to.equal(3);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
    expect(r.stderr).to.include("tcpdump -r test/fixtures/pcap/print-flags.pcap | hs-report");
  });

  it("exit codes: missing file 3, unknown option 2, three captures 2", () => {
    expect(hsReport(["no-such-file.txt"]).code).to.equal(3);
    expect(hsReport(["--bogus", SEED_FRONT]).code).to.equal(2);
    expect(hsReport([SEED_FRONT, SEED_FRONT, SEED_FRONT]).code).to.equal(2);
  });

  it("--threads: accepted with --json on one input, refused elsewhere with a usage error", () => {
    const json = hsReport(["--json", "--threads", "2", SEED_FRONT]);
    expect(json.code).to.equal(0);
    expect(JSON.parse(json.stdout).captures[0].connections).to.have.length(2);
    for (const args of [["--threads", "2", SEED_FRONT], ["--json", "--threads", "2", SEED_FRONT, SEED_BACK], ["packets", "--threads", "2", SEED_FRONT], ["--json", "--threads", "0", SEED_FRONT]]) {
      const r = hsReport(args);
      expect(r.code, args.join(" ")).to.equal(2);
      expect(r.stderr).to.match(/--threads/);
    }
  });

  it("--help prints the help text, and the README quotes it verbatim", () => {
    const r = hsReport(["--help"]);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal(HELP);
    expect(readFileSync("README.md", "utf8")).to.include("## Usage\n\n```\n" + HELP + "```\n");
  });

  it("the README shows the real report of the seed front capture", () => {
    const r = hsReport([SEED_FRONT]);
    expect(r.code).to.equal(0);
    expect(readFileSync("README.md", "utf8")).to.include("```\n" + r.stdout + "```");
  });

  it("report --json on the seed pair: the README's facts (ISNs, sizes, pairing, clock, verdict)", () => {
    const r = hsReport(["--json", SEED_FRONT, SEED_BACK]);
    expect(r.code).to.equal(0);
    const doc = JSON.parse(r.stdout);
    const [front, back] = doc.captures;
    const c56057 = front.connections.find((c: any) => c.client.port === 56057);
    const c56059 = front.connections.find((c: any) => c.client.port === 56059);
    const b52292 = back.connections.find((c: any) => c.client.port === 52292);
    expect(c56057.handshake).to.include({ status: "complete", clientIsn: 2964464279, serverIsn: 3532921320 });
    expect(c56057.bytes).to.deep.equal({ toServer: 484, toClient: 122 });
    expect(c56059.handshake.status).to.equal("complete");
    expect(c56059.bytes).to.deep.equal({ toServer: 0, toClient: 0 });
    expect(b52292.handshake).to.include({ clientIsn: 4209329376, serverIsn: 2283093898 });
    expect(b52292.bytes).to.deep.equal({ toServer: 482, toClient: 122 });
    expect(doc.matches).to.have.length(1);
    expect(doc.matches[0]).to.include({ front: c56057.id, back: b52292.id, kind: "proxy" });
    expect(doc.unmatched.front).to.deep.equal([c56059.id]);
    // The README bounds the backend clock to 18.4-20.1 ms ahead of the proxy's.
    expect(doc.clock.lowMs).to.be.closeTo(18.4, 0.05);
    expect(doc.clock.highMs).to.be.closeTo(20.1, 0.05);
    expect(doc.verdict.kind).to.equal("reverse-proxy");
  });

  it("live pipe: prints each handshake as it completes, then the connection table", () => {
    const r = hsReport([], readFileSync(SEED_FRONT, "utf8"));
    expect(r.code).to.equal(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).to.match(/^02:39:39\.219612 conn:1 10\.0\.1\.72:56057 -> linux-node1\.example\.com:80 handshake complete/);
    expect(lines[1]).to.match(/conn:2 10\.0\.1\.72:56059 .* handshake complete/);
    expect(r.stdout).to.match(/Connections:\nid +client/);
  });

  it("live pipe: Ctrl-C ends the input and prints the table with the connections still open", async () => {
    // The seed's packets arrive, then the pipe stays open as a live tcpdump's would.
    const child = spawn(process.execPath, ["bin/hs-report.js"], { env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stdin.write(readFileSync(SEED_FRONT, "utf8"));
    while (!stdout.includes("conn:2")) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGINT");
    const code = await new Promise((r) => child.on("exit", r));
    expect(code).to.equal(0);
    // Both connections were still open (no FIN or RST in the seed): they are flushed into the table.
    expect(stdout).to.match(/Connections:\nid .*\nconn:1 +10\.0\.1\.72:56057 .*open\nconn:2 +10\.0\.1\.72:56059 .*open\n/);
  });

  for (const threads of ["1", "2", "default"]) {
    it(`live pipe, --json ${threads === "default" ? "(two threads, as on 4 CPUs)" : `--threads ${threads}`}: Ctrl-C ends the input and the JSON document is whole`, async () => {
      // A port reused by a second connection: the first one is written while the pipe is still open.
      const args = ["bin/hs-report.js", "--json", ...(threads === "default" ? [] : ["--threads", threads]), "-"];
      const child = spawn(process.execPath, args, { env: { ...(threads === "default" ? fourCpusEnv() : process.env), NO_COLOR: "1" } });
      let stdout = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stdin.write(readFileSync("test/fixtures/connections/port-reuse.nn.txt", "utf8"));
      while (!stdout.includes('"id":')) await new Promise((r) => setTimeout(r, 50));
      child.kill("SIGINT");
      const code = await new Promise((r) => child.on("exit", r));
      expect(code).to.equal(0);
      // the second connection was still lingering (closed less than 5 s before the last packet): flushed at the end
      const connections = (JSON.parse(stdout) as { captures: { connections: { id: string; close: string }[] }[] }).captures[0].connections;
      expect(connections.map((c) => `${c.id} ${c.close}`)).to.deep.equal(["conn:1 fin", "conn:2 fin"]);
    });
  }
});
