#!/usr/bin/env python3
"""The baseline learning must beat: the best hand-set Potts parameters a careful user finds by
grid search on the training scenes (the pydensecrf model; crfview computes the same Q), then
scored on held-out scenes.

Usage: Scripts/potts-grid-search.py [--quick] CRFVIEW TRAIN_DIR VAL_DIR [more VAL_DIRs]
Prints every grid point's training mIoU, then the best point and its held-out mIoU. --quick
searches 24 points around the best region of the full 108-point grid."""
import glob, itertools, json, os, subprocess, sys

args = sys.argv[1:]
quick = "--quick" in args
crfview, train, *held_out = [a for a in args if a != "--quick"]
lock = os.environ.get("CPU_LOCK")

def miou(folders, flags):
    cmd = [crfview, "eval", *folders, "--json", *flags]
    if lock:
        cmd = ["flock", lock] + cmd
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)["mean_crf_miou"]

grid = {
    "--gaussian-compat": [1, 3] if quick else [1, 3, 5],
    "--bilateral-sxy": [20, 40, 80] if quick else [20, 40, 80],
    "--bilateral-srgb": [5, 10] if quick else [5, 10, 20, 40],
    "--bilateral-compat": [5, 10] if quick else [2, 5, 10],
}
train_dirs = sorted(glob.glob(os.path.join(train, "*")))
best = None
for values in itertools.product(*grid.values()):
    flags = [str(x) for pair in zip(grid.keys(), values) for x in pair]
    score = miou(train_dirs, flags)
    print("train %.2f  %s" % (100 * score, " ".join(flags)), flush=True)
    if best is None or score > best[0]:
        best = (score, flags)
print("best on train: %.2f with %s" % (100 * best[0], " ".join(best[1])))
for folder in held_out:
    dirs = sorted(glob.glob(os.path.join(folder, "*")))
    print("held out %s: %.2f" % (folder, 100 * miou(dirs, best[1])))
