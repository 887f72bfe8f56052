#!/usr/bin/env bash
# The fleet test (issue 16; deploy/README.md, "Several appliances"): three appliances behind nginx, then behind
# HAProxy, from the shipped configurations in deploy/nginx and deploy/haproxy, driven by the JS client, the .NET SDK
# and POST /api/ocr while one appliance is stopped and another killed. Too slow for test.sh (about 3 minutes);
# .ci/run calls it. Prints PASS or FAIL last and exits non-zero on failure; logs go to artifacts/fleet/.
#
#   tests/fleet/fleet.sh                    both balancers
#   tests/fleet/fleet.sh nginx|haproxy      one of them
#   tests/fleet/fleet.sh --bench            throughput and added latency (benchmarks/RESULTS.md, "Several appliances")
#   tests/fleet/fleet.sh --install-deps     first installs nginx and haproxy (Debian, as root)
#
# The appliance is $MAOOCR_AOT_BINARY, else artifacts/publish/linux-ARCH/maoocr (test.sh publishes it).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

args=()
for a in "$@"; do
  if [ "$a" = --install-deps ]; then
    missing=()
    for p in nginx haproxy openssl; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if [ ${#missing[@]} -gt 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
  else
    args+=("$a")
  fi
done
for tool in nginx haproxy openssl node dotnet; do
  command -v "$tool" >/dev/null || { echo "fleet: $tool is missing (tests/fleet/fleet.sh --install-deps installs nginx and haproxy)"; echo FAIL; exit 1; }
done

mkdir -p artifacts/fleet-build
# The .NET SDK's driver and the fixture renderer; the JS client's "ws" from the webclient tests' packages.
dotnet build tests/MaoOcr.Fleet.Driver/MaoOcr.Fleet.Driver.csproj -c Release -warnaserror > artifacts/fleet-build/driver.log 2>&1 ||
  { grep -E 'error|warning' artifacts/fleet-build/driver.log | sort -u | head -n 20; echo FAIL; exit 1; }
dotnet build tests/MaoOcr.WebClient.Fixtures/MaoOcr.WebClient.Fixtures.csproj -c Release -warnaserror > artifacts/fleet-build/fixtures.log 2>&1 ||
  { grep -E 'error|warning' artifacts/fleet-build/fixtures.log | sort -u | head -n 20; echo FAIL; exit 1; }
[ -d tests/webclient/node_modules/ws ] || (cd tests/webclient && npm ci --no-audit --no-fund --loglevel=error) > artifacts/fleet-build/npm.log 2>&1
fixtures=artifacts/fleet-build/fixtures
[ -f "$fixtures/fixtures.json" ] || dotnet tests/MaoOcr.WebClient.Fixtures/bin/Release/net10.0/MaoOcr.WebClient.Fixtures.dll "$fixtures" > /dev/null

MAOOCR_WEBCLIENT_FIXTURES="$PWD/$fixtures" exec node tests/fleet/fleet.mjs "${args[@]}"
