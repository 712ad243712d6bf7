# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
DESCRIPTION="riscv64, 1 GiB, KFENCE started by kfence.sample_interval=100 (Debian's config has 0): the pool and the metadata stay reserved"
FLAVOUR=riscv64
MEM=1G
APPEND_EXTRA="kfence.sample_interval=100"
