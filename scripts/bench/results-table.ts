/** The results as a Markdown table, printed by the harness and copied into docs/performance.md. */
import { displayCommand } from "./cases.js";
import { summarize, type CaseResult, type CaseSummary } from "./run-rounds.js";

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function speedVersusBaseline(result: CaseResult, summaries: Map<CaseResult["benchCase"], CaseSummary | undefined>): string {
  const baseline = result.benchCase.baseline;
  if (baseline === undefined) return result.benchCase.command[0] === "tcpdump" ? "baseline" : "—";
  const own = summaries.get(result.benchCase);
  const theirs = summaries.get(baseline);
  return own && theirs ? `${(own.packetsPerSecond / theirs.packetsPerSecond).toFixed(2)}×` : "—";
}

/**
 * withBaseline is false when tcpdump is not installed: the comparison column is left out
 * rather than filled with numbers from elsewhere.
 */
export function resultsTable(results: readonly CaseResult[], withBaseline: boolean): string {
  const summaries = new Map(results.map((result) => [result.benchCase, summarize(result)]));
  const header = ["command", "packets", "wall s (median)", "min–max s", "peak RSS MiB", "packets/s"];
  if (withBaseline) header.push("speed vs tcpdump");
  const rows = results.map((result) => {
    const summary = summaries.get(result.benchCase);
    const cells = [`\`${displayCommand(result.benchCase)}\``, number.format(result.benchCase.packets)];
    if (summary === undefined) {
      cells.push(`failed: ${(result.error ?? "no run").replaceAll("|", "\\|")}`, "—", "—", "—");
    } else {
      cells.push(
        summary.medianSeconds.toFixed(2),
        `${summary.minSeconds.toFixed(2)}–${summary.maxSeconds.toFixed(2)}`,
        summary.medianRssKiB === undefined ? "n/a" : (summary.medianRssKiB / 1024).toFixed(0),
        number.format(summary.packetsPerSecond),
      );
    }
    if (withBaseline) cells.push(speedVersusBaseline(result, summaries));
    return cells;
  });
  // Numbers are right-aligned; the command column is not.
  const alignment = header.map((_, i) => (i === 0 ? "---" : "---:"));
  return [header, alignment, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
