#!/usr/bin/env bash
# Publishes the Native AOT appliance for one RID into OUTDIR: maoocr, libonnxruntime.so (the CPU build from NuGet, for
# that RID), libSkiaSharp.so, appsettings.json, and whatever else `dotnet publish` lays beside them (maoocr.dbg, the
# split-off debug symbols; the libraries' .pdb and .xml files).
#
# Usage: deploy/release/publish.sh linux-x64|linux-arm64 OUTDIR [DOTNET-PUBLISH-ARGS...]
#   DOTNET-PUBLISH-ARGS  passed on to dotnet publish (deploy/release.sh gives -p:InformationalVersion=VERSION)
#
# linux-arm64 on an x64 machine is a cross-compile: the IL compiler emits aarch64 code and clang-14 links it with lld
# against Debian's multiarch arm64 libraries (deploy/release/install-build-deps.sh installs them). On an arm64 machine
# it is a plain publish, as is linux-x64 on x64. Any warning fails the publish (-warnaserror), and a trim or AOT
# warning is looked for again in the log in case one slips past as a message. Every ELF file in OUTDIR is checked to be
# for the RID's machine.
#
# The build's intermediate files go to artifacts/release-build/RID (--artifacts-path), away from the obj/ and bin/
# folders of `dotnet build` and ./test.sh, so a publish for the other RID never disturbs those.
# OUTDIR is emptied first; it must be new, empty, or a folder an earlier publish wrote (it holds maoocr).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
usage() { echo "usage: $0 linux-x64|linux-arm64 OUTDIR [DOTNET-PUBLISH-ARGS...]" >&2; exit 2; }
[ $# -ge 2 ] || usage
rid=$1
out=$2
shift 2
extra=("$@")

# The ELF e_machine the RID's binaries must carry (the two bytes at offset 18, little-endian).
case "$rid" in
  linux-x64) machine="3e 00" machine_name=x86-64 target_arch=x86_64 ;;
  linux-arm64) machine="b7 00" machine_name=aarch64 target_arch=aarch64 ;;
  *) usage ;;
esac

cross=()
host_arch=$(uname -m)
if [ "$host_arch" != "$target_arch" ]; then
  if [ "$host_arch" = x86_64 ] && [ "$rid" = linux-arm64 ]; then
    "$here/install-build-deps.sh" --check build
    cross=(-p:CppCompilerAndLinker=clang-14 -p:LinkerFlavor=lld -p:ObjCopyName=aarch64-linux-gnu-objcopy -p:SysRoot=/)
  else
    echo "publish: $rid cannot be built on $host_arch; publish it on an x64 machine" >&2
    exit 1
  fi
fi

if [ -e "$out" ]; then
  [ -d "$out" ] || { echo "publish: $out is not a folder" >&2; exit 1; }
  if [ -n "$(ls -A "$out")" ] && [ ! -f "$out/maoocr" ]; then
    echo "publish: $out is not empty and holds no maoocr from an earlier publish; give a new or empty folder" >&2
    exit 1
  fi
  rm -rf "${out:?}"/..?* "${out:?}"/.[!.]* "${out:?}"/*
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

build_dir="$repo/artifacts/release-build/$rid"
mkdir -p "$build_dir"
log="$build_dir/publish.log"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "publish: $rid into $out${cross:+ (cross-compiled on $host_arch)}; log in ${log#"$repo/"}" >&2
start=$EPOCHREALTIME
if ! dotnet publish "$repo/src/EdgeServer/MaoOcr.EdgeServer.csproj" -c Release -r "$rid" -o "$out" \
     --artifacts-path "$build_dir" -warnaserror "${cross[@]}" "${extra[@]}" > "$log" 2>&1; then
  echo "publish: dotnet publish failed for $rid:" >&2
  grep -E '(error|warning) [A-Z]+[0-9]+' "$log" | sort -u | head -n 50 >&2 || tail -n 40 "$log" >&2
  exit 1
fi
if grep -E 'warning (IL|AOT)' "$log" >&2; then
  echo "publish: trim/AOT warnings found for $rid" >&2
  exit 1
fi

for f in maoocr libonnxruntime.so libSkiaSharp.so appsettings.json; do
  [ -f "$out/$f" ] || { echo "publish: $out/$f is missing after the publish" >&2; exit 1; }
done
# Every ELF file, not only the three named: an x64 library beside an arm64 binary would fail only when loaded.
for f in "$out"/*; do
  if [ ! -f "$f" ] || [ "$(od -An -c -N4 "$f" | tr -d ' ')" != '177ELF' ]; then continue; fi
  got=$(od -An -tx1 -j18 -N2 "$f" | sed 's/^ *//')
  [ "$got" = "$machine" ] || { echo "publish: ${f#"$out/"} is not an $machine_name ELF file (e_machine $got)" >&2; exit 1; }
done

seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
size() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
echo "publish: $rid done in ${seconds} s: maoocr $(size "$out/maoocr"), libonnxruntime.so $(size "$out/libonnxruntime.so"), libSkiaSharp.so $(size "$out/libSkiaSharp.so"), all $machine_name" >&2
