/**
 * Merges connections that overlap in time into capture files in timestamp order, holding only
 * the connections still in progress: a connection's packets are all built when it starts, and
 * a packet is written once no connection starting later can precede it.
 */
import { MinHeap } from "./min-heap.js";
import type { PcapFile } from "./pcap-file.js";
import type { CapturedPacket } from "./tcp-session.js";

export interface CaptureOutput {
  file: PcapFile;
  /** How far this capture host's clock is ahead of the reference clock. */
  clockOffsetMicros: number;
}

interface Cursor {
  packets: CapturedPacket[];
  index: number;
}

/**
 * connections must come in order of their first packet's time, each sorted by time; packet.file
 * indexes outputs.
 */
export function writeInTimeOrder(connections: Iterable<CapturedPacket[]>, outputs: readonly CaptureOutput[]): void {
  const pending = new MinHeap<Cursor>((cursor) => cursor.packets[cursor.index].time);
  const writeUntil = (limit: number): void => {
    for (let cursor = pending.peek(); cursor && pending.key(cursor) <= limit; cursor = pending.peek()) {
      pending.pop();
      const packet = cursor.packets[cursor.index++];
      const output = outputs[packet.file];
      output.file.write(packet.time + output.clockOffsetMicros, packet.frame);
      if (cursor.index < cursor.packets.length) pending.push(cursor);
    }
  };
  for (const packets of connections) {
    if (packets.length === 0) continue;
    writeUntil(packets[0].time);
    pending.push({ packets, index: 0 });
  }
  writeUntil(Infinity);
}
