#!/usr/bin/env bash
# The GPU measurement, prepared here and run on the device machine (no .NET there; its Python
# site-packages hold the CUDA 13 runtime under nvidia/*/lib). Nothing in it has been run on a GPU yet.
#
# Everything the device needs travels as one bundle (AOT binary, CUDA ORT with its providers, models,
# load tool, images), xz-compressed and split into parts small enough for one device call each
# (a call carries at most 64 MiB with the working tree). Steps:
#
#   here:    deploy/gpu/measure.sh prepare [IMAGES_DIR]   # publish, fetch, bundle, split -> artifacts/gpu-carry/
#   here:    deploy/gpu/measure.sh local                   # this machine's CPU figures -> artifacts/gpu-results/local/
#   device:  one call per part, to the same warm machine, in order, with carry ["artifacts/gpu-carry/part-NN"]:
#              deploy/gpu/measure.sh receive
#            then the last call, with carry ["artifacts/gpu-carry/part-LAST"]:
#              deploy/gpu/measure.sh run                   # reassemble, SHA-256 check, GPU then CPU figures -> $OUT
#   (the parts' names and the exact calls are printed by `prepare` and listed in artifacts/gpu-carry/CALLS)
#
# Before `prepare`: publish the load tool (dotnet publish benchmarks/EndToEnd -c Release -r linux-x64 -o
# artifacts/publish/loadtool) and render the evaluation set (dotnet run -c Release --project benchmarks/Accuracy --
# --images-only --out artifacts/eval). The load tool runs as: maoocr-load --url ws://127.0.0.1:PORT/ws/ocr
# --clients N --duration S --images DIR --json, printing images/s and p50/p90/p99 latencies.
set -euo pipefail
cd "$(dirname "$0")/../.."

carry=artifacts/gpu-carry
part_size=$((40 * 1024 * 1024))    # leaves room under 64 MiB for the working tree
clients_list=${MAOOCR_CLIENTS:-"1 8 32"}
duration=${MAOOCR_DURATION_S:-20}
staging=/tmp/maoocr-gpu

die() { echo "measure: $*" >&2; exit 1; }

