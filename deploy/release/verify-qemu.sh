#!/usr/bin/env bash
# Checks a published appliance by running it: `maoocr version`, then `maoocr ocr IMAGE`, whose text must match
# EXPECTED_TEXT. An aarch64 binary on an x64 machine runs under qemu (qemu/run.sh: a private mount namespace with fake
# arm64 CPU files); a binary for this machine runs natively. Prints how long each step took.
#
# Usage: deploy/release/verify-qemu.sh DIR IMAGE EXPECTED_TEXT [MAX_CER]
#   DIR           a folder from deploy/release/publish.sh (holds maoocr and its libraries)
#   MAX_CER       the largest character error rate allowed (default 0.1): the edit distance between the two texts,
#                 compared without case and whitespace (NFKC), divided by the length of EXPECTED_TEXT
#   MAOOCR_MODELS_DIR  the model files; by default the cache `maoocr models` fills (~/.cache/maoocr/models/...).
#                 Nothing is fetched: missing models fail the check.
#   MAOOCR_VERIFY_TIMEOUT  seconds the OCR may take (default 900; emulated, it takes about a minute)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
if [ $# -lt 3 ] || [ $# -gt 4 ]; then echo "usage: $0 DIR IMAGE EXPECTED_TEXT [MAX_CER]" >&2; exit 2; fi
dir=$(cd "$1" && pwd)
image=$2
expected=$3
max_cer=${4:-0.1}
bin="$dir/maoocr"
fail() { echo "verify: $*" >&2; exit 1; }

[ -x "$bin" ] || fail "$bin is missing or not executable"
[ -f "$image" ] || fail "$image is missing"
command -v python3 >/dev/null || fail "python3 is needed to compare the text (apt-get install python3)"

case "$(od -An -tx1 -j18 -N2 "$bin" | sed 's/^ *//')" in
  "3e 00") arch=x86_64 ;;
  "b7 00") arch=aarch64 ;;
  *) fail "$bin is not an x86-64 or aarch64 ELF file" ;;
esac
runner=()
how=natively
if [ "$arch" != "$(uname -m)" ]; then
  if [ "$arch" != aarch64 ] || [ "$(uname -m)" != x86_64 ]; then fail "cannot run an $arch binary on $(uname -m)"; fi
  "$here/install-build-deps.sh" --check verify
  runner=("$here/qemu/run.sh")
  qemu=$(command -v qemu-aarch64-static || command -v qemu-aarch64)
  how="under $("$qemu" --version | head -n 1), CPU ${QEMU_CPU:-cortex-a76}"
fi

# The models: the folder named, or the one in the cache (the same path ModelStore builds from models/manifest.json).
if [ -z "${MAOOCR_MODELS_DIR:-}" ]; then
  cache=${MAOOCR_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/maoocr/models}
  name=$(python3 -c 'import json, sys; m = json.load(open(sys.argv[1])); print(m["package"].lstrip("@").replace("/", "_") + "-" + m["version"])' "$repo/models/manifest.json")
  MAOOCR_MODELS_DIR="$cache/$name"
fi
[ -d "$MAOOCR_MODELS_DIR" ] || fail "no models in $MAOOCR_MODELS_DIR: run 'maoocr models' (or ./test.sh) on this machine first, or set MAOOCR_MODELS_DIR"
export MAOOCR_MODELS_DIR

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

echo "verify: $bin ($arch) $how"
start=$EPOCHREALTIME
if ! timeout 300 "${runner[@]}" "$bin" version > "$work/version.txt" 2>&1; then
  cat "$work/version.txt" >&2
  fail "maoocr version failed"
fi
grep -E '^(maoocr|onnxruntime) ' "$work/version.txt" | sed 's/^/  /'
grep -q '^onnxruntime .*providers: .*CPUExecutionProvider' "$work/version.txt" || { cat "$work/version.txt" >&2; fail "maoocr version names no ONNX Runtime with the CPU provider"; }
echo "verify: version: $(elapsed "$start") s"

start=$EPOCHREALTIME
status=0
timeout "${MAOOCR_VERIFY_TIMEOUT:-900}" "${runner[@]}" "$bin" ocr --json "$image" > "$work/ocr.json" 2> "$work/ocr.err" || status=$?
if [ "$status" -ne 0 ]; then
  cat "$work/ocr.err" >&2
  [ "$status" -eq 124 ] && fail "maoocr ocr took more than ${MAOOCR_VERIFY_TIMEOUT:-900} s"
  fail "maoocr ocr exited with $status"
fi
seconds=$(elapsed "$start")

python3 - "$work/ocr.json" "$expected" "$max_cer" "$seconds" <<'PY'
import json, sys, unicodedata

path, expected, max_cer, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
results = json.load(open(path, encoding="utf-8"))
if len(results) != 1 or results[0].get("error"):
    sys.exit(f"verify: the OCR gave no text: {results}")
page = results[0]
timings = page.get("timings") or {}
print(f"verify: ocr: {seconds} s ({page['width']}x{page['height']}: "
      + ", ".join(f"{k.removesuffix('_ms')} {v:.0f} ms" for k, v in timings.items() if k in ("detection_ms", "recognition_ms", "total_ms"))
      + ")")

def normalize(text):
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())

def distance(a, b):
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        diagonal, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (ca != cb))
    return row[-1]

want, got = normalize(expected), normalize(page["text"] or "")
if not want:
    sys.exit("verify: the expected text is empty")
cer = distance(want, got) / len(want)
shown = (page["text"] or "").replace("\n", " | ")
verdict = "matches" if cer <= max_cer else "does NOT match"
print(f"verify: read \"{shown}\": {verdict} the expected text (character error rate {cer:.3f}, at most {max_cer})")
sys.exit(0 if cer <= max_cer else 1)
PY
