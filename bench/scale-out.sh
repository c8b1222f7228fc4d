#!/usr/bin/env bash
# Scale-out benchmark: the download throughput of two workers against one, each worker's concurrency capped, on the
# medium set (1,000 real photographs, bench/corpus.py) served with a per-request latency. Run on demand:
#
#   bench/scale-out.sh        # settings: RUNS=3 LATENCY=50 WORKER_C=4 WORKERS="1 2" WINDOW=0 (consumerWindowSize)
#                             # WORKER_JVM="-Xmx256m ..." BENCH_CORPUS=target/bench-corpus
#
# Each run: a fresh shared database (an H2 server), the broker embedded in the first worker, 1 or 2 workers
# (thumbnails off: this measures the download fan-out), a scheduler --once. The stage time is the image server's
# first request to its last response. Bound: two workers reach at least 1.8x the throughput of one; the ideal is
# N*L/C per worker count (1000 * 50 ms / 4 = 12.5 s for one worker, 6.25 s for two).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
latency=${LATENCY:-50}
worker_c=${WORKER_C:-4}
out=${BENCH_OUT:-$( [ -d /dev/shm ] && echo /dev/shm/image-harvester-scale-out || echo target/scale-out-bench)}
corpus=$(realpath -m "${BENCH_CORPUS:-target/bench-corpus}")
jar=$(pwd)/target/image-harvester.jar
# the README's JVM options, for the scheduler and the workers (WORKER_JVM to try others: the full JIT, C2, made two
# workers on 2 cores slower, 1.52x instead of 1.74x, its compiler threads competing with the work)
jvm=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
read -r -a worker_jvm <<< "${WORKER_JVM:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
say() { printf '%s\n' "$*" >&2; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# the broker login every node needs, from the environment (a fresh password per benchmark unless one is given)
export BROKER_USER=${BROKER_USER:-harvester}
export BROKER_PASSWORD=${BROKER_PASSWORD:-$(/usr/bin/python3 -c 'import secrets; print(secrets.token_urlsafe(18))')}

rm -rf "$out" && mkdir -p "$out"
[ -f "$jar" ] && [ -z "$(find src routes pom.xml -newer "$jar" -print -quit)" ] || { say "building the jar"; mvn -B -q -DskipTests package; }
/usr/bin/python3 bench/corpus.py "$corpus" medium >&2
count=$(wc -l < "$corpus/medium/MANIFEST")

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

java bench/ImageServer.java "$corpus/medium" "$latency" > "$out/server.out" 2>&1 & pids+=($!)
for _ in $(seq 1 100); do [ -s "$out/server.out" ] && break; sleep 0.2; done
base=$(head -1 "$out/server.out")
db_port=$(free_port)
java -cp "$jar" org.h2.tools.Server -tcp -tcpPort "$db_port" -ifNotExists -baseDir "$out/db" > "$out/db.out" 2>&1 & pids+=($!)

: > "$out/results.tsv"
for run in $(seq 1 "$runs"); do
  for workers in ${WORKERS:-1 2}; do
    dir=$out/run-$workers-$run && mkdir -p "$dir" && cp -r routes application.properties "$dir/"
    broker_port=$(free_port)
    # (one login that owns its database: the nodes make the tables themselves)
    common=(-Dledger.url="jdbc:h2:tcp://127.0.0.1:$db_port/ledger-$workers-$run" -Dledger.createSchema=true
      -Dbroker.url="tcp://127.0.0.1:$broker_port?consumerWindowSize=${WINDOW:-0}&reconnectAttempts=-1&retryInterval=200"
      -Dsource.url="$base/urls.txt" -Dsource.format=lines -Dsource.headers= -Ddownload.allowHosts=127.0.0.1
      -Ddownload.perHostConcurrency=64 -Dthumbnail.enabled=false -Dharvest.runMissed=false)
    started=()
    for w in $(seq 1 "$workers"); do
      extra=(); [ "$w" = 1 ] && extra=(-Dbroker.embedded="tcp://127.0.0.1:$broker_port" -Dbroker.embeddedDir="$dir/broker")
      (cd "$dir" && exec java "${worker_jvm[@]}" "${common[@]}" "${extra[@]}" -Dharvest.role=worker -Dworker.concurrency="$worker_c" \
        -jar "$jar" > "worker-$w.log" 2>&1) & started+=($!); pids+=($!)
      for _ in $(seq 1 150); do grep -q "Started take-job" "$dir/worker-$w.log" 2>/dev/null && break; sleep 0.2; done
    done
    sleep 2 # the consumers connect once their route has started
    curl -sf -X POST "$base/reset" > /dev/null
    (cd "$dir" && java "${jvm[@]}" "${common[@]}" -Dharvest.role=scheduler -jar "$jar" --once > scheduler.log 2>&1) \
      || { say "scheduler failed:"; tail -5 "$dir/scheduler.log" >&2; exit 1; }
    curl -sf "$base/stats" > "$dir/stats.json"
    span=$(grep -o '"span":[0-9.]*' "$dir/stats.json" | cut -d: -f2)
    saved=$(ls "$dir/images" | wc -l)
    peak=$(grep -o '"peak_in_flight":[0-9]*' "$dir/stats.json" | cut -d: -f2)
    [ "$saved" = "$count" ] || { say "run $run with $workers workers saved $saved of $count"; exit 1; }
    printf '%s\t%s\t%s\t%s\n' "$workers" "$run" "$span" "$peak" >> "$out/results.tsv"
    say "$workers worker(s), run $run: ${span} s, peak in flight $peak, $saved images"
    for p in "${started[@]}"; do kill "$p" 2>/dev/null || true; done
    wait "${started[@]}" 2>/dev/null || true
  done
done

median() { awk -F'\t' -v w="$1" '$1 == w {print $3}' "$out/results.tsv" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
one=$(median 1); two=$(median 2)
echo "Scale out: $count images (medium set) at ${latency} ms, each worker ${worker_c} consumers, thumbnails off; medians of $runs"
echo "| workers | stage s | images/s | ideal N*L/C s | vs ideal |"
echo "|---|---|---|---|---|"
for w in 1 2; do
  s=$([ "$w" = 1 ] && echo "$one" || echo "$two")
  awk -v w="$w" -v s="$s" -v n="$count" -v l="$latency" -v c="$worker_c" \
    'BEGIN {ideal = n * l / 1000 / (c * w); printf "| %d | %.3f | %.0f | %.3f | %.2f |\n", w, s, n / s, ideal, s / ideal}'
done
awk -v a="$one" -v b="$two" 'BEGIN {r = a / b; printf "Two workers: %.2fx the throughput of one (bound: >= 1.80x): %s\n", r, (r >= 1.8 ? "met" : "MISSED")}'
# what a job costs beyond its request's latency, per consumer: the broker's receive and commit, the answer, the database
awk -v s="$one" -v n="$count" -v l="$latency" -v c="$worker_c" \
  'BEGIN {printf "Per-link overhead of a job (one worker): %.1f ms beyond its %d ms of latency\n", s * c * 1000 / n - l, l}'
