import type { NatType, VerdictKind } from "../../matching/types.js";
import { endpointText } from "../../connections/endpoint.js";
import { evidenceList } from "./evidence.js";
import { wrap } from "./wrap.js";
import { synPointer, type Pair, type Walk } from "./walk.js";

const NAT_TYPES: Record<NatType, string> = { dnat: "DNAT: only the destination rewritten", "full-nat": "full NAT: source and destination rewritten" };

const KIND_NAMES: Record<VerdictKind, string> = {
  "reverse-proxy": "reverse proxy",
  nat: "NAT",
  mixed: "mixed (some connections proxied, some translated)",
  direct: "no middle box (the same connection on both sides)",
  unknown: "undecided",
};

/** What a NAT would have printed for this pair instead of what the proxy printed. */
function natWouldShow(pair: Pair): string[] {
  const { front: f, back: b } = pair;
  const isn = f.handshake.clientIsn;
  const out = [
    `one handshake, not two: the client's SYN from ${endpointText(f.client)} (seq ${isn}) would appear on the back side too, with the same seq ${isn}, ` +
      `only its destination rewritten to ${endpointText(b.server)}; the backend's SYN,ACK would reach the client with the backend's own ISN, only its source rewritten.`,
    `the backend would see the client's own address, ${f.client.host}, as the source (LVS-NAT rewrites only the destination; a full NAT rewrites the source too, but still keeps the ISN), ` +
      `not the middle box's ${b.client.host}.`,
  ];
  const [fl, bl] = [f.handshake.client.layout, b.handshake.client.layout];
  if (fl && bl && fl !== bl) out.push(`the SYN's options would be the client's own (${fl}) on both sides, not a new set (${bl}) from the middle box's TCP stack.`);
  out.push("the backend's SYN would follow the client's SYN at once, before any request, instead of after the request arrived.");
  const [fr, br] = [f.exchanges?.[0]?.request.bytes, b.exchanges?.[0]?.request.bytes];
  if (fr !== undefined && br !== undefined && fr !== br) out.push(`the request would keep its length: ${fr} bytes on both sides (here the proxy turned ${fr} bytes into ${br}).`);
  return out;
}

/** What a reverse proxy would have printed for this pair instead of what the NAT printed. */
function proxyWouldShow(pair: Pair): string[] {
  const { front: f } = pair;
  return [
    `two handshakes: the middle box would answer the client's SYN itself, then send the backend a SYN of its own, with a new ISN, not ${f.handshake.clientIsn}.`,
    `the backend would see the middle box's own address as the client (${f.server.host}, or another address of that box) with a port of its own, not ${endpointText(f.client)}.`,
    "that SYN would carry the middle box's own TCP options, and would usually come only after the request arrived: a proxy reads the request before it picks a backend.",
    "the request could change size: proxies often add or rewrite headers (X-Forwarded-For, Connection).",
  ];
}

/** The two SYNs the contrast is about, quoted. */
function synQuotes(walk: Walk, pair: Pair, seen: "reverse-proxy" | "nat"): string {
  const { front, back } = pair;
  return seen === "reverse-proxy"
    ? walk.quote("front", `the client's SYN on ${front.id}, which a NAT would have passed on`, synPointer(front)) +
        walk.quote("back", `the middle box's own SYN on ${back.id}, which a NAT would not have made`, synPointer(back))
    : walk.quote("front", `the client's SYN on ${front.id}`, synPointer(front)) +
        walk.quote("back", `the same SYN on ${back.id}, passed through, where a proxy would have sent its own`, synPointer(back));
}

/** Step 6: the verdict, the reasons for it, and what the other kind of box would have shown. */
export function verdictStep(walk: Walk, pair: Pair | undefined): string {
  const v = walk.result.verdict;
  const { bold } = walk.style;
  const kind = v.kind === "nat" && v.natType ? `${KIND_NAMES.nat} (${NAT_TYPES[v.natType]})` : KIND_NAMES[v.kind];
  let out = walk.heading(6, "the verdict");
  out += `${bold(`Verdict: ${kind}`)} (confidence ${v.confidence})\n`;
  out += walk.prose([v.summary], "  ");
  if (v.evidence.length) out += `\n${bold("Why:")}\n` + evidenceList(walk, v.evidence);
  // A mixed or undecided verdict still has this pair's own kind to contrast with.
  const seen = v.kind === "reverse-proxy" || v.kind === "nat" ? v.kind : pair?.match.kind === "proxy" ? "reverse-proxy" : pair?.match.kind;
  if (pair && (seen === "reverse-proxy" || seen === "nat")) {
    const bullets = seen === "reverse-proxy" ? natWouldShow(pair) : proxyWouldShow(pair);
    out += `\n${bold(`Had the middle box been ${seen === "reverse-proxy" ? "a NAT (such as LVS-NAT)" : "a reverse proxy"}, the captures would show:`)}\n`;
    out += bullets.map((b) => wrap(`- ${b}`, walk.settings.width, "  ", "    ")).join("");
    out += "\n" + synQuotes(walk, pair, seen);
  }
  return out;
}
