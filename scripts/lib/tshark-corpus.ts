import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TcpdumpVersion } from "./tshark-types.js";

/** A text rendering of the shared corpus whose capture is available. */
export interface CorpusRendering {
  /** Text path relative to test/fixtures/ (`corpus/rendered/ssh.nn.txt`). */
  text: string;
  /** Capture path relative to the corpus. */
  pcap: string;
  /** tcpdump options and filter words, without `-r FILE`. */
  args: string[];
  tcpdump: TcpdumpVersion;
}

/**
 * Every rendering that has a capture: `rendered/` (command in `rendered/INDEX.tsv`, local
 * 4.99.3), `tests/` (upstream master's expected outputs) and `tests-local-4.99.3/` (the same
 * tests re-rendered locally), both with the flags of `index.tsv`. The live text captures and
 * the seed have no capture of their own and are not listed. Only renderings whose text exists
 * under `fixturesDir` (the repo's committed copy in test/fixtures/corpus/) are returned.
 */
export function listRenderings(corpusDir: string, fixturesDir: string): CorpusRendering[] {
  const all = [...renderedTexts(corpusDir), ...upstreamTests(corpusDir)];
  return all.filter((r) => existsSync(join(fixturesDir, r.text)));
}

function renderedTexts(corpusDir: string): CorpusRendering[] {
  return tsvRows(join(corpusDir, "rendered/INDEX.tsv")).map((row) => {
    const words = row.command.split(/\s+/).filter((w) => w !== "" && !/^TZ=/.test(w) && w !== "tcpdump");
    const at = words.indexOf("-r");
    if (at < 0) throw new Error(`rendered/INDEX.tsv: no -r in ${row.command}`);
    return {
      text: `corpus/rendered/${row.output}`,
      pcap: words[at + 1],
      args: [...words.slice(0, at), ...words.slice(at + 2)],
      tcpdump: "4.99.3",
    };
  });
}

function upstreamTests(corpusDir: string): CorpusRendering[] {
  return tsvRows(join(corpusDir, "index.tsv")).flatMap((row) => {
    const base = { pcap: `tests/${row.pcap}`, args: row.flags.split(/\s+/).filter((w) => w !== "") };
    return [
      { ...base, text: `corpus/tests/${row.out}`, tcpdump: "5.x" as const },
      { ...base, text: `corpus/tests-local-4.99.3/${row.test}.out`, tcpdump: "4.99.3" as const },
    ];
  });
}

/** Rows of a tab-separated file with a header line, keyed by the header's column names. */
function tsvRows(path: string): Record<string, string>[] {
  if (!existsSync(path)) throw new Error(`corpus index not found: ${path}`);
  const [header, ...lines] = readFileSync(path, "utf8").split("\n").filter((l) => l !== "");
  const names = header.split("\t");
  return lines.map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? ""]));
  });
}
