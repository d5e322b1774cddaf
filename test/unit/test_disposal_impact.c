/*
 * Unit tests of the disposal impact state (src/core/disposal_impact.c):
 * sums, the minimum retained area, consistency and the text form.
 */
#include <string.h>

#include "tap.h"
#include "disposal_impact.h"

/* One candidate of a 10,000 m2 estate that must keep 7,000 m2 (hundredths). */
static estate_disposal_impact
site(int64_t area, int64_t running, int known)
{
	estate_disposal_impact s;

	memset(&s, 0, sizeof(s));
	s.sites = 1;
	s.floor_area = area;
	s.estate_floor_area = 1000000;
	s.minimum_retained_area = 700000;
	s.running_cost = running;
	s.known = known;
	return s;
}

static estate_status
parse(const char *text, estate_disposal_impact *s, const char **why)
{
	return estate_impact_parse(text, strlen(text), s, why);
}

int
main(void)
{
	estate_disposal_impact acc = site(0, 0, 0);
	estate_disposal_impact b;
	estate_disposal_impact again;
	const char *why = NULL;
	char		text[ESTATE_IMPACT_TEXT_MAX];

	acc.sites = 0;

	/* 1,000 m2 then 1,500 m2 then 500 m2: 3,000 m2 released, 7,000 retained (= minimum). */
	b = site(100000, 5000000, IMPACT_KNOWN_RUNNING_COST);
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_OK, "first site");
	ok(estate_impact_in_programme(&acc), "9,000 m2 retained: in the programme");
	b = site(150000, 0, 0);
	b.backlog.pence[BAND_MODERATE] = 20000;
	b.known = IMPACT_KNOWN_BACKLOG;
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_OK, "second site");
	b = site(50000, 2000000, IMPACT_KNOWN_RUNNING_COST);
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_OK, "third site");
	is_int(acc.sites, 3, "three sites");
	is_int(acc.floor_area, 300000, "3,000.00 m2 released");
	is_int(estate_impact_retained(&acc), 700000, "7,000.00 m2 retained");
	ok(estate_impact_in_programme(&acc), "retained equal to the minimum: still in the programme");
	is_int(acc.running_cost, 7000000, "running cost saved £70,000.00");
	is_int(acc.known, IMPACT_KNOWN_RUNNING_COST | IMPACT_KNOWN_BACKLOG, "known: running cost and backlog");
	is_int(acc.backlog.pence[BAND_MODERATE], 20000, "moderate backlog £200.00");
	b = site(1, 0, 0);
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_OK, "a fourth site of 0.01 m2");
	ok(!estate_impact_in_programme(&acc), "6,999.99 m2 retained: out of the programme");

	/* Inconsistent rows. */
	b = site(100, 0, 0);
	b.estate_floor_area = 900000;
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_ERR_ARGUMENT, "another estate floor area");
	is_int(strcmp(why, "estate_floor_area must be the same on every row."), 0, "names estate_floor_area");
	b = site(100, 0, 0);
	b.minimum_retained_area = 1;
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_ERR_ARGUMENT, "another minimum");
	b = site(700000, 0, 0);
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_ERR_ARGUMENT, "more released than the estate has");
	acc = site(0, 0, 0);
	b = site(0, INT64_MAX, IMPACT_KNOWN_RUNNING_COST);
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_OK, "running cost at INT64_MAX");
	b = site(0, 1, IMPACT_KNOWN_RUNNING_COST);
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_ERR_RANGE, "one penny more overflows");

	/* Consistency checks used by text and binary input. */
	b = site(100, 0, 0);
	ok(estate_impact_check(&b) == NULL, "a site is consistent");
	b.running_cost = 5;
	ok(estate_impact_check(&b) != NULL, "an unknown measure that is not 0");
	b = site(100, 0, 8);
	ok(estate_impact_check(&b) != NULL, "an unknown flag");
	b = site(-1, 0, 0);
	ok(estate_impact_check(&b) != NULL, "a negative area");
	b = site(1000001, 0, 0);
	ok(estate_impact_check(&b) != NULL, "released beyond the estate");
	b = site(0, 0, 0);
	b.minimum_retained_area = 2000000;
	ok(estate_impact_check(&b) == NULL, "a minimum above the estate's area is allowed (nothing can go)");

	/* Text form: canonical output, round trip, optional measures. */
	b = site(150000, 123456, IMPACT_KNOWN_RUNNING_COST | IMPACT_KNOWN_BACKLOG | IMPACT_KNOWN_CARBON);
	b.sites = 2;
	b.backlog.pence[BAND_HIGH] = 120050;
	b.carbon = 2525;
	estate_impact_format(&b, text);
	is_int(strcmp(text, "sites=2, floor_area=1500.00, estate_floor_area=10000.00, minimum_retained_area=7000.00, "
				  "backlog=(high=1200.50, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00), "
				  "running_cost=1234.56, carbon_kg=25.25"), 0, "canonical text: %s", text);
	is_int(parse(text, &again, &why), ESTATE_OK, "canonical text parses");
	ok(memcmp(&b, &again, sizeof(b)) == 0, "and round-trips");
	b = site(150000, 0, 0);
	estate_impact_format(&b, text);
	is_int(strcmp(text, "sites=1, floor_area=1500.00, estate_floor_area=10000.00, minimum_retained_area=7000.00"), 0,
		   "unknown measures are left out: %s", text);
	is_int(parse(" sites = 3 ,floor_area=1.5,estate_floor_area=10,minimum_retained_area=0 , carbon_kg = 0.004 ",
				 &again, &why), ESTATE_OK, "spaces, few decimals, only carbon");
	is_int(again.sites, 3, "sites 3");
	is_int(again.floor_area, 150, "1.5 m2 is 150 hundredths");
	is_int(again.carbon, 0, "0.004 kg rounds to 0.00");
	is_int(again.known, IMPACT_KNOWN_CARBON, "only carbon known");
	is_int(parse("sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0, running_cost=2", &again, &why),
		   ESTATE_OK, "running cost without backlog");
	is_int(again.running_cost, 200, "running cost £2.00");

	/* Malformed. */
	static const char *const bad[] = {
		"",
		"sites=1",
		"sites=1, floor_area=1, estate_floor_area=1",
		"floor_area=1, sites=1, estate_floor_area=1, minimum_retained_area=0",
		"sites=1.5, floor_area=1, estate_floor_area=1, minimum_retained_area=0",
		"sites=-1, floor_area=1, estate_floor_area=1, minimum_retained_area=0",
		"sites=1, floor_area=1e3, estate_floor_area=1, minimum_retained_area=0",
		"sites=1, floor_area=2, estate_floor_area=1, minimum_retained_area=0",
		"sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0, carbon_kg=1, running_cost=1",
		"sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0, carbon_kg=1, carbon_kg=1",
		"sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0, backlog=high=1",
		"sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0, backlog=(high=1",
		"sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0, backlog=(high=x)",
		"sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0, backlog=(high=1)x",
		"sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0,",
		"sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0, colour=1",
		"sites=1 floor_area=1, estate_floor_area=1, minimum_retained_area=0",
		"sites=1, floor_area=, estate_floor_area=1, minimum_retained_area=0",
		"sites 1, floor_area=1, estate_floor_area=1, minimum_retained_area=0",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(parse(bad[i], &again, &why), ESTATE_ERR_SYNTAX, "rejected: '%s' (%s)", bad[i], why ? why : "");
	is_int(parse("sites=1, floor_area=92233720368547758.08, estate_floor_area=1, minimum_retained_area=0", &again, &why),
		   ESTATE_ERR_RANGE, "beyond 64 bits of hundredths");
	is_int(parse("sites=92233720368547759, floor_area=1, estate_floor_area=1, minimum_retained_area=0", &again, &why),
		   ESTATE_ERR_RANGE, "sites beyond range");

	return done_testing();
}
