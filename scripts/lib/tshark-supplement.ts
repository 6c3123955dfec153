import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { CorpusRendering } from "./tshark-corpus.js";
import { renderWithTcpdump, versionFamily } from "./tshark-tcpdump.js";

/**
 * Renderings the corpus lacks, made by the local tcpdump from corpus captures when the fixtures
 * are regenerated and committed next to them (test/fixtures/tshark/renderings/). Each covers a
 * form that `check-vs-tshark` met on the corpus captures under its default flag sets and no
 * committed text showed.
 */
const SUPPLEMENT: { pcap: string; args: string[]; why: string }[] = [
  { pcap: "tests/geneve.pcap", args: ["-nn", "-q"], why: "quiet mode prints a UDP tunnel without its inner packet" },
  { pcap: "tests/ssh.pcap", args: ["-nn", "-ttt"], why: "deltas since the previous packet over a whole connection" },
  { pcap: "tests/ssh.pcap", args: ["-nn", "-ttttt"], why: "deltas since the first packet over a whole connection" },
  { pcap: "tests/geneve.pcap", args: ["-nn", "-ttt"], why: "-ttt deltas that run through non-TCP packets (ICMP in the tunnel)" },
  { pcap: "tests/bgp-bgpsec.pcap", args: ["-nn", "-ttttt"], why: "-ttttt deltas that grow like -ttt sums" },
  { pcap: "tests/ldp-common-session.pcap", args: ["-nn"], why: "LDP summary glued to the length (`length 32LDP, ...`)" },
  { pcap: "tests/bgp-addpath.pcap", args: ["-nn", "-e"], why: "raw IP link header `ip: ` with -e" },
  { pcap: "tests/bgp-as-path-oobr.pcap", args: ["-nn", "-tt"], why: "-tt time stamps in the first second of the epoch (`0.000000`)" },
  { pcap: "tests/bgp-shutdown-msg-variations.pcap", args: ["-e"], why: "a MAC printed as its ethers name (`Broadcast`)" },
  { pcap: "tests/bgp-aigp.pcap", args: ["-nn", "-e"], why: "Linux cooked header of a non-Ethernet hardware type (`hlen 22, proto 0x0000`)" },
  { pcap: "tests/bgp_vpn_attrset.pcap", args: ["-nn", "-e"], why: "PPP link header with -e (`IP (0x0021), length 177: `)" },
];

export const SUPPLEMENT_DIR = "renderings";

/** Renders the supplement into `outDir/renderings/` (replacing what was there) and lists it. */
export function renderSupplement(corpusDir: string, outDir: string, tcpdumpVersion: string): CorpusRendering[] {
  const dir = join(outDir, SUPPLEMENT_DIR);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) rmSync(join(dir, file));
  const readme = [
    "# Renderings the corpus lacks",
    "",
    `Made by \`npm run fixtures:tshark\` with ${tcpdumpVersion}: \`TZ=UTC tcpdump ARGS -r CORPUS/PCAP\` (in a network`,
    "namespace of its own, so that name lookups stay on the machine). Do not edit; regenerate.",
    "",
    "| file | pcap | args | why |",
    "|---|---|---|---|",
  ];
  const renderings = SUPPLEMENT.map(({ pcap, args, why }) => {
    const name = `${basename(pcap, extname(pcap))}.${args.map((a) => a.replace(/^-+/, "")).join("_")}.txt`;
    writeFileSync(join(dir, name), renderWithTcpdump(join(corpusDir, pcap), args));
    readme.push(`| ${name} | ${pcap} | \`${args.join(" ")}\` | ${why} |`);
    return { text: `tshark/${SUPPLEMENT_DIR}/${name}`, pcap, args, tcpdump: versionFamily(tcpdumpVersion) };
  });
  writeFileSync(join(dir, "README.md"), `${readme.join("\n")}\n`);
  return renderings;
}
