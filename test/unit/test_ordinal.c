/*
 * Unit tests of the condition-grade and risk-band vocabularies and the risk
 * matrix (src/core), without a server.
 */
#include <string.h>

#include "tap.h"
#include "condition_grade.h"
#include "risk_band.h"

static int
parse(const estate_ordinal *k, const char *s)
{
	return estate_ordinal_parse(k, s, strlen(s));
}

int
main(void)
{
	/* Every spelling, in the order of the type. */
	static const char *const grades[] = {"A", "B", "B(C)", "C", "CX", "D", "DX"};
	static const char *const bands[] = {"low", "moderate", "significant", "high"};

	for (int i = 0; i < GRADE_COUNT; i++)
	{
		is_int(parse(&estate_condition_grade, grades[i]), i, "grade %s parses to %d", grades[i], i);
		ok(strcmp(estate_ordinal_name(&estate_condition_grade, i), grades[i]) == 0,
		   "grade %d is named %s", i, grades[i]);
	}
	for (int i = 0; i < BAND_COUNT; i++)
	{
		is_int(parse(&estate_risk_band, bands[i]), i, "band %s parses to %d", bands[i], i);
		ok(strcmp(estate_ordinal_name(&estate_risk_band, i), bands[i]) == 0,
		   "band %d is named %s", i, bands[i]);
	}

	/* Case and surrounding whitespace. */
	is_int(parse(&estate_condition_grade, " b(c)\t"), GRADE_B_C, "' b(c)\\t' is B(C)");
	is_int(parse(&estate_condition_grade, "dx"), GRADE_DX, "'dx' is DX");
	is_int(parse(&estate_risk_band, "  SIGNIFICANT \n"), BAND_SIGNIFICANT, "upper case band with spaces");

	/* Malformed. */
	static const char *const bad_grades[] = {"", " ", "E", "AB", "B(", "B(C", "B (C)", "BC", "C X", "X", "A\x01", "DXX"};
	for (size_t i = 0; i < sizeof(bad_grades) / sizeof(bad_grades[0]); i++)
		is_int(parse(&estate_condition_grade, bad_grades[i]), -1, "grade '%s' is rejected", bad_grades[i]);
	static const char *const bad_bands[] = {"", "lo", "lowest", "high risk", "medium", "moderate-"};
	for (size_t i = 0; i < sizeof(bad_bands) / sizeof(bad_bands[0]); i++)
		is_int(parse(&estate_risk_band, bad_bands[i]), -1, "band '%s' is rejected", bad_bands[i]);

	/* An embedded NUL ends nothing: the length is what counts. */
	is_int(estate_ordinal_parse(&estate_condition_grade, "A\0", 2), -1, "'A\\0' (2 bytes) is rejected");
	ok(estate_ordinal_name(&estate_condition_grade, GRADE_COUNT) == NULL, "no name beyond the last grade");
	ok(estate_ordinal_name(&estate_risk_band, -1) == NULL, "no name before the first band");

	/* Backlog rule and likelihoods. */
	static const int needs[GRADE_COUNT] = {0, 0, 0, 1, 1, 1, 1};
	static const int likelihood[GRADE_COUNT] = {1, 2, 3, 4, 4, 5, 5};
	for (int i = 0; i < GRADE_COUNT; i++)
	{
		is_int(estate_grade_needs_backlog(i), needs[i], "needs_backlog(%s)", grades[i]);
		is_int(estate_grade_failure_likelihood(i), likelihood[i], "failure_likelihood(%s)", grades[i]);
	}

	/* Score -> band over 0..26, by hand from the 5x5 matrix (docs/risk_band.md). */
	static const int expected_band[26] = {
		-1,							/* 0: out of range */
		BAND_LOW, BAND_LOW, BAND_LOW,	/* 1-3 */
		BAND_MODERATE, BAND_MODERATE, BAND_MODERATE, BAND_MODERATE,	/* 4-7 */
		BAND_SIGNIFICANT, BAND_SIGNIFICANT, BAND_SIGNIFICANT, BAND_SIGNIFICANT,	/* 8-11 */
		BAND_SIGNIFICANT, BAND_SIGNIFICANT, BAND_SIGNIFICANT,	/* 12-14 */
		BAND_HIGH, BAND_HIGH, BAND_HIGH, BAND_HIGH, BAND_HIGH,	/* 15-19 */
		BAND_HIGH, BAND_HIGH, BAND_HIGH, BAND_HIGH, BAND_HIGH, BAND_HIGH	/* 20-25 */
	};
	for (int s = 0; s <= 25; s++)
	{
		int			band = -1;
		estate_status st = estate_risk_band_of_score(s, &band);

		if (expected_band[s] < 0)
			is_int(st, ESTATE_ERR_RANGE, "score %d is out of range", s);
		else
			is_int(band, expected_band[s], "score %d band", s);
	}
	is_int(estate_risk_band_of_score(26, &(int){0}), ESTATE_ERR_RANGE, "score 26 is out of range");
	is_int(estate_risk_band_of_score(-2147483647 - 1, &(int){0}), ESTATE_ERR_RANGE, "INT_MIN is out of range");

	ok(!estate_risk_factor_valid(0) && estate_risk_factor_valid(1) &&
	   estate_risk_factor_valid(5) && !estate_risk_factor_valid(6), "factor bounds 1..5");
	is_int(estate_risk_score(5, 5), 25, "5 x 5 = 25");

	return done_testing();
}
