#!/usr/bin/env bash
# The pull-request gate: builds the head (this checkout) and its merge base, runs both builds' bench on
# this machine with their trials alternating, and gates head against base (the primary comparison:
# same machine, same minutes). Also checks budget and data loss, and compares against Baselines/ci.json
# with the cross-machine rule (advisory). Writes a Markdown summary (to $GITHUB_STEP_SUMMARY when set)
# and keeps every JSON result.
#
# Usage: Scripts/ci-gate.sh [BASE_REF]      (default: origin/$GITHUB_BASE_REF in CI, else main)
# Environment (all optional):
#   GATE_TRIALS=10                 trials per cell and side
#   GATE_STRATEGIES="queue atomic-append"   GATE_CONCURRENCY="1 2"
#   GATE_OUT=results/ci-gate-…     where results and summaries go
#   GATE_HEAD_EXTRA_ARGS="…"       extra `bench run` arguments for the head only (e.g. --inject-delay-us 1000,
#                                  to validate the gate itself)
# Exit: the gate's code: 0 pass · 2 regression or over budget · 3 data loss · 65 invalid baseline · 70 failure.
set -euo pipefail

started=$(date +%s)
root="$(git rev-parse --show-toplevel)"
cd "$root"

base_ref="${1:-}"
if [[ -z "$base_ref" ]]; then
    if [[ -n "${GITHUB_BASE_REF:-}" ]]; then base_ref="origin/${GITHUB_BASE_REF}"; else base_ref=main; fi
fi
trials="${GATE_TRIALS:-10}"
read -r -a strategies <<<"${GATE_STRATEGIES:-queue atomic-append}"
read -r -a levels <<<"${GATE_CONCURRENCY:-1 2}"
read -r -a head_extra <<<"${GATE_HEAD_EXTRA_ARGS:-}"
# The workload of Baselines/ci.json: change both together (see Baselines/README.md).
workload=(--logs-per-producer 30 --warmup 5)
out="${GATE_OUT:-$root/results/ci-gate-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"

fail() { echo "ci-gate: $*" >&2; exit 70; }

base_sha="$(git merge-base HEAD "$base_ref")" || fail "no merge base between HEAD and $base_ref"
head_sha="$(git rev-parse HEAD)"
worktree="$(mktemp -d)/base"
# shellcheck disable=SC2329  # invoked by the EXIT trap
cleanup() { git worktree remove --force "$worktree" >/dev/null 2>&1 || true; git worktree prune || true; }
trap cleanup EXIT
git worktree add --detach --quiet "$worktree" "$base_sha" || fail "cannot check out $base_sha"

# Separate scratch folders (.build-* is gitignored), so neither build disturbs the other or .build.
echo "ci-gate: building head ($head_sha) and base ($base_sha)" >&2
build_started=$(date +%s)
swift build -c release --product bench --scratch-path "$root/.build-gate-head" >"$out/build-head.log" 2>&1 \
    || { tail -20 "$out/build-head.log" >&2; fail "head build failed"; }
swift build -c release --product bench --package-path "$worktree" --scratch-path "$root/.build-gate-base" \
    >"$out/build-base.log" 2>&1 || { tail -20 "$out/build-base.log" >&2; fail "base build failed"; }
build_seconds=$(($(date +%s) - build_started))
head_bench="$root/.build-gate-head/release/bench"
base_bench="$root/.build-gate-base/release/bench"

# One trial per invocation, base and head alternating (which goes first alternates too), so drift in
# the machine hits both alike. Exit 3 (data loss) still writes the document: the gate judges it.
run_one() { # side bench round strategy level trial [extra…]
    local side=$1 bench=$2 round=$3 strategy=$4 level=$5 trial=$6
    shift 6
    local file
    file="$out/$round/$side/$(printf '%s-c%03d-t%03d' "$strategy" "$level" "$trial").json"
    local status=0
    "$bench" run --strategy "$strategy" --concurrency "$level" "${workload[@]}" --format json --output "$file" \
        "$@" 2>>"$out/$round/$side.log" || status=$?
    [[ $status -eq 0 || $status -eq 3 ]] || fail "$side bench run failed (exit $status, see $out/$round/$side.log)"
}

measure_round() { # round
    local round=$1
    mkdir -p "$out/$round/base" "$out/$round/head"
    for ((trial = 1; trial <= trials; trial++)); do
        for strategy in "${strategies[@]}"; do
            for level in "${levels[@]}"; do
                if ((trial % 2)); then
                    run_one base "$base_bench" "$round" "$strategy" "$level" "$trial"
                    run_one head "$head_bench" "$round" "$strategy" "$level" "$trial" "${head_extra[@]}"
                else
                    run_one head "$head_bench" "$round" "$strategy" "$level" "$trial" "${head_extra[@]}"
                    run_one base "$base_bench" "$round" "$strategy" "$level" "$trial"
                fi
            done
        done
    done
    for side in base head; do
        "$head_bench" merge --output "$out/$round/$side.json" "$out/$round/$side"/*.json >/dev/null \
            || fail "cannot merge the $side results of $round"
    done
}

measure_started=$(date +%s)
measure_round round1
gate_status=0
"$head_bench" check --baseline "$out/round1/base.json" --current "$out/round1/head.json" --format markdown \
    --report "$out/head-vs-base.md" >/dev/null || gate_status=$?
if [[ $gate_status -eq 2 ]]; then
    # A failing cell is measured once more; the gate fails only if it fails again.
    echo "ci-gate: head vs base failed once; measuring again" >&2
    measure_round round2
    gate_status=0
    "$head_bench" check --baseline "$out/round1/base.json" --current "$out/round1/head.json" \
        --baseline-retry "$out/round2/base.json" --current-retry "$out/round2/head.json" --format markdown \
        --report "$out/head-vs-base.md" --force >/dev/null || gate_status=$?
fi

# Against the committed baseline: usually another machine, so normalized times and warnings only;
# data loss and an unreadable baseline still fail.
ci_status=0
"$head_bench" check --baseline Baselines/ci.json --current "$out/round1/head.json" --cross-machine warn \
    --allow-missing --format markdown --report "$out/head-vs-ci-baseline.md" >/dev/null || ci_status=$?
measure_seconds=$(($(date +%s) - measure_started))

final=$gate_status
if [[ $final -eq 0 && ($ci_status -eq 3 || $ci_status -eq 65 || $ci_status -eq 70) ]]; then final=$ci_status; fi

{
    echo "## LogBench gate: exit $final"
    echo
    echo "head \`$head_sha\` vs merge base \`$base_sha\` · $trials alternating trials per cell and side ·"
    echo "strategies ${strategies[*]} · concurrency ${levels[*]} · ${workload[*]} · head extra: ${head_extra[*]:-none}"
    echo "· builds ${build_seconds}s, measurements and checks ${measure_seconds}s, total $(($(date +%s) - started))s"
    echo
    echo "### Head vs base (same machine, primary: exit $gate_status)"
    echo
    cat "$out/head-vs-base.md"
    echo
    echo "### Head vs Baselines/ci.json (advisory unless data loss: exit $ci_status)"
    echo
    cat "$out/head-vs-ci-baseline.md"
    echo
    echo "_Closed-loop load: each producer waits for its own acknowledgement. JSON results: \`$out\`._"
} >"$out/summary.md"
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then cat "$out/summary.md" >>"$GITHUB_STEP_SUMMARY"; fi
cat "$out/summary.md"
exit "$final"
