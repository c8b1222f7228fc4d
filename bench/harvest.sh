#!/usr/bin/env bash
# Benchmark: one harvest of COUNT (default 1000) JPEGs of 1024x768 from a local server, run RUNS
# (default 3) times with the packaged jar. Prints each run, then the median wall time, images/s,
# peak RSS, and the ratio of measured throughput to the stated bounds.
#
#   mvn -B -DskipTests package && bench/harvest.sh [COUNT] [RUNS]
#   LATENCY=50 CONCURRENCY=64 bench/harvest.sh 1000 3     # each image answered 50 ms after its request
#
# Bounds: 20 images/s per core (1024x768 JPEG, thumbnail 128x128, loopback network); with a latency
# L per request and C downloads in flight, the download stage alone needs at least COUNT*L/C.
# The heap is capped (-Xmx256m) to show memory stays bounded whatever the listing size.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
runs=${2:-3}
latency=${LATENCY:-0}
concurrency=${CONCURRENCY:-16}
bound_per_core=20
jar=target/image-harvester.jar
[ -f "$jar" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
java bench/BenchGallery.java "$count" 1024 768 "${BENCH_CACHE:-target/bench-cache}" "$latency" > "$work/server.out" &
server=$!
for _ in $(seq 1 600); do [ -s "$work/server.out" ] && break; sleep 0.5; done
url=$(head -1 "$work/server.out")
echo "serving $count images at $url, $latency ms latency; $concurrency downloads in flight"

times=(); rss=()
for run in $(seq 1 "$runs"); do
  rm -rf "$work/run" && mkdir -p "$work/run"
  /usr/bin/time -v -o "$work/time.txt" java -Xmx256m -XX:+ExitOnOutOfMemoryError \
    -Dsource.url="$url" -Dsource.format=lines -Dsource.headers= -Ddownload.allowHosts=127.0.0.1 \
    -Ddownload.concurrency="$concurrency" -Ddownload.perHostConcurrency="$concurrency" \
    -Ddownload.dir="$work/run/images" -Dthumbnail.dir="$work/run/thumbnails" -Dreport.dir="$work/run/reports" \
    -Dledger.file="$work/run/state/ledger" \
    -jar "$jar" --once > "$work/run.log" 2>&1
  line=$(grep -o 'Harvest finished:.*' "$work/run.log" || grep -o 'Harvest failed:.*' "$work/run.log")
  seconds=$(grep -o 'in [0-9.]* s$' <<< "$line" | awk '{print $2}')
  kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time.txt")
  echo "run $run: $line; peak RSS $((kb / 1024)) MB"
  times+=("$seconds"); rss+=("$kb")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
t=$(median "${times[@]}"); kb=$(median "${rss[@]}")
cores=$(nproc)
stats=$(curl -s "${url%/urls.txt}/stats" || true)
awk -v n="$count" -v t="$t" -v kb="$kb" -v c="$cores" -v b="$bound_per_core" -v l="$latency" -v cc="$concurrency" \
    -v stats="$stats" 'BEGIN {
  rate = n / t; bound = b * c
  printf "median: %d images in %.2f s = %.1f images/s; peak RSS %.0f MB (-Xmx256m); server: %s\n", n, t, rate, kb / 1024, stats
  printf "bound: %d images/s (%d/s per core x %d cores); ratio measured/bound = %.2f\n", bound, b, c, rate / bound
  if (l > 0) printf "download bound N*L/C = %.2f s; ratio measured/bound = %.2f\n", n * l / 1000 / cc, t / (n * l / 1000 / cc)
}'
