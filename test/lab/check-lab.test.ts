import { expect } from "chai";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCaptures } from "../../scripts/lab/check/capture-checks.js";
import { checkRenderings } from "../../scripts/lab/check/render-checks.js";
import { checkReport } from "../../scripts/lab/check/report-checks.js";
import { CheckResults } from "../../scripts/lab/check/results.js";
import { loadScenario, type Scenario } from "../../scripts/lab/check/scenario.js";

/**
 * The lab's checker on the lab's own samples: real captures (tshark reads the pcaps) against
 * ground truth the lab took from curl, haproxy, the backend and conntrack. A sample that
 * passes, and the same sample with one fact of its truth or its text changed, that fails.
 */
const samples = fileURLToPath(new URL("../../../samples/lab/", import.meta.url));
const reportBin = fileURLToPath(new URL("../../../bin/hs-report.js", import.meta.url));
const WITH_PCAPS = ["proxy-single", "nat-single", "fullnat-single", "ipv6", "refused", "unanswered"];

function failedChecks(s: Scenario): string[] {
  const results = new CheckResults(s.truth.scenario);
  checkCaptures(s, results);
  checkRenderings(s, results);
  return results.failed.map((o) => o.name);
}

/** The failed checks of the sample copied to a temporary folder with one of its files edited. */
function failedWithEditedFile(name: string, file: string, edit: (text: string) => string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "hs-lab-sample-"));
  cpSync(join(samples, name), dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), "utf8")));
  try {
    return failedChecks(loadScenario(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("lab checker on samples/lab (tshark against the lab's logs)", () => {
  for (const name of WITH_PCAPS) {
    it(`${name}: handshakes, pairs and renderings agree with the logs`, () => {
      expect(failedChecks(loadScenario(join(samples, name)))).to.deep.equal([]);
    });
  }

  const swapped = [
    { name: "proxy-single", was: "proxy", claimed: "nat" },
    { name: "nat-single", was: "nat", claimed: "proxy" },
  ] as const;
  for (const { name, was, claimed } of swapped) {
    it(`a ${was} pair declared ${claimed} fails both ISN checks (${name})`, () => {
      const s = loadScenario(join(samples, name));
      s.truth.pairs[0].kind = claimed;
      expect(failedChecks(s)).to.include.members([
        "pairs: ISNs differ across each proxy pair, equal across each NAT pair",
        "tshark: connections sharing a client ISN across the captures = the NAT pairs",
      ]);
    });
  }

  it("a refused connection declared unanswered fails the status checks", () => {
    const s = loadScenario(join(samples, "refused"));
    s.truth.expected.handshakes.front = { complete: 1, unanswered: 1 };
    s.truth.connections.front.filter((c) => c.status === "refused").forEach((c) => (c.status = "unanswered"));
    expect(failedChecks(s)).to.include.members([
      "front: handshake statuses (tshark) = the lab's logs",
      "front: each logged connection is in the capture with its status",
      "front: unanswered 203.0.113.84:80 retransmitted its SYN",
    ]);
  });

  it("a rendering with a packet line missing fails its record count", () => {
    const failed = failedWithEditedFile("nat-single", "front.nn.txt", (text) => text.split("\n").filter((_, i) => i !== 2).join("\n"));
    expect(failed).to.deep.equal(["front.nn.txt: one record per packet tshark reads"]);
  });

  it("a -S rendering with another sequence number fails the per-record check", () => {
    const failed = failedWithEditedFile("proxy-single", "back.S.txt", (text) => text.replace(/seq (\d+)/, (_, n: string) => `seq ${Number(n) + 1}`));
    expect(failed).to.deep.equal(["back.S.txt: each record agrees with tshark's frame"]);
  });
});

describe("hs-report on samples/lab (against tshark and the lab's logs)", () => {
  for (const name of WITH_PCAPS) {
    it(`${name}: connections, matches, unmatched, verdict and clock`, () => {
      const s = loadScenario(join(samples, name));
      const results = new CheckResults(name);
      checkReport(s, results, reportBin);
      expect(results.failed.map((o) => `${o.name}: ${o.detail}`)).to.deep.equal([]);
      // Both reports (the two captures, and the -i any capture alone) were made and judged.
      expect(results.outcomes.map((o) => o.name)).to.include.members([
        "report (front+back -nn): verdict",
        "report (-i any -nn): verdict",
        "report (front+back -nn): matches = the logged pairs",
        "report (-i any -nn): matches = the logged pairs",
      ]);
    });
  }
});
