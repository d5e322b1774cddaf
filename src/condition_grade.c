/*
 * condition_grade.c - fmgr glue of estate.condition_grade.
 */
#include "postgres.h"
#include "fmgr.h"

#include "core/condition_grade.h"

#include "common/ordinal.h"

PG_MODULE_MAGIC;

ESTATE_ORDINAL_TYPE_IO(condition_grade, estate_condition_grade)

PG_FUNCTION_INFO_V1(needs_backlog);
Datum
needs_backlog(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(estate_grade_needs_backlog(PG_GETARG_ORDINAL(0)));
}

PG_FUNCTION_INFO_V1(failure_likelihood);
Datum
failure_likelihood(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(estate_grade_failure_likelihood(PG_GETARG_ORDINAL(0)));
}
