/*
 * risk_band.c - fmgr glue of estate.risk_band and the risk functions.
 */
#include "postgres.h"
#include "fmgr.h"

#include "core/condition_grade.h"
#include "core/risk_band.h"

#include "common/error.h"
#include "common/ordinal.h"

ESTATE_ORDINAL_TYPE_IO(risk_band, estate_risk_band)

static void
check_factor(const char *argument, int value, const char *scale)
{
	if (!estate_risk_factor_valid(value))
		estate_error(ESTATE_ERR_RANGE, NULL,
					 psprintf("The %s must be between 1 and 5 (%s).", argument, scale),
					 "%s %d is out of range", argument, value);
}

static int
checked_score(int likelihood, int consequence)
{
	check_factor("likelihood", likelihood,
				 "rare, unlikely, possible, likely, almost certain");
	check_factor("consequence", consequence,
				 "insignificant, minor, moderate, major, catastrophic");
	return estate_risk_score(likelihood, consequence);
}

static int
band_of_score(int score)
{
	int			band = 0;

	if (estate_risk_band_of_score(score, &band) != ESTATE_OK)
		estate_error(ESTATE_ERR_RANGE, NULL,
					 "A risk score is likelihood x consequence, between 1 and 25.",
					 "score %d is out of range", score);
	return band;
}

PG_FUNCTION_INFO_V1(risk_score);
Datum
risk_score(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(checked_score(PG_GETARG_INT32(0), PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(risk_band_of_factors);
Datum
risk_band_of_factors(PG_FUNCTION_ARGS)
{
	PG_RETURN_ORDINAL(band_of_score(checked_score(PG_GETARG_INT32(0),
												  PG_GETARG_INT32(1))));
}

PG_FUNCTION_INFO_V1(risk_band_of_score);
Datum
risk_band_of_score(PG_FUNCTION_ARGS)
{
	PG_RETURN_ORDINAL(band_of_score(PG_GETARG_INT32(0)));
}

/* Condition-based risk: the likelihood comes from the grade. */
PG_FUNCTION_INFO_V1(backlog_risk);
Datum
backlog_risk(PG_FUNCTION_ARGS)
{
	int			grade = PG_GETARG_ORDINAL(0);
	int			consequence = PG_GETARG_INT32(1);
	int			likelihood = estate_grade_failure_likelihood(grade);

	/* A bad consequence is an error even where the grade carries no backlog. */
	check_factor("consequence", consequence,
				 "insignificant, minor, moderate, major, catastrophic");
	if (!estate_grade_needs_backlog(grade))
		PG_RETURN_NULL();
	PG_RETURN_ORDINAL(band_of_score(checked_score(likelihood, consequence)));
}
