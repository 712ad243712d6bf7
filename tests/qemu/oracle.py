#!/usr/bin/env python3
"""QEMU's MMU as an oracle for translation tables written by vmlayout.

Usage: oracle.py [--verbose] FILE [VA ...]      (VAs also read from stdin
       when none are given on the command line, one per line)

FILE is a binary image of table pages (lowest to highest table page, gaps
zero); FILE.json beside it gives {"arch", "format", "image_base_phys",
"root_phys"} and the translation registers, all as "0x..." strings:
  arm64:   "ttbr0", "ttbr1", "tcr", "mair"        (optional "sctlr")
  riscv64: "satp"
  arm:     "ttbcr", "ttbr0", "ttbr1", "dacr"      (optional "prrr"/"mair0",
           "nmrr"/"mair1", "sctlr")
Missing registers default to 0.

For each VA it prints one line "VA PA" or "VA unmapped", as QEMU's own
page-table walker sees it. How: the image is loaded into the RAM of a QEMU
virt machine, a small stub (tests/qemu/stubs/<arch>.S, assembled here with
the Debian cross binutils) programs the registers, QEMU's gdb stub stops the
CPU on the instruction that turns translation on and single-steps it, and
then the monitor command gva2gpa translates every VA (through the gdb stub's
qRcmd). The CPU never fetches an instruction with translation on. See
docs/qemu-oracle.md.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Per arch: QEMU binary and machine, cross-binutils prefix, RAM base of the
# virt board, gdb register number of the PC, the stub's register block
# layout as (json key(s), offset, bytes).
ARCHES = {
    "arm64": {
        "qemu": ["qemu-system-aarch64", "-M", "virt", "-cpu", "max"],
        "cross": "aarch64-linux-gnu-",
        "stub": "aarch64.S",
        "ram_base": 0x40000000,
        "pc_reg": 32,
        "pc_bytes": 8,
        "regs": [(("mair",), 0, 8), (("tcr",), 8, 8), (("ttbr0",), 16, 8),
                 (("ttbr1",), 24, 8), (("sctlr",), 32, 8)],
    },
    "arm": {
        "qemu": ["qemu-system-arm", "-M", "virt", "-cpu", "cortex-a15"],
        "cross": "arm-linux-gnueabihf-",
        "stub": "arm.S",
        "ram_base": 0x40000000,
        "pc_reg": 15,
        "pc_bytes": 4,
        "regs": [(("ttbcr",), 0, 4), (("dacr",), 4, 4), (("ttbr0",), 8, 8),
                 (("ttbr1",), 16, 8), (("prrr", "mair0"), 24, 4),
                 (("nmrr", "mair1"), 28, 4), (("sctlr",), 32, 4)],
    },
    "riscv64": {
        "qemu": ["qemu-system-riscv64", "-M", "virt", "-bios", "none",
                 "-cpu", "rv64,svnapot=on,svpbmt=on"],
        "cross": "riscv64-linux-gnu-",
        "stub": "riscv64.S",
        "ram_base": 0x80000000,
        "pc_reg": 32,
        "pc_bytes": 8,
        "regs": [(("satp",), 0, 8)],
    },
}
ARCH_ALIASES = {"aarch64": "arm64", "riscv": "riscv64", "arm32": "arm"}

MIB = 1 << 20


class OracleError(Exception):
    """A problem with the inputs or with QEMU, in one sentence."""


def parse_hex(value, what):
    if isinstance(value, int):
        return value
    try:
        return int(str(value), 0)
    except ValueError:
        raise OracleError(f"{what}: '{value}' is not a number (expected a \"0x...\" string)")


def build_stub(arch, workdir):
    """Assembles and links the arch's stub; returns (bin path, enable, regs) offsets."""
    cfg = ARCHES[arch]
    src = os.path.join(HERE, "stubs", cfg["stub"])
    obj = os.path.join(workdir, "stub.o")
    elf = os.path.join(workdir, "stub.elf")
    binf = os.path.join(workdir, "stub.bin")
    cross = cfg["cross"]
    try:
        subprocess.run([cross + "as", "-o", obj, src], check=True)
        subprocess.run([cross + "ld", "-Ttext=0", "-e", "_start", "-o", elf, obj], check=True)
        subprocess.run([cross + "objcopy", "-O", "binary", elf, binf], check=True)
        out = subprocess.run([cross + "nm", elf], check=True, capture_output=True, text=True).stdout
    except FileNotFoundError:
        raise OracleError(f"{cross}as is missing: install the Debian cross binutils (scripts/deps.sh)")
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    # The register block is written by loader data= devices at reset; ROM
    # blobs are copied after them and would zero it, so cut it off the file.
    with open(binf, "r+b") as f:
        f.truncate(syms["regs"])
    return binf, syms["enable"], syms["regs"]


