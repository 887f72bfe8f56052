#!/usr/bin/env bash
# Fetches the CUDA build of ONNX Runtime and lays it out beside the appliance binary:
#   libonnxruntime.so                   ORT 1.29.0 built with the provider bridge
#                                       (npm com.github.asus4.onnxruntime@0.4.9, Plugins/Linux/x64)
#   libonnxruntime_providers_shared.so  the bridge's shared part
#   libonnxruntime_providers_cuda.so    the CUDA execution provider, built for CUDA 13 and cuDNN 9
#                                       (npm com.github.asus4.onnxruntime.linux-x64-gpu@0.4.9)
# Nothing here needs a GPU. The CUDA 13 / cuDNN 9 runtime libraries are not fetched: see README.md.
#
# Usage: deploy/gpu/fetch-ort-cuda.sh [DEST]   (DEST defaults to artifacts/publish/linux-x64)
# Prints the SHA-256 of each file it wrote; SHA256SUMS in DEST lists them.
set -euo pipefail

version=0.4.9
base_pkg=com.github.asus4.onnxruntime
gpu_pkg=com.github.asus4.onnxruntime.linux-x64-gpu
dest=${1:-artifacts/publish/linux-x64}

mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Prints the one path in the tarball $1 whose name is $2 (the layout inside a Unity package can move
# between versions, so we look the file up instead of hard-coding every folder).
find_entry() {
  local hits
  hits=$(tar -tzf "$1" | grep -E "(^|/)$2\$" | grep -E '(^|/)(Linux|linux)(/|-)' || true)
  [ -n "$hits" ] || hits=$(tar -tzf "$1" | grep -E "(^|/)$2\$" || true)
  if [ "$(printf '%s\n' "$hits" | grep -c .)" -ne 1 ]; then
    echo "fetch-ort-cuda: expected exactly one $2 in $(basename "$1"), found: ${hits:-none}" >&2
    exit 1
  fi
  printf '%s\n' "$hits"
}

take() { # tarball, file name
  local entry
  entry=$(find_entry "$1" "$2")
  tar -xzf "$1" -C "$work" "$entry"
  install -m 0755 "$work/$entry" "$dest/$2.partial"
  mv -f "$dest/$2.partial" "$dest/$2"
}

echo "fetch-ort-cuda: npm pack $base_pkg@$version and $gpu_pkg@$version"
(cd "$work" && npm pack --silent "$base_pkg@$version" "$gpu_pkg@$version" > packed.txt)
base_tgz="$work/$(sed -n 1p "$work/packed.txt")"
gpu_tgz="$work/$(sed -n 2p "$work/packed.txt")"

take "$base_tgz" libonnxruntime.so
rm -f "$base_tgz"
take "$gpu_tgz" libonnxruntime_providers_shared.so
take "$gpu_tgz" libonnxruntime_providers_cuda.so

(cd "$dest" && sha256sum libonnxruntime.so libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so | tee SHA256SUMS)
echo "fetch-ort-cuda: laid out in $dest"
