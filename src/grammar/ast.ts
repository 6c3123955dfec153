import type { Token } from "./lexer.js";

/**
 * The grammar's output: a flat list of leaves, in text order, each naming what one token means.
 * Leaves hold token *indices*, never token values, so a parse can be replayed on another line
 * whose tokens have the same shape (see parse.ts) and `buildSegment` reads the values.
 */
export type Role =
  // prefix
  | "number" | "time" | "sll2"
  // link header (-e)
  | "linkSrc" | "linkDst" | "linkType" | "linkLength" | "ifindex" | "vlan" | "sllDir"
  // network layer; `tunnel` marks the start of an encapsulated packet
  | "net" | "tunnel"
  | "tos" | "ttl" | "ipId" | "ipOffset" | "ipFlags" | "ipProto" | "ipLength"
  | "ip6Class" | "flowlabel" | "hlim" | "plen"
  // endpoints: host.port tokens, hosts without port, ports alone
  | "srcHostPort" | "dstHostPort" | "srcHost" | "dstHost" | "srcPort" | "dstPort"
  // TCP fields
  // `len`: the TCP `length N`, or quiet mode's `tcp N`
  | "flags" | "cksum" | "seq" | "ack" | "win" | "urg" | "len"
  // `options`: the `options [` token; `option`: first token of each item
  | "options" | "option"
  // `truncated`: a truncation/malformation marker; `payload`: first token of the payload text
  | "truncated" | "payload";

export interface Leaf {
  role: Role;
  /** Index of the token in LineTokens.tokens (or tokens.length for "end of line"). */
  index: number;
}

export type SegmentAst = readonly Leaf[];

/** What nearley hands a postprocessor: tokens, child results (Leaf[]), nested EBNF arrays, nulls. */
type Data = readonly unknown[];
type Postprocessor = (d: Data, reference?: number) => Leaf[];

function isToken(x: unknown): x is Token {
  return typeof x === "object" && x !== null && "type" in x && "index" in x;
}

function isLeaf(x: unknown): x is Leaf {
  return typeof x === "object" && x !== null && "role" in x;
}

/** Appends every leaf found in a child result (nested EBNF arrays included) to `out`. */
function collect(x: unknown, out: Leaf[]): void {
  if (Array.isArray(x)) {
    for (const item of x) collect(item, out);
  } else if (isLeaf(x)) {
    out.push(x);
  }
}

/**
 * The one postprocessor shape: tokens at the positions named in `roles` become leaves (a
 * position may hold an EBNF group whose first token is meant), every other child contributes
 * the leaves it already holds, and plain tokens are dropped. Builds new arrays only: nearley
 * runs postprocessors on partial derivations too, so inputs must never be changed.
 */
export function take(roles: Readonly<Record<number, Role>> = {}): Postprocessor {
  return (d) => {
    const out: Leaf[] = [];
    for (let k = 0; k < d.length; k++) {
      const role = roles[k];
      if (role === undefined) {
        collect(d[k], out);
      } else {
        const token = firstToken(d[k]);
        if (token) out.push({ role, index: token.index });
      }
    }
    return out;
  };
}

/** A leaf for the token where this rule starts (nearley's `reference`), then the children's leaves. */
export function startLeaf(role: Role): Postprocessor {
  return (d, reference = 0) => {
    const out: Leaf[] = [{ role, index: reference }];
    collect(d, out);
    return out;
  };
}

/** The first token in an EBNF group (`(%a | %b)` arrives as `[token]`), or undefined. */
function firstToken(x: unknown): Token | undefined {
  if (isToken(x)) return x;
  if (Array.isArray(x)) {
    for (const item of x) {
      const t = firstToken(item);
      if (t) return t;
    }
  }
  return undefined;
}

const NO_LEAVES: Leaf[] = [];

/** For rules whose tokens mean nothing on their own (the payload's tail). */
export function nothing(): Leaf[] {
  return NO_LEAVES;
}
