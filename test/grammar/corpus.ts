import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseSegment } from "../../src/grammar/index.js";
import type { ParsedSegment, ParseResult } from "../../src/grammar/types.js";
import { recordsFromText } from "../../src/records/index.js";
import type { PacketRecord } from "../../src/records/types.js";

/** Repo root, from dist/test/grammar/. */
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * Texts that real tcpdump printed, relative to the repo root: the corpus (upstream expected
 * outputs, 4.99.3 renderings, live captures), then the other fixtures and samples made with
 * tcpdump (tshark comparison renderings, connection captures, the bench's web traffic, the lab
 * and the seed).
 */
const TEXT_SETS: { dir: string; pattern: RegExp }[] = [
  { dir: "test/fixtures/corpus/tests", pattern: /\.out$/ },
  { dir: "test/fixtures/corpus/tests-local-4.99.3", pattern: /\.out$/ },
  { dir: "test/fixtures/corpus/rendered", pattern: /\.txt$/ },
  { dir: "test/fixtures/corpus/live", pattern: /^(?!.*stderr).*\.txt$/ },
  { dir: "test/fixtures/tshark/renderings", pattern: /\.txt$/ },
  { dir: "test/fixtures/connections", pattern: /\.txt$/ },
  { dir: "test/fixtures/bench", pattern: /\.txt$/ },
  { dir: "samples", pattern: /\.txt$/ },
];

/** Files below `dir` (repo-relative) whose names match, sorted. */
function filesBelow(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(repoRoot, dir))
    .sort()
    .flatMap((name) => {
      const path = `${dir}/${name}`;
      if (statSync(join(repoRoot, path)).isDirectory()) return filesBelow(path, pattern);
      return pattern.test(name) ? [path] : [];
    });
}

/** Every text file of TEXT_SETS, repo-relative. */
export function tcpdumpTexts(): string[] {
  return TEXT_SETS.flatMap(({ dir, pattern }) => filesBelow(dir, pattern));
}

export function readText(path: string): string {
  return readFileSync(join(repoRoot, path), "utf8");
}

const recordCache = new Map<string, PacketRecord[]>();

/** A text file's records, as the record assembler splits and joins them. */
export function recordsOf(path: string): PacketRecord[] {
  let records = recordCache.get(path);
  if (!records) {
    records = recordsFromText(readText(path), path);
    recordCache.set(path, records);
  }
  return records;
}

/** The TCP records of one file. */
export function tcpRecords(path: string): PacketRecord[] {
  return recordsOf(path).filter((r) => r.kind === "tcp");
}

/** A TCP record of the repo's texts with a fresh nearley parse of it (`parseSegment`). */
export interface RecordParse {
  file: string;
  record: PacketRecord;
  result: ParseResult;
}

let parses: RecordParse[] | undefined;

/** Every TCP record of tcpdumpTexts(), each parsed once per test run. */
export function tcpRecordParses(): RecordParse[] {
  parses ??= tcpdumpTexts().flatMap((file) => tcpRecords(file).map((record) => ({ file, record, result: parseSegment(record.text) })));
  return parses;
}

/** A TCP record that the grammar reads, with what it reads. */
export interface ParsedRecord {
  file: string;
  record: PacketRecord;
  segment: ParsedSegment;
}

/** Every TCP record of tcpdumpTexts() that parses, with its parse. */
export function parsedTcpRecords(): ParsedRecord[] {
  return tcpRecordParses().flatMap(({ file, record, result }) => (result.ok ? [{ file, record, segment: result.segment }] : []));
}

/**
 * The text of the record that starts on `line` (1-based) of a file; the TCP one when a
 * tunnel's outer and inner records share their first line.
 */
export function recordAt(path: string, line: number): string {
  const starting = recordsOf(path).filter((r) => r.line === line);
  const record = starting.find((r) => r.kind === "tcp") ?? starting[0];
  if (!record) throw new Error(`no record starts at ${path}:${line}`);
  return record.text;
}
