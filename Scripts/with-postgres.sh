#!/usr/bin/env bash
# Usage: Scripts/with-postgres.sh CMD [ARG …]
#
# Runs CMD against a private, throwaway PostgreSQL 15 cluster and removes the cluster afterwards.
# (Server binaries: /usr/lib/postgresql/15/bin, else the newest /usr/lib/postgresql/*/bin, or
# LOGBENCH_PG_BIN.)
#
# - The cluster lives in a fresh folder /tmp/logbench-pg.XXXXXX: data in data/, the unix socket
#   and server.log beside it. It listens on that socket and on 127.0.0.1 only, on a free port.
# - The server refuses to run as root: as root (CI), initdb, pg_ctl and createdb run as the
#   `postgres` user the Debian package creates (runuser), and the folder is chowned to it; as any
#   other user, the cluster is that user's. CMD always runs as the invoking user.
# - Database `logbench`, superuser `postgres`. CMD gets
#     LOGBENCH_DATABASE_URL      postgresql:///logbench?host=<folder>&port=<port>&user=postgres
#                                (unix socket, trust: the folder is private to the server's user)
#     LOGBENCH_DATABASE_TCP_URL  postgresql://postgres:<random password>@127.0.0.1:<port>/logbench
#                                (the TCP alternative, scram-sha-256)
# - Settings (override through the environment): fsync and synchronous_commit on (durable commits,
#   like SQLite's synchronous=FULL; set LOGBENCH_PG_FSYNC=off / LOGBENCH_PG_SYNCHRONOUS_COMMIT=off
#   to measure without flushes), shared_buffers 128MB, max_connections 300 (workloads use 50+
#   producers, each with its own connection, plus the harness's).
# - Exit status: CMD's. The cluster is stopped and its folder removed on every exit path, Ctrl-C
#   and SIGTERM/SIGHUP included (the signal is forwarded to CMD, which is waited for first).
# - Exit 69 (EX_UNAVAILABLE) with one line naming the package when PostgreSQL 15 or the `postgres`
#   user is missing: `apt-get install postgresql` (Scripts/install-deps.sh installs it).
set -euo pipefail

me=with-postgres.sh
if [ $# -eq 0 ]; then
    echo "usage: $me CMD [ARG ...]" >&2
    exit 64
fi

# PostgreSQL 15 (Debian 12's), else the newest major version installed (Ubuntu ships others).
bin=${LOGBENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ -z "${LOGBENCH_PG_BIN:-}" ] && [ ! -x "$bin/postgres" ]; then
    newest=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$newest" ]; then bin=$(dirname "$newest"); fi
fi
fsync=${LOGBENCH_PG_FSYNC:-on}
synchronous_commit=${LOGBENCH_PG_SYNCHRONOUS_COMMIT:-on}
shared_buffers=${LOGBENCH_PG_SHARED_BUFFERS:-128MB}
max_connections=${LOGBENCH_PG_MAX_CONNECTIONS:-300}
# Only the documented forms reach postgresql.conf: a value cannot add a line (listen_addresses = '*').
case $fsync in on | off) ;; *) echo "$me: LOGBENCH_PG_FSYNC must be on or off" >&2; exit 64 ;; esac
case $synchronous_commit in on | off | local | remote_write | remote_apply) ;;
*) echo "$me: LOGBENCH_PG_SYNCHRONOUS_COMMIT must be on, off, local, remote_write or remote_apply" >&2; exit 64 ;;
esac
[[ $shared_buffers =~ ^[0-9]{1,7}(kB|MB|GB)?$ ]] ||
    { echo "$me: LOGBENCH_PG_SHARED_BUFFERS must be a size like 128MB" >&2; exit 64; }
[[ $max_connections =~ ^[0-9]{1,5}$ ]] && ((10#$max_connections >= 1)) ||
    { echo "$me: LOGBENCH_PG_MAX_CONNECTIONS must be a whole number from 1 to 99999" >&2; exit 64; }

for tool in initdb pg_ctl postgres pg_isready createdb; do
    if [ ! -x "$bin/$tool" ]; then
        echo "$me: $bin/$tool not found: install the Debian package postgresql (PostgreSQL 15)" >&2
        exit 69
    fi
done
if ! command -v setsid >/dev/null 2>&1; then
    echo "$me: setsid not found: install the Debian package util-linux" >&2
    exit 69
fi
if [ "$(id -u)" -eq 0 ]; then
    if ! id -u postgres >/dev/null 2>&1; then
        echo "$me: no 'postgres' user to run the server as (it refuses root): install the Debian package postgresql" >&2
        exit 69
    fi
    if ! command -v runuser >/dev/null 2>&1; then
        echo "$me: runuser not found: install the Debian package util-linux" >&2
        exit 69
    fi
fi

base=""
data=""
child=""
server=""

# Runs a server-side tool as the server's user, from the cluster folder (root's home is not
# readable by postgres, and the tools complain about an unreadable working directory).
as_server() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$base" && runuser -u postgres -- "$@")
    else
        (cd "$base" && "$@")
    fi
}

# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
        kill -TERM "$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
    fi
    stop_server
    if [ -n "$base" ]; then rm -rf "$base"; fi
    exit "$status"
}

