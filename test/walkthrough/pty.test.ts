import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { flat, SEED_BACK, SEED_FRONT } from "./helpers.js";
import { ROOT, Terminal } from "./terminal.js";

const WALK = "NO_COLOR=1 node bin/hs-report.js walk";

/** Lines wider than 80 columns, other than the input summaries readCapture prints on stderr. */
function wideLines(screen: string): string[] {
  return screen.split("\n").filter((l) => [...l].length > 80 && !l.startsWith("hs-report: "));
}

describe("hs-report walk in a real terminal (tmux, 80x40, NO_COLOR)", function () {
  this.timeout(90000);
  let term: Terminal | undefined;
  afterEach(() => term?.stop());

  it("walks the seed pair from the files to the reverse-proxy verdict, checking each answer against the data", async () => {
    term = new Terminal(`${WALK} ${SEED_FRONT} ${SEED_BACK}`);
    let screen = await term.waitFor("? Go on to step 2?");
    // samples/seed/README.md: the commands the two captures were made with.
    expect(screen).to.include("Step 1 of 6: where each capture was taken");
    expect(screen).to.include("tcpdump -i ens33 port 80\n");
    expect(screen).to.include("tcpdump -i ens33 port 8080 -vvv");
    term.keys("Enter");

    // Step 2: answer with the spare connection (56059): the walkthrough says the request went over 56057.
    screen = await term.waitFor("? Which connection carried the request?");
    expect(screen).to.include("02:39:39.219612 IP 10.0.1.72.56057 > linux-node1.example.com.http: Flags");
    await term.choose("Which connection carried the request?", ":56059");
    screen = await term.waitFor("? Go on to step 3?");
    expect(screen).to.include("Not that one.");
    expect(screen).to.match(/The request went over front:\d \(port 56057\)/);
    term.keys("Enter");

    screen = await term.waitFor("? Go on to step 4?");
    expect(screen).to.include("Step 3 of 6: the handshakes on the back side");
    expect(flat(screen)).to.include("10.0.1.105.52292 > linux-node2.example.com.webcache: Flags [S], cksum 0xaac9 (correct), seq 4209329376,");
    term.keys("Enter");

    // Step 4: the backend connection from 52292, because of the timing.
    await term.choose("Which backend connection carried the request of front:1?", ":52292");
    await term.choose("Why that one?", "the timing");
    screen = await term.waitFor("? Go on to step 5?");
    expect(screen).to.include("Right connection:");
    expect(screen).to.include("Your reason: Yes: the timing links them");
    term.keys("Enter");

    // Step 5: different ISNs, two handshakes.
    screen = await term.waitFor("? What do these ISNs say about the middle box?");
    expect(screen).to.match(/client ISN +2964464279 +4209329376/);
    await term.choose("What do these ISNs say about the middle box?", "reverse proxy");
    screen = await term.waitFor("? Go on to step 6?");
    expect(screen).to.match(/Right\. The SYNs carry different ISNs \(2964464279 and 4209329376\)/);
    term.keys("Enter");

    screen = await term.waitFor("[exit 0]");
    expect(screen).to.match(/^Verdict: reverse proxy \(confidence [\d.]+\)$/m);
    expect(screen).to.include("Had the middle box been a NAT (such as LVS-NAT), the captures would show:");
    expect(wideLines(screen)).to.deep.equal([]);
  });

  it("Ctrl-C at a question says goodbye and exits 130", async () => {
    term = new Terminal(`${WALK} ${SEED_FRONT} ${SEED_BACK}`);
    await term.waitFor("? Go on to step 2?");
    term.keys("C-c");
    const screen = await term.waitFor("[exit 130]");
    expect(screen).to.include("Walkthrough stopped. Bye.");
    expect(screen).to.not.include("Step 2 of 6");
  });

  it("takes a pasted one-line session (ended by an empty line) and quotes packets cut out of it", async () => {
    term = new Terminal(`${WALK} ${SEED_FRONT}`);
    await term.choose("How will you give it?", "paste it here");
    await term.waitFor("Paste the back capture");
    term.type(readFileSync(`${ROOT}/${SEED_BACK}`, "utf8").trimEnd());
    term.keys("Enter", "Enter");
    let screen = await term.waitFor("? Go on to step 2?");
    expect(screen).to.include("The back capture, pasted-back:");
    expect(screen).to.include("tcpdump -i ens33 port 8080 -vvv");
    term.keys("Enter");
    await term.choose("Which connection carried the request?", ":56057");
    screen = await term.waitFor("? Go on to step 3?");
    expect(screen).to.include("Right.");
    term.keys("Enter");
    screen = await term.waitFor("? Go on to step 4?");
    // The backend SYN/ACK is the second packet of the pasted line (seed README: ISN 2283093898).
    expect(screen).to.match(/\(pasted-back line 1, packet 2\):\n  > 02:39:39\.259574 IP \(tos 0x0, ttl 64, id 0,/);
    term.keys("n", "Enter");
    screen = await term.waitFor("[exit 0]");
    expect(screen).to.not.include("Step 4 of 6");
  });

  it("ends a paste with Ctrl-D, and Ctrl-C at the paste prompt exits 130", async () => {
    term = new Terminal(`${WALK} - ${SEED_BACK}`);
    await term.waitFor("Paste the front capture");
    term.type(readFileSync(`${ROOT}/${SEED_FRONT}`, "utf8").trimEnd());
    term.keys("Enter", "C-d");
    const screen = await term.waitFor("? Go on to step 2?");
    // README: the front capture holds two client connections, 56057 and 56059.
    expect(screen).to.include("It holds 2 TCP connections to linux-node1.example.com:80, from 10.0.1.72.");
    term.stop();

    term = new Terminal(`${WALK} - ${SEED_BACK}`);
    await term.waitFor("Paste the front capture");
    term.keys("C-c");
    expect(await term.waitFor("[exit 130]")).to.include("Walkthrough stopped. Bye.");
  });

  it("asks for file names when none are given", async () => {
    // Calls the command itself: main.ts refuses `walk` without files on a terminal before the
    // command runs (see the report), so this drives walkCommand directly.
    const call = `import('./dist/src/cli/walk-command.js').then(async (m) => process.exit(await m.walkCommand({ files: [] })))`;
    term = new Terminal(`NO_COLOR=1 node --input-type=module -e "${call}"`);
    await term.choose("How will you give it?", "a file name");
    await term.waitFor("? File name:");
    term.type("no-such-file.txt");
    term.keys("Enter");
    await term.waitFor("no-such-file.txt: no such file");
    term.keys("C-u");
    term.type(SEED_FRONT);
    term.keys("Enter");
    await term.choose("How will you give it?", "a file name");
    await term.waitFor("? File name:");
    term.type(SEED_BACK);
    term.keys("Enter");
    const screen = await term.waitFor("? Go on to step 2?");
    expect(screen).to.include("The front capture, samples/seed/node1-port80.txt:");
    expect(screen).to.include("The back capture, samples/seed/node2-port8080-vvv.txt:");
  });

  it("refuses without a terminal on stdout: one sentence and exit 2", async () => {
    term = new Terminal(`${WALK} ${SEED_FRONT} ${SEED_BACK} > /dev/null`);
    const screen = await term.waitFor("[exit 2]");
    expect(screen).to.include("hs-report walk asks questions and needs a terminal");
  });
});

describe("hs-report walk without a terminal", () => {
  it("says so in one sentence, points to hs-report FRONT BACK, exits 2 (pipes on stdin and stdout)", () => {
    const r = spawnSync(process.execPath, ["bin/hs-report.js", "walk", SEED_FRONT, SEED_BACK], { encoding: "utf8", input: "" });
    expect(r.status).to.equal(2);
    expect(r.stdout).to.equal("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include("hs-report FRONT BACK");
    expect(lines[0]).to.match(/terminal/);
  });
});
