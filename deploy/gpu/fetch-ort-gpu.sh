#!/usr/bin/env bash
# Lays the CUDA/TensorRT build of ONNX Runtime beside the appliance binary, from NuGet
# Microsoft.ML.OnnxRuntime.Gpu.Linux (the version in build/OnnxRuntimeVersions.props), linux-x64:
#   libonnxruntime.so                      ORT with the provider bridge; replaces the CPU build
#   libonnxruntime_providers_shared.so     the bridge's shared part
#   libonnxruntime_providers_cuda.so       the CUDA execution provider (about 290 MB; CUDA 13, cuDNN 9)
#   libonnxruntime_providers_tensorrt.so   the TensorRT execution provider (TensorRT 10)
# The package comes into the NuGet cache through the build's own PackageDownload (restore with -p:MaoOcrGpu=true), so
# nothing is fetched twice and the default build never downloads it. `dotnet publish ... -p:MaoOcrGpu=true` lays the
# same four files itself; this script is for a binary that was published without them. Nothing here needs a GPU.
# The CUDA 13, cuDNN 9 and TensorRT 10 runtime libraries are not fetched: see README.md beside this script.
#
# Usage: deploy/gpu/fetch-ort-gpu.sh [DEST]   (DEST defaults to artifacts/publish/linux-x64)
# Prints the SHA-256 of each file it wrote; SHA256SUMS in DEST lists them.
set -euo pipefail
cd "$(dirname "$0")/../.."

dest=${1:-artifacts/publish/linux-x64}
files=(libonnxruntime.so libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so libonnxruntime_providers_tensorrt.so)

echo "fetch-ort-gpu: restoring Microsoft.ML.OnnxRuntime.Gpu.Linux into the NuGet cache (about 250 MB the first time)" >&2
dotnet restore src/Inference -p:MaoOcrGpu=true > /dev/null
native=$(dotnet msbuild src/Inference -p:MaoOcrGpu=true -getProperty:MaoOcrOrtGpuNativeDir)
for f in "${files[@]}"; do
  [ -f "$native$f" ] || { echo "fetch-ort-gpu: $native$f is missing after the restore" >&2; exit 1; }
done

mkdir -p "$dest"
for f in "${files[@]}"; do
  # Copied under another name first, so a binary running from DEST never sees half a library.
  install -m 0755 "$native$f" "$dest/$f.partial"
  mv -f "$dest/$f.partial" "$dest/$f"
done
(cd "$dest" && sha256sum "${files[@]}" | tee SHA256SUMS)
echo "fetch-ort-gpu: laid out in $dest from $native" >&2
