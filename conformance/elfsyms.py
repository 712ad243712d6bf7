#!/usr/bin/env python3
"""Prints the symbol table of a little-endian ELF, 32- or 64-bit (an armhf,
arm64 or riscv64 vmlinux) in
System.map format ("address type name", sorted by address), so no cross nm is
needed. Only the types vmlayout reads are told apart: T/t for symbols in an
executable section, D/d otherwise, A for absolute symbols; upper case for
global symbols.

Usage: elfsyms.py VMLINUX > System.map
"""
import struct
import sys

SHT_SYMTAB = 2
SHN_ABS = 0xFFF1
SHF_EXECINSTR = 0x4
STB_LOCAL = 0
STT_SECTION, STT_FILE = 3, 4


def read_symbols(data):
    if data[:4] != b"\x7fELF" or data[5] != 1 or data[4] not in (1, 2):
        sys.exit("elfsyms.py: not a little-endian ELF file")
    if data[4] == 1:  # ELFCLASS32 (armhf)
        shoff, = struct.unpack_from("<I", data, 0x20)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x2E)
        sections = [struct.unpack_from("<10I", data, shoff + i * shentsize)
                    for i in range(shnum)]
        # (name, type, flags, addr, offset, size, link, info, align, entsize)
        sym_fmt, sym_size = "<IIIBBH", 16
    else:  # ELFCLASS64 (arm64, riscv64)
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                    for i in range(shnum)]
        sym_fmt, sym_size = "<IBBHQQ", 24
    for sh in sections:
        if sh[1] != SHT_SYMTAB:
            continue
        strtab = sections[sh[6]]
        str_off = strtab[4]
        for off in range(sh[4], sh[4] + sh[5], sym_size):
            if sym_size == 16:
                name_i, value, _size, info, _other, shndx = struct.unpack_from(sym_fmt, data, off)
            else:
                name_i, info, _other, shndx, value, _size = struct.unpack_from(sym_fmt, data, off)
            if info & 0xF in (STT_SECTION, STT_FILE) or name_i == 0:
                continue
            end = data.index(b"\0", str_off + name_i)
            name = data[str_off + name_i:end].decode(errors="replace")
            if name.startswith("$"):  # ARM mapping symbols ($a, $d, $t, $x)
                continue
            if shndx == SHN_ABS:
                kind = "a"
            elif 0 < shndx < len(sections) and sections[shndx][2] & SHF_EXECINSTR:
                kind = "t"
            else:
                kind = "d"
            if info >> 4 != STB_LOCAL:
                kind = kind.upper()
            yield value, kind, name, data[4] == 2


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: elfsyms.py VMLINUX")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    for value, kind, name, wide in sorted(read_symbols(data)):
        print("%0*x %s %s" % (16 if wide else 8, value, kind, name))


if __name__ == "__main__":
    main()
