#!/usr/bin/env bash
# Runs every test of MaoOCR Edge: builds the solution, publishes the Native AOT binary (the AOT smoke
# test runs it), then runs each test project. Models are fetched once into ~/.cache/maoocr; the ONNX Runtime
# builds the tests use come from NuGet with the restore. Prints one closing line: "Tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rid=linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')
log_dir=artifacts/test-logs
rm -rf "$log_dir" && mkdir -p "$log_dir"

echo "== build"
dotnet build MaoOcr.sln -c Release -warnaserror > "$log_dir/build.log" 2>&1 || { grep -E "error|warning" "$log_dir/build.log" | sort -u | head -n 50; exit 1; }
tail -n 3 "$log_dir/build.log"

echo "== publish the Native AOT binary ($rid)"
if ! dotnet publish src/EdgeServer/MaoOcr.EdgeServer.csproj -c Release -r "$rid" -o "artifacts/publish/$rid" \
     -warnaserror > "$log_dir/publish.log" 2>&1; then
  cat "$log_dir/publish.log"; exit 1
fi
grep -E 'warning (IL|AOT)' "$log_dir/publish.log" && { echo "trim/AOT warnings found"; exit 1; }
export MAOOCR_AOT_BINARY="$PWD/artifacts/publish/$rid/maoocr"

passed=0 failed=0 skipped=0 status=0
counter() { grep -o "<Counters [^>]*>" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o "[0-9]*"; }
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  trx="$PWD/$log_dir/$name.trx"
  echo "== test $name"
  dotnet test "$project" -c Release --no-build --logger "console;verbosity=normal" \
      --logger "trx;LogFileName=$trx" > "$log_dir/$name.log" 2>&1 || status=1
  grep -E '^\s+(Failed|Skipped) ' "$log_dir/$name.log" | head -n 50
  if [ ! -f "$trx" ]; then
    echo "no test results for $name:"; tail -n 40 "$log_dir/$name.log"; status=1; continue
  fi
  t=$(counter "$trx" total) e=$(counter "$trx" executed) p=$(counter "$trx" passed) f=$(counter "$trx" failed)
  echo "$name: $p passed, $f failed, $((t - e)) skipped"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + t - e))
done

# The React package (clients/react, maoocr-react): its build (ESM + .d.ts) and type check, its component tests
# (Vitest with jsdom, counted from the JUnit report) and the example app's Vite build, which react.test.mjs below drives.
echo "== test react (vitest)"
react_junit="$PWD/$log_dir/react-vitest.xml"
if (cd clients/react && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build && npm run --silent typecheck) > "$log_dir/react-npm.log" 2>&1; then
  (cd clients/react && npx vitest run --reporter=tap-flat --reporter=junit --outputFile.junit="$react_junit") > "$log_dir/react-vitest.log" 2>&1 || status=1
  grep -E '^not ok ' "$log_dir/react-vitest.log" | head -n 50
  if [ -f "$react_junit" ]; then
    junit() { grep -o "<testsuites [^>]*>" "$react_junit" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" || echo 0; }
    t=$(junit tests) f=$(junit failures) e=$(junit errors) s=$(grep -c '<skipped' "$react_junit" || true)
    echo "react: $((t - f - e - s)) passed, $((f + e)) failed, $s skipped"
    passed=$((passed + t - f - e - s)) failed=$((failed + f + e)) skipped=$((skipped + s))
  else
    echo "no vitest results:"; tail -n 40 "$log_dir/react-vitest.log"; status=1
  fi
  (cd clients/react && npm run --silent build:example) > "$log_dir/react-example.log" 2>&1 || { echo "the React example did not build:"; tail -n 20 "$log_dir/react-example.log"; status=1; }
else
  echo "react setup failed:"; tail -n 20 "$log_dir/react-npm.log"; status=1
fi

# The JS client (node:test against the appliance) and the web app (Chromium via playwright-core):
# tests/webclient, counted from node's TAP summary.
echo "== test webclient (node)"
webclient_fixtures="$PWD/$log_dir/webclient-fixtures"
if (cd tests/webclient && npm ci --no-audit --no-fund --loglevel=error) > "$log_dir/webclient-npm.log" 2>&1 &&
   dotnet tests/MaoOcr.WebClient.Fixtures/bin/Release/net10.0/MaoOcr.WebClient.Fixtures.dll "$webclient_fixtures" > /dev/null; then
  (cd tests/webclient && MAOOCR_WEBCLIENT_FIXTURES="$webclient_fixtures" node --test --test-concurrency=1 \
      --test-timeout=300000 --test-reporter=tap client.test.mjs browser.test.mjs react.test.mjs) > "$log_dir/webclient.tap" 2>&1 || status=1
  grep -E '^\s*not ok ' "$log_dir/webclient.tap" | head -n 50
  grep -qE '^# pass [0-9]+$' "$log_dir/webclient.tap" || { echo "no node test summary:"; tail -n 40 "$log_dir/webclient.tap"; status=1; }
  tap() { grep -E "^# $1 [0-9]+$" "$log_dir/webclient.tap" | tail -n 1 | grep -o "[0-9]*" || echo 0; }
  p=$(tap pass) f=$(tap fail) s=$(tap skipped) c=$(tap cancelled)
  echo "webclient: $p passed, $((f + c)) failed, $s skipped"
  passed=$((passed + p)) failed=$((failed + f + c)) skipped=$((skipped + s))
else
  echo "webclient setup failed:"; tail -n 20 "$log_dir/webclient-npm.log"; status=1
fi

echo "Tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
