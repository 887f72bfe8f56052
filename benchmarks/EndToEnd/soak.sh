#!/usr/bin/env bash
# The "Soak" figures of benchmarks/RESULTS.md: the published appliance (result cache off, so that every good request is
# OCR), then maoocr-load --soak against it with the appliance's pid, then the appliance stopped. The report (text) goes to
# stderr and artifacts/soak/report.txt, the JSON with the second-by-second samples to artifacts/soak/report.json.
# Exit status: the soak's (1 when a check failed).
# Usage: benchmarks/EndToEnd/soak.sh [PORT] [DURATION_S] [CLIENTS] [IMAGES_DIR] [more maoocr-load options]
#        (from the repository root, after publishing the appliance and building or publishing maoocr-load)
set -euo pipefail
port=${1:-18090} duration=${2:-600} clients=${3:-64} images=${4:-artifacts/eval/images}
shift $(( $# < 4 ? $# : 4 ))
server=artifacts/publish/linux-x64/maoocr out=artifacts/soak
if [ -x artifacts/publish/loadtool/maoocr-load ]; then
  load=(artifacts/publish/loadtool/maoocr-load)
else
  load=(dotnet benchmarks/EndToEnd/bin/Release/net10.0/maoocr-load.dll)
fi
[ -x "$server" ] && [ -d "$images" ] || { echo "publish the appliance and render $images first (see benchmarks/EndToEnd/README.md)" >&2; exit 2; }
mkdir -p "$out"

source "$(dirname "$0")/appliance.sh"
start_appliance "$server" "$port" "$out/server.log" MAOOCR__Cache__CapacityBytes=0

echo "soak: $clients clients for $duration s against pid $server_pid (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
status=0
"${load[@]}" --soak --url "ws://127.0.0.1:$port/ws/ocr" --images "$images" --clients "$clients" --duration "$duration" \
    --server-pid "$server_pid" --json "$@" > "$out/report.json" 2> >(tee "$out/report.txt" >&2) || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exit "$status"
