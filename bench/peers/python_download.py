#!/usr/bin/python3
"""The download step as the Python tutorials write it, in their three versions.

    python_download.py sequential|threads|asyncio URL_LIST_URL OUT_DIR [CONCURRENCY]

sequential: requests.get in a loop; threads: the same on a ThreadPoolExecutor(CONCURRENCY);
asyncio: aiohttp with CONCURRENCY connections. Each image is written under its URL's last segment.
"""
import asyncio
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def file_for(out, url):
    return os.path.join(out, url.rsplit("/", 1)[-1])


def sequential(urls, out, concurrency):
    import requests
    with requests.Session() as session:
        for url in urls:
            response = session.get(url, timeout=60)
            response.raise_for_status()
            with open(file_for(out, url), "wb") as f:
                f.write(response.content)


def threads(urls, out, concurrency):
    import requests
    from requests.adapters import HTTPAdapter
    session = requests.Session()
    session.mount("http://", HTTPAdapter(pool_connections=concurrency, pool_maxsize=concurrency))

    def fetch(url):
        response = session.get(url, timeout=60)
        response.raise_for_status()
        with open(file_for(out, url), "wb") as f:
            f.write(response.content)

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(fetch, urls))


def with_asyncio(urls, out, concurrency):
    import aiohttp

    async def fetch(session, url):
        async with session.get(url) as response:
            response.raise_for_status()
            body = await response.read()
        with open(file_for(out, url), "wb") as f:
            f.write(body)

    async def run():
        connector = aiohttp.TCPConnector(limit=concurrency)
        async with aiohttp.ClientSession(connector=connector) as session:
            await asyncio.gather(*(fetch(session, url) for url in urls))

    asyncio.run(run())


MODES = {"sequential": sequential, "threads": threads, "asyncio": with_asyncio}


def listing(url):
    import urllib.request
    with urllib.request.urlopen(url) as response:
        return [line.strip() for line in response.read().decode().splitlines() if line.strip()]


def main():
    mode, source, out = sys.argv[1:4]
    concurrency = int(sys.argv[4]) if len(sys.argv) > 4 else 16
    os.makedirs(out, exist_ok=True)
    start = time.monotonic()
    MODES[mode](listing(source), out, concurrency)
    print("python %s: downloaded in %.3f s" % (mode, time.monotonic() - start))


if __name__ == "__main__":
    main()
