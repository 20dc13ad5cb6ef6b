#!/usr/bin/env python3
"""Make a benchmark case folder for `crfview bench` and the pydensecrf reference script (pydensecrf_ref.py).

The image is a bundled sample resized to WxH or, with --photos, real photographs from
scikit-image (astronaut, coffee, rocket, immunohistochemistry, the stereo motorcycle pair):
textured content, never upscaled. A size up to 640x480 is one photo downscaled with a Lanczos
filter; a larger size is a mosaic of 512x384 crops at the photos' native scale, so the lattice
sees as many distinct colours per pixel as a real photograph does (a smooth or upscaled image
makes the lattice small and flatters the timings). The unaries come from blocky random logits
(a coarse "network" at 1/8 resolution), so both tools run the same model on the same input.
Deterministic for a seed. Needs numpy and pillow, and scikit-image for --photos
(pip install numpy pillow scikit-image).

usage: bench-case.py OUT_DIR [--size 500x375] [--labels 21] [--sample street-scene | --photos] [--seed 0]
"""
import argparse, json, os
import numpy as np
from PIL import Image

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--size", default="500x375")
ap.add_argument("--labels", type=int, default=21)
ap.add_argument("--sample", default="street-scene")
ap.add_argument("--photos", action="store_true", help="use scikit-image's photographs instead of a sample")
ap.add_argument("--seed", type=int, default=0)
a = ap.parse_args()
W, H = map(int, a.size.split("x"))
L = a.labels
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.makedirs(a.out, exist_ok=True)


def photo_tiles():
    """512x384 crops (4:3) of scikit-image's photographs at native scale, then their mirrors."""
    import skimage.data as data
    left, right, _ = data.stereo_motorcycle()
    photos = [data.coffee(), data.astronaut(), data.rocket(), data.immunohistochemistry(), left, right]
    tiles = []
    for p in photos:
        h, w = p.shape[:2]
        for y, x in ((0, 0), (h - 384, w - 512)):
            tiles.append(p[y:y + 384, x:x + 512, :3])
    return tiles + [t[:, ::-1] for t in tiles]


if a.photos:
    tiles = photo_tiles()
    if W <= 640 and H <= 480:
        # One photograph, cropped to the aspect ratio and downscaled (never enlarged).
        import skimage.data as data
        p = Image.fromarray(data.coffee())
        cw = min(p.width, p.height * W // H)
        ch = min(p.height, cw * H // W)
        image = p.crop(((p.width - cw) // 2, (p.height - ch) // 2, (p.width + cw) // 2, (p.height + ch) // 2))
        image = image.resize((W, H), Image.LANCZOS)
    else:
        canvas = np.zeros((H, W, 3), np.uint8)
        k = 0
        for y in range(0, H, 384):
            for x in range(0, W, 512):
                t = tiles[k % len(tiles)]
                k += 1
                canvas[y:y + 384, x:x + 512] = t[:min(384, H - y), :min(512, W - x)]
        image = Image.fromarray(canvas)
else:
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
