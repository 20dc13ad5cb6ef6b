#!/usr/bin/env bash
# The two builds of the mean-field step's hot loops in a built crfview. The engine runs the
# AVX2 build (module SIMDKernelsAVX2) only where the CPU has AVX2, so an AVX instruction
# (VEX-encoded: its mnemonic starts with v) anywhere else in the binary would kill crfview on
# an older CPU; for instance a helper both builds share, whose AVX2 copy the linker kept.
# Then the baseline build itself, on an emulated x86-64 CPU without AVX (qemu64): it must run
# and give the same Q as this machine's build, to the bit. Usage: .ci/simd-builds.sh PATH/TO/crfview
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "simd FAILED ($bin): $*" >&2; exit 1; }
[ "$(uname -m)" = x86_64 ] || { echo "-- simd: not x86-64, one build only"; exit 0; }

echo "-- simd: AVX kept to SIMDKernelsAVX2 in $bin"
objdump -d --no-show-raw-insn "$bin" | awk '/^[0-9a-f]+ <.*>:$/ {fn = $2} $2 ~ /^v/ {print fn}' | sort -u > "$work/avx"
grep -q '^<\$s15SIMDKernelsAVX2' "$work/avx" || fail "no AVX2 build of the hot loops"
if grep -v '^<\$s15SIMDKernelsAVX2' "$work/avx" > "$work/stray"; then
    fail "AVX instructions outside SIMDKernelsAVX2: $(head -n 5 "$work/stray" | tr '\n' ' ')"
fi

sample=$(ls -d Samples/*/ | head -n 1)
sample=${sample%/}
if ! grep -qw avx2 /proc/cpuinfo; then
    echo "   this CPU has no AVX2: the baseline build is what every other test ran"
    exit 0
fi
"$bin" bench "$sample" --repeat 1 | grep -q ' simd=avx2 ' || fail "bench does not report the AVX2 build on an AVX2 CPU"
"$bin" infer "$sample/image.png" --probs "$sample/probs.npy" --out-probs "$work/q-avx2.npy" 2> "$work/stderr" || fail "$(cat "$work/stderr")"
qemu-x86_64 -cpu qemu64 "$bin" bench "$sample" --repeat 1 2> "$work/stderr" | grep -q ' simd=baseline ' \
    || fail "bench under qemu64 does not report the baseline build"
qemu-x86_64 -cpu qemu64 "$bin" infer "$sample/image.png" --probs "$sample/probs.npy" --out-probs "$work/q-baseline.npy" 2> "$work/stderr" \
    || fail "baseline run under qemu64: $(grep -v warning "$work/stderr" | tail -n 3)"
cmp -s "$work/q-avx2.npy" "$work/q-baseline.npy" || fail "the baseline build's Q differs from the AVX2 build's"
echo "   baseline build (qemu64) and AVX2 build: the same Q on $sample"
