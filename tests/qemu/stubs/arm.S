/*
 * QEMU oracle stub, AArch32 PL1 (qemu-system-arm -M virt -cpu cortex-a15
 * starts in Non-secure SVC mode).
 *
 * Works for both short-descriptor and LPAE tables: TTBCR.EAE (bit 31) picks
 * the format; the 64-bit MCRR form of TTBR0/TTBR1 is used for both, since
 * with EAE = 0 only its low word is the short-descriptor TTBR.
 * The driver stops the CPU at "enable" and single-steps the SCTLR write, so
 * no instruction is ever fetched with the MMU on.
 *
 * regs + 0  TTBCR        regs + 4  DACR
 * regs + 8  TTBR0 (lo, hi)   regs + 16 TTBR1 (lo, hi)
 * regs + 24 PRRR/MAIR0   regs + 28 NMRR/MAIR1
 * regs + 32 SCTLR bits to set besides M
 */
	.syntax	unified
	.arm
	.text
	.global _start
_start:
	adr	r0, regs
	ldr	r1, [r0, #0]
	mcr	p15, 0, r1, c2, c0, 2	@ TTBCR
	isb
	ldr	r1, [r0, #4]
	mcr	p15, 0, r1, c3, c0, 0	@ DACR
	ldr	r2, [r0, #8]
	ldr	r3, [r0, #12]
	mcrr	p15, 0, r2, r3, c2	@ TTBR0
	ldr	r2, [r0, #16]
	ldr	r3, [r0, #20]
	mcrr	p15, 1, r2, r3, c2	@ TTBR1
	ldr	r1, [r0, #24]
	mcr	p15, 0, r1, c10, c2, 0	@ PRRR / MAIR0
	ldr	r1, [r0, #28]
	mcr	p15, 0, r1, c10, c2, 1	@ NMRR / MAIR1
	ldr	r4, [r0, #32]
	mov	r1, #0
	mcr	p15, 0, r1, c8, c7, 0	@ TLBIALL
	dsb
	isb
	mrc	p15, 0, r1, c1, c0, 0	@ SCTLR
	orr	r1, r1, r4
	orr	r1, r1, #1
	.global enable
enable:
	mcr	p15, 0, r1, c1, c0, 0
	isb
1:	b	1b

	.balign	256
	.global regs
regs:
	.space	64
