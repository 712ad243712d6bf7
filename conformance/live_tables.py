#!/usr/bin/env python3
"""The page tables a real armhf, arm64 or riscv64 kernel runs on, against
`vmlayout boot-tables` (docs/conformance.md, "The live page tables").

  live_tables.py capture BOARD_DIR
      boots the board again from BOARD_DIR/command.sh (written by boot.sh)
      with "vmlayout_hold=1" added to the command line, so /init idles after
      printing its sections; then stops the VM, reads the root register
      through QEMU's gdbstub (TTBR1_EL1 on arm64, satp on riscv64, TTBR1
      and TTBCR on armhf; Debian's kallsyms has no data symbols, so
      swapper_pg_dir's address is not known otherwise), follows the table
      tree in guest memory (QMP pmemsave, one page per table) and writes
      BOARD_DIR/live-tables (the table pages, back to back) and
      BOARD_DIR/live-tables.json (the runs, in the layout of
      `vmlayout boot-tables --out`).
  live_tables.py check VMLAYOUT BOARD_DIR...
      capture, then `vmlayout boot-tables --out BOARD_DIR/pred-tables` with
      the board's inputs (those compare.py gives `layout`), then compare
      every bit compared, and walk the capture with `vmlayout walk --dump`
      (as `walk` below); "N passed, N failed" at the end.
  live_tables.py walk VMLAYOUT LIVE.json
      writes each run of the capture as a raw memory piece and walks the
      kernel half with `vmlayout walk --dump PIECE@PHYS... --root ROOT`
      (and prints it with `ptdump --dump`): every sampled leaf's PA, size
      and descriptor bits must be what this file's walker reads.
  live_tables.py compare LIVE.json PREDICTED.json OBSERVED.json [BIT...]
      walks both trees over the linear map [linear start, high_memory) and
      the image [_text, _end) of observed.json, and (arm64, riscv64) the
      fixmap and the vmemmap (armhf: lowmem, the DT's
      sections and the vectors), and prints one line per range and a list of the runs
      that differ (VA, size, PA, level and descriptor bits), then
      "N passed, N failed".

QEMU 7.2: the gdbstub gives the system registers in its generated
"system-registers.xml" (target/arm/gdbstub.c), TTBR1_EL1 among them.
"""
import contextlib
import io
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time

PAGE = 4096
OA_MASK = 0x0000FFFFFFFFF000
# TTBRn_EL1.BADDR below 2^48 (bit 0 is CnP; a root smaller than a page, as
# 16K/52's 32 entries, is 64-byte aligned: Arm ARM D19.2 TTBR1_EL1).
TTBR_BADDR_MASK = 0x0000FFFFFFFFFFC0
# TCR_EL1.TG1 (Arm ARM D19.2): the kernel half's granule, as a page shift.
TG1_SHIFT = {1: 14, 2: 12, 3: 16}
GRANULE_NAME = {12: "4K", 14: "16K", 16: "64K"}
# Leaf descriptor bits compared (Arm ARM D8.3, the kernel's asm/pgtable-hwdef.h).
BITS = [(2, 3, "AttrIndx"), (6, 2, "AP"), (8, 2, "SH"), (10, 1, "AF"), (11, 1, "nG"),
        (50, 1, "GP"), (51, 1, "DBM"), (52, 1, "CONT"), (53, 1, "PXN"), (54, 1, "UXN"),
        (55, 4, "SW")]
ATTR_MASK = sum(((1 << n) - 1) << s for s, n, _ in BITS)
# riscv64 PTE bits (privileged spec, Sv39/48/57; asm/pgtable-64.h): V R W X
# U G A D, the two RSW bits, Svpbmt's PBMT, Svnapot's N.
RV_BITS = [(0, 1, "V"), (1, 1, "R"), (2, 1, "W"), (3, 1, "X"), (4, 1, "U"), (5, 1, "G"),
           (6, 1, "A"), (7, 1, "D"), (8, 2, "RSW"), (61, 2, "PBMT"), (63, 1, "N")]
RV_ATTR_MASK = sum(((1 << n) - 1) << s for s, n, _ in RV_BITS)
RV_LEVELS = {8: 3, 9: 4, 10: 5}  # satp.MODE: Sv39, Sv48, Sv57
# Bits `check` leaves out: none (nG, which KASLR turns on through KPTI, is
# modelled since these boots showed it).
NG_IGNORED = 0


# ---- capture -------------------------------------------------------------

class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.buf = b""
        self.reply()  # greeting
        self.cmd("qmp_capabilities")

    def reply(self):
        while True:
            while b"\n" not in self.buf:
                data = self.sock.recv(65536)
                if not data:
                    raise RuntimeError("QMP connection closed")
                self.buf += data
            line, self.buf = self.buf.split(b"\n", 1)
            msg = json.loads(line)
            if "event" not in msg:
                return msg

    def cmd(self, name, **args):
        self.sock.sendall(json.dumps({"execute": name, "arguments": args}).encode() + b"\n")
        r = self.reply()
        if "error" in r:
            raise RuntimeError("QMP %s: %s" % (name, r["error"]))
        return r.get("return")


