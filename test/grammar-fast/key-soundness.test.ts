import { expect } from "chai";
import { FastParser, parseSegment } from "../../src/grammar/index.js";
import { LineKey, RUN_CAP } from "../../src/grammar/fast/line-key.js";
import { Prng } from "../../scripts/bench/pcap/prng.js";
import { corpusRecords, keyText } from "./records.js";

/**
 * The text key's promise (line-key.ts): texts with the same key lex into the same tokens, so
 * one text's parse can be replayed on the other. Real records rarely differ only in what the
 * key hides (a `0` against a `5`, a 9-digit number against a 12-digit one, a checksum's
 * letters), so this test makes such texts from each real record: it redraws the numbers
 * (digit runs, address octets, hex after `0x`), keeps the variants whose key is the record's,
 * and requires the replayed parse to equal a fresh nearley parse of the variant. The
 * variants are not what tcpdump would print; the promise must hold for any text.
 */

const HEX_DIGITS = "0123456789abcdefABCDEF";

function digits(prng: Prng, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += String(prng.int(0, 9));
  return s;
}

/** A run's new length: long runs stay long, short ones (octets, ports) move within 1-3 or stay. */
function redrawnLength(prng: Prng, length: number): number {
  if (length >= RUN_CAP) return prng.int(RUN_CAP, RUN_CAP + 4);
  return length <= 3 ? prng.int(1, 3) : length;
}

const NUMBER = /0x[0-9a-fA-F]+|\d+/g;

/** The record with one to three of its numbers (hex after `0x`, digit runs) redrawn. */
function redrawn(prng: Prng, text: string): string {
  const count = text.match(NUMBER)?.length ?? 0;
  const chosen = new Set(Array.from({ length: prng.int(1, 3) }, () => prng.int(0, count - 1)));
  let n = 0;
  return text.replace(NUMBER, (run) => {
    if (!chosen.has(n++)) return run;
    if (run.startsWith("0x")) return "0x" + Array.from(run.slice(2), () => prng.pick([...HEX_DIGITS])).join("");
    return digits(prng, redrawnLength(prng, run.length));
  });
}

describe("grammar-fast: texts with the same key parse alike (redrawn numbers)", () => {
  const records = corpusRecords().filter((r) => !r.reference.startsWith('{"ok":false'));

  it("replays each real record's parse on variants with its key, as a fresh parse reads them", () => {
    const prng = new Prng(61);
    const keys = new LineKey();
    const problems: string[] = [];
    let variants = 0;
    for (const r of records) {
      // a template from the first sighting: the variants test it, not when it is made
      const parser = new FastParser({ learnOnSighting: 1 });
      const key = keyText(keys, r.text);
      parser.parse(r.text);
      for (let attempt = 0; attempt < 6; attempt++) {
        const variant = redrawn(prng, r.text);
        if (variant === r.text || keyText(keys, variant) !== key) continue;
        variants++;
        const hitsBefore = parser.stats.textHits;
        const fast = JSON.stringify(parser.parse(variant));
        const full = JSON.stringify(parseSegment(variant));
        if (parser.stats.textHits !== hitsBefore + 1) problems.push(`${r.where}: variant not replayed\n  ${variant}`);
        else if (fast !== full) problems.push(`${r.where}\n  record:  ${r.text}\n  variant: ${variant}\n  fast: ${fast}\n  full: ${full}`);
      }
    }
    expect(problems, problems.slice(0, 5).join("\n")).to.deep.equal([]);
    expect(variants).to.be.greaterThan(records.length);
  });

  it("parses a text with a character tcpdump never prints (outside ASCII) without a text key, as a fresh parse does", () => {
    const parser = new FastParser();
    for (const r of records) parser.parse(r.text);
    const hits = parser.stats.textHits;
    // one in Latin-1, one beyond (two bytes or three in UTF-8)
    const problems = records.flatMap((r) =>
      ["\u00e9", "\u2192"].flatMap((extra) => {
        const text = `${r.text} ${extra}`;
        const fast = JSON.stringify(parser.parse(text));
        const full = JSON.stringify(parseSegment(text));
        return fast === full ? [] : [`${r.where}\n  fast: ${fast}\n  full: ${full}`];
      }),
    );
    expect(problems, problems.slice(0, 5).join("\n")).to.deep.equal([]);
    expect(parser.stats.textHits).to.equal(hits);
  });

  it("reports records cut short (errors) as a fresh parse does, and never caches them", () => {
    const prng = new Prng(62);
    const parser = new FastParser();
    for (const r of records) parser.parse(r.text);
    const problems: string[] = [];
    let errors = 0;
    for (const r of records) {
      const cut = r.text.slice(0, prng.int(1, r.text.length - 1));
      const full = parseSegment(cut);
      if (!full.ok) errors++;
      for (let twice = 0; twice < 2; twice++) {
        const fast = JSON.stringify(parser.parse(cut));
        if (fast !== JSON.stringify(full)) problems.push(`${r.where}\n  cut: ${cut}\n  fast: ${fast}\n  full: ${JSON.stringify(full)}`);
      }
    }
    expect(problems, problems.slice(0, 5).join("\n")).to.deep.equal([]);
    expect(parser.stats.failed).to.equal(2 * errors);
    expect(errors).to.be.greaterThan(records.length / 2);
  });
});
