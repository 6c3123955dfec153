/**
 * How much of a `--json` run any design has to spend, as
 * `node dist/scripts/bench/floor.js TEXT [--emit] > /dev/null` on the bench's `-nn` text
 * (docs/performance.md, "The floor"). Not a parser and not part of hs-report: it knows the one
 * line shape the bench writes (`hh:mm:ss.ffffff IP a.b.c.d.p > e.f.g.h.q: Flags [..], ...`),
 * counts any other line as unread, and reads no options, no payload, no relative numbers.
 *
 * It reads the file as bytes, cuts lines, reads the fields a connection report needs from the
 * characters (time, addresses, ports, flags, seq, ack, length), finds each packet's connection
 * in an open-addressing table of typed arrays by its unordered 4-tuple, and counts it: no
 * object is made per line. With `--emit` it also keeps every segment in pooled typed arrays,
 * linked per connection, and when a connection closes (a RST, or a FIN each way) or at the end
 * writes a JSON text of it and its segments to stdout, built as strings. A closed connection's
 * 4-tuple stays in the table, so the ACKs after the last FIN do not open another one.
 * The seconds, lines and output size go to stderr.
 */
import { openSync, readSync, writeSync } from "node:fs";

const [file, flag] = process.argv.slice(2);
const emitting = flag === "--emit";
const CONNECTIONS = 1 << 18;
const MASK = CONNECTIONS - 1;
const SEGMENTS = 1 << 20;
const [ZERO, NINE, SPACE, COLON, BRACKET_END] = [48, 57, 32, 58, 93];

// the connection table: unordered 4-tuple, the client, counts, the segment list
const lowHost = new Int32Array(CONNECTIONS);
const highHost = new Int32Array(CONNECTIONS);
const ports = new Int32Array(CONNECTIONS);
/** 0: slot never used; 1: open; 2: written, its 4-tuple still held (late ACKs count in it, as in hs-report's linger). */
const state = new Uint8Array(CONNECTIONS);
const clientHost = new Int32Array(CONNECTIONS);
const clientPort = new Int32Array(CONNECTIONS);
const packets = new Int32Array(CONNECTIONS * 2);
const payload = new Float64Array(CONNECTIONS * 2);
const fins = new Uint8Array(CONNECTIONS);
const first = new Int32Array(CONNECTIONS).fill(-1);
const last = new Int32Array(CONNECTIONS).fill(-1);
// the segment pool
const segLine = new Int32Array(SEGMENTS);
const segT = new Float64Array(SEGMENTS);
const segTime: string[] = new Array<string>(SEGMENTS).fill("");
const segFlags: string[] = new Array<string>(SEGMENTS).fill("");
const segSeq = new Float64Array(SEGMENTS);
const segAck = new Float64Array(SEGMENTS);
const segLen = new Int32Array(SEGMENTS);
const segFromClient = new Uint8Array(SEGMENTS);
const segNext = new Int32Array(SEGMENTS);
const spare: number[] = [];
let unusedSegment = 0;

let lines = 0;
let unread = 0;
let connections = 0;
let out = "";
let written = 0;
let bytesOut = 0;

/** The decimal number at b[i..] (digits only); its end is left in `end`. */
let end = 0;
function numberAt(b: Buffer, i: number): number {
  let v = 0;
  while (b[i] >= ZERO && b[i] <= NINE) v = v * 10 + b[i++] - ZERO;
  end = i;
  return v;
}

/** An IPv4 address at b[i..] as a 32-bit value; `end` is left after the dot that follows it. */
function addressAt(b: Buffer, i: number): number {
  let v = 0;
  for (let octet = 0; octet < 4; octet++) {
    v = v * 256 + numberAt(b, i);
    i = end + 1;
  }
  end = i;
  return v | 0;
}

