/*
 * condition_grade.c - condition grades: vocabulary, backlog rule, likelihood mapping.
 */
#include "condition_grade.h"

static const char *const grade_names[GRADE_COUNT] = {
	"A", "B", "B(C)", "C", "CX", "D", "DX"
};

const estate_ordinal estate_condition_grade = {
	"estate.condition_grade",
	grade_names,
	GRADE_COUNT,
	"A, B, B(C), C, CX, D or DX (case-insensitive)"
};

bool
estate_grade_needs_backlog(int grade)
{
	return grade >= GRADE_C;
}

int
estate_grade_failure_likelihood(int grade)
{
	/*
	 * A rare, B unlikely, B(C) possible, C and CX likely, D and DX
	 * almost certain.  The X suffix says how an element must be fixed, not
	 * how likely it is to fail, so it does not raise the likelihood.
	 */
	static const int likelihood[GRADE_COUNT] = {1, 2, 3, 4, 4, 5, 5};

	return likelihood[grade];
}
