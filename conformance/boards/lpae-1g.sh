DESCRIPTION="armmp-lpae, 1 GiB, QEMU's own DT"
FLAVOUR=armmp-lpae
MEM=1G
