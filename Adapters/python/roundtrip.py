#!/usr/bin/env python3
"""Round trip of an adapter at c=1: one append at a time, each waiting for its final reply.
Appends are spelled as LogBench writes them (compact, keys in its order).

    roundtrip.py [-n 20000] [--layout jsonColumn|logTable] ADAPTER-COMMAND...
    e.g. roundtrip.py Adapters/python/noop.py

Makes a scratch database (the schema LogBench creates, WAL, one run), prints per-call time.
"""
import argparse
import json
import os
import sqlite3
import subprocess
import tempfile
import time
from contextlib import closing

from test_adapters import SCHEMA

parser = argparse.ArgumentParser()
parser.add_argument("-n", type=int, default=20000)
parser.add_argument("--layout", default="jsonColumn")
parser.add_argument("--synchronous", default="normal")
parser.add_argument("command", nargs="+")
args = parser.parse_args()

with tempfile.TemporaryDirectory() as folder:
    database = os.path.join(folder, "cell.sqlite")
    with closing(sqlite3.connect(database)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(SCHEMA)
    adapter = subprocess.Popen(args.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    out = adapter.stdout

    def call(line):
        os.write(adapter.stdin.fileno(), line)
        return json.loads(out.readline())

    call(b'{"op":"hello","id":0,"protocol":1}\n')
    opened = call(json.dumps({"op": "open", "id": 1, "engine": "sqlite", "database": database, "layout": args.layout,
                              "runs": [1], "ack": "durable", "busyTimeoutMs": 5000,
                              "synchronous": args.synchronous}).encode() + b"\n")
    assert opened.get("ok"), opened
    lines = [json.dumps({"op": "append", "id": 2 + i, "run": 1, "producer": 0, "seq": i, "level": "info",
                         "ts": time.time_ns(), "message": "x" * 64}, separators=(",", ":")).encode() + b"\n"
             for i in range(args.n)]
    start = time.perf_counter_ns()
    for line in lines:
        reply = call(line)
    elapsed = time.perf_counter_ns() - start
    assert reply.get("ack") == "durable", reply
    call(b'{"op":"close","id":99,"drainLimitMs":30000}\n')
    adapter.stdin.close()
    adapter.wait()
    print(f"{' '.join(args.command)}: {args.n} calls at c=1, {elapsed / 1e9:.3f} s, "
          f"{elapsed / args.n / 1000:.1f} us/call, {args.n / elapsed * 1e9:,.0f} calls/s")
