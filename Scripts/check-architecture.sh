#!/usr/bin/env bash
# Holds the package's module graph against the allowed edges in docs/architecture.md (the ```edges
# block): every target dependency that `swift package describe` reports must be listed there.
# Exit 0: the graph is as documented; 1: an edge that is not allowed (each printed); 2: unreadable.
set -euo pipefail
cd "$(dirname "$0")/.."
described=$(swift package describe --type json 2>/dev/null) || { echo "check-architecture: swift package describe failed" >&2; exit 2; }
DESCRIBED="$described" python3 - docs/architecture.md <<'PY'
import json, os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
block = re.search(r"```edges\n(.*?)```", text, re.S)
if not block:
    print("check-architecture: no ```edges block in docs/architecture.md", file=sys.stderr); sys.exit(2)
allowed = {}
for line in block.group(1).strip().splitlines():
    source, _, targets = line.partition("->")
    allowed[source.strip()] = {t.strip() for t in targets.split(",") if t.strip()}
package = json.loads(os.environ["DESCRIBED"])
bad = []
for target in package["targets"]:
    if target.get("type") not in ("library", "executable", "test"):
        continue  # system libraries and C shims are leaves
    name = target["name"]
    uses = set(target.get("target_dependencies", [])) | set(target.get("product_dependencies", []))
    if target.get("module_type") == "ClangTarget":
        continue
    for dep in sorted(uses - allowed.get(name, set())):
        bad.append(f"{name} -> {dep}")
if bad:
    for edge in bad:
        print(f"check-architecture: {edge} is not an allowed edge (docs/architecture.md)", file=sys.stderr)
    sys.exit(1)
print(f"check-architecture: {len(package['targets'])} targets, every dependency allowed")
PY
