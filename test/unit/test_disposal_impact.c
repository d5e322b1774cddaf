/*
 * Unit tests of the disposal impact state (src/core/disposal_impact.c):
 * sums, the minimum retained area, consistency and the text form.
 */
#include <string.h>

#include "tap.h"
#include "disposal_impact.h"

/* One candidate of a 10,000 m2 estate that must keep 7,000 m2 (areas in millionths). */
#define M2 INT64_C(1000000)

static estate_disposal_impact
site(int64_t area, int64_t running, int known)
{
	estate_disposal_impact s;

	memset(&s, 0, sizeof(s));
	s.version = ESTATE_IMPACT_VERSION;
	s.sites = 1;
	s.floor_area = area;
	s.estate_floor_area = 10000 * M2;
	s.minimum_retained_area = 7000 * M2;
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

	/*
	 * 1,000.005 m2 then 1,500 m2 then 499.995 m2: 1000.005 + 1500 + 499.995
	 * = 3,000 m2 released exactly, 10,000 - 3,000 = 7,000 retained (= the
	 * minimum), so the third site is in the programme.  Rounded to 0.01 m2
	 * (1000.01 + 1500 + 500.00 = 3000.01) it would not be.
	 */
	b = site(1000005000, 5000000, IMPACT_KNOWN_RUNNING_COST);
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_OK, "first site");
	ok(estate_impact_in_programme(&acc), "9,000 m2 retained: in the programme");
	b = site(1500 * M2, 0, 0);
	b.backlog.pence[BAND_MODERATE] = 20000;
	b.known = IMPACT_KNOWN_BACKLOG;
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_OK, "second site");
	b = site(499995000, 2000000, IMPACT_KNOWN_RUNNING_COST);
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_OK, "third site");
	is_int(acc.sites, 3, "three sites");
	is_int(acc.floor_area, 3000 * M2, "3,000 m2 released exactly");
	is_int(estate_impact_retained(&acc), 7000 * M2, "7,000 m2 retained exactly");
	ok(estate_impact_in_programme(&acc), "retained equal to the minimum: still in the programme");
	is_int(acc.running_cost, 7000000, "running cost saved £70,000.00");
	is_int(acc.known, IMPACT_KNOWN_RUNNING_COST | IMPACT_KNOWN_BACKLOG, "known: running cost and backlog");
	is_int(acc.backlog.pence[BAND_MODERATE], 20000, "moderate backlog £200.00");
	b = site(1, 0, 0);
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_OK, "a fourth site of 0.000001 m2");
	ok(!estate_impact_in_programme(&acc), "6,999.999999 m2 retained: out of the programme");

	/* Inconsistent rows. */
	b = site(100, 0, 0);
	b.estate_floor_area = 9000 * M2;
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_ERR_ARGUMENT, "another estate floor area");
	is_int(strcmp(why, "estate_floor_area must be the same on every row."), 0, "names estate_floor_area");
	b = site(100, 0, 0);
	b.minimum_retained_area = 1;
	is_int(estate_impact_combine(&acc, &b, &why), ESTATE_ERR_ARGUMENT, "another minimum");
	b = site(7000 * M2, 0, 0);
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
	b = site(10000 * M2 + 1, 0, 0);
	ok(estate_impact_check(&b) != NULL, "released beyond the estate");
	b = site(100, 0, 0);
	b.version = 0;
	ok(estate_impact_check(&b) != NULL, "a state of version 1 until it is upgraded");
	b = site(0, 0, 0);
	b.minimum_retained_area = 20000 * M2;
	ok(estate_impact_check(&b) == NULL, "a minimum above the estate's area is allowed (nothing can go)");
	b = site(0, 0, 0);
	b.sites = 0;
	ok(estate_impact_check(&b) == NULL, "no site: the empty state of an estate");
	b = site(100, 0, 0);
	b.sites = 0;
	ok(estate_impact_check(&b) != NULL, "floor area released by no site");
	b = site(0, 0, IMPACT_KNOWN_CARBON);
	b.sites = 0;
	ok(estate_impact_check(&b) != NULL, "a measure known from no site");

	/* Text form: canonical output, round trip, optional measures. */
	b = site(1500000001, 123456, IMPACT_KNOWN_RUNNING_COST | IMPACT_KNOWN_BACKLOG | IMPACT_KNOWN_CARBON);
	b.sites = 2;
	b.backlog.pence[BAND_HIGH] = 120050;
	b.carbon = 2525;
	estate_impact_format(&b, text);
	is_int(strcmp(text, "v2 sites=2, floor_area=1500.000001, estate_floor_area=10000.000000, minimum_retained_area=7000.000000, "
				  "backlog=(high=1200.50, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00), "
				  "running_cost=1234.56, carbon_kg=25.25"), 0, "canonical text: %s", text);
	is_int(parse(text, &again, &why), ESTATE_OK, "canonical text parses");
	ok(memcmp(&b, &again, sizeof(b)) == 0, "and round-trips");
	b = site(1500 * M2, 0, 0);
	estate_impact_format(&b, text);
	is_int(strcmp(text, "v2 sites=1, floor_area=1500.000000, estate_floor_area=10000.000000, minimum_retained_area=7000.000000"), 0,
		   "unknown measures are left out: %s", text);
	is_int(parse(" v2  sites = 3 ,floor_area=1.5,estate_floor_area=10,minimum_retained_area=0 , carbon_kg = 0.004 ",
				 &again, &why), ESTATE_OK, "spaces, few decimals, only carbon");
	is_int(again.sites, 3, "sites 3");
	is_int(again.floor_area, 1500000, "1.5 m2 is 1,500,000 millionths");
	is_int(again.carbon, 0, "0.004 kg rounds to 0.00");
	is_int(again.known, IMPACT_KNOWN_CARBON, "only carbon known");
	is_int(parse("v2 sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0, running_cost=2", &again, &why),
		   ESTATE_OK, "running cost without backlog");
	is_int(again.running_cost, 200, "running cost £2.00");
	is_int(parse("v2 sites=1, floor_area=0.1234560000, estate_floor_area=1, minimum_retained_area=0", &again, &why),
		   ESTATE_OK, "zeros beyond the sixth decimal");
	is_int(again.floor_area, 123456, "0.123456 m2 is 123,456 millionths");
	is_int(parse("v2 sites=1, floor_area=0.1234561, estate_floor_area=1, minimum_retained_area=0", &again, &why),
		   ESTATE_ERR_SYNTAX, "a seventh decimal: %s", why);
	is_int(parse("v2 sites=1, floor_area=9223372036854.775807, estate_floor_area=9223372036854.775807, "
				 "minimum_retained_area=0", &again, &why), ESTATE_OK, "areas at the int64 maximum of millionths");
	is_int(parse("v2 sites=1, floor_area=1, estate_floor_area=9223372036854.775808, minimum_retained_area=0",
				 &again, &why), ESTATE_ERR_RANGE, "one millionth more: %s", why);

	/* Version 1's text (estate 1.0): no "v2", areas in hundredths (rounded as amounts). */
	is_int(parse("sites=2, floor_area=1500.00, estate_floor_area=10000.00, minimum_retained_area=7000.00, running_cost=1.5",
				 &again, &why), ESTATE_OK, "version 1's text reads");
	is_int(again.version, ESTATE_IMPACT_VERSION, "as a state of this version");
	is_int(again.floor_area, 1500 * M2, "1500.00 m2 in millionths");
	is_int(again.estate_floor_area, 10000 * M2, "10000.00 m2 in millionths");
	is_int(again.minimum_retained_area, 7000 * M2, "7000.00 m2 in millionths");
	is_int(again.running_cost, 150, "the running cost is pence, as before");
	is_int(parse("sites=1, floor_area=0.005, estate_floor_area=1, minimum_retained_area=0", &again, &why),
		   ESTATE_OK, "version 1 rounded areas to hundredths");
	is_int(again.floor_area, 10000, "0.005 m2 read as 0.01, as version 1 read it");
	is_int(parse("sites=1, floor_area=1, estate_floor_area=922337203685477.59, minimum_retained_area=0", &again, &why),
		   ESTATE_ERR_RANGE, "a version-1 area beyond the millionths' range: %s", why);

	/* Upgrading a state stored by estate 1.0 (version field 0, hundredths). */
	b = site(0, 0, 0);
	b.version = 0;
	b.floor_area = 100001;
	b.estate_floor_area = 1000000;
	b.minimum_retained_area = 700000;
	is_int(estate_impact_upgrade(&b), ESTATE_OK, "a 1.0 state upgrades");
	ok(b.floor_area == 1000010000 && b.estate_floor_area == 10000 * M2 && b.minimum_retained_area == 7000 * M2 &&
	   b.version == ESTATE_IMPACT_VERSION, "its areas scaled from hundredths to millionths");
	is_int(estate_impact_upgrade(&b), ESTATE_OK, "a current state is left alone");
	is_int(b.floor_area, 1000010000, "unchanged");
	b.version = 7;
	is_int(estate_impact_upgrade(&b), ESTATE_ERR_ARGUMENT, "an unknown version");
	b = site(0, 0, 0);
	b.version = 0;
	b.estate_floor_area = INT64_MAX / 10000 + 1;
	is_int(estate_impact_upgrade(&b), ESTATE_ERR_RANGE, "an area beyond the millionths' range");

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
		"v2sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0",
		"v3 sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0",
		"v2 sites=1, floor_area=1.0000001, estate_floor_area=2, minimum_retained_area=0",
		"v2 sites=1, floor_area=1., estate_floor_area=2, minimum_retained_area=0",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(parse(bad[i], &again, &why), ESTATE_ERR_SYNTAX, "rejected: '%s' (%s)", bad[i], why ? why : "");
	is_int(parse("sites=1, floor_area=92233720368547758.08, estate_floor_area=1, minimum_retained_area=0", &again, &why),
		   ESTATE_ERR_RANGE, "beyond 64 bits of hundredths");
	/* sites is a count: the whole int64 range, as binary input allows (test/fuzz/recv.c found a
	 * binary state whose text form did not read back). */
	is_int(parse("v2 sites=9223372036854775807, floor_area=1, estate_floor_area=1, minimum_retained_area=0", &again, &why),
		   ESTATE_OK, "sites at the int64 maximum");
	ok(again.sites == INT64_MAX, "sites read as a count, not hundredths");
	estate_impact_format(&again, text);
	is_int(strcmp(text, "v2 sites=9223372036854775807, floor_area=1.000000, estate_floor_area=1.000000, minimum_retained_area=0.000000"), 0,
		   "and written back in full: %s", text);
	is_int(parse("sites=9223372036854775808, floor_area=1, estate_floor_area=1, minimum_retained_area=0", &again, &why),
		   ESTATE_ERR_RANGE, "sites beyond int64");
	is_int(parse("sites=-0, floor_area=0, estate_floor_area=1, minimum_retained_area=0", &again, &why),
		   ESTATE_ERR_SYNTAX, "sites with a sign");

	return done_testing();
}
