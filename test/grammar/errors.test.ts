import { expect } from "chai";
import { parseSegment } from "../../src/grammar/index.js";
import type { ParseError } from "../../src/grammar/types.js";
import { recordAt } from "./corpus.js";

/** Real records, damaged the way copies get damaged: cut short, a character lost, a field mangled. */
const SYN = recordAt("test/fixtures/corpus/rendered/tcp-handshake-nano.nn.txt", 1);
const VERBOSE = recordAt("test/fixtures/corpus/tests/accecn_handshake.out", 1);

function failure(text: string): ParseError {
  const result = parseSegment(text);
  if (result.ok) throw new Error(`parsed: ${text}`);
  return result.error;
}

describe("grammar: errors on damaged records", () => {
  it("the undamaged records parse", () => {
    expect(parseSegment(SYN).ok).to.equal(true);
    expect(parseSegment(VERBOSE).ok).to.equal(true);
  });

  it("a record cut inside its options fails at the end of the text", () => {
    const cut = SYN.slice(0, SYN.indexOf(",sackOK"));
    const error = failure(cut);
    expect(error.column).to.equal(cut.length);
    expect(error.message).to.match(/^line ends after ", options \[mss 1360"; expected .*","/);
  });

  it("a verbose IPv4 header without its TCP line fails right after the header", () => {
    const header = VERBOSE.slice(0, VERBOSE.indexOf(") ") + 1);
    expect(failure(header).column).to.equal(header.length);
  });

  it("a lost `>` between the endpoints points at the destination", () => {
    const damaged = SYN.replace(" > ", " ");
    const error = failure(damaged);
    expect(error.column).to.equal(damaged.indexOf("137.116.81.94.80"));
    expect(error.message).to.match(/^unexpected "137\.116\.81\.94\.80" after "IP 131\.155\.215\.69\.46656"; expected .*">"/);
  });

  it("a window that is not a number points at its `, win`", () => {
    const damaged = SYN.replace("win 27200", "win 27k");
    const error = failure(damaged);
    expect(error.column).to.equal(damaged.indexOf(", win 27k"));
    expect(error.message).to.match(/^unexpected "," after "Flags \[S\], seq 797190859"; expected .*", win N"/);
  });

  it("a missing `Flags` keyword points at the bracket, in a message of one short line", () => {
    const damaged = SYN.replace("Flags [S]", "[S]");
    const error = failure(damaged);
    expect(error.column).to.equal(damaged.indexOf("[S]"));
    expect(error.message.length).to.be.below(300);
  });
});
