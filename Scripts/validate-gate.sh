#!/usr/bin/env bash
# Validates the gate itself on this machine. Records a fresh baseline of SHAPE, then runs `bench check`
# N times for each kind:
#   aa    the same build, nothing injected               expected: exit 0 (a FAIL is a false alarm)
#   all   --inject-delay-us ALL_US into every strategy   expected: exit 2
#   one   --inject-delay-us ONE_US --inject-strategy S   expected: exit 2, and every FAIL names S only
# Prints each run's exit code, the counts and the wall time; exits 1 when a run errored (any exit
# other than 0 or 2) or a target was missed (aa passes ≥ 95%, all fails 100%, one fails and names S
# ≥ 90%), 64 on a bad argument.
#
# Usage: Scripts/validate-gate.sh [BENCH] [N] [SHAPE]
#   BENCH  bench executable (default .build/release/bench)
#   N      runs per kind, 1…1000 (default 20)
#   SHAPE  ci   (the .ci/run shape: queue, atomic-append × concurrency 1,2; 30 logs, 10 trials)
#          wide (queue, queue-batch, transaction, log-table, lock, atomic-append × concurrency 1,2,3;
#                20 logs; baseline 10 trials, checks the default trials, raised if Holm needs more)
# Environment: VALIDATE_KINDS="aa all one", VALIDATE_ONE_STRATEGY=queue, VALIDATE_ONE_US=300,
#   VALIDATE_ALL_US=1000, VALIDATE_BASELINE_TRIALS (trials of the recorded baseline; default 10 for
#   wide, as Baselines/README.md records ci.json: a baseline is measured once and judged against
#   many times, so its sampling error is shared by every check), GATE_OUT (results folder; must not
#   exist or be empty).
# The budget rule is moved out of the way (--budget-ms 100): this measures the regression rule.
set -uo pipefail

usage() {
    echo "validate-gate: $*" >&2
    exit 64
}
is_uint() { [[ "$1" =~ ^[0-9]{1,7}$ ]]; } # checked before any arithmetic

bench="${1:-.build/release/bench}"
runs_text="${2:-20}"
shape="${3:-ci}"
[[ -x "$bench" ]] || usage "$bench is not an executable (build it: swift build -c release --product bench)"
is_uint "$runs_text" || usage "N must be a whole number (got \"$runs_text\")"
runs=$((10#$runs_text))
((runs >= 1 && runs <= 1000)) || usage "N must be between 1 and 1000 (got $runs)"

strategies_known=(queue queue-batch transaction log-table log-table-batch lock atomic-append none)
one="${VALIDATE_ONE_STRATEGY:-queue}"
[[ " ${strategies_known[*]} " == *" $one "* ]] || usage "VALIDATE_ONE_STRATEGY: unknown strategy \"$one\""
one_us="${VALIDATE_ONE_US:-300}"
all_us="${VALIDATE_ALL_US:-1000}"
is_uint "$one_us" || usage "VALIDATE_ONE_US must be a whole number of µs (got \"$one_us\")"
is_uint "$all_us" || usage "VALIDATE_ALL_US must be a whole number of µs (got \"$all_us\")"
baseline_trials=()
[[ $shape == wide ]] && : "${VALIDATE_BASELINE_TRIALS:=10}"
if [[ -n "${VALIDATE_BASELINE_TRIALS:-}" ]]; then
    is_uint "$VALIDATE_BASELINE_TRIALS" || usage "VALIDATE_BASELINE_TRIALS must be a whole number"
    baseline_trials=(--trials "$((10#$VALIDATE_BASELINE_TRIALS))")
fi
read -r -a kinds <<<"${VALIDATE_KINDS:-aa all one}"
for kind in "${kinds[@]}"; do
    [[ $kind == aa || $kind == all || $kind == one ]] || usage "VALIDATE_KINDS: unknown kind \"$kind\""
done

case "$shape" in
    ci)
        shape_args=(--strategy queue --strategy atomic-append --concurrency "1,2" --logs-per-producer 30
            --warmup 5 --trials 10)
        ;;
    wide)
        shape_args=(--strategy queue --strategy queue-batch --strategy transaction --strategy log-table
            --strategy lock --strategy atomic-append --concurrency "1,2,3" --logs-per-producer 20 --warmup 5)
        ;;
    *) usage "SHAPE must be ci or wide (got \"$shape\")" ;;
