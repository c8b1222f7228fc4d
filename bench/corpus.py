#!/usr/bin/python3
"""Generates the benchmark corpus from real photographs and artwork shipped by Debian's
plasma-workspace-wallpapers and gnome-backgrounds packages: each image is a crop of one source,
resized and re-encoded, all choices drawn from a seeded generator, so the same packages give the
same corpus on every machine.

    bench/corpus.py OUT_DIR            # writes OUT_DIR/{large,medium,small}/ and a manifest per set

large:  160 images, about 36 MB, mostly JPEG, long side 800 to 4000 px
medium: 1,000 images, about 200 KB each, long side 640 to 2048 px
small:  10,000 images, long side 240 to 480 px

Each set's folder gets MANIFEST (sha256, bytes, name per line), urls.txt paths and gallery.json are
made by the server. A set already complete (its MANIFEST written last) is not made again.
"""
import hashlib
import io
import os
import random
import sys

from PIL import Image

SOURCES = ["/usr/share/wallpapers", "/usr/share/backgrounds"]
SETS = {
    # name: (count, long side min, max, jpeg quality min, max, share of PNG, share of progressive JPEG)
    "large": (160, 800, 4000, 38, 54, 0.05, 0.10),
    "medium": (1000, 640, 2048, 84, 92, 0.03, 0.10),
    "small": (10000, 240, 480, 80, 90, 0.0, 0.0),
}


def sources():
    """Every distinct source picture of at least 2560 px on its long side, in a stable order."""
    seen, found = set(), []
    for root in SOURCES:
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                if not name.lower().endswith((".jpg", ".jpeg", ".png", ".webp")):
                    continue
                path = os.path.join(folder, name)
                with open(path, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
                if digest in seen:
                    continue
                seen.add(digest)
                with Image.open(path) as im:
                    if max(im.size) >= 2560:
                        found.append(path)
    if len(found) < 10:
        sys.exit("corpus: too few source pictures; install plasma-workspace-wallpapers and gnome-backgrounds")
    return found


def make_set(out, name, spec, pictures):
    count, lo, hi, qlo, qhi, png_share, progressive_share = spec
    folder = os.path.join(out, name)
    manifest = os.path.join(folder, "MANIFEST")
    if os.path.exists(manifest):
        return
    os.makedirs(folder, exist_ok=True)
    rng = random.Random("image-harvester corpus " + name)
    plans = []
    for i in range(count):
        plans.append(dict(
            index=i,
            source=i % len(pictures),
            crop=(rng.uniform(0.55, 1.0), rng.uniform(0.55, 1.0), rng.random(), rng.random()),
            long=rng.randint(lo, hi),
            png=rng.random() < png_share,
            progressive=rng.random() < progressive_share,
            quality=rng.randint(qlo, qhi)))
    lines = []
    for s, path in enumerate(pictures):
        mine = [p for p in plans if p["source"] == s]
        if not mine:
            continue
        with Image.open(path) as im:
            picture = im.convert("RGB")
        scale = 2 * hi / max(picture.size)
        if scale < 1:  # one reduction per source keeps generation quick; crops then resize from it
            picture = picture.resize((round(picture.width * scale), round(picture.height * scale)), Image.LANCZOS)
        for p in mine:
            fw, fh, fx, fy = p["crop"]
            w, h = round(picture.width * fw), round(picture.height * fh)
            x, y = round((picture.width - w) * fx), round((picture.height - h) * fy)
            crop = picture.crop((x, y, x + w, y + h))
            # PNG photos weigh megabytes; a gallery's PNGs are mostly screenshot-sized
            factor = (min(p["long"], 1000) if p["png"] else p["long"]) / max(w, h)
            image = crop.resize((max(1, round(w * factor)), max(1, round(h * factor))), Image.LANCZOS)
            buffer = io.BytesIO()
            if p["png"]:
                ext = "png"
                image.save(buffer, "PNG", optimize=False, compress_level=6)
            else:
                ext = "jpg"
                image.save(buffer, "JPEG", quality=p["quality"], progressive=p["progressive"], optimize=False)
            data = buffer.getvalue()
            file = "photo-%05d.%s" % (p["index"], ext)
            with open(os.path.join(folder, file), "wb") as f:
                f.write(data)
            lines.append((p["index"], "%s %d %s" % (hashlib.sha256(data).hexdigest(), len(data), file)))
    lines.sort()
    with open(manifest + ".tmp", "w") as f:
        f.write("".join(line + "\n" for _, line in lines))
    os.replace(manifest + ".tmp", manifest)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "target/bench-corpus"
    wanted = sys.argv[2:] or list(SETS)
    pictures = sources()
    for name in wanted:
        make_set(out, name, SETS[name], pictures)
        total = sum(int(line.split()[1]) for line in open(os.path.join(out, name, "MANIFEST")))
        count = SETS[name][0]
        print("corpus %s: %d images, %.1f MB, %.0f KB average" % (name, count, total / 1e6, total / count / 1e3))


if __name__ == "__main__":
    main()
