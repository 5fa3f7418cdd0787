#!/usr/bin/env bash
# Regenerates every measured example the docs quote, from release runs of this checkout:
#   docs/example/matrix.json           bench matrix (SQLite, 3 trials per cell: the charts show their CI)
#   docs/example/matrix-postgres.json  bench matrix --engine postgres (inside Scripts/with-postgres.sh)
#   docs/example/report.md, report.html, charts/   bench report of the SQLite matrix
#   README.md, between <!-- recommend:start --> and <!-- recommend:end -->:
#                                      bench report both matrices --format recommend
# A test (DocsConsistencyTests) fails when the README's block differs from what the committed
# documents render, and when a figure quoted in docs/*.md between <!-- from: PATH --> and
# <!-- /from --> is not in what PATH renders: after this script, update those passages (the test
# names each figure). Prints each step's wall time. Takes a few minutes on 2 cores.
#
# Usage: Scripts/regenerate-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product bench
bench=.build/release/bench
levels=1,2,5,10,20
timed() { # label command…
    local started=$SECONDS
    "${@:2}"
    echo "regenerate-docs: $1 took $((SECONDS - started)) s" >&2
}

timed "SQLite matrix" "$bench" matrix --strategy all --concurrency "$levels" --growth 100,1000 --trials 3 --quiet \
    --output docs/example/matrix.json --force
timed "PostgreSQL matrix" Scripts/with-postgres.sh "$bench" matrix --engine postgres --strategy all \
    --concurrency "$levels" --quiet --output docs/example/matrix-postgres.json --force
"$bench" report docs/example/matrix.json --format markdown --output docs/example/report.md --force
"$bench" report docs/example/matrix.json --html docs/example/report.html --svg-dir docs/example/charts --force \
    >/dev/null

"$bench" report docs/example/matrix.json docs/example/matrix-postgres.json --format recommend | Scripts/replace-readme-block.sh recommend
echo "regenerate-docs: done ($("$bench" --version))" >&2
