#!/usr/bin/env bash
# Installs the Debian 12 packages vmlayout needs, if any is missing.
# As root it runs apt-get; otherwise it names what to install and fails.
set -eu
need_pkgs=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for p in gcc make libc6-dev libfdt-dev pkgconf help2man man-db python3-jsonschema device-tree-compiler qemu-system-arm qemu-system-misc \
	cpio gzip python3 cppcheck clang-format clang libclang-rt-14-dev binutils-aarch64-linux-gnu binutils-arm-linux-gnueabihf binutils-riscv64-linux-gnu; do
	have "$p" || need_pkgs+=("$p")
done
[ ${#need_pkgs[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "vmlayout needs these Debian packages: ${need_pkgs[*]}" >&2
	echo "install them with: sudo apt-get install ${need_pkgs[*]}" >&2
	exit 1
fi
echo "installing: ${need_pkgs[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >&2
