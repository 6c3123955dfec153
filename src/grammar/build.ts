import type { SegmentAst } from "./ast.js";
import type { TokenList } from "./lexer.js";
import { readOptions } from "./options.js";
import {
  bracketed, checksum, familyOfAddress, familyOfName, linkTypeName, setHostPort, setPort, setSequence, setTos,
  trailingNumber, vlanId, word,
} from "./text.js";
import type { IpHeader, LinkHeader, ParsedSegment } from "./types.js";

/**
 * Turns a parse (leaves pointing at tokens) into the ParsedSegment: the only place that reads
 * token text. Pure: the same AST can be applied to any token list of the same shape.
 *
 * Tunnels: `link`, `ip` and `family` describe the packet that carries the TCP segment, i.e.
 * what follows the last `tunnel` leaf (as in the records the assembler makes of tunnelled
 * packets printed on their own lines).
 *
 * This runs once per TCP line, so it fills each object in place (fields in the order the
 * leaves come, which is the key order of the output) rather than copying objects per field.
 */
export function buildSegment(ast: SegmentAst, line: TokenList): ParsedSegment {
  const { types, edges, text: all } = line;
  const seg = new SegmentObject();
  // created at their first field: most lines have no `-e` link header, `-nn` lines no IP header
  let link: LinkHeader | undefined;
  let ip: IpHeader | undefined;
  let family: 4 | 6 | undefined;
  let truncated = false;
  let optionsOpened = false;
  const optionStarts: number[] = [];

  for (let k = 0; k < ast.length; k++) {
    const { role, index } = ast[k];
    const start = edges[2 * index];
    const end = edges[2 * index + 1];
    // A switch on strings tests its cases in turn: the roles of nearly every line come first.
    // These read the token in place; the rest (default) take it as a cut string.
    switch (role) {
      case "time": seg.time = all.slice(start, end); break;
      case "srcHostPort": setHostPort(seg, all, start, end, "src"); break;
      case "dstHostPort": setHostPort(seg, all, start, end, "dst"); break;
      case "flags": seg.flags = bracketed(all, start, end); break;
      case "seq": setSequence(seg, all, start, end); break;
      case "ack": seg.ack = trailingNumber(all, start, end); break;
      case "win": seg.win = trailingNumber(all, start, end); break;
      case "options": optionsOpened = true; break;
      case "option": optionStarts.push(index); break;
      case "len": seg.len = trailingNumber(all, start, end); break;
      case "payload": {
        const payload = payloadText(line, index);
        if (payload) seg.payload = payload;
        if (hasTruncationMarker(types, index)) truncated = true;
        break;
      }
      case "ttl": (ip ??= {}).ttl = trailingNumber(all, start, end); break;
      case "ipId": (ip ??= {}).id = trailingNumber(all, start, end); break;
      case "ipOffset": (ip ??= {}).offset = trailingNumber(all, start, end); break;
      case "ipFlags": (ip ??= {}).flags = bracketed(all, start, end); break;
      case "ipLength": (ip ??= {}).length = trailingNumber(all, start, end); break;
      case "hlim": (ip ??= {}).hlim = trailingNumber(all, start, end); break;
      case "plen": (ip ??= {}).plen = trailingNumber(all, start, end); break;
      case "srcPort": setPort(seg, all, start, end, "src"); break;
      case "dstPort": setPort(seg, all, start, end, "dst"); break;
      case "urg": seg.urg = trailingNumber(all, start, end); break;
      case "linkLength": (link ??= {}).length = trailingNumber(all, start, end); break;
      case "ifindex": (link ??= {}).ifindex = trailingNumber(all, start, end); break;
      case "tunnel": link = undefined; ip = undefined; family = undefined; break;
      case "truncated": truncated = true; break;
      default: {
        const text = all.slice(start, end);
        switch (role) {
          case "number": seg.number = Number(text.trim()); break;
          case "sll2": [seg.iface, seg.dir] = text.trim().split(/ +/); break;
          case "sllDir": seg.dir = text; break;
          case "linkSrc": (link ??= {}).src = text; break;
          case "linkDst": (link ??= {}).dst = text; break;
          case "linkType": {
            // the first type names the frame (`802.1Q`); the last one, after VLAN tags, the family
            const type = linkTypeName(types[index], text);
            link ??= {};
            link.type ??= type;
            family = familyOfName(type) ?? family;
            break;
          }
          case "vlan": ((link ??= {}).vlan ??= []).push(vlanId(text)); break;
          case "net": family = text === "IP6" ? 6 : 4; break;
          case "tos": setTos(ip ??= {}, text); break;
          case "ipProto": (ip ??= {}).proto = word(text, 2); break;
          case "ip6Class": (ip ??= {}).class = word(text, 1).slice(0, -1); break;
          case "flowlabel": (ip ??= {}).flowlabel = word(text, 1).slice(0, -1); break;
          case "srcHost": seg.src = text; break;
          case "dstHost": seg.dst = text; break;
          case "cksum": seg.cksum = checksum(text); break;
        }
      }
    }
  }

  if (link) seg.link = link;
  if (ip) seg.ip = ip;
  const familyOfText = family ?? familyOfAddress(seg.src);
  if (familyOfText) seg.family = familyOfText;
  if (optionsOpened) {
    const options = readOptions(line, optionStarts);
    seg.options = options;
    if (options.list.some((item) => item.endsWith("[bad opt]"))) truncated = true;
  }
  if (truncated) seg.truncated = true;
  return seg;
}

/**
 * A ParsedSegment starts as a constructed object, not `{}`: V8 gives constructed objects room
 * for more keys inside the object (a literal has four), so the dozen keys a line sets are not
 * copied to ever larger side arrays as they are added. Its keys are its own, as with `{}`.
 */
const SegmentObject = function SegmentObject() {} as unknown as new () => ParsedSegment;

const TRUNCATION_MARKERS = new Set(["truncTcp", "truncOther", "caplenNote"]);

/** A truncation marker among the tokens from `start` on (a loop: no copy of the token list). */
function hasTruncationMarker(types: readonly string[], start: number): boolean {
  for (let i = start; i < types.length; i++) if (TRUNCATION_MARKERS.has(types[i])) return true;
  return false;
}

/** Payload text: everything after `length N`, without the `: ` that some decoders put first. */
function payloadText(line: TokenList, index: number): string {
  const { types, edges, text } = line;
  const start = types[index] !== "colon" ? edges[2 * index] : index + 1 < types.length ? edges[2 * index + 2] : text.length;
  return text.slice(start).trim();
}
