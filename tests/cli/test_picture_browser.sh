#!/usr/bin/env bash
# The layout picture in a real browser: Debian's headless Chromium draws
# `layout --format html` of seed 002 example 9 with the SVG pictures of
# every seed case and five random boards on one page; a small script
# (tests/cli/picture_measure.js) measures each text as drawn (getBBox) and
# the test checks that no two drawn text boxes overlap and that each lies
# inside the box the generator emitted. Chromium also renders example 9 to
# PNG. Chromium is an optional dependency (scripts/deps.sh installs it as
# root); without it the test says so and skips.
cd "$(dirname "$0")/../.." || exit 2
B=${1:-build}
. tests/cli/lib.sh

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "SKIP picture-browser: Chromium is not installed (as root: apt-get install chromium," \
		"or bash scripts/deps.sh, which installs it when it can)"
	finish
	exit
fi
chrome() { # headless, no GPU; root needs --no-sandbox; silence its dbus chatter
	timeout 60 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$tmp/profile" "$@" 2>"$tmp/chrome.err"
}

ex9=(--dtb boards/msm8974.dts --kernel 3.4 --system-map boards/msm8974.System.map --set ENABLE_VMALLOC_SAVING=y)
page=$tmp/page.html
"$V" layout "${ex9[@]}" -q --format html | sed '0,/<svg /s//<svg data-case="example-9-html" /' |
	sed '/<\/body>/,$d' >"$page"
add_svg() { # name, args...
	local name=$1
	shift
	"$V" layout "$@" -q --format svg | sed 1d | sed "0,/<svg /s//<svg data-case=\"$name\" /" >>"$page"
}
n_cases=1
while IFS='|' read -r name args; do
	case $name in '#'* | '') continue ;; esac
	# shellcheck disable=SC2086
	add_svg "$(echo $name)" $args && n_cases=$((n_cases + 1))
done < <(cat tests/cli/cases.txt tests/cli/arch_cases.txt)
seed=${PICTURE_SEED:-2026} n=0
while read -r args; do
	[ $n -ge 5 ] && break
	# shellcheck disable=SC2086
	"$V" layout $args -q --format json >/dev/null 2>&1 || continue
	n=$((n + 1))
	# shellcheck disable=SC2086
	add_svg "random-$seed-$n" $args && n_cases=$((n_cases + 1))
done < <(python3 tests/cli/picture_boards.py "$seed" 60)
{ echo "<script>"; cat tests/cli/picture_measure.js; echo "</script></body></html>"; } >>"$page"

chrome --dump-dom --virtual-time-budget=5000 "file://$page" >"$tmp/dom.html"
[ -n "${PICTURE_KEEP:-}" ] && cp "$page" "$tmp/dom.html" "$PICTURE_KEEP"/
if out=$(python3 - "$tmp/dom.html" "$n_cases" <<'PY'
import html, json, re, sys
dom = open(sys.argv[1]).read()
m = re.search(r"<pre id=\"result\">RESULT (.*) END</pre>", dom)
if not m:
    sys.exit("no result in the page: did the script run?")
res = json.loads(html.unescape(m.group(1)))
bad = []
if len(res) != int(sys.argv[2]):
    bad.append("%d pictures measured, %s drawn" % (len(res), sys.argv[2]))
for r in res:
    if r["overlaps"] or r["outside"]:
        bad.append("%s: overlaps %s; outside the emitted box %s" % (r["picture"], r["overlaps"][:3], r["outside"][:3]))
print("\n".join(bad) if bad else "%d pictures, %d texts measured in Chromium, none overlap" % (len(res), sum(r["texts"] for r in res)))
sys.exit(1 if bad else 0)
PY
); then ok "browser-no-overlap ($out)"; else ko browser-no-overlap "$out $(tail -3 "$tmp/chrome.err")"; fi

# Example 9 to PNG at the picture's own size: a real image, that size.
"$V" layout "${ex9[@]}" -q --format svg >"$tmp/ex9.svg"
size=$(grep -o 'width="[0-9]*" height="[0-9]*"' "$tmp/ex9.svg" | head -n 1 | tr -dc '0-9 ')
set -- $size
chrome --screenshot="$tmp/ex9.png" --window-size="$1,$2" "file://$tmp/ex9.svg" >/dev/null
if got=$(python3 -c 'import struct,sys
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", d[16:24])
print(w, h, len(d))' "$tmp/ex9.png") && [ "${got% *}" = "$1 $2" ] && [ "${got##* }" -gt 50000 ]; then
	ok "browser-png-example-9 ($got)"
else ko browser-png-example-9 "want $1 $2, got [$got]"; fi
finish
