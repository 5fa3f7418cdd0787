#!/usr/bin/env bash
# Installs the C/C++ libraries LogBench links (SQLite, jemalloc and simdjson headers) when they are
# missing. Idempotent: does nothing when pkg-config already finds all three.
set -euo pipefail

missing=()
pkg-config --exists sqlite3 2>/dev/null || missing+=(libsqlite3-dev)
pkg-config --exists jemalloc 2>/dev/null || missing+=(libjemalloc-dev)
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
