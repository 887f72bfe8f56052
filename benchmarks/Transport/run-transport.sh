#!/usr/bin/env bash
# The transport benchmark in one run: builds TransportEcho and the load client, starts three echo servers on loopback
# (ours; ASP.NET Core with DangerousEnableCompression; ASP.NET Core without it), runs the whole matrix against all of
# them (interleaved per cell, repeated), and stops the servers. Extra arguments go to the load client, e.g.
#   benchmarks/Transport/run-transport.sh --seconds 1 --repeats 1
# Markdown tables are written to artifacts/transport-results.md.
# With TRANSPORT_PIN=1 (and at least 2 cores) the servers run on core 1 and the client on core 0 (taskset), so a
# server's figures are not mixed with the client's CPU use on a small box.
# The servers are Native AOT builds, as the appliance ships (TRANSPORT_AOT=0: JIT builds instead, where our assembly
# starts at tier 0 while ASP.NET Core's ReadyToRun code does not, and a saturated core delays the tier-up).
# TRANSPORT_SCHEDULING=inline runs both kinds of server with Kestrel's UnsafePreferInlineScheduling and inline socket
# completions (no thread-pool hop between the socket and the WebSocket code); the default is Kestrel's default.
set -euo pipefail
cd "$(dirname "$0")/../.."

dotnet build benchmarks/Transport -c Release -v q -nologo > /dev/null
if [ "${TRANSPORT_AOT:-1}" = 1 ]; then
  rid=linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')
  dotnet publish benchmarks/TransportEcho -c Release -r "$rid" -p:PublishAot=true -o artifacts/transport-echo-aot -v q -nologo > /dev/null
  echo_server=artifacts/transport-echo-aot/MaoOcr.Benchmarks.TransportEcho
else
  dotnet build benchmarks/TransportEcho -c Release -v q -nologo > /dev/null
  echo_server=benchmarks/TransportEcho/bin/Release/net10.0/MaoOcr.Benchmarks.TransportEcho
fi
scheduling=(--scheduling "${TRANSPORT_SCHEDULING:-default}")
if [ "${TRANSPORT_SCHEDULING:-default}" = inline ]; then
  export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
fi
load=benchmarks/Transport/bin/Release/net10.0/MaoOcr.Benchmarks.Transport
ours=${TRANSPORT_PORT_BASE:-5601}
aspnet=$((ours + 1)) aspnet_plain=$((ours + 2))

server_cpu=() client_cpu=()
if [ "${TRANSPORT_PIN:-0}" = 1 ] && [ "$(nproc)" -ge 2 ]; then
  server_cpu=(taskset -c 1) client_cpu=(taskset -c 0)
fi

pids=()
stop_servers() { for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done; }
trap stop_servers EXIT
"${server_cpu[@]}" "$echo_server" --impl ours --port "$ours" "${scheduling[@]}" & pids+=($!)
"${server_cpu[@]}" "$echo_server" --impl aspnet --port "$aspnet" "${scheduling[@]}" & pids+=($!)
"${server_cpu[@]}" "$echo_server" --impl aspnet --port "$aspnet_plain" --deflate off "${scheduling[@]}" & pids+=($!)
for port in "$ours" "$aspnet" "$aspnet_plain"; do
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/stats" > /dev/null && break; sleep 0.2; done
done

mkdir -p artifacts
# "ours" and "aspnet": no permessage-deflate offered (and the aspnet server has DangerousEnableCompression off);
# "+deflate": the client offers permessage-deflate with client_no_context_takeover and both servers accept it.
"${client_cpu[@]}" "$load" load \
  --target "ours=$ours" --target "aspnet=$aspnet_plain" \
  --target "ours+deflate=$ours,deflate" --target "aspnet+deflate=$aspnet,deflate" \
  --pair ours:aspnet --pair ours+deflate:aspnet+deflate \
  --sizes 32,4096,65536,1048576 --connections 1,64 --seconds 2 --warmup 0.5 --repeats 3 \
  --markdown artifacts/transport-results.md "$@"
