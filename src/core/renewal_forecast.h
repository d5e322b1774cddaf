/*
 * renewal_forecast.h - the 10-year renewal view: when an element
 * falls due, and the text form of the aggregate's state.
 */
#ifndef ESTATE_CORE_RENEWAL_FORECAST_H
#define ESTATE_CORE_RENEWAL_FORECAST_H

#include "pence.h"

#define RENEWAL_HORIZON_MIN 1
#define RENEWAL_HORIZON_MAX 100

/*
 * The first year (as an offset from from_year, 0-based) in which an element
 * installed in `installed` with a life of `life` >= 1 years falls due, or -1
 * when it falls due after the horizon.  An element already due before
 * from_year is overdue and falls due in from_year; later renewals follow
 * every `life` years from the first.
 */
static inline int64_t
estate_renewal_first_due(int64_t installed, int64_t life, int64_t from_year, int horizon)
{
	int64_t		offset = installed + life - from_year;

	if (offset < 0)
		offset = 0;
	return offset < horizon ? offset : -1;
}

/*
 * The state of estate.renewal_forecast as text:
 *   from_year=2025, horizon=3, inflation=0.025, elements=2, due={120.00, 0.00, 35.10}
 * Keys in this order, spaces optional around tokens.  The inflation is
 * returned as a span of the input (a decimal -?[0-9]+(.[0-9]+)?) for the
 * server to read as numeric.
 */
typedef struct estate_renewal_text
{
	int32_t		from_year;
	int			horizon;
	int64_t		elements;
	const char *inflation;
	size_t		inflation_len;
	int64_t		due[RENEWAL_HORIZON_MAX];
} estate_renewal_text;

/*
 * NULL when the counts of a state are consistent (an aggregate can have
 * produced them), else why not.
 */
extern const char *estate_renewal_check(int64_t elements, const int64_t *due, int horizon);

/*
 * ESTATE_ERR_SYNTAX when malformed or inconsistent (estate_renewal_check), ESTATE_ERR_RANGE when a number is out of
 * its range (horizon 1-100, elements >= 0, amounts within int64 pence);
 * *why says which.
 */
extern estate_status estate_renewal_parse(const char *s, size_t len, estate_renewal_text *t,
										  const char **why);

#endif
