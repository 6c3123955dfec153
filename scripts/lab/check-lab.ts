/**
 * Checks a lab run (scripts/lab/run-lab.sh OUTDIR) with tshark reading the fresh pcaps:
 * handshakes and pairs against the lab's own logs (truth.json), the text renderings against
 * the pcaps, and `hs-report --json` against both.
 *
 *   node dist/scripts/lab/check-lab.js LABDIR [--verbose] [--no-report]
 *
 * Exit 0 when every check passed, 1 when one failed, 2 on bad usage or an empty LABDIR.
 */
import { existsSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCaptures } from "./check/capture-checks.js";
import { checkRenderings } from "./check/render-checks.js";
import { checkReport } from "./check/report-checks.js";
import { CheckResults, type CheckOutcome } from "./check/results.js";
import { loadScenario, scenarioDirs } from "./check/scenario.js";
import { checkSkew } from "./check/skew-checks.js";

/** The repository's bin/hs-report.js, seen from dist/scripts/lab/ where this runs compiled. */
const REPORT_BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../../bin/hs-report.js");

function main(argv: string[]): number {
  const labDir = argv.find((a) => !a.startsWith("--"));
  const verbose = argv.includes("--verbose");
  const withReport = !argv.includes("--no-report");
  if (!labDir || !existsSync(labDir)) {
    process.stderr.write("usage: check-lab LABDIR [--verbose] [--no-report]\n");
    return 2;
  }
  const dirs = scenarioDirs(labDir);
  if (dirs.length === 0) {
    process.stderr.write(`check-lab: no scenario with a truth.json under ${labDir}\n`);
    return 2;
  }
  const outcomes: CheckOutcome[] = [];
  for (const dir of dirs) {
    const results = new CheckResults(basename(dir));
    const scenario = loadScenario(dir);
    checkCaptures(scenario, results);
    checkRenderings(scenario, results);
    checkSkew(scenario, results);
    if (withReport) checkReport(scenario, results, REPORT_BIN);
    print(results.outcomes, verbose);
    outcomes.push(...results.outcomes);
  }
  const failed = outcomes.filter((o) => !o.ok);
  process.stdout.write(`check-lab: ${outcomes.length - failed.length} of ${outcomes.length} checks passed in ${dirs.length} scenarios` +
    `${withReport ? "" : " (hs-report not checked: --no-report)"}\n`);
  return failed.length === 0 ? 0 : 1;
}

function print(outcomes: CheckOutcome[], verbose: boolean): void {
  const failed = outcomes.filter((o) => !o.ok);
  const scenario = outcomes[0]?.scenario ?? "?";
  process.stdout.write(`${failed.length ? "FAIL" : "ok  "} ${scenario}: ${outcomes.length - failed.length}/${outcomes.length}\n`);
  for (const o of verbose ? outcomes : failed) {
    process.stdout.write(`     ${o.ok ? "ok  " : "FAIL"} ${o.name}: ${o.detail}\n`);
  }
}

process.exitCode = main(process.argv.slice(2));
