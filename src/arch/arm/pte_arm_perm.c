// SPDX-License-Identifier: MIT
/*
 * DOC: 32-bit ARM access permissions, neutral model <-> AP/XN/PXN
 *
 * AP[2]:AP[1:0] with SCTLR.AFE = 0 (ARMv7 ARM DDI 0406C, table B3-8):
 *   000 no access        001 PL1 RW, PL0 none   010 PL1 RW, PL0 RO
 *   011 PL1 RW, PL0 RW   100 reserved           101 PL1 RO, PL0 none
 *   110 PL1 RO, PL0 RO (deprecated)             111 PL1 RO, PL0 RO
 * XN forbids execution at every level, PXN at PL1 only (B3.7.2); execution
 * also needs read permission. Reserved 100 decodes as no access and 110 as
 * 111: re-encoding gives the canonical 000 / 111.
 */
#include "arch/arm/pte_arm.h"

#define KERN_RW (VML_PT_READ | VML_PT_WRITE)
#define USER_RW (VML_PT_USER_READ | VML_PT_USER_WRITE)

/* Returns 0, or VML_ENOTSUP for permissions the AP model cannot give:
 * write without read, user write without kernel write, user access
 * without kernel read, execute without read, and kernel-only execute on a
 * page the user can read (XN = 0 would let the user execute it too). */
int vml_arm_perm_encode(uint32_t perm, struct arm_perm_bits *out)
{
	bool kr = perm & VML_PT_READ, kw = perm & VML_PT_WRITE;
	bool ur = perm & VML_PT_USER_READ, uw = perm & VML_PT_USER_WRITE;
	bool kx = perm & VML_PT_EXEC, ux = perm & VML_PT_USER_EXEC;

	if ((kw && !kr) || (uw && (!ur || !kw)) || (ur && !kr) || (kx && !kr) || (ux && !ur))
		return VML_ENOTSUP;
	if (ur && kx && !ux)
		return VML_ENOTSUP;
	if (!kr)
		out->ap = 0;
	else if (kw)
		out->ap = uw ? 3 : ur ? 2 : 1;
	else
		out->ap = ur ? 7 : 5;
	out->xn = !kx && !ux;
	out->pxn = !out->xn && !kx;
	return 0;
}

uint32_t vml_arm_perm_decode(const struct arm_perm_bits *bits)
{
	static const uint32_t by_ap[8] = {
	    0, KERN_RW,	    KERN_RW | VML_PT_USER_READ,	    KERN_RW | USER_RW,
	    0, VML_PT_READ, VML_PT_READ | VML_PT_USER_READ, VML_PT_READ | VML_PT_USER_READ,
	};
	uint32_t perm = by_ap[bits->ap & 7];

	if (!bits->xn && !bits->pxn && (perm & VML_PT_READ))
		perm |= VML_PT_EXEC;
	if (!bits->xn && (perm & VML_PT_USER_READ))
		perm |= VML_PT_USER_EXEC;
	return perm;
}
