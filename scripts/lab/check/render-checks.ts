import { readFileSync } from "node:fs";
import { join } from "node:path";
import { listed } from "./capture-checks.js";
import type { CheckResults } from "./results.js";
import { CAPTURE_SIDES, type Scenario } from "./scenario.js";
import type { TsharkFrame } from "./tshark.js";

/**
 * The text renderings against tshark's frames of the same pcap: one record per packet (a
 * record's first line starts at column 0; -v continuation lines are indented), and in the
 * renderings that print addresses and sequence numbers the right ones on the right line.
 */
export function checkRenderings(s: Scenario, r: CheckResults): void {
  for (const side of CAPTURE_SIDES) {
    const frames = s.tshark[side].frames;
    for (const [flags, file] of Object.entries(s.truth.captures[side].texts)) {
      const records = readLines(s.dir, file).filter((l) => l !== "" && !/^\s/.test(l));
      r.equal(`${file}: one record per packet tshark reads`, records.length, frames.length);
      if (records.length !== frames.length) continue;
      if (flags === "nn") checkPerRecord(r, file, records, frames, addressText);
      if (flags === "S") checkPerRecord(r, file, records, frames, absoluteSeqText);
    }
    const live = s.truth.captures[side].live;
    if (live) checkLive(s, r, live, frames.length);
  }
}

/** `192.0.2.10.38606 > 203.0.113.80.80:` as -nn prints it (IPv6 the same way). */
function addressText(f: TsharkFrame): string {
  return ` ${f.src}.${f.sport} > ${f.dst}.${f.dport}: `;
}

/** With -S every SYN and data segment prints its raw sequence number (`seq N`, `seq N:M`). */
function absoluteSeqText(f: TsharkFrame): string | undefined {
  if (f.len > 0) return `seq ${f.seq}:${(f.seq + f.len) % 2 ** 32},`;
  return f.syn ? `seq ${f.seq},` : undefined;
}

function checkPerRecord(
  r: CheckResults,
  file: string,
  records: string[],
  frames: TsharkFrame[],
  expect: (f: TsharkFrame) => string | undefined,
): void {
  const wrong = frames.flatMap((f, i) => {
    const text = expect(f);
    return text === undefined || records[i].includes(text) ? [] : [`line ${i + 1} lacks '${text.trim()}'`];
  });
  r.check(`${file}: each record agrees with tshark's frame`, wrong.length === 0, listed(wrong, frames.length));
}

/** The live text (tcpdump -l, stdout and stderr merged) saw what the pcap of the same side saw. */
function checkLive(s: Scenario, r: CheckResults, file: string, frameCount: number): void {
  const lines = readLines(s.dir, file);
  const packets = lines.filter((l) => /^\d\d:\d\d:\d\d\.\d{6} /.test(l)).length;
  const counted = lines.map((l) => /^(\d+) packets? captured$/.exec(l)).find((m) => m !== null);
  r.equal(`${file}: packet lines, tcpdump's own count, the pcap's frames`, [packets, Number(counted?.[1])], [frameCount, frameCount]);
}

function readLines(dir: string, file: string): string[] {
  return readFileSync(join(dir, file), "utf8").split("\n");
}
