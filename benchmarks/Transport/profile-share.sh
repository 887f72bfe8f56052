#!/usr/bin/env bash
# Where an echo server's CPU goes, per implementation: samples each Native AOT TransportEcho server with `perf record`
# while the load client drives one cell, and sorts the samples into the kernel, the socket transport, System.IO.Pipelines,
# the WebSocket layer itself (ours: MaoOcr.WebSockets; ASP.NET Core's: System.Net.WebSockets plus Kestrel's
# HTTP/1.1 upgrade path and Microsoft.AspNetCore.WebSockets) and the rest of the runtime.
# The layer's share bounds what any WebSocket layer on the same transport can gain: a layer that cost nothing would
# take at most 1 / (1 - share) less CPU per message than the one measured.
#   benchmarks/Transport/profile-share.sh [SIZE] [CONNECTIONS] [default|inline]
#   benchmarks/Transport/profile-share.sh --shares FILE.data    (sorts a saved profile again)
# Needs perf (Debian: linux-perf) and perf_event_paranoid <= 2. Server on core 1, client on core 0, as TRANSPORT_PIN=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
# Sorts a perf.data file's samples into categories by symbol (Native AOT names: Assembly_Namespace_Type__Method).
shares() {
  perf report -i "$1" --no-children --sort sym 2> /dev/null | grep -v '^#' | grep -v '^$' | awk '
    { p = $1; sub("%", "", p); s = $0; c = "everything else"
      if (s ~ /\[k\]/) c = "kernel"
      else if (s ~ /MaoOcr_EdgeServer_WebSockets/) c = "WebSocket layer"
      else if (s ~ /System_Net_WebSockets|AspNetCore_WebSockets|AspNetCore_Server_Kestrel_Core|AspNetCore_Http/) c = "WebSocket layer"
      else if (s ~ /Kestrel_Transport_Sockets|System_Net_Sockets|SystemNative_|__libc_recv|__send|sendmsg/) c = "socket transport"
      else if (s ~ /System_IO_Pipelines/) c = "pipelines"
      else if (s ~ /memmove|memcpy|memset|RhBulkMove|Buffer__Memmove|SpanHelpers__Memmove/) c = "memory copies"
      else if (s ~ /System_Threading|ThreadPool|Monitor|pthread|futex|__tls_get_addr|sched_yield/) c = "threads, locks, tasks"
      else if (s ~ /Rhp|RhAllocate|gc_heap|WKS|SVR|GCHeap|S_P_CoreLib_System_Runtime/) c = "runtime (GC, casts, interface calls)"
      t[c] += p }
    END { for (c in t) printf "  %5.1f%%  %s\n", t[c], c }' | sort -n -r
}

if [ "${1:-}" = --shares ]; then
  shares "$2"
  exit 0
fi
size=${1:-4096} conns=${2:-64} scheduling=${3:-default}
rid=linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')

dotnet build benchmarks/Transport -c Release -v q -nologo > /dev/null
dotnet publish benchmarks/TransportEcho -c Release -r "$rid" -p:PublishAot=true -o artifacts/transport-echo-aot -v q -nologo > /dev/null
echo_server=artifacts/transport-echo-aot/MaoOcr.Benchmarks.TransportEcho
load=benchmarks/Transport/bin/Release/net10.0/MaoOcr.Benchmarks.Transport
[ "$scheduling" = inline ] && export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
mkdir -p artifacts/profile

for impl in ours aspnet; do
  extra=(--scheduling "$scheduling")
  [ "$impl" = aspnet ] && extra+=(--deflate off)
  taskset -c 1 "$echo_server" --impl "$impl" --port 5791 "${extra[@]}" > /dev/null & pid=$!
  for _ in $(seq 50); do curl -sf http://127.0.0.1:5791/stats > /dev/null && break; sleep 0.2; done
  data=artifacts/profile/perf-$impl-$size-$conns-$scheduling.data
  ( sleep 1.5; perf record -q -F 999 -p "$pid" -o "$data" -- sleep 4 > /dev/null 2>&1 ) &
  recorder=$!
  taskset -c 0 "$load" load --target "$impl=5791" --sizes "$size" --connections "$conns" --seconds 6 --warmup 0.5 --repeats 1 \
    | grep "^run 1" || true
  wait "$recorder" || true
  kill "$pid"; wait "$pid" 2> /dev/null || true
  echo "$impl, $size B x$conns, $scheduling scheduling: share of the server's CPU samples"
  shares "$data"
done
