/**
 * Writes a classic libpcap file (microsecond timestamps, Ethernet link type) record by record
 * through a fixed buffer, so a capture of any size needs only a few megabytes of memory.
 */
import { closeSync, openSync, writeSync } from "node:fs";

const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const LINKTYPE_ETHERNET = 1;
const SNAPLEN = 262144;
const FILE_HEADER = 24;
const RECORD_HEADER = 16;
const BUFFER_SIZE = 4 * 1024 * 1024;

export class PcapFile {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_SIZE);
  private used = 0;
  packets = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
    const header = this.reserve(FILE_HEADER);
    header.writeUInt32LE(MAGIC_MICROSECONDS, 0);
    header.writeUInt16LE(2, 4); // version 2.4
    header.writeUInt16LE(4, 6);
    header.writeInt32LE(0, 8); // timestamps are UTC
    header.writeUInt32LE(0, 12);
    header.writeUInt32LE(SNAPLEN, 16);
    header.writeUInt32LE(LINKTYPE_ETHERNET, 20);
  }

  /** Appends one frame captured at timeMicros (microseconds since the Unix epoch). */
  write(timeMicros: number, frame: Uint8Array): void {
    const record = this.reserve(RECORD_HEADER + frame.length);
    record.writeUInt32LE(Math.floor(timeMicros / 1e6), 0);
    record.writeUInt32LE(timeMicros % 1e6, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    record.set(frame, RECORD_HEADER);
    this.packets++;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private reserve(length: number): Buffer {
    if (this.used + length > BUFFER_SIZE) this.flush();
    const slice = this.buffer.subarray(this.used, this.used + length);
    this.used += length;
    return slice;
  }

  private flush(): void {
    let written = 0;
    while (written < this.used) written += writeSync(this.fd, this.buffer, written, this.used - written);
    this.used = 0;
  }
}
