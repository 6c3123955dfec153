/**
 * Regenerates test/fixtures/tshark/: what tshark reads from every capture of the shared tcpdump
 * corpus that has a text rendering in test/fixtures/corpus/ or in the supplement rendered here
 * (renderings/, see scripts/lib/tshark-supplement.ts), plus index.json mapping each rendering to
 * its fixture and tcpdump options. Tests compare hs-report's packets with these files and never
 * run tshark themselves.
 *
 *   npm run fixtures:tshark [-- CORPUS_DIR]      (default ../shared/corpus/tcpdump from the repo root)
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseTcpdumpArgs } from "./lib/tshark-args.js";
import { listRenderings, type CorpusRendering } from "./lib/tshark-corpus.js";
import { fixtureJson } from "./lib/tshark-fixture-file.js";
import { readCapture, tcpdumpVersion, TSHARK_PREFERENCES, tsharkVersion } from "./lib/tshark-run.js";
import { renderSupplement } from "./lib/tshark-supplement.js";
import type { FixtureIndex, RenderingEntry, TsharkFixture } from "./lib/tshark-types.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const fixturesDir = join(repoRoot, "test/fixtures");
const outDir = join(repoRoot, "test/fixtures/tshark");

function main(argv: string[]): void {
  const corpusDir = resolve(repoRoot, argv[0] ?? "../shared/corpus/tcpdump");
  if (!existsSync(join(corpusDir, "index.tsv"))) {
    throw new Error(`no tcpdump corpus at ${corpusDir} (expected index.tsv there); pass its path as the first argument`);
  }
  const tshark = tsharkVersion();
  const renderings = [...listRenderings(corpusDir, fixturesDir), ...renderSupplement(corpusDir, outDir, tcpdumpVersion())];
  const fixtures = new Map<string, TsharkFixture>();
  const entries: RenderingEntry[] = renderings.map((rendering) => {
    const name = fixtureName(rendering);
    if (!fixtures.has(name)) fixtures.set(name, makeFixture(corpusDir, rendering));
    else if (fixtures.get(name)?.pcap !== rendering.pcap) throw new Error(`two captures map to fixture ${name}`);
    return { text: rendering.text, fixture: name, args: rendering.args, tcpdump: rendering.tcpdump };
  });

  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(outDir)) if (file.endsWith(".json")) rmSync(join(outDir, file));
  for (const [name, fixture] of fixtures) writeFileSync(join(outDir, name), fixtureJson(fixture));
  const index: FixtureIndex = { tshark, preferences: TSHARK_PREFERENCES, renderings: entries };
  writeFileSync(join(outDir, "index.json"), `${JSON.stringify(index, null, 1)}\n`);
  report(fixtures, entries.length);
}

/** One fixture per capture, and per BPF filter (a filter renumbers the frames tcpdump prints). */
function fixtureName(rendering: CorpusRendering): string {
  const filter = parseTcpdumpArgs(rendering.args).filter;
  const base = basename(rendering.pcap, extname(rendering.pcap));
  const suffix = filter.length > 0 ? `.filter-${filter.join("-").replace(/[^A-Za-z0-9]+/g, "_")}` : "";
  return `${base}${suffix}.json`;
}

function makeFixture(corpusDir: string, rendering: CorpusRendering): TsharkFixture {
  const filter = parseTcpdumpArgs(rendering.args).filter;
  const { first, undecoded, segments } = readCapture(join(corpusDir, rendering.pcap), filter);
  return { pcap: rendering.pcap, ...(filter.length > 0 ? { filter } : {}), first, undecoded, segments };
}

function report(fixtures: Map<string, TsharkFixture>, renderings: number): void {
  const segments = [...fixtures.values()].reduce((sum, f) => sum + f.segments.length, 0);
  const bytes = readdirSync(outDir).reduce((sum, file) => sum + statSync(join(outDir, file)).size, 0);
  console.log(
    `${fixtures.size} fixtures, ${segments} TCP segments, ${renderings} renderings, ${(bytes / 1024).toFixed(0)} KiB in ${outDir}`,
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`tshark-fixtures: ${(error as Error).message}`);
  process.exit(1);
}
