DESCRIPTION="armmp-lpae, 8 GiB (RAM to 0x23fffffff), highmem=on, vmalloc=256M"
FLAVOUR=armmp-lpae
MEM=8G
MACHINE_OPTS="highmem=on"
APPEND_EXTRA="vmalloc=256M"
