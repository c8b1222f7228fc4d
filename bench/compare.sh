#!/usr/bin/env bash
# The performance harness: times the harvester side by side with the tools a user would pick instead, on a corpus
# of real photographs served from a local server with a per-request latency, verifies every output, and prints each
# figure as a ratio to the best peer and to the stated bound. Run on demand, never in the test phase:
#
#   bench/compare.sh                        # everything: every peer at 16, 64 and 128 in flight, thumbnails, memory
#   STAGES="download" RUNS=5 bench/compare.sh
#   STAGES=warm bench/compare.sh            # a runner kept up: its first harvest (warm-up) and its later ones
#   QUICK=1 bench/compare.sh                # about 12 minutes on 2 cores: issue 21's seven targets, each a ratio with
#                                           # its verdict, against asyncio, the Python pipeline and Pillow only
#
# Settings (environment): STAGES (any of: cpu warm download thumbnails end-to-end memory startup scale-out), RUNS (3;
# each figure is the median), WARM_SETS, WARM_HARVESTS, WARM_JVM_OPTS (the warm stage), THUMB_RUNS, SCALE_RUNS,
# HARVESTER_OPTS (settings of every harvester run, e.g. -Ddownload.sidecar=true, to compare a feature on and off),
# MEMORY_SETS, JAVA25 (the JDK 25 java for the start-up stage), LATENCY (50 ms per image request), CONCURRENCY (64: requests in flight for the bound and the
# end-to-end run), SWEEP (16 64 128: the peers' concurrencies tried; a peer counts at its best), BENCH_OUT (a tmpfs
# folder by default, so a busy disk does not decide the ranking; set a disk folder to include it), BENCH_CORPUS
# (target/bench-corpus), NO_INSTALL=1 (do not apt-get the peers), SEQUENTIAL=0 (skip the minute-long one-at-a-time
# Python download).
#
# Peers: the Python tutorials' versions (requests in a loop, ThreadPoolExecutor, asyncio + aiohttp, ProcessPool +
# Pillow thumbnails), aria2c -j N, curl --parallel, vipsthumbnail. They and the corpus's source photographs come from
# Debian's packages, installed here when missing (needs root or sudo).
#
# Bounds: download stage >= N*L/C (plus transfer); thumbnail stage: the peers' throughput on the same cores; end to
# end >= max(download bound, N / thumbnail throughput), since the harvester overlaps the two stages.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
quick=${QUICK:-}
if [ -n "$quick" ]; then
  stages=${STAGES:-cpu warm download end-to-end thumbnails memory startup scale-out}; SWEEP=${SWEEP:-64}
  SEQUENTIAL=${SEQUENTIAL:-0}; MEMORY_SETS=${MEMORY_SETS:-small}; SCALE_RUNS=${SCALE_RUNS:-1}; THUMB_RUNS=${THUMB_RUNS:-1}
  WARM_HARVESTS=${WARM_HARVESTS:-3}; WARM_PERIOD_SMALL=${WARM_PERIOD_SMALL:-20}
fi
stages=${stages:-${STAGES:-cpu warm download thumbnails end-to-end memory startup scale-out}}
runs=${RUNS:-3}
latency=${LATENCY:-50}
concurrency=${CONCURRENCY:-64}
sweep=${SWEEP:-16 64 128}
out=${BENCH_OUT:-$( [ -d /dev/shm ] && echo /dev/shm/image-harvester-bench || echo target/bench-out)}
corpus=$(realpath -m "${BENCH_CORPUS:-target/bench-corpus}")
cores=$(nproc)
jar=target/image-harvester.jar
# the JVM options of the launcher (./harvester, the README's run command), for the runs without it: a heap that bounds
# memory, the serial collector (no collector threads competing with downloads on small machines), and C1 only (a
# nightly harvest is short: C2's compile time costs more than it wins back)
jvm=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
py=/usr/bin/python3
results=$out/results.tsv

say() { printf '%s\n' "$*" >&2; }

