import type { SegmentAst } from "./ast.js";
import type { LineTokens, Token } from "./lexer.js";
import { readOptions } from "./options.js";
import { trailingNumber } from "./text.js";
import type { IpHeader, LinkHeader, ParsedSegment } from "./types.js";

/**
 * Turns a parse (leaves pointing at tokens) into the ParsedSegment: the only place that reads
 * token text. Pure: the same AST can be applied to any token list of the same shape.
 *
 * Tunnels: `link` describes the outermost link header (what the capture saw); `family` and `ip`
 * describe the packet that carries the TCP segment, i.e. what follows the last `tunnel` leaf.
 */
export function buildSegment(ast: SegmentAst, line: LineTokens): ParsedSegment {
  const { tokens } = line;
  const seg: ParsedSegment = {};
  let link: LinkHeader = {};
  let ip: IpHeader = {};
  let family: 4 | 6 | undefined;
  let insideTunnel = false;
  let truncated = false;
  let optionsOpened = false;
  const optionStarts: number[] = [];

  for (let k = 0; k < ast.length; k++) {
    const { role, index } = ast[k];
    const token = tokens[index];
    const text = token?.text;
    switch (role) {
      case "number": seg.number = Number(text.trim()); break;
      case "time": seg.time = text; break;
      case "sll2": [seg.iface, seg.dir] = text.trim().split(/ +/); break;
      case "sllDir": if (!insideTunnel) seg.dir = text; break;
      case "linkSrc": if (!insideTunnel) link = { ...link, src: text }; break;
      case "linkDst": if (!insideTunnel) link = { ...link, dst: text }; break;
      case "linkType": {
        const type = linkTypeName(token);
        if (!insideTunnel && link.type === undefined) link = { ...link, type };
        family = familyOfName(type) ?? family;
        break;
      }
      case "linkLength": if (!insideTunnel) link = { ...link, length: trailingNumber(text) }; break;
      case "ifindex": if (!insideTunnel) link = { ...link, ifindex: trailingNumber(text) }; break;
      case "vlan": if (!insideTunnel) link = { ...link, vlan: [...(link.vlan ?? []), vlanId(text)] }; break;
      case "net": family = text === "IP6" ? 6 : 4; break;
      case "tunnel": insideTunnel = true; ip = {}; family = undefined; break;
      case "tos": ip = { ...ip, ...tos(text) }; break;
      case "ttl": ip = { ...ip, ttl: trailingNumber(text) }; break;
      case "ipId": ip = { ...ip, id: trailingNumber(text) }; break;
      case "ipOffset": ip = { ...ip, offset: trailingNumber(text) }; break;
      case "ipFlags": ip = { ...ip, flags: bracketed(text) }; break;
      case "ipProto": ip = { ...ip, proto: word(text, 2) }; break;
      case "ipLength": ip = { ...ip, length: trailingNumber(text) }; break;
      case "ip6Class": ip = { ...ip, class: word(text, 1).slice(0, -1) }; break;
      case "flowlabel": ip = { ...ip, flowlabel: word(text, 1).slice(0, -1) }; break;
      case "hlim": ip = { ...ip, hlim: trailingNumber(text) }; break;
      case "plen": ip = { ...ip, plen: trailingNumber(text) }; break;
      case "srcHostPort": Object.assign(seg, hostPort(text, "src")); break;
      case "dstHostPort": Object.assign(seg, hostPort(text, "dst")); break;
      case "srcHost": seg.src = text; break;
      case "dstHost": seg.dst = text; break;
      case "srcPort": Object.assign(seg, port(text, "src")); break;
      case "dstPort": Object.assign(seg, port(text, "dst")); break;
      case "flags": seg.flags = bracketed(text); break;
      case "cksum": seg.cksum = checksum(text); break;
      case "seq": Object.assign(seg, sequence(text)); break;
      case "ack": seg.ack = trailingNumber(text); break;
      case "win": seg.win = trailingNumber(text); break;
      case "urg": seg.urg = trailingNumber(text); break;
      case "len":
      case "quietLen": seg.len = trailingNumber(text); break;
      case "options": optionsOpened = true; break;
      case "option": optionStarts.push(index); break;
      case "truncated": truncated = true; break;
      case "payload": {
        const payload = payloadText(line, index);
        if (payload) seg.payload = payload;
        if (tokens.slice(index).some(isTruncationMarker)) truncated = true;
        break;
      }
    }
  }

  if (Object.keys(link).length) seg.link = link;
  if (Object.keys(ip).length) seg.ip = ip;
  seg.family = family ?? familyOfAddress(seg.src);
  if (seg.family === undefined) delete seg.family;
  if (optionsOpened) {
    const options = readOptions(line, optionStarts);
    seg.options = options;
    if (options.list.some((item) => item.endsWith("[bad opt]"))) truncated = true;
  }
  if (truncated) seg.truncated = true;
  return seg;
}

