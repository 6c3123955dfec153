import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { Capture, Connection } from "../../../src/connections/types.js";
import type { ReportDocument } from "../../../src/render/document.js";
import { listed } from "./capture-checks.js";
import { endpointKey, findByEndpoints, showEndpoint as show } from "./endpoints.js";
import type { CheckResults } from "./results.js";
import type { CaptureSide, Scenario } from "./scenario.js";
import type { Side, TruthConnection } from "./truth.js";

/** Where each side's connections are in a report: two captures, or one `-i any` capture. */
type Layout = Record<Side, Capture>;

/** Clock bounds come from microsecond timestamps taken at different capture points. */
const CLOCK_TOLERANCE_MS = 0.05;

/**
 * hs-report on the scenario's texts against tshark and the ground truth: the front and back
 * -nn texts, the -i any text alone, and the live texts where the scenario made them.
 */
export function checkReport(s: Scenario, r: CheckResults, reportBin: string): void {
  const { front, back, any } = s.truth.captures;
  const runs: { label: string; files: string[]; sides: CaptureSide[] }[] = [
    { label: "report (front+back -nn)", files: [front.texts.nn, back.texts.nn], sides: ["front", "back"] },
    { label: "report (-i any -nn)", files: [any.texts.nn], sides: ["any"] },
  ];
  if (front.live && back.live) runs.push({ label: "report (live texts)", files: [front.live, back.live], sides: ["front", "back"] });
  for (const run of runs) {
    const doc = runReport(r, run.label, reportBin, s.dir, run.files);
    if (!doc) continue;
    const layout = { front: doc.captures[0], back: doc.captures[run.sides.length - 1] };
    checkRun(s, r, run.label, doc, layout, run.sides);
  }
}

/** The report document, or undefined after recording why hs-report gave none. */
function runReport(r: CheckResults, label: string, reportBin: string, dir: string, files: string[]): ReportDocument | undefined {
  const run = spawnSync("node", [reportBin, "--json", ...files.map((f) => join(dir, f))], { encoding: "utf8", maxBuffer: 1 << 28 });
  const ok = run.status === 0 && run.stdout.startsWith("{");
  const error = run.stderr.split("\n").find((l) => /error/i.test(l)) ?? run.stderr.trim().split("\n").pop();
  r.check(`${label}: hs-report ran`, ok, ok ? "exit 0" : `exit ${run.status}: ${error}`);
  return ok ? (JSON.parse(run.stdout) as ReportDocument) : undefined;
}

function checkRun(s: Scenario, r: CheckResults, label: string, doc: ReportDocument, layout: Layout, sides: CaptureSide[]): void {
  sides.forEach((side, i) => checkHandshakes(s, r, `${label} ${side}`, doc.captures[i], side));
  checkMatches(s, r, label, doc, layout);
  checkUnmatched(s, r, label, doc, layout);
  checkVerdict(s, r, label, doc);
  if (sides.length === 2) checkClock(s, r, label, doc);
}

/** The verdict's kind; its NAT type must be the lab's where the verdict is `nat` or names one. */
function checkVerdict(s: Scenario, r: CheckResults, label: string, doc: ReportDocument): void {
  const expected = s.truth.expected.verdict;
  const got = doc.verdict;
  const natTypeOk = got?.natType === undefined ? expected.kind !== "nat" : got.natType === expected.natType;
  r.check(`${label}: verdict`, got?.kind === expected.kind && natTypeOk,
    `got ${JSON.stringify({ kind: got?.kind, natType: got?.natType })}, expected ${JSON.stringify(expected)}`);
}

/** Every connection tshark sees, with the same handshake status, ISNs and SYN count. */
function checkHandshakes(s: Scenario, r: CheckResults, label: string, capture: Capture, side: CaptureSide): void {
  const tshark = s.tshark[side].conns;
  const wrong = tshark.flatMap((t) => {
    const c = findByEndpoints(capture.connections, t.client, t.server);
    const name = `${show(t.client)}->${show(t.server)}`;
    if (!c) return [`${name} missing`];
    const got = { status: c.handshake.status, clientIsn: c.handshake.clientIsn, serverIsn: c.handshake.serverIsn, syns: c.handshake.synAttempts };
    const want = { status: t.status, clientIsn: t.clientIsn, serverIsn: t.serverIsn, syns: t.synAttempts };
    return JSON.stringify(got) === JSON.stringify(want) ? [] : [`${name}: ${JSON.stringify(got)} vs tshark ${JSON.stringify(want)}`];
  });
  r.check(`${label}: connections and handshakes = tshark's`, wrong.length === 0 && capture.connections.length === tshark.length,
    `${capture.connections.length} connections, tshark ${tshark.length}; ${listed(wrong, tshark.length)}`);
}

/** Each logged pair is a match of the right kind, and no match pairs what the logs do not. */
function checkMatches(s: Scenario, r: CheckResults, label: string, doc: ReportDocument, layout: Layout): void {
  const idOf = (side: Side, conn: { client: TruthConnection["client"]; server: TruthConnection["server"] }) =>
    findByEndpoints(layout[side].connections, conn.client, conn.server)?.id;
  const expected = s.truth.pairs.map((p) => `${idOf("front", p.front)}>${idOf("back", p.back)}:${p.kind}`).sort();
  const found = (doc.matches ?? []).map((m) => `${m.front}>${m.back}:${m.kind}`).sort();
  const missing = expected.filter((e) => !found.includes(e));
  const extra = found.filter((f) => !expected.includes(f));
  r.check(`${label}: matches = the logged pairs`, missing.length + extra.length === 0,
    `${found.length} matches, ${expected.length} pairs; missing ${listed(missing, expected.length)}; unexpected ${listed(extra, found.length)}`);
}

/** Connections with no counterpart (health checks, refused and unanswered SYNs) stay unmatched. */
function checkUnmatched(s: Scenario, r: CheckResults, label: string, doc: ReportDocument, layout: Layout): void {
  const wrong = (["front", "back"] as Side[]).flatMap((side) =>
    s.truth.unpaired[side].flatMap((t) => {
      const c: Connection | undefined = findByEndpoints(layout[side].connections, t.client, t.server);
      const ok = c !== undefined && (doc.unmatched?.[side] ?? []).includes(c.id);
      return ok ? [] : [`${side} ${endpointKey(t.client)}->${endpointKey(t.server)} (${c?.id ?? "not found"})`];
    }),
  );
  const count = s.truth.unpaired.front.length + s.truth.unpaired.back.length;
  r.check(`${label}: unpaired connections are reported unmatched`, wrong.length === 0, listed(wrong, count));
}

/**
 * The true offset (0: one kernel clock; the skew scenario: the shift applied to the back pcap)
 * lies within the report's causal bounds, and so does its estimate.
 */
function checkClock(s: Scenario, r: CheckResults, label: string, doc: ReportDocument): void {
  const truth = s.truth.clock.backAheadMs;
  const clock = doc.clock;
  const low = clock?.lowMs ?? -Infinity;
  const high = clock?.highMs ?? Infinity;
  const ok = clock !== undefined && low - CLOCK_TOLERANCE_MS <= truth && truth <= high + CLOCK_TOLERANCE_MS && low <= clock.offsetMs && clock.offsetMs <= high;
  r.check(`${label}: clock offset ${truth} ms within the bounds`, ok, JSON.stringify(clock ? { offsetMs: clock.offsetMs, lowMs: clock.lowMs, highMs: clock.highMs } : null));
}
