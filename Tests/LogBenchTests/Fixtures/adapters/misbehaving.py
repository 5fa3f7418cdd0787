#!/usr/bin/env python3
"""An adapter (protocol 1) that answers hello and open correctly, otherwise does nothing, and then
misbehaves in one way, for the tests of the Swift client's defences. Its hello names one layout,
jsonColumn, and ack durable, so the handshake passes and the misbehaviour is what is tested.

    misbehaving.py KIND

    garbage         the first append is answered with the line `this is not json`
    oversized       the first append is answered with one line of 2 MiB (valid JSON, padded)
    unknown-id      the first append is answered with a durable ack for id 999999 instead
    repeated-id     the first append is answered twice (durable, durable)
    silent          appends are never answered (hello, open and close are; exits 0 at EOF)
    silent-close    answers appends, never answers close (exits 0 at EOF)
    exit-mid-run    answers 5 appends, then writes "adapter giving up" to stderr and exits 3
    close-input     answers 5 appends, then closes its input, writes "adapter giving up" to stderr
                    and exits 3 20 ms later (LogBench's next write meets a closed pipe first)
    stderr-flood    a thread writes 10 MiB to stderr (128-byte lines) while requests are answered
                    normally; the last line is "stderr flood done"; at EOF it exits once all is written
    ignore-sigterm  ignores SIGTERM and SIGINT; after close or EOF it sleeps instead of exiting
                    (only SIGKILL ends it; it also exits if orphaned, or after 10 minutes)
    bad-hello       answers hello with protocol 99
    no-hello        prints "cannot start: missing module" to stderr and exits 1 at once

Every kind first writes "misbehaving adapter: KIND" to stderr.
"""
import json
import os
import signal
import sys
import threading
import time

KINDS = ["garbage", "oversized", "unknown-id", "repeated-id", "silent", "silent-close", "exit-mid-run", "close-input",
         "stderr-flood", "ignore-sigterm", "bad-hello", "no-hello"]


def send(data, fd=1):
    """All of data (a 2 MiB line takes several writes on a pipe)."""
    data = memoryview(data)
    while data:
        data = data[os.write(fd, data):]


def reply(obj):
    send(json.dumps(obj, separators=(",", ":")).encode() + b"\n")


def flood():
    """10 MiB of numbered 128-byte lines, written with os.write: no Python-level lock is held, so the
    process can still exit while this thread is blocked on a full pipe."""
    for block in range(160):  # 160 blocks of 512 lines = 10 MiB
        send(b"".join(b"stderr flood %06d %s\n" % (block * 512 + i, b"x" * 107) for i in range(512)), fd=2)
    send(b"stderr flood done\n", fd=2)


def linger():
    """Sleeps past close/EOF; leaves once orphaned (the test that started it is gone) or after 10 min."""
    parent, deadline = os.getppid(), time.monotonic() + 600
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.2)


def main(kind):
    print(f"misbehaving adapter: {kind}", file=sys.stderr, flush=True)
    if kind == "no-hello":
        print("cannot start: missing module", file=sys.stderr, flush=True)
        sys.exit(1)
    if kind == "ignore-sigterm":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    flooding = threading.Thread(target=flood, daemon=True)
    if kind == "stderr-flood":
        flooding.start()
    appends = 0
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            op, rid = req.get("op"), req.get("id")
        except (ValueError, AttributeError):
            reply({"id": None, "error": "not a JSON object"})
            continue
        if op == "hello":
            reply({"id": rid, "protocol": 99 if kind == "bad-hello" else 1, "name": f"misbehaving-{kind}",
                   "version": "1.0.0", "engines": ["sqlite"], "layouts": ["jsonColumn"],
                   "ack": ["durable"], "processSafe": False, "stores": False})
        elif op == "open":
            reply({"id": rid, "ok": True})
        elif op == "close":
            if kind == "silent-close":
                continue
            reply({"id": rid, "ok": True, "abandoned": 0})
        elif op != "append":
            reply({"id": rid, "error": f"unknown op {op!r}"})
        elif kind == "silent":
            pass
        else:
            appends += 1
            ack = {"id": rid, "ack": "durable"}
            if appends > 1 or kind in ("exit-mid-run", "close-input", "stderr-flood", "ignore-sigterm", "bad-hello",
                                       "silent-close"):
                reply(ack)
            elif kind == "garbage":
                send(b"this is not json\n")
            elif kind == "oversized":  # exactly 2 MiB with its newline
                head = json.dumps(ack, separators=(",", ":"))[:-1] + ',"padding":"'
                send((head + "x" * ((2 << 20) - len(head) - 3) + '"}\n').encode())
            elif kind == "unknown-id":
                reply({"id": 999999, "ack": "durable"})
            elif kind == "repeated-id":
                reply(ack)
                reply(ack)
            if kind == "exit-mid-run" and appends == 5:
                print("adapter giving up", file=sys.stderr, flush=True)
                sys.exit(3)
            if kind == "close-input" and appends == 5:
                os.close(0)
                print("adapter giving up", file=sys.stderr, flush=True)
                time.sleep(0.02)
                os._exit(3)  # not sys.exit: the interpreter would try to close the closed stdin
    if kind == "stderr-flood":
        flooding.join()  # exit only once all of it is written (as long as stderr is being read)
    if kind == "ignore-sigterm":
        linger()


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in KINDS:
        print(f"usage: misbehaving.py {'|'.join(KINDS)}", file=sys.stderr)
        sys.exit(64)
    try:
        main(sys.argv[1])
    except BrokenPipeError:
        pass
