#!/usr/bin/env bash
# Usage: Scripts/with-postgres.sh Scripts/pgbench-side-by-side.sh [BENCH] [PAIRS=3] [CLIENTS=20]
#
# LogBench's default PostgreSQL `log-table` run beside pgbench doing the same work on the same server:
# CLIENTS connections, each INSERTing one entry per transaction (autocommit) into a table with
# log_entries' columns and unique key, prepared statements (-M prepared), a 64-byte message. The
# two alternate PAIRS times so both meet the same server and disk. pgbench runs two ways: for as long
# as LogBench's measured window (-T, at least 1 s: the steady state), and in LogBench's round shape
# (-t K, K the entries each producer sends a round: 500 by default, ten runs of 50 in turn; each
# client sends K and the run ends with the slowest, 10 times, tps per run as pgbench prints it
# without connection time; the median). Prints each side's rate and the medians; LogBench's
# rate twice: over its rounds, and while all its producers were sending (its "all busy" line, the
# figure that corresponds to -T).
set -euo pipefail

bench=${1:-.build/release/bench}
pairs=${2:-3}
clients=${3:-20}
: "${LOGBENCH_DATABASE_URL:?run under Scripts/with-postgres.sh}"
pgbin=${LOGBENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

psql_url=$LOGBENCH_DATABASE_URL
psql=$(command -v psql || echo "$pgbin/psql")
"$psql" -q "$psql_url" -v ON_ERROR_STOP=1 -c "
    DROP TABLE IF EXISTS side_by_side;
    CREATE TABLE side_by_side (id BIGSERIAL PRIMARY KEY, run_id BIGINT NOT NULL, producer BIGINT NOT NULL,
        seq BIGINT NOT NULL, level TEXT NOT NULL, ts BIGINT NOT NULL, message TEXT NOT NULL,
        UNIQUE (run_id, producer, seq));"
# Unique keys per transaction: the client id and a random seq in a huge range (collisions are
# vanishingly rare; one would abort that transaction and show in pgbench's failed count).
cat > "$scratch/insert.sql" <<'SQL'
\set seq random(1, 9000000000000)
INSERT INTO side_by_side (run_id, producer, seq, level, ts, message) VALUES (1, :client_id, :seq, 'info', :seq, 'a "quoted" message \\ with a path /var/log/x and ünïcode…');
SQL

bench_rates=()
pg_rates=()
shaped_rates=()
busy_rates=()
for pair in $(seq 1 "$pairs"); do
    json=$("$bench" --engine postgres --strategy log-table --concurrency "$clients" --no-reference --format json)
    read -r rate window busy perround < <(printf '%s' "$json" | python3 -c '
import json, sys
cell = next(c for c in json.load(sys.stdin)["cells"] if c["role"] == "measured")
print(cell["throughputPerSec"], cell["wallTimeNs"] / 1e9, cell.get("allBusyThroughputPerSec", 0),
      cell["workload"]["logsPerProducer"])')
    seconds=$(python3 -c "import math; print(max(1, math.ceil($window)))")
    pg=$("$pgbin/pgbench" -n -M prepared -c "$clients" -j 2 -T "$seconds" -f "$scratch/insert.sql" "$psql_url" 2>&1 |
        sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
    shaped=$(for _ in $(seq 1 10); do
        "$pgbin/pgbench" -n -M prepared -c "$clients" -j 2 -t "$perround" -f "$scratch/insert.sql" "$psql_url" 2>&1 |
            sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1
    done | sort -n | sed -n '5p')
    printf 'pair %d: bench %.0f logs/s (%.2f s measured), %.0f all busy · pgbench %.0f tps (-T %d) · %.0f tps (-t %d, median of 10)\n' \
        "$pair" "$rate" "$window" "$busy" "$pg" "$seconds" "$shaped" "$perround"
    bench_rates+=("$rate")
    busy_rates+=("$busy")
    pg_rates+=("$pg")
    shaped_rates+=("$shaped")
done
python3 - "${bench_rates[*]}" "${pg_rates[*]}" "${shaped_rates[*]}" "${busy_rates[*]}" <<'PY'
import statistics, sys
bench, pg, shaped, busy = ([float(x) for x in arg.split()] for arg in sys.argv[1:5])
b, p, s, a = statistics.median(bench), statistics.median(pg), statistics.median(shaped), statistics.median(busy)
print(f"medians: bench {b:.0f} logs/s · pgbench -T {p:.0f} tps (ratio {b / p:.2f}) · pgbench -t (a round) {s:.0f} tps (ratio {b / s:.2f})")
print(f"all busy: bench {a:.0f} logs/s while all producers were sending · pgbench -T {p:.0f} tps (ratio {a / p:.2f})")
PY
