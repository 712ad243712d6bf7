DESCRIPTION="armmp-lpae, 4 GiB (RAM 0x40000000-0x13fffffff, crosses 4 GiB), highmem=on"
FLAVOUR=armmp-lpae
MEM=4G
MACHINE_OPTS="highmem=on"