const addressText = (v: number) => `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;

function emit(c: number): void {
  if (emitting) {
    let segments = "";
    for (let s = first[c], k = 0; s >= 0; s = segNext[s], k++) {
      segments += `${k ? "," : ""}{"line":${segLine[s]},"time":"${segTime[s]}","t":${segT[s]},"fromClient":${segFromClient[s] === 1},"flags":"${segFlags[s]}","seq":${segSeq[s]},"ack":${segAck[s]},"len":${segLen[s]}}`;
      spare.push(s);
    }
    const serverHost = clientHost[c] === lowHost[c] ? highHost[c] : lowHost[c];
    const serverPort = clientPort[c] === ports[c] >>> 16 ? ports[c] & 0xffff : ports[c] >>> 16;
    out +=
      `${written++ ? "," : ""}{"id":"conn:${written}","client":{"host":"${addressText(clientHost[c])}","port":${clientPort[c]}},` +
      `"server":{"host":"${addressText(serverHost)}","port":${serverPort}},"packets":{"toServer":${packets[2 * c]},"toClient":${packets[2 * c + 1]}},` +
      `"bytes":{"toServer":${payload[2 * c]},"toClient":${payload[2 * c + 1]}},"segments":[${segments}]}`;
    if (out.length > 1 << 16) flush();
  }
  state[c] = 2;
  first[c] = last[c] = -1;
  packets[2 * c] = packets[2 * c + 1] = payload[2 * c] = payload[2 * c + 1] = fins[c] = 0;
}

function flush(): void {
  bytesOut += out.length;
  writeSync(1, out);
  out = "";
}

function readLine(b: Buffer, s: number, e: number): void {
  lines++;
  if (b[s + 2] !== COLON || b[s + 16] !== 73 || b[s + 17] !== 80 || b[s + 18] !== SPACE) {
    unread++;
    return;
  }
  const t = ((b[s] - ZERO) * 10 + b[s + 1] - ZERO) * 3600 + ((b[s + 3] - ZERO) * 10 + b[s + 4] - ZERO) * 60 + (b[s + 6] - ZERO) * 10 + b[s + 7] - ZERO + numberAt(b, s + 9) / 1e6;
  const src = addressAt(b, s + 19);
  const sport = numberAt(b, end);
  const dst = addressAt(b, end + 3);
  const dport = numberAt(b, end);
  if (b[end] !== COLON) {
    unread++;
    return;
  }
  let i = end + ": Flags [".length;
  const flagsStart = i;
  while (b[i] !== BRACKET_END && i < e) i++;
  const flagsEnd = i;
  let seq = -1;
  let ack = -1;
  let len = 0;
  for (; i < e; i++) {
    // `seq N`, `ack N`, `length N` (the first `length` ends what is read)
    const c = b[i];
    if (c === 115 && b[i + 1] === 101 && b[i + 2] === 113 && b[i + 3] === SPACE) i = (seq = numberAt(b, i + 4), end);
    else if (c === 97 && b[i + 1] === 99 && b[i + 2] === 107 && b[i + 3] === SPACE) i = (ack = numberAt(b, i + 4), end);
    else if (c === 108 && b[i + 1] === 101 && b[i + 2] === 110 && b[i + 3] === 103 && b[i + 6] === SPACE) {
      len = numberAt(b, i + 7);
      break;
    }
  }
  const low = src < dst || (src === dst && sport < dport);
  const lo = low ? src : dst;
  const hi = low ? dst : src;
  const pp = low ? (sport << 16) | dport : (dport << 16) | sport;
  let c = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b) ^ Math.imul(pp, 0xc2b2ae35)) & MASK;
  while (state[c] !== 0 && !(lowHost[c] === lo && highHost[c] === hi && ports[c] === pp)) c = (c + 1) & MASK;
  if (state[c] === 0) {
    state[c] = 1;
    lowHost[c] = lo;
    highHost[c] = hi;
    ports[c] = pp;
    clientHost[c] = src;
    clientPort[c] = sport;
    connections++;
  }
  const fromClient = src === clientHost[c] && sport === clientPort[c] ? 1 : 0;
  packets[2 * c + 1 - fromClient]++;
  payload[2 * c + 1 - fromClient] += len;
  if (state[c] === 2) return;
  if (emitting) {
    const g = spare.length ? spare.pop()! : unusedSegment++;
    segLine[g] = lines;
    segT[g] = t;
    segTime[g] = b.toString("latin1", s, s + 15);
    segFlags[g] = b.toString("latin1", flagsStart, flagsEnd);
    segSeq[g] = seq;
    segAck[g] = ack;
    segLen[g] = len;
    segFromClient[g] = fromClient;
    segNext[g] = -1;
    if (last[c] >= 0) segNext[last[c]] = g;
    else first[c] = g;
    last[c] = g;
  }
  const f = b[flagsStart];
  if (f === 82) emit(c); // R: reset
  else if (f === 70 || b[flagsStart + 1] === 70) {
    fins[c] |= fromClient ? 1 : 2;
    if (fins[c] === 3) emit(c);
  }
}

const started = process.hrtime.bigint();
const fd = openSync(file, "r");
const chunk = Buffer.allocUnsafe(1 << 20);
let carry = Buffer.alloc(0);
for (;;) {
  const n = readSync(fd, chunk, 0, chunk.length, null);
  if (n === 0) break;
  const b = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
  let s = 0;
  for (let k = b.indexOf(10, s); k >= 0; k = b.indexOf(10, s)) {
    readLine(b, s, k);
    s = k + 1;
  }
  carry = Buffer.from(b.subarray(s));
}
for (let c = 0; c < CONNECTIONS; c++) if (state[c] === 1) emit(c);
if (emitting) flush();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stderr.write(`${JSON.stringify({ lines, unread, connections, megabytesOut: Math.round(bytesOut / 1e6), seconds: Number(seconds.toFixed(2)) })}\n`);
