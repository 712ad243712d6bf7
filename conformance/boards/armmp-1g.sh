DESCRIPTION="armmp, 1 GiB, QEMU's own DT, default command line"
FLAVOUR=armmp
MEM=1G
