import moo from "moo";

/**
 * The one lexer for tcpdump's TCP record text (FORMAT.md sections 3-7).
 *
 * Tokens are deliberately coarse: the Earley parser's cost is per token, so fixed phrases that
 * carry one value (`, win 512`, `TS val 1 ecr 2`, `, cksum 0x1 (correct)`, `, proto TCP (6)`,
 * `ethertype IPv4 (0x0800)`, the `[bad hdr length ...]` notes) are single tokens, the fields
 * that tcpdump always prints after `, ` include that separator, and whitespace never reaches
 * the parser. The few places where whitespace decides the meaning are
 * lexed into the tokens themselves: the `-#` number with its two spaces, the padded
 * LINUX_SLL2 interface + direction, and `:  ` (two spaces), which tcpdump prints only after a
 * port pair (`:  tcp 4 [bad hdr ...]`, `:  [|tcp]`). The -ttt sign column is a space (dropped)
 * or a `-` (kept in the time token).
 *
 * Rule order matters: moo tries the rules in order at each position and takes the first that
 * matches, so specific phrases come before the generic number/word/dotted rules, and the
 * catch-all `other` (any single non-space character) keeps opaque payload text lexable.
 * Speed: moo's cost grows with the number of rules, hence few rules with many alternatives.
 */
const HEX = "[0-9a-fA-F]";
const H16 = `${HEX}{1,4}`;
const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
/** RFC 5952-like IPv6 text: full, `::`-compressed, or with an IPv4 tail; an optional `.port`. */
const IPV6 = [
  `(?:(?:${H16}:){6}|(?:${H16}(?::${H16})*)?::(?:${H16}:)*)${IPV4}`,
  `${H16}(?::${H16}){7}`,
  `(?:${H16}(?::${H16})*)?::(?:${H16}(?::${H16})*)?`,
].join("|");

/**
 * Fixed phrases, literal-prefixed: one moo rule for all of them. moo pays per rule (one
 * capture group each, every token), not per alternative inside a rule, so the phrases share
 * one rule and the token type comes from the prefix. Order matters where two could match at
 * the same place (`[|tcp]` before `[|...]`); no prefix starts a text another entry matches
 * earlier, so the first entry whose prefix fits is the one that matched.
 */
