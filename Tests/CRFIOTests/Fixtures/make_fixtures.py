"""Regenerates the CRFIO test fixtures in this folder (run once; the outputs are committed).

PNGs are written by hand (zlib + struct) so every colour type, bit depth and interlace
method is exactly what the name says; JPEGs and one palette PNG come from Pillow, the .npy
files from numpy. Expected values live in the Swift tests, next to the assertions.
"""
import io
import pathlib
import struct
import zlib

import numpy as np
from PIL import Image

HERE = pathlib.Path(__file__).parent


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pack_row(samples, bit_depth):
    """One scanline's bytes from its samples (per channel, already flattened)."""
    if bit_depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    if bit_depth == 8:
        return bytes(samples)
    per_byte = 8 // bit_depth
    out = bytearray()
    for i in range(0, len(samples), per_byte):
        group = samples[i:i + per_byte]
        byte = 0
        for j, s in enumerate(group):
            byte |= s << (8 - bit_depth * (j + 1))
        out.append(byte)
    return bytes(out)


# Adam7 passes: (x start, y start, x step, y step).
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png(name, width, height, bit_depth, color_type, rows, palette=None, trns=None, interlace=False):
    """rows[y][x] is a tuple of channel samples."""
    raw = bytearray()
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        xs = range(x0, width, dx)
        for y in range(y0, height, dy):
            if len(xs) == 0:
                continue
            raw.append(0)  # filter type None
            raw += pack_row([s for x in xs for s in rows[y][x]], bit_depth)
    data = b"\x89PNG\r\n\x1a\n"
    data += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, int(interlace)))
    if palette is not None:
        data += chunk(b"PLTE", bytes(c for rgb in palette for c in rgb))
    if trns is not None:
        data += chunk(b"tRNS", bytes(trns))
    data += chunk(b"IDAT", zlib.compress(bytes(raw)))
    data += chunk(b"IEND", b"")
    (HERE / name).write_bytes(data)


def pngs():
    png("rgb8.png", 3, 2, 8, 2, [[(255, 0, 0), (0, 255, 0), (0, 0, 255)],
                                  [(10, 20, 30), (0, 0, 0), (255, 255, 255)]])
    png("rgba8.png", 2, 2, 8, 6, [[(200, 100, 50, 0), (1, 2, 3, 128)],
                                   [(40, 50, 60, 255), (255, 255, 255, 7)]])
    png("gray8.png", 3, 1, 8, 0, [[(0,), (100,), (255,)]])
    png("gray16.png", 4, 1, 16, 0, [[(0,), (25700,), (1000,), (65535,)]])
    png("gray16-labels.png", 4, 1, 16, 0, [[(0,), (1,), (2,), (255,)]])
    png("gray2.png", 4, 1, 2, 0, [[(0,), (1,), (2,), (3,)]])
    png("graya8.png", 2, 1, 8, 4, [[(10, 0), (200, 255)]])
    png("rgb16.png", 2, 1, 16, 2, [[(65535, 0, 32896), (257, 514, 771)]])
    png("palette8.png", 3, 2, 8, 3, [[(0,), (1,), (2,)], [(2,), (1,), (0,)]],
        palette=[(255, 0, 0), (0, 128, 0), (0, 0, 255)])
    png("palette4-trns.png", 6, 1, 4, 3, [[(i,) for i in range(6)]],
        palette=[(i * 40, 255 - i * 40, 7) for i in range(6)], trns=[0, 64, 255])
    png("interlaced.png", 5, 5, 8, 2, [[(x * 50, y * 50, x + y) for x in range(5)] for y in range(5)],
        interlace=True)
    # IHDR claims 100000x100000; the IDAT holds one row, so only a header check can stop it early.
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 0, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(b"\x00" * 100001)) + chunk(b"IEND", b"")
    (HERE / "huge-header.png").write_bytes(data)

    labels = Image.new("P", (4, 2))
    labels.putpalette([0, 0, 0, 128, 0, 0, 0, 128, 0, 128, 128, 0, 0, 0, 128] + [224, 224, 192] * 251)
    labels.putdata([0, 1, 2, 3, 4, 255, 0, 1])
    labels.save(HERE / "pillow-palette.png")