esac
[[ " ${shape_args[*]} " == *" --strategy $one "* ]] || usage "VALIDATE_ONE_STRATEGY $one is not in the $shape shape"

out="${GATE_OUT:-results/validate-gate-$shape-$(date -u +%Y%m%dT%H%M%SZ)-$$}"
if [[ -e "$out" ]] && [[ ! -d "$out" || -n "$(ls -A "$out")" ]]; then
    usage "$out already exists and is not an empty folder"
fi
mkdir -p "$out" || exit 70

started=$(date +%s)
echo "validate-gate: recording a baseline of the $shape shape in $out" >&2
if ! "$bench" baseline save --name validate --baselines-dir "$out" "${shape_args[@]}" "${baseline_trials[@]}" \
    --budget-ms 100 >"$out/baseline.txt" 2>&1; then
    tail -5 "$out/baseline.txt" >&2
    echo "validate-gate: the baseline run failed" >&2
    exit 1
fi

declare -A counts=()
errors=0
for kind in "${kinds[@]}"; do
    for ((i = 1; i <= runs; i++)); do
        extra=()
        [[ $kind == all ]] && extra=(--inject-delay-us "$all_us")
        [[ $kind == one ]] && extra=(--inject-delay-us "$one_us" --inject-strategy "$one")
        file="$out/$kind-$i.txt"
        status=0
        "$bench" check --baseline "$out/validate.json" "${shape_args[@]}" --budget-ms 100 "${extra[@]}" \
            >"$file" 2>&1 || status=$?
        outcome="exit $status"
        case $status in
            0 | 2) ;;
            *)
                errors=$((errors + 1))
                outcome="$outcome (error: $(grep -m1 'error' "$file" || tail -1 "$file"))"
                ;;
        esac
        if [[ $kind == one && $status -eq 2 ]]; then
            # Every failure must name the strategy the delay went into, and at least one must.
            others=$(grep -E '^FAIL \[' "$file" | grep -cvE "^FAIL \[[a-z ]+\] $one c=" || true)
            named=$(grep -cE "^FAIL \[(regression|budget)\] $one c=" "$file" || true)
            if [[ $others -eq 0 && $named -gt 0 ]]; then outcome="$outcome, names $one only"; else
                outcome="$outcome, names other cells ($others) or not $one"
                status="named-wrong"
            fi
        fi
        counts["$kind:$status"]=$((${counts["$kind:$status"]:-0} + 1))
        echo "$kind run $i: $outcome"
    done
done
wall=$(($(date +%s) - started))

pass() { echo "${counts["$1:0"]:-0}"; }
fail() { echo "${counts["$1:2"]:-0}"; }
verdict=0
echo
echo "validate-gate: shape $shape, $runs runs per kind, wall time ${wall}s (bench $bench, results $out)"
for kind in "${kinds[@]}"; do
    case $kind in
        aa)
            echo "A/A (nothing injected): $(pass aa)/$runs pass (target ≥ 95%)"
            (($(pass aa) * 100 >= runs * 95)) || verdict=1
            ;;
        all)
            echo "+${all_us} µs everywhere: $(fail all)/$runs fail (target 100%)"
            (($(fail all) == runs)) || verdict=1
            ;;
        one)
            echo "+${one_us} µs into $one only: $(fail one)/$runs fail naming $one only (target ≥ 90%)"
            (($(fail one) * 100 >= runs * 90)) || verdict=1
            ;;
    esac
done
for key in "${!counts[@]}"; do echo "count $key = ${counts[$key]}"; done | sort
if ((errors > 0)); then
    echo "validate-gate: $errors run(s) errored (exit other than 0 or 2)" >&2
    exit 1
fi
exit "$verdict"
