import { run } from "./tshark-run.js";
import type { TcpdumpVersion } from "./tshark-types.js";

/**
 * Renders a capture with the real tcpdump, time stamps in UTC like the corpus. tcpdump runs in
 * a network namespace of its own with no interface up: without `-n` it asks DNS for the name of
 * every address, and those queries must not leave the machine (they fail at once instead, and
 * only the hosts file answers, as for the corpus renderings).
 */
export function renderWithTcpdump(pcap: string, args: readonly string[]): string {
  const isolate = process.getuid?.() === 0 ? ["-n"] : ["--map-current-user", "-n"];
  return run("unshare", [...isolate, "tcpdump", ...args, "-r", pcap], { ...process.env, TZ: "UTC" });
}

/** Which output family a local tcpdump version string belongs to (FORMAT.md section 12). */
export function versionFamily(version: string): TcpdumpVersion {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return "5.x";
  const [major, minor, patch] = match.slice(1).map(Number);
  const beforeAe = major < 4 || (major === 4 && (minor < 99 || (minor === 99 && patch < 6)));
  return beforeAe ? "4.99.3" : "5.x";
}
