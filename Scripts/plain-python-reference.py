#!/usr/bin/env python3
"""The same append workload written plainly in CPython, to run beside `bench` (issue: a harness
must be faster than the thing it models). 20 threads x 50 entries into one run's JSON array, WAL,
synchronous=NORMAL, the entry shape LogBench uses. Writers that meet SQLite's lock retry every millisecond,
as LogBench's default `--busy-handler fixed` does (Python's sqlite3 offers only busy_timeout's growing sleeps).
Prints logs/s per design; no audit beyond a count.

    python3 Scripts/plain-python-reference.py [concurrency] [logs_per_producer]
"""
import fcntl, json, os, queue, sqlite3, sys, tempfile, threading, time

C = int(sys.argv[1]) if len(sys.argv) > 1 else 20
K = int(sys.argv[2]) if len(sys.argv) > 2 else 50
MSG = "x" * 64


def entry(p, s):
    return {"producer": p, "seq": s, "level": ["info", "warn", "error"][s % 3], "ts": time.time_ns(), "message": MSG}


def connect(path, timeout=5):
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def locked(db, sql, params=()):
    """Runs a statement that takes SQLite's write lock, retrying every 1 ms while another holds it."""
    while True:
        try:
            return db.execute(sql, params)
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.001)


def rmw(db, entries):
    logs = json.loads(db.execute("SELECT logs FROM runs WHERE id = 1").fetchone()[0])
    logs.extend(entries)
    db.execute("UPDATE runs SET logs = ? WHERE id = 1", (json.dumps(logs),))


def run(design, folder):
    path = os.path.join(folder, f"{design}.db")
    admin = connect(path)
    admin.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, logs TEXT NOT NULL DEFAULT '[]')")
    admin.execute("INSERT INTO runs (id) VALUES (1)")
    q, stop = queue.Queue(), object()

    def consumer(batch):
        db = connect(path)
        while True:
            items = [q.get()]
            while batch and not q.empty():
                items.append(q.get_nowait())
            live = [i for i in items if i is not stop]
            if live:
                if batch:
                    db.execute("BEGIN IMMEDIATE")
                rmw(db, [e for e, _ in live])
                if batch:
                    db.execute("COMMIT")
                for _, done in live:
                    done.set()
            if len(live) < len(items):
                return

    def producer(p):
        db = connect(path, timeout=0) if design not in ("queue", "queue-batch") else None
        lock = open(os.path.join(folder, "run.lock"), "w") if design == "lock" else None
        for s in range(K):
            e = entry(p, s)
            if design in ("queue", "queue-batch"):
                done = threading.Event()
                q.put((e, done))
                done.wait()
            elif design == "transaction":
                locked(db, "BEGIN IMMEDIATE")
                rmw(db, [e])
                db.execute("COMMIT")
            elif design == "lock":
                fcntl.flock(lock, fcntl.LOCK_EX)
                rmw(db, [e])
                fcntl.flock(lock, fcntl.LOCK_UN)
            elif design == "atomic-append":
                locked(db, "UPDATE runs SET logs = json_insert(logs, '$[#]', json(?)) WHERE id = 1", (json.dumps(e),))

    worker = None
    if design in ("queue", "queue-batch"):
        worker = threading.Thread(target=consumer, args=(design == "queue-batch",))
        worker.start()
    threads = [threading.Thread(target=producer, args=(p,)) for p in range(C)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if worker:
        q.put(stop)
        worker.join()
    stored = len(json.loads(admin.execute("SELECT logs FROM runs WHERE id = 1").fetchone()[0]))
    print(f"{design:14} {C * K / elapsed:9.0f} logs/s  stored {stored}/{C * K}")


with tempfile.TemporaryDirectory() as folder:
    for design in ("queue", "queue-batch", "transaction", "lock", "atomic-append"):
        run(design, folder)
