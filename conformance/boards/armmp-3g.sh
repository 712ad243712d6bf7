DESCRIPTION="armmp, 3G, QEMU's own DT, default command line"
FLAVOUR=armmp
MEM=3G
