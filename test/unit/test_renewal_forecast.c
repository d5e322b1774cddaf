/*
 * Unit tests of the renewal schedule and the text form of the renewal
 * forecast state (src/core/renewal_forecast).
 */
#include <string.h>

#include "tap.h"
#include "renewal_forecast.h"

static estate_status
parse(const char *s, estate_renewal_text *t)
{
	const char *why = NULL;

	return estate_renewal_parse(s, strlen(s), t, &why);
}

int
main(void)
{
	estate_renewal_text t;

	/* When an element first falls due, as an offset from from_year. */
	is_int(estate_renewal_first_due(1990, 20, 2025, 10), 0, "installed 1990, life 20: overdue, due in 2025");
	is_int(estate_renewal_first_due(2000, 25, 2025, 10), 0, "due exactly in from_year");
	is_int(estate_renewal_first_due(2010, 20, 2025, 10), 5, "due in 2030");
	is_int(estate_renewal_first_due(2010, 24, 2025, 10), 9, "due in the last year of the horizon");
	is_int(estate_renewal_first_due(2010, 25, 2025, 10), -1, "due just after the horizon");
	is_int(estate_renewal_first_due(2030, 1, 2025, 10), 6, "installed in the future");
	is_int(estate_renewal_first_due(INT32_MIN, 1, INT32_MAX, 100), 0, "no overflow at the int32 edges");
	is_int(estate_renewal_first_due(INT32_MAX, INT32_MAX, INT32_MIN, 100), -1, "nor the other way");

	/* The state's text form. */
	is_int(parse("from_year=2025, horizon=3, inflation=0.025, elements=2, due={120.00,0.00,35.10}", &t),
		   ESTATE_OK, "the canonical form parses");
	is_int(t.from_year, 2025, "from_year");
	is_int(t.horizon, 3, "horizon");
	is_int(t.elements, 2, "elements");
	ok(t.inflation_len == 5 && memcmp(t.inflation, "0.025", 5) == 0, "inflation span");
	ok(t.due[0] == 12000 && t.due[1] == 0 && t.due[2] == 3510, "amounts due in pence");
	is_int(parse(" from_year = -5 ,horizon=1,inflation=-0.5,elements=0,due={ 1 } ", &t), ESTATE_OK,
		   "spaces, negative year and inflation");
	is_int(t.from_year, -5, "from_year -5");

	{
		static const struct
		{
			const char *text;
			estate_status status;
		}			cases[] = {
			{"", ESTATE_ERR_SYNTAX},
			{"from_year=2025", ESTATE_ERR_SYNTAX},
			{"horizon=3, from_year=2025, inflation=0, elements=0, due={0,0,0}", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=2, inflation=0, elements=0, due={0}", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=1, inflation=0, elements=0, due={0,0}", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=1, inflation=0, elements=0, due={}", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=1, inflation=0, elements=0, due={-1}", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=1, inflation=0, elements=0, due={0} x", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=1, inflation=1e2, elements=0, due={0}", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=1, inflation=., elements=0, due={0}", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=1, inflation=1., elements=0, due={0}", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=1, inflation=-, elements=0, due={0}", ESTATE_ERR_SYNTAX},
			{"from_year=x, horizon=1, inflation=0, elements=0, due={0}", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=1, inflation=0, elements=0, due={0", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=1, inflation=0, elements=0, due=0", ESTATE_ERR_SYNTAX},
			{"from_year=2025, horizon=0, inflation=0, elements=0, due={}", ESTATE_ERR_RANGE},
			{"from_year=2025, horizon=101, inflation=0, elements=0, due={0}", ESTATE_ERR_RANGE},
			{"from_year=2147483648, horizon=1, inflation=0, elements=0, due={0}", ESTATE_ERR_RANGE},
			{"from_year=2025, horizon=1, inflation=0, elements=-1, due={0}", ESTATE_ERR_RANGE},
			{"from_year=2025, horizon=1, inflation=0, elements=99999999999999999999, due={0}", ESTATE_ERR_RANGE},
			{"from_year=2025, horizon=1, inflation=0, elements=0, due={92233720368547758.08}", ESTATE_ERR_RANGE},
		};

		for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
			is_int(parse(cases[k].text, &t), cases[k].status, "'%s' is %s", cases[k].text,
				   cases[k].status == ESTATE_ERR_SYNTAX ? "malformed" : "out of range");
	}
	{
		/* The extremes: INT32_MIN, horizon 100, INT64_MAX elements, full amounts. */
		char		big[4096];
		size_t		n = (size_t) snprintf(big, sizeof(big),
										  "from_year=-2147483648, horizon=100, inflation=0, "
										  "elements=9223372036854775807, due={");

		for (int k = 0; k < RENEWAL_HORIZON_MAX; k++)
			n += (size_t) snprintf(big + n, sizeof(big) - n, "%s92233720368547758.07", k ? "," : "");
		snprintf(big + n, sizeof(big) - n, "}");
		is_int(parse(big, &t), ESTATE_OK, "the extremes parse");
		ok(t.from_year == INT32_MIN && t.horizon == 100 && t.elements == INT64_MAX &&
		   t.due[99] == INT64_MAX, "and read as given");
	}
	return done_testing();
}
