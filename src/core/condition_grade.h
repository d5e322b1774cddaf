/*
 * condition_grade.h - six-facet survey condition grades.
 */
#ifndef ESTATE_CORE_CONDITION_GRADE_H
#define ESTATE_CORE_CONDITION_GRADE_H

#include <stdbool.h>
#include "ordinal.h"

/* Positions, best to worst; the stored byte of estate.condition_grade. */
enum
{
	GRADE_A = 0,
	GRADE_B,
	GRADE_B_C,
	GRADE_C,
	GRADE_CX,
	GRADE_D,
	GRADE_DX,
	GRADE_COUNT
};

extern const estate_ordinal estate_condition_grade;

/* C, CX, D and DX carry condition backlog (cost to bring back to B). */
extern bool estate_grade_needs_backlog(int grade);

/* Likelihood of failure 1-5 derived from the grade (a modelling assumption). */
extern int	estate_grade_failure_likelihood(int grade);

#endif