class Gdb:
    """Minimal gdb remote-protocol client over a unix socket."""

    def __init__(self, path, timeout):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        deadline = time.time() + timeout
        while True:
            try:
                self.sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.time() > deadline:
                    raise OracleError(f"QEMU's gdb stub did not open {path} within {timeout} s")
                time.sleep(0.02)
        self.buf = b""
        self.noack = False

    def _read_byte(self):
        if not self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise OracleError("QEMU closed the gdb connection")
            self.buf = data
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def send(self, payload):
        data = payload.encode()
        frame = b"$" + data + b"#" + b"%02x" % (sum(data) & 0xff)
        self.sock.sendall(frame)
        if not self.noack:
            while self._read_byte() != b"+":
                pass

    def receive(self):
        while self._read_byte() != b"$":
            pass
        body = bytearray()
        while True:
            c = self._read_byte()
            if c == b"#":
                break
            body += c
        self._read_byte()
        self._read_byte()
        if not self.noack:
            self.sock.sendall(b"+")
        return body.decode()

    def command(self, payload):
        self.send(payload)
        return self.receive()

    def monitor(self, line):
        """Runs an HMP command through qRcmd; returns its text output."""
        self.send("qRcmd," + line.encode().hex())
        out = []
        while True:
            reply = self.receive()
            if reply.startswith("O") and reply != "OK":
                out.append(bytes.fromhex(reply[1:]).decode())
            elif reply == "OK" or reply == "":
                return "".join(out)
            else:
                raise OracleError(f"monitor command '{line}' failed: {reply}")

    def pc(self, number, nbytes):
        """Reads the PC from the 'g' register dump (QEMU 7.2 answers 'p' only after qSupported)."""
        reply = self.command("g")
        start = 2 * nbytes * number
        return int.from_bytes(bytes.fromhex(reply[start:start + 2 * nbytes]), "little")


def load_config(path):
    try:
        with open(path + ".json") as f:
            cfg = json.load(f)
    except OSError as e:
        raise OracleError(f"{path}.json: {e.strerror}")
    except json.JSONDecodeError as e:
        raise OracleError(f"{path}.json: not valid JSON ({e.msg} at line {e.lineno})")
    arch = ARCH_ALIASES.get(cfg.get("arch"), cfg.get("arch"))
    if arch not in ARCHES:
        raise OracleError(f"{path}.json: arch '{cfg.get('arch')}' is not one of arm64, arm, riscv64")
    cfg["arch"] = arch
    return cfg


