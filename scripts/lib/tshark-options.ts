import { defined, fieldValues, firstField, numberField, type JsonTree } from "./tshark-json.js";
import type { TsharkOptions } from "./tshark-types.js";

const EOL = 0;
const NOP = 1;

/**
 * The TCP options of one tshark TCP layer. Values come from tshark's decoded fields; the order
 * of kinds comes from the raw option bytes (`tcp.options`), because tshark's JSON groups
 * repeated options (every `nop`) under one key and loses their order.
 */
export function optionsFromLayer(tcp: JsonTree): TsharkOptions | undefined {
  const raw = firstField(tcp, "tcp.options");
  if (raw === undefined) return undefined;
  const left = fieldValues(tcp, "tcp.options.sack_le").map(Number);
  const right = fieldValues(tcp, "tcp.options.sack_re").map(Number);
  return defined({
    kinds: optionKinds(raw),
    mss: numberField(tcp, "tcp.options.mss_val"),
    wscale: numberField(tcp, "tcp.options.wscale.shift"),
    sackOK: firstField(tcp, "tcp.options.sack_perm") !== undefined ? (true as const) : undefined,
    tsval: numberField(tcp, "tcp.options.timestamp.tsval"),
    tsecr: numberField(tcp, "tcp.options.timestamp.tsecr"),
    sack: left.length > 0 ? left.map((l, i): [number, number] => [l, right[i]]) : undefined,
  });
}

/**
 * Kinds in packet order from `01:01:08:0a:...`: EOL and NOP are one byte, every other option
 * carries a length byte. Walking stops after EOL (tcpdump prints nothing after it) and at a
 * length that cannot be right, where tcpdump prints `[bad opt]`.
 */
export function optionKinds(raw: string): number[] {
  const bytes = raw === "" ? [] : raw.split(":").map((b) => parseInt(b, 16));
  const kinds: number[] = [];
  for (let at = 0; at < bytes.length; ) {
    const kind = bytes[at];
    kinds.push(kind);
    if (kind === EOL) break;
    if (kind === NOP) {
      at += 1;
      continue;
    }
    const length = bytes[at + 1];
    if (length === undefined || length < 2) break;
    at += length;
  }
  return kinds;
}
