/**
 * Regular expressions for the text around packet records (FORMAT.md sections 3, 8, 10, 11).
 * They decide where records start and what is noise; the grammar alone decides what a TCP
 * record means.
 */

/** `-#` packet number: right-aligned in 5 columns, then two spaces. */
const NUMBER = String.raw`\s*\d+  `;

/** Every timestamp form; each needs the one space that follows it. */
const TIME_FORMS = [
  String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6,}(?: \(invalid [un]s\))?`, // -tttt
  String.raw`\d{2}:\d{2}:\d{2}\.\d{6,}(?: \(invalid [un]s\))?`, // default
  String.raw`[ -]\d{2}:\d{2}:\d{2}\.\d{6,}`, // -ttt / -ttttt (sign column)
  String.raw`\d+\.\d{6,}(?: \(invalid [un]s\))?`, // -tt (a capture can start at the epoch: 0.000000)
  String.raw`\[(?:Error converting time|timestamp overflow|localtime\(\) or gmtime\(\) couldn't convert the date and time)\]`,
];
const TIME = `(?:${TIME_FORMS.join("|")}) `;

/**
 * What can begin a packet's text when `-t` removed the timestamp: the network keyword, an
 * Ethernet MAC (`-e`), an SLL2 interface + direction, an SLL v1 `-e` direction, `ARP`.
 */
const BARE_START = String.raw`(?:IP6? |ARP, |(?:[0-9a-f]{2}:){5}[0-9a-f]{2} |\S+ +(?:In|Out|B|M|P|\?) +\S| ?(?: In|Out|  B|  M|  P) )`;

/** A line that starts a packet record with a -# number or a timestamp. */
export const RECORD_START = new RegExp(`^(?:${NUMBER}(?:${TIME})?|${TIME})`);

/**
 * A line that starts a record printed with -t and no -#. Only trusted while the input has shown
 * no timestamp: in timestamped text the same shape in column 0 is a tunnel's inner packet
 * (VXLAN with -v) or -A payload text.
 */
export const BARE_RECORD_START = new RegExp(`^${BARE_START}`);

/** The number + timestamp prefix of a record line, reused for tunnelled inner records. */
export const RECORD_PREFIX = new RegExp(`^(?:${NUMBER})?(?:${TIME})?`);

/** A timestamp that may start a packet inside a pasted line (spaces collapsed). */
export const PASTED_START = new RegExp(
  String.raw`(?:^|(?<=\s))(?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}:\d{2}\.\d{6,9} (?=IP6? |ARP|(?:[0-9a-f]{2}:){5}|\S+ +(?:In|Out|B|M|P) )|(?:^|(?<=\s))\d{9,}\.\d{6,9} (?=IP6? |ARP)`,
  "g",
);

/**
 * A cheap first look for a timestamp (per-line hot path): a line with at most one match, at
 * its start, is an ordinary line and never needs PASTED_START's slower scan.
 */
export const ANY_TIMESTAMP = /(?:\d{2}:\d{2}:\d{2}|\d{9,})\.\d{6,9} /g;

/**
 * What may stand before a record's own time stamp as ANY_TIMESTAMP finds it: a -# number, the
 * -ttt sign column, a -tttt date. Anything else (a shell prompt: `$ `, `[root@h ~]# `) means the
 * line was pasted with the packet after it.
 */
export const OWN_STAMP_PREFIX = /^(?: *\d+  )?[ -]?(?:\d{4}-\d\d-\d\d )?$/;

/**
 * What every ANY_TIMESTAMP match holds, found much faster: a `.` and six digits (spelled out:
 * V8 runs that about a third faster than `\d{6}`).
 */
export const FRACTION = /\.\d\d\d\d\d\d/g;

/** Where a pasted terminal session's tail begins after the last packet. */
export const PASTED_TAIL = /\s+(?:\^C|\d+ packets? captured\b|\d+ packets? received by filter\b|tcpdump: |\[[^\]\s]+@[^\]]+\][#$]).*$/;

/** tcpdump's stderr (banners, statistics) and `--count` output. */
export const BANNER = new RegExp(
  [
    String.raw`^reading from file `,
    String.raw`^tcpdump: `,
    String.raw`^listening on `,
    String.raw`^Warning: `,
    String.raw`^\d+ packets? (?:captured|received by filter|dropped by kernel|dropped by interface)$`,
    String.raw`^\d+ packets?$`,
    String.raw`^Got \d+`,
    String.raw`^\^C`,
  ].join("|"),
);

/** An ICMP message: an ICMP error quotes a datagram whose inner TCP header is not a real segment. */
export const ICMP_WORD = /\bICMP6?\b/;

/** A verbose IPv4 header that ends its line: the TCP part follows on the next line. */
export const VERBOSE_IPV4_AT_END = /\(tos 0x[0-9a-f]+.*\)$/;

/** The indented TCP line that follows a verbose IPv4 header. */
export const INDENTED_SEGMENT = /^ {4}\S+ > \S+:/;

/**
 * A verbose IPv4 header ending a line inside a record (tunnels, ICMP quotes): from the inner
 * link header (`-e`) or from `IP (tos`, leaving out the encapsulation's own text before it
 * (`PPPoE  [ses 0xc3] IP (tos ...)`, `wccp ...: IP (tos ...)`).
 */
export const INNER_VERBOSE_IPV4 = /(?:(?:[0-9a-f]{2}:){5}[0-9a-f]{2} .*?: |IP )\(tos 0x[0-9a-f]+.*\)$/;

/** An inner packet printed on one line inside a record (VXLAN's column-0 inner IPv6). */
export const INNER_ONE_LINE = /^(?:\t| {4})?IP6? \S.* > \S+: /;

/** A record carries a TCP part: an endpoint pair followed by flags, quiet `tcp N` or `[|tcp]`. */
export const TCP_PART = /\S > \S+: +(?:Flags \[|tcp \d|\[\|tcp\])/;

/** ANY_TIMESTAMP at column 0 only (sticky): the start of the common record line. */
export const LEADING_TIMESTAMP = new RegExp(ANY_TIMESTAMP.source, "y");

/**
 * LEADING_TIMESTAMP when an IPv4 or IPv6 packet with a TCP part (TCP_PART, here right after
 * the addresses) follows: the common line's start and its kind in one look. The lookahead
 * leaves lastIndex where the timestamp ends.
 */
export const LEADING_TIMESTAMP_THEN_TCP = new RegExp(`${ANY_TIMESTAMP.source}(?=IP6? \\S*${TCP_PART.source})`, "y");

/** INDENTED_SEGMENT when it carries a TCP part (TCP_PART, after the indent): both in one look. */
export const INDENTED_TCP_SEGMENT = new RegExp(`^ {4}(?=\\S*${TCP_PART.source})`);
