#!/usr/bin/env bash
# Validates the gate on code changes, as a pull request would bring them: each patch under
# docs/gate-validation/ is applied to BASE in a scratch worktree and committed, then Scripts/ci-gate.sh
# runs there against BASE with its defaults (every design, concurrency 1 and 4). Each patch says what
# it expects ("Expect: exit N, strategy S" or "strategies S T …" when the change is in code several
# designs share); a run matches when ci-gate.sh exits N and its failures name exactly those designs.
#
# Usage: Scripts/validate-gate-patches.sh [BASE] [PATCH…]   (default: main, every patch)
# Results: results/validate-gate-patches-<time>/<patch>/ (ci-gate.sh's JSON and Markdown).
# Exit: 0 every patch matched · 1 some did not · 64 bad argument · 70 the worktree could not be made.
set -uo pipefail

root="$(git rev-parse --show-toplevel)" || exit 70
cd "$root"
base="${1:-main}"
shift || true
base_sha="$(git rev-parse --verify --quiet "$base^{commit}")" || { echo "validate-gate-patches: no commit $base" >&2; exit 64; }
patches=("$@")
((${#patches[@]} > 0)) || patches=(docs/gate-validation/*.patch)
for patch in "${patches[@]}"; do
    [[ -f "$patch" ]] || { echo "validate-gate-patches: no patch $patch" >&2; exit 64; }
done

out="$root/results/validate-gate-patches-$(date -u +%Y%m%dT%H%M%SZ)-$$"
tree="$root/.build-gate-patches"
mkdir -p "$out"
if [[ ! -d "$tree" ]]; then git worktree add --detach --quiet "$tree" "$base_sha" || exit 70; fi

verdict=0
for patch in "${patches[@]}"; do
    name="$(basename "$patch" .patch)"
    expect="$(grep -m1 '^Expect: ' "$patch")"
    want_code="$(sed -E 's/^Expect: exit ([0-9]+), strateg(y|ies) ([a-z -]+)$/\1/' <<<"$expect")"
    want_strategy="$(sed -E 's/^Expect: exit ([0-9]+), strateg(y|ies) ([a-z -]+)$/\3/' <<<"$expect" | tr ' ' '\n' | sort | xargs)"
    git -C "$tree" checkout --quiet --force --detach "$base_sha" && git -C "$tree" clean -qfd -e '.build-gate-*' &&
        git -C "$tree" apply "$root/$patch" &&
        git -C "$tree" -c user.name=validate -c user.email=validate@localhost commit --quiet -am "$name" ||
        { echo "$name: cannot apply"; verdict=1; continue; }
    started=$(date +%s)
    status=0
    (cd "$tree" && GATE_OUT="$out/$name" Scripts/ci-gate.sh "$base_sha" >"$out/$name.log" 2>&1) || status=$?
    named="$(python3 - "$out/$name/head-vs-base.json" <<'PY' 2>/dev/null
import json, sys
findings = json.load(open(sys.argv[1])).get("findings") or []
print(" ".join(sorted({f["cell"].split(" ")[0] for f in findings if f["severity"] == "FAIL" and f.get("cell")})))
PY
)"
    outcome="exit $status, failures name: ${named:-nothing} ($(($(date +%s) - started)) s)"
    if [[ "$status" == "$want_code" && "$named" == "$want_strategy" ]]; then
        echo "$name: $outcome: as expected"
    else
        echo "$name: $outcome: expected exit $want_code naming exactly $want_strategy"
        verdict=1
    fi
done
git worktree remove --force "$tree" >/dev/null 2>&1
echo "validate-gate-patches: results in $out"
exit "$verdict"
