import { expect } from "chai";
import { parseTcpdumpArgs, type RenderingOptions } from "../../scripts/lib/tshark-args.js";
import type { TsharkSegment } from "../../scripts/lib/tshark-types.js";
import { loadFixture, loadIndex } from "../helpers/tshark-fixtures.js";

/**
 * The committed tshark fixtures cover every flag set and link type the packets stage must
 * handle, each with TCP segments to compare (a rendering without segments checks nothing).
 */
describe("tshark fixtures: coverage", () => {
  const index = loadIndex();
  const renderings = index.renderings.map((entry) => ({
    options: parseTcpdumpArgs(entry.args),
    args: entry.args,
    segments: loadFixture(entry.fixture).segments,
  }));
  const covered = (options: (o: RenderingOptions, args: string[]) => boolean, segment: (s: TsharkSegment) => boolean = () => true) =>
    renderings.some((r) => options(r.options, r.args) && r.segments.some(segment));

  const flagSets: [string, (o: RenderingOptions, args: string[]) => boolean][] = [
    ["no options (names, default time)", (_, args) => args.length === 0],
    ["-nn", (o) => o.numeric],
    ["-v", (o) => o.verbosity === 1],
    ["-vv", (o) => o.verbosity === 2],
    ["-vvv", (o) => o.verbosity === 3],
    ["-e", (o) => o.linkHeader],
    ["-tt", (o) => o.timeForm === "tt"],
    ["-ttt", (o) => o.timeForm === "ttt"],
    ["-tttt", (o) => o.timeForm === "tttt"],
    ["-ttttt", (o) => o.timeForm === "ttttt"],
    ["-S", (o) => o.absolute],
    ["nanosecond precision", (o) => o.nano],
    ["-q", (o) => o.quiet],
    ["-#", (o) => o.numbered],
  ];
  for (const [name, test] of flagSets) {
    it(`has TCP segments rendered with ${name}`, () => expect(covered(test)).to.equal(true));
  }

  const links: [string, (s: TsharkSegment) => boolean][] = [
    ["Linux cooked v1 (packet type, no ifindex)", (s) => s.link?.pkttype !== undefined && s.link.ifindex === undefined],
    ["Linux cooked v2 (ifindex)", (s) => s.link?.ifindex !== undefined],
    ["802.1Q VLAN", (s) => (s.link?.vlan?.length ?? 0) > 0],
    ["IPv6", (s) => s.ip.version === 6],
  ];
  for (const [name, test] of links) {
    it(`has ${name} segments rendered with -e`, () => expect(covered((o) => o.linkHeader, test)).to.equal(true));
  }

  it("records for every segment the raw numbers the packets stage rebuilds", () => {
    const all = renderings.flatMap((r) => r.segments);
    const incomplete = all.filter((s) => s.seq === undefined && s.flags !== undefined);
    expect(incomplete.map((s) => s.frame)).to.deep.equal([]);
  });
});
