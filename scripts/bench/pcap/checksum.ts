/** The Internet checksum (RFC 1071), shared by the IPv4 header and the TCP segment. */

/** Adds big-endian 16-bit words of bytes[start, end) to sum; an odd last byte is padded with zero. */
export function addWords(bytes: Uint8Array, start: number, end: number, sum = 0): number {
  let i = start;
  for (; i + 1 < end; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (i < end) sum += bytes[i] << 8;
  return sum;
}

/** Folds the carries back in and complements: the value to store in the header. */
export function finishChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}
