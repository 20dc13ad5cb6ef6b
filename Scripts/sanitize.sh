#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and under ThreadSanitizer, each in its own build
# folder (.build-asan, .build-tsan). UndefinedBehaviorSanitizer is not offered: swiftc refuses
# -sanitize=undefined for Linux targets, and Swift's own checks (overflow, bounds, exclusivity),
# kept in every build, catch in Swift code what it would.
#
#   Scripts/sanitize.sh [all|asan|tsan] [swift test options, e.g. --filter InferenceRunnerTests]
#
# ThreadSanitizer matters for the viewer's background runner (InferenceRunner) and the
# engine's parallel loops; `.ci/run` runs it on those tests (`tsan --filter …`).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-all}
shift || true
case "$mode" in
    all|asan|tsan) ;;
    *) echo "usage: Scripts/sanitize.sh [all|asan|tsan] [swift test options]" >&2; exit 2 ;;
esac
# Make a finding fail the run instead of only printing a report.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1}
if [ "$mode" != tsan ]; then
    echo "== AddressSanitizer"
    swift test --scratch-path .build-asan --sanitize=address "$@"
fi
if [ "$mode" != asan ]; then
    echo "== ThreadSanitizer"
    swift test --scratch-path .build-tsan --sanitize=thread "$@"
fi
