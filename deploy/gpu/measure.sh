#!/usr/bin/env bash
# The GPU measurement: prepared here, run on the lent device machine in one call (no .NET and no network there; its
# Python site-packages hold the CUDA 13 / cuDNN 9 runtime under nvidia/). Nothing in it has been run on a GPU yet.
#
# Everything the device needs travels as one bundle (the Native AOT binary with the CUDA/TensorRT build of ONNX Runtime
# beside it, the models, maoocr-load, the rendered images), xz-compressed and split into parts that fit one device call
# each (a call carries at most 64 MiB with the working tree, about 3 MiB). Steps:
#
#   here:    deploy/gpu/measure.sh prepare [IMAGES_DIR]   # publish, bundle, split -> artifacts/gpu-carry/ (and CALLS)
#   here:    deploy/gpu/measure.sh local                   # this machine's CPU figures, the same passes
#   device:  one call per part but the last, to the same warm machine, in order, carry ["artifacts/gpu-carry/part-NN.d"]:
#              deploy/gpu/measure.sh receive               # also prints what the machine has (GPU, CUDA, TensorRT)
#            then the last part, carry ["artifacts/gpu-carry/part-LAST.d"], timeout_s 600:
#              deploy/gpu/measure.sh run                   # reassemble, check, measure: one JSON line per pass
#   (the exact calls are printed by `prepare` and kept in artifacts/gpu-carry/CALLS)
#
# `run` measures, each pass on its own appliance with the result cache off and 32 queue workers, inside one time limit
# (MAOOCR_TIME_LIMIT_S, default 540 s; a pass that cannot finish in what is left is skipped and says so):
#   cuda       1, 8, 32 clients, then `cuda-single` (one request at a time, as many as there are images, after 2 s of
#              warm-up: the single-request p50)
#   cpu        the same on the machine's CPU
#   tensorrt   32 clients and single, with FP16 (the setting to settle), when TensorRT 10 is on the machine
#   cuda-iobinding  32 clients with Inference:CudaIoBinding=true
# Every line is a JSON object: {"label":...,"clients":...,"images_per_second":...,"p50_ms":...} from maoocr-load,
# {"label":...,"ready_seconds":...} per start, {"check":"text",...} comparing each GPU pass's text with the CPU's.
# All of them also go to $OUT/results.jsonl, the logs to $OUT/<label>/.
set -euo pipefail
cd "$(dirname "$0")/../.."

carry=artifacts/gpu-carry
# 64 MiB per call, less the working tree (about 3 MiB) and room for it to grow.
part_size=$((56 * 1024 * 1024))
duration=${MAOOCR_DURATION_S:-15}
warmup=${MAOOCR_WARMUP_S:-3}
time_limit=${MAOOCR_TIME_LIMIT_S:-540}
staging=/tmp/maoocr-gpu
text_images=8
started_at=$(date +%s)

die() { echo "measure: $*" >&2; exit 1; }
left() { echo $(( time_limit - ($(date +%s) - started_at) )); }

