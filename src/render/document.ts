import type { Capture } from "../connections/types.js";
import type { MatchResult } from "../matching/types.js";

/** `hs-report --json`: the captures, and with two of them the matching (docs/report.md). */
export interface ReportDocument extends Partial<MatchResult> {
  captures: Capture[];
}

export function reportDocument(captures: Capture[], match?: MatchResult): ReportDocument {
  return match ? { captures, ...match } : { captures };
}
