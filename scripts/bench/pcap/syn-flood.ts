/**
 * A SYN flood on the busy server: SYNs from random sources that never answer the SYN/ACK (the
 * server's replies are left out, as on a server whose backlog is full), so each is a connection
 * that stays open until hs-report's idle time: the input that holds the most connections at
 * once, for the tracker's memory cap (issue 6, docs/performance.md "Memory").
 */
import { randomClientAddress, randomEphemeralPort } from "./addresses.js";
import { ROUTER_MAC } from "./clients.js";
import type { PcapFile } from "./pcap-file.js";
import type { Prng } from "./prng.js";
import { SERVER_HOST } from "./server-traffic.js";
import { encodeTcpFrame, TcpFlag } from "./tcp-frame.js";

/** `mss 1460`, the one option of a flood tool's SYN. */
const MSS_OPTION = Uint8Array.of(2, 4, 0x05, 0xb4);

/** Writes `count` SYNs to port 80 of the server, starting at `startMicros`, arriving at `perSecond` (a Poisson process). */
export function writeSynFlood(file: PcapFile, rng: Prng, count: number, startMicros: number, perSecond: number): void {
  let time = startMicros;
  for (let i = 0; i < count; i++) {
    time += rng.exponential(1e6 / perSecond);
    const frame = encodeTcpFrame({
      // from the router in front of the server, as every client's frames
      sourceMac: ROUTER_MAC,
      destinationMac: SERVER_HOST.mac,
      sourceIp: randomClientAddress(rng),
      destinationIp: SERVER_HOST.ip,
      ipId: rng.int(0, 0xffff),
      ttl: rng.int(40, 250),
      sourcePort: randomEphemeralPort(rng),
      destinationPort: 80,
      seq: rng.nextUint32(),
      ack: 0,
      flags: TcpFlag.SYN,
      window: 64240,
      options: MSS_OPTION,
      payload: new Uint8Array(0),
    });
    file.write(time, frame);
  }
}
