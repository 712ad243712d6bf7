#!/usr/bin/env bash
# Man pages from the commands' own --help text (help2man), so the page and
# --help never disagree: vmlayout(1) and vmlayout-COMMAND(1) for every
# command `vmlayout --help` lists.
# usage: man.sh VMLAYOUT_BINARY OUTDIR VERSION
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
version=$3
mkdir -p "$out/bin"
help2man --no-info --version-string "$version" \
	--name "lay out a Linux kernel's address space and page tables, as the kernel does" \
	-o "$out/vmlayout.1" "$bin"
for cmd in $("$bin" --help | awk '/^  [a-z]/ {print $1}'); do
	wrapper=$out/bin/vmlayout-$cmd
	printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$bin" "$cmd" >"$wrapper"
	chmod +x "$wrapper"
	summary=$("$bin" --help | awk -v c="$cmd" '$1 == c {$1 = ""; sub(/^ +/, ""); print}')
	help2man --no-info --version-string "$version" --name "$summary" \
		-o "$out/vmlayout-$cmd.1" "$wrapper"
done
