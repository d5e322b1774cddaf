/*
 * condition_grade.c - fmgr glue of estate.condition_grade (SPEC 2.1, 2.3).
 */
#include "estate.h"

#include "core/grade.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(condition_grade_in);
Datum
condition_grade_in(PG_FUNCTION_ARGS)
{
	return estate_ordinal_in(fcinfo, &estate_condition_grade);
}

PG_FUNCTION_INFO_V1(condition_grade_out);
Datum
condition_grade_out(PG_FUNCTION_ARGS)
{
	return estate_ordinal_out(fcinfo, &estate_condition_grade);
}

PG_FUNCTION_INFO_V1(condition_grade_recv);
Datum
condition_grade_recv(PG_FUNCTION_ARGS)
{
	return estate_ordinal_recv(fcinfo, &estate_condition_grade);
}

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