class Gdb:
    """Just enough of the GDB remote protocol to read one register."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.buf = b""

    def packet(self, data):
        body = data.encode()
        self.sock.sendall(b"$%s#%02x" % (body, sum(body) & 0xFF))
        while True:
            m = re.search(rb"\$([^#]*)#[0-9a-fA-F]{2}", self.buf)
            if m:
                self.buf = self.buf[m.end():]
                self.sock.sendall(b"+")
                return m.group(1).decode()
            data = self.sock.recv(65536)
            if not data:
                raise RuntimeError("gdbstub connection closed")
            self.buf += data

    def xfer(self, annex):
        out, off = "", 0
        while True:
            r = self.packet("qXfer:features:read:%s:%x,%x" % (annex, off, 0x3FFF))
            if not r or r[0] not in "lm":
                raise RuntimeError("gdbstub: cannot read %s (%r)" % (annex, r[:40]))
            out += r[1:]
            off += len(r) - 1
            if r[0] == "l":
                return out

    def register(self, name, arch="aarch64"):
        self.packet("qSupported:xmlRegisters=%s" % arch)
        self.packet("?")
        target = self.xfer("target.xml")
        for annex in re.findall(r'href="([^"]+)"', target):
            xml = self.xfer(annex)
            m = re.search(r'<reg name="%s"[^>]*regnum="(\d+)"' % name, xml)
            if m:
                val = self.packet("p%x" % int(m.group(1)))
                return int.from_bytes(bytes.fromhex(val), "little")
        raise RuntimeError("gdbstub: no register %s in the target description" % name)


def capture(bdir):
    with open(os.path.join(bdir, "command.sh")) as f:
        cmd = shlex.split(f.read())
    riscv = any("riscv64" in w for w in cmd[:3])
    arm32 = any(w.endswith("qemu-system-arm") for w in cmd[:3])
    if cmd[0] == "timeout":
        cmd = cmd[2:]
    i = cmd.index("-append")
    cmd[i + 1] += " vmlayout_hold=1"
    tmp = tempfile.mkdtemp(prefix="vmlayout-live-")
    qmp_path, gdb_path = os.path.join(tmp, "qmp"), os.path.join(tmp, "gdb")
    cmd += ["-qmp", "unix:%s,server=on,wait=off" % qmp_path,
            "-gdb", "unix:%s,server=on,wait=off" % gdb_path]
    log = os.path.join(bdir, "live-serial.log")
    with open(log, "w") as out:
        qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 150
        while time.time() < deadline:
            with open(log, errors="replace") as f:
                if "=====VMLAYOUT-HOLD=====" in f.read():
                    break
            if qemu.poll() is not None:
                raise RuntimeError("QEMU exited before /init held (see %s)" % log)
            time.sleep(0.2)
        else:
            raise RuntimeError("no =====VMLAYOUT-HOLD===== within 150 s (see %s)" % log)
        qmp = Qmp(qmp_path)
        qmp.cmd("stop")
        gdb = Gdb(gdb_path)
        reader = PageReader(qmp, os.path.join(tmp, "page"))
        if arm32:
            meta = arm32_capture(gdb, reader)
        else:
            meta = capture_64(gdb, reader, riscv)
    finally:
        qemu.kill()
        qemu.wait()
    write_dump(os.path.join(bdir, "live-tables"), reader.pages, meta, reader.size)
    print("live_tables.py: %s: %s, %d table pages" %
          (bdir, ", ".join("%s %s" % (k, meta[k]) for k in ("ttbr1", "satp", "ttbcr")
                           if k in meta), len(reader.pages)))


class PageReader:
    """Guest physical pages through QMP's pmemsave, each read once; a page
    is one table (4 KiB, or the arm64 kernel's granule once known)."""

    def __init__(self, qmp, scratch):
        self.qmp, self.scratch, self.pages, self.size = qmp, scratch, {}, PAGE

    def read(self, pa):
        pa &= ~(self.size - 1)
        if pa not in self.pages:
            self.qmp.cmd("pmemsave", val=pa, size=self.size, filename=self.scratch)
            with open(self.scratch, "rb") as f:
                self.pages[pa] = f.read()
        return self.pages[pa]


def arm64_levels(page_shift, va_bits):
    """(first level, its entries) of an arm64 kernel half: each level
    resolves page_shift - 3 bits and the last (level 3) maps pages, so
    4K/48 starts at level 0 (512 entries), 16K/47 at level 1 (2048), 16K/48
    at level 0 (2 entries), 64K/42 at level 2 (8192) (Arm ARM D8.2)."""
    per = page_shift - 3
    levels = -(-(va_bits - page_shift) // per)
    return 4 - levels, 1 << (va_bits - page_shift - per * (levels - 1))


def capture_64(gdb, reader, riscv):
    """arm64: TTBR1_EL1 (the kernel half) and TCR_EL1 (its granule, TG1,
    and size, T1SZ); riscv64: satp (the one root)."""
    root_reg = gdb.register("satp" if riscv else "TTBR1_EL1")
    if riscv:
        first, last, entries, oa = 0, RV_LEVELS.get(root_reg >> 60, 3) - 1, 512, OA_MASK
    else:
        tcr = gdb.register("TCR_EL1")
        page_shift, va_bits = TG1_SHIFT[(tcr >> 30) & 3], 64 - ((tcr >> 16) & 0x3F)
        reader.size = 1 << page_shift
        first, entries = arm64_levels(page_shift, va_bits)
        last, oa = 3, OA_MASK & ~(reader.size - 1)

    def tables(pa, level, n):
        data = reader.read(pa)[pa % reader.size:]
        if level == last:
            return
        for k in range(n):
            d = int.from_bytes(data[8 * k:8 * k + 8], "little")
            if riscv and d & 1 and not d & 0xE:
                tables(((d >> 10) & ((1 << 44) - 1)) << 12, level + 1, 512)
            elif not riscv and d & 3 == 3:
                tables(d & oa, level + 1, reader.size // 8)

    root = (root_reg & ((1 << 44) - 1)) << 12 if riscv else root_reg & TTBR_BADDR_MASK
    tables(root, first, entries)
    if riscv:
        return {"arch": "riscv64", "format": "sv%d" % (12 + 9 * RV_LEVELS[root_reg >> 60]),
                "root_phys": "%#x" % root, "satp": "%#x" % root_reg}
    # TCR_EL1.DS (bit 59): the LPA2 descriptors (OA[51:50] in bits 9:8)
    lpa2 = "-lpa2" if tcr >> 59 & 1 else ""
    return {"arch": "arm64", "format": "%s/%d%s" % (GRANULE_NAME[page_shift], va_bits, lpa2),
            "root_phys": "%#x" % root, "ttbr1": "%#x" % root_reg, "tcr": "%#x" % tcr}


def arm32_capture(gdb, reader):
    """32-bit ARM. Classic (TTBCR.EAE = 0): Linux loads TTBR1 with
    swapper_pg_dir and never changes it (cpu_v7_switch_mm() writes TTBR0
    only; TTBCR.N = 0, so the MMU uses TTBR0, whose kernel half every pgd
    copies from swapper_pg_dir: pgd_alloc(), arch/arm/mm/pgd.c v6.1): the
    16 KiB first-level table, then every page holding a second-level
    table (with Linux's shadow PTEs beside it). LPAE (EAE = 1): TTBR1
    translates [2^32 - 2^(32 - T1SZ), 2^32) from its second level (the
    PMD page of swapper_pg_dir for that GiB, proc-v7-3level.S v6.1), or,
    with T1SZ 0 (CPU_TTBR0_PAN), everything from swapper_pg_dir's first
    level."""
    ttbr1, ttbcr = gdb.register("TTBR1", "arm"), gdb.register("TTBCR", "arm")
    if not ttbcr >> 31:
        root = ttbr1 & 0xFFFFC000
        for off in range(0, 0x4000, PAGE):
            reader.read(root + off)
        for k in range(4096):
            d = int.from_bytes(reader.read(root + 4 * k)[(4 * k) % PAGE:][:4], "little")
            if d & 3 == 1:
                reader.read(d & 0xFFFFFC00)
        return {"arch": "arm", "format": "short-linux", "root_phys": "%#x" % root,
                "ttbr1": "%#x" % ttbr1, "ttbcr": "%#x" % ttbcr}
    t1sz = (ttbcr >> 16) & 7
    root = ttbr1 & 0xFFFFFFFFF000
    data = reader.read(root)
    if t1sz == 0:
        # CONFIG_CPU_TTBR0_PAN (Debian 13's armmp-lpae): TTBR1 is
        # swapper_pg_dir itself, its 4-entry first level, and T1SZ 0
        # (TTBR1_OFFSET and TTBR1_SIZE 0: asm/pgtable-3level-hwdef.h
        # v6.12): the kernel half as the predicted image has it.
        for k in range(4):
            d = int.from_bytes(data[(root % PAGE) + 8 * k:][:8], "little")
            if d & 3 == 3:
                pmd = reader.read(d & OA_MASK)
                for j in range(512):
                    e = int.from_bytes(pmd[8 * j:8 * j + 8], "little")
                    if e & 3 == 3:
                        reader.read(e & OA_MASK)
        return {"arch": "arm", "format": "lpae", "root_phys": "%#x" % root,
                "ttbr1": "%#x" % ttbr1, "ttbcr": "%#x" % ttbcr}
    for k in range(512):
        d = int.from_bytes(data[8 * k:8 * k + 8], "little")
        if d & 3 == 3:
            reader.read(d & OA_MASK)
    return {"arch": "arm", "format": "lpae", "root_phys": "%#x" % root,
            "ttbr1": "%#x" % ttbr1, "ttbcr": "%#x" % ttbcr,
            "ttbr1_va_base": "%#x" % ((1 << 32) - (1 << (32 - t1sz)))}


def write_dump(path, pages, meta, page=PAGE):
    runs, off = [], 0
    with open(path, "wb") as f:
        for pa in sorted(pages):
            f.write(pages[pa])
            if runs and int(runs[-1]["phys"], 16) + int(runs[-1]["size"], 16) == pa:
                runs[-1]["size"] = "%#x" % (int(runs[-1]["size"], 16) + page)
            else:
                runs.append({"phys": "%#x" % pa, "offset": "%#x" % off, "size": "%#x" % page})
            off += page
    with open(path + ".json", "w") as f:
        json.dump(dict(meta, runs=runs), f, indent=1)


# ---- compare -------------------------------------------------------------

class Dump:
    """A table image and its runs (vmlayout boot-tables --out, or capture)."""

    def __init__(self, json_path):
        with open(json_path) as f:
            self.meta = json.load(f)
        self.image = open(json_path[:-len(".json")], "rb")
        self.runs = [(int(r["phys"], 16), int(r["offset"], 16), int(r["size"], 16))
                     for r in self.meta["runs"]]
        # arm64: the granule and VA size of the kernel half ("16K/47")
        self.page_shift, self.va_bits = 12, 48
        if self.meta["arch"] == "arm64":
            granule, va_bits = self.meta["format"].split("-")[0].split("/")
            self.page_shift = {v: k for k, v in GRANULE_NAME.items()}[granule]
            self.va_bits = int(va_bits)
        self.page_size = 1 << self.page_shift

    def page(self, pa):
        for phys, off, size in self.runs:
            if phys <= pa < phys + size:
                self.image.seek(off + pa - phys)
                return self.image.read(self.page_size)
        raise KeyError("table page %#x is not in the dump" % pa)

    def leaves(self, lo, hi):
        """(va, size, pa, level, attrs) of every valid leaf in [lo, hi);
        level is the leaf's size as a string (4K, 2M, 1G, 512G)."""
        out = []
        if self.meta["arch"] == "arm":
            if self.meta["format"] == "lpae":
                self._walk_lpae(lo, hi, out)
            else:
                self._walk_short(int(self.meta["root_phys"], 16), lo, hi, out)
        elif self.meta["arch"] == "riscv64":
            satp = int(self.meta["satp"], 16)
            levels = RV_LEVELS[satp >> 60]
            self._walk_rv((satp & ((1 << 44) - 1)) << 12, levels - 1, 12 + 9 * levels,
                          0, lo, hi, out)
        else:
            first, entries = arm64_levels(self.page_shift, self.va_bits)
            self._walk(int(self.meta["root_phys"], 16), first, entries,
                       (1 << 64) - (1 << self.va_bits), lo, hi, out)
        return out

    def word(self, pa, size):
        page = self.page_size
        return int.from_bytes(self.page(pa & ~(page - 1))[pa % page:][:size], "little")

    def _walk_short(self, root, lo, hi, out):
        """Short descriptors (DDI 0406C B3.5): a section's or supersection's
        bits other than its base address; a page's hardware bits with the
        Linux PTE beside it (2048 bytes below: pgtable-2level.h v6.1) in
        bits 32-63 and its first-level descriptor's low bits (domain, PXN)
        from bit 64."""
        for k in range(lo >> 20, (hi + (1 << 20) - 1) >> 20):
            d = self.word(root + 4 * k, 4)
            if d & 3 == 2:
                if d & (1 << 18):  # one MiB of a 16 MiB supersection (PA[31:24])
                    out.append((k << 20, 1 << 20, (d & 0xFF000000) | ((k << 20) & 0xF00000),
                                "16M", d & 0xFFFFF))
                else:
                    out.append((k << 20, 1 << 20, d & 0xFFF00000, "1M", d & 0xFFFFF))
            elif d & 3 == 1:
                table = d & 0xFFFFFC00
                for j in range(256):
                    va = (k << 20) | (j << 12)
                    if va + PAGE <= lo or va >= hi:
                        continue
                    e = self.word(table + 4 * j, 4)
                    if not e & 3:
                        continue
                    linux = self.word(table - 2048 + 4 * j, 4)
                    tbits = (d & 0x3FF) << 64
                    if e & 2:
                        out.append((va, PAGE, e & 0xFFFFF000, "4K",
                                    (e & 0xFFF) | (linux & 0xFFF) << 32 | tbits))
                    else:
                        out.append((va, PAGE, (e & 0xFFFF0000) + (va & 0xF000), "64K",
                                    (e & 0xFFFF) | tbits))

    def _walk_lpae(self, lo, hi, out):
        """Long descriptors (DDI 0406C B3.6): the predicted image starts
        at its 4-entry first level (TTBR0 covers everything there); the live
        one at TTBR1's second-level table (ttbr1_va_base and up)."""
        base = self.meta.get("ttbr1_va_base")
        if base:
            self._walk_long(int(self.meta["root_phys"], 16), 2, int(base, 16), 512, lo, hi, out)
        else:
            self._walk_long(int(self.meta["root_phys"], 16), 1, 0, 4, lo, hi, out)

    def _walk_long(self, pa, level, base, entries, lo, hi, out):
        shift = 39 - 9 * level
        for k in range(entries):
            va, size = base + (k << shift), 1 << shift
            if va + size <= lo or va >= hi:
                continue
            d = self.word(pa + 8 * k, 8)
            if not d & 1:
                continue
            if d & 3 == 3 and level < 3:
                self._walk_long(d & OA_MASK, level + 1, va, 512, lo, hi, out)
            elif (d & 3 == 1 and level in (1, 2)) or (d & 3 == 3 and level == 3):
                out.append((va, size, d & OA_MASK & ~(size - 1), LEVEL_NAME[shift],
                            d & LPAE_ATTR_MASK))

    def _walk_rv(self, pa, level, va_bits, base, lo, hi, out):
        """Sv39/48/57: @level counts down to 0 (4K leaves); VAs are the
        sign extension of @va_bits."""
        shift = 12 + 9 * level
        data = self.page(pa)
        for k in range(512):
            va = base + (k << shift)
            if va >> (va_bits - 1) & 1:
                va |= ((1 << 64) - 1) ^ ((1 << va_bits) - 1)
            size = 1 << shift
            if va + size <= lo or va >= hi:
                continue
            d = int.from_bytes(data[8 * k:8 * k + 8], "little")
            if not d & 1:
                continue
            nxt = ((d >> 10) & ((1 << 44) - 1)) << 12
            if d & 0xE:
                out.append((va, size, nxt & ~(size - 1), LEVEL_NAME[shift], d & RV_ATTR_MASK))
            elif level > 0:
                self._walk_rv(nxt, level - 1, va_bits, va, lo, hi, out)

    def _walk(self, pa, level, entries, base, lo, hi, out):
        """arm64, any granule: level 3 maps pages, each level above
        page_shift - 3 more bits; @entries: the root's may be fewer."""
        shift = self.page_shift + (self.page_shift - 3) * (3 - level)
        oa = OA_MASK & ~(self.page_size - 1)
        data = self.page(pa)
        for k in range(entries):
            va, size = base + (k << shift), 1 << shift
            if va + size <= lo or va >= hi:
                continue
            d = int.from_bytes(data[8 * k:8 * k + 8], "little")
            if not d & 1:
                continue
            if d & 3 == 3 and level < 3:
                self._walk(d & oa, level + 1, self.page_size // 8, va, lo, hi, out)
            elif (d & 3 == 1 and level in (1, 2)) or (d & 3 == 3 and level == 3):
                out.append((va, size, d & oa & ~(size - 1), LEVEL_NAME[shift],
                            d & ATTR_MASK))


STEXT_OFFSET = 0x10000  # _stext - _text: the 64K .head.text (arm64 vmlinux.lds.S)
AP_RDONLY, DBM = 1 << 7, 1 << 51
RV_W = 1 << 2
MAX_RUNTIME_RO = 16
LEVEL_NAME = {12: "4K", 14: "16K", 16: "64K", 20: "1M", 24: "16M", 21: "2M", 25: "32M",
              29: "512M", 30: "1G", 36: "64G", 39: "512G", 42: "4T", 47: "128T", 48: "256T"}
# LPAE block and page attributes: AttrIndx, NS, AP, SH, AF, nG (bits 2-11),
# Contiguous, PXN, XN and the software bits Linux keeps (52-63).
LPAE_ATTR_MASK = 0xFFC | (0xFFF << 52)


def bpf_pack_pages(live_json):
    """The pages of the BPF JIT's program packs in the live boot's
    /proc/vmallocinfo (the "bpf_jit_alloc_exec ... pages=N" entries of
    live-serial.log beside the capture): bpf_prog_pack_alloc()
    (kernel/bpf/core.c v6.12) takes a 2 MiB pack and set_memory_rox()es it
    whole, which under rodata_full makes each page's linear alias read-only
    too (Debian 13's arm64 boots: 512 pages, where 6.1 had none). 0 when
    there is no log."""
    log = os.path.join(os.path.dirname(live_json), "live-serial.log")
    if not os.path.exists(log):
        return 0
    with open(log, errors="replace") as f:
        return sum(int(m.group(1)) for m in
                   re.finditer(r"bpf_jit_alloc_exec\S* pages=(\d+) vmalloc", f.read()))


def runtime_read_only(live, pred, riscv, limit=MAX_RUNTIME_RO, page=PAGE):
    """The VAs of 4K leaves that differ only by being read-only live
    (arm64: AP[2] set, DBM clear; riscv64: W clear): set_memory_ro() on a
    vmalloc page also changes its linear alias (arch/arm64/mm/pageattr.c
    change_memory_common with rodata_full; riscv's __set_memory() does the
    same for the linear alias), e.g. BPF or ftrace trampolines; at most
    MAX_RUNTIME_RO of them, else None. The issue's rule: permissions are
    compared except on pages the running system changes after boot. limit:
    MAX_RUNTIME_RO and the BPF packs' pages (bpf_pack_pages()). page: the
    granule (arm64 16K and 64K builds)."""
    out = []
    for (va, size, _pa, _lvl, la), (_v, _s, _p, _l, pa_) in zip(live, pred):
        if la == pa_:
            continue
        ro = pa_ & ~RV_W if riscv else (pa_ | AP_RDONLY) & ~DBM
        if size != page or la != ro:
            return None
        out.append(va)
    return out if len(out) <= limit else None


# 32-bit ARM memory-type bits: LPAE AttrIndx (bits 4:2); short: the
# hardware PTE's B, C, TEX (bits 2, 3, 8:6) and the Linux PTE's L_PTE_MT_*
# (bits 5:2, kept at 32 + 5:2 by Dump._walk_short).
ARM_MEMTYPE_MASK = 0x1C | 0x1CC | (0x3C << 32)
MAX_DMA_REMAP = 4096  # pages: the default CMA area of 16 MiB


def runtime_dma_remap(live, pred):
    """32-bit ARM: the VAs of 4K lowmem pages that differ only in their
    memory type: CMA pages the running kernel gave to dma_alloc_coherent(),
    whose linear alias __dma_remap() gives the allocation's memory type
    (write-combine or uncached; arch/arm/mm/dma-mapping.c v6.1,
    __alloc_from_contiguous()); at most MAX_DMA_REMAP, else None."""
    out = []
    for (va, size, _pa, _lvl, la), (_v, _s, _p, _l, pa_) in zip(live, pred):
        if la == pa_:
            continue
        if size != PAGE or (la ^ pa_) & ~ARM_MEMTYPE_MASK:
            return None
        out.append(va)
    return out if len(out) <= MAX_DMA_REMAP else None


def page_list(vas, page=PAGE):
    """VAs as ranges of consecutive pages: 0xef000000-0xef03ffff (64)."""
    runs = []
    for va in vas:
        if runs and runs[-1][1] == va:
            runs[-1][1] = va + page
        else:
            runs.append([va, va + page])
    return ", ".join("%#x" % a if b - a == page else "%#x-%#x (%d)" % (a, b - 1, (b - a) // page)
                     for a, b in runs)


def runtime_split(live, pred, riscv, limit=MAX_RUNTIME_RO, page=PAGE):
    """As runtime_read_only(), where the change also split a block: riscv's
    linear map uses 2 MiB and 1 GiB leaves whatever rodata= says, and
    set_memory_ro() on a page of a vmalloc mapping splits its linear
    alias's block into pages (arch/riscv/mm/pageattr.c __split_linear_mapping
    _pmd, and a 1 GiB leaf into 2 MiB ones first). Every predicted leaf must
    be either equal to one live leaf, or covered by smaller live leaves of
    its PA and bits, with at least one 4K page made read-only among them
    (at most MAX_RUNTIME_RO in all); None otherwise, else the VAs of the
    read-only pages."""
    out, i = [], 0
    for va, size, pa, _lvl, attrs in pred:
        while i < len(live) and live[i][0] < va:
            return None  # a live leaf vmlayout does not have
        if i < len(live) and live[i][:2] == (va, size) and live[i][2] == pa:
            if live[i][4] != attrs:
                return None
            i += 1
            continue
        end = va + size
        ro = attrs & ~RV_W if riscv else (attrs | AP_RDONLY) & ~DBM
        before = len(out)
        while i < len(live) and live[i][0] < end:
            lva, lsize, lpa, _l, la = live[i]
            if lpa != pa + (lva - va) or lva + lsize > end:
                return None
            if lsize == page and la == ro and la != attrs:
                out.append(lva)
            elif la != attrs:
                return None
            i += 1
        if len(out) == before:
            return None  # split, but not around a page made read-only
    if i != len(live) or len(out) > limit:
        return None
    return out


def runs_of(leaves):
    """Adjacent leaves of one level and the same bits, contiguous in VA and
    PA, as one run: [va, end, pa, level, attrs]."""
    out = []
    for va, size, pa, level, attrs in leaves:
        r = out[-1] if out else None
        if r and r[1] == va and r[2] + (r[1] - r[0]) == pa and r[3] == level and r[4] == attrs:
            r[1] = va + size
        else:
            out.append([va, va + size, pa, level, attrs])
    return out


def bits_text(attrs, riscv=False):
    if attrs >> 64 or riscv is None:
        return "%#x" % attrs
    parts = []
    for s, n, name in RV_BITS if riscv else BITS:
        v = (attrs >> s) & ((1 << n) - 1)
        if v:
            parts.append(name if n == 1 else "%s=%d" % (name, v))
    return ",".join(parts) or "-"


def describe(r, riscv=False):
    return "%#x-%#x pa %#x %s %s" % (r[0], r[1], r[2], r[3], bits_text(r[4], riscv))


def kfence_freed(live, pred, kfence, page=PAGE):
    """The predicted 4K leaves of KFENCE objects that are not mapped live:
    kfence_guarded_free() (mm/kfence/core.c v6.12) protects a freed
    object's page (kfence_protect(), the PTE's valid bit cleared), so the
    objects the running kernel sampled and freed read as holes. kfence:
    (pool PA, size) of a pool kfence_init() started, else None. Returns the
    predicted leaves without those pages, and their count."""
    if not kfence:
        return pred, 0
    base, size = kfence
    live_vas = {va for va, *_ in live}
    keep = [r for r in pred
            if not (r[1] == page and base + 2 * page <= r[2] < base + size and
                    (r[2] - base) // page % 2 == 0 and r[0] not in live_vas)]
    return keep, len(pred) - len(keep)


def compare(live_json, pred_json, obs_json, ignore, kfence=None):
    with open(obs_json) as f:
        obs = json.load(f)
    d = obs["derived"]
    # Debian 13's arm64 kernel: the v6.9+ layout (asm/memory.h v6.12)
    v6_9 = obs.get("flavour") in ("arm64-6.12", "arm64-16k-6.12", "arm64-rt-6.12", "arm64-cloud-6.12")
    live, pred = Dump(live_json), Dump(pred_json)
    riscv = live.meta["arch"] == "riscv64"
    if live.meta["arch"] == "arm":
        return compare_ranges(live, pred, arm32_ranges(d), ignore, None, kfence=kfence)
    text = int(d["text_va"], 16)
    # v6.1 leaves [_text, _stext) out of the image's mappings: it is vmalloc
    # space, which the running kernel fills (map_kernel(), mm/mmu.c v6.1);
    # v6.12 maps it with the data's prot (kernel/pi/map_kernel.c).
    # riscv64 maps the image from kernel_map.virt_addr (_start, 2 MiB
    # aligned, below _text) in PMD_SIZE steps (create_kernel_page_table()).
    start = text & ~0x1FFFFF if riscv else text if v6_9 else text + STEXT_OFFSET
    ranges = [("linear map", int(d["linear_start"], 16), int(d["high_memory"], 16)),
              ("image", start, text + int(d["image_size"], 16))]
    ranges += rv_top_ranges(d) if riscv else arm64_top_ranges_v6_9(d) if v6_9 else \
        arm64_top_ranges(d)
    pa_text = int(d["text_pa"], 16) if "text_pa" in d else 0
    return compare_ranges(live, pred, ranges, ignore, riscv,
                          (pa_text, pa_text + int(d["image_size"], 16)),
                          MAX_RUNTIME_RO + bpf_pack_pages(live_json), kfence)


def arm64_top_ranges(d):
    """arm64 v6.1 (asm/memory.h): VMALLOC_END = VMEMMAP_START - 256M,
    FIXADDR_TOP = VMEMMAP_START - 32M, PCI I/O from VMEMMAP_START - 24M:
    the fixmap is all of [VMALLOC_END, PCI_IO_START) that holds anything
    (early_fixmap_init()'s bm_pte and the FDT's window), the vmemmap
    [VMEMMAP_START, 2^64) (its end is a guard region)."""
    vmemmap = int(d["vmalloc_end"], 16) + (256 << 20)
    return [("fixmap", vmemmap - (256 << 20), vmemmap - (24 << 20)),
            ("vmemmap", vmemmap, 1 << 64)]


def arm64_top_ranges_v6_9(d):
    """arm64 v6.9+ (asm/memory.h, asm/pgtable.h v6.12): VMEMMAP_END = -1 GiB,
    VMALLOC_END 8 MiB below VMEMMAP_START (or above it by the vmemmap a
    52-bit build on a 48-bit CPU does not use), PCI I/O [-1G + 8M, -1G +
    24M), FIXADDR_TOP = -8 MiB: the vmemmap is what lies in [VMALLOC_END,
    -1 GiB), the fixmap [PCI_IO_END, FIXADDR_TOP)."""
    top = 1 << 64
    return [("fixmap", top - (1 << 30) + (24 << 20), top - (8 << 20)),
            ("vmemmap", int(d["vmalloc_end"], 16), top - (1 << 30))]


def rv_top_ranges(d):
    """riscv64 v6.12 (asm/pgtable.h): VMEMMAP_START = VMALLOC_START -
    2^(VA_BITS - PAGE_SHIFT - 1 + STRUCT_PAGE_MAX_SHIFT), PCI I/O the 16 MiB
    below it, FIXADDR_TOP = PCI_IO_START, FIXADDR_SIZE = PMD_SIZE + 4 MiB
    (the FDT's window): the fixmap and the vmemmap up to VMALLOC_START."""
    va_bits = int(d["satp_mode"][2:])
    vmalloc = int(d["vmalloc_start"], 16)
    vmemmap = vmalloc - (1 << (va_bits - 12 - 1 + 6))
    top = vmemmap - (16 << 20)
    return [("fixmap", top - (6 << 20), top), ("vmemmap", vmemmap, vmalloc)]


def arm32_ranges(d):
    """32-bit ARM: lowmem, which holds the image ([PAGE_OFFSET,
    high_memory): map_lowmem() then the permissions of fix_kernmem_perms()
    and mark_rodata_ro(), arch/arm/mm/{mmu,init}.c v6.1), the DT's two
    read-only sections at FDT_FIXED_BASE (0xff800000, 2 MiB classic, 4 MiB
    LPAE) and the vectors and stubs pages at 0xffff0000 (both
    devicemaps_init())."""
    return [("lowmem", int(d["page_offset"], 16), int(d["high_memory"], 16)),
            ("FDT", 0xFF800000, 0xFFC00000),
            ("vectors", 0xFFFF0000, 0xFFFF2000)]


MAX_TRAMP = 4  # FIX_ENTRY_TRAMP_TEXT1..3 and the data slot (asm/fixmap.h v6.1)


def kpti_trampoline(lv, pv, image, page=PAGE):
    """arm64: the live fixmap's leaves of the KPTI trampoline when
    vmlayout did not build them (a System.map without
    __entry_tramp_text_start/_end): map_entry_trampoline()
    (arch/arm64/mm/mmu.c v6.1, always with UNMAP_KERNEL_AT_EL0) sets
    FIX_ENTRY_TRAMP_TEXT1.. to __entry_tramp_text_start's pages and the
    next slot to its data page.
    Those are at most MAX_TRAMP consecutive 4K pages of consecutive image
    PAs that vmlayout has nothing at; returns (the other live leaves, their
    VAs), or (lv, []) when there are none or they do not look so."""
    pred_vas = set(v for v, *_ in pv)
    tramp = [x for x in lv if x[1] == page and image[0] <= x[2] < image[1] and
             x[0] not in pred_vas]
    if not tramp or len(tramp) > MAX_TRAMP or any(
            b[0] != a[0] + page or b[2] != a[2] + page for a, b in zip(tramp, tramp[1:])):
        return lv, []
    return [x for x in lv if x not in tramp], [x[0] for x in tramp]


def compare_ranges(live, pred, ranges, ignore, riscv, image=None, ro_limit=MAX_RUNTIME_RO,
                   kfence=None):
    passed = failed = 0
    page = live.page_size
    for name, lo, hi in ranges:
        lv = [(va, s, pa, lvl, a & ~ignore) for va, s, pa, lvl, a in live.leaves(lo, hi)]
        pv = [(va, s, pa, lvl, a & ~ignore) for va, s, pa, lvl, a in pred.leaves(lo, hi)]
        pv, freed = kfence_freed(lv, pv, kfence if name in ("linear map", "lowmem") else None,
                                 page)
        tramp = []
        if name == "fixmap" and image and not riscv:
            lv, tramp = kpti_trampoline(lv, pv, image, page)
        lr, pr = runs_of(lv), runs_of(pv)
        same_map = [(v, s, p, lvl) for v, s, p, lvl, _ in lv] == \
            [(v, s, p, lvl) for v, s, p, lvl, _ in pv]
        if riscv is None:  # 32-bit ARM
            made_ro = runtime_dma_remap(lv, pv) if same_map else None
            why = "gave to dma_alloc_coherent() with another memory type"
        else:
            made_ro = runtime_read_only(lv, pv, riscv, ro_limit, page) if same_map else \
                runtime_split(lv, pv, riscv, ro_limit, page)
            why = "made read-only"
        ok = lr == pr or made_ro is not None
        status = "ok" if ok else "FAIL"
        print("%s %s [%#x, %#x): live %d leaves in %d runs, vmlayout %d leaves in %d runs; "
              "mapping and leaf sizes %s, bits %s" %
              (status, name, lo, hi, len(lv), len(lr), len(pv), len(pr),
               "equal" if same_map else
               "equal but blocks split at run time" if made_ro else "DIFFER",
               "equal" if lr == pr else "equal but %d page(s) the running kernel %s (%s)" %
               (len(made_ro), why, page_list(made_ro, page)) if made_ro else "differ") +
              ("; %d page(s) of the KPTI trampoline left out (%s)" %
               (len(tramp), page_list(tramp, page)) if tramp else "") +
              ("; %d KFENCE object page(s) freed and protected at run time" % freed
               if freed else ""))
        if ok:
            passed += 1
            continue
        failed += 1
        ls, ps = set(map(tuple, lr)), set(map(tuple, pr))
        for r in [r for r in lr if tuple(r) not in ps][:12]:
            print("  live only:     " + describe(r, riscv))
        for r in [r for r in pr if tuple(r) not in ls][:12]:
            print("  vmlayout only: " + describe(r, riscv))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


def started_kfence_pool(layout_cmd):
    """(PA, size) of the KFENCE pool when the layout started KFENCE (its
    "kfence metadata" reservation: the interval is not 0), else None. The
    pool is "kfence pool" (arm64's and riscv64's early pool) or "kfence
    pool (late)" (32-bit ARM's, taken after paging_init())."""
    run = subprocess.run(layout_cmd, capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        return None
    res = json.loads(run.stdout).get("reservations", [])
    names = {r["name"]: r for r in res}
    pool = names.get("kfence pool", names.get("kfence pool (late)"))
    if "kfence metadata" not in names or not pool:
        return None
    return int(pool["base"], 16), int(pool["size"], 16)


def check(vmlayout, bdirs):
    """capture, `vmlayout boot-tables --out` with the inputs compare.py
    gives `layout`, and compare, for each board directory (armhf, arm64,
    riscv64)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import compare as cmp  # the same vmlayout inputs as the layout checks
    passed = failed = 0
    for bdir in bdirs:
        board = os.path.basename(os.path.normpath(bdir))
        env = cmp.read_env(os.path.join(bdir, "board.env"))
        with open(os.path.join(bdir, "observed.json")) as f:
            obs = json.load(f)
        # A board whose tables vmlayout says it does not model (the board
        # file's SKIP_CHECKS names live_tables and says why).
        if "live_tables" in env.get("SKIP_CHECKS", "").split():
            print("skip %s live tables: %s" % (board, env.get("SKIP_REASON", "")))
            continue
        cmd = cmp.vmlayout_command(vmlayout, env, obs)
        cmd[1] = "boot-tables"
        i = cmd.index("--format")
        del cmd[i:i + 2]
        cmd += ["--out", os.path.join(bdir, "pred-tables")]
        try:
            capture(bdir)
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
            if run.returncode != 0:
                raise RuntimeError("vmlayout boot-tables exited with %d: %s" %
                                   (run.returncode, run.stderr.strip()[:300]))
        except (OSError, RuntimeError, subprocess.TimeoutExpired) as e:
            print("FAIL %s live tables: %s" % (board, e))
            failed += 1
            continue
        print("== %s (%s)" % (board, env.get("DESCRIPTION", "")))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            compare(os.path.join(bdir, "live-tables.json"),
                    os.path.join(bdir, "pred-tables.json"),
                    os.path.join(bdir, "observed.json"), NG_IGNORED,
                    started_kfence_pool(cmp.vmlayout_command(vmlayout, env, obs)))
        lines = out.getvalue().splitlines()
        for line in lines[:-1]:
            print(line.replace(" ", " %s " % board, 1) if line[:3] in ("ok ", "FAI") else line)
        m = re.match(r"(\d+) passed, (\d+) failed", lines[-1])
        passed += int(m.group(1))
        failed += int(m.group(2))
        # The capture read back by vmlayout itself (walk --dump).
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            walk_check(vmlayout, os.path.join(bdir, "live-tables.json"))
        lines = out.getvalue().splitlines()
        m = re.match(r"(\d+) passed, (\d+) failed", lines[-1])
        for line in lines[:-2]:
            print(line.replace(" ", " %s " % board, 1))
        print("%s %s %s" % ("ok" if m.group(2) == "0" else "FAIL", board, lines[-2]))
        passed += int(m.group(1))
        failed += int(m.group(2))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


# ---- walk: the capture through `vmlayout walk --dump` ------------------

MAX_WALKS = 200  # VAs per `vmlayout walk` (it takes 256 arguments)


def dump_geometry(meta):
    """The kernel half [lo, hi), the root and vmlayout's geometry options."""
    arch, fmt = meta["arch"], meta["format"]
    root = int(meta["root_phys"], 16)
    if arch == "arm64":
        granule, va_bits = fmt.split("-")[0].split("/")
        return (1 << 64) - (1 << int(va_bits)), 1 << 64, root, \
            ["--arch", "arm64", "--granule", granule, "--va-bits", va_bits]
    if arch == "riscv64":
        va_bits = int(fmt[2:])
        return (1 << 64) - (1 << (va_bits - 1)), 1 << 64, root, ["--arch", "riscv64", "--mode", fmt]
    if fmt == "lpae" and meta.get("ttbr1_va_base"):
        base = int(meta["ttbr1_va_base"], 16)
        return base, 1 << 32, root, ["--arch", "arm", "--format", fmt, "--split", "%#x" % base]
    return 0, 1 << 32, root, ["--arch", "arm", "--format", fmt]


def walk_check(vmlayout, json_path):
    """Each run of a capture (or of a `boot-tables --out` image) written as
    its own raw memory piece, then `vmlayout walk --dump PIECE@PHYS...
    --root ROOT`: for up to MAX_WALKS leaves spread over the kernel half,
    the PA, the leaf size and the leaf's descriptor bits must be what
    Dump.leaves() reads; `vmlayout ptdump --dump` must print the half."""
    d = Dump(json_path)
    lo, hi, root, geometry = dump_geometry(d.meta)
    riscv = d.meta["arch"] == "riscv64"
    mask = RV_ATTR_MASK if riscv else LPAE_ATTR_MASK if d.meta["arch"] == "arm" else ATTR_MASK
    leaves = d.leaves(lo, hi)
    # The first and last leaf of each size, then leaves spread evenly.
    ends = {}
    for leaf in leaves:
        ends[leaf[3]] = (ends.get(leaf[3], (leaf,))[0], leaf)
    chosen = {leaf for pair in ends.values() for leaf in pair}
    step = max(1, len(leaves) // (MAX_WALKS - len(chosen)))
    chosen |= set(leaves[::step][:MAX_WALKS - len(chosen)])
    sample = sorted(chosen)
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="vmlayout-walk-") as tmp:
        pieces = []
        for i, (phys, off, size) in enumerate(d.runs):
            path = os.path.join(tmp, "run%d" % i)
            d.image.seek(off)
            with open(path, "wb") as f:
                f.write(d.image.read(size))
            pieces += ["--dump", "%s@%#x" % (path, phys)]
        base = [vmlayout, "walk"] + pieces + ["--root", "%#x" % root] + geometry
        vas = [va + (size // 2 if size > d.page_size else 0) + 0x123
               for va, size, _, _, _ in sample]
        run = subprocess.run(base + ["%#x" % va for va in vas], capture_output=True, text=True)
        blocks = run.stdout.split("VIRTUAL           PHYSICAL\n")[1:]
        if run.returncode != 0 or len(blocks) != len(sample):
            print("FAIL walk --dump: exit %d, %d answers for %d VAs: %s" %
                  (run.returncode, len(blocks), len(sample), run.stderr.strip()[:300]))
            print("walk --dump %s: not walked" % json_path)
            print("0 passed, 1 failed")
            return 1
        for (va, size, pa, level, attrs), v, text in zip(sample, vas, blocks):
            lines = text.splitlines()
            got_pa = int(lines[0].split()[1], 16)
            raw = int([ln for ln in lines if "=>" in ln and "LINUX:" not in ln][-1].split("=>")[1], 16)
            page = [ln for ln in lines if ln.startswith("  PAGE:")][0]
            got_size = LEVEL_SIZE[page.split("(")[1].rstrip(")")] if "(" in page else d.page_size
            if got_pa == pa + (v - va) and got_size == size and raw & mask == attrs & mask:
                passed += 1
            else:
                failed += 1
                print("FAIL walk %#x: vmlayout PA %#x size %#x descriptor %#x; live_tables.py "
                      "PA %#x size %#x bits %#x" % (v, got_pa, got_size, raw, pa + (v - va), size,
                                                    attrs))
        run = subprocess.run([vmlayout, "ptdump"] + pieces + ["--root", "%#x" % root] + geometry,
                             capture_output=True, text=True)
        if run.returncode == 0 and run.stdout.count("\n") > 0:
            passed += 1
        else:
            failed += 1
            print("FAIL ptdump --dump: exit %d: %s" % (run.returncode, run.stderr.strip()[:300]))
    print("walk --dump %s: %d leaves of %d walked" % (json_path, len(sample), len(leaves)))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


LEVEL_SIZE = {"4KB": 1 << 12, "16KB": 1 << 14, "64KB": 1 << 16, "1MB": 1 << 20, "2MB": 1 << 21,
              "16MB": 1 << 24, "32MB": 1 << 25, "512MB": 1 << 29, "1GB": 1 << 30,
              "64GB": 1 << 36, "512GB": 1 << 39}


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "walk":
        return walk_check(sys.argv[2], sys.argv[3])
    if len(sys.argv) == 3 and sys.argv[1] == "capture":
        capture(sys.argv[2])
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == "check":
        return check(sys.argv[2], sys.argv[3:])
    if len(sys.argv) >= 5 and sys.argv[1] == "compare":
        ignore = 0
        for name in sys.argv[5:]:
            m = [(s, n) for s, n, b in BITS if b == name]
            if not m:
                sys.exit("live_tables.py: unknown bit name %s" % name)
            ignore |= ((1 << m[0][1]) - 1) << m[0][0]
        return compare(sys.argv[2], sys.argv[3], sys.argv[4], ignore)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
