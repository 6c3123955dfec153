#!/usr/bin/env python3
"""Shift every timestamp of a classic pcap file by a number of milliseconds.

Why: network namespaces share the host's realtime clock (time namespaces only offset the
monotonic and boot-time clocks), so a capture "from a machine whose clock is off" has to be
made by rewriting the timestamps of a real capture. Packets are untouched.

usage: pcap_shift.py IN.pcap OUT.pcap MILLISECONDS
"""
import struct
import sys

# magic as read little-endian -> (byte order, ticks per second)
MAGICS = {0xA1B2C3D4: ("<", 1_000_000), 0xA1B23C4D: ("<", 1_000_000_000),
          0xD4C3B2A1: (">", 1_000_000), 0x4D3CB2A1: (">", 1_000_000_000)}


def shift(data, milliseconds):
    (magic,) = struct.unpack_from("<I", data, 0)
    if magic not in MAGICS:
        raise SystemExit(f"not a classic pcap file (magic 0x{magic:08x}); pcapng is not supported")
    order, ticks = MAGICS[magic]
    record = struct.Struct(order + "IIII")
    delta = round(milliseconds * ticks / 1000)
    out = bytearray(data)
    offset = 24
    while offset + record.size <= len(data):
        sec, frac, incl_len, orig_len = record.unpack_from(data, offset)
        total = sec * ticks + frac + delta
        record.pack_into(out, offset, total // ticks, total % ticks, incl_len, orig_len)
        offset += record.size + incl_len
    if offset != len(data):
        raise SystemExit(f"truncated pcap: {len(data) - offset} stray bytes at the end")
    return bytes(out)


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__.strip().splitlines()[-1])
    source, target, milliseconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with open(source, "rb") as f:
        data = f.read()
    with open(target, "wb") as f:
        f.write(shift(data, milliseconds))


if __name__ == "__main__":
    main()
