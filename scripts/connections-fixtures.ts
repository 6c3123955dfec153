/**
 * Turns tshark's dissection of each connections fixture (`NAME.tshark.tsv`, written by
 * scripts/connections-fixtures.sh) into `NAME.expected.json`: one entry per `tcp.stream`, with
 * client and server, raw ISNs from `tcp.seq_raw`, SYN and SYN/ACK counts, handshake status,
 * `tcp.analysis.initial_rtt`, first/last frame and per-direction packet and payload counts.
 * Everything here comes from tshark's fields, never from hs-report's own parsing.
 *
 *   node dist/scripts/connections-fixtures.js DIR SERVER_PORTS
 *
 * SERVER_PORTS (comma-separated) are the ports the capture script listened on; they orient
 * streams whose handshake is not in the capture.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

interface Frame {
  frame: number;
  epoch: string;
  stream: number;
  src: string;
  sport: number;
  dst: string;
  dport: number;
  family: 4 | 6;
  flags: number;
  seq: number;
  ack: number;
  len: number;
  initialRtt?: string;
  /** tshark flagged the segment as a retransmission (tcp.analysis.retransmission). */
  retransmission: boolean;
}

interface Side {
  host: string;
  port: number;
}

export interface ExpectedConnection {
  stream: number;
  family: 4 | 6;
  client: Side;
  server: Side;
  status: "complete" | "partial" | "refused" | "unanswered" | "none";
  clientIsn?: number;
  serverIsn?: number;
  synAttempts: number;
  synAckAttempts: number;
  simultaneousOpen: boolean;
  /** tshark's tcp.analysis.initial_rtt in milliseconds, as printed (seconds) × 1000. */
  initialRttMs?: number;
  frames: [number, number];
  packets: { toServer: number; toClient: number };
  bytes: { toServer: number; toClient: number };
  /** Payload bytes of the segments tshark did not flag as retransmissions. */
  newBytes: { toServer: number; toClient: number };
  close: "fin" | "rst" | "open";
}

function readFrames(tsv: string): Frame[] {
  const [header, ...rows] = tsv.trim().split("\n");
  const names = header.split("\t");
  return rows.map((row) => {
    const cell = new Map(row.split("\t").map((value, i) => [names[i], value]));
    const get = (name: string): string => cell.get(name) ?? "";
    const v6 = get("ipv6.src") !== "";
    return {
      frame: Number(get("frame.number")),
      epoch: get("frame.time_epoch"),
      stream: Number(get("tcp.stream")),
      src: v6 ? get("ipv6.src") : get("ip.src"),
      sport: Number(get("tcp.srcport")),
      dst: v6 ? get("ipv6.dst") : get("ip.dst"),
      dport: Number(get("tcp.dstport")),
      family: v6 ? 6 : 4,
      flags: Number(get("tcp.flags")),
      seq: Number(get("tcp.seq_raw")),
      ack: Number(get("tcp.ack_raw")),
      len: Number(get("tcp.len")),
      initialRtt: get("tcp.analysis.initial_rtt") || undefined,
      retransmission: get("tcp.analysis.retransmission") !== "",
    };
  });
}

const has = (f: Frame, bits: number): boolean => (f.flags & bits) === bits;
const pureSyn = (f: Frame): boolean => has(f, SYN) && !has(f, ACK);
const synAck = (f: Frame): boolean => has(f, SYN | ACK);

/** Milliseconds from tshark's seconds text, exact to the nanosecond (no float noise). */
function secondsTextToMs(text: string): number {
  const [whole, fraction = ""] = text.split(".");
  const ns = Number(whole) * 1e9 + Number(fraction.padEnd(9, "0").slice(0, 9));
  return ns / 1e6;
}

function orient(frames: Frame[], serverPorts: Set<number>): { client: Side; server: Side } {
  const first = frames.find(pureSyn) ?? frames.find(synAck);
  if (first) {
    const fromSyn = pureSyn(first);
    const client = fromSyn ? { host: first.src, port: first.sport } : { host: first.dst, port: first.dport };
    const server = fromSyn ? { host: first.dst, port: first.dport } : { host: first.src, port: first.sport };
    return { client, server };
  }
  const f = frames[0];
  return serverPorts.has(f.sport)
    ? { client: { host: f.dst, port: f.dport }, server: { host: f.src, port: f.sport } }
    : { client: { host: f.src, port: f.sport }, server: { host: f.dst, port: f.dport } };
}

