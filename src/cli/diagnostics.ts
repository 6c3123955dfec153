import type { LineError, PacketCounts } from "../packets/index.js";
import type { RecordAssembler } from "../records/index.js";

/** The longest piece of a line quoted under an error; longer pieces are cut around the column. */
const QUOTE_WIDTH = 160;

/** `FILE:LINE:COL: message`, the line, and a caret under the column (compilers' layout). */
export function formatLineError(e: LineError): string {
  let text = e.text;
  let col = e.textColumn;
  if (text.length > QUOTE_WIDTH) {
    const start = Math.max(0, Math.min(col - QUOTE_WIDTH / 2, text.length - QUOTE_WIDTH));
    text = (start > 0 ? "…" : "") + text.slice(start, start + QUOTE_WIDTH) + (start + QUOTE_WIDTH < e.text.length ? "…" : "");
    col = col - start + (start > 0 ? 1 : 0);
  }
  return `${e.file}:${e.line}:${e.column}: ${e.message}\n    ${text}\n    ${" ".repeat(col)}^\n`;
}

/** A tracker's warning (the open-connection cap was reached), where it happened. */
export function formatWarning(file: string, w: { line: number; message: string }): string {
  return `${file}:${w.line}: warning: ${w.message}\n`;
}

/** What the summary line reports of an input (an InputRun, or the sum of parallel workers' parts). */
export interface SummarySource {
  name: string;
  assembler: Pick<RecordAssembler, "lines" | "skipped" | "skippedLines">;
  reader: { counts: PacketCounts };
}

/** One summary line per input: what was read, skipped and refused. */
export function formatSummary(input: SummarySource): string {
  const { name, assembler, reader } = input;
  const counts = reader.counts;
  const skipped = assembler.skipped;
  const other = Object.entries(counts.nonTcp)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const skippedDetail = [
    skipped.banner && `${skipped.banner} banner`,
    skipped.continuation && `${skipped.continuation} continuation`,
    skipped.noise && `${skipped.noise} other text`,
    skipped.blank && `${skipped.blank} blank`,
  ].filter(Boolean).join(", ");
  return (
    `hs-report: ${name}: ${assembler.lines} lines, ${counts.records} packet records, ${counts.tcpSegments} TCP segments, ` +
    `${Object.values(counts.nonTcp).reduce((a, b) => a + b, 0)} non-TCP skipped${other ? ` (${other})` : ""}, ` +
    `${assembler.skippedLines} lines skipped${skippedDetail ? ` (${skippedDetail})` : ""}, ${counts.errors} errors\n`
  );
}
