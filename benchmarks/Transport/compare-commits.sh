#!/usr/bin/env bash
# The WebSocket layer of two commits in one run: builds the Native AOT echo server (benchmarks/TransportEcho) at BASE
# (in a temporary git worktree) and at the working tree, starts both on loopback beside ASP.NET Core's, and runs the
# load client against all of them, interleaved per cell and repeated, pairing "after" against "before". A refactoring
# of the layer must show no regression beyond the noise the repeats show.
#   benchmarks/Transport/compare-commits.sh e691ec3 [load client arguments, e.g. --sizes 4096 --repeats 2]
# Markdown tables are written to artifacts/transport-compare.md. TRANSPORT_PIN=1 pins the servers to core 1 and the
# client to core 0, as run-transport.sh does.
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:?usage: compare-commits.sh BASE-COMMIT [load client arguments]}
shift
rid=linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')
work=$(mktemp -d)
cleanup() { for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2> /dev/null || true; done; git worktree remove --force "$work/base" > /dev/null 2>&1 || true; rm -rf "$work"; }
pids=()
trap cleanup EXIT

git worktree add --detach "$work/base" "$base" > /dev/null
(cd "$work/base" && dotnet publish benchmarks/TransportEcho -c Release -r "$rid" -p:PublishAot=true -o "$work/before" -v q -nologo > /dev/null)
dotnet publish benchmarks/TransportEcho -c Release -r "$rid" -p:PublishAot=true -o "$work/after" -v q -nologo > /dev/null
dotnet build benchmarks/Transport -c Release -v q -nologo > /dev/null
load=benchmarks/Transport/bin/Release/net10.0/MaoOcr.Benchmarks.Transport

server_cpu=() client_cpu=()
if [ "${TRANSPORT_PIN:-0}" = 1 ] && [ "$(nproc)" -ge 2 ]; then
  server_cpu=(taskset -c 1) client_cpu=(taskset -c 0)
fi
port=${TRANSPORT_PORT_BASE:-5651}
before=$port after=$((port + 1)) aspnet=$((port + 2))
"${server_cpu[@]}" "$work/before/MaoOcr.Benchmarks.TransportEcho" --impl ours --port "$before" & pids+=($!)
"${server_cpu[@]}" "$work/after/MaoOcr.Benchmarks.TransportEcho" --impl ours --port "$after" & pids+=($!)
"${server_cpu[@]}" "$work/after/MaoOcr.Benchmarks.TransportEcho" --impl aspnet --port "$aspnet" & pids+=($!)
for p in "$before" "$after" "$aspnet"; do
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$p/stats" > /dev/null && break; sleep 0.2; done
done

mkdir -p artifacts
"${client_cpu[@]}" "$load" load \
  --target "before=$before" --target "after=$after" \
  --target "before+deflate=$before,deflate" --target "after+deflate=$after,deflate" --target "aspnet+deflate=$aspnet,deflate" \
  --pair after:before --pair after+deflate:before+deflate --pair after+deflate:aspnet+deflate \
  --sizes 4096,65536 --connections 1,64 --seconds 2 --warmup 0.5 --repeats 3 \
  --markdown artifacts/transport-compare.md "$@"
