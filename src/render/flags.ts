/** tcpdump's flag letters (FORMAT.md 6.4) as the names textbooks use. */
const NAMES: Record<string, string> = { F: "FIN", S: "SYN", R: "RST", P: "PSH", ".": "ACK", U: "URG", E: "ECE", W: "CWR", e: "AE" };
/** Textbook order: SYN first, ACK after the control flag it answers. */
const ORDER = ["S", "F", "R", "P", "U", "E", "W", "e", "."];

/** `S.` → `SYN,ACK`; `P.` → `PSH,ACK`; `none` stays `none`. */
export function flagNames(flags: string): string {
  if (flags === "none" || flags === "") return flags || "none";
  return ORDER.filter((c) => flags.includes(c)).map((c) => NAMES[c]).join(",");
}
