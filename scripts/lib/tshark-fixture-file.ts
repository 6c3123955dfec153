import type { TsharkFixture } from "./tshark-types.js";

/**
 * A fixture as committed: one segment per line, so that a regenerated fixture's diff shows
 * which frames changed, and the file stays small (no indentation inside segments).
 */
export function fixtureJson(fixture: TsharkFixture): string {
  const { segments, ...head } = fixture;
  const headJson = JSON.stringify(head).slice(0, -1);
  const lines = segments.map((segment) => JSON.stringify(segment)).join(",\n");
  return `${headJson},"segments":[\n${lines}\n]}\n`;
}
