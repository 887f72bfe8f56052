#!/usr/bin/env bash
# Runs an aarch64 Linux program on an x64 machine under qemu user-mode emulation, with an arm64 /proc/cpuinfo and a
# small /sys/devices/system/cpu laid over the host's in a private mount namespace (README.md beside this script says
# why ONNX Runtime needs them). The mounts exist only inside that namespace and vanish with the program; nothing on
# the host changes.
#
# Usage: deploy/release/qemu/run.sh PROGRAM [ARG...]
#   QEMU_CPU   the CPU qemu emulates (default cortex-a76, the one cpuinfo here describes)
#
# As root it uses a plain mount namespace; otherwise a user namespace that maps the caller to root, where the kernel
# allows one. The program runs on CPUs 0 and 1 when it may, the two CPUs the fake files list.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 PROGRAM [ARG...]" >&2; exit 2; }

qemu=$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)
[ -n "$qemu" ] || { echo "qemu: no qemu-aarch64-static or qemu-aarch64; install qemu-user-static (deploy/release/install-build-deps.sh verify)" >&2; exit 1; }
[ -e /lib/ld-linux-aarch64.so.1 ] || { echo "qemu: /lib/ld-linux-aarch64.so.1 is missing; install libc6:arm64 (deploy/release/install-build-deps.sh verify)" >&2; exit 1; }

# Both CPUs the fakes describe, when this process may use them; otherwise wherever it runs (cpuinfo then finds the
# current CPU outside its table and falls back to its first entry).
pin=()
if command -v taskset >/dev/null && taskset --cpu-list 0-1 true 2>/dev/null; then
  pin=(taskset --cpu-list 0-1)
fi

namespace=(unshare --mount --propagation private)
[ "$(id -u)" -eq 0 ] || namespace=(unshare --user --map-root-user --mount --propagation private)

# -L /: the interpreter and libraries come from the multiarch folders (/lib/ld-linux-aarch64.so.1,
# /lib/aarch64-linux-gnu) that Debian's :arm64 packages install.
# shellcheck disable=SC2016 # $1 and $2 belong to the inner shell
exec "${namespace[@]}" -- sh -c '
  mount --bind -o ro "$1" /proc/cpuinfo &&
  mount --bind -o ro "$2" /sys/devices/system/cpu || { echo "qemu: cannot lay the fake CPU files over the host'"'"'s" >&2; exit 1; }
  shift 2
  exec "$@"' sh "$here/cpuinfo" "$here/sys-devices-system-cpu" \
  "${pin[@]}" "$qemu" -cpu "${QEMU_CPU:-cortex-a76}" -L / "$@"
