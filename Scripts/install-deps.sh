#!/usr/bin/env bash
# The one list of Debian packages LogBench needs, and their installer. Everything that installs
# packages for LogBench (.ci/run, the pull-request workflow) calls this script; a test fails when the
# workflow installs packages any other way.
#
# Usage: Scripts/install-deps.sh [--gate] [--list]
#   (no option)  everything: build libraries, PostgreSQL server, git, CI tools
#   --gate       what the pull-request gate job needs on a bare swift image: build libraries, git,
#                and curl and jq for the pull-request comment
#   --list       print the group's packages, one per line, installed or not, and install nothing
# Idempotent: installs only what is missing. Exit 64 on an unknown option.
# (Debian's postgresql package also creates, and may start, a system cluster "main" on port 5432;
# LogBench never uses it: with-postgres.sh runs a private cluster on another port.)
set -euo pipefail

gate=false list=false
for argument in "$@"; do
    case "$argument" in
        --gate) gate=true ;;
        --list) list=true ;;
        *)
            echo "install-deps: unknown option \"$argument\" (use --gate, --list)" >&2
            exit 64
            ;;
    esac
done

# Each package with the check that says it is already there.
declare -A present=(
    # Build: the C libraries the modules link (CSQLite, CJemalloc, CLibPQ, CLogCodec) and pkg-config.
    [libsqlite3-dev]='pkg-config --exists sqlite3'
    [libjemalloc-dev]='pkg-config --exists jemalloc'
    [libpq-dev]='pkg-config --exists libpq'
    [libsimdjson-dev]='pkg-config --exists simdjson'
    [pkg-config]='command -v pkg-config'
    # The gate compares a pull request with its merge base: git, and certificates to fetch.
    [git]='command -v git'
    [ca-certificates]='test -s /etc/ssl/certs/ca-certificates.crt'
    # Scripts/pr-comment.sh: the pull-request comment through GitHub's REST API.
    [curl]='command -v curl'
    [jq]='command -v jq'
    # The PostgreSQL server binaries (Debian 12: /usr/lib/postgresql/15/bin) and its `postgres` user.
    [postgresql]='compgen -G "/usr/lib/postgresql/*/bin/postgres" && id -u postgres'
    # Scripts/run-workflow-steps.sh reads the workflow's YAML.
    [python3-yaml]='python3 -c "import yaml"'
)
build=(libsqlite3-dev libjemalloc-dev libpq-dev libsimdjson-dev pkg-config)
if $gate; then
    packages=("${build[@]}" git ca-certificates curl jq)
else
    packages=("${build[@]}" git ca-certificates curl jq postgresql python3-yaml)
fi

if $list; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    bash -c "${present[$package]}" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
