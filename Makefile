# vmlayout build. `make` builds the libraries and the CLI; `make check` runs
# every test; `make run` shows the layout of the bundled example board.
# SAN=1 builds everything (into build-san/) with ASan and UBSan.

CC ?= gcc
# Quiet by default: one line per step; V=1 shows the commands.
V ?= 0
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif
VERSION := 0.3.0
SOVERSION := 0
SO_REAL := libvmlayout.so.$(word 1,$(subst ., ,$(VERSION))).$(word 2,$(subst ., ,$(VERSION)))
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
MANDIR ?= $(PREFIX)/share/man
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
ifeq ($(SAN),1)
B := build-san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
B := build
SANFLAGS :=
endif

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla \
	-Wpointer-arith -Wundef -Wwrite-strings -Wformat=2 -Wimplicit-fallthrough
BASEFLAGS := -std=c17 $(WARN) -O2 -g -Iinclude -Isrc $(SANFLAGS)
# The core is freestanding: no libc, no builtins that could turn into libc calls.
CORE_CFLAGS := $(BASEFLAGS) -ffreestanding -fno-builtin -fno-stack-protector \
	-fno-tree-loop-distribute-patterns -fPIC
HOST_CFLAGS := $(BASEFLAGS) -D_GNU_SOURCE -fPIC
LDLIBS := -lfdt -lm

