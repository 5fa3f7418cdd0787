#!/usr/bin/env bash
# Fuzzes the document loaders and every renderer (Fuzz/Documents, libFuzzer) for SECONDS seconds
# (default 50), seeded from the test fixture and the committed baseline (small inputs: fast runs).
# Any crash, trap, leak of time (an input over 10 s) or memory (over 2 GiB) fails with libFuzzer's
# exit code and leaves the input as crash-* / timeout-* / oom-* in .build/fuzz/artifacts/.
#   Scripts/fuzz.sh 600                  # ten minutes
#   .build/fuzz/release/fuzz-documents .build/fuzz/artifacts/crash-…   # replay one input
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-50}

LOGBENCH_FUZZ=1 swift build -j "${FUZZ_JOBS:-1}" -c release --sanitize=fuzzer --product fuzz-documents --build-path .build/fuzz

# The seeds are copied: libFuzzer adds what it finds to the first corpus folder.
corpus=.build/fuzz/corpus
mkdir -p "$corpus" .build/fuzz/artifacts
cp Tests/LogBenchTests/Fixtures/*.json Baselines/*.json "$corpus"/

.build/fuzz/release/fuzz-documents "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=32768 -print_final_stats=1 -artifact_prefix=.build/fuzz/artifacts/