def plan_memory(cfg, image_size, stub_size, path):
    """Chooses the stub address and the RAM size; returns (stub_addr, ram_bytes).

    The virt board keeps its own device tree in RAM: arm and arm64 put it in
    the first 2 MiB; riscv64 (-bios none) near the top of the first 3 GiB
    or of RAM, whichever is lower. The image must avoid the first; the
    second is kept clear by giving RAM 16 MiB more than the image needs.
    """
    ram_base = ARCHES[cfg["arch"]]["ram_base"]
    low = ram_base + 2 * MIB
    base = parse_hex(cfg.get("image_base_phys", "0x0"), "image_base_phys")
    end = base + image_size
    if base < low:
        raise OracleError(f"{path}.json: image_base_phys {base:#x} lies below {low:#x}: QEMU's virt "
                          f"board has RAM from {ram_base:#x} and keeps its device tree in the "
                          f"first 2 MiB")
    stub = low
    if stub + stub_size > base and stub < end:
        stub = (end + 0xfff) & ~0xfff
    top = max(end, stub + stub_size)
    ram = max(64 * MIB, (top - ram_base + 17 * MIB - 1) // MIB * MIB)
    return stub, ram


def qemu_command(cfg, path, stub_bin, stub_addr, regs_off, ram, sock):
    a = ARCHES[cfg["arch"]]
    cmd = list(a["qemu"]) + ["-m", "%dM" % (ram // MIB), "-nodefaults", "-display", "none",
                              "-monitor", "none", "-serial", "none", "-S",
                              "-chardev", "socket,id=g,path=%s,server=on,wait=off" % sock,
                              "-gdb", "chardev:g"]
    image_base = parse_hex(cfg.get("image_base_phys", "0x0"), "image_base_phys")
    if os.path.getsize(path) > 0:
        cmd += ["-device", "loader,file=%s,addr=%#x,force-raw=on" % (path, image_base)]
    cmd += ["-device", "loader,file=%s,addr=%#x,force-raw=on" % (stub_bin, stub_addr)]
    for keys, off, size in a["regs"]:
        value = 0
        for k in keys:
            if k in cfg:
                value = parse_hex(cfg[k], k)
        for i in range(0, size, 4):
            word = (value >> (8 * i)) & 0xffffffff
            cmd += ["-device", "loader,data=%#x,data-len=4,addr=%#x" %
                    (word, stub_addr + regs_off + off + i)]
    cmd += ["-device", "loader,addr=%#x,cpu-num=0" % stub_addr]
    return cmd


def translate(path, vas, timeout=30.0, verbose=False):
    """Returns {va: pa or None} as QEMU's MMU translates each VA."""
    cfg = load_config(path)
    arch = cfg["arch"]
    a = ARCHES[arch]
    with tempfile.TemporaryDirectory(prefix="vml-oracle-") as work:
        stub_bin, enable_off, regs_off = build_stub(arch, work)
        stub_addr, ram = plan_memory(cfg, os.path.getsize(path), regs_off + 64, path)
        sock = os.path.join(work, "gdb.sock")
        cmd = qemu_command(cfg, path, stub_bin, stub_addr, regs_off, ram, sock)
        if verbose:
            print(" ".join(cmd), file=sys.stderr)
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        try:
            try:
                gdb = Gdb(sock, timeout)
            except (OracleError, OSError):
                time.sleep(0.2)
                if proc.poll() is not None:
                    raise OracleError("QEMU failed to start: " + proc.stderr.read().decode().strip())
                raise
            enable = stub_addr + enable_off
            if gdb.command("Z0,%x,4" % enable) != "OK":
                raise OracleError("QEMU refused a breakpoint on the stub")
            gdb.command("c")
            pc = gdb.pc(a["pc_reg"], a["pc_bytes"])
            if pc != enable:
                raise OracleError(f"the stub stopped at {pc:#x}, not at {enable:#x}")
            gdb.command("z0,%x,4" % enable)
            gdb.command("s")
            pc = gdb.pc(a["pc_reg"], a["pc_bytes"])
            if pc == enable:
                raise OracleError("the stub did not step over the instruction that enables translation")
            result = {}
            for va in vas:
                out = gdb.monitor("gva2gpa %#x" % va).strip()
                if out.startswith("gpa:"):
                    result[va] = int(out.split()[1], 16)
                elif "Unmapped" in out:
                    result[va] = None
                else:
                    raise OracleError(f"gva2gpa {va:#x}: unexpected answer '{out}'")
            return result
        finally:
            proc.kill()
            proc.wait()


def main(argv):
    verbose = False
    args = argv[1:]
    if args and args[0] == "--verbose":
        verbose = True
        args = args[1:]
    if not args:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    path, va_args = args[0], args[1:]
    if not va_args:
        va_args = [tok for line in sys.stdin for tok in line.split()]
    try:
        vas = [parse_hex(v, "VA") for v in va_args]
        result = translate(path, vas, verbose=verbose)
    except OracleError as e:
        print("oracle: " + str(e), file=sys.stderr)
        return 1
    for va in vas:
        pa = result[va]
        print("%#x %s" % (va, "unmapped" if pa is None else "%#x" % pa))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
