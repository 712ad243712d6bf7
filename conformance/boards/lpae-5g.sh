DESCRIPTION="armmp-lpae, 5 GiB (RAM 0x40000000-0x17fffffff, past 4 GiB), highmem=on"
FLAVOUR=armmp-lpae
MEM=5G
MACHINE_OPTS="highmem=on"
