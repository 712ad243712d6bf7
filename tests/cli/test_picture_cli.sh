#!/usr/bin/env bash
# The layout picture (`layout --format svg|html`, docs/picture.md) of the
# seed boards -- every case of tests/cli/cases.txt and arch_cases.txt (the
# bundled example board, msm8974 under each hole-reclaim strategy, seed 002
# example 9) plus LPAE, no-map and intermix-with-several-holes boards -- and
# of five random boards: tests/cli/picture_check.py checks that no two text
# boxes overlap and that exactly the expected items are labelled, each with
# its range. PICTURE_SEED picks other random boards.
cd "$(dirname "$0")/../.." || exit 2
B=${1:-build}
. tests/cli/lib.sh

check_picture() { # name, args...
	local name=$1 fmt out
	shift
	if ! "$V" layout "$@" -q --format json >"$tmp/p.json" 2>"$tmp/err"; then
		ko "picture-$name" "json: $(cat "$tmp/err")"
		return
	fi
	for fmt in svg html; do
		if ! "$V" layout "$@" -q --format $fmt >"$tmp/p.$fmt" 2>"$tmp/err"; then
			ko "picture-$name-$fmt" "$(cat "$tmp/err")"
		elif out=$(python3 tests/cli/picture_check.py "$tmp/p.$fmt" "$tmp/p.json"); then
			ok "picture-$name-$fmt"
		else
			ko "picture-$name-$fmt" "$out (vmlayout layout $*)"
		fi
	done
}

while IFS='|' read -r name args; do
	case $name in '#'* | '') continue ;; esac
	# shellcheck disable=SC2086
	check_picture "$(echo $name)" $args
done < <(cat tests/cli/cases.txt tests/cli/arch_cases.txt)

check_picture lpae-am335x --dtb tests/cli/boards/am335x-boneblack.dts --kernel 6.1 --set ARM_LPAE=y
check_picture lpae-8g-above-4g --dtb tests/conformance/observed/lpae-8g-vmalloc256-reserved-above-4g.dts --kernel 6.1 --set ARM_LPAE=y
check_picture nomap-panda --dtb tests/cli/boards/omap4-panda-es.dts --kernel 6.1
check_picture intermix-3-holes --mem 2G@0 --remove 2M@0x5b00000 --remove 171M@0x7500000 --remove 24M@0x20000000 \
	--kernel 3.4 --reclaim intermix --cmdline vmalloc=400M
check_picture hole-6.1-classic --mem 1G@0x80000000 --remove 16M@0x88000000 --kernel 6.1

# Five random boards the layout accepts (a refused one is drawn again).
seed=${PICTURE_SEED:-2026}
n=0
while read -r args; do
	[ $n -ge 5 ] && break
	# shellcheck disable=SC2086
	"$V" layout $args -q --format json >/dev/null 2>&1 || continue
	n=$((n + 1))
	echo "random board $n: $args"
	# shellcheck disable=SC2086
	check_picture "random-$seed-$n" $args
done < <(python3 tests/cli/picture_boards.py "$seed" 60)
expect random-boards-drawn 5 "$n"

finish
