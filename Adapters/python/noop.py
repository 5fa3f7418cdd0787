#!/usr/bin/env python3
"""The do-nothing adapter (protocol 1): answers every append "durable" at once and stores nothing,
to measure what the protocol itself costs. No asyncio, no threads: one blocking loop, one write
per reply. With ack "accepted" it still answers only "durable" (it buffers nothing).

    noop.py [jsonColumn|logTable]   hello names that one layout (both when none is given)
"""
import json
import os
import sys

HELLO = {"protocol": 1, "name": "noop", "version": "1.0.0", "engines": ["sqlite"],
         "layouts": ["jsonColumn", "logTable"], "ack": ["durable", "accepted"], "processSafe": False, "stores": False}

APPEND = b'{"op":"append","id":'


def send(data):
    while data:
        data = data[os.write(1, data):]


def answer(req):
    if not isinstance(req, dict):
        return {"id": None, "error": "a request must be a JSON object"}
    op, rid = req.get("op"), req.get("id")
    if op == "hello":
        return {"id": rid, **HELLO}
    if op == "open":
        return {"id": rid, "ok": True}
    if op == "close":
        return {"id": rid, "ok": True, "abandoned": 0}
    if op == "append":  # spelled otherwise than the fast path expects
        return {"id": rid, "ack": "durable"}
    return {"id": rid, "error": f"unknown op {op!r}"}


def main():
    if sys.argv[1:] not in ([], ["jsonColumn"], ["logTable"]):
        print("usage: noop.py [jsonColumn|logTable]", file=sys.stderr)
        sys.exit(64)
    HELLO["layouts"] = sys.argv[1:] or HELLO["layouts"]
    for line in sys.stdin.buffer:
        # Fast path: LogBench writes every append starting with exactly this; the id is all this
        # adapter needs, and the rest goes unread (it stores nothing).
        if line.startswith(APPEND):
            rid = line[len(APPEND):line.find(b",", len(APPEND))]
            if rid.isdigit():
                send(b'{"id":%d,"ack":"durable"}\n' % int(rid))
                continue
        try:
            req = json.loads(line)
        except ValueError as error:
            if line.strip():
                send(b'{"id":null,"error":%s}\n' % json.dumps(f"not JSON: {error}").encode())
            continue
        send(json.dumps(answer(req), separators=(",", ":")).encode() + b"\n")


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # LogBench went away
        pass
