#!/usr/bin/env bash
# Two appliances side by side, measured in alternating windows (A B, B A, A B, ...), so that on a shared machine both
# see the same neighbours: a build that starts during the run slows both sides alike instead of one. Each window is the
# same fixed work, every image of the set REQUESTS_PER_CLIENT times per client (--requests, no warm-up: the engines are
# warm once ready), so throughput is that work over its wall time. Prints one JSON line per window, with the side, the
# round, the CPU seconds that appliance used and the load average.
# Usage: A=path/to/maoocr B=path/to/maoocr [A_ENV='K=V ...'] [B_ENV='K=V ...'] \
#          benchmarks/EndToEnd/compare.sh [ROUNDS] [CLIENTS] [IMAGES_DIR]        (from the repository root)
# A and B may be the same binary with different settings, e.g. B_ENV='MAOOCR__Inference__ModelRunner=batching'.
set -euo pipefail
rounds=${1:-6} clients=${2:-1} images=${3:-artifacts/eval/images}
load=artifacts/publish/loadtool/maoocr-load
[ -x "${A:?set A to an appliance binary}" ] && [ -x "${B:?set B to an appliance binary}" ] && [ -x "$load" ] && [ -d "$images" ] \
  || { echo "publish the appliances and the load tool and render $images first (see benchmarks/EndToEnd/README.md)" >&2; exit 2; }
count=$(find "$images" -maxdepth 1 -type f \( -name '*.png' -o -name '*.jpg' -o -name '*.jpeg' -o -name '*.webp' -o -name '*.bmp' -o -name '*.gif' \) | wc -l)
requests=$((count * clients * ${REQUESTS_PER_CLIENT:-1}))
mkdir -p artifacts

declare -A pid port
port[A]=18081 port[B]=18082
# shellcheck disable=SC2086 # the *_ENV variables are lists of words on purpose
env ${A_ENV:-} MAOOCR__Cache__CapacityBytes=0 "$A" serve --host 127.0.0.1 --port "${port[A]}" > artifacts/compare-A.log 2>&1 &
pid[A]=$!
# shellcheck disable=SC2086
env ${B_ENV:-} MAOOCR__Cache__CapacityBytes=0 "$B" serve --host 127.0.0.1 --port "${port[B]}" > artifacts/compare-B.log 2>&1 &
pid[B]=$!
trap 'kill "${pid[A]}" "${pid[B]}" 2>/dev/null; wait "${pid[A]}" "${pid[B]}" 2>/dev/null || true' EXIT
for side in A B; do
  for _ in $(seq 1 480); do
    curl -fs "http://127.0.0.1:${port[$side]}/readyz" > /dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:${port[$side]}/readyz" > /dev/null || { echo "appliance $side did not become ready; see artifacts/compare-$side.log" >&2; exit 1; }
  echo "# $side: $(grep -m1 'Engine ready' "artifacts/compare-$side.log" | sed 's/^[^E]*//')"
done

# utime + stime of an appliance, in clock ticks (proc(5): fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks_per_second=$(getconf CLK_TCK)
for round in $(seq 1 "$rounds"); do
  order="A B"; [ $((round % 2)) -eq 0 ] && order="B A"
  for side in $order; do
    loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
    before=$(cpu_ticks "${pid[$side]}")
    json=$("$load" --url "ws://127.0.0.1:${port[$side]}/ws/ocr" --images "$images" --clients "$clients" --requests "$requests" \
      --warmup 0 --duration 3600 --timeout 600 --json | tr -d '\n ')
    after=$(cpu_ticks "${pid[$side]}")
    echo "{\"side\":\"$side\",\"round\":$round,${json#\{}" | sed "s/}\$/,\"server_cpu_seconds\":$(awk "BEGIN{printf \"%.1f\", ($after - $before) / $ticks_per_second}"),\"load_average_before\":\"$loadavg\"}/"
  done
done
