#!/usr/bin/python3
"""The tutorials' thumbnail step: ProcessPoolExecutor (one process per core) + Pillow's
Image.thumbnail((128, 128)), written as <stem>_thumbnail.<ext>.

    pillow_thumbnails.py IMAGE_DIR OUT_DIR [WORKERS]
"""
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from PIL import Image

OUT = sys.argv[2]


def make_thumbnail(path):
    stem, ext = os.path.splitext(os.path.basename(path))
    with Image.open(path) as image:
        image.thumbnail((128, 128))
        image.save(os.path.join(OUT, stem + "_thumbnail" + ext))


def main():
    folder = sys.argv[1]
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count()
    os.makedirs(OUT, exist_ok=True)
    paths = [os.path.join(folder, name) for name in sorted(os.listdir(folder))
             if name.lower().endswith((".jpg", ".jpeg", ".png", ".gif", ".webp"))]
    start = time.monotonic()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(make_thumbnail, paths, chunksize=4))
    print("pillow: %d thumbnails in %.3f s" % (len(paths), time.monotonic() - start))


if __name__ == "__main__":
    main()
