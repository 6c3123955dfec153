/** Exit codes, documented in `--help` and the README. */
export const EXIT = {
  /** Everything read; unparsable lines were reported on stderr (without --strict). */
  ok: 0,
  /** --strict and at least one line did not parse. */
  lineErrors: 1,
  /** Wrong command line. */
  usage: 2,
  /** An input could not be read: missing, a directory, a pcap or binary file. */
  input: 3,
  /** Left with Ctrl-C (the walkthrough, or a second Ctrl-C in a live pipe). */
  interrupted: 130,
  /** A bug: an unexpected internal error (reported without a stack trace unless HS_REPORT_DEBUG). */
  internal: 70,
} as const;

/** A problem with the command line, shown with a pointer to --help. */
export class UsageError extends Error {}

/** An input that cannot be read as tcpdump text; the message is one sentence for the user. */
export class InputError extends Error {}
