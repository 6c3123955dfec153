/** The text of `hs-report --help`; the README quotes it, keep both true. */
export const HELP = `hs-report: what TCP did, from tcpdump's text output

Usage:
  hs-report [options] [FILE|-]           report every connection and three-way handshake
  hs-report [options] FRONT BACK         ...and match client-side connections to backend
                                         connections: reverse proxy or L4 NAT?
  hs-report packets [--strict] [FILE|-]...
                                         one JSON object per TCP segment (JSON Lines)
  hs-report walk [FRONT|- [BACK|-]]      a step-by-step walkthrough for students; a
                                         capture not named (or "-") is pasted at a prompt

Input is what tcpdump printed (any version 4.9 to 5.x, any flags, stderr merged or not,
pasted from a terminal, a chat or a web page). With no FILE, or FILE "-", standard input
is read when it is not a terminal: tcpdump -l -nn -i eth0 port 80 | hs-report
A pcap is not text: run tcpdump -r FILE | hs-report.

Options:
  --json            one JSON document instead of the text report (docs/report.md)
  --all             ladder diagrams for every handshake (default: the first few)
  --conn ID         ladder of this connection (e.g. --conn front:2); repeatable
  --front FILE      the client-facing capture (same as the first FILE)
  --back FILE       the backend capture (same as the second FILE)
  --strict          exit 1 when any line could not be parsed
  --threads N       --json on one input (a file or -): 1 keeps to one thread; N > 1
                    shares the connections among N workers (~50 MB each; for N + 1
                    idle cores). By default one thread reads and another tracks when
                    there are 2 CPUs (3 for -, beside tcpdump). The output is the same
  -h, --help        this text
  -V, --version     the version

Lines that look like packets but do not parse are reported on stderr as
FILE:LINE:COLUMN: message, with the line and a caret; reading goes on. A summary of
what was read and skipped goes to stderr at the end. NO_COLOR or a non-terminal
output gives plain text.

Exit codes:
  0   done (unparsable lines, if any, were reported on stderr)
  1   --strict and at least one line did not parse
  2   wrong command line (walk: no terminal to talk to)
  3   an input could not be read (missing, a directory, a pcap or binary file)
  70  internal error (a bug: please report it with the input)
  130 left with Ctrl-C (walk; a second Ctrl-C in a live pipe, where the first one
      ends the input and completes the report: the table, or the JSON document)
`;
