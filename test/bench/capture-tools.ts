/** Runs the real tools the pcap writer is checked against: tcpdump and tshark. */
import { spawnSync } from "node:child_process";

export interface ToolOutput {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runTool(command: string, args: string[]): ToolOutput {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, TZ: "UTC" } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** tshark's fields for every packet (matching filter, if given), one object per packet. */
export function tsharkFields(pcap: string, fields: readonly string[], filter?: string): Array<Record<string, string>> {
  const args = ["-r", pcap, "-2", "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-T", "fields", "-E", "separator=|"];
  for (const field of fields) args.push("-e", field);
  if (filter !== undefined) args.push("-Y", filter);
  const output = runTool("tshark", args);
  if (output.status !== 0) throw new Error(`tshark failed: ${output.stderr}`);
  return output.stdout
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => {
      const values = line.split("|");
      return Object.fromEntries(fields.map((field, i) => [field, values[i] ?? ""]));
    });
}

/** frame.time_epoch ("1768471200.000049000") in integer microseconds, without float rounding. */
export function epochMicros(text: string): number {
  const [seconds, fraction = ""] = text.split(".");
  return Number(seconds) * 1e6 + Number(fraction.padEnd(6, "0").slice(0, 6));
}
