#!/usr/bin/python3
"""Checks a benchmark run's output, whichever tool made it.

    verify.py images SET_DIR OUT_DIR
        every image of the set's MANIFEST is in OUT_DIR byte for byte (sha256), whatever its name
    verify.py thumbnails IMAGE_DIR THUMBNAIL_DIR [SAMPLE_EVERY]
        every image in IMAGE_DIR has one <stem>_thumbnail.<ext> that fits within 128x128 with the
        image's aspect ratio (to the pixel); every SAMPLE_EVERY-th pair is compared with a reference
        (Pillow, every pixel decoded, Lanczos to the same size): mean absolute difference and PSNR

Prints one line of figures and exits 1 when a check fails.
"""
import hashlib
import math
import os
import sys
from concurrent.futures import ProcessPoolExecutor

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp")


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def images(set_dir, out_dir):
    expected = sorted(line.split()[0] for line in open(os.path.join(set_dir, "MANIFEST")))
    files = [os.path.join(out_dir, n) for n in os.listdir(out_dir) if n.lower().endswith(IMAGE_EXTENSIONS)]
    with ProcessPoolExecutor() as pool:
        found = sorted(pool.map(sha256, files, chunksize=32))
    missing = len(set(expected) - set(found))
    ok = found == expected
    print("images: %d expected, %d found, %d missing or different, %s"
          % (len(expected), len(found), missing, "all identical" if ok else "MISMATCH"))
    return ok


def compare(pair):
    from PIL import Image, ImageChops, ImageStat
    original, thumbnail = pair
    with Image.open(thumbnail) as t:
        t = t.convert("RGB")
    with Image.open(original) as o:
        reference = o.convert("RGB").resize(t.size, Image.LANCZOS)
    stat = ImageStat.Stat(ImageChops.difference(t, reference))
    mad = sum(stat.mean) / 3
    mse = sum(v / stat.count[0] for v in stat.sum2) / 3
    return mad, (99.0 if mse == 0 else 10 * math.log10(255 ** 2 / mse))


def size_check(pair):
    from PIL import Image
    original, thumbnail = pair
    with Image.open(original) as o, Image.open(thumbnail) as t:
        w, h = o.size
        tw, th = t.size
    fit = min(128 / w, 128 / h, 1)
    good = max(tw, th) <= 128 and abs(tw - w * fit) <= 1.01 and abs(th - h * fit) <= 1.01
    return good


def thumbnails(image_dir, thumb_dir, every=1):
    stems = {}
    for name in os.listdir(image_dir):
        if name.lower().endswith(IMAGE_EXTENSIONS):
            stems[os.path.splitext(name)[0]] = os.path.join(image_dir, name)
    pairs, extra = [], 0
    for name in sorted(os.listdir(thumb_dir)):
        if not name.lower().endswith(IMAGE_EXTENSIONS):
            continue  # the harvester's index.html, say
        stem = os.path.splitext(name)[0]
        if not stem.endswith("_thumbnail") or stem[:-10] not in stems:
            extra += 1
            continue
        pairs.append((stems.pop(stem[:-10]), os.path.join(thumb_dir, name)))
    with ProcessPoolExecutor() as pool:
        sizes_ok = sum(pool.map(size_check, pairs, chunksize=32))
        sample = pairs[::every]
        quality = list(pool.map(compare, sample, chunksize=8))
    mad = sum(q[0] for q in quality) / max(1, len(quality))
    worst = max((q[0] for q in quality), default=0)
    psnr = sum(q[1] for q in quality) / max(1, len(quality))
    ok = not stems and not extra and sizes_ok == len(pairs)
    print("thumbnails: %d made, %d missing, %d unexpected, %d of the right size; against a Lanczos reference"
          " (%d compared): mean abs diff %.2f/255 (worst %.2f), PSNR %.1f dB, %s"
          % (len(pairs), len(stems), extra, sizes_ok, len(sample), mad, worst, psnr, "ok" if ok else "FAILED"))
    return ok


def main():
    what = sys.argv[1]
    if what == "images":
        ok = images(sys.argv[2], sys.argv[3])
    else:
        ok = thumbnails(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