const TRUNCATION_MARKERS = new Set(["truncTcp", "truncOther", "caplenNote"]);

function isTruncationMarker(token: Token): boolean {
  return TRUNCATION_MARKERS.has(token.type);
}

/** Payload text: everything after `length N`, without the `: ` that some decoders put first. */
function payloadText(line: LineTokens, index: number): string {
  const first = line.tokens[index];
  const start = first.type === "colon" ? line.tokens[index + 1]?.offset ?? line.text.length : first.offset;
  return line.text.slice(start).trim();
}

/** The text inside `Flags [..]` / `flags [..]`. */
function bracketed(text: string): string {
  return text.slice(text.indexOf("[") + 1, -1);
}

/** `ethertype IPv4 (0x0800)`, `AF IPv4 (2)` → `IPv4`; a bare `IPv4` (-q) stays as it is. */
function linkTypeName(token: Token): string {
  const text = token.text;
  if (token.type === "ethertype") return text.slice("ethertype ".length, text.lastIndexOf(" ("));
  if (token.type === "afType") return text.slice("AF ".length, text.lastIndexOf(" ("));
  return text;
}

function familyOfName(name: string): 4 | 6 | undefined {
  return name === "IPv4" ? 4 : name === "IPv6" ? 6 : undefined;
}

const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Without a keyword or ethertype (ARCNET, IPoIB -q): IPv6 text has colons, IPv4 is a dotted quad. */
function familyOfAddress(host: string | undefined): 4 | 6 | undefined {
  if (host === undefined) return undefined;
  if (host.includes(":")) return 6;
  return DOTTED_QUAD.test(host) ? 4 : undefined;
}

/** `vlan 100, p 3[, DEI]` → 100. */
function vlanId(text: string): number {
  return Number(text.slice("vlan ".length, text.indexOf(",")));
}

/** `tos 0x2,ECT(0)` → tos `0x2`, ecn `ECT(0)`. */
function tos(text: string): IpHeader {
  const [value, ecn] = text.slice("tos ".length).split(",");
  return ecn === undefined ? { tos: value } : { tos: value, ecn };
}

/** The n-th space-separated word of a token (`, proto TCP (6)` → 2: `TCP`). */
function word(text: string, n: number): string {
  return text.split(" ")[n];
}

/** `, cksum 0x1701 (incorrect -> 0xaaf9)` / `, cksum 0xaac9 (correct)`. */
function checksum(text: string): ParsedSegment["cksum"] {
  const [, , value, verdict, , computed] = text.split(" ");
  return verdict === "(correct)" ? { value, correct: true } : { value, correct: false, computed: computed.slice(0, -1) };
}

/** `, seq A` or `, seq A:B`. */
function sequence(text: string): Pick<ParsedSegment, "seq" | "seqEnd"> {
  const [start, end] = word(text, 2).split(":");
  return end === undefined ? { seq: Number(start) } : { seq: Number(start), seqEnd: Number(end) };
}

const NUMERIC = /^\d+$/;

/** A port as printed: a number, or a service name for the packets stage to map. */
function port(text: string, side: "src" | "dst"): Partial<ParsedSegment> {
  if (NUMERIC.test(text)) return side === "src" ? { sport: Number(text) } : { dport: Number(text) };
  return side === "src" ? { sportName: text } : { dportName: text };
}

/** `host.port`: split at the last dot (hosts may be names or IPv6 with dots in an IPv4 tail). */
function hostPort(text: string, side: "src" | "dst"): Partial<ParsedSegment> {
  const dot = text.lastIndexOf(".");
  const host = text.slice(0, dot);
  return { ...(side === "src" ? { src: host } : { dst: host }), ...port(text.slice(dot + 1), side) };
}
