#!/usr/bin/env python3
"""Make a benchmark case folder for `crfview bench` and ../shared/bench/pydensecrf_ref.py.

The image is a bundled sample resized to WxH; the unaries come from blocky random logits
(a coarse "network" at 1/8 resolution), so both tools run the same model on the same input.
Deterministic for a seed. Needs numpy and pillow (pip install numpy pillow).

usage: bench-case.py OUT_DIR [--size 500x375] [--labels 21] [--sample street-scene] [--seed 0]
"""
import argparse, json, os
import numpy as np
from PIL import Image

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--size", default="500x375")
ap.add_argument("--labels", type=int, default=21)
ap.add_argument("--sample", default="street-scene")
ap.add_argument("--seed", type=int, default=0)
a = ap.parse_args()
W, H = map(int, a.size.split("x"))
L = a.labels
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.makedirs(a.out, exist_ok=True)
image = Image.open(os.path.join(root, "Samples", a.sample, "image.png")).convert("RGB").resize((W, H), Image.BICUBIC)
image.save(os.path.join(a.out, "image.png"))
rng = np.random.default_rng(a.seed)
logits = rng.normal(size=(L, H // 8 + 1, W // 8 + 1)).astype(np.float32) * 3
logits = np.repeat(np.repeat(logits, 8, 1), 8, 2)[:, :H, :W]
p = np.exp(logits - logits.max(0))
p /= p.sum(0)
np.save(os.path.join(a.out, "probs.npy"), p.astype(np.float32))
np.save(os.path.join(a.out, "unary.npy"), (-np.log(np.clip(p, 1e-5, 1))).astype(np.float32))
json.dump({"gaussian": {"sxy": 3, "compat": 3}, "bilateral": {"sxy": 80, "srgb": 13, "compat": 10}, "labels": L},
          open(os.path.join(a.out, "params.json"), "w"))
print(f"{a.out}: {W}x{H}, {L} labels")
