#!/usr/bin/env bash
# The release check for CI: builds a whole release with deploy/release.sh (the x64 binary from ./test.sh's publish when
# there is one, the arm64 binary cross-compiled), then takes each architecture's .deb as an operator gets it, unpacks it
# with the models .deb into a scratch root, and runs the packaged binary with the packaged models (verify-qemu.sh):
# `maoocr version` and an OCR of qemu/ocr-sample.png, natively for amd64 and under qemu for arm64. Ends with the line
# "release check: OK (N s)", or fails with the reason. The x64 .deb's install, service and removal are covered by the
# test suite (tests/MaoOcr.EdgeServer.Tests/Deploy/DebianPackageTests.cs).
#
# Usage: deploy/release/verify-release.sh [--install-deps]
#   --install-deps  first installs the Debian packages the cross-compile and qemu need (install-build-deps.sh, as root)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
start=$EPOCHREALTIME
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }'; }
fail() { echo "release check: FAILED after $(elapsed "$start") s: $*" >&2; exit 1; }

case "${1:-}" in
  --install-deps) "$here/install-build-deps.sh" all || fail "installing the packages failed" ;;
  "") ;;
  *) echo "usage: $0 [--install-deps]" >&2; exit 2 ;;
esac
"$here/install-build-deps.sh" --check all || fail "missing packages (above); or run $0 --install-deps"

version=0.0.0~ci
out="$repo/artifacts/release-verify/release"
rm -rf "$out"
args=("$version" --arch all --out "$out")
if [ -x "$repo/artifacts/publish/linux-x64/maoocr" ]; then
  args+=(--from-publish "linux-x64=$repo/artifacts/publish/linux-x64")
fi
"$repo/deploy/release.sh" "${args[@]}" || fail "deploy/release.sh failed (above)"

models_folder=$(python3 -c 'import json, sys; m = json.load(open(sys.argv[1])); print(m["package"].lstrip("@").replace("/", "_") + "-" + m["version"])' "$repo/models/manifest.json")
for arch in amd64 arm64; do
  root=$(mktemp -d)
  dpkg-deb -x "$out/maoocr_${version}_$arch.deb" "$root" || fail "maoocr_${version}_$arch.deb does not unpack"
  dpkg-deb -x "$out/maoocr-models_${version}_all.deb" "$root" || fail "the models package does not unpack"
  grep -q "^version: $version$" "$root/usr/lib/maoocr/BUILDINFO" || fail "$arch: BUILDINFO does not name $version"
  MAOOCR_MODELS_DIR="$root/usr/share/maoocr/models/$models_folder" \
    "$here/verify-qemu.sh" "$root/usr/lib/maoocr" "$here/qemu/ocr-sample.png" "$(cat "$here/qemu/ocr-sample.txt")" \
    || fail "the $arch package's binary did not run or read the sample (above)"
  rm -rf "$root"
done
echo "release check: OK ($(elapsed "$start") s)"
