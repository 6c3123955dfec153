import type { Packet } from "../../src/packets/types.js";
import type { Findings } from "./tshark-findings.js";
import type { TsharkSegment } from "./tshark-types.js";

/** Option kinds of tcpdump's item names (FORMAT.md 6.9). */
const KIND_OF_NAME: Record<string, number> = {
  eol: 0,
  nop: 1,
  mss: 2,
  wscale: 3,
  sackOK: 4,
  sack: 5,
  echo: 6,
  echoreply: 7,
  TS: 8,
  cc: 11,
  ccnew: 12,
  ccecho: 13,
  md5: 19,
  scps: 20,
  uto: 28,
  "tcp-ao": 29,
  mptcp: 30,
  tfo: 34,
  "exp-tfo": 254,
};

/** Experimental options (`exp-HHHH`) may use either experimental kind. */
const EXPERIMENTAL_KINDS = [253, 254];

/**
 * Option values and the order of option kinds. Items after a `[bad opt]` or in a truncated
 * record are not printed, so only the printed prefix of tshark's kinds is compared then.
 */
export function compareOptions(found: Findings, packet: Packet, segment: TsharkSegment): void {
  const ours = packet.options;
  const theirs = segment.options;
  if (!ours || !theirs) return;
  found.same("options.mss", theirs.mss, ours.mss);
  found.same("options.wscale", theirs.wscale, ours.wscale);
  found.same("options.sackOK", theirs.sackOK ?? false, ours.sackOK ?? false);
  found.same("options.tsval", theirs.tsval, ours.tsval);
  found.same("options.tsecr", theirs.tsecr, ours.tsecr);
  const printed = ours.list.filter((item) => !item.includes("[bad opt]"));
  const cut = printed.length < ours.list.length || packet.truncated === true;
  const expected = cut ? theirs.kinds.slice(0, printed.length) : theirs.kinds;
  const kinds = printed.map((item, i) => itemKind(item, expected[i]));
  found.same("options.kinds", expected, kinds);
}

/**
 * The kind an item stands for: its first word looked up, `unknown-K` → K, `exp-HHHH` → the
 * experimental kind tshark saw (either is right). A bare number is 4.99's nameless CC.ECHO.
 */
function itemKind(item: string, tsharkKind: number | undefined): number | string {
  const name = item.trim().split(/[\s[]/, 1)[0];
  if (name in KIND_OF_NAME) return KIND_OF_NAME[name];
  const unknown = /^unknown-(\d+)$/.exec(name);
  if (unknown) return Number(unknown[1]);
  if (/^exp-[0-9a-f]{4}$/.test(name) && tsharkKind !== undefined && EXPERIMENTAL_KINDS.includes(tsharkKind)) return tsharkKind;
  if (/^\d+$/.test(name)) return KIND_OF_NAME.ccecho;
  return item;
}
