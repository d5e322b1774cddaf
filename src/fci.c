/*
 * fci.c - facility condition index and its bands.
 *
 * The index is a ratio of two numerics, computed by PostgreSQL's exact
 * numeric division; there is no pence arithmetic here, so no src/core part.
 * The backlog form and the default cut-points are SQL wrappers (sql/fci.sql).
 */
#include "postgres.h"
#include "fmgr.h"

#include "utils/builtins.h"

#include "common/error.h"
#include "common/pence.h"

static bool
numeric_lt_args(Numeric a, Numeric b)
{
	return DatumGetBool(DirectFunctionCall2(numeric_lt, NumericGetDatum(a), NumericGetDatum(b)));
}

static Numeric
zero(void)
{
	return int64_to_numeric(0);
}

PG_FUNCTION_INFO_V1(fci);
Datum
fci(PG_FUNCTION_ARGS)
{
	Numeric		cost = PG_GETARG_NUMERIC(0);
	Numeric		value = PG_GETARG_NUMERIC(1);

	estate_check_non_negative(cost, "backlog_cost", NULL);
	estate_check_finite(value, "replacement_value");
	if (!numeric_lt_args(zero(), value))
		estate_error(ESTATE_ERR_ARGUMENT, NULL,
					 "The facility condition index divides by the current replacement value.",
					 "replacement_value %s is not positive", estate_numeric_text(value));
	PG_RETURN_NUMERIC(numeric_div_opt_error(cost, value, NULL));
}

/* fci_band(fci, fair_from, poor_from, critical_from). */
PG_FUNCTION_INFO_V1(fci_band);
Datum
fci_band(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"good", "fair", "poor", "critical"};
	static const char *const cut_names[] = {"fair_from", "poor_from", "critical_from"};
	Numeric		index = PG_GETARG_NUMERIC(0);
	int			band = 0;

	estate_check_non_negative(index, "fci", NULL);
	for (int i = 0; i < (int) lengthof(cut_names); i++)
	{
		Numeric		cut = PG_GETARG_NUMERIC(i + 1);

		estate_check_non_negative(cut, cut_names[i], NULL);
		if (i > 0 && !numeric_lt_args(PG_GETARG_NUMERIC(i), cut))
			estate_error(ESTATE_ERR_ARGUMENT, NULL,
						 "The cut-points must increase: fair_from < poor_from < critical_from.",
						 "%s %s is not above %s %s",
						 cut_names[i], estate_numeric_text(cut), cut_names[i - 1], estate_numeric_text(PG_GETARG_NUMERIC(i)));
		if (!numeric_lt_args(index, cut))
			band = i + 1;
	}
	PG_RETURN_TEXT_P(cstring_to_text(names[band]));
}
