#!/usr/bin/env bash
# The "End to end (issue 3)" figures of benchmarks/RESULTS.md: the published appliance with its result cache off, and
# maoocr-load at 1, 2, 4 and 8 clients on the rendered evaluation set. Prints one JSON line per client count, with the
# CPU seconds the appliance process used during that run (from /proc), so that runs on a shared machine can be judged.
# Usage: benchmarks/EndToEnd/measure.sh [PORT] [DURATION_S] [IMAGES_DIR]   (from the repository root, after both publishes)
set -euo pipefail
port=${1:-18080} duration=${2:-30} images=${3:-artifacts/eval/images}
server=artifacts/publish/linux-x64/maoocr load=artifacts/publish/loadtool/maoocr-load
[ -x "$server" ] && [ -x "$load" ] && [ -d "$images" ] || { echo "publish both binaries and render $images first (see benchmarks/EndToEnd/README.md)" >&2; exit 2; }

source "$(dirname "$0")/appliance.sh"
start_appliance "$server" "$port" artifacts/e2e-server.log MAOOCR__Cache__CapacityBytes=0

# utime + stime of the appliance, in clock ticks (proc(5): fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)
for clients in 1 2 4 8; do
  before=$(cpu_ticks)
  json=$("$load" --url "ws://127.0.0.1:$port/ws/ocr" --images "$images" --clients "$clients" --duration "$duration" --warmup 10 --json | tr -d '\n ')
  after=$(cpu_ticks)
  echo "${json%\}},\"server_cpu_seconds\":$(awk "BEGIN{printf \"%.1f\", ($after - $before) / $ticks_per_second}"),\"load_average\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
done
