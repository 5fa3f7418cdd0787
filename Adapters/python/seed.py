#!/usr/bin/env python3
"""The seed's code as LogBench adapters (protocol 1, see logbench_adapter.py).

    seed.py unfixed     the original addLog: read the run's JSON array, append, write it back,
                        with awaits in between and no lock (concurrent appends overwrite each other)
    seed.py queue       the fix: per run a FIFO and one consumer, one read-modify-write at a time
    seed.py log-table   one INSERT into log_entries per append

Phases on the durable ack, in ns: wait (before the entry's own read began: queue, thread hand-off,
first connection; plus BEGIN IMMEDIATE's busy wait), read (SELECT), decode (json.loads of the array),
encode (json.dumps of it), write (UPDATE/INSERT), commit (COMMIT). Steps a mode lacks are 0.
"""
import asyncio
import json
import sqlite3
import sys
import threading
import time
from urllib.parse import quote

from logbench_adapter import Adapter, RequestError, now, reply, serve


class Database:
    """One sqlite3 connection per worker thread (a connection is used by one thread at a time),
    opened on first use with the open request's pragmas. check_same_thread=False only so that
    close() can close them all from the loop's thread once no work is in flight."""

    RETRY_S = 0.001  # busyHandler fixed: the interval between tries for the lock

    def __init__(self, config):
        # mode=rw: a missing database is an error, never a new empty file.
        self.uri = "file:" + quote(config["database"]) + "?mode=rw"
        # busyHandler fixed: Python's sqlite3 has only busy_timeout (SQLite's 1, 2, 5 … 100 ms sleeps),
        # so its timeout is 0 and `retrying` tries again every millisecond until busyTimeoutMs.
        fixed = config["busyHandler"] == "fixed"
        self.timeout_ns = config["busyTimeoutMs"] * 1_000_000 if fixed else None
        self.pragmas = (f"PRAGMA busy_timeout = {0 if fixed else config['busyTimeoutMs']}",
                        f"PRAGMA synchronous = {config['synchronous']}")  # all checked by _config
        self.local, self.lock, self.all = threading.local(), threading.Lock(), []
        self.retries = 0  # tries that found the database locked (fixed only)

    def retrying(self, db, sql, args=()):
        """Executes sql; under busyHandler fixed, a locked database is tried again every
        millisecond until busyTimeoutMs has passed, then its error is raised."""
        deadline = None
        while True:
            try:
                return db.execute(sql, args)
            except sqlite3.OperationalError as error:
                if self.timeout_ns is None or not locked(error):
                    raise
                deadline = deadline or now() + self.timeout_ns
                if now() >= deadline:
                    raise
                with self.lock:
                    self.retries += 1
                time.sleep(self.RETRY_S)

    def connection(self):
        db = getattr(self.local, "db", None)
        if db is None:
            db = sqlite3.connect(self.uri, uri=True, isolation_level=None, check_same_thread=False)
            for pragma in self.pragmas:
                db.execute(pragma)
            self.local.db = db
            with self.lock:
                self.all.append(db)
        return db

    def close(self):
        for db in self.all:
            db.close()

    # The blocking steps; each runs in a worker thread.

    def check(self, layout, runs):
        db = self.connection()
        if layout == "jsonColumn":
            have = {run for (run,) in db.execute("SELECT id FROM runs")}
            missing = [run for run in runs if run not in have]
            if missing:
                raise RequestError(f"runs not in the runs table: {missing[:5]}")
        else:
            db.execute("SELECT run_id, producer, seq, level, ts, message FROM log_entries LIMIT 0")

    def select(self, run):
        """Returns (logs text, when the read began, read ns)."""
        db = self.connection()
        start = now()
        row = self.retrying(db, "SELECT logs FROM runs WHERE id = ?", (run,)).fetchone()
        if row is None:
            raise RequestError(f"run {run} does not exist")
        return row[0], start, now() - start

    def transaction(self, sql, args):
        """BEGIN IMMEDIATE (busy wait), one statement, COMMIT; returns their times."""
        db = self.connection()
        start = now()
        self.retrying(db, "BEGIN IMMEDIATE")
        began = now()
        try:
            if db.execute(sql, args).rowcount != 1:
                raise RequestError("no row written")
            wrote = now()
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return {"start": start, "busy": began - start, "write": wrote - began, "commit": now() - wrote}


