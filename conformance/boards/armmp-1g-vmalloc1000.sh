DESCRIPTION="armmp, 1 GiB, vmalloc=1000M (past the maximum: clamped)"
FLAVOUR=armmp
MEM=1G
APPEND_EXTRA="vmalloc=1000M"
