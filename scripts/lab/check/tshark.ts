import { execFileSync } from "node:child_process";

/** One TCP frame as tshark decodes it from a pcap: the independent reading of the captures. */
export interface TsharkFrame {
  number: number;
  /** Capture time in nanoseconds since the epoch, exact (pcap µs or ns). */
  timeNs: bigint;
  src: string;
  sport: number;
  dst: string;
  dport: number;
  syn: boolean;
  ack: boolean;
  rst: boolean;
  fin: boolean;
  /** Raw 32-bit sequence and acknowledgment numbers. */
  seq: number;
  ackNumber: number;
  len: number;
  stream: number;
}

const FIELDS = [
  "frame.number", "frame.time_epoch", "ip.src", "ipv6.src", "tcp.srcport", "ip.dst", "ipv6.dst",
  "tcp.dstport", "tcp.flags", "tcp.seq_raw", "tcp.ack_raw", "tcp.len", "tcp.stream",
];

const TCP_FLAGS = { fin: 0x01, syn: 0x02, rst: 0x04, ack: 0x10 };

/** Every TCP frame of a pcap, in capture order. */
export function readFrames(pcap: string): TsharkFrame[] {
  const args = ["-r", pcap, "-n", "-Y", "tcp", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"];
  const out = execFileSync("tshark", [...args, ...FIELDS.flatMap((f) => ["-e", f])], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "ignore"],
  });
  return out.split("\n").filter((l) => l !== "").map(frameOf);
}

function frameOf(line: string): TsharkFrame {
  const [number, time, src4, src6, sport, dst4, dst6, dport, flags, seq, ack, len, stream] = line.split("\t");
  const bits = Number.parseInt(flags, 16);
  return {
    number: Number(number),
    timeNs: epochNs(time),
    src: src4 || src6,
    sport: Number(sport),
    dst: dst4 || dst6,
    dport: Number(dport),
    syn: (bits & TCP_FLAGS.syn) !== 0,
    ack: (bits & TCP_FLAGS.ack) !== 0,
    rst: (bits & TCP_FLAGS.rst) !== 0,
    fin: (bits & TCP_FLAGS.fin) !== 0,
    seq: Number(seq),
    ackNumber: Number(ack),
    len: Number(len),
    stream: Number(stream),
  };
}

/** "1795651037.861698000" -> 1795651037861698000n, without a float in between. */
function epochNs(text: string): bigint {
  const [sec, frac = ""] = text.split(".");
  return BigInt(sec) * 1_000_000_000n + BigInt(frac.padEnd(9, "0").slice(0, 9));
}
