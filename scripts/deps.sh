#!/usr/bin/env bash
# Installs the Debian 12 packages vmlayout needs, if any is missing.
# As root it runs apt-get; otherwise it names what to install and fails.
# Optional packages (chromium: the browser test of the layout picture,
# tests/cli/test_picture_browser.sh; linux-source-6.12: the kernel's own
# memblock suite run against vmlayout, tests/kernel/test_memblock_suite.sh;
# both tests skip without them) are installed as root when apt can; failing
# to install them is not an error, and VMLAYOUT_NO_OPTIONAL=1 leaves them out.
set -eu
need_pkgs=()
optional_pkgs=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for p in gcc make libc6-dev libfdt-dev pkgconf help2man man-db python3-jsonschema device-tree-compiler qemu-system-arm qemu-system-misc \
	cpio gzip python3 cppcheck clang-format clang libclang-rt-14-dev binutils-aarch64-linux-gnu binutils-arm-linux-gnueabihf binutils-riscv64-linux-gnu; do
	have "$p" || need_pkgs+=("$p")
done
if [ -z "${VMLAYOUT_NO_OPTIONAL:-}" ]; then
	for p in chromium linux-source-6.12; do
		have "$p" || optional_pkgs+=("$p")
	done
fi
[ ${#need_pkgs[@]} -eq 0 ] && [ ${#optional_pkgs[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	if [ ${#optional_pkgs[@]} -ne 0 ]; then
		echo "optional (tests that need them skip): sudo apt-get install ${optional_pkgs[*]}" >&2
	fi
	[ ${#need_pkgs[@]} -eq 0 ] && exit 0
	echo "vmlayout needs these Debian packages: ${need_pkgs[*]}" >&2
	echo "install them with: sudo apt-get install ${need_pkgs[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if [ ${#need_pkgs[@]} -ne 0 ]; then
	echo "installing: ${need_pkgs[*]}" >&2
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >&2
fi
if [ ${#optional_pkgs[@]} -ne 0 ]; then
	echo "installing the optional: ${optional_pkgs[*]}" >&2
	apt-get update -qq >&2 || true
	# one at a time: one that cannot be installed does not keep the others out
	for p in "${optional_pkgs[@]}"; do
		apt-get install -y -qq --no-install-recommends "$p" >&2 ||
			echo "could not install $p: the tests that need it will skip" >&2
	done
fi
exit 0
