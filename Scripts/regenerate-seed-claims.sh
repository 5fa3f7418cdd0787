#!/usr/bin/env bash
# Regenerates the seed's document measured, from release runs of this checkout, both engines:
#   docs/seed-claims.md, docs/example/seed-claims.json (result), docs/example/seed-claims-tables.json
#       bench seed-claims (SQLite; inside Scripts/with-postgres.sh so the host-safe column is measured)
#   docs/seed-claims-postgres.md, docs/example/seed-claims-postgres.json, …-postgres-tables.json
#       bench seed-claims --engine postgres
#   README.md, between <!-- seed-decision:start --> and <!-- seed-decision:end -->:
#       bench report both result documents --format seed-decision
# A test (DocsConsistencyTests) fails when the README's block differs from what the committed
# documents render. Prints each step's wall time.
#
# Usage: Scripts/regenerate-seed-claims.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product bench
bench=.build/release/bench
timed() { # label command…
    local started=$SECONDS
    "${@:2}"
    echo "regenerate-seed-claims: $1 took $((SECONDS - started)) s" >&2
}

timed "SQLite seed-claims" Scripts/with-postgres.sh "$bench" seed-claims --quiet --output docs/seed-claims.md \
    --results docs/example/seed-claims.json --json docs/example/seed-claims-tables.json --force
timed "PostgreSQL seed-claims" Scripts/with-postgres.sh "$bench" seed-claims --engine postgres --quiet \
    --output docs/seed-claims-postgres.md --results docs/example/seed-claims-postgres.json \
    --json docs/example/seed-claims-postgres-tables.json --force

"$bench" report docs/example/seed-claims.json docs/example/seed-claims-postgres.json --format seed-decision | Scripts/replace-readme-block.sh seed-decision
