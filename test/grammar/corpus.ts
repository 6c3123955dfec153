import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { recordsFromText } from "../../src/records/index.js";
import type { PacketRecord } from "../../src/records/types.js";

/** Repo root, from dist/test/grammar/. */
export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const corpusDir = join(repoRoot, "test/fixtures/corpus");

/** The corpus texts the grammar must read: upstream expected outputs, 4.99.3 renderings, live captures. */
const CORPUS_SETS: { dir: string; pattern: RegExp }[] = [
  { dir: "tests", pattern: /\.out$/ },
  { dir: "tests-local-4.99.3", pattern: /\.out$/ },
  { dir: "rendered", pattern: /\.txt$/ },
  { dir: "live", pattern: /^(?!.*stderr).*\.txt$/ },
];

/** Corpus text files, relative to test/fixtures/corpus/. */
export function corpusFiles(): string[] {
  return CORPUS_SETS.flatMap(({ dir, pattern }) =>
    readdirSync(join(corpusDir, dir))
      .filter((name) => pattern.test(name))
      .sort()
      .map((name) => `${dir}/${name}`),
  );
}

export function readCorpus(file: string): string {
  return readFileSync(join(corpusDir, file), "utf8");
}

const recordCache = new Map<string, PacketRecord[]>();

/** A text file's records, as the record assembler splits and joins them. */
export function recordsOf(path: string, text: string): PacketRecord[] {
  let records = recordCache.get(path);
  if (!records) {
    records = recordsFromText(text, path);
    recordCache.set(path, records);
  }
  return records;
}

/** The TCP records of one corpus file. */
export function corpusTcpRecords(file: string): PacketRecord[] {
  return recordsOf(file, readCorpus(file)).filter((r) => r.kind === "tcp");
}

/**
 * The text of the record that starts on `line` (1-based) of a corpus file; the TCP one when a
 * tunnel's outer and inner records share their first line.
 */
export function corpusRecord(file: string, line: number): string {
  const starting = recordsOf(file, readCorpus(file)).filter((r) => r.line === line);
  const record = starting.find((r) => r.kind === "tcp") ?? starting[0];
  if (!record) throw new Error(`no record starts at ${file}:${line}`);
  return record.text;
}

/** One physical line of a corpus file, as tcpdump printed it. */
export function corpusLine(file: string, line: number): string {
  return readCorpus(file).split("\n")[line - 1];
}
