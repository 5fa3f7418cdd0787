"""LogBench adapter protocol, version 1: the server side, for adapters written in Python.

Requests come on stdin, replies go to stdout, one JSON object per line. Each append is its own
asyncio task, so appends interleave at every await as the seed's async calls did on Node's event
loop; blocking sqlite3 work goes to worker threads (asyncio.to_thread), as async drivers do.

Guarantees the Swift client relies on:
- hello, open and close are handled in arrival order; no later line is looked at until they have
  replied. Appends are checked and handed to the adapter in arrival order, at once.
- Every append gets exactly one final reply, {"ack":"durable"} or {"error":...}, after its
  {"ack":"accepted"} if any. Entries dropped at close get an "abandoned: ..." error.
- The close reply is the last line written. Blank lines are skipped; a line over 1 MiB or not a
  JSON object gets {"id":null,"error":...}. On EOF without close: queued entries are dropped,
  writes under way finish, exit 0.
"""
import asyncio
import json
import os
import threading
import time

PROTOCOL = 1
MAX_LINE = 1 << 20
TOO_LONG = object()  # stands for a request line over MAX_LINE (never parsed)
INT64 = range(-(1 << 63), 1 << 63)
now = time.perf_counter_ns
OPEN_DEFAULTS = {"engine": "sqlite", "database": None, "layout": None, "runs": [], "ack": "durable",
                 "busyTimeoutMs": 5000, "busyHandler": "fixed", "synchronous": "full"}


class RequestError(Exception):
    """A refused request; its text is the error reply."""


class Adapter:
    """What an adapter implements. `info`: the hello reply's fields beyond id and protocol."""
    info = {}

    async def open(self, config):  # the open request's settings, checked, defaults filled in
        pass

    def append(self, rid, run, entry, received):
        """Called in arrival order as each append is read (received: perf_counter_ns() then).
        Returns an awaitable of extra durable-ack fields, e.g. {"phases": {...}}."""
        return asyncio.sleep(0, {})

    async def drain(self, limit_s):
        """Close: write what is buffered within limit_s, fail the rest, return how many."""
        return 0

    async def close(self):  # every append has replied: release connections
        pass


_out = threading.Lock()


def reply(obj):
    """Writes one reply line with os.write (no buffer to flush), under a lock. If LogBench has
    closed our stdout the reply is dropped (stdin EOF follows)."""
    data = memoryview((json.dumps(obj, separators=(",", ":")) + "\n").encode())
    with _out:
        try:
            while data:
                data = data[os.write(1, data):]
        except (BrokenPipeError, ConnectionResetError):
            pass


def _read_stdin(loop, inbox):
    """Reader thread. The complete lines of each chunk go to the loop together (one wakeup per
    chunk), so a burst of appends starts in one loop turn, as on Node. None marks EOF."""
    pending, skipping = b"", False  # skipping: dropping the rest of an over-long line
    while chunk := os.read(0, 1 << 16):
        *lines, pending = (pending + chunk).split(b"\n")
        if skipping and lines:
            lines[0], skipping = TOO_LONG, False
        lines = [TOO_LONG if line is not TOO_LONG and len(line) > MAX_LINE else line for line in lines]
        if len(pending) > MAX_LINE:
            pending, skipping = b"", True
        loop.call_soon_threadsafe(inbox.put_nowait, lines)
    tail = [TOO_LONG] if skipping else [pending] if pending else []
    loop.call_soon_threadsafe(inbox.put_nowait, tail + [None])


def entry_of(req):
    """The stored object: exactly these five fields, type-checked (a bool is not an int)."""
    fields = {"producer": int, "seq": int, "level": str, "ts": int, "message": str}
    for key, kind in fields.items():
        if type(req.get(key)) is not kind:
            raise RequestError(f"append needs {key} ({kind.__name__})")
    if req["ts"] not in INT64:
        raise RequestError("ts is outside int64")
    return {key: req[key] for key in fields}


