#!/usr/bin/env bash
# Fuzzes the parsers with libFuzzer through SharpFuzz: benchmarks/Fuzz/run.sh TARGET|all SECONDS [--jobs N] [--install-deps]
#
# Publishes maoocr-fuzz (JIT, framework-dependent) to artifacts/fuzz/bin, instruments the product assemblies in it with
# the sharpfuzz tool (.config/dotnet-tools.json), builds our libFuzzer driver (driver/fuzz-driver.c), then runs each
# target for SECONDS from its seeds (corpus/TARGET) and dictionary (dict/TARGET.dict). New inputs go to
# artifacts/fuzz/corpus/TARGET, crashes to artifacts/fuzz/crashes/TARGET, logs to artifacts/fuzz/logs. Prints one line
# per target and exits 1 when any target crashed or timed out, 2 on a usage or setup error.
set -uo pipefail
cd "$(dirname "$0")/../.."

usage() { echo "usage: benchmarks/Fuzz/run.sh TARGET|all SECONDS [--jobs N] [--install-deps]" >&2; exit 2; }
[ $# -ge 2 ] || usage
target_arg=$1 seconds=$2 jobs=1 install_deps=0
shift 2
while [ $# -gt 0 ]; do
  case $1 in
    --jobs) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
    --install-deps) install_deps=1; shift ;;
    *) usage ;;
  esac
done
[[ $seconds =~ ^[0-9]+$ && $jobs =~ ^[0-9]+$ && $jobs -ge 1 ]] || usage

root=$PWD
fuzz_dir=benchmarks/Fuzz
out=artifacts/fuzz
# An input that runs longer than this is a hang: every target's work is linear in its input, a few ms at most.
timeout_seconds=10

# The longest input per target: a header is at most 14 bytes after the settings byte; the rest get room for a few
# frames, a handshake or an envelope with small images, while staying fast to mutate.
max_len() {
  case $1 in
    frame-header) echo 15 ;;
    extension-header) echo 512 ;;
    image-header) echo 1024 ;;
    *) echo 4096 ;;
  esac
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ $install_deps = 1 ]; then
  # clang, and libFuzzer's runtime, which Debian bookworm ships apart from clang in libclang-rt-14-dev.
  missing=()
  for p in clang libclang-rt-14-dev; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || exit 2
  fi
fi
cc=$(command -v clang || command -v clang-14) || { echo "clang is missing (run with --install-deps)" >&2; exit 2; }

mkdir -p "$out/logs"
echo "== publish maoocr-fuzz"
rm -rf "$out/bin"
dotnet publish "$fuzz_dir/MaoOcr.Fuzz.csproj" -c Release -o "$out/bin" > "$out/logs/publish.log" 2>&1 || { tail -n 30 "$out/logs/publish.log"; exit 2; }

echo "== instrument the product assemblies"
dotnet tool restore > "$out/logs/tool-restore.log" 2>&1 || { cat "$out/logs/tool-restore.log"; exit 2; }
# The parsers live in these three; the targets, the test helpers and the runtime stay uninstrumented, so coverage is
# the product's alone. The publish above starts from a clean folder: sharpfuzz refuses an assembly twice.
for assembly in MaoOcr.WebSockets MaoOcr.Appliance MaoOcr.Inference; do
  dotnet sharpfuzz "$out/bin/$assembly.dll" > "$out/logs/instrument-$assembly.log" 2>&1 || { cat "$out/logs/instrument-$assembly.log"; exit 2; }
done

echo "== build the libFuzzer driver"
"$cc" -O2 -Wall -Wextra -Werror -fsanitize=fuzzer "$fuzz_dir/driver/fuzz-driver.c" -o "$out/fuzz-driver" \
  > "$out/logs/driver.log" 2>&1 || { cat "$out/logs/driver.log"; echo "(is libFuzzer's runtime installed? try --install-deps)" >&2; exit 2; }

if [ "$target_arg" = all ]; then
  mapfile -t targets < <("$out/bin/maoocr-fuzz" --list)
else
  "$out/bin/maoocr-fuzz" --list | grep -qx -- "$target_arg" || { echo "unknown target '$target_arg'; targets: $("$out/bin/maoocr-fuzz" --list | tr '\n' ' ')" >&2; exit 2; }
  targets=("$target_arg")
fi

# The last value of a libFuzzer status field (ft: features, cov:, exec/s:) on lines of one kind (INITED, DONE).
field() { grep -h "$2" "${@:3}" | grep -o "$1: [0-9]*" | tail -n 1 | grep -o '[0-9]*$' || echo 0; }
total() { grep -h "stat::$1:" "${@:2}" | awk '{ s += $2 } END { print s + 0 }'; }

status=0
for t in "${targets[@]}"; do
  echo "== fuzz $t for ${seconds}s (jobs $jobs)"
  corpus="$out/corpus/$t" crashes="$out/crashes/$t" logs="$out/logs/$t"
  mkdir -p "$corpus" "$crashes"
  rm -rf "$logs" && mkdir -p "$logs"
  flags=(-max_total_time="$seconds" -timeout="$timeout_seconds" -max_len="$(max_len "$t")" -print_final_stats=1
         -artifact_prefix="$root/$crashes/")
  [ -f "$fuzz_dir/dict/$t.dict" ] && flags+=(-dict="$root/$fuzz_dir/dict/$t.dict")
  # With jobs, libFuzzer runs N workers that share the corpus folder and each writes fuzz-J.log in the current folder.
  [ "$jobs" -gt 1 ] && flags+=(-jobs="$jobs" -workers="$jobs")
  (cd "$logs" && "$root/$out/fuzz-driver" "${flags[@]}" "$root/$corpus" "$root/$fuzz_dir/corpus/$t" \
      --target="$root/$out/bin/maoocr-fuzz" --target-arg="$t" > libfuzzer.log 2>&1)
  logfiles=("$logs"/*.log)
  runs=$(total number_of_executed_units "${logfiles[@]}")
  rate=$(total average_exec_per_sec "${logfiles[@]}")
  first=$(field ft INITED "${logfiles[@]}") last=$(grep -h -E "^#[0-9]+" "${logfiles[@]}" | grep -o "ft: [0-9]*" | sort -t' ' -k2 -n | tail -n 1 | grep -o '[0-9]*$')
  found=$(find "$crashes" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  echo "$t: ${seconds}s, $runs runs, $rate execs/s, features ${first:-0} at start -> ${last:-0}, corpus $(find "$corpus" -type f | wc -l) files, $found crashes (log: $logs)"
  if [ "$found" -gt 0 ]; then
    status=1
    find "$crashes" -type f | sed 's/^/  /'
  fi
done
exit $status
