#!/usr/bin/env bash
# Replaces the README's generated block NAME (between `<!-- NAME:start -->` and `<!-- NAME:end -->`)
# with standard input. Used by the regenerate scripts; a test holds each block to what renders it.
# Usage: COMMAND | Scripts/replace-readme-block.sh NAME
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: COMMAND | $0 NAME" >&2; exit 64; }
BLOCK="$(cat)" NAME="$1" python3 - <<'PY'
import os
path, name = "README.md", os.environ["NAME"]
text = open(path, encoding="utf-8").read()
start, end = f"<!-- {name}:start -->\n", f"<!-- {name}:end -->"
if start not in text or end not in text:
    raise SystemExit(f"README.md has no {name} block")
before, rest = text.split(start, 1)
_, after = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(before + start + os.environ["BLOCK"].rstrip("\n") + "\n" + end + after)
PY
