DESCRIPTION="armmp, 2G, QEMU's own DT, default command line"
FLAVOUR=armmp
MEM=2G
