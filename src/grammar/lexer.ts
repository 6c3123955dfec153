import moo from "moo";

/**
 * The one lexer for tcpdump's TCP record text (FORMAT.md sections 3-7).
 *
 * Tokens are deliberately coarse: the Earley parser's cost is per token, so fixed phrases that
 * carry one value (`win 512`, `TS val 1 ecr 2`, `cksum 0x1 (correct)`, `proto TCP (6)`,
 * `ethertype IPv4 (0x0800)`, the `[bad hdr length ...]` notes) are single tokens, and
 * whitespace never reaches the parser. The few places where whitespace decides the meaning are
 * lexed into the tokens themselves: the `-#` number with its two spaces, the -ttt sign column,
 * the padded LINUX_SLL2 interface + direction, and `:  ` (two spaces), which tcpdump prints
 * only after a port pair (`:  tcp 4 [bad hdr ...]`, `:  [|tcp]`).
 *
 * Rule order matters: moo tries the rules in order at each position and takes the first that
 * matches, so specific phrases come before the generic number/word/dotted rules, and the
 * catch-all `other` (any single non-space character) keeps opaque payload text lexable.
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

const rules: moo.Rules = {
  // Single characters that begin no other token: moo's fast path (must come first).
  comma: ",",
  gt: ">",
  rbrack: "]",
  rparen: ")",

  // -- packet prefix (section 3, 4.3)
  pktnum: /^ *\d+  /,
  tsDate: /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+/,
  tsClock: /[ -]?\d\d:\d\d:\d\d\.\d+/,
  tsEpoch: /\d+\.\d{6,}(?![\w.])/,
  tsNote: /\(invalid [un]s\)/,
  tsError:
    /\[(?:Error converting time|timestamp overflow|localtime\(\) or gmtime\(\) couldn't convert the date and time)\]|Date fail/,
  sll2: /(?:\S{5,}|\S{4} |\S{3} {2}|\S{2} {3}|\S {4}) (?:In |Out|B {2}|M {2}|P {2}|\? {2}) /,

  // -- link level (section 4)
  mac: new RegExp(`${HEX}{2}(?::${HEX}{2}){5}(?![:\\w])`),
  // before `colon`, which would otherwise take the `::` of `::1.80`
  ipv6: new RegExp(`(?:${IPV6})(?:\\.[\\w-]+)?(?!\\w|:[0-9a-fA-F:])`),
  oui: /\(oui [^)]*\)/,
  ethertype: /ethertype [^(,]+? \(0x[0-9a-fA-F]+\)/,
  afType: /AF \S+ \(\d+\)/,
  vlan: /vlan \d+, p \d+(?:, DEI)?/,
  ifindex: /ifindex \d+(?!\w)/,
  mpls: /MPLS \(label \d+, (?:exp|tc) \d+(?:, \[S\])?, ttl \d+\)/,

  // -- tunnels on the same line (section 9)
  geneve: /Geneve, Flags \[[^\]]*\], vni 0x[0-9a-fA-F]+(?:, proto [^,:]+)?(?:, options \[[^\]]*\])?/,
  gre: /GREv[01],(?: [^:]*?,)? length \d+/,
  ah: /AH\(spi=0x[0-9a-fA-F]+,(?:sumlen=\d+,)?seq=0x[0-9a-fA-F]+(?:,[^)]*)?\)/,

  // -- IP headers (section 5)
  tos: /tos 0x[0-9a-fA-F]+(?:,(?:ECT\([01]\)|CE))?/,
  ttl: /ttl \d+(?!\w)/,
  idField: /id \d+(?!\w)/,
  fragOffset: /offset \d+(?!\w)/,
  ipProto: /proto \S+ \(\d+\)/,
  ipBadCksum: /bad cksum [0-9a-fA-F]+ \(->[0-9a-fA-F]+\)!/,
  ipOptions: /options \([^)]*\)/,
  lengthNote: /\[was 0, presumed (?:TSO|BIG TCP)\]/,
  realLengthNote: /\[real length \d+, presumed BIG TCP\]/,
  totalLengthNote: /\[total length \d+ > length \d+\]/,
  truncatedIp: /truncated-ip - \d+ bytes missing!/,
  ip6Class: /class 0x[0-9a-fA-F]+/,
  flowlabel: /flowlabel 0x[0-9a-fA-F]+/,
  hlim: /hlim \d+(?!\w)/,
  nextHeader: /next-header \S+ \(\d+\)/,
  payloadLengthOld: /payload length: \d+(?!\w)/,
  payloadLengthNew: /payload length \d+(?!\w)/,
  extOption: /\((?:pad1|padn|jumbo|rtalert|homeaddr|type|opt_type)\b[^()]*\)/,
  /** `flags [..]` in lower case: IPv4 fragment flags, MPTCP option flags. */
  fieldFlags: /flags \[[^\]]*\]/,

  // -- TCP part (section 6)
  tcpFlags: /Flags \[[^\]]*\]/,
  cksum: /cksum 0x[0-9a-fA-F]+ \((?:correct|incorrect -> 0x[0-9a-fA-F]+)\)/,
  seq: /seq \d+(?::\d+)?(?!\w)/,
  ack: /ack \d+(?!\w)/,
  win: /win \d+(?!\w)/,
  urg: /urg \d+(?!\w)/,
  length: /length \d+(?!\w)/,
  quietTcp: /tcp \d+(?!\w)/,
  ackNote: /\[ack \d+ != 0 while ACK flag not set\]/,
  urgNote: /\[urg \d+ != 0 while URG flag not set\]/,
  badHdr: /\[bad hdr length \d+ - too (?:short, <|long, >) \d+\]/,
  caplenNote: /\[remaining caplen\(\d+\) < header length\(\d+\)\]/,
  invalid: "(invalid)",
  colonGap: ":  ",
  colon: ":",

  // -- TCP options (section 6.9)
  optionsOpen: "options [",
  mss: /mss \d+(?!\w)/,
  wscale: /wscale \d+(?!\w)/,
  tsOption: /TS val \d+ ecr \d+/,
  sackBlock: /\{\d+:\d+\}/,
  braced: /\{[^{}]*\}/,
  md5Phrase: /(?:shared secret not supplied with -M|snaplen too short), can't check -|can't check -/,
  expOption: /exp-[0-9a-fA-F]{4}(?![\w-])/,
  unknownOption: /unknown-\d+(?![\w-])/,
  lenNote: /\[len \d+\]/,
  badOpt: "[bad opt]",

  // -- truncation markers (section 7)
  truncTcp: "[|tcp]",
  truncOther: /\[\|[^\]\s]+\]/,

  // -- generic
  hex: /0x[0-9a-fA-F]+(?!\w)/,
  dotted: /\w[\w-]*(?:\.[\w-]+)+/,
  num: /\d+(?![\w-])/,
  word: /\w[\w-]*/,
  lbrack: "[",
  lparen: "(",
  ws: /[^\S\n]+/,
  other: /[^\s]/,
  error: moo.error,
};

export const mooLexer = moo.compile(rules);

/** A lexed token with its position in the token list; the parser never sees whitespace. */
export interface Token {
  type: string;
  text: string;
  /** 0-based offset of the token in the record text. */
  offset: number;
  /** Position in `LineTokens.tokens`: the AST refers to tokens by this index. */
  index: number;
}

/** One record's text and its tokens (whitespace removed). */
export interface LineTokens {
  text: string;
  tokens: Token[];
}

/** Every token type the lexer produces, for the grammar's `%name` resolution. */
export const TOKEN_TYPES: ReadonlySet<string> = new Set(Object.keys(rules));

/** Splits one record's text into tokens; whitespace is dropped, the lexer never throws. */
export function tokenize(text: string): LineTokens {
  mooLexer.reset(text);
  const tokens: Token[] = [];
  for (let t = mooLexer.next(); t !== undefined; t = mooLexer.next()) {
    if (t.type === "ws") continue;
    tokens.push({ type: t.type!, text: t.text, offset: t.offset, index: tokens.length });
  }
  return { text, tokens };
}