def _config(req, info):
    """The open request's settings, checked, with defaults for those left out."""
    config = {key: req.get(key, default) for key, default in OPEN_DEFAULTS.items()}
    for key, allowed in (("engine", info["engines"]), ("layout", info["layouts"]), ("ack", info["ack"]),
                         ("synchronous", ["off", "normal", "full"]), ("busyHandler", ["fixed", "backoff"])):
        if config[key] not in allowed:
            raise RequestError(f"{key} {config[key]!r} not supported (supported: {', '.join(allowed)})")
    if not (isinstance(config["database"], str) and os.path.isabs(config["database"])):
        raise RequestError("database must be an absolute path")
    if not isinstance(config["runs"], list) or any(type(run) is not int for run in config["runs"]):
        raise RequestError("runs must be a list of integers")
    if type(config["busyTimeoutMs"]) is not int or config["busyTimeoutMs"] < 0:
        raise RequestError("busyTimeoutMs must be an integer >= 0")
    return config


class _Server:
    def __init__(self, adapter):
        self.adapter, self.state, self.runs, self.inflight = adapter, "new", set(), set()

    async def handle(self, line):
        if line is TOO_LONG:
            return reply({"id": None, "error": f"request line longer than {MAX_LINE} bytes"})
        if not line.strip():
            return
        try:
            req = json.loads(line)
        except ValueError as error:  # also bad UTF-8
            return reply({"id": None, "error": f"not JSON: {error}"})
        if not isinstance(req, dict):
            return reply({"id": None, "error": "a request must be a JSON object"})
        rid, op = req.get("id"), req.get("op")
        if op == "append":
            return self.append(rid, req)
        try:
            if op == "hello":
                return reply({"id": rid, "protocol": PROTOCOL, **self.adapter.info})
            if op == "open":
                if self.state != "new":
                    raise RequestError("already opened")
                config = _config(req, self.adapter.info)
                await self.adapter.open(config)
                self.state, self.runs = "open", set(config["runs"])
                return reply({"id": rid, "ok": True})
            if op == "close":
                limit = req.get("drainLimitMs", 30000)
                if type(limit) is not int or limit < 0:
                    raise RequestError("drainLimitMs must be an integer >= 0")
                return reply({"id": rid, "ok": True, "abandoned": await self.finish(limit / 1000)})
            raise RequestError(f"unknown op {op!r}")
        except Exception as error:
            reply({"id": rid, "error": str(error) or type(error).__name__})

    def append(self, rid, req):
        try:
            if self.state != "open":
                raise RequestError("not open" if self.state == "new" else "closed")
            run = req.get("run")
            if type(run) is not int or (self.runs and run not in self.runs):
                raise RequestError(f"unknown run {run!r}")
            started = self.adapter.append(rid, run, entry_of(req), now())
        except Exception as error:
            return reply({"id": rid, "error": str(error) or type(error).__name__})
        task = asyncio.create_task(self.ack(rid, started))
        self.inflight.add(task)
        task.add_done_callback(self.inflight.discard)

    async def ack(self, rid, started):
        try:
            reply({"id": rid, "ack": "durable", **await started})
        except Exception as error:
            reply({"id": rid, "error": str(error) or type(error).__name__})

    async def finish(self, limit_s):
        """Close or EOF: refuse appends, drain, wait for every append's reply, release."""
        if self.state != "open":
            return 0
        self.state = "closing"
        abandoned = await self.adapter.drain(limit_s)
        while self.inflight:
            await asyncio.gather(*self.inflight, return_exceptions=True)
        await self.adapter.close()
        self.state = "closed"
        return abandoned


async def _main(adapter):
    inbox = asyncio.Queue()
    threading.Thread(target=_read_stdin, args=(asyncio.get_running_loop(), inbox), daemon=True).start()
    server = _Server(adapter)
    while True:
        for line in await inbox.get():
            if line is None:
                return await server.finish(0)
            await server.handle(line)


def serve(adapter):
    """Runs the adapter until stdin ends and everything under way has finished."""
    asyncio.run(_main(adapter))
