/* SPDX-License-Identifier: MIT */
/* The per-entry decision, case by case (pgtable_decide.c). */
#include "check.h"
#include "core/pgtable_internal.h"

static enum vml_pt_action d(enum vml_pt_op op, enum vml_pte_kind kind, bool covered, bool aligned,
			    bool leaf_allowed, bool same_mapping, bool same_raw, bool no_replace)
{
	struct vml_pt_decide_in in = {op,	    kind,	  covered, aligned, leaf_allowed,
				      same_mapping, same_raw, no_replace};

	return vml_pt_decide(&in);
}

#define M VML_PT_OP_MAP
#define U VML_PT_OP_UNMAP
#define P VML_PT_OP_PROTECT
#define INV VML_PTE_INVALID
#define TAB VML_PTE_TABLE
#define LEAF VML_PTE_LEAF

static void test_map_writes_leaf_only_when_covered_aligned_allowed(void)
{
	CHECK_EQ_INT(d(M, INV, 1, 1, 1, 0, 0, 0), VML_PT_ACT_WRITE_LEAF);
	CHECK_EQ_INT(d(M, INV, 0, 1, 1, 0, 0, 0), VML_PT_ACT_NEW_TABLE); /* range cuts it */
	CHECK_EQ_INT(d(M, INV, 1, 0, 1, 0, 0, 0), VML_PT_ACT_NEW_TABLE); /* PA misaligned */
	CHECK_EQ_INT(d(M, INV, 1, 1, 0, 0, 0, 0), VML_PT_ACT_NEW_TABLE); /* NO_BLOCK / level */
}

static void test_map_keeps_tables(void)
{
	CHECK_EQ_INT(d(M, TAB, 1, 1, 1, 0, 0, 0), VML_PT_ACT_DESCEND);
	CHECK_EQ_INT(d(M, TAB, 0, 0, 0, 0, 0, 1), VML_PT_ACT_DESCEND);
}

static void test_map_over_leaves(void)
{
	CHECK_EQ_INT(d(M, LEAF, 1, 1, 1, 1, 1, 0), VML_PT_ACT_NOTHING);     /* identical */
	CHECK_EQ_INT(d(M, LEAF, 1, 1, 1, 1, 0, 1), VML_PT_ACT_WRITE_LEAF);  /* cont hint only */
	CHECK_EQ_INT(d(M, LEAF, 1, 1, 1, 0, 0, 0), VML_PT_ACT_WRITE_LEAF);  /* replace */
	CHECK_EQ_INT(d(M, LEAF, 1, 1, 1, 0, 0, 1), VML_PT_ACT_REFUSE);	    /* no-replace */
	CHECK_EQ_INT(d(M, LEAF, 0, 1, 1, 1, 0, 1), VML_PT_ACT_NOTHING);     /* inside same block */
	CHECK_EQ_INT(d(M, LEAF, 0, 1, 1, 0, 0, 0), VML_PT_ACT_SPLIT_LEAF);
	CHECK_EQ_INT(d(M, LEAF, 0, 1, 1, 0, 0, 1), VML_PT_ACT_REFUSE);
}

static void test_unmap(void)
{
	CHECK_EQ_INT(d(U, INV, 1, 1, 1, 0, 0, 0), VML_PT_ACT_NOTHING);
	CHECK_EQ_INT(d(U, LEAF, 1, 1, 1, 0, 0, 0), VML_PT_ACT_WRITE_INVALID);
	CHECK_EQ_INT(d(U, LEAF, 0, 1, 1, 0, 0, 0), VML_PT_ACT_SPLIT_LEAF);
	CHECK_EQ_INT(d(U, TAB, 1, 1, 1, 0, 0, 0), VML_PT_ACT_DESCEND);
}

static void test_protect(void)
{
	CHECK_EQ_INT(d(P, INV, 1, 1, 1, 0, 0, 0), VML_PT_ACT_NOTHING); /* holes stay holes */
	CHECK_EQ_INT(d(P, LEAF, 1, 1, 1, 0, 0, 0), VML_PT_ACT_WRITE_LEAF);
	CHECK_EQ_INT(d(P, LEAF, 1, 1, 1, 1, 1, 0), VML_PT_ACT_NOTHING);
	CHECK_EQ_INT(d(P, LEAF, 0, 1, 1, 1, 0, 0), VML_PT_ACT_NOTHING); /* no split needed */
	CHECK_EQ_INT(d(P, LEAF, 0, 1, 1, 0, 0, 0), VML_PT_ACT_SPLIT_LEAF);
	CHECK_EQ_INT(d(P, TAB, 0, 1, 1, 0, 0, 0), VML_PT_ACT_DESCEND);
}

int main(void)
{
	RUN_TEST(test_map_writes_leaf_only_when_covered_aligned_allowed);
	RUN_TEST(test_map_keeps_tables);
	RUN_TEST(test_map_over_leaves);
	RUN_TEST(test_unmap);
	RUN_TEST(test_protect);
	return CHECK_DONE("test_pgtable_decide");
}
