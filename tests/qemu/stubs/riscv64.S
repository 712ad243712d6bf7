/*
 * QEMU oracle stub, RV64 (qemu-system-riscv64 -M virt -bios none starts in
 * M-mode).
 *
 * Opens all of memory to S-mode with one PMP entry (QEMU denies S-mode
 * accesses, page-table walks included, when no PMP entry matches), writes
 * satp, and returns to S-mode with SUM and MXR set so that the monitor's
 * debug translation (a data load) succeeds on user and execute-only leaves
 * too. The driver stops the CPU at "enable" and single-steps the mret: no
 * instruction is ever fetched through the tables under test.
 *
 * regs + 0  satp
 */
	.option	norelax
	.text
	.global _start
_start:
	li	t0, -1
	csrw	pmpaddr0, t0
	li	t0, 0x1f		/* NAPOT, R, W, X */
	csrw	pmpcfg0, t0
	lla	t0, regs
	ld	t1, 0(t0)
	csrw	satp, t1
	sfence.vma
	li	t1, (3 << 11)
	csrc	mstatus, t1		/* MPP = 0 ... */
	li	t1, (1 << 11) | (1 << 18) | (1 << 19)
	csrs	mstatus, t1		/* ... then S; SUM; MXR */
	lla	t1, spin
	csrw	mepc, t1
	.global enable
enable:
	mret
spin:
	j	spin

	.balign	256
	.global regs
regs:
	.space	64