prepare() {
  local images=${1:-artifacts/eval/images}
  [ -d "$images" ] && [ -n "$(ls -A "$images")" ] || die "no images in '$images' (render them: dotnet run -c Release --project benchmarks/Accuracy -- --images-only --out artifacts/eval)"
  local loadtool=artifacts/publish/loadtool/maoocr-load
  [ -x "$loadtool" ] || die "$loadtool is missing: publish benchmarks/EndToEnd first"
  dotnet publish src/EdgeServer -c Release -r linux-x64 -o artifacts/publish/linux-x64 -warnaserror > /dev/null
  local bundle=artifacts/gpu-bundle
  rm -rf "$bundle" "$carry" && mkdir -p "$bundle/app" "$bundle/models" "$bundle/images" "$carry"
  cp artifacts/publish/linux-x64/maoocr artifacts/publish/linux-x64/libSkiaSharp.so "$bundle/app/"
  # The CUDA build replaces the CPU libonnxruntime.so beside the binary; it runs the CPU measurement too.
  deploy/gpu/fetch-ort-gpu.sh "$bundle/app" > /dev/null
  # "PACKAGE@VERSION: verified in DIR" names the verified model folder (fetched first if needed).
  local models
  models=$(artifacts/publish/linux-x64/maoocr models | sed -n 's/^.*: verified in //p' | head -n 1)
  [ -d "$models" ] || die "maoocr models did not name a model folder"
  cp "$models"/* "$bundle/models/"
  cp "$loadtool" "$bundle/"
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
      echo "run carry=[\"$p.d\"] command='deploy/gpu/measure.sh receive'" >> "$carry/CALLS"
    else
      echo "run carry=[\"$p.d\"] command='deploy/gpu/measure.sh run' timeout_s=560" >> "$carry/CALLS"
    fi
  done
  du -sh "$carry"/part-*.d
  cat "$carry/CALLS"
}

# Copies the carried part(s) into $staging, which outlives the call on a warm machine.
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
}

assemble() {
  receive
  cat "$staging"/parts/part-* > "$staging/bundle.tar.xz"
  (cd "$staging" && sha256sum -c bundle.sha256) || die "the reassembled bundle does not match its SHA-256: a part is missing or was carried twice"
  rm -rf "$staging/bundle" && mkdir -p "$staging/bundle"
  xz -dc "$staging/bundle.tar.xz" | tar -C "$staging/bundle" -xf -
  (cd "$staging/bundle" && sha256sum -c --quiet SHA256SUMS) || die "a file in the bundle does not match its SHA-256"
  echo "bundle checked: $(wc -l < "$staging/bundle/SHA256SUMS") files"
}

# LD_LIBRARY_PATH from every nvidia/*/lib folder of the Python site-packages (cudart, cublas, curand, cudnn...).
cuda_library_path() {
  python3 - <<'PY'
import glob, os, site, sys
roots = set(site.getsitepackages() + [site.getusersitepackages()] + [p for p in sys.path if p.endswith("-packages")])
dirs = sorted({d for r in roots for d in glob.glob(os.path.join(r, "nvidia", "*", "lib")) if os.path.isdir(d)})
print(":".join(dirs))
PY
}

wait_ready() { # port, log
  for _ in $(seq 1 600); do
    if python3 -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:$1/readyz', timeout=2).status == 200 else 1)" 2>/dev/null; then
      return 0
    fi
    sleep 1
  done
  tail -n 40 "$2"; echo "measure: the appliance did not turn ready on port $1" >&2; return 1
}

# Serves with one device and runs the load tool at each client count. Args: app dir, models, images, load tool, device, out dir.
measure_device() {
  local app=$1 models=$2 images=$3 loadtool=$4 device=$5 out=$6 port=18080
  mkdir -p "$out"
  local started
  started=$(date +%s)
  # As many workers as the most clients, so concurrent requests reach the batcher together.
  # The cache off: each client loops over the same images, and the GPU, not the cache, is to be measured.
  MAOOCR__Cache__CapacityBytes=0 "$app/maoocr" serve --host 127.0.0.1 --port "$port" --device "$device" --workers 32 \
      --models "$models" --ort-library "$app/libonnxruntime.so" > "$out/serve.log" 2>&1 &
  local pid=$!
  # A server that never turns ready is stopped, so that the next pass can have the port.
  wait_ready "$port" "$out/serve.log" || { kill "$pid" 2>/dev/null; return 1; }
  echo "$device ready after $(( $(date +%s) - started )) s (load and warm-up)" | tee "$out/startup.txt"
  for n in $clients_list; do
    "$loadtool" --url "ws://127.0.0.1:$port/ws/ocr" --clients "$n" --duration "$duration" --images "$images" \
        > "$out/clients-$n.txt" 2>&1 || echo "load tool failed at $n clients" >> "$out/clients-$n.txt"
    echo "== $device, $n clients"; cat "$out/clients-$n.txt"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

run_device() {
  [ -n "${OUT:-}" ] || die "OUT is not set (this step runs on the device machine)"
  assemble
  local b=$staging/bundle
  local libs
  libs=$(cuda_library_path)
  echo "CUDA libraries from site-packages: ${libs:-none found}" | tee "$OUT/environment.txt"
  for lib in libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcurand.so.10 libcudnn.so.9; do
    hit=$(IFS=:; for d in $libs; do ls "$d/$lib" 2>/dev/null; done | head -n 1)
    echo "$lib: ${hit:-MISSING}" | tee -a "$OUT/environment.txt"
  done
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv >> "$OUT/environment.txt" 2>&1 || true
  nproc >> "$OUT/environment.txt"
  export LD_LIBRARY_PATH="$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  ldd "$b/app/libonnxruntime_providers_cuda.so" | grep -E "not found|cuda|cublas|curand" | tee -a "$OUT/environment.txt" || true
  chmod +x "$b/app/maoocr" "$b/maoocr-load"
  # Each pass on its own: one that fails (a provider that does not start) leaves the others to run.
  measure_device "$b/app" "$b/models" "$b/images" "$b/maoocr-load" cuda "$OUT/gpu" || echo "gpu pass failed" | tee -a "$OUT/environment.txt"
  # The same GPU at 32 clients with IO binding on (Inference:CudaIoBinding, off by default until measured).
  MAOOCR__Inference__CudaIoBinding=true clients_list=32 \
    measure_device "$b/app" "$b/models" "$b/images" "$b/maoocr-load" cuda "$OUT/gpu-iobinding" || echo "gpu io-binding pass failed" | tee -a "$OUT/environment.txt"
  measure_device "$b/app" "$b/models" "$b/images" "$b/maoocr-load" cpu "$OUT/device-cpu" || echo "device cpu pass failed" | tee -a "$OUT/environment.txt"
}

local_cpu() {
  local out=artifacts/gpu-results/local b=artifacts/gpu-bundle
  [ -d "$b/app" ] || die "run 'prepare' first"
  mkdir -p "$(dirname "$out")"
  nproc > "$out.nproc"
  measure_device "$b/app" "$b/models" "$b/images" "$b/maoocr-load" cpu "$out"
}

case "${1:-}" in
  prepare) shift; prepare "$@" ;;
  receive) receive ;;
  run) run_device ;;
  local) local_cpu ;;
  *) sed -n '2,20p' "$0"; exit 2 ;;
esac
