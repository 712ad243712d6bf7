# Shared by the CLI test scripts: counters, a temporary directory and the
# checks every script makes. Source it after setting B (the build dir).
# shellcheck shell=bash
V=${B:-build}/vmlayout
pass=0 fail=0
tmp=$(mktemp -d); trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -20; }
expect() { # name, want, got
	if [ "$2" = "$3" ]; then ok "$1"; else ko "$1" "want [$2] got [$3]"; fi
}
# bad NAME FRAGMENT COMMAND...: exit 2, one line on stderr holding
# FRAGMENT, nothing on stdout.
bad() {
	local name=$1 frag=$2 out rc
	shift 2
	out=$("$@" 2>"$tmp/err"); rc=$?
	if [ $rc -eq 2 ] && [ -z "$out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -qF -- "$frag" "$tmp/err"; then ok "bad $name"
	else ko "bad $name" "rc=$rc stdout=[$out] stderr=[$(cat "$tmp/err")]"; fi
}
# The closing line tests/run.sh adds up.
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