# Fast shutdown (clients disconnected, no crash recovery needed), then immediate, then SIGKILL;
# the server is this script's child, so it is reaped here and leaves no zombie behind.
stop_server() {
    if [ -z "$server" ]; then return 0; fi
    if kill -0 "$server" 2>/dev/null; then
        as_server "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
            as_server "$bin/pg_ctl" -D "$data" -m immediate -w -t 10 stop >/dev/null 2>&1 ||
            kill -KILL "$server" 2>/dev/null || true
    fi
    wait "$server" 2>/dev/null || true
    server=""
}

# Before CMD runs, a signal ends the script (and the EXIT trap cleans up); afterwards it is
# forwarded to CMD, whose exit the main loop below still waits for.
# shellcheck disable=SC2317 # invoked by the INT/TERM/HUP traps
on_signal() {
    local signal=$1 number=$2
    if [ -n "$child" ]; then
        kill -s "$signal" "$child" 2>/dev/null || true
    else
        exit $((128 + number))
    fi
}
trap cleanup EXIT
trap 'on_signal INT 2' INT
trap 'on_signal TERM 15' TERM
trap 'on_signal HUP 1' HUP

base=$(mktemp -d /tmp/logbench-pg.XXXXXX)
data=$base/data
password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" >"$base/password"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$base" "$base/password"; fi

if ! as_server "$bin/initdb" -D "$data" --username=postgres --pwfile="$base/password" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C --no-sync >"$base/initdb.log" 2>&1; then
    echo "$me: initdb failed:" >&2
    cat "$base/initdb.log" >&2
    exit 70
fi
rm -f "$base/password"
cat >>"$data/postgresql.conf" <<EOF

# LogBench's private cluster (Scripts/with-postgres.sh); the port is given to pg_ctl.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$base'
max_connections = $max_connections
shared_buffers = '$shared_buffers'
fsync = $fsync
synchronous_commit = $synchronous_commit
logging_collector = off
EOF

# Starts the postmaster in the background on port $1 and waits until it accepts connections.
# It runs in its own session (setsid), so a Ctrl-C meant for CMD does not shut it down under CMD's
# feet, yet stays this script's child (pg_ctl start would hand it to PID 1, to be reaped whenever).
start_server() {
    local port=$1
    local run_as=()
    if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi
    (cd "$base" && exec setsid "${run_as[@]}" "$bin/postgres" -D "$data" -p "$port") \
        </dev/null >>"$base/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 600); do
        if "$bin/pg_isready" -q -h "$base" -p "$port"; then return 0; fi
        if ! kill -0 "$server" 2>/dev/null; then
            wait "$server" 2>/dev/null || true
            server=""
            return 1
        fi
        sleep 0.1
    done
    stop_server
    return 1
}

# A free loopback port: a random one, skipped when something answers on it, retried when the
# server cannot bind it (taken between the check and the start).
port=""
for _ in $(seq 1 20); do
    candidate=$((20000 + RANDOM % 40000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then continue; fi
    if start_server "$candidate"; then
        port=$candidate
        break
    fi
    if ! grep -q -e "Address already in use" -e "could not create any TCP/IP sockets" "$base/server.log"; then
        break
    fi
    : >"$base/server.log"
done
if [ -z "$port" ]; then
    echo "$me: the server did not start:" >&2
    tail -n 20 "$base/server.log" >&2 || true
    exit 70
fi
as_server "$bin/createdb" -h "$base" -p "$port" -U postgres logbench

export LOGBENCH_DATABASE_URL="postgresql:///logbench?host=$base&port=$port&user=postgres"
export LOGBENCH_DATABASE_TCP_URL="postgresql://postgres:$password@127.0.0.1:$port/logbench"
echo "$me: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $base (port $port)" >&2

# CMD runs asynchronously so this shell can take signals while it runs; `trap - INT QUIT` undoes
# the SIGINT/SIGQUIT ignoring bash gives asynchronous commands, and `<&0` keeps the terminal as
# its standard input instead of /dev/null.
(
    trap - INT QUIT
    exec "$@"
) <&0 &
child=$!
status=0
while :; do
    if wait "$child"; then status=0; else status=$?; fi
    # wait also returns when a trapped signal arrives; CMD is done only once it is reaped.
    if ! kill -0 "$child" 2>/dev/null; then break; fi
done
child=""
exit "$status"
