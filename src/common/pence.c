/*
 * pence.c - the glue between PostgreSQL's numeric and exact pence: every
 * money path (backlog, renewal forecast, disposal impact) converts through
 * these.
 */
#include "common/pence.h"

#include "utils/builtins.h"

#include "common/error.h"

char *
estate_numeric_text(Numeric num)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
}

void
estate_check_finite(Numeric num, const char *what)
{
	if (numeric_is_nan(num) || numeric_is_inf(num))
		estate_error(ESTATE_ERR_ARGUMENT, NULL, "NaN and Infinity are not accepted.",
					 "%s %s is not a finite number", what, estate_numeric_text(num));
}

void
estate_check_non_negative(Numeric num, const char *what, const char *hint)
{
	estate_check_finite(num, what);
	if (estate_numeric_is_negative(VARDATA_ANY(num), VARSIZE_ANY_EXHDR(num)))
		estate_error(ESTATE_ERR_ARGUMENT, NULL, hint,
					 "%s %s is negative", what, estate_numeric_text(num));
}

int64
estate_numeric_pence(Numeric num, const char *what)
{
	int64		pence = 0;

	estate_check_finite(num, what);
	if (estate_pence_from_numeric(VARDATA_ANY(num), VARSIZE_ANY_EXHDR(num), &pence) != ESTATE_OK)
		estate_error(ESTATE_ERR_RANGE, NULL,
					 "Amounts are held in whole pence in 64 bits: at most 92233720368547758.07.",
					 "%s %s is out of range", what, estate_numeric_text(num));
	return pence;
}

int64
estate_amount_pence(Datum d, const char *what)
{
	Numeric		num = DatumGetNumeric(d);	/* the slow path: a plain copy */

	estate_check_non_negative(num, what, "A cost is never negative.");
	return estate_numeric_pence(num, what);
}

Numeric
estate_pence_numeric(int64 pence)
{
	return int64_div_fast_to_numeric(pence, 2);
}

Numeric
estate_wide_numeric(estate_wide w)
{
	char		buf[ESTATE_WIDE_TEXT_MAX];

	estate_wide_format(w, buf);
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
											   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
}