const PHRASES: [type: string, prefixes: string[], pattern: RegExp][] = [
  // time stamp notes (section 3)
  ["tsNote", ["(invalid u", "(invalid n"], /\(invalid [un]s\)/],
  ["tsError", ["[Error", "[timestamp", "[localtime", "Date fail"],
    /\[(?:Error converting time|timestamp overflow|localtime\(\) or gmtime\(\) couldn't convert the date and time)\]|Date fail/],
  // link level (section 4)
  ["oui", ["(oui "], /\(oui [^)]*\)/],
  ["ethertype", ["ethertype "], /ethertype [^(,]+? \(0x[0-9a-fA-F]+\)/],
  ["afType", ["AF "], /AF \S+ \(\d+\)/],
  ["vlan", ["vlan "], /vlan \d+, p \d+(?:, DEI)?/],
  ["ifindex", ["ifindex "], /ifindex \d+(?!\w)/],
  ["mpls", ["MPLS ("], /MPLS \(label \d+, (?:exp|tc) \d+(?:, \[S\])?, ttl \d+\)/],
  // tunnels on the same line (section 9)
  ["geneve", ["Geneve, "], /Geneve, Flags \[[^\]]*\], vni 0x[0-9a-fA-F]+(?:, proto [^,:]+)?(?:, options \[[^\]]*\])?/],
  ["gre", ["GREv"], /GREv[01],(?: [^:]*?,)? length \d+/],
  ["ah", ["AH("], /AH\(spi=0x[0-9a-fA-F]+,(?:sumlen=\d+,)?seq=0x[0-9a-fA-F]+(?:,[^)]*)?\)/],
  // IP headers (section 5)
  ["tos", ["tos "], /tos 0x[0-9a-fA-F]+(?:,(?:ECT\([01]\)|CE))?/],
  ["ttl", [", ttl "], /, ttl \d+(?!\w)/],
  ["idField", [", id "], /, id \d+(?!\w)/],
  ["fragOffset", [", offset "], /, offset \d+(?!\w)/],
  ["ipFlags", [", flags ["], /, flags \[[^\]]*\]/],
  ["ipProto", [", proto "], /, proto \S+ \(\d+\)/],
  ["ipBadCksum", [", bad cksum "], /, bad cksum [0-9a-fA-F]+ \(->[0-9a-fA-F]+\)!/],
  ["ipOptions", [", options ("], /, options \([^)]*\)/],
  ["lengthNote", ["[was 0"], /\[was 0, presumed (?:TSO|BIG TCP)\]/],
  ["realLengthNote", ["[real length"], /\[real length \d+, presumed BIG TCP\]/],
  ["totalLengthNote", ["[total length"], /\[total length \d+ > length \d+\]/],
  ["truncatedIp", ["truncated-ip"], /truncated-ip - \d+ bytes missing!/],
  ["ip6Class", ["class "], /class 0x[0-9a-fA-F]+,/],
  ["flowlabel", ["flowlabel "], /flowlabel 0x[0-9a-fA-F]+,/],
  ["hlim", ["hlim "], /hlim \d+(?!\w)/],
  ["nextHeader", [", next-header "], /, next-header \S+ \(\d+\)/],
  ["payloadLengthOld", ["payload length: "], /payload length: \d+(?!\w)/],
  ["payloadLengthNew", [", payload length "], /, payload length \d+(?!\w)/],
  ["extOption", ["(pad1", "(padn", "(jumbo", "(rtalert", "(homeaddr", "(type", "(opt_type"],
    /\((?:pad1|padn|jumbo|rtalert|homeaddr|type|opt_type)\b[^()]*\)/],
  /** `flags [..]` in lower case without a comma: MPTCP option flags. */
  ["fieldFlags", ["flags ["], /flags \[[^\]]*\]/],
  // TCP part (section 6)
  ["tcpFlags", ["Flags ["], /Flags \[[^\]]*\]/],
  ["cksum", [", cksum "], /, cksum 0x[0-9a-fA-F]+ \((?:correct|incorrect -> 0x[0-9a-fA-F]+)\)/],
  ["seq", [", seq "], /, seq \d+(?::\d+)?(?!\w)/],
  ["ack", [", ack "], /, ack \d+(?!\w)/],
  ["win", [", win "], /, win \d+(?!\w)/],
  ["urg", [", urg "], /, urg \d+(?!\w)/],
  // no word boundary: LDP glues its summary to the TCP length (`length 32LDP, ...`)
  ["length", [", length "], /, length \d+/],
  ["quietTcp", ["tcp "], /tcp \d+(?!\w)/],
  ["ackNote", [", [ack "], /, \[ack \d+ != 0 while ACK flag not set\]/],
  ["urgNote", [", [urg "], /, \[urg \d+ != 0 while URG flag not set\]/],
  ["badHdr", ["[bad hdr "], /\[bad hdr length \d+ - too (?:short, <|long, >) \d+\]/],
  ["caplenNote", ["[remaining "], /\[remaining caplen\(\d+\) < header length\(\d+\)\]/],
  ["invalid", ["(invalid)"], /\(invalid\)/],
  // TCP options (section 6.9): every item with a fixed shape is one token (even md5's texts,
  // which contain a comma); MPTCP's many subtypes stay words and numbers (options.ne).
  ["optionsOpen", [", options ["], /, options \[/],
  ["mss", ["mss "], /mss \d+(?!\w)/],
  ["wscale", ["wscale "], /wscale \d+(?!\w)/],
  ["tsOption", ["TS val "], /TS val \d+ ecr \d+/],
  ["sackOption", ["sack "], /sack (?:\d+ ?(?:\{\d+:\d+\})*|invalid sack)/],
  ["md5Option", ["md5 "],
    /md5 (?:valid|invalid| ?\(invalid\)|(?:shared secret not supplied with -M, |snaplen too short, )?can't check - [0-9a-fA-F]+|[0-9a-fA-F]+(?!\w))/],
  ["utoOption", ["uto "], /uto 0x[0-9a-fA-F]+ \d+/],
  ["tfoOption", ["tfo ", "exp-tfo "], /(?:exp-)?tfo (?:cookiereq|cookie [0-9a-fA-F]+| ?\(invalid\))/],
  ["tcpAoOption", ["tcp-ao "], /tcp-ao (?:keyid \d+ rnextkeyid \d+ mac 0x[0-9a-fA-F]+|\(invalid\))/],
  ["scpsOption", ["scps "], /scps cap [0-9a-fA-F]+ id \d+/],
  ["ccOption", ["echo ", "echoreply ", "cc ", "ccnew ", "ccecho "], /(?:echo|echoreply|cc|ccnew|ccecho) \d+(?!\w)/],
  ["expOption", ["exp-"], /exp-[0-9a-fA-F]{4}(?![\w-])/],
  ["unknownOption", ["unknown-"], /unknown-\d+(?: 0x[0-9a-fA-F]+)?(?![\w-])/],
  ["braced", ["{"], /\{[^{}]*\}/],
  ["lenNote", ["[len "], /\[len \d+\]/],
  ["badOpt", ["[bad opt]"], /\[bad opt\]/],
  // truncation markers (section 7)
  ["truncTcp", ["[|tcp]"], /\[\|tcp\]/],
  ["truncOther", ["[|"], /\[\|[^\]\s]+\]/],
];

/** Phrase entries by the first character of their prefixes, in table order. */
const PHRASES_BY_FIRST = new Map<string, [string, string][]>();
for (const [type, prefixes] of PHRASES) {
  for (const prefix of prefixes) {
    const list = PHRASES_BY_FIRST.get(prefix[0]) ?? [];
    list.push([prefix, type]);
    PHRASES_BY_FIRST.set(prefix[0], list);
  }
}

function phraseType(text: string): string {
  for (const [prefix, type] of PHRASES_BY_FIRST.get(text[0]) ?? []) {
    if (text.startsWith(prefix)) return type;
  }
  throw new Error(`lexer: no phrase type for ${JSON.stringify(text)}`);
}

function union(patterns: RegExp[]): RegExp {
  return new RegExp(patterns.map((p) => `(?:${p.source})`).join("|"));
}

/** The `mac` and `ipv6` tokens' patterns (an IPv6 address with its `.port`): the segment scanner checks hosts with them. */
export const MAC = `${HEX}{2}(?::${HEX}{2}){5}(?![:\\w])`;
export const IPV6_TOKEN = `(?:${IPV6})(?:\\.[\\w-]+)?(?!\\w|:[0-9a-fA-F:])`;

/** A time stamp in any -t form: -tttt, default and -ttt/-ttttt (a `-` sign column is part of it), -tt. */
export const STAMP = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+|-?\d\d:\d\d:\d\d\.\d+|\d+\.\d{6,}(?![\w.])/;

const rules: moo.Rules = {
  // Single characters that begin no other token: moo's fast path (must come first).
  gt: ">",
  rbrack: "]",
  rparen: ")",

  // -- packet prefix (sections 3, 4.3)
  pktnum: /^ *\d+  /,
  ws: /[^\S\n]+/,
  stamp: {
    match: STAMP,
    type: (text) => (text[4] === "-" ? "tsDate" : text.includes(":") ? "tsClock" : "tsEpoch"),
  },
  // LINUX_SLL2 `IFNAME DIR `, padded to 5 and 3 columns; only where the prefix can be: at the
  // start, after the -# number's two spaces, after a time stamp (or its note) and one space
  sll2: /(?<=^|[\d)\]] |  )(?:\S{5,}|\S{4} |\S{3} {2}|\S{2} {3}|\S {4}) (?:In |Out|B {2}|M {2}|P {2}|\? {2}) /,

  mac: new RegExp(MAC),
  // before `colon`, which would otherwise take the `::` of `::1.80`
  ipv6: new RegExp(IPV6_TOKEN),
  phrase: { match: union(PHRASES.map(([, , pattern]) => pattern)), type: phraseType },

  // -- generic
  hex: /0x[0-9a-fA-F]+(?!\w)/,
  dotted: /\w[\w-]*(?:\.[\w-]+)+/,
  num: /\d+(?![\w-])/,
  word: /\w[\w-]*/,
  punct: { match: /:  |[,:[(]/, type: (text) => PUNCT_TYPES[text] },
  other: /[^\s]/,
  error: moo.error,
};

/** `:  ` (two spaces) is what tcpdump prints after a port pair when the header is cut short. */
const PUNCT_TYPES: Readonly<Record<string, string>> = {
  ",": "comma",
  ":  ": "colonGap",
  ":": "colon",
  "[": "lbrack",
  "(": "lparen",
};

const mooLexer = moo.compile(rules);

/** A lexed token with its position in the token list; the parser never sees whitespace. */
export interface Token {
  type: string;
  text: string;
  /** 0-based offset of the token in the record text. */
  offset: number;
  /** Position in `LineTokens.tokens`: the AST refers to tokens by this index. */
  index: number;
}

/**
 * A record's tokens as flat arrays: all `buildSegment` reads. The fast path fills one from a
 * cached template's offsets without making an object or a string per token (a record has about
 * 30 tokens and buildSegment reads a third of them).
 */
export interface TokenList {
  text: string;
  /** Token types in order; their count is the number of tokens. */
  types: readonly string[];
  /** Start and end offsets in `text`: token k spans edges[2k] to edges[2k + 1]. */
  edges: ArrayLike<number>;
}

/** One record's text and its tokens (whitespace removed), also as a TokenList. */
export interface LineTokens extends TokenList {
  tokens: Token[];
  types: string[];
  edges: number[];
}

/** Every token type the lexer produces, for the grammar's `%name` resolution. */
export const TOKEN_TYPES: ReadonlySet<string> = new Set([
  ...Object.keys(rules).filter((name) => name !== "phrase" && name !== "stamp" && name !== "punct"),
  ...PHRASES.map(([type]) => type),
  "tsDate", "tsClock", "tsEpoch",
  ...Object.values(PUNCT_TYPES),
]);

/** Splits one record's text into tokens; whitespace is dropped, the lexer never throws. */
export function tokenize(text: string): LineTokens {
  mooLexer.reset(text);
  const tokens: Token[] = [];
  const types: string[] = [];
  const edges: number[] = [];
  for (let t = mooLexer.next(); t !== undefined; t = mooLexer.next()) {
    if (t.type === "ws") continue;
    tokens.push({ type: t.type!, text: t.text, offset: t.offset, index: tokens.length });
    types.push(t.type!);
    edges.push(t.offset, t.offset + t.text.length);
  }
  return { text, tokens, types, edges };
}
