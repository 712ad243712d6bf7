#!/usr/bin/env python3
"""Writes the conformance initramfs: a gzip'd cpio "newc" archive holding the
armhf busybox-static as /bin/busybox (with /bin/sh), conformance/init.sh as
/init, and /dev/console, so no root rights (mknod) are needed to build it.

Usage: mkinitramfs.py BUSYBOX INIT_SH OUTPUT.cpio.gz

The archive is deterministic (fixed mtimes and inode numbers), so two runs
give the same bytes and the initrd size the kernel sees does not change.
"""
import gzip
import stat
import sys

NEWC_MAGIC = b"070701"


def newc_entry(ino, name, mode, data=b"", rdev=(0, 0)):
    """One newc header + name + data, each padded to 4 bytes."""
    name_b = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0]
    hdr = NEWC_MAGIC + b"".join(b"%08X" % f for f in fields)
    out = hdr + name_b
    out += b"\0" * (-len(out) % 4)
    out += data
    out += b"\0" * (-len(out) % 4)
    return out


def build(busybox, init_sh):
    entries = [
        ("bin", stat.S_IFDIR | 0o755, b"", (0, 0)),
        ("dev", stat.S_IFDIR | 0o755, b"", (0, 0)),
        ("proc", stat.S_IFDIR | 0o755, b"", (0, 0)),
        ("sys", stat.S_IFDIR | 0o755, b"", (0, 0)),
        ("tmp", stat.S_IFDIR | 0o1777, b"", (0, 0)),
        # /dev/console (5,1): the kernel opens it for init's stdin/out/err.
        ("dev/console", stat.S_IFCHR | 0o600, b"", (5, 1)),
        ("bin/busybox", stat.S_IFREG | 0o755, busybox, (0, 0)),
        ("bin/sh", stat.S_IFLNK | 0o777, b"busybox", (0, 0)),
        ("init", stat.S_IFREG | 0o755, init_sh, (0, 0)),
    ]
    blob = b""
    for ino, (name, mode, data, rdev) in enumerate(entries, start=1):
        blob += newc_entry(ino, name, mode, data, rdev)
    blob += newc_entry(0, "TRAILER!!!", 0)
    return blob


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: mkinitramfs.py BUSYBOX INIT_SH OUTPUT.cpio.gz")
    with open(sys.argv[1], "rb") as f:
        busybox = f.read()
    with open(sys.argv[2], "rb") as f:
        init_sh = f.read()
    with open(sys.argv[3], "wb") as f:
        f.write(gzip.compress(build(busybox, init_sh), compresslevel=9, mtime=0))


if __name__ == "__main__":
    main()
