DESCRIPTION="armmp, 256M, QEMU's own DT, default command line"
FLAVOUR=armmp
MEM=256M
