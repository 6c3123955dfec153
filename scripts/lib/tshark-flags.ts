/**
 * TCP flag bits ↔ tcpdump's `Flags [...]` text (FORMAT.md 6.4): fixed order `FSRP.UEWe`,
 * `none` when no printed bit is set. `e` is the AE bit (0x100) that only tcpdump 5.x prints;
 * the three reserved bits are never printed.
 */

const FLAG_CHARS: [bit: number, char: string][] = [
  [0x001, "F"],
  [0x002, "S"],
  [0x004, "R"],
  [0x008, "P"],
  [0x010, "."],
  [0x020, "U"],
  [0x040, "E"],
  [0x080, "W"],
  [0x100, "e"],
];

export const ACK = 0x010;
export const SYN = 0x002;
export const AE = 0x100;

/** The text tcpdump 5.x prints for these bits. */
export function flagsText(bits: number): string {
  const text = FLAG_CHARS.filter(([bit]) => (bits & bit) !== 0)
    .map(([, char]) => char)
    .join("");
  return text === "" ? "none" : text;
}

/** The bits a `Flags [...]` text stands for; undefined for a character tcpdump never prints. */
export function flagsBits(text: string): number | undefined {
  if (text === "none") return 0;
  let bits = 0;
  for (const char of text) {
    const entry = FLAG_CHARS.find(([, c]) => c === char);
    if (!entry) return undefined;
    bits |= entry[0];
  }
  return bits;
}
