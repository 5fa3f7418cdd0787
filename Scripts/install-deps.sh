#!/usr/bin/env bash
# Installs the C libraries LogBench links (SQLite, jemalloc, simdjson and libpq headers) and the PostgreSQL
# server Scripts/with-postgres.sh runs, when they are missing.
# Idempotent: does nothing when pkg-config finds the libraries and a server is installed.
# (Debian's postgresql package also creates, and may start, a system cluster "main" on port 5432;
# LogBench never uses it: with-postgres.sh runs a private cluster on another port.)
set -euo pipefail

missing=()
pkg-config --exists sqlite3 2>/dev/null || missing+=(libsqlite3-dev)
pkg-config --exists jemalloc 2>/dev/null || missing+=(libjemalloc-dev)
pkg-config --exists libpq 2>/dev/null || missing+=(libpq-dev)
# The server binaries (Debian 12: /usr/lib/postgresql/15/bin) and the `postgres` user it runs as.
if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || ! id -u postgres >/dev/null 2>&1; then
    missing+=(postgresql)
fi
pkg-config --exists simdjson 2>/dev/null || missing+=(libsimdjson-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
