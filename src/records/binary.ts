/** pcap (both byte orders, micro and nano) and pcapng magic numbers. */
const CAPTURE_MAGICS = [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a];

/** What a file's first bytes say about it, before any of it is read as text. */
export type InputKind = "text" | "capture" | "binary";

export function sniffInput(head: Uint8Array): InputKind {
  if (head.length >= 4) {
    const magic = ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0;
    if (CAPTURE_MAGICS.includes(magic)) return "capture";
  }
  const sample = head.subarray(0, 4096);
  return sample.includes(0) ? "binary" : "text";
}
