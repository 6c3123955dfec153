/**
 * How the two operating systems seen in the seed capture lay out their SYN options and size
 * their windows. Linux offers timestamps; Windows does not, so a Windows client's connection
 * carries no TS option at all (the server only echoes what the client offered).
 */

/** RFC 7323 timestamp option values. */
export interface Timestamp {
  value: number;
  echo: number;
}

export interface TcpStack {
  name: string;
  offersTimestamps: boolean;
  mss: number;
  windowScale: number;
  /** Window field on the SYN or SYN/ACK (not scaled). */
  synWindow: number;
  /** Window field once established (scaled by windowScale). */
  window: number;
  /** Initial TTL before routers decrement it. */
  initialTtl: number;
  /** SYN (or SYN/ACK) options; timestamp is undefined when TS is not used on this connection. */
  synOptions(timestamp: Timestamp | undefined): Uint8Array;
}

/** TCP option kinds (IANA). */
const { EOL, NOP, MSS, WSCALE, SACK_OK, TS } = { EOL: 0, NOP: 1, MSS: 2, WSCALE: 3, SACK_OK: 4, TS: 8 } as const;

function mss(value: number): number[] {
  return [MSS, 4, value >>> 8, value & 255];
}

/** The TCP header length counts 4-byte words: macOS fills the rest with end-of-list bytes. */
function padWithEol(bytes: number[]): Uint8Array {
  const padded = [...bytes, EOL];
  while (padded.length % 4 !== 0) padded.push(EOL);
  return Uint8Array.from(padded);
}

function timestampBytes(ts: Timestamp): number[] {
  const bytes = [TS, 10];
  for (const word of [ts.value, ts.echo]) bytes.push(word >>> 24, (word >>> 16) & 255, (word >>> 8) & 255, word & 255);
  return bytes;
}

/** Options on every segment after the SYNs: nop,nop,TS (12 bytes) or nothing. */
export function segmentOptions(timestamp: Timestamp | undefined): Uint8Array {
  return timestamp ? Uint8Array.from([NOP, NOP, ...timestampBytes(timestamp)]) : new Uint8Array(0);
}

export const LINUX: TcpStack = {
  name: "linux",
  offersTimestamps: true,
  mss: 1460,
  windowScale: 7,
  synWindow: 64240,
  window: 502,
  initialTtl: 64,
  synOptions(timestamp) {
    // [mss 1460,sackOK,TS val V ecr E,nop,wscale 7], or [mss 1460,nop,nop,sackOK,nop,wscale 7]
    const middle = timestamp ? [SACK_OK, 2, ...timestampBytes(timestamp)] : [NOP, NOP, SACK_OK, 2];
    return Uint8Array.from([...mss(this.mss), ...middle, NOP, WSCALE, 3, this.windowScale]);
  },
};

export const WINDOWS: TcpStack = {
  name: "windows",
  offersTimestamps: false,
  mss: 1460,
  windowScale: 8,
  synWindow: 64240,
  window: 1026,
  initialTtl: 128,
  synOptions() {
    // [mss 1460,nop,wscale 8,nop,nop,sackOK]
    return Uint8Array.from([...mss(this.mss), NOP, WSCALE, 3, this.windowScale, NOP, NOP, SACK_OK, 2]);
  },
};

/** A Linux server answers a SYN with a slightly larger window than a Linux client offers. */
export const LINUX_SERVER: TcpStack = { ...LINUX, name: "linux-server", synWindow: 65160, window: 509 };

export const MACOS: TcpStack = {
  name: "macos",
  offersTimestamps: true,
  mss: 1460,
  windowScale: 6,
  synWindow: 65535,
  window: 2058,
  initialTtl: 64,
  synOptions(timestamp) {
    // [mss 1460,nop,wscale 6,nop,nop,TS val V ecr 0,sackOK,eol]
    const ts = timestamp ? [NOP, NOP, ...timestampBytes(timestamp)] : [];
    return padWithEol([...mss(this.mss), NOP, WSCALE, 3, this.windowScale, ...ts, SACK_OK, 2]);
  },
};
