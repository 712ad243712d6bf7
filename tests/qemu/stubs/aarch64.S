/*
 * QEMU oracle stub, AArch64 EL1 (qemu-system-aarch64 -M virt starts at EL1
 * when neither EL2 nor EL3 is enabled).
 *
 * Loads the stage-1 translation registers from the block at "regs" (filled
 * by the driver with -device loader,data=...), then turns the MMU on. The
 * driver stops the CPU at "enable", single-steps the SCTLR_EL1 write and
 * then asks the monitor (gva2gpa) to translate: the CPU never fetches an
 * instruction with the MMU on, so the tables under test are never executed.
 *
 * regs + 0  MAIR_EL1     regs + 8  TCR_EL1
 * regs + 16 TTBR0_EL1    regs + 24 TTBR1_EL1
 * regs + 32 SCTLR_EL1 bits to set besides M
 */
	.text
	.global _start
_start:
	adr	x0, regs
	ldr	x1, [x0, #0]
	msr	mair_el1, x1
	ldr	x1, [x0, #8]
	msr	tcr_el1, x1
	ldr	x1, [x0, #16]
	msr	ttbr0_el1, x1
	ldr	x1, [x0, #24]
	msr	ttbr1_el1, x1
	ldr	x2, [x0, #32]
	isb
	tlbi	vmalle1
	dsb	sy
	isb
	mrs	x1, sctlr_el1
	orr	x1, x1, x2
	orr	x1, x1, #1
	.global enable
enable:
	msr	sctlr_el1, x1
	isb
1:	b	1b

	.balign	256
	.global regs
regs:
	.space	64