def locked(error):
    """SQLITE_BUSY: another connection holds the lock (sqlite_errorcode is Python 3.11's)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code == sqlite3.SQLITE_BUSY if code is not None else str(error).startswith("database is locked")


class Seed(Adapter):
    info = {"version": "1.0.0", "engines": ["sqlite"], "layouts": ["jsonColumn"], "ack": ["durable"],
            "processSafe": False, "stores": True}

    async def open(self, config):
        self.db = Database(config)
        await asyncio.to_thread(self.db.check, config["layout"], config["runs"])
        self.ack = config["ack"]

    async def add_log(self, run, entry, received):
        """The seed's addLog, as written: read, append, write back, awaiting each step. Nothing
        here stops another addLog of the same run from reading before this one writes."""
        text, started, read = await asyncio.to_thread(self.db.select, run)
        t0 = now()
        logs = json.loads(text)
        t1 = now()
        logs.append(entry)
        # Compact, non-ASCII kept as is: what JSON.stringify stores.
        text = json.dumps(logs, ensure_ascii=False, separators=(",", ":"))
        t2 = now()
        w = await asyncio.to_thread(self.db.transaction, "UPDATE runs SET logs = ? WHERE id = ?", (text, run))
        return {"phases": {"wait": started - received + w["busy"], "read": read, "decode": t1 - t0,
                           "encode": t2 - t1, "write": w["write"], "commit": w["commit"]}}

    async def close(self):
        self.db.close()


class Unfixed(Seed):
    info = {"name": "seed-unfixed", **Seed.info}

    def append(self, rid, run, entry, received):
        return self.add_log(run, entry, received)


class Queued(Seed):
    """Per run an asyncio.Queue and one consumer task: a run's read-modify-writes run one at a time,
    in arrival order; runs are independent. Each append waits on a future the consumer resolves."""
    info = {"name": "seed-queue", **Seed.info, "ack": ["durable", "accepted"]}

    async def open(self, config):
        await super().open(config)
        self.queues, self.consumers = {}, []

    def append(self, rid, run, entry, received):
        if run not in self.queues:
            self.queues[run] = asyncio.Queue()
            self.consumers.append(asyncio.create_task(self.consume(run, self.queues[run])))
        done = asyncio.get_running_loop().create_future()
        self.queues[run].put_nowait((entry, received, done))
        if self.ack == "accepted":
            reply({"id": rid, "ack": "accepted"})
        return done

    async def consume(self, run, queue):
        while True:
            entry, received, done = await queue.get()
            try:
                result, error = await self.add_log(run, entry, received), None
            except Exception as failure:  # this entry fails; the queue goes on (the promise rejects)
                error = failure
            if done.done():
                pass
            elif error:
                done.set_exception(error)
            else:
                done.set_result(result)
            queue.task_done()

    async def drain(self, limit_s):
        try:
            await asyncio.wait_for(asyncio.gather(*(q.join() for q in self.queues.values())), limit_s)
        except TimeoutError:
            pass
        # Past the limit: what is still queued is dropped; an entry being written is let finish.
        abandoned = 0
        for queue in self.queues.values():
            while not queue.empty():
                _, _, done = queue.get_nowait()
                queue.task_done()
                done.set_exception(RequestError("abandoned: still queued when the drain limit passed (or stdin ended)"))
                abandoned += 1
        return abandoned

    async def close(self):
        for consumer in self.consumers:
            consumer.cancel()
        await asyncio.gather(*self.consumers, return_exceptions=True)
        await super().close()


class LogTable(Seed):
    info = {**Seed.info, "name": "seed-log-table", "layouts": ["logTable"], "processSafe": True}

    def append(self, rid, run, entry, received):
        return self.insert(run, entry, received)

    async def insert(self, run, entry, received):
        w = await asyncio.to_thread(
            self.db.transaction,
            "INSERT INTO log_entries (run_id, producer, seq, level, ts, message) VALUES (?, ?, ?, ?, ?, ?)",
            (run, entry["producer"], entry["seq"], entry["level"], entry["ts"], entry["message"]))
        return {"phases": {"wait": w["start"] - received + w["busy"], "read": 0, "decode": 0, "encode": 0,
                           "write": w["write"], "commit": w["commit"]}}


MODES = {"unfixed": Unfixed, "queue": Queued, "log-table": LogTable}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in MODES:
        print(f"usage: seed.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(64)
    serve(MODES[sys.argv[1]]())
