#!/usr/bin/env python3
"""Push DVS events to a spikeguard feed receiver in the spikeguard wire format (docs/wire.md).

Needs only the standard library and `msgpack` (pip install msgpack / apt install python3-msgpack).
Start a receiver, e.g. in TypeScript:

    feedSource({ listen: { port: 7777 } }).subscribe((batch) => ...)

then run:

    python3 send_events.py --host 127.0.0.1 --port 7777 --batches 5 --events 1000

Each frame is a 4-byte big-endian body length, then one msgpack map. Columns are raw little-endian
bytes in msgpack `bin` fields: x, y uint16; t float64 microseconds; p uint8 (1 = ON, 0 = OFF).
With numpy the columns are simply `x.astype('<u2').tobytes()`, `t.astype('<f8').tobytes()`, ...

With --print, the events sent are printed as JSON ({"width", "height", "batches": [{"x", "y", "t", "p"}]}).
"""
import argparse
import json
import socket
import struct
import sys
import time
from array import array

import msgpack

WIRE_VERSION = 1


def frame(message):
    """One frame: big-endian uint32 body length + msgpack body."""
    body = msgpack.packb(message, use_bin_type=True)
    return struct.pack(">I", len(body)) + body


def le_bytes(typecode, values):
    """Little-endian bytes of a column (array typecodes: H uint16, d float64, B uint8)."""
    column = array(typecode, values)
    if sys.byteorder == "big":
        column.byteswap()
    return column.tobytes()


def make_batch(k, n, width, height):
    """A deterministic batch: events spread over the sensor, t in µs with fractional parts."""
    return {
        "x": [(i * 7 + k) % width for i in range(n)],
        "y": [(i * 13 + 3 * k) % height for i in range(n)],
        "t": [k * 10_000 + i * 2.5 for i in range(n)],
        "p": [(i + k) % 2 for i in range(n)],
    }


def events_message(batch, seq):
    return {
        "kind": "events",
        "x": le_bytes("H", batch["x"]),
        "y": le_bytes("H", batch["y"]),
        "t": le_bytes("d", batch["t"]),
        "p": le_bytes("B", batch["p"]),
        "seq": seq,
        "sentAtMs": time.time() * 1000.0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--width", type=int, default=346)
    parser.add_argument("--height", type=int, default=260)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--events", type=int, default=1000, help="events per batch")
    parser.add_argument("--print", action="store_true", help="print the events sent as JSON")
    args = parser.parse_args()

    batches = [make_batch(k, args.events, args.width, args.height) for k in range(args.batches)]
    with socket.create_connection((args.host, args.port)) as conn:
        hello = {"kind": "hello", "version": WIRE_VERSION, "width": args.width, "height": args.height, "source": "send_events.py"}
        conn.sendall(frame(hello))
        for seq, batch in enumerate(batches):
            conn.sendall(frame(events_message(batch, seq)))
        conn.sendall(frame({"kind": "end"}))
        conn.shutdown(socket.SHUT_WR)
        conn.recv(1)  # wait until the receiver closes, so every byte was read
    if args.print:
        json.dump({"width": args.width, "height": args.height, "batches": batches}, sys.stdout)


if __name__ == "__main__":
    main()
