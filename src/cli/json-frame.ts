import type { CaptureStats } from "../connections/types.js";

/**
 * The two ends of a streamed `--json` document for one capture (docs/report.md): the
 * connections are written between them, one by one, as the tracker releases them.
 */
export function streamedHead(name: string): string {
  return `{"captures":[{"name":${JSON.stringify(name)},"connections":[`;
}

export function streamedTail(stats: CaptureStats): string {
  return `],"stats":${JSON.stringify(stats)}}]}\n`;
}
