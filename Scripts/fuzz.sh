#!/usr/bin/env bash
# Builds and runs crfview's libFuzzer targets (Fuzz/<target>/FuzzTarget.swift) on their
# committed seed corpora (Fuzz/<target>/corpus).
#
#   Scripts/fuzz.sh [seconds per target] [target...]     default: 60 s, every target
#   FUZZ_RUNS=1000000 Scripts/fuzz.sh 900 npy             stop after that many inputs instead
#
# The libraries are built once with SwiftPM's fuzzer instrumentation into .build-fuzz; each
# target is then linked against their objects with `swiftc -sanitize=fuzzer,address`. New
# inputs libFuzzer finds go to .build-fuzz/corpus/<target> (the committed corpus is only
# read); a crash leaves .build-fuzz/crash-<target>-*, and the script stops with status 1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(npy npz image params toml value)
scratch=.build-fuzz
debug=$scratch/debug

for target in CRFIO Viewer; do
    swift build --scratch-path "$scratch" --sanitize=fuzzer --sanitize=address --target "$target"
done
# A Swift module's current objects come from its output file map: the build folder keeps the
# objects of files that were moved or deleted, which would otherwise be linked in stale.
module_objects() {
    local dir="$debug/$1.build"
    if [ -f "$dir/output-file-map.json" ]; then
        python3 -c 'import json, sys; m = json.load(open(sys.argv[1])); import os; print("\n".join(sorted(v["object"] for v in m.values() if "object" in v and os.path.exists(v["object"]))))' "$dir/output-file-map.json"
    else
        find "$dir" -name '*.o' | sort
    fi
}
objects=()
for module in _NumericsShims RealModule CPUFeatures SIMDKernelsAVX2 DenseCRF Colorimetry Randomness Metrics CRFShared CRFIO CTOML TOMLKit TOMLText CRFLearning Viewer; do
    while IFS= read -r o; do objects+=("$o"); done < <(module_objects "$module")
done

for target in "${targets[@]}"; do
    binary=$scratch/fuzz-$target
    swiftc -sanitize=fuzzer,address -parse-as-library -g -Onone -enable-testing \
        -I "$debug/Modules" -I "$debug" \
        -Xcc -fmodule-map-file=Sources/CPNG/module.modulemap -Xcc -fmodule-map-file=Sources/CJPEG/module.modulemap \
        -Xcc -fmodule-map-file=Sources/CZlib/module.modulemap \
        -Xcc -fmodule-map-file="$debug/CTOML.build/module.modulemap" \
        -Xcc -fmodule-map-file="$(find .build-fuzz/checkouts/swift-numerics -name module.modulemap -path '*_NumericsShims*' | head -n 1)" \
        "Fuzz/$target/FuzzTarget.swift" "${objects[@]}" -lpng16 -ljpeg -lz -lstdc++ -o "$binary" 2>&1 \
        | { grep -v 'Cannot export local symbol' || true; }
    mkdir -p "$scratch/corpus/$target"
    echo "== fuzz $target for ${seconds}s${FUZZ_RUNS:+ or $FUZZ_RUNS inputs}"
    limit=(-max_total_time="$seconds")
    [ -z "${FUZZ_RUNS:-}" ] || limit+=(-runs="$FUZZ_RUNS")
    # Leaks are not checked: TOMLKit keeps a little memory per parse (found by the toml target),
    # and LeakSanitizer's report at exit would otherwise count as a crash of the last input.
    (cd "$scratch" && ASAN_OPTIONS=detect_leaks=0 "./fuzz-$target" "${limit[@]}" -detect_leaks=0 -print_final_stats=1 -artifact_prefix="crash-$target-" \
        "corpus/$target" "../Fuzz/$target/corpus") 2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added|#[0-9]+ +DONE|==[0-9]+==|SUMMARY|Test unit written|Fatal error|.*deadly signal)' || true
    if ls "$scratch"/crash-"$target"-* >/dev/null 2>&1; then echo "fuzz $target: CRASH (see $scratch/crash-$target-*)"; exit 1; fi
done
