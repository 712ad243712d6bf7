# Sourced by tests/conformance/test_qemu_{arm,arm64,riscv64}.sh: boots each
# of ${boards[@]} under QEMU (conformance/boot.sh), compares vmlayout's
# prediction with what the kernel reported (conformance/compare.py), then,
# for ${table_boards[@]}, the live page tables (conformance/live_tables.py),
# and prints "LABEL: N passed, N failed".
#
# The caller sets: B (build dir), root (the project), NAME (its own name,
# for the SKIP line), LABEL, QEMU_BIN, FETCH_ARGS (array, fetch.sh's
# arguments), boards and table_boards (arrays). Skips (0 passed, 0 failed and
# a SKIP line on stderr) only when the Debian packages cannot be downloaded.
fail() { echo "FAIL $*"; echo "$LABEL: 0 passed, 1 failed"; exit 1; }

# "N passed, N failed" of the last line of $1: sets $2 and $3.
summary() {
	local last
	last=$(printf '%s\n' "$1" | tail -n 1)
	printf -v "$2" '%s' "$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1/p' <<<"$last")"
	printf -v "$3" '%s' "$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\2/p' <<<"$last")"
}

vmlayout=$root/$B/vmlayout
[ -x "$B/vmlayout" ] && vmlayout=$(cd "$B" && pwd)/vmlayout
[ -x "$vmlayout" ] || fail "no vmlayout binary in $B (build it first: make)"
for tool in "$QEMU_BIN" dtc fdtput fdtget python3 timeout; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/deps.sh installs it)"
done

rc=0
bash "$root/conformance/fetch.sh" "${FETCH_ARGS[@]}" >/dev/null || rc=$?
if [ "$rc" -eq 3 ]; then
	echo "SKIP: $NAME: the Debian kernel packages cannot be downloaded (see the fetch.sh line above)" >&2
	echo "$LABEL: 0 passed, 0 failed"
	exit 0
fi
[ "$rc" -eq 0 ] || fail "conformance/fetch.sh ${FETCH_ARGS[*]} exited with $rc"

# The test's boots go under the build dir, not conformance/out (make conformance).
export CONFORMANCE_OUT=$root/$B/conformance-out
mkdir -p "$CONFORMANCE_OUT"
boot_failed=0
dirs=()
for board in "${boards[@]}"; do
	if bash "$root/conformance/boot.sh" "$board" 2>"$CONFORMANCE_OUT.$board.err"; then
		dirs+=("$CONFORMANCE_OUT/$board")
	else
		echo "FAIL $board boot (see $CONFORMANCE_OUT.$board.err)"
		tail -n 5 "$CONFORMANCE_OUT.$board.err"
		boot_failed=$((boot_failed + 1))
	fi
done
[ ${#dirs[@]} -gt 0 ] || fail "no board booted"

out=$(cd "$root" && python3 conformance/compare.py --vmlayout "$vmlayout" "${dirs[@]}")
printf '%s\n' "$out" | sed '$d'
summary "$out" passed failed
[ -n "$passed" ] || { echo "$out"; fail "compare.py printed no summary"; }
if [ ${#table_boards[@]} -gt 0 ]; then
	tdirs=()
	for board in "${table_boards[@]}"; do
		[ -f "$CONFORMANCE_OUT/$board/observed.json" ] && tdirs+=("$CONFORMANCE_OUT/$board")
	done
	tout=$(cd "$root" && python3 conformance/live_tables.py check "$vmlayout" "${tdirs[@]}" 2>&1)
	printf '%s\n' "$tout" | sed '$d'
	summary "$tout" tp tf
	[ -n "$tp" ] || { echo "$tout" | tail -n 20; fail "live_tables.py printed no summary"; }
	passed=$((passed + tp))
	failed=$((failed + tf + ${#table_boards[@]} - ${#tdirs[@]}))
fi
failed=$((failed + boot_failed))
echo "$LABEL: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
