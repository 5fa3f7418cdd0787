#!/usr/bin/env bash
# Validates the gate itself: N same-build checks against Baselines/ci.json (A/A, expected exit 0) and
# N checks with --inject-delay-us DELAY (expected exit 2). Prints each exit code and the counts.
# Usage: Scripts/validate-gate.sh [BENCH] [N] [DELAY_US]
set -uo pipefail
bench="${1:-.build/release/bench}"
runs="${2:-20}"
delay="${3:-1000}"
config=(--baseline Baselines/ci.json --strategy queue --strategy atomic-append --concurrency-levels "1,2"
    --logs-per-producer 30 --warmup 5 --trials 10)
out="${GATE_OUT:-results/validate-gate-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
declare -A counts=()
for kind in aa delay; do
    for ((i = 1; i <= runs; i++)); do
        extra=()
        [[ $kind == delay ]] && extra=(--inject-delay-us "$delay")
        status=0
        "$bench" check "${config[@]}" "${extra[@]}" >"$out/$kind-$i.txt" 2>&1 || status=$?
        counts["$kind:$status"]=$((${counts["$kind:$status"]:-0} + 1))
        echo "$kind run $i: exit $status"
    done
done
for key in "${!counts[@]}"; do echo "count $key = ${counts[$key]}"; done | sort
