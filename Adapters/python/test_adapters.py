"""Self-check of the Python adapters, stdlib only:

    python3 -m unittest discover -s Adapters/python

Each test starts an adapter as LogBench would, sends the seed's "20 concurrent log writes" (20
appends to run 1, all written before any reply is read) and checks the replies and the database.
"""
import json
import os
import queue
import sqlite3
import subprocess
import sys
import tempfile
import threading
import unittest
from contextlib import closing

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = """
CREATE TABLE runs (id INTEGER PRIMARY KEY, logs TEXT NOT NULL DEFAULT '[]');
CREATE TABLE log_entries (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, producer INTEGER NOT NULL,
  seq INTEGER NOT NULL, level TEXT NOT NULL, ts INTEGER NOT NULL, message TEXT NOT NULL,
  UNIQUE (run_id, producer, seq));
INSERT INTO runs (id) VALUES (1), (2), (3);
"""
# What a message can hold: quotes, backslashes, newlines, tabs, non-ASCII (2, 3 and 4 UTF-8 bytes).
MESSAGE = 'render "hero.png" in C:\\tmp\\out\nline two\ttab, é ✓ 🚀'
TIMEOUT = 10


def entries(count=20):
    """Producer p's seq 0; ts values that a double would round, up to int64's maximum."""
    return [{"producer": p, "seq": 0, "level": ["info", "warn", "error"][p % 3],
             "ts": 2**63 - 1 if p == count - 1 else 1764861234000000001 + p, "message": f"{p}: {MESSAGE}"}
            for p in range(count)]


