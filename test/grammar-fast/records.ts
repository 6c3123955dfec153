import { Prng } from "../../scripts/bench/pcap/prng.js";
import type { LineKey } from "../../src/grammar/fast/line-key.js";
import { tcpRecordParses } from "../grammar/corpus.js";

/** A TCP record of a text tcpdump printed, with where it came from. */
export interface CorpusRecord {
  where: string;
  text: string;
  /** JSON of a fresh nearley parse (`parseSegment`): what the fast path must return. */
  reference: string;
}

let all: CorpusRecord[] | undefined;

/**
 * Every TCP record of every tcpdump text in the repo (test/grammar/corpus.ts: the corpus,
 * tshark renderings, connection fixtures, the seed and the lab samples), as the record
 * assembler makes them, each with its reference parse.
 */
export function corpusRecords(): CorpusRecord[] {
  all ??= tcpRecordParses().map(({ file, record, result }) => ({ where: `${file}:${record.line}`, text: record.text, reference: JSON.stringify(result) }));
  return all;
}

/** The items in a seeded random order (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const prng = new Prng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The text key of `text` as a string (undefined for a text without a key), to count and compare keys. */
export function keyText(keys: LineKey, text: string): string | undefined {
  return keys.read(text) ? keys.text() : undefined;
}
