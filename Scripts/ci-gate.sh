#!/usr/bin/env bash
# shellcheck disable=SC2317,SC2329  # write_summary, annotate and finish run from the EXIT trap
# The pull-request gate: builds the head (this checkout) and its merge base, runs both builds' bench on
# this machine with their trials alternating, and gates head against base (the primary comparison:
# same machine, same minutes). Also checks budget and data loss, and compares against Baselines/ci.json
# with the cross-machine rule (advisory). Writes a Markdown summary (to $GITHUB_STEP_SUMMARY when set)
# on every exit path, and keeps every JSON result.
#
# Usage: Scripts/ci-gate.sh [BASE_REF]      (default: origin/$GITHUB_BASE_REF in CI, else main)
# Environment (all optional; each value is checked before anything is built, exit 64 when invalid):
#   GATE_TRIALS=10                 trials per cell and side (1…1000); too few to reach α = 0.01 with
#                                  Holm over a strategy's cells: exit 64 (left out: raised and said so)
#   GATE_STRATEGIES="queue queue-batch transaction log-table log-table-batch lock atomic-append"
#                                  every design (default); `none`, the reference, is measured in every
#                                  run anyway and loses entries by design, so it is not gated
#   GATE_CONCURRENCY="1 4"         producer counts (1…4096). 1: the design's own cost per call, where
#                                  the budget and regression rules read cleanly; 4: two producers per
#                                  core on a 2-core runner, so a producer is often preempted inside a
#                                  read-modify-write and a broken exclusion loses entries (`none`
#                                  lost 25–33% of them there in three runs of 30 logs), and lock
#                                  waits show in latency
#   GATE_OUT=results/ci-gate-…     where results and summaries go: must not exist or be an empty folder
#                                  (an existing non-empty one is refused with exit 64, never reused)
#   GATE_BASELINE=Baselines/ci.json   the committed baseline compared against (advisory)
#   GATE_HEAD_EXTRA_ARGS="…"       extra `bench run` options for the head only, from a fixed list
#                                  (--inject-delay-us N validates the gate itself)
# Exit: 0 pass · 2 regression, over budget or blind · 3 data loss · 64 bad value · 65 invalid baseline ·
#       70 failure (build, run). Temporary folders are removed on every exit path.
set -euo pipefail

started=$(date +%s)
final=""    # the exit status, once decided
reason=""   # one line saying why, when not a plain verdict
out=""      # results folder (created by this script)
build_log="" # the build log to quote in the summary when a build failed
head_sha="" base_sha="" build_seconds="" measure_seconds="" gate_status="" ci_status=""
trials="" strategies=() levels=() head_extra=() workload=()
tmp_parent="$(mktemp -d)"
worktree=""

# The strategies bench knows (StrategyRegistry.names; a test keeps this list in step).
known_strategies=(none queue queue-batch transaction log-table log-table-batch lock atomic-append)
# `bench run` options GATE_HEAD_EXTRA_ARGS may carry, with the kind of value each takes.
declare -A extra_kinds=([--inject-delay-us]=uint [--warmup]=uint [--message-bytes]=uint [--busy-timeout-ms]=uint
    [--seed]=uint [--synchronous]=sync [--mode]=mode)

write_summary() {
    local file="$tmp_parent/summary.md"
    {
        echo "## LogBench gate: exit $final"
        echo
        if [[ -n "$reason" ]]; then
            echo "**$reason**"
            echo
        fi
        if [[ -n "$head_sha" ]]; then
            echo "head \`$head_sha\` vs merge base \`${base_sha:-?}\` · ${trials:-?} alternating trials per cell and side ·"
            echo "strategies ${strategies[*]:-?} · concurrency ${levels[*]:-?} · ${workload[*]:-} ·" \
                "head extra: ${head_extra[*]:-none}"
            echo "· builds ${build_seconds:-?}s, measurements and checks ${measure_seconds:-?}s," \
                "total $(($(date +%s) - started))s"
            echo
        fi
        if [[ -n "$build_log" && -f "$build_log" ]]; then
            echo "### Build failure (last lines of \`$(basename "$build_log")\`)"
            echo
            echo '```'
            tail -30 "$build_log"
            echo '```'
            echo
        fi
        if [[ -n "$out" && -f "$out/head-vs-base.md" ]]; then
            echo "### Head vs base (same machine, primary: exit ${gate_status:-?})"
            echo
            cat "$out/head-vs-base.md"
            echo
        fi
        if [[ -n "$out" && -f "$out/head-vs-ci-baseline.md" ]]; then
            echo "### Head vs ${baseline:-Baselines/ci.json} (advisory unless data loss: exit ${ci_status:-?})"
            echo
            cat "$out/head-vs-ci-baseline.md"
            echo
        fi
        echo "_Closed-loop load: each producer waits for its own acknowledgement.${out:+ JSON results: \`$out\`.}_"
    } >"$file"
    if [[ -n "$out" && -d "$out" ]]; then cp "$file" "$out/summary.md"; fi
    if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then cat "$file" >>"$GITHUB_STEP_SUMMARY" || true; fi
    cat "$file"
}

