import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseTcpdumpArgs } from "../../scripts/lib/tshark-args.js";
import type { CompareContext } from "../../scripts/lib/tshark-findings.js";
import type { Finding } from "../../scripts/lib/tshark-score.js";
import type { FixtureIndex, RenderingEntry, TsharkFixture } from "../../scripts/lib/tshark-types.js";

/** Repo root from dist/test/helpers/. */
const root = fileURLToPath(new URL("../../..", import.meta.url));
const fixturesDir = join(root, "test/fixtures/tshark");
const textsDir = join(root, "test/fixtures");

export function loadIndex(): FixtureIndex {
  return JSON.parse(readFileSync(join(fixturesDir, "index.json"), "utf8")) as FixtureIndex;
}

const fixtures = new Map<string, TsharkFixture>();

export function loadFixture(name: string): TsharkFixture {
  const cached = fixtures.get(name);
  if (cached) return cached;
  const fixture = JSON.parse(readFileSync(join(fixturesDir, name), "utf8")) as TsharkFixture;
  fixtures.set(name, fixture);
  return fixture;
}

/** The committed text tcpdump printed for a rendering, read as the CLI reads input (UTF-8). */
export function renderingText(entry: RenderingEntry): string {
  return readFileSync(join(textsDir, entry.text), "utf8");
}

export function contextFor(entry: RenderingEntry, fixture: TsharkFixture): CompareContext {
  const { first, pcap, undecoded } = fixture;
  return { options: parseTcpdumpArgs(entry.args), tcpdump: entry.tcpdump, first, pcap, undecoded };
}

/** The first findings of a rendering, one per line, for an assertion message. */
export function describeFindings(entry: RenderingEntry, findings: Finding[], limit = 8): string {
  const shown = findings.slice(0, limit).map((f) => {
    const where = `${entry.text}:${f.line ?? "-"}${f.frame === undefined ? "" : ` frame ${f.frame}`}`;
    return `  ${where} ${f.field}: tshark ${JSON.stringify(f.expected)}, hs-report ${JSON.stringify(f.actual)}`;
  });
  const more = findings.length > limit ? `\n  ... ${findings.length - limit} more` : "";
  return `${findings.length} difference(s) with tshark (tcpdump ${entry.args.join(" ")}):\n${shown.join("\n")}${more}`;
}