install_peers() {
  local want=() p
  command -v aria2c >/dev/null || want+=(aria2)
  command -v vipsthumbnail >/dev/null || want+=(libvips-tools)
  command -v curl >/dev/null || want+=(curl)
  [ -x $py ] && $py -c 'import PIL' 2>/dev/null || want+=(python3-pil)
  [ -x $py ] && $py -c 'import aiohttp' 2>/dev/null || want+=(python3-aiohttp)
  [ -x $py ] && $py -c 'import requests' 2>/dev/null || want+=(python3-requests)
  [ -d /usr/share/wallpapers/Autumn ] || want+=(plasma-workspace-wallpapers)
  [ -d /usr/share/backgrounds/gnome ] || want+=(gnome-backgrounds)
  ldconfig -p | grep libturbojpeg >/dev/null || want+=(libturbojpeg0)  # (not grep -q: with pipefail its early exit could read as missing)
  [ ${#want[@]} -eq 0 ] && return
  [ -n "${NO_INSTALL:-}" ] && { say "missing: ${want[*]} (NO_INSTALL is set)"; exit 1; }
  say "installing the peers and the corpus sources from Debian: ${want[*]}"
  p=(); [ "$(id -u)" -ne 0 ] && p=(sudo)
  "${p[@]}" apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive "${p[@]}" apt-get install -y -q "${want[@]}" >/dev/null
}

build() {
  if [ ! -f $jar ] || [ -n "$(find src routes pom.xml -newer $jar -print -quit)" ]; then
    say "building the jar"
    mvn -B -q -DskipTests package
  fi
}

server=
serve() { # SET LATENCY_MS
  stop_server
  java bench/ImageServer.java "$corpus/$1" "$2" > "$out/server.out" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do [ -s "$out/server.out" ] && break; sleep 0.2; done
  base=$(head -1 "$out/server.out")
  count=$(wc -l < "$corpus/$1/MANIFEST")
  curl -sf "$base/urls.txt" > "$out/urls.txt"
}
stop_server() { [ -n "$server" ] && kill "$server" 2>/dev/null; server=; return 0; }
stat_of() { grep -o "\"$1\":[0-9.]*" "$out/stats.json" | cut -d: -f2; }

# run STAGE TOOL C COMMAND...: one timed run, with the server's view of it; appends a row to results.tsv
run() {
  local stage=$1 tool=$2 c=$3; shift 3
  curl -sf -X POST "$base/reset" > /dev/null
  rm -rf "$out/run" && mkdir -p "$out/run/images" "$out/run/thumbnails"
  cp -r routes application.properties "$out/run/"  # the harvester's working folder
  local started; started=$(date +%s%3N)
  if ! (cd "$out/run" && /usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" "$@" > "$out/tool.log" 2>&1); then
    say "$tool failed:"; tail -5 "$out/tool.log" >&2; return 1
  fi
  curl -sf "$base/stats" > "$out/stats.json"
  local wall rss inside first user sys
  read -r wall rss user sys < <(tail -1 "$out/time.txt")
  # the stage time a tool reports itself (thumbnails), else the server's first request to last response
  inside=$(grep -o 'in [0-9.]* s' "$out/tool.log" | tail -1 | awk '{print $2}' || true)
  first=$(stat_of first_ms)
  # columns: stage tool C wall-s RSS-MB span-s peak-in-flight stage-s-as-reported first-request-ms cpu-s (user + sys)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$stage" "$tool" "$c" "$wall" "$((rss / 1024))" "$(stat_of span)" \
    "$(stat_of peak_in_flight)" "${inside:-}" "$([ "${first:-0}" -gt 0 ] && echo $((first - started)) || echo)" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" >> "$results"
}

verify_images() { $py bench/verify.py images "$corpus/$1" "$2" | tee -a "$out/verify.txt" | sed "s/^/  $3 /" >&2; }
verify_thumbnails() {
  $py bench/verify.py thumbnails "$1" "$2" "${4:-1}" | tee -a "$out/verify.txt" | sed "s/^/  $3 /" >&2
}

# sets cmd to the harvester's command line, the README's: ./harvester --once (its JVM options and its class-data
# cache, kept in $out/jvm), listing from the server; OPTIONS... are added to the JVM's (JAVA_OPTS)
harvester() {
  cmd=(env HARVESTER_CACHE="$out/jvm" JAVA_OPTS="${HARVESTER_OPTS:-} $* -Dsource.url=${listing:-$base/urls.txt} -Dsource.format=lines
    -Dsource.headers= -Ddownload.allowHosts=127.0.0.1 -Dharvest.runMissed=false" "$root/harvester" --once)
}
# sets cmd to java OPTIONS... -jar image-harvester.jar --once, without the launcher
java_jar() {
  cmd=(java ${HARVESTER_OPTS:-} "$@" -Dsource.url="${listing:-$base/urls.txt}" -Dsource.format=lines -Dsource.headers= \
    -Ddownload.allowHosts=127.0.0.1 -Dharvest.runMissed=false -jar "$root/$jar" --once)
}

# the launcher's first run on a new jar writes its class-data cache: one harvest of 100 images, thumbnails on, as a
# user's first night would, so every figure after it is of a runner with its cache
train() {
  serve medium 0
  head -100 "$out/urls.txt" > "$out/train.txt"
  rm -rf "$out/jvm"
  say "== training run: the launcher writes its class-data cache"
  local listing="file:$out/train.txt"
  harvester; run training launcher 1 "${cmd[@]}"
  stop_server
}

# median of column COL for rows matching STAGE and TOOL (and C when given)
median() {
  awk -F'\t' -v s="$1" -v t="$2" -v c="${4:-}" -v col="$3" '$1 == s && $2 == t && (c == "" || $3 == c) && $col != "" {print $col}' \
    "$results" | sort -g | awk '{a[NR] = $1} END {if (NR) print a[int((NR + 1) / 2)]}'
}

download_stage() {
  local set=medium c tool n
  serve $set "$latency"
  say "== download stage: $count images of '$set' at ${latency} ms latency (median of $runs; sequential: 1 run)"
  if [ "${SEQUENTIAL:-1}" = 1 ]; then
    run download python-sequential 1 $py "$root/bench/peers/python_download.py" sequential "$base/urls.txt" images
    verify_images $set "$out/run/images" python-sequential
  fi
  for c in $sweep; do
    for n in $(seq 1 "$runs"); do
      [ -z "$quick" ] && run download python-threads "$c" $py "$root/bench/peers/python_download.py" threads "$base/urls.txt" images "$c"
      [ -z "$quick" ] && [ "$n" = 1 ] && verify_images $set "$out/run/images" "python-threads C=$c"
      run download python-asyncio "$c" $py "$root/bench/peers/python_download.py" asyncio "$base/urls.txt" images "$c"
      [ "$n" = 1 ] && verify_images $set "$out/run/images" "python-asyncio C=$c"
      if [ -z "$quick" ]; then
        run download aria2c "$c" aria2c -q -j "$c" -i "$out/urls.txt" -d images --file-allocation=none \
          --auto-file-renaming=false --allow-overwrite=true
        [ "$n" = 1 ] && verify_images $set "$out/run/images" "aria2c C=$c"
        awk '{n = $0; sub(/.*\//, "", n); printf "url = \"%s\"\noutput = \"images/%s\"\n", $0, n}' "$out/urls.txt" > "$out/curl.cfg"
        run download curl-parallel "$c" curl -sf --parallel --parallel-max "$c" -K "$out/curl.cfg"
        [ "$n" = 1 ] && verify_images $set "$out/run/images" "curl-parallel C=$c"
      fi
      harvester -Ddownload.concurrency="$c" -Ddownload.perHostConcurrency="$c" -Dthumbnail.enabled=false
      run download harvester "$c" "${cmd[@]}"
      [ "$n" = 1 ] && verify_images $set "$out/run/images" "harvester C=$c"
    done
  done
  stop_server
}

# CPU seconds (user + sys) of the whole process per image, thumbnails off: the harvester's minus those of a run with an
# empty listing (its start-up), against the asyncio + aiohttp script's whole process (interpreter start included)
cpu_per_image() {
  local set n
  for set in medium small; do
    serve $set "$latency"
    : > "$out/empty.txt"; cp "$out/urls.txt" "$out/listing.txt"
    say "== CPU per image: $count images ('$set') at ${latency} ms latency, C=$concurrency, thumbnails off (median of $runs)"
    for n in $(seq 1 "$runs"); do
      run "cpu-$set" python-asyncio "$concurrency" $py "$root/bench/peers/python_download.py" asyncio "$base/urls.txt" \
        images "$concurrency"
      listing="file:$out/empty.txt" harvester -Dthumbnail.enabled=false
      run "cpu-$set" harvester-empty-listing "$concurrency" "${cmd[@]}"
      listing="file:$out/listing.txt" harvester -Ddownload.concurrency="$concurrency" \
        -Ddownload.perHostConcurrency="$concurrency" -Dthumbnail.enabled=false
      run "cpu-$set" harvester "$concurrency" "${cmd[@]}"
      [ "$n" = 1 ] && verify_images $set "$out/run/images" "harvester ($set)"
    done
    eval "count_$set=$count"
  done
  stop_server
}

# A runner kept up (issue 21): ./harvester started once with a cron, thumbnails off, its listing a file whose links
# are new at each harvest (a query per harvest: every body fetched and written again); the CPU of each harvest read
# from /proc between harvests. Its first harvest is the warm-up, the later ones the steady state. Against the asyncio
# script's marginal CPU: its run minus its run on an empty gallery. WARM_HARVESTS (4) harvests a set; the cron fires
# every WARM_PERIOD_MEDIUM (10) and WARM_PERIOD_SMALL (30) seconds.
process_cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # user + sys, in clock ticks
# keep_up STAGE PERIOD OPTIONS...: one ./harvester kept up on a cron every PERIOD seconds, its listing the served set's
# links with a query new at each harvest (every body fetched and written again), WARM_HARVESTS (4) harvests; per
# harvest a row: its CPU (from /proc, between harvests) and its wall time (the runner's own "in N s"). The images of a
# harvest are deleted before the next (the tmpfs holds one harvest at a time).
keep_up() {
  local stage=$1 period=$2 h pid before after harvests=${WARM_HARVESTS:-4} hz wall; shift 2
  hz=$(getconf CLK_TCK)
  rm -rf "$out/run" && mkdir -p "$out/run/images" "$out/run/thumbnails"
  cp -r routes application.properties "$out/run/"
  sed 's/$/?harvest=1/' "$out/urls.txt" > "$out/warm.txt"
  local listing="file:$out/warm.txt"
  harvester "$@" -Dsource.maxLinks=20000
  unset 'cmd[${#cmd[@]}-1]'  # (no --once: it stays up)
  (cd "$out/run" && HARVEST_CRON="0/$period * * * * ?" exec "${cmd[@]}" > "$out/warm.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 300); do grep -aq "Image harvester ready" "$out/warm.log" && break; sleep 0.1; done
  before=$(process_cpu $pid)
  for h in $(seq 1 "$harvests"); do
    for _ in $(seq 1 $((period * 40))); do
      [ "$(grep -ac 'Harvest finished' "$out/warm.log")" -ge "$h" ] && break; sleep 0.05
    done
    after=$(process_cpu $pid)
    grep -a 'Harvest finished' "$out/warm.log" | tail -1 | sed 's/.*Harvest finished: /  harvest '"$h"': /' >&2
    wall=$(grep -a 'Harvest finished' "$out/warm.log" | tail -1 | grep -o 'in [0-9.]* s' | awk '{print $2}' || true)
    printf '%s\t%s\t%s\t%s\t\t\t\t\t\t%s\n' "$stage" "harvester-$([ "$h" = 1 ] && echo first || echo later)" \
      "$concurrency" "$wall" "$(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN {print t / hz}')" >> "$results"
    before=$after
    sed 's/$/?harvest='"$((h + 1))"'/' "$out/urls.txt" > "$out/warm.txt"
    find "$out/run/images" "$out/run/thumbnails" -type f -delete
  done
  # (a runner that does not stop within 10 s is killed: it must not harvest into the next stage's folder)
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
}

# A runner kept up (issue 21): its first harvest is the warm-up, the later ones the steady state, thumbnails off.
# Against the asyncio script's marginal CPU: its run minus its run on an empty gallery. The cron fires every
# WARM_PERIOD_MEDIUM (10) and WARM_PERIOD_SMALL (30) seconds; WARM_SETS (medium small); WARM_JVM_OPTS: options for
# the runner alone (a profiler agent, a setting to try).
warm_per_image() {
  local set n period
  for set in ${WARM_SETS:-medium small}; do
    serve $set "$latency"
    : > "$out/empty.txt"
    say "== warm: a runner kept up, $count images ('$set') a harvest, every link new each time, thumbnails off, C=$concurrency"
    for n in $(seq 1 "$runs"); do
      run "warm-$set" python-asyncio-empty "$concurrency" $py "$root/bench/peers/python_download.py" asyncio \
        "file://$out/empty.txt" images "$concurrency"
      run "warm-$set" python-asyncio "$concurrency" $py "$root/bench/peers/python_download.py" asyncio "$base/urls.txt" \
        images "$concurrency"
    done
    period=$([ "$set" = small ] && echo "${WARM_PERIOD_SMALL:-30}" || echo "${WARM_PERIOD_MEDIUM:-10}")
    # shellcheck disable=SC2086
    keep_up "warm-$set" "$period" ${WARM_JVM_OPTS:-} -Ddownload.concurrency="$concurrency" \
      -Ddownload.perHostConcurrency="$concurrency" -Dthumbnail.enabled=false
    eval "count_$set=$count"
  done
  stop_server
}

# the thumbnail stage alone, as each tool reports it: the large and medium sets, and their PNGs on their own (the
# harvester decodes PNGs through ImageIO, JPEGs through libjpeg-turbo)
thumbnail_stage() {
  local set n dir f
  rm -rf "$out/png" && mkdir -p "$out/png"
  for f in "$corpus"/large/*.png "$corpus"/medium/*.png; do ln -s "$f" "$out/png/$(basename "$(dirname "$f")")-$(basename "$f")"; done
  for set in large medium png; do
    dir=$corpus/$set; [ "$set" = png ] && dir=$out/png
    say "== thumbnail stage: '$set' ($(find -L "$dir" -name '*.jpg' -o -name '*.png' | wc -l) images), $cores cores"
    serve medium 0  # only so run() has a server to ask; nothing is downloaded
    for n in $(seq 1 "${THUMB_RUNS:-$runs}"); do
      run "thumbnails-$set" pillow-processpool "$cores" $py "$root/bench/peers/pillow_thumbnails.py" \
        "$dir" thumbnails "$cores"
      [ "$n" = 1 ] && verify_thumbnails "$dir" "$out/run/thumbnails" pillow-processpool 1
      run "thumbnails-$set" vipsthumbnail "$cores" sh -c "ls '$dir'/*.jpg '$dir'/*.png 2>/dev/null \
        | VIPS_CONCURRENCY=1 xargs -P $cores -n 16 vipsthumbnail -s 128x128 -o '$out/run/thumbnails/%s_thumbnail.jpg'"
      [ "$n" = 1 ] && verify_thumbnails "$dir" "$out/run/thumbnails" vipsthumbnail 1
      # a fresh JVM (what one --once run sees) and the third round in the same JVM (a runner that stays up)
      run "thumbnails-$set" harvester "$cores" java "${jvm[@]}" -cp "$root/$jar" "$root/bench/ThumbnailStage.java" \
        "$dir" thumbnails "$cores" 3
      grep -o 'round 1: .* in [0-9.]* s' "$out/tool.log" | awk -v s="thumbnails-$set" -v c="$cores" \
        '{print s "\tharvester-fresh-jvm\t" c "\t\t\t\t\t" $(NF-1) "\t"}' >> "$results"
      [ "$n" = 1 ] && verify_thumbnails "$dir" "$out/run/thumbnails" harvester 1
    done
  done
  stop_server
}

end_to_end() {
  local n
  serve medium "$latency"
  say "== end to end: download + thumbnails of $count images at ${latency} ms latency, whole process"
  for n in $(seq 1 "$runs"); do
    run end-to-end python-pipeline "$concurrency" $py "$root/bench/peers/python_pipeline.py" "$base/urls.txt" \
      images thumbnails "$concurrency"
    [ "$n" = 1 ] && verify_images medium "$out/run/images" python-pipeline && \
      verify_thumbnails "$out/run/images" "$out/run/thumbnails" python-pipeline 10
    harvester -Ddownload.concurrency="$concurrency" -Ddownload.perHostConcurrency="$concurrency"
    run end-to-end harvester "$concurrency" "${cmd[@]}"
    [ "$n" = 1 ] && verify_images medium "$out/run/images" harvester && \
      verify_thumbnails "$out/run/images" "$out/run/thumbnails" harvester 10
  done
  # a runner kept up, thumbnails on: each harvest's own time (its later ones: compiled) against the same pipeline
  say "== end to end, a runner kept up: $count images a harvest, every link new each time, thumbnails on"
  keep_up end-to-end-warm "${E2E_PERIOD:-15}" -Ddownload.concurrency="$concurrency" \
    -Ddownload.perHostConcurrency="$concurrency"
  stop_server
}

memory() {
  local set
  for set in ${MEMORY_SETS:-medium small}; do
    serve $set "$latency"
    say "== memory: harvest of $count images ('$set'), peak RSS"
    harvester -Ddownload.concurrency="$concurrency" -Ddownload.perHostConcurrency="$concurrency"
    run "memory-$set" harvester "$concurrency" "${cmd[@]}"
    verify_images $set "$out/run/images" harvester
  done
  stop_server
}

startup() {
  local n
  serve medium 0
  head -1 "$out/urls.txt" > "$out/one.txt"
  say "== start-up: from the command to the first image request (median of $runs)"
  local listing="file:$out/one.txt"
  # JDK 25 (JAVA25: its java; the launcher's AOT cache instead of CDS, in a folder of its own, written by a first run)
  local j25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
  if [ -x "$j25" ]; then
    rm -rf "$out/jvm25"
    harvester -Dthumbnail.enabled=false; cmd=(env "${cmd[@]:1:2}" JAVA="$j25" HARVESTER_CACHE="$out/jvm25" "${cmd[@]:3}")
    run startup-training "./harvester, JDK 25" 1 "${cmd[@]}"
  fi
  for n in $(seq 1 "$runs"); do
    java_jar -Dthumbnail.enabled=false; run startup "plain java -jar" 1 "${cmd[@]}"
    java_jar "${jvm[@]}" -Dthumbnail.enabled=false; run startup "java -jar, launcher options" 1 "${cmd[@]}"
    harvester -Dthumbnail.enabled=false; run startup "./harvester (its cache)" 1 "${cmd[@]}"
    if [ -x "$j25" ]; then
      harvester -Dthumbnail.enabled=false; cmd=(env "${cmd[@]:1:2}" JAVA="$j25" HARVESTER_CACHE="$out/jvm25" "${cmd[@]:3}")
      run startup "./harvester, JDK 25" 1 "${cmd[@]}"
    fi
  done
  stop_server
}

# bench/scale-out.sh (one worker, then two, on the medium set), its figures taken from its report
scale_out() {
  say "== scale out: bench/scale-out.sh (RUNS=${SCALE_RUNS:-$runs})"
  RUNS=${SCALE_RUNS:-$runs} LATENCY=$latency BENCH_CORPUS=$corpus bash bench/scale-out.sh > "$out/scale-out.txt" 2> "$out/scale-out.log" \
    || { say "scale-out failed:"; tail -5 "$out/scale-out.log" >&2; return 1; }
  cat "$out/scale-out.txt" >&2
}

# target LINE VALUE BOUND (max|min): appends LINE with its verdict against BOUND to the targets
target() {
  awk -v line="$1" -v v="$2" -v b="$3" -v k="$4" 'BEGIN {ok = (k == "max" ? v <= b : v >= b);
    printf "%s: %s\n", line, (v == "" ? "not measured" : (ok ? "met" : "MISSED"))}' >> "$out/targets.txt"
}

report() {
  local best bound
  echo
  echo "image-harvester benchmark, $(date -u +%Y-%m-%d), $cores cores, $(java -version 2>&1 | head -1), output on $out"
  : > "$out/targets.txt"
  if grep -q '^cpu-' "$results"; then
    echo
    echo "CPU per image (user + sys, whole process), thumbnails off, C=$concurrency, ${latency} ms latency. harvester: its run"
    echo "minus a run with an empty listing (its start-up); python-asyncio: its whole process, interpreter start included."
    printf '%-8s %7s %15s %17s %18s %7s\n' set images asyncio-ms/img harvester-ms/img harvester-start-cpu ratio
    for set in medium small; do
      grep -q "^cpu-$set" "$results" || continue
      local n a h e; n=$(eval echo "\${count_$set:-0}")
      a=$(median "cpu-$set" python-asyncio 10); h=$(median "cpu-$set" harvester 10); e=$(median "cpu-$set" harvester-empty-listing 10)
      awk -v set="$set" -v n="$n" -v a="$a" -v h="$h" -v e="$e" 'BEGIN {pa = a * 1000 / n; ph = (h - e) * 1000 / n;
        printf "%-8s %7d %15.2f %17.2f %17.2fs %7.2f\n", set, n, pa, ph, e, ph / pa}'
      local r bound; r=$(awk -v a="$a" -v h="$h" -v e="$e" 'BEGIN {printf "%.2f", (h - e) / a}')
      bound=$([ "$set" = small ] && echo 1.5 || echo 2.0)
      target "$(awk -v set="$set" -v n="$n" -v a="$a" -v h="$h" -v e="$e" -v r="$r" -v b="$bound" 'BEGIN {
        printf "target 2, cold (%s): --once CPU per image %.2f ms = %.2fx asyncio'"'"'s whole process (%.2f ms) (at most %s)",
        set, (h - e) * 1000 / n, r, a * 1000 / n, b}')" "$r" "$bound" max
    done
  fi
  if grep -q '^warm-' "$results"; then
    echo
    echo "Warm: one runner kept up (a cron; every link new at each harvest), thumbnails off, C=$concurrency, ${latency} ms"
    echo "latency, CPU (user + sys) of each harvest; asyncio: its run minus its run on an empty gallery (medians)."
    printf '%-8s %7s %15s %19s %19s %11s %11s\n' set images asyncio-ms/img first-harvest-ms/img later-harvests-ms/img \
      first-ratio later-ratio
    for set in medium small; do
      grep -q "^warm-$set" "$results" || continue
      local n a e f l; n=$(eval echo "\${count_$set:-0}")
      a=$(median "warm-$set" python-asyncio 10); e=$(median "warm-$set" python-asyncio-empty 10)
      f=$(median "warm-$set" harvester-first 10); l=$(median "warm-$set" harvester-later 10)
      awk -v set="$set" -v n="$n" -v a="$a" -v e="$e" -v f="$f" -v l="$l" 'BEGIN {pa = (a - e) * 1000 / n;
        printf "%-8s %7d %15.2f %19.2f %19.2f %11.2f %11.2f\n", set, n, pa, f * 1000 / n, l * 1000 / n,
        f * 1000 / n / pa, l * 1000 / n / pa}'
      target "$(awk -v set="$set" -v n="$n" -v a="$a" -v e="$e" -v l="$l" 'BEGIN {
        printf "target 1, warm (%s): a kept-up runner'"'"'s later harvests %.2f ms CPU per image = %.2fx asyncio'"'"'s marginal (%.2f ms) (at most 0.8)",
        set, l * 1000 / n, l / (a - e), (a - e) * 1000 / n}')" "$(awk -v a="$a" -v e="$e" -v l="$l" -v n="$n" 'BEGIN {printf "%.2f", l / (a - e)}')" 0.8 max
    done
  fi
  if grep -q '^download' "$results"; then
    bound=$(awk -v n="$count_medium" -v l="$latency" -v c="$concurrency" 'BEGIN {printf "%.3f", n * l / 1000 / c}')
    best=$(for t in python-threads python-asyncio aria2c curl-parallel; do for c in $sweep; do
      median download $t 6 $c; done; done | sort -g | head -1)
    echo
    echo "Download stage: $count_medium images (medium set), ${latency} ms latency. Stage time = the server's first request"
    echo "to last response. Bound N*L/C at C=$concurrency: ${bound} s. Best peer: ${best} s."
    printf '%-20s %5s %9s %9s %8s %7s %9s %12s\n' tool C stage-s images/s peak RSS-MB vs-best vs-N*L/C
    awk -F'\t' '$1 == "download" {print $2 "\t" $3}' "$results" | sort -u | sort -t$'\t' -k1,1 -k2,2n | \
    while IFS=$'\t' read -r t c; do
      local s; s=$(median download "$t" 6 "$c")
      awk -v t="$t" -v c="$c" -v s="$s" -v b="$best" -v n="$count_medium" -v l="$latency" -v p="$(median download "$t" 7 "$c")" \
        -v r="$(median download "$t" 5 "$c")" 'BEGIN {printf "%-20s %5s %9.3f %9.0f %8s %7s %9.2f %12.2f\n", t, c, s, n / s, p, r, s / b, s / (n * l / 1000 / c)}'
    done
  fi
  if grep -q '^download' "$results"; then
    local h64 b64; h64=$(median download harvester 6 "$concurrency")
    b64=$(for t in python-threads python-asyncio aria2c curl-parallel; do median download $t 6 "$concurrency"; done | grep . | sort -g | head -1)
    [ -n "$h64" ] && target "$(awk -v h="$h64" -v b="$b64" -v n="$count_medium" -v l="$latency" -v c="$concurrency" 'BEGIN {
      printf "target 3, download stage at C=%d: %.3f s = %.2fx N*L/C (at most 1.3; %.2fx the best peer)", c, h, h / (n * l / 1000 / c), h / b}')" \
      "$(awk -v h="$h64" -v n="$count_medium" -v l="$latency" -v c="$concurrency" 'BEGIN {printf "%.2f", h / (n * l / 1000 / c)}')" 1.3 max
  fi
  for set in large medium png; do
    grep -q "^thumbnails-$set" "$results" || continue
    local n; n=$(find -L "$([ "$set" = png ] && echo "$out/png" || echo "$corpus/$set")" -name '*.jpg' -o -name '*.png' | wc -l)
    best=$(for t in pillow-processpool vipsthumbnail; do median "thumbnails-$set" $t 8; median "thumbnails-$set" $t 4; done | \
      grep . | sort -g | head -1)
    echo
    echo "Thumbnail stage, '$set' ($n images), $cores threads or processes. Stage time as the tool reports it (vipsthumbnail:"
    echo "wall time). harvester = the same JVM's third round; harvester-fresh-jvm = its first round. Best peer: ${best} s."
    printf '%-22s %9s %9s %8s\n' tool stage-s images/s vs-best
    for t in pillow-processpool vipsthumbnail harvester harvester-fresh-jvm; do
      local s; s=$(median "thumbnails-$set" $t 8); [ -n "$s" ] || s=$(median "thumbnails-$set" $t 4)
      [ -n "$s" ] && awk -v t="$t" -v s="$s" -v b="$best" -v n="$n" 'BEGIN {printf "%-22s %9.3f %9.0f %8.2f\n", t, s, n / s, s / b}'
    done
    if [ "$set" = medium ]; then thumb_rate=$(awk -v n="$n" -v s="$(median thumbnails-medium harvester-fresh-jvm 8)" 'BEGIN {print n / s}'); fi
  done
  if grep -q '^end-to-end' "$results"; then
    local h p dl th
    h=$(median end-to-end harvester 4); p=$(median end-to-end python-pipeline 4)
    dl=$(awk -v n="$count_medium" -v l="$latency" -v c="$concurrency" 'BEGIN {print n * l / 1000 / c}')
    th=$(awk -v n="$count_medium" -v r="${thumb_rate:-0}" 'BEGIN {print (r > 0 ? n / r : 0)}')
    echo
    echo "End to end: $count_medium images at ${latency} ms latency, C=$concurrency, download + thumbnails, whole process"
    if [ -n "${thumb_rate:-}" ]; then
      echo "(JVM or interpreter start included). Bound: max(N*L/C = ${dl} s, N / harvester thumbnail rate = ${th} s)."
    else
      echo "(JVM or interpreter start included). Bound: N*L/C = ${dl} s (the thumbnail stage was not run for its rate)."
    fi
    printf '%-18s %8s %7s %12s %9s\n' tool wall-s RSS-MB vs-python vs-bound
    for t in python-pipeline harvester; do
      local s; s=$(median end-to-end $t 4)
      awk -v t="$t" -v s="$s" -v p="$p" -v dl="$dl" -v th="$th" -v r="$(median end-to-end $t 5)" \
        'BEGIN {b = dl > th ? dl : th; printf "%-18s %8.2f %7s %12.2f %9.2f\n", t, s, r, s / p, (b > 0 ? s / b : 0)}'
    done
    target "$(awk -v h="$h" -v p="$p" 'BEGIN {printf "target 4, end to end --once: %.2f s = %.2fx the Python pipeline (at most 1.0)", h, h / p}')" \
      "$(awk -v h="$h" -v p="$p" 'BEGIN {printf "%.2f", h / p}')" 1.0 max
    local w; w=$(median end-to-end-warm harvester-later 4)
    if [ -n "$w" ]; then
      printf '%-18s %8.2f %7s %12.2f\n' "harvester, kept up" "$w" "" "$(awk -v w="$w" -v p="$p" 'BEGIN {print w / p}')"
      echo "(kept up: a runner on a cron, its later harvests' own time, every link new; first harvest $(median end-to-end-warm harvester-first 4) s)"
      target "$(awk -v w="$w" -v p="$p" 'BEGIN {printf "target 4, end to end kept up: later harvests %.2f s = %.2fx the Python pipeline (at most 0.8)", w, w / p}')" \
        "$(awk -v w="$w" -v p="$p" 'BEGIN {printf "%.2f", w / p}')" 0.8 max
    fi
  fi
  if grep -q '^memory' "$results"; then
    echo
    echo "Memory: peak RSS of a whole harvest (download + thumbnails), ${jvm[*]}"
    for set in medium small; do
      awk -F'\t' -v s="memory-$set" -v set="$set" '$1 == s {printf "%-8s %6s MB  (%s s)\n", set, $5, $4}' "$results"
    done
  fi
  if grep -q '^startup' "$results"; then
    echo
    echo "Start-up: milliseconds from 'java -jar' to the first image request"
    for t in "plain java -jar" "java -jar, launcher options" "./harvester (its cache)"; do
      printf '%-28s %6s ms\n' "$t" "$(median startup "$t" 9)"
    done
    printf '%-28s %6s ms\n' "./harvester, JDK 25" "$(median startup "./harvester, JDK 25" 9)"
    local s17 s25; s17=$(median startup "./harvester (its cache)" 9); s25=$(median startup "./harvester, JDK 25" 9)
    target "target 7, start-up to the first request with ./harvester, JDK 17: ${s17} ms (at most 1000)" "$s17" 1000 max
    [ -n "$s25" ] && target "target 7, start-up to the first request with ./harvester, JDK 25: ${s25} ms (at most 1000)" "$s25" 1000 max
  fi
  local rss
  rss=$(median end-to-end harvester 5); [ -n "$rss" ] || rss=$(awk -F'\t' '$1 == "memory-medium" {print $5}' "$results" | tail -1)
  [ -n "$rss" ] && target "target 7, peak RSS of a 1,000-image harvest, thumbnails on: ${rss} MB (under 300)" "$rss" 299 max
  rss=$(awk -F'\t' '$1 == "memory-small" {print $5}' "$results" | tail -1)
  [ -n "$rss" ] && target "target 7, peak RSS of a 10,000-image harvest, thumbnails on: ${rss} MB (under 300)" "$rss" 299 max
  for set in large medium png; do
    local hw pp; hw=$(median "thumbnails-$set" harvester 8); pp=$(median "thumbnails-$set" pillow-processpool 8)
    [ -n "$hw" ] && [ -n "$pp" ] && target "$(awk -v s="$set" -v h="$hw" -v p="$pp" 'BEGIN {
      printf "target 5, thumbnails (%s): the harvester warm %.3f s = %.2fx the throughput of Pillow (%.3f s) (at least 1.0)",
      (s == "png" ? "the PNGs of large and medium" : s), h, p / h, p}')" "$(awk -v h="$hw" -v p="$pp" 'BEGIN {printf "%.2f", p / h}')" 1.0 min
  done
  if [ -s "$out/scale-out.txt" ]; then
    echo
    cat "$out/scale-out.txt"
    local two cpu; two=$(grep -o 'Two workers: [0-9.]*x' "$out/scale-out.txt" | grep -o '[0-9.]*' | head -1)
    cpu=$(grep -o 'CPU a job costs beyond its download: [0-9.-]* ms' "$out/scale-out.txt" | grep -o '[0-9.-]* ms' | cut -d' ' -f1)
    target "target 6, scale out: two workers ${two}x the throughput of one (at least 1.8)" "$two" 1.8 min
    [ -n "$cpu" ] && target "target 6, scale out: CPU a job costs across all processes beyond its own download ${cpu} ms a link (at most 5)" "$cpu" 5 max
  fi
  if [ -s "$out/targets.txt" ]; then
    echo
    echo "Targets (issue 21), from this run:"
    sort -s -k2,2n "$out/targets.txt"
  fi
  echo
  local checked failed
  checked=$(grep -c . "$out/verify.txt" 2>/dev/null || true)
  failed=$(grep -c -E 'MISMATCH|FAILED' "$out/verify.txt" 2>/dev/null || true)
  echo "Checks: ${checked:-0} outputs verified, ${failed:-0} failed"
}

mkdir -p "$out"
trap stop_server EXIT
install_peers
build
$py bench/corpus.py "$corpus" large medium $([[ " $stages " == *" memory "* || " $stages " == *" cpu "* || " $stages " == *" warm "* ]] && echo small) >&2
count_medium=$(wc -l < "$corpus/medium/MANIFEST")
: > "$results"; : > "$out/verify.txt"
[ "$stages" = thumbnails ] || train
for stage in $stages; do
  case $stage in
    cpu) cpu_per_image ;;
    warm) warm_per_image ;;
    download) download_stage ;;
    thumbnails) thumbnail_stage ;;
    end-to-end) end_to_end ;;
    memory) memory ;;
    scale-out) scale_out ;;
    startup) startup ;;
    *) say "unknown stage $stage"; exit 2 ;;
  esac
done
report | tee "$out/report.txt"