# One ::error:: annotation per failing cell (and one for the reason), when running in GitHub Actions;
# ::warning:: for the advisory comparison with the committed baseline (except data loss).
# A workflow command's data: %, CR and LF encoded, so a value can neither end the command nor start
# another (`::` on a line of its own).
command_data() {
    local text=${1//%/%25}
    text=${text//$'\r'/%0D}
    printf '%s' "${text//$'\n'/%0A}"
}

annotate() {
    [[ "${GITHUB_ACTIONS:-}" == true ]] || return 0
    local line
    if [[ -n "$reason" && "$final" != 0 ]]; then echo "::error title=LogBench gate::$(command_data "$reason")"; fi
    local report level rule
    for report in "$out/head-vs-base.json" "$out/head-vs-ci-baseline.json"; do
        [[ -n "$out" && -f "$report" ]] || continue
        # The failures of `bench check --format json`, one "rule<TAB>line" each (no Markdown is parsed).
        while IFS=$'\t' read -r rule line; do
            # Against the committed baseline only data loss blocks: the rest is advisory.
            level=error
            [[ "$report" == *ci-baseline* && "$rule" != "data loss" ]] && level=warning
            echo "::$level title=LogBench gate ($(basename "$report" .json))::$(command_data "$line")"
        done < <(python3 - "$report" <<'PY' || true
import json, sys
for finding in json.load(open(sys.argv[1], encoding="utf-8")).get("findings") or []:
    if finding["severity"] == "FAIL":
        cell = f" {finding['cell']}:" if finding.get("cell") else ""
        line = f"FAIL [{finding['rule']}]{cell} {finding['message']}"
        print(finding["rule"].replace("\t", " ") + "\t" + line.replace("\n", " ").replace("\t", " "))
PY
)
    done
}

finish() {
    local status=$?
    trap - EXIT
    set +e
    if [[ -z "$final" ]]; then
        final=$status
        [[ -n "$reason" ]] || reason="ci-gate stopped unexpectedly (exit $status)"
    fi
    case "$final" in 0 | 2 | 3 | 64 | 65 | 70) ;; *) final=70 ;; esac
    write_summary
    annotate
    if [[ -n "$worktree" ]]; then git worktree remove --force "$worktree" >/dev/null 2>&1; git worktree prune; fi
    rm -rf "$tmp_parent"
    exit "$final"
}
trap finish EXIT
trap 'final=70; reason="interrupted"; exit 70' INT TERM

stop() { # status message
    final=$1
    reason="$2"
    echo "ci-gate: $2" >&2
    exit "$1"
}
usage() { stop 64 "$*"; }
fail() { stop 70 "$*"; }

is_uint() { [[ "$1" =~ ^[0-9]{1,7}$ ]]; } # digits only: never evaluated before this check
in_list() {
    local word=$1
    shift
    local item
    for item in "$@"; do [[ "$item" == "$word" ]] && return 0; done
    return 1
}

# --- Every environment value checked before use (nothing built yet) ---------------------------------
root="$(git rev-parse --show-toplevel)" || fail "not inside a git checkout"
cd "$root"

base_ref="${1:-}"
if [[ -z "$base_ref" ]]; then
    if [[ -n "${GITHUB_BASE_REF:-}" ]]; then base_ref="origin/${GITHUB_BASE_REF}"; else base_ref=main; fi
fi
[[ "$base_ref" =~ ^[A-Za-z0-9._/@~^-]{1,200}$ && "$base_ref" != -* ]] \
    || usage "base ref \"$base_ref\" is not a plain git ref name"

