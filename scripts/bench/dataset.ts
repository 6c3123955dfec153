/**
 * The benchmark's input under bench-data/: the captures written by the generator and their
 * text rendered by real tcpdump. Both are reused while the generator's parameters, its code
 * and the tcpdump version are unchanged (a manifest records them), since writing and
 * rendering a million packets takes a while.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  generatorFingerprint,
  writeFloodCapture,
  writeProxyCaptures,
  writeServerCapture,
  type ProxyTrafficParams,
  type TrafficParams,
} from "./pcap-writer.js";

export interface DatasetParams {
  server: TrafficParams;
  proxy: ProxyTrafficParams;
  flood: TrafficParams;
}

export type CaptureName = "server" | "front" | "back" | "flood";
export const CAPTURES: readonly CaptureName[] = ["server", "front", "back", "flood"];
export type TextFormat = "nn" | "vvv";

/** tcpdump's options for each text format; the baseline runs tcpdump with the same ones. */
export const TCPDUMP_OPTIONS: Record<TextFormat, string[]> = { nn: ["-nn"], vvv: ["-nn", "-vvv"] };

interface Manifest {
  fingerprint: string;
  params: DatasetParams;
  packets: Record<CaptureName, number>;
  generateSeconds: number;
  /** Rendered text files: the tcpdump version that printed them and how long it took. */
  texts: Record<string, { tcpdump: string; seconds: number }>;
}

export interface Rendering {
  path: string;
  bytes: number;
  seconds: number;
  reused: boolean;
}

export class Dataset {
  private constructor(
    readonly dir: string,
    private readonly manifest: Manifest,
    /** True when the captures came from an earlier run. */
    readonly reused: boolean,
  ) {}

  /** Opens the dataset for params under root, writing the captures if they are missing or stale. */
  static prepare(root: string, params: DatasetParams, log: (line: string) => void): Dataset {
    const dir = join(root, `server${params.server.connections}-proxy${params.proxy.connections}`);
    const manifestPath = join(dir, "manifest.json");
    const fingerprint = generatorFingerprint();
    if (existsSync(manifestPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
      const current = manifest.fingerprint === fingerprint && JSON.stringify(manifest.params) === JSON.stringify(params);
      const dataset = new Dataset(dir, manifest, true);
      if (current && CAPTURES.every((name) => existsSync(dataset.pcap(name)))) return dataset;
    }

    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`writing captures into ${dir} ...`);
    const started = process.hrtime.bigint();
    const server = writeServerCapture(join(dir, "server.pcap"), params.server);
    const { front, back } = writeProxyCaptures(join(dir, "front.pcap"), join(dir, "back.pcap"), params.proxy);
    const flood = writeFloodCapture(join(dir, "flood.pcap"), params.flood);
    const manifest: Manifest = {
      fingerprint,
      params,
      packets: { server: server.packets, front: front.packets, back: back.packets, flood: flood.packets },
      generateSeconds: Number(process.hrtime.bigint() - started) / 1e9,
      texts: {},
    };
    const dataset = new Dataset(dir, manifest, false);
    dataset.save();
    return dataset;
  }

  get generateSeconds(): number {
    return this.manifest.generateSeconds;
  }

  packets(name: CaptureName): number {
    return this.manifest.packets[name];
  }

  pcap(name: CaptureName): string {
    return join(this.dir, `${name}.pcap`);
  }

  textPath(name: CaptureName, format: TextFormat): string {
    return join(this.dir, `${name}.${format}.txt`);
  }

  /**
   * The capture as text printed by tcpdump (in UTC, so the text is the same on every machine).
   * Without tcpdump (version undefined) only an earlier rendering can be used.
   */
  text(name: CaptureName, format: TextFormat, tcpdumpVersion: string | undefined): Rendering | undefined {
    const path = this.textPath(name, format);
    const key = `${name}.${format}`;
    const previous = this.manifest.texts[key];
    if (previous && existsSync(path) && (tcpdumpVersion === undefined || previous.tcpdump === tcpdumpVersion)) {
      return { path, bytes: statSync(path).size, seconds: previous.seconds, reused: true };
    }
    if (tcpdumpVersion === undefined) return undefined;

    const out = openSync(path, "w");
    const started = process.hrtime.bigint();
    const result = spawnSync("tcpdump", [...TCPDUMP_OPTIONS[format], "-r", this.pcap(name)], {
      stdio: ["ignore", out, "pipe"],
      env: { ...process.env, TZ: "UTC" },
    });
    closeSync(out);
    if (result.status !== 0) throw new Error(`tcpdump failed on ${this.pcap(name)}: ${result.stderr.toString()}`);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.manifest.texts[key] = { tcpdump: tcpdumpVersion, seconds };
    this.save();
    return { path, bytes: statSync(path).size, seconds, reused: false };
  }

  private save(): void {
    writeFileSync(join(this.dir, "manifest.json"), JSON.stringify(this.manifest, null, 2) + "\n");
  }
}