def quadrants(mode, colours):
    """16x16 image, one solid 8x8 block per colour (top left, top right, bottom left, bottom right)."""
    image = Image.new(mode, (16, 16))
    for i, colour in enumerate(colours):
        image.paste(colour, (8 * (i % 2), 8 * (i // 2), 8 * (i % 2) + 8, 8 * (i // 2) + 8))
    return image


def jpegs():
    quadrants("RGB", [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)]).save(HERE / "rgb.jpg", quality=95)
    quadrants("L", [0, 100, 200, 255]).save(HERE / "gray.jpg", quality=95)
    quadrants("CMYK", [(0, 255, 255, 0), (0, 0, 0, 128), (255, 0, 255, 0), (0, 0, 0, 0)]).save(
        HERE / "cmyk.jpg", quality=95)
    quadrants("RGB", [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)]).save(
        HERE / "progressive.jpg", quality=95, progressive=True)


def npys():
    a = (np.arange(24).reshape(2, 3, 4) / 4 - 2).astype(np.float32)  # exact in float32
    np.save(HERE / "f4-le.npy", a)
    np.save(HERE / "f4-1d.npy", np.array([1.5, -2.25, 3e-8, 65504, -0.0], dtype=np.float32))
    np.save(HERE / "f4-be.npy", a.astype(">f4"))
    np.save(HERE / "f8-le.npy", a.astype("<f8"))
    np.save(HERE / "f8-be-fortran.npy", np.asfortranarray(a.astype(">f8")))
    np.save(HERE / "f4-fortran.npy", np.asfortranarray(a))
    np.save(HERE / "f4-fortran-rank4.npy", np.asfortranarray(np.arange(24, dtype=np.float32).reshape(2, 3, 2, 2)))
    np.save(HERE / "u1.npy", np.arange(200, 224, dtype=np.uint8).reshape(2, 3, 4))
    for version in [(2, 0), (3, 0)]:
        with open(HERE / f"f4-v{version[0]}.npy", "wb") as f:
            np.lib.format.write_array(f, a, version=version)
    np.save(HERE / "i8.npy", np.arange(3, dtype="<i8"))
    np.save(HERE / "object.npy", np.array([1, "a"], dtype=object), allow_pickle=True)
    np.save(HERE / "rank5.npy", np.zeros((1, 1, 1, 1, 2), dtype=np.float32))
    np.save(HERE / "zero-size.npy", np.zeros((3, 0), dtype=np.float32))


def more_dtypes():
    """float16 and every integer width, and .npz archives (stored and deflate members)."""
    a = (np.arange(24).reshape(2, 3, 4) / 4 - 2).astype(np.float32)
    np.save(HERE / "f2-le.npy", a.astype("<f2"))
    ints = np.arange(24).reshape(2, 3, 4) - 12
    np.save(HERE / "i1.npy", ints.astype("i1"))
    np.save(HERE / "i2-be.npy", ints.astype(">i2"))
    np.save(HERE / "i4-le.npy", ints.astype("<i4"))
    np.save(HERE / "u2-le.npy", (ints + 60000).astype("<u2"))
    np.save(HERE / "u4-be.npy", (ints + 4000000000).astype(">u4"))
    np.save(HERE / "u8-le.npy", (ints + 2**40).astype("<u8"))
    np.savez(HERE / "stored.npz", probs=a, logits=2 * a)
    np.savez_compressed(HERE / "deflate.npz", probs=a, logits=2 * a)
    np.savez_compressed(HERE / "single.npz", a.astype(">f8"))


if __name__ == "__main__":
    pngs()
    jpegs()
    npys()
    more_dtypes()