prepare() {
  local images=${1:-artifacts/eval/images}
  if [ ! -d "$images" ] || [ -z "$(ls -A "$images" 2>/dev/null)" ]; then
    [ "$images" = artifacts/eval/images ] || die "no images in '$images'"
    dotnet run -c Release --project benchmarks/Accuracy -- --images-only --out artifacts/eval > /dev/null
  fi
  # The GPU natives come with the publish itself (-p:MaoOcrGpu=true), into a folder of their own.
  dotnet publish src/EdgeServer -c Release -r linux-x64 -p:MaoOcrGpu=true -o artifacts/publish/linux-x64-gpu -warnaserror > /dev/null
  dotnet publish benchmarks/EndToEnd -c Release -r linux-x64 -o artifacts/publish/loadtool -warnaserror > /dev/null
  local app=artifacts/publish/linux-x64-gpu bundle=artifacts/gpu-bundle
  rm -rf "$bundle" "$carry" && mkdir -p "$bundle/app" "$bundle/models" "$bundle/images" "$carry"
  cp "$app"/maoocr "$app"/libSkiaSharp.so "$app"/libonnxruntime*.so "$bundle/app/"
  # "PACKAGE@VERSION: verified in DIR" names the verified model folder (fetched first if needed).
  local models
  models=$("$app/maoocr" models | sed -n 's/^.*: verified in //p' | head -n 1)
  [ -d "$models" ] || die "maoocr models did not name a model folder"
  cp "$models"/* "$bundle/models/"
  cp artifacts/publish/loadtool/maoocr-load "$bundle/"
  cp "$images"/* "$bundle/images/"
  (cd "$bundle" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
  tar -C "$bundle" -cf - . | xz -T0 -6 > "$carry/bundle.tar.xz"
  (cd "$carry" && sha256sum bundle.tar.xz > bundle.sha256 && split -b "$part_size" -d -a 2 bundle.tar.xz part- && rm bundle.tar.xz)
  # The checksum travels with every part, so the last call can check the reassembled bundle.
  local parts=("$carry"/part-*) i=0
  : > "$carry/CALLS"
  for p in "${parts[@]}"; do
    mkdir -p "$p.d" && mv "$p" "$p.d/$(basename "$p")" && cp "$carry/bundle.sha256" "$p.d/"
    i=$((i + 1))
    if [ "$i" -lt "${#parts[@]}" ]; then
      echo "run carry=[\"$p.d\"] timeout_s=120 command='deploy/gpu/measure.sh receive'" >> "$carry/CALLS"
    else
      echo "run carry=[\"$p.d\"] timeout_s=600 command='deploy/gpu/measure.sh run'" >> "$carry/CALLS"
    fi
  done
  du -sh "$carry"/part-*.d
  cat "$carry/CALLS"
}

# Copies the carried part(s) into $staging, which outlives the call on a warm machine, and says what the machine has.
receive() {
  mkdir -p "$staging/parts"
  local found=0
  for d in "$carry"/part-*.d; do
    [ -d "$d" ] || continue
    cp "$d"/part-* "$staging/parts/" && cp "$d/bundle.sha256" "$staging/"
    found=1
  done
  [ "$found" -eq 1 ] || die "no part carried (carry artifacts/gpu-carry/part-NN.d)"
  ls -l "$staging/parts"
  environment | tail -n 12
}

assemble() {
  receive > /dev/null
  cat "$staging"/parts/part-* > "$staging/bundle.tar.xz"
  (cd "$staging" && sha256sum -c --quiet bundle.sha256) || die "the reassembled bundle does not match its SHA-256: a part is missing or was carried twice"
  rm -rf "$staging/bundle" && mkdir -p "$staging/bundle"
  xz -dc "$staging/bundle.tar.xz" | tar -C "$staging/bundle" -xf -
  (cd "$staging/bundle" && sha256sum -c --quiet SHA256SUMS) || die "a file in the bundle does not match its SHA-256"
  rm -f "$staging/bundle.tar.xz"
  echo "bundle checked: $(wc -l < "$staging/bundle/SHA256SUMS") files" >&2
}

# Every folder under the Python site-packages holding a CUDA, cuDNN or TensorRT library (nvidia/*/lib, tensorrt_libs...).
gpu_library_path() {
  python3 - <<'PY'
import glob, os, site, sys
roots = set(site.getsitepackages() + [site.getusersitepackages()] + [p for p in sys.path if p.endswith("-packages")])
names = ("libcudart.so*", "libcublas*.so*", "libcurand.so*", "libcudnn*.so*", "libnvinfer*.so*", "libnvonnxparser.so*")
dirs = set()
for r in roots:
    for n in names:
        for f in glob.glob(os.path.join(r, "**", n), recursive=True):
            dirs.add(os.path.dirname(f))
print(":".join(sorted(dirs)))
PY
}

environment() {
  local libs
  libs=$(gpu_library_path 2>/dev/null || true)
  echo "gpu library folders: ${libs:-none found}"
  for lib in libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcurand.so.10 libcudnn.so.9 libnvinfer.so.10 libnvonnxparser.so.10; do
    local hit
    hit=$(IFS=:; for d in $libs; do ls "$d/$lib" 2>/dev/null; done | head -n 1)
    echo "$lib: ${hit:-MISSING}"
  done
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 || true
  echo "cpus: $(nproc)"
}

emit() { echo "$1" | tee -a "$OUT/results.jsonl"; }