read -r -a strategies <<<"${GATE_STRATEGIES:-queue queue-batch transaction log-table log-table-batch lock atomic-append}"
((${#strategies[@]} > 0)) || usage "GATE_STRATEGIES is empty"
seen=()
for s in "${strategies[@]}"; do
    in_list "$s" "${known_strategies[@]}" || usage "GATE_STRATEGIES: \"$s\" is not one of: ${known_strategies[*]}"
    ((${#seen[@]} == 0)) || ! in_list "$s" "${seen[@]}" || usage "GATE_STRATEGIES: \"$s\" is given twice"
    seen+=("$s")
done

read -r -a raw_levels <<<"${GATE_CONCURRENCY:-1 4}"
((${#raw_levels[@]} > 0)) || usage "GATE_CONCURRENCY is empty"
for level in "${raw_levels[@]}"; do
    is_uint "$level" || usage "GATE_CONCURRENCY: \"$level\" is not a whole number"
    level=$((10#$level))
    ((level >= 1 && level <= 4096)) || usage "GATE_CONCURRENCY: $level is outside 1…4096"
    ((${#levels[@]} == 0)) || ! in_list "$level" "${levels[@]}" || usage "GATE_CONCURRENCY: $level is given twice"
    levels+=("$level")
done

read -r -a raw_extra <<<"${GATE_HEAD_EXTRA_ARGS:-}"
for ((i = 0; i < ${#raw_extra[@]}; i += 2)); do
    flag="${raw_extra[i]}"
    value="${raw_extra[i + 1]:-}"
    [[ "$flag" =~ ^--[a-z][a-z-]{0,40}$ ]] || usage "GATE_HEAD_EXTRA_ARGS: \"$flag\" is not an option name"
    kind="${extra_kinds[$flag]:-}"
    [[ -n "$kind" ]] || usage "GATE_HEAD_EXTRA_ARGS: \"$flag\" is not one of: ${!extra_kinds[*]}"
    case "$kind" in
        uint) is_uint "$value" || usage "GATE_HEAD_EXTRA_ARGS: $flag needs a whole number (got \"$value\")" ;;
        sync) in_list "$value" off normal full || usage "GATE_HEAD_EXTRA_ARGS: $flag off|normal|full (got \"$value\")" ;;
        mode) in_list "$value" threads processes tasks \
            || usage "GATE_HEAD_EXTRA_ARGS: $flag threads|processes|tasks (got \"$value\")" ;;
    esac
    head_extra+=("$flag" "$value")
done

# Holm within a strategy's tests (its concurrency levels × 3 gated metrics, as `GateFamily`) needs
# tests / C(2n, n) < α = 0.01.
# C(2n, n) is built step by step (each step an integer); it stops growing once far beyond the need.
reachable() { # trials family_size
    local n=$1 m=$2 c=1 i
    for ((i = 1; i <= n; i++)); do
        c=$((c * (n + i) / i))
        ((c > 100 * m)) && return 0
        ((c > 1000000000000)) && return 0
    done
    ((c > 100 * m))
}
family=$((${#levels[@]} * 3))
if [[ -n "${GATE_TRIALS:-}" ]]; then
    is_uint "$GATE_TRIALS" || usage "GATE_TRIALS: \"$GATE_TRIALS\" is not a whole number"
    trials=$((10#$GATE_TRIALS))
    ((trials >= 1 && trials <= 1000)) || usage "GATE_TRIALS: $trials is outside 1…1000"
    reachable "$trials" "$family" \
        || usage "GATE_TRIALS=$trials cannot detect a regression across $family tests per strategy (α 0.01, Holm)"
else
    trials=10
    while ! reachable "$trials" "$family"; do trials=$((trials + 1)); done
    ((trials == 10)) || echo "ci-gate: raising trials to $trials so a regression can be detected" >&2
fi

baseline="${GATE_BASELINE:-Baselines/ci.json}"
[[ "$baseline" != -* ]] || usage "GATE_BASELINE must be a path, not an option (\"$baseline\")"

if [[ -n "${GATE_OUT:-}" ]]; then
    [[ "$GATE_OUT" != -* ]] || usage "GATE_OUT must be a path, not an option (\"$GATE_OUT\")"
    if [[ -e "$GATE_OUT" ]] && [[ ! -d "$GATE_OUT" || -n "$(ls -A "$GATE_OUT")" ]]; then
        usage "GATE_OUT $GATE_OUT already exists and is not an empty folder: results are never mixed; remove it or pick another"
    fi
    out_path="$GATE_OUT"
else
    out_path="$root/results/ci-gate-$(date -u +%Y%m%dT%H%M%SZ)-$$"
fi
mkdir -p "$out_path" || fail "cannot create $out_path"
out="$(cd "$out_path" && pwd)"

# The workload of Baselines/ci.json: change both together (see Baselines/README.md).
workload=(--logs-per-producer 30 --warmup 5)

# An empty or missing baseline is invalid before anything is built (65); its contents are checked
# by bench once the head is built.
[[ -f "$baseline" ]] || stop 65 "invalid baseline $baseline: no such file"
if ! grep -q '[^[:space:]]' "$baseline"; then stop 65 "invalid baseline $baseline: the file is empty"; fi

# --- Builds ------------------------------------------------------------------------------------------
base_sha="$(git merge-base HEAD "$base_ref")" || fail "no merge base between HEAD and $base_ref"
head_sha="$(git rev-parse HEAD)"
worktree="$tmp_parent/base"
git worktree add --detach --quiet "$worktree" "$base_sha" || fail "cannot check out $base_sha"

# Separate scratch folders (.build-* is gitignored), so neither build disturbs the other or .build.
echo "ci-gate: building head ($head_sha) and base ($base_sha)" >&2
build_started=$(date +%s)
build_log="$out/build-head.log"
swift build -c release --product bench --scratch-path "$root/.build-gate-head" >"$build_log" 2>&1 \
    || fail "head build failed"
build_log="$out/build-base.log"
swift build -c release --product bench --package-path "$worktree" --scratch-path "$root/.build-gate-base" \
    >"$build_log" 2>&1 || fail "base build failed"
build_log=""
build_seconds=$(($(date +%s) - build_started))
head_bench="$root/.build-gate-head/release/bench"
base_bench="$root/.build-gate-base/release/bench"

# The committed baseline, checked before minutes of measuring are spent (exit 65 when invalid).
if ! "$head_bench" baseline show "$baseline" >/dev/null 2>"$tmp_parent/baseline.err"; then
    stop 65 "$(head -1 "$tmp_parent/baseline.err")"
fi

# --- Measurements --------------------------------------------------------------------------------------
# One trial per invocation, base and head alternating (which goes first alternates too), so drift in
# the machine hits both alike. Exit 3 (data loss) still writes the document: the gate judges it.
run_one() { # side bench round strategy level trial [extra…]
    local side=$1 bench=$2 round=$3 strategy=$4 level=$5 trial=$6
    shift 6
    local file
    file="$out/$round/$side/$(printf '%s-c%04d-t%04d' "$strategy" "$level" "$trial").json"
    local status=0
    "$bench" run --strategy "$strategy" --concurrency "$level" "${workload[@]}" --format json --output "$file" \
        "$@" 2>>"$out/$round/$side.log" || status=$?
    [[ $status -eq 0 || $status -eq 3 ]] || fail "$side bench run failed (exit $status, see $out/$round/$side.log)"
}

measure_round() { # round
    local round=$1 trial strategy level side
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
            2>>"$out/$round/$side.log" || fail "cannot merge the $side results of $round (see $out/$round/$side.log)"
    done
}

measure_started=$(date +%s)
measure_round round1
# One check, two reports: Markdown for people (the job summary), JSON for this script (annotations).
# Judging documents measures nothing, so the second invocation only renders again.
check_twice() {
    local name=$1
    shift
    local status=0
    "$head_bench" check "$@" --format markdown --report "$out/$name.md" --force >/dev/null 2>>"$out/checks.log" \
        || status=$?
    "$head_bench" check "$@" --format json --report "$out/$name.json" --force >/dev/null 2>>"$out/checks.log" || true
    return "$status"
}

gate_status=0
check_twice head-vs-base --baseline "$out/round1/base.json" --current "$out/round1/head.json" || gate_status=$?
if [[ $gate_status -eq 2 ]]; then
    # A failing cell is measured once more; the gate fails only if it fails again.
    echo "ci-gate: head vs base failed once; measuring again" >&2
    measure_round round2
    gate_status=0
    check_twice head-vs-base --baseline "$out/round1/base.json" --current "$out/round1/head.json" \
        --baseline-retry "$out/round2/base.json" --current-retry "$out/round2/head.json" || gate_status=$?
fi

# Against the committed baseline: usually another machine, so normalized times and warnings only;
# data loss and an unreadable baseline still fail.
ci_status=0
check_twice head-vs-ci-baseline --baseline "$baseline" --current "$out/round1/head.json" --cross-machine warn \
    --allow-missing || ci_status=$?
measure_seconds=$(($(date +%s) - measure_started))

result=$gate_status
if [[ $result -eq 0 && ($ci_status -eq 3 || $ci_status -eq 65 || $ci_status -eq 70) ]]; then result=$ci_status; fi
if [[ ! -f "$out/head-vs-base.md" ]]; then reason="head vs base wrote no report: $(tail -1 "$out/checks.log")"; fi
if [[ ! -f "$out/head-vs-ci-baseline.md" && $ci_status -ne 0 ]]; then
    reason="${reason:+$reason; }$baseline: $(tail -1 "$out/checks.log")"
fi
final=$result
exit "$final"
