#!/usr/bin/env bash
# The "Memory" figures of benchmarks/RESULTS.md: the appliance's resident memory (VmRSS from /proc) idle after start,
# at its peak under maoocr-load (every image of the rendered evaluation set, varied sizes, cache off), and idle again
# after the load, once Inference:ReleaseMemoryAfterIdleSeconds has passed. Prints one JSON line.
# Usage: benchmarks/EndToEnd/memory.sh [SERVER_BINARY] [PORT] [DURATION_S] [CLIENTS] [IMAGES_DIR]
#        (from the repository root, after both publishes; see benchmarks/EndToEnd/README.md)
set -euo pipefail
server=${1:-artifacts/publish/linux-x64/maoocr} port=${2:-18090} duration=${3:-60} clients=${4:-4} images=${5:-artifacts/eval/images}
load=artifacts/publish/loadtool/maoocr-load idle_release=10
[ -x "$server" ] && [ -x "$load" ] && [ -d "$images" ] || { echo "publish both binaries and render $images first (see benchmarks/EndToEnd/README.md)" >&2; exit 2; }

source "$(dirname "$0")/appliance.sh"
start_appliance "$server" "$port" artifacts/memory-server.log MAOOCR__Cache__CapacityBytes=0 MAOOCR__Inference__ReleaseMemoryAfterIdleSeconds=$idle_release

rss_mb() { awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$server_pid/status"; }
sleep 5
idle=$(rss_mb)
peak=$idle
"$load" --url "ws://127.0.0.1:$port/ws/ocr" --images "$images" --clients "$clients" --duration "$duration" --warmup 0 --json > artifacts/memory-load.json &
load_pid=$!
while kill -0 "$load_pid" 2>/dev/null; do
  now=$(rss_mb); [ "$now" -gt "$peak" ] && peak=$now
  sleep 0.5
done
wait "$load_pid"
sleep $((idle_release + 8))
after=$(rss_mb)
field() { grep -o "\"$1\":[0-9.]*" artifacts/memory-load.json | head -n1 | cut -d: -f2; }
echo "{\"server\":\"$server\",\"clients\":$clients,\"duration_s\":$duration,\"completed\":$(field completed),\"images_per_second\":$(field images_per_second),\"idle_after_start_mb\":$idle,\"peak_mb\":$peak,\"idle_after_load_mb\":$after,\"load_average\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
