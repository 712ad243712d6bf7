DESCRIPTION="armmp, 1 GiB, vmalloc=128M"
FLAVOUR=armmp
MEM=1G
APPEND_EXTRA="vmalloc=128M"
