DESCRIPTION="armmp, 512M, QEMU's own DT, default command line"
FLAVOUR=armmp
MEM=512M
