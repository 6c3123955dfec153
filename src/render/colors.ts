/**
 * Terminal colours for the text renderers: only when the output is a terminal and NO_COLOR
 * (https://no-color.org) is not set; otherwise every style is the identity.
 */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

const COLOURED: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  green: wrap(32, 39),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};

const identity = (s: string) => s;
export const PLAIN: Style = { bold: identity, dim: identity, green: identity, red: identity, yellow: identity, cyan: identity };

/** The style for a stream: colours on a terminal unless NO_COLOR is set (to anything non-empty). */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  return stream.isTTY && !env.NO_COLOR ? COLOURED : PLAIN;
}

/** Visible width of a string that may hold colour codes. */
export function visibleLength(s: string): number {
  return s.replace(/\x1b\[\d+m/g, "").length;
}
