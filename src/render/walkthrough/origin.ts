/** What a pasted terminal session says about where it was captured. */
export interface CaptureOrigin {
  /** The tcpdump command as typed, e.g. `tcpdump -i ens33 port 80`. */
  command?: string;
  /** The host name in the shell prompt before that command (`[root@linux-node1 ~]#`). */
  host?: string;
}

/**
 * The command: `tcpdump` (maybe after sudo) and its arguments on the same line, up to what
 * tcpdump printed next in a collapsed paste: its banner (`tcpdump: ...`, `listening on`,
 * `reading from`) or the first packet's timestamp.
 */
const COMMAND =
  /(?:^|[ \t])((?:sudo[ \t]+)?tcpdump(?:[ \t]+(?!tcpdump:|listening[ \t]on\b|reading[ \t]from\b|\d{2}:\d{2}:\d{2}\.\d|\d{9,}\.\d)\S+)+)/m;

/** `user@host` in a prompt that ends in `#` or `$` just before the command. */
const PROMPT_HOST = /[\w.-]+@([\w.-]+)(?::\S*|[ \t][^\]\n]*\])?[ \t]*[#$][ \t]*(?:sudo[ \t]+)?tcpdump[ \t]/;

/** Looks for the command line and the prompt's host name anywhere in the text. */
export function captureOrigin(text: string): CaptureOrigin {
  const origin: CaptureOrigin = {};
  const command = COMMAND.exec(text);
  if (command) origin.command = command[1];
  const host = PROMPT_HOST.exec(text);
  if (host) origin.host = host[1];
  return origin;
}