# Serves with the environment and flags given, then runs maoocr-load. Args: label, client list, env assignments...
measure() {
  local label=$1 clients=$2 port=18080 out="$OUT/$1"
  shift 2
  mkdir -p "$out"
  if [ "$(left)" -lt $((warmup + duration + 20)) ]; then
    emit "{\"label\":\"$label\",\"skipped\":\"time limit: $(left) s left\"}"
    return 0
  fi
  local b=$staging/bundle started
  started=$(date +%s)
  env MAOOCR__Cache__CapacityBytes=0 MAOOCR_STATE_DIR="$staging/state" "$@" \
    "$b/app/maoocr" serve --host 127.0.0.1 --port "$port" --workers 32 --models "$b/models" > "$out/serve.log" 2>&1 &
  local pid=$!
  # Ready, or stopped: a server that never turns ready (or dies) must not keep the port from the next pass.
  until python3 -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:$port/readyz', timeout=2).status == 200 else 1)" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(left)" -lt $((warmup + duration + 5)) ]; then
      kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
      emit "{\"label\":\"$label\",\"failed\":\"not ready after $(( $(date +%s) - started )) s\",\"log\":$(tail -n 5 "$out/serve.log" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')}"
      return 0
    fi
    sleep 1
  done
  local ready
  ready=$(grep -m1 -o 'Engine ready on [^:]*' "$out/serve.log" || echo "?")
  emit "{\"label\":\"$label\",\"ready_seconds\":$(( $(date +%s) - started )),\"engine\":\"$ready\"}"
  "$b/maoocr-load" --url "ws://127.0.0.1:$port/ws/ocr" --images "$b/images" --clients "$clients" --duration "$duration" \
      --warmup "$warmup" --time-limit "$(left)" --label "$label" --json 2> "$out/load.err" | while read -r line; do emit "$line"; done || true
  local images
  images=$(ls "$b/images" | wc -l)
  "$b/maoocr-load" --url "ws://127.0.0.1:$port/ws/ocr" --images "$b/images" --clients 1 --requests "$images" --duration 60 \
      --warmup 2 --time-limit "$(left)" --label "$label-single" --json 2>> "$out/load.err" | while read -r line; do emit "$line"; done || true
  texts "$port" "$out/texts.json" || echo "text check failed for $label" >&2
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# The text of the first images through REST, for the comparison with the CPU's.
texts() { # port, file
  python3 - "$1" "$2" "$staging/bundle/images" "$text_images" <<'PY'
import json, os, sys, urllib.request
port, out, folder, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
texts = {}
for name in sorted(os.listdir(folder))[:count]:
    with open(os.path.join(folder, name), "rb") as f:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/ocr", data=f.read(), headers={"Content-Type": "application/octet-stream"})
    try:
        texts[name] = json.load(urllib.request.urlopen(request, timeout=60))["text"]
    except Exception as e:
        texts[name] = f"ERROR {e}"
json.dump(texts, open(out, "w"), ensure_ascii=False)
PY
}

compare_texts() {
  [ -f "$OUT/cpu/texts.json" ] || return 0
  for label in cuda tensorrt cuda-iobinding; do
    [ -f "$OUT/$label/texts.json" ] || continue
    emit "$(python3 - "$OUT/cpu/texts.json" "$OUT/$label/texts.json" "$label" <<'PY'
import json, sys
cpu, gpu, label = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
same = sum(1 for k in cpu if gpu.get(k) == cpu[k])
print(json.dumps({"check": "text", "label": label, "same_as_cpu": same, "of": len(cpu)}))
PY
)"
  done
}

run_device() {
  [ -n "${OUT:-}" ] || die "OUT is not set (this step runs on the device machine)"
  assemble
  local b=$staging/bundle libs
  environment | tee "$OUT/environment.txt"
  libs=$(gpu_library_path)
  export LD_LIBRARY_PATH="$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  chmod +x "$b/app/maoocr" "$b/maoocr-load"
  "$b/app/maoocr" version | tee -a "$OUT/environment.txt"
  measure cuda 1,8,32 MAOOCR__Inference__Device=cuda
  measure cpu 1,8,32 MAOOCR__Inference__Device=cpu
  if grep -q '^tensorrt: usable' "$OUT/environment.txt"; then
    measure tensorrt 32 MAOOCR__Inference__Device=tensorrt MAOOCR__Inference__TensorRtFp16=true
  else
    emit '{"label":"tensorrt","skipped":"TensorRT 10 is not usable on this machine (see environment.txt)"}'
  fi
  measure cuda-iobinding 32 MAOOCR__Inference__Device=cuda MAOOCR__Inference__CudaIoBinding=true
  compare_texts
  echo "done in $(( $(date +%s) - started_at )) s; results in $OUT/results.jsonl" >&2
}

# This machine's CPU, the same passes, from the prepared bundle (no GPU needed).
local_cpu() {
  [ -d artifacts/gpu-bundle/app ] || die "run 'prepare' first"
  OUT=${OUT:-artifacts/gpu-results/local}
  mkdir -p "$OUT" "$staging"
  rm -rf "$staging/bundle" && cp -r artifacts/gpu-bundle "$staging/bundle"
  environment > "$OUT/environment.txt" 2>&1 || true
  measure cpu 1,8,32 MAOOCR__Inference__Device=cpu
}

case "${1:-}" in
  prepare) shift; prepare "$@" ;;
  receive) receive ;;
  run) run_device ;;
  local) local_cpu ;;
  *) sed -n '2,26p' "$0"; exit 2 ;;
esac
