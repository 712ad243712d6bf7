DESCRIPTION="armmp, 2 GiB, vmalloc=600M"
FLAVOUR=armmp
MEM=2G
APPEND_EXTRA="vmalloc=600M"