class Adapter:
    """A running adapter: requests go to its stdin, replies are read by a thread into a queue."""

    def __init__(self, script, *args):
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, script), *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.replies, self.stderr = queue.Queue(), []
        self.readers = [threading.Thread(target=self._read, daemon=True),
                        threading.Thread(target=lambda: self.stderr.extend(self.proc.stderr), daemon=True)]
        for reader in self.readers:
            reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.replies.put(json.loads(line))
        self.replies.put(None)

    def send(self, *requests):
        """All requests in one write, as a burst."""
        self.proc.stdin.write(b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in requests))
        self.proc.stdin.flush()

    def get(self, count=1):
        got = [self.replies.get(timeout=TIMEOUT) for _ in range(count)]
        assert None not in got, f"adapter stopped early; stderr: {b''.join(self.stderr)!r}"
        return got

    def call(self, request):
        self.send(request)
        return self.get()[0]

    def finish(self):
        """Closes stdin (EOF) and returns the exit status (killed if it does not exit)."""
        try:
            self.proc.stdin.close()
            return self.proc.wait(timeout=TIMEOUT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            for reader in self.readers:
                reader.join(TIMEOUT)
            self.proc.stdout.close()
            self.proc.stderr.close()


class AdapterTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.database = os.path.join(self.folder.name, "cell.sqlite")
        with closing(sqlite3.connect(self.database)) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    def tearDown(self):
        self.folder.cleanup()

    def run_seed(self, mode, layout="jsonColumn", ack="durable"):
        """hello, open, 20 appends at once, close; returns (hello, the append replies, close reply)."""
        adapter = Adapter("seed.py", mode)
        self.addCleanup(adapter.finish)
        hello = adapter.call({"op": "hello", "id": 0, "protocol": 1})
        self.assertEqual(hello["protocol"], 1)
        opened = adapter.call({"op": "open", "id": 1, "engine": "sqlite", "database": self.database, "layout": layout,
                               "runs": [1, 2, 3], "ack": ack, "busyTimeoutMs": 5000, "synchronous": "full"})
        self.assertEqual(opened, {"id": 1, "ok": True})
        adapter.send(*({"op": "append", "id": 2 + i, "run": 1, **e} for i, e in enumerate(entries())))
        replies = adapter.get(40 if ack == "accepted" else 20)
        closed = adapter.call({"op": "close", "id": 99, "drainLimitMs": 30000})
        self.assertEqual(closed, {"id": 99, "ok": True, "abandoned": 0})
        self.assertEqual(adapter.finish(), 0)
        return hello, replies, closed

    def stored_logs(self, run=1):
        with closing(sqlite3.connect(self.database)) as db:
            return json.loads(db.execute("SELECT logs FROM runs WHERE id = ?", (run,)).fetchone()[0])

    def assert_durable(self, replies):
        self.assertEqual(sorted(r["id"] for r in replies), list(range(2, 22)))
        for r in replies:
            self.assertEqual(r["ack"], "durable", r)
            self.assertEqual(set(r["phases"]), {"wait", "read", "decode", "encode", "write", "commit"})
            self.assertTrue(all(type(ns) is int and ns >= 0 for ns in r["phases"].values()), r)

    def test_unfixed_loses_entries(self):
        hello, replies, _ = self.run_seed("unfixed")
        self.assertEqual((hello["name"], hello["ack"]), ("seed-unfixed", ["durable"]))
        self.assert_durable(replies)  # every write "succeeded"...
        stored = len(self.stored_logs())
        print(f"\nunfixed: 20 appends acknowledged durable, {stored} stored", file=sys.stderr)
        self.assertLess(stored, 20)  # ...and overwrote the others: the seed's bug

    def test_queue_stores_every_entry_exactly(self):
        hello, replies, _ = self.run_seed("queue")
        self.assertEqual((hello["name"], hello["ack"]), ("seed-queue", ["durable", "accepted"]))
        self.assert_durable(replies)
        self.assertEqual(self.stored_logs(), entries())  # exact values, in arrival order
        self.assertEqual(self.stored_logs(2), [])

    def test_queue_accepted_then_durable(self):
        _, replies, _ = self.run_seed("queue", ack="accepted")
        for id in range(2, 22):
            self.assertEqual([r["ack"] for r in replies if r["id"] == id], ["accepted", "durable"])
        self.assertEqual(self.stored_logs(), entries())

    def test_queue_close_drops_what_the_drain_limit_leaves(self):
        adapter = Adapter("seed.py", "queue")
        self.addCleanup(adapter.finish)
        adapter.send({"op": "open", "id": 1, "database": self.database, "layout": "jsonColumn", "ack": "accepted"})
        self.assertEqual(adapter.get(), [{"id": 1, "ok": True}])
        adapter.send(*({"op": "append", "id": 2 + i, "run": 1, **e} for i, e in enumerate(entries())),
                     {"op": "close", "id": 99, "drainLimitMs": 0})
        replies = adapter.get(41)
        closed, finals = replies[-1], [r for r in replies[:-1] if r.get("ack") != "accepted"]
        self.assertEqual((closed["id"], len(finals)), (99, 20))  # the close reply comes last
        dropped = [r for r in finals if "error" in r]
        self.assertTrue(all(r["error"].startswith("abandoned") for r in dropped))
        self.assertEqual(closed["abandoned"], len(dropped))
        self.assertEqual(len(self.stored_logs()), 20 - len(dropped))
        self.assertEqual(adapter.finish(), 0)

    def test_locked_database_fails_the_append_and_the_queue_goes_on(self):
        adapter = Adapter("seed.py", "queue")
        self.addCleanup(adapter.finish)
        adapter.send({"op": "open", "id": 1, "database": self.database, "layout": "jsonColumn", "ack": "accepted",
                      "busyTimeoutMs": 50})
        self.assertEqual(adapter.get(), [{"id": 1, "ok": True}])
        with closing(sqlite3.connect(self.database, isolation_level=None)) as holder:
            holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the busy timeout
            adapter.send(*({"op": "append", "id": 2 + i, "run": 1, **e} for i, e in enumerate(entries(2))))
            self.assertEqual(adapter.get(4), [{"id": 2, "ack": "accepted"}, {"id": 3, "ack": "accepted"},
                                              {"id": 2, "error": "database is locked"},
                                              {"id": 3, "error": "database is locked"}])
            holder.execute("ROLLBACK")
        adapter.send({"op": "append", "id": 4, "run": 1, **entries(1)[0]})
        self.assertEqual([r["ack"] for r in adapter.get(2)], ["accepted", "durable"])
        self.assertEqual(self.stored_logs(), entries(1))

    def test_fixed_busy_handler_retries_every_millisecond(self):
        sys.path.insert(0, HERE)
        import seed  # the Database class itself: how often it tried is not on the wire

        def insert_while_held(handler):
            db = seed.Database({"database": self.database, "busyTimeoutMs": 5000, "busyHandler": handler,
                                "synchronous": "normal"})
            self.addCleanup(db.close)
            with closing(sqlite3.connect(self.database, isolation_level=None, check_same_thread=False)) as holder:
                holder.execute("BEGIN IMMEDIATE")  # held 40 ms, well within the timeout
                release = threading.Timer(0.04, holder.execute, ("ROLLBACK",))
                release.start()
                db.transaction("INSERT INTO log_entries (run_id, producer, seq, level, ts, message) "
                               "VALUES (1, ?, 0, 'info', 0, 'm')", (len(handler),))
                release.join()
            return db.retries

        # fixed: a try every millisecond (about 35 in 40 ms); backoff is busy_timeout's own sleeps.
        self.assertGreaterEqual(insert_while_held("fixed"), 10)
        self.assertEqual(insert_while_held("backoff"), 0)
        with closing(sqlite3.connect(self.database)) as db:
            self.assertEqual(db.execute("SELECT count(*) FROM log_entries").fetchone(), (2,))

    def test_log_table_stores_rows(self):
        hello, replies, _ = self.run_seed("log-table", layout="logTable")
        self.assertEqual((hello["name"], hello["layouts"]), ("seed-log-table", ["logTable"]))
        self.assert_durable(replies)
        with closing(sqlite3.connect(self.database)) as db:
            rows = db.execute("SELECT run_id, producer, seq, level, ts, message FROM log_entries ORDER BY producer")
            self.assertEqual([(1, *e.values()) for e in entries()], rows.fetchall())

    def test_bad_requests_get_errors_and_eof_exits(self):
        adapter = Adapter("seed.py", "queue")
        self.addCleanup(adapter.finish)
        adapter.send({"op": "append", "id": 5, "run": 1, **entries(1)[0]})
        self.assertEqual(adapter.get(), [{"id": 5, "error": "not open"}])
        adapter.proc.stdin.write(b"this is not json\n[1]\n")
        adapter.proc.stdin.flush()
        self.assertEqual([r["id"] for r in adapter.get(2)], [None, None])
        self.assertIn("error", adapter.call({"op": "open", "id": 6, "database": self.database, "layout": "logTable"}))
        self.assertEqual(adapter.finish(), 0)  # EOF without close

    def test_noop_answers_and_stores_nothing(self):
        adapter = Adapter("noop.py", "logTable")
        self.addCleanup(adapter.finish)
        hello = adapter.call({"op": "hello", "id": 0, "protocol": 1})
        self.assertEqual((hello["name"], hello["stores"], hello["layouts"]), ("noop", False, ["logTable"]))
        self.assertEqual(adapter.call({"op": "open", "id": 1, "database": self.database}), {"id": 1, "ok": True})
        adapter.send(*({"op": "append", "id": 2 + i, "run": 1, **e} for i, e in enumerate(entries())))
        self.assertEqual(adapter.get(20), [{"id": 2 + i, "ack": "durable"} for i in range(20)])
        self.assertEqual(adapter.call({"op": "close", "id": 99}), {"id": 99, "ok": True, "abandoned": 0})
        self.assertEqual(adapter.finish(), 0)
        self.assertEqual(self.stored_logs(), [])

    def test_unknown_mode(self):
        done = subprocess.run([sys.executable, os.path.join(HERE, "seed.py"), "nope"], capture_output=True)
        self.assertEqual((done.returncode, done.stderr.startswith(b"usage:")), (64, True))


if __name__ == "__main__":
    unittest.main()