CORE_SRC := $(sort $(wildcard src/core/*.c) $(wildcard src/arch/*.c) $(wildcard src/arch/*/*.c))
HOST_SRC := $(sort $(wildcard src/host/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/*/test_*.c))
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))
# bench/bench_*.c are the programs; the other files of bench/ are linked into each.
BENCH_LIB := $(filter-out $(BENCH_SRC),$(sort $(wildcard bench/*.c)))

CORE_OBJ := $(CORE_SRC:%.c=$(B)/obj/%.o)
HOST_OBJ := $(HOST_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(B)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)

.PHONY: all deps run check check-live check-san conformance conformance-dtbs bench clean freestanding-check lint install uninstall man
all: $(B)/libvmlayout-core.a $(B)/libvmlayout.a $(B)/libvmlayout.so $(B)/vmlayout

$(B)/obj/src/core/%.o $(B)/obj/src/arch/%.o: CFLAGS_X = $(CORE_CFLAGS)
$(B)/obj/src/host/%.o $(B)/obj/src/cli/%.o: CFLAGS_X = $(HOST_CFLAGS)
$(B)/obj/src/cli/main.o: CFLAGS_X = $(HOST_CFLAGS) -DVMLAYOUT_VERSION=\"$(VERSION)\"

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS_X) -MMD -MP -c $< -o $@

$(B)/libvmlayout-core.a: $(CORE_OBJ)
	@rm -f $@
	$(call say,AR,$@)
	$(Q)ar rcs $@ $^
$(B)/libvmlayout.a: $(CORE_OBJ) $(HOST_OBJ)
	@rm -f $@
	$(call say,AR,$@)
	$(Q)ar rcs $@ $^
# The shared library exports the public API only: the names declared in
# include/vmlayout/ that the objects define (scripts/export_map.sh).
$(B)/libvmlayout.map: $(CORE_OBJ) $(HOST_OBJ) $(wildcard include/vmlayout/*.h) scripts/export_map.sh
	$(Q)bash scripts/export_map.sh $@ $(CORE_OBJ) $(HOST_OBJ)
$(B)/libvmlayout.so: $(CORE_OBJ) $(HOST_OBJ) $(B)/libvmlayout.map
	$(call say,LD,$@)
	$(Q)$(CC) $(SANFLAGS) -shared -Wl,-soname,libvmlayout.so.0 -Wl,--version-script=$(B)/libvmlayout.map \
		-o $@ $(CORE_OBJ) $(HOST_OBJ) $(LDLIBS)
$(B)/vmlayout: $(CLI_OBJ) $(B)/libvmlayout.a
	$(call say,LD,$@)
	$(Q)$(CC) $(SANFLAGS) -o $@ $(CLI_OBJ) $(B)/libvmlayout.a $(LDLIBS)

$(B)/tests/%: tests/%.c tests/check.h $(wildcard tests/core/*.h) $(B)/libvmlayout.a
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(HOST_CFLAGS) -Itests -o $@ $< $(B)/libvmlayout.a $(LDLIBS)

$(B)/bench/%: bench/%.c $(BENCH_LIB) bench/bench.h $(B)/libvmlayout.a
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(HOST_CFLAGS) -Ibench -o $@ $< $(BENCH_LIB) $(B)/libvmlayout.a $(LDLIBS)

deps:
	@bash scripts/deps.sh

run: deps all
	$(B)/vmlayout layout --dtb boards/msm8974.dts --kernel 3.4 --system-map boards/msm8974.System.map

# The bench's smoke mode (correctness only) runs in check: tests/bench/.
# check: the offline suite (no network, no QEMU, no browser); check-live:
# the tests that run QEMU (its MMU as the oracle, real Debian kernels booted
# and compared, downloads cached outside the tree) and headless Chromium.
check: deps all $(TEST_BIN) $(B)/bench/bench_pgtable
	@bash tests/run.sh $(B) offline

check-live: deps all
	@bash tests/run.sh $(B) live

check-san:
	$(MAKE) SAN=1 check

conformance: deps all
	@bash conformance/run.sh $(B)
	@bash conformance/run_live_tables.sh $(B)
	@bash conformance/run_mmu.sh $(B)
	@$(MAKE) --no-print-directory conformance-dtbs

# Every device tree of Debian 12's 6.1 and Debian 13's 6.12 arm64/riscv64 kernels
# through vmlayout layout and boot-tables (docs/conformance.md).
conformance-dtbs: all
	@bash conformance/debian_dtbs.sh $(B)

bench: all $(BENCH_BIN)
	@for b in $(BENCH_BIN); do $$b || exit 1; done

lint:
	cppcheck --quiet --error-exitcode=1 --std=c17 -Iinclude -Isrc --suppress=missingIncludeSystem \
		--inline-suppr src
	clang-format --dry-run --Werror $(CORE_SRC) $(HOST_SRC) $(CLI_SRC) $(wildcard include/vmlayout/*.h src/*/*.h src/arch/*/*.h)

# make install [PREFIX=/usr/local] [DESTDIR=]: the command, both static
# libraries, the shared library (libvmlayout.so.MAJOR.MINOR, SONAME
# libvmlayout.so.MAJOR), the headers under include/vmlayout/ and the
# pkg-config files vmlayout.pc and vmlayout-core.pc. make uninstall removes
# exactly those files.
define pc_file
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
		-e 's|@VERSION@|$(VERSION)|' scripts/$(1).pc.in >$(DESTDIR)$(PKGCONFIGDIR)/$(1).pc
endef
# Man pages from the commands' --help (help2man): scripts/man.sh.
man: $(B)/man/vmlayout.1
$(B)/man/vmlayout.1: $(B)/vmlayout scripts/man.sh
	bash scripts/man.sh $(B)/vmlayout $(B)/man $(VERSION)

install: all man
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/vmlayout \
		$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPLETIONDIR)
	install -m 644 $(B)/man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 scripts/vmlayout.bash-completion $(DESTDIR)$(COMPLETIONDIR)/vmlayout
	install -m 755 $(B)/vmlayout $(DESTDIR)$(BINDIR)/vmlayout
	install -m 644 $(B)/libvmlayout.a $(B)/libvmlayout-core.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(B)/libvmlayout.so $(DESTDIR)$(LIBDIR)/$(SO_REAL)
	ln -sf $(SO_REAL) $(DESTDIR)$(LIBDIR)/libvmlayout.so.$(SOVERSION)
	ln -sf libvmlayout.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libvmlayout.so
	install -m 644 include/vmlayout/*.h $(DESTDIR)$(INCLUDEDIR)/vmlayout/
	$(call pc_file,vmlayout)
	$(call pc_file,vmlayout-core)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/vmlayout $(DESTDIR)$(LIBDIR)/libvmlayout.a \
		$(DESTDIR)$(LIBDIR)/libvmlayout-core.a $(DESTDIR)$(LIBDIR)/$(SO_REAL) \
		$(DESTDIR)$(LIBDIR)/libvmlayout.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libvmlayout.so \
		$(DESTDIR)$(PKGCONFIGDIR)/vmlayout.pc $(DESTDIR)$(PKGCONFIGDIR)/vmlayout-core.pc
	rm -f $(addprefix $(DESTDIR)$(INCLUDEDIR)/vmlayout/,$(notdir $(wildcard include/vmlayout/*.h)))
	rm -f $(DESTDIR)$(MANDIR)/man1/vmlayout.1 $(DESTDIR)$(MANDIR)/man1/vmlayout-*.1 \
		$(DESTDIR)$(COMPLETIONDIR)/vmlayout
	-rmdir $(DESTDIR)$(INCLUDEDIR)/vmlayout 2>/dev/null

clean:
	rm -rf build build-san build-fuzz

# ---- fuzzing (tests/fuzz/, docs/fuzzing.md): clang, libFuzzer, ASan + UBSan,
# in build-fuzz/. Not part of `make check` (which needs no clang).
# `make fuzz FUZZ_TIME=N` runs each target N seconds (new inputs go to
# build-fuzz/corpus/, crashes to build-fuzz/artifacts/); `make fuzz-replay`
# runs every committed input of tests/fuzz/corpus/ once.
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FB := build-fuzz
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BIN := $(FUZZ_TARGETS:%=$(FB)/fuzz_%)
FUZZ_BASE := -std=c17 $(WARN) -O1 -g -Iinclude -Isrc -Itests -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fsanitize=fuzzer-no-link
FUZZ_OBJ := $(CORE_SRC:%.c=$(FB)/obj/%.o) $(HOST_SRC:%.c=$(FB)/obj/%.o)
FUZZ_OPTS := -timeout=25 -rss_limit_mb=2560 -print_final_stats=0
.PHONY: fuzz fuzz-build fuzz-replay fuzz-open

$(FB)/obj/src/core/%.o $(FB)/obj/src/arch/%.o: FUZZ_X = -ffreestanding -fno-builtin -fPIC
$(FB)/obj/src/host/%.o: FUZZ_X = -D_GNU_SOURCE -fPIC
$(FB)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_BASE) $(FUZZ_X) -MMD -MP -c $< -o $@
$(FB)/libvmlayout.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(FB)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) tests/core/pt_harness.h \
		src/cli/pt_session.c src/cli/pt_session_read.c src/cli/pt_session.h src/cli/unknown_option.c \
		$(FB)/libvmlayout.a
	$(FUZZ_CC) $(FUZZ_BASE) -D_GNU_SOURCE -fsanitize=fuzzer -o $@ $< $(FB)/libvmlayout.a $(LDLIBS)
# The replay test of `make check` includes every harness.
$(B)/tests/fuzz/test_fuzz_replay: $(wildcard tests/fuzz/*.c tests/fuzz/*.h) tests/core/pt_harness.h \
	src/cli/pt_session.c src/cli/pt_session_read.c src/cli/unknown_option.c

fuzz-build: deps $(FUZZ_BIN)

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FB)/corpus/$$t $(FB)/artifacts/$$t; \
		dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
		[ -f tests/fuzz/$$t.options ] && dict="$$dict $$(cat tests/fuzz/$$t.options)"; \
		echo "fuzz $$t: $(FUZZ_TIME) s (log $(FB)/fuzz_$$t.log)"; \
		if ! $(FB)/fuzz_$$t -max_total_time=$(FUZZ_TIME) $(FUZZ_OPTS) $$dict \
			-artifact_prefix=$(FB)/artifacts/$$t/ $(FB)/corpus/$$t tests/fuzz/corpus/$$t \
			>$(FB)/fuzz_$$t.log 2>&1; then \
			tail -n 60 $(FB)/fuzz_$$t.log; echo "fuzz $$t: FAILED (input in $(FB)/artifacts/$$t/)"; \
			exit 1; \
		fi; \
		grep -E '^#[0-9]+' $(FB)/fuzz_$$t.log | tail -n 1; \
	done

# Open bugs (reported, not fixed: tests/fuzz/open/) with their checks on:
# says which reproducers still fail and which can move to the corpus.
$(FB)/open/fuzz_%: tests/fuzz/fuzz_%.c $(FB)/fuzz_%
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_BASE) -D_GNU_SOURCE -DFUZZ_OPEN_BUGS=1 -fsanitize=fuzzer -o $@ $< \
		$(FB)/libvmlayout.a $(LDLIBS)
fuzz-open: $(FUZZ_TARGETS:%=$(FB)/open/fuzz_%)
	@for f in $$(find tests/fuzz/open -type f | sort); do \
		t=$$(basename $$(dirname $$f)); \
		if $(FB)/open/fuzz_$$t -timeout=10 $$f >$(FB)/open/last.log 2>&1; then \
			echo "FIXED $$f (move it to tests/fuzz/corpus/$$t/)"; \
		else \
			echo "OPEN  $$f: $$(grep -m1 -E 'FUZZ_CHECK|ERROR: ' $(FB)/open/last.log)"; \
		fi; \
	done

fuzz-replay: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		n=$$(ls tests/fuzz/corpus/$$t | wc -l); \
		if ! $(FB)/fuzz_$$t $(FUZZ_OPTS) tests/fuzz/corpus/$$t/* >$(FB)/replay_$$t.log 2>&1; then \
			tail -n 60 $(FB)/replay_$$t.log; echo "fuzz-replay $$t: FAILED"; exit 1; \
		fi; \
		echo "fuzz-replay $$t: $$n inputs ok"; \
	done

-include $(CORE_OBJ:.o=.d) $(HOST_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d)
