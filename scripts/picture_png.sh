#!/usr/bin/env bash
# Renders the layout picture to PNG with headless Chromium, at the
# picture's own size:  scripts/picture_png.sh OUT.png [options of layout]
# e.g. the image of docs/picture.md (seed 002 example 9):
#   scripts/picture_png.sh docs/img/layout-example9.png --dtb boards/msm8974.dts \
#       --kernel 3.4 --system-map boards/msm8974.System.map --set ENABLE_VMALLOC_SAVING=y
# VMLAYOUT selects the binary (default build/vmlayout).
set -eu
out=$1
shift
browser=$(command -v chromium || command -v chromium-browser) || {
	echo "picture_png.sh: needs Chromium (apt-get install chromium)" >&2
	exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${VMLAYOUT:-build/vmlayout}" layout "$@" -q --format svg >"$tmp/picture.svg"
size=$(grep -o 'width="[0-9]*" height="[0-9]*"' "$tmp/picture.svg" | head -n 1 | tr -dc '0-9 ')
set -- $size
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$tmp/profile" \
	--window-size="$1,$2" --screenshot="$tmp/picture.png" "file://$tmp/picture.svg" >/dev/null 2>&1
mv "$tmp/picture.png" "$out"
