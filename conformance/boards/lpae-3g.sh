DESCRIPTION="armmp-lpae, 3 GiB (RAM up to 4 GiB)"
FLAVOUR=armmp-lpae
MEM=3G
