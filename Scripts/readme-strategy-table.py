#!/usr/bin/env python3
"""The README's measured table of every SQLite design at c=20, from runs of this checkout.

Usage: Scripts/readme-strategy-table.py [BENCH] [TRIALS=3] [--json-dir DIR]

Runs `BENCH --strategy S --concurrency 20 --trials TRIALS --format json` for each design (the
default run: rounds until the throughput is known to ±2.5 %, 1 to 3 s), keeps each document in DIR (default: a temporary
folder, printed), and prints the Markdown table: stored / sent summed over trials, medians of the
trials for the rest, and the two largest phases' shares of the mean latency.
"""
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

DESIGNS = ["none", "queue", "queue-batch", "transaction", "log-table", "log-table-batch", "lock", "atomic-append"]


def duration(ns):
    if abs(ns) >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    return f"{ns / 1e3:.1f} µs"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--json-dir")]
    bench = args[0] if args else ".build/release/bench"
    trials = int(args[1]) if len(args) > 1 else 3
    folder = Path(next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--json-dir=")), tempfile.mkdtemp()))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"documents in {folder}", file=sys.stderr)
    rows = []
    for design in DESIGNS:
        path = folder / f"{design}.json"
        run = subprocess.run(
            [bench, "--strategy", design, "--concurrency", "20", "--trials", str(trials), "--format", "json",
             "--output", str(path), "--force"], capture_output=True, text=True)
        if run.returncode not in (0, 2, 3):
            sys.exit(f"{design}: exit {run.returncode}: {run.stderr.strip()}")
        cells = [c for c in json.loads(path.read_text())["cells"] if c["role"] == "measured"]
        stored = sum(c["audit"]["stored"] for c in cells)
        sent = sum(c["audit"]["expected"] for c in cells)
        median = lambda f: statistics.median(f(c) for c in cells)
        rounds = median(lambda c: c.get("rounds") or 1)
        phases = cells[0].get("phasesNs") or {}
        mean_latency = median(lambda c: c["latencyNs"]["mean"])
        shares = sorted(((statistics.median(c["phasesNs"][p]["mean"] for c in cells), p) for p in phases), reverse=True)
        where = ", ".join(f"{p} {100 * v / mean_latency:.0f} %" for v, p in shares[:2]) if mean_latency else ""
        overhead = median(lambda c: (c.get("overheadNs") or {}).get("mean", 0))
        rows.append(
            f"| `{design}` | {stored} / {sent} | {rounds:g} | {median(lambda c: c['throughputPerSec']):.0f} logs/s "
            f"±{100 * median(lambda c: c.get('roundsThroughputHalfWidth') or 0):.1f} % "
            f"| {duration(median(lambda c: c['latencyNs']['p50']))} | {duration(median(lambda c: c['latencyNs']['p99']))} "
            f"| {'+' if overhead >= 0 else ''}{duration(overhead)} "
            f"| {median(lambda c: c['memory'].get('allocationsPerLog') or 0):.0f} | {where} |")
    print(f"| strategy | stored / sent ({trials} trials) | rounds (median) | throughput (± rounds' 95 % interval) | p50 | p99 "
          "| overhead (mean) vs serial reference | allocations/log | where the mean goes |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
