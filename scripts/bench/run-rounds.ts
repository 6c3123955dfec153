/**
 * Runs every case once per round, in the same order each round, so slow drifts of the machine
 * (other load, thermal limits, page cache) spread over all cases instead of favouring one. A
 * case that fails is reported and not run again.
 */
import { loadavg } from "node:os";
import { displayCommand, type BenchCase } from "./cases.js";
import { measure, type MeasureOptions } from "./measure.js";

export interface CaseResult {
  benchCase: BenchCase;
  wallSeconds: number[];
  maxRssKiB: number[];
  error: string | undefined;
}

export interface RoundsOutcome {
  results: CaseResult[];
  /** The 1-minute load average before each run: other work on the machine skews the times. */
  loadAverages: number[];
}

export interface CaseSummary {
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  medianRssKiB: number | undefined;
  packetsPerSecond: number;
}

export async function runRounds(
  cases: readonly BenchCase[],
  rounds: number,
  options: MeasureOptions,
  log: (line: string) => void,
): Promise<RoundsOutcome> {
  const results: CaseResult[] = cases.map((benchCase) => ({ benchCase, wallSeconds: [], maxRssKiB: [], error: undefined }));
  const loadAverages: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const result of results) {
      if (result.error !== undefined) continue;
      const command = displayCommand(result.benchCase);
      loadAverages.push(loadavg()[0]);
      const measurement = await measure(result.benchCase.command, result.benchCase.env, options);
      if (!measurement.ok) {
        result.error = measurement.error;
        log(`round ${round}/${rounds}  FAILED  ${command}: ${measurement.error}`);
        continue;
      }
      result.wallSeconds.push(measurement.wallSeconds);
      if (measurement.maxRssKiB !== undefined) result.maxRssKiB.push(measurement.maxRssKiB);
      log(`round ${round}/${rounds}  ${measurement.wallSeconds.toFixed(2)} s  ${command}`);
    }
  }
  return { results, loadAverages };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** undefined for a case that failed. */
export function summarize(result: CaseResult): CaseSummary | undefined {
  if (result.error !== undefined || result.wallSeconds.length === 0) return undefined;
  const medianSeconds = median(result.wallSeconds);
  return {
    medianSeconds,
    minSeconds: Math.min(...result.wallSeconds),
    maxSeconds: Math.max(...result.wallSeconds),
    medianRssKiB: result.maxRssKiB.length > 0 ? median(result.maxRssKiB) : undefined,
    packetsPerSecond: result.benchCase.packets / medianSeconds,
  };
}
