/**
 * The records stage's cheap tests (src/records/prefilters.ts, hasTcpPart) must give the answer
 * of the regular expressions they stand in front of, on every line real tcpdump printed: the
 * corpus, the fixtures and the seed's pasted sessions. The regular expressions of patterns.ts
 * are the reference; mayBePasted's is written out here as the rule it implements.
 */
import { expect } from "chai";
import { timestampAt } from "../../src/records/bytes.js";
import { hasTcpPart } from "../../src/records/classify.js";
import {
  ANY_TIMESTAMP,
  BANNER,
  ICMP_WORD,
  INDENTED_SEGMENT,
  INNER_VERBOSE_IPV4,
  OWN_STAMP_PREFIX,
  RECORD_START,
  TCP_PART,
  VERBOSE_IPV4_AT_END,
} from "../../src/records/patterns.js";
import * as prefilters from "../../src/records/prefilters.js";
import { readText, tcpdumpTexts } from "../grammar/corpus.js";

/** Every distinct line of every text, with where it was first seen. */
function corpusLines(): Map<string, string> {
  const lines = new Map<string, string>();
  for (const path of tcpdumpTexts()) {
    readText(path)
      .split("\n")
      .forEach((line, i) => {
        if (!lines.has(line)) lines.set(line, `${path}:${i + 1}`);
      });
  }
  return lines;
}

/** ANY_TIMESTAMP with its own lastIndex (matchAll starts where the shared one was left). */
const TIMESTAMPS = new RegExp(ANY_TIMESTAMP.source, "g");

/**
 * A timestamp that is not the line's own: a second one, or the first one after column 12 or
 * after anything but a -# number, a sign column or a date (a shell prompt).
 */
function holdsPastedTimestamp(line: string): boolean {
  const all = [...line.matchAll(TIMESTAMPS)];
  if (all.length !== 1) return all.length > 1;
  const at = all[0].index!;
  return at > 12 || (at > 0 && !OWN_STAMP_PREFIX.test(line.slice(0, at)));
}

describe("records prefilters agree with the regular expressions on real tcpdump text", () => {
  const lines = corpusLines();

  /** Runs `check` on every line; reports the first lines where it fails and counts `seen`. */
  function everyLine(check: (line: string) => boolean, seen: (line: string) => boolean): number {
    const failures: string[] = [];
    let count = 0;
    for (const [line, where] of lines) {
      if (!check(line) && failures.length < 5) failures.push(`${where}: ${JSON.stringify(line)}`);
      if (seen(line)) count++;
    }
    expect(failures).to.deep.equal([]);
    return count;
  }

  it("reads enough lines to mean something", () => {
    expect(lines.size).to.be.greaterThan(10000);
  });

  it("hasTcpPart is TCP_PART.test", () => {
    const tcp = everyLine((l) => hasTcpPart(l) === TCP_PART.test(l), (l) => TCP_PART.test(l));
    expect(tcp).to.be.greaterThan(1000);
  });

  it("mayBePasted finds a timestamp that is not the line's own exactly when there is one", () => {
    const pasted = everyLine((l) => prefilters.mayBePasted(l) === holdsPastedTimestamp(l), holdsPastedTimestamp);
    // -# numbers before -tttt dates put the first timestamp past column 12; the seed's pasted
    // sessions hold many timestamps
    expect(pasted).to.be.greaterThan(1000);
  });

  it("plainRecordStart only takes lines the chain would start a record with", () => {
    const chainStarts = (l: string) => l.trim() !== "" && !BANNER.test(l) && !holdsPastedTimestamp(l) && RECORD_START.test(l);
    const plain = everyLine((l) => prefilters.plainRecordStart(l) === undefined || chainStarts(l), (l) => prefilters.plainRecordStart(l) !== undefined);
    expect(plain).to.be.greaterThan(1000);
  });

  it("plainRecordStart says tcp only of lines whose record text carries a TCP part", () => {
    const tcp = everyLine((l) => prefilters.plainRecordStart(l) !== "tcp" || TCP_PART.test(l.trimEnd()), (l) => prefilters.plainRecordStart(l) === "tcp");
    expect(tcp).to.be.greaterThan(1000);
  });

  it("indentedSegment is INDENTED_SEGMENT.test, and says tcp only of segments with a TCP part", () => {
    const agrees = (l: string) => {
      const segment = prefilters.indentedSegment(l);
      return (segment !== undefined) === INDENTED_SEGMENT.test(l) && (segment !== "tcp" || TCP_PART.test(l.slice(4)));
    };
    expect(everyLine(agrees, (l) => prefilters.indentedSegment(l) === "tcp")).to.be.greaterThan(100);
  });

  it("mentionsIcmp is ICMP_WORD.test", () => {
    expect(everyLine((l) => prefilters.mentionsIcmp(l) === ICMP_WORD.test(l), (l) => ICMP_WORD.test(l))).to.be.greaterThan(10);
  });

  it("endsWithVerboseHeader is VERBOSE_IPV4_AT_END.test", () => {
    const headers = everyLine((l) => prefilters.endsWithVerboseHeader(l) === VERBOSE_IPV4_AT_END.test(l), (l) => VERBOSE_IPV4_AT_END.test(l));
    expect(headers).to.be.greaterThan(100);
  });

  it("innerVerboseHeader finds INNER_VERBOSE_IPV4's match", () => {
    const sameMatch = (l: string) => {
      const ours = prefilters.innerVerboseHeader(l);
      const reference = INNER_VERBOSE_IPV4.exec(l);
      return ours?.index === reference?.index && ours?.[0] === reference?.[0];
    };
    expect(everyLine(sameMatch, (l) => INNER_VERBOSE_IPV4.test(l))).to.be.greaterThan(100);
  });

  it("timestampAt finds, at each `.` of a line's bytes, the time stamps ANY_TIMESTAMP finds in the line as the assembler reads it", () => {
    /** The `.` of each ANY_TIMESTAMP match in the line from `from` on; a TAB inside a line reads as a space (assembler.ts normalise). */
    const reference = (l: string, from: number) => [...l.slice(from).replace(/\t/g, " ").matchAll(TIMESTAMPS)].map((m) => from + m.index! + m[0].indexOf("."));
    const ours = (l: string, from: number) => {
      const b = Buffer.from(l, "latin1");
      const dots: number[] = [];
      for (let i = b.indexOf(46, from); i >= 0; i = b.indexOf(46, i + 1)) if (timestampAt(b, i, from, b.length)) dots.push(i);
      return dots;
    };
    // also from the stamp's second and third character on (9 digits of -tt seconds, then 8;
    // `h:mm:ss`), with a `-` for the first `:`, with a digit more in every fraction
    // (nanoseconds' 9 digits, then 10), and with TABs for spaces
    const variants = (l: string) => [l, l.replace(":", "-"), l.replaceAll(".", ".0"), l.replaceAll(" ", "\t")];
    const agrees = (l: string) => variants(l).every((v) => [0, 1, 2].every((from) => ours(v, from).join() === reference(v, from).join()));
    expect(everyLine(agrees, (l) => reference(l, 0).length > 0)).to.be.greaterThan(10000);
    // and the lines it must not take for one: a `.` and six digits that is no time stamp (the bench's HTTP file names)
    expect(everyLine(() => true, (l) => /\.\d{6}/.test(l.replace(TIMESTAMPS, "")))).to.be.greaterThan(5);
  });

  it("trimEnd is String.prototype.trimEnd", () => {
    expect(everyLine((l) => prefilters.trimEnd(l) === l.trimEnd(), (l) => l !== l.trimEnd())).to.be.greaterThan(0);
  });
});
