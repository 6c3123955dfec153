/** Encodes one Ethernet II + IPv4 + TCP frame with correct IPv4 and TCP checksums. */
import { addWords, finishChecksum } from "./checksum.js";

export const TcpFlag = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export interface TcpFrame {
  sourceMac: Uint8Array;
  destinationMac: Uint8Array;
  sourceIp: number;
  destinationIp: number;
  ipId: number;
  ttl: number;
  sourcePort: number;
  destinationPort: number;
  seq: number;
  ack: number;
  /** Bitwise OR of TcpFlag values. */
  flags: number;
  window: number;
  /** Already padded to a multiple of 4 bytes. */
  options: Uint8Array;
  payload: Uint8Array;
}

const ETHERNET_HEADER = 14;
const IPV4_HEADER = 20;
const TCP_HEADER = 20;
const ETHERTYPE_IPV4 = 0x0800;
const PROTOCOL_TCP = 6;
const DONT_FRAGMENT = 0x4000;

export function encodeTcpFrame(frame: TcpFrame): Buffer {
  const tcpLength = TCP_HEADER + frame.options.length + frame.payload.length;
  const bytes = Buffer.alloc(ETHERNET_HEADER + IPV4_HEADER + tcpLength);

  bytes.set(frame.destinationMac, 0);
  bytes.set(frame.sourceMac, 6);
  bytes.writeUInt16BE(ETHERTYPE_IPV4, 12);

  const ip = ETHERNET_HEADER;
  bytes[ip] = 0x45; // version 4, header length 5 words
  bytes.writeUInt16BE(IPV4_HEADER + tcpLength, ip + 2);
  bytes.writeUInt16BE(frame.ipId & 0xffff, ip + 4);
  bytes.writeUInt16BE(DONT_FRAGMENT, ip + 6); // Linux and Windows set DF on TCP
  bytes[ip + 8] = frame.ttl;
  bytes[ip + 9] = PROTOCOL_TCP;
  bytes.writeUInt32BE(frame.sourceIp, ip + 12);
  bytes.writeUInt32BE(frame.destinationIp, ip + 16);
  bytes.writeUInt16BE(finishChecksum(addWords(bytes, ip, ip + IPV4_HEADER)), ip + 10);

  const tcp = ip + IPV4_HEADER;
  bytes.writeUInt16BE(frame.sourcePort, tcp);
  bytes.writeUInt16BE(frame.destinationPort, tcp + 2);
  bytes.writeUInt32BE(frame.seq >>> 0, tcp + 4);
  bytes.writeUInt32BE(frame.ack >>> 0, tcp + 8);
  bytes[tcp + 12] = ((TCP_HEADER + frame.options.length) / 4) << 4;
  bytes[tcp + 13] = frame.flags;
  bytes.writeUInt16BE(frame.window, tcp + 14);
  bytes.set(frame.options, tcp + TCP_HEADER);
  bytes.set(frame.payload, tcp + TCP_HEADER + frame.options.length);

  // The TCP checksum covers a pseudo-header (addresses, protocol, TCP length) and the segment.
  const pseudoHeader = addWords(bytes, ip + 12, ip + 20) + PROTOCOL_TCP + tcpLength;
  bytes.writeUInt16BE(finishChecksum(addWords(bytes, tcp, tcp + tcpLength, pseudoHeader)), tcp + 16);
  return bytes;
}
