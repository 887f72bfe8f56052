#!/usr/bin/env bash
# The Debian 12 packages for cross-building the linux-arm64 binary on an x64 machine and running it under qemu.
#
#   build:  clang-14 compiles and links the Native AOT object with lld-14 for aarch64 (-fuse-ld=lld);
#           aarch64-linux-gnu-objcopy splits the debug symbols off; libc6-dev, zlib1g-dev and libgcc-12-dev for arm64
#           are what the link reads from the multiarch folders (without libgcc-12-dev:arm64 it fails on -lgcc and
#           crtendS.o). The :arm64 packages need `dpkg --add-architecture arm64`, which this script does.
#   verify: qemu-aarch64 (user mode) runs the binary; libstdc++6:arm64 is what libonnxruntime.so links besides libc;
#           python3 compares the text the OCR read with the expected one.
#
# Usage: deploy/release/install-build-deps.sh [--check] [build|verify|all]     (default: all)
#   --check  installs nothing: exits 1 with one line naming the missing packages and the command that installs them.
# Without --check it must run as root; it runs apt-get update only when something is missing.
set -euo pipefail

check=false
group=all
for arg in "$@"; do
  case "$arg" in
    --check) check=true ;;
    build | verify | all) group=$arg ;;
    *) echo "usage: $0 [--check] [build|verify|all]" >&2; exit 2 ;;
  esac
done

build=(clang-14 lld-14 binutils-aarch64-linux-gnu libc6-dev:arm64 zlib1g-dev:arm64 libgcc-12-dev:arm64)
verify=(qemu-user-static libstdc++6:arm64 python3)
case "$group" in
  build) packages=("${build[@]}") ;;
  verify) packages=("${verify[@]}") ;;
  all) packages=("${build[@]}" "${verify[@]}") ;;
esac

if ! command -v dpkg >/dev/null; then
  echo "install-build-deps: not a Debian system; the tools the packages above provide must be installed by hand" >&2
  $check && exit 0 || exit 1
fi

missing=()
for p in "${packages[@]}"; do
  # qemu-user (dynamically linked) serves as well as qemu-user-static.
  if [ "$p" = qemu-user-static ] && command -v qemu-aarch64 >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if $check; then
  echo "missing apt packages: ${missing[*]}; install them with: sudo $(dirname "$0")/install-build-deps.sh $group" \
       "(dpkg --add-architecture arm64 && apt-get update && apt-get install -y --no-install-recommends ${missing[*]})" >&2
  exit 1
fi

[ "$(id -u)" -eq 0 ] || { echo "install-build-deps: run as root to install: ${missing[*]}" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
echo "install-build-deps: installing ${missing[*]}" >&2
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