function expectedFor(frames: Frame[], serverPorts: Set<number>): ExpectedConnection {
  const { client, server } = orient(frames, serverPorts);
  const fromClient = (f: Frame): boolean => f.src === client.host && f.sport === client.port;
  const clientSyn = frames.find((f) => fromClient(f) && pureSyn(f));
  const serverSyn = frames.find((f) => !fromClient(f) && has(f, SYN));
  const simultaneousOpen = frames.some((f) => !fromClient(f) && pureSyn(f)) && clientSyn !== undefined;
  const clientIsn = clientSyn?.seq;
  const serverIsn = serverSyn?.seq;
  // A SYN is acknowledged by an ACK-bearing segment (a SYN/ACK included) for ISN + 1.
  const acks = (f: Frame, isn: number | undefined): boolean =>
    isn !== undefined && has(f, ACK) && !has(f, RST) && f.ack === (isn + 1) % 2 ** 32;
  const clientAcked = frames.some((f) => fromClient(f) && acks(f, serverIsn));
  const serverAcked = frames.some((f) => !fromClient(f) && acks(f, clientIsn));
  const serverRst = frames.some((f) => !fromClient(f) && has(f, RST));
  let status: ExpectedConnection["status"] = "none";
  if (clientSyn && serverSyn && clientAcked && serverAcked) status = "complete";
  else if (serverSyn) status = "partial";
  else if (clientSyn && serverRst) status = "refused";
  else if (clientSyn) status = "unanswered";

  const rst = frames.findIndex((f) => has(f, RST));
  const clientFin = frames.findIndex((f) => fromClient(f) && has(f, FIN));
  const serverFin = frames.findIndex((f) => !fromClient(f) && has(f, FIN));
  const finBoth = clientFin >= 0 && serverFin >= 0 ? Math.max(clientFin, serverFin) : -1;
  let close: ExpectedConnection["close"] = "open";
  if (rst >= 0 && (finBoth < 0 || rst < finBoth)) close = "rst";
  else if (finBoth >= 0) close = "fin";

  const rtt = frames.find((f) => f.initialRtt !== undefined)?.initialRtt;
  const toServer = frames.filter(fromClient);
  const toClient = frames.filter((f) => !fromClient(f));
  const sum = (list: Frame[]): number => list.reduce((n, f) => n + f.len, 0);
  const fresh = (f: Frame): boolean => !f.retransmission;
  return {
    stream: frames[0].stream,
    family: frames[0].family,
    client,
    server,
    status,
    ...(clientIsn !== undefined ? { clientIsn } : {}),
    ...(serverIsn !== undefined ? { serverIsn } : {}),
    synAttempts: frames.filter((f) => fromClient(f) && pureSyn(f) && f.seq === clientIsn).length,
    synAckAttempts: frames.filter((f) => !fromClient(f) && synAck(f) && f.seq === serverIsn).length,
    simultaneousOpen,
    ...(rtt !== undefined ? { initialRttMs: secondsTextToMs(rtt) } : {}),
    frames: [frames[0].frame, frames[frames.length - 1].frame],
    packets: { toServer: toServer.length, toClient: toClient.length },
    bytes: { toServer: sum(toServer), toClient: sum(toClient) },
    newBytes: { toServer: sum(toServer.filter(fresh)), toClient: sum(toClient.filter(fresh)) },
    close,
  };
}

function main(): void {
  const [dir, ports] = process.argv.slice(2);
  if (!dir || !ports) throw new Error("usage: connections-fixtures.js DIR SERVER_PORTS");
  const serverPorts = new Set(ports.split(",").map(Number));
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".tshark.tsv")).sort()) {
    const frames = readFrames(readFileSync(join(dir, file), "utf8"));
    const streams = new Map<number, Frame[]>();
    for (const f of frames) streams.set(f.stream, [...(streams.get(f.stream) ?? []), f]);
    const connections = [...streams.values()].map((list) => expectedFor(list, serverPorts));
    const name = file.replace(/\.tshark\.tsv$/, "");
    const expected = { pcap: `${name}.pcap`, from: "tshark fields (scripts/connections-fixtures.ts)", connections };
    writeFileSync(join(dir, `${name}.expected.json`), JSON.stringify(expected, null, 2) + "\n");
    console.log(`${name}: ${connections.length} connections`);
  }
}

// Run only as a program: tests import this file's types.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
