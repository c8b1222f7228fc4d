#!/usr/bin/python3
"""The tutorials' best Python pipeline: download everything with asyncio + aiohttp, then make the
thumbnails with ProcessPoolExecutor + Pillow, one stage after the other.

    python_pipeline.py URL_LIST_URL IMAGE_DIR THUMBNAIL_DIR [CONCURRENCY]
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import python_download  # noqa: E402


def main():
    source, images, thumbnails = sys.argv[1:4]
    concurrency = int(sys.argv[4]) if len(sys.argv) > 4 else 64
    os.makedirs(images, exist_ok=True)
    start = time.monotonic()
    python_download.with_asyncio(python_download.listing(source), images, concurrency)
    downloaded = time.monotonic()
    sys.argv = ["pillow_thumbnails.py", images, thumbnails]
    import pillow_thumbnails
    pillow_thumbnails.OUT = thumbnails
    pillow_thumbnails.main()
    print("python pipeline: download %.3f s, then thumbnails, %.3f s in all"
          % (downloaded - start, time.monotonic() - start))


if __name__ == "__main__":
    main()
