# vmlayout build. `make` builds the libraries and the CLI; `make check` runs
# every test; `make run` shows the layout of the bundled example board.
# SAN=1 builds everything (into build-san/) with ASan and UBSan.

CC ?= gcc
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

CORE_OBJ := $(CORE_SRC:%.c=$(B)/obj/%.o)
HOST_OBJ := $(HOST_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(B)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)

.PHONY: all deps run check check-san conformance conformance-dtbs bench clean freestanding-check lint
all: $(B)/libvmlayout-core.a $(B)/libvmlayout.a $(B)/libvmlayout.so $(B)/vmlayout

$(B)/obj/src/core/%.o $(B)/obj/src/arch/%.o: CFLAGS_X = $(CORE_CFLAGS)
$(B)/obj/src/host/%.o $(B)/obj/src/cli/%.o: CFLAGS_X = $(HOST_CFLAGS)

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_X) -MMD -MP -c $< -o $@

$(B)/libvmlayout-core.a: $(CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(B)/libvmlayout.a: $(CORE_OBJ) $(HOST_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(B)/libvmlayout.so: $(CORE_OBJ) $(HOST_OBJ)
	$(CC) $(SANFLAGS) -shared -o $@ $^ $(LDLIBS)
$(B)/vmlayout: $(CLI_OBJ) $(B)/libvmlayout.a
	$(CC) $(SANFLAGS) -o $@ $(CLI_OBJ) $(B)/libvmlayout.a $(LDLIBS)

$(B)/tests/%: tests/%.c tests/check.h $(B)/libvmlayout.a
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -Itests -o $@ $< $(B)/libvmlayout.a $(LDLIBS)

$(B)/bench/%: bench/%.c $(B)/libvmlayout.a
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(B)/libvmlayout.a $(LDLIBS)

deps:
	@bash scripts/deps.sh

run: deps all
	$(B)/vmlayout layout --dtb boards/msm8974.dts --kernel 3.4 --system-map boards/msm8974.System.map

check: deps all $(TEST_BIN)
	@bash tests/run.sh $(B)

check-san:
	$(MAKE) SAN=1 check

conformance: deps all
	@bash conformance/run.sh $(B)
	@bash conformance/run_mmu.sh $(B)
	@$(MAKE) --no-print-directory conformance-dtbs

# Every device tree of Debian 12's 6.1 kernels through vmlayout (docs/conformance.md).
conformance-dtbs: all
	@bash conformance/debian_dtbs.sh $(B)

bench: all $(BENCH_BIN)
	@for b in $(BENCH_BIN); do $$b || exit 1; done

lint:
	cppcheck --quiet --error-exitcode=1 --std=c17 -Iinclude -Isrc --suppress=missingIncludeSystem \
		--inline-suppr src
	clang-format --dry-run --Werror $(CORE_SRC) $(HOST_SRC) $(CLI_SRC) $(wildcard include/vmlayout/*.h src/*/*.h src/arch/*/*.h)

clean:
	rm -rf build build-san

-include $(CORE_OBJ:.o=.d) $(HOST_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
