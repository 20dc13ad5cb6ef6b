#!/usr/bin/env bash
# End-to-end checks of the built crfview binary: `infer` on a bundled sample, then the viewer
# in tmux. Usage: .ci/e2e.sh PATH/TO/crfview
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "e2e FAILED: $*" >&2; exit 1; }

sample=$(ls -d Samples/*/ | head -n 1)
sample=${sample%/}
echo "-- infer on $sample"
"$bin" infer "$sample/image.png" --probs "$sample/probs.npy" \
    --out-labels "$work/labels.png" --out-probs "$work/q.npy" --out-overlay "$work/overlay.png" \
    --energy-log "$work/energy.csv" --timing 2> "$work/stderr"
grep -Eq '^timing: load=[0-9.]+ build=[0-9.]+ iterate=[0-9.]+ save=[0-9.]+$' "$work/stderr" || fail "no timing line: $(cat "$work/stderr")"
for f in labels.png q.npy overlay.png energy.csv; do [ -s "$work/$f" ] || fail "missing output $f"; done
[ "$(head -n 1 "$work/energy.csv")" = "iteration,kl,map_energy,changed" ] || fail "energy log header"
[ "$(wc -l < "$work/energy.csv")" -eq 12 ] || fail "energy log should have rows for iterations 0..10"
python3 - "$work/q.npy" "$sample/probs.npy" <<'PY' || fail "marginals file"
import sys, struct
def shape(path):
    data = open(path, 'rb').read(256)
    assert data[:6] == b'\x93NUMPY', path
    n = struct.unpack('<H', data[8:10])[0]
    header = data[10:10 + n].decode()
    return header.split("'shape': ")[1].split(')')[0] + ')'
assert shape(sys.argv[1]) == shape(sys.argv[2]), (shape(sys.argv[1]), shape(sys.argv[2]))
print("   marginals shape", shape(sys.argv[1]))
PY
if "$bin" infer missing.png --probs "$sample/probs.npy" 2> "$work/err"; then fail "missing file accepted"; fi
grep -q '^error: missing.png: ' "$work/err" || fail "bad error line: $(cat "$work/err")"
echo "-- infer ok"

echo "-- infer --out-dir over the samples, then resumed"
"$bin" infer --out-dir "$work/out" Samples/*/ --with-overlay --iterations 3 --jobs 2 2> "$work/stderr" || fail "dataset run: $(cat "$work/stderr")"
count=$(ls -d Samples/*/ | wc -l)
[ "$(ls "$work"/out/*/labels.png | wc -l)" -eq "$count" ] || fail "dataset run: labels missing"
grep -q "^infer: $count inputs: $count written$" "$work/stderr" || fail "dataset summary: $(cat "$work/stderr")"
rm "$work/out/$(ls "$work/out" | head -n 1)/labels.png"
"$bin" infer --out-dir "$work/out" Samples/*/ --with-overlay --iterations 3 2> "$work/stderr" || fail "resumed run: $(cat "$work/stderr")"
grep -q "^infer: $count inputs: 1 written, $((count - 1)) skipped" "$work/stderr" || fail "resume summary: $(cat "$work/stderr")"
echo "-- datasets ok"

if [ -x .ci/e2e-viewer.sh ]; then bash .ci/e2e-viewer.sh "$bin"; fi
echo "e2e: all passed"
