/*
 * Unit tests of the disposal assessment (src/core/disposal.c), without a
 * server.  Every expected score is worked out by hand in the comment above it.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "tap.h"
#include "disposal.h"

/* The default weights and thresholds, no data. */
static void
defaults(estate_disposal_input *in)
{
	static const struct
	{
		int			arg;
		double		v;
	}			d[] = {
		{DARG_W_SPACE, 0.35}, {DARG_W_CONDITION, 0.25}, {DARG_W_SUITABILITY, 0.15},
		{DARG_W_RUNNING_COST, 0.15}, {DARG_W_CARBON, 0.10},
		{DARG_UTILISATION_KEEP, 0.60}, {DARG_UTILISATION_DISPOSE, 0.10},
		{DARG_UNOCCUPIED_SHARE_KEEP, 0.025}, {DARG_UNOCCUPIED_SHARE_DISPOSE, 0.25},
		{DARG_FCI_KEEP, 0.05}, {DARG_FCI_DISPOSE, 0.30},
		{DARG_SUITABILITY_KEEP, 1.0}, {DARG_SUITABILITY_DISPOSE, 0.0},
		{DARG_RUNNING_COST_KEEP, 1.0}, {DARG_RUNNING_COST_DISPOSE, 2.0},
		{DARG_CARBON_KEEP, 1.0}, {DARG_CARBON_DISPOSE, 2.0},
		{DARG_DISPOSE_AT, 60}, {DARG_REVIEW_AT, 40}, {DARG_MIN_CRITERIA, 3},
	};

	memset(in, 0, sizeof(*in));
	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++)
	{
		in->value[d[i].arg] = d[i].v;
		in->given[d[i].arg] = true;
	}
}

static void
set(estate_disposal_input *in, int arg, double v)
{
	in->value[arg] = v;
	in->given[arg] = true;
}

/* All five criteria known, from the figures each one compares. */
static void
five(estate_disposal_input *in, double utilisation, double fci, double suitability,
	 double running_ratio, double carbon_ratio)
{
	defaults(in);
	set(in, DARG_UTILISATION, utilisation);
	set(in, DARG_FCI, fci);
	set(in, DARG_FUNCTIONAL_SUITABILITY, suitability);
	set(in, DARG_RUNNING_COST, 100 * running_ratio);
	set(in, DARG_BENCHMARK_RUNNING_COST, 100);
	set(in, DARG_CARBON, 50 * carbon_ratio);
	set(in, DARG_BENCHMARK_CARBON, 50);
}

static estate_disposal_result r;

static void
assess(const estate_disposal_input *in)
{
	int			bad = -1;
	const char *hint = NULL;

	if (estate_disposal_check(in, &bad, &hint) != ESTATE_OK)
		printf("# unexpected check failure at %s: %s\n", estate_disposal_args[bad].name, hint);
	estate_disposal_assess(in, true, &r);
}

#define is_score(expected, ...) \
	do { \
		ok(r.has_score && fabs(r.score - (expected)) < 1e-9, __VA_ARGS__); \
		if (!r.has_score || fabs(r.score - (expected)) >= 1e-9) \
			printf("#   got %.12f (has_score %d), expected %.12f\n", r.score, r.has_score, (double) (expected)); \
	} while (0)

#define is_str(got, expected, ...) \
	do { \
		ok(strcmp((got), (expected)) == 0, __VA_ARGS__); \
		if (strcmp((got), (expected)) != 0) printf("#   got '%s', expected '%s'\n", (got), (expected)); \
	} while (0)

#define is_rec(expected, ...) is_str(estate_disposal_recommendation_names[r.recommendation], expected, __VA_ARGS__)

/* The first bad argument and its hint. */
static const char *bad_hint;
static int
bad_arg(const estate_disposal_input *in)
{
	int			bad = -1;

	bad_hint = NULL;
	if (estate_disposal_check(in, &bad, &bad_hint) != ESTATE_ERR_ARGUMENT)
		return -1;
	return bad;
}

int
main(void)
{
	estate_disposal_input in;

	/* Sub-scores: 0 at keep, 1 at dispose, linear between, either direction. */
	ok(estate_disposal_subscore(0.60, 0.60, 0.10) == 0, "utilisation at keep: 0");
	ok(estate_disposal_subscore(0.10, 0.60, 0.10) == 1, "utilisation at dispose: 1");
	ok(estate_disposal_subscore(0.35, 0.60, 0.10) == 0.5, "utilisation midway: 0.5");
	ok(estate_disposal_subscore(0.95, 0.60, 0.10) == 0, "utilisation beyond keep: 0");
	ok(estate_disposal_subscore(0.00, 0.60, 0.10) == 1, "utilisation beyond dispose: 1");
	ok(estate_disposal_subscore(0.05, 0.05, 0.30) == 0, "FCI at keep: 0");
	ok(estate_disposal_subscore(0.30, 0.05, 0.30) == 1, "FCI at dispose: 1");
	ok(fabs(estate_disposal_subscore(0.10, 0.05, 0.30) - 0.2) < 1e-15, "FCI 0.10: (0.10-0.05)/0.25 = 0.2");
	ok(estate_disposal_subscore(0.90, 0.05, 0.30) == 1, "FCI beyond dispose: 1");
	ok(estate_disposal_subscore(0.00, 0.05, 0.30) == 0, "FCI beyond keep: 0");

	/* Every criterion at its keep threshold: 0, retain, no reasons. */
	five(&in, 0.60, 0.05, 1.0, 1.0, 1.0);
	assess(&in);
	is_score(0, "all at keep: score 0");
	is_rec("retain", "all at keep: retain");
	is_int(r.criteria_used, 5, "all at keep: 5 criteria used");
	is_int(r.nreasons, 0, "all at keep: no reasons");

	/* Every criterion at its dispose threshold: 100, dispose, reasons by weight. */
	five(&in, 0.10, 0.30, 0.0, 2.0, 2.0);
	assess(&in);
	is_score(100, "all at dispose: score 100");
	is_rec("dispose", "all at dispose: dispose");
	is_int(r.nreasons, 5, "all at dispose: five reasons");
	is_str(r.reasons[0], "utilisation 10% (dispose at ≤ 10%, keep at ≥ 60%)", "reason 1: space (0.35)");
	is_str(r.reasons[1], "FCI 30% (dispose at ≥ 30%, keep at ≤ 5%)", "reason 2: condition (0.25)");
	is_str(r.reasons[2], "functionally suitable 0% (dispose at ≤ 0%, keep at ≥ 100%)",
		   "reason 3: suitability (0.15, ties with running cost: table order)");
	is_str(r.reasons[3], "running cost 2× benchmark (dispose at ≥ 2×, keep at ≤ 1×)", "reason 4: running cost (0.15)");
	is_str(r.reasons[4], "carbon 2× benchmark (dispose at ≥ 2×, keep at ≤ 1×)", "reason 5: carbon (0.10)");

	/* Beyond the thresholds: clamped, so the same as at them. */
	five(&in, 0.0, 0.95, 0.0, 7.5, 3.0);
	assess(&in);
	is_score(100, "beyond dispose: clamped to 100");
	five(&in, 0.99, 0.0, 1.0, 0.4, 0.0);
	assess(&in);
	is_score(0, "beyond keep: clamped to 0");

	/*
	 * Midway on every criterion: utilisation 0.35, FCI 0.175, suitability
	 * 0.5, ratios 1.5: each sub-score 0.5, score 50, review; a sub-score of
	 * exactly 0.5 is listed.
	 */
	five(&in, 0.35, 0.175, 0.5, 1.5, 1.5);
	assess(&in);
	is_score(50, "midway: 50");
	is_rec("review", "midway: review");
	is_int(r.nreasons, 5, "midway: sub-scores of 0.5 are listed");
	is_str(r.reasons[0], "utilisation 35% (dispose at ≤ 10%, keep at ≥ 60%)", "midway: utilisation");
	is_str(r.reasons[1], "FCI 17.5% (dispose at ≥ 30%, keep at ≤ 5%)", "midway: FCI with one decimal");
	is_str(r.reasons[3], "running cost 1.5× benchmark (dispose at ≥ 2×, keep at ≤ 1×)", "midway: running cost");

	/*
	 * Between: utilisation 0.12 -> (0.12-0.60)/(0.10-0.60) = 0.96; FCI 0.22 ->
	 * 0.17/0.25 = 0.68; suitability 0.55 -> 0.45 (not listed); running cost
	 * 1.8 -> 0.8; carbon 1.3 -> 0.3.  Weighted: 0.336 + 0.17 + 0.0675 + 0.12
	 * + 0.03 = 0.7235 over 1.0: 72.35, dispose.
	 */
	five(&in, 0.12, 0.22, 0.55, 1.8, 1.3);
	assess(&in);
	is_score(72.35, "between: 72.35");
	is_rec("dispose", "between: dispose");
	is_int(r.nreasons, 3, "between: three criteria at 0.5 or more");
	is_str(r.reasons[0], "utilisation 12% (dispose at ≤ 10%, keep at ≥ 60%)", "between: utilisation first (0.336)");
	is_str(r.reasons[1], "FCI 22% (dispose at ≥ 30%, keep at ≤ 5%)", "between: FCI second (0.17)");
	is_str(r.reasons[2], "running cost 1.8× benchmark (dispose at ≥ 2×, keep at ≤ 1×)", "between: running cost third (0.12)");

	/*
	 * Order is by weighted contribution, not by sub-score: carbon at 1 gives
	 * 0.10, suitability 0.2 (sub-score 0.8) gives 0.12, so suitability comes
	 * first.  Utilisation 0.60, FCI 0.05, running cost 1.0 add 0.  Score
	 * (0.12 + 0.10) / 1.0 = 22, retain, and reasons are still given.
	 */
	five(&in, 0.60, 0.05, 0.2, 1.0, 2.5);
	assess(&in);
	is_score(22, "contribution order: 22");
	is_rec("retain", "contribution order: retain");
	is_int(r.nreasons, 2, "contribution order: two reasons");
	is_str(r.reasons[0], "functionally suitable 20% (dispose at ≤ 0%, keep at ≥ 100%)", "suitability (0.12) before carbon");
	is_str(r.reasons[1], "carbon 2.5× benchmark (dispose at ≥ 2×, keep at ≤ 1×)", "carbon (0.10) second");

	/* The recommendation thresholds: 0.35 + 0.25 = 0.60 -> exactly 60: dispose. */
	five(&in, 0.10, 0.30, 1.0, 1.0, 1.0);
	assess(&in);
	is_score(60, "space and condition at dispose: 60");
	is_rec("dispose", "score equal to dispose_at: dispose");
	/* 0.35 + 0.10 x 0.5 = 0.40 -> 40: review; carbon 1.49 -> 0.399 -> 39.9: retain. */
	five(&in, 0.10, 0.05, 1.0, 1.0, 1.5);
	assess(&in);
	is_score(40, "space at dispose, carbon midway: 40");
	is_rec("review", "score equal to review_at: review");
	five(&in, 0.10, 0.05, 1.0, 1.0, 1.49);
	assess(&in);
	is_score(39.9, "carbon 1.49: 39.9");
	is_rec("retain", "score just under review_at: retain");

	/*
	 * Renormalisation over the known criteria: utilisation 0.10 (1) and FCI
	 * 0.05 (0) only: 100 x 0.35 / 0.60 = 58.333..., review; two criteria.
	 */
	defaults(&in);
	set(&in, DARG_UTILISATION, 0.10);
	set(&in, DARG_FCI, 0.05);
	assess(&in);
	is_score(100.0 * 0.35 / 0.60, "two known: 100 x 0.35/0.60");
	is_int(r.criteria_used, 2, "two known");
	is_rec("review", "two known, 58.3: review");
	is_int(r.nreasons, 2, "two known: utilisation and the count");
	is_str(r.reasons[1], "only 2 of 5 criteria known", "two known: the count phrase");

	/* Fewer than min_criteria never dispose: 100 on two criteria is review. */
	set(&in, DARG_FCI, 0.30);
	assess(&in);
	is_score(100, "two known at dispose: 100");
	is_rec("review", "two known at dispose: review, not dispose");
	is_str(r.reasons[2], "only 2 of 5 criteria known", "two known at dispose: the count phrase last");
	set(&in, DARG_MIN_CRITERIA, 2);
	assess(&in);
	is_rec("dispose", "min_criteria 2: dispose on two");
	is_int(r.nreasons, 2, "min_criteria 2: no count phrase");

	/* A benchmark without its figure (or the reverse) leaves the criterion unknown. */
	defaults(&in);
	set(&in, DARG_RUNNING_COST, 300);
	set(&in, DARG_BENCHMARK_CARBON, 40);
	set(&in, DARG_FUNCTIONAL_SUITABILITY, 0.25);
	set(&in, DARG_UNOCCUPIED_SHARE, 0.1375);
	assess(&in);
	is_int(r.criteria_used, 2, "half a ratio is unknown");
	/* suitability 0.75 x 0.15 + unoccupied (0.1375-0.025)/0.225 = 0.5 x 0.35, over 0.50 */
	is_score(100.0 * (0.15 * 0.75 + 0.35 * 0.5) / 0.50, "unoccupied share and suitability");
	is_str(r.reasons[0], "unoccupied or under-used 13.8% (dispose at ≥ 25%, keep at ≤ 2.5%)",
		   "space from the unoccupied share (0.175 contribution)");
	is_str(r.reasons[1], "functionally suitable 25% (dispose at ≤ 0%, keep at ≥ 100%)", "then suitability (0.1125)");

	/* A utilisation rate wins over an unoccupied share. */
	set(&in, DARG_UTILISATION, 0.60);
	assess(&in);
	is_score(100.0 * (0.15 * 0.75) / 0.50, "utilisation 0.60 replaces the share");
	is_str(r.reasons[0], "functionally suitable 25% (dispose at ≤ 0%, keep at ≥ 100%)", "no space reason");

	/* No data at all: no score, review, and why. */
	defaults(&in);
	assess(&in);
	ok(!r.has_score, "no data: no score");
	is_rec("review", "no data: review");
	is_int(r.criteria_used, 0, "no data: 0 criteria");
	is_int(r.nreasons, 1, "no data: one reason");
	is_str(r.reasons[0], "only 0 of 5 criteria known", "no data: the count phrase");

	/* Protected: retain whatever the score, which is still computed. */
	five(&in, 0.10, 0.30, 0.0, 2.0, 2.0);
	set(&in, DARG_PROTECTED, 1);
	assess(&in);
	is_score(100, "protected: score still 100");
	is_rec("retain", "protected: retain");
	is_int(r.nreasons, 6, "protected: five criteria and the flag");
	is_str(r.reasons[5], "protected site", "protected: phrase last");
	set(&in, DARG_PROTECTED, 0);
	assess(&in);
	is_rec("dispose", "protected false: dispose");
	defaults(&in);
	set(&in, DARG_PROTECTED, 1);
	assess(&in);
	is_rec("retain", "protected without data: retain, not review");
	is_int(r.nreasons, 2, "protected without data: two phrases");
	is_str(r.reasons[0], "protected site", "protected without data: the flag");
	is_str(r.reasons[1], "only 0 of 5 criteria known", "protected without data: the count");

	/* A zero weight removes a criterion: 4 weighted, carbon ignored. */
	five(&in, 0.60, 0.05, 1.0, 1.0, 2.0);
	set(&in, DARG_W_CARBON, 0);
	assess(&in);
	is_int(r.criteria_used, 4, "w_carbon 0: four used");
	is_int(r.criteria_weighted, 4, "w_carbon 0: four weighted");
	is_score(0, "w_carbon 0: carbon at dispose does not count");
	is_int(r.nreasons, 0, "w_carbon 0: no carbon reason");
	defaults(&in);
	set(&in, DARG_W_CARBON, 0);
	set(&in, DARG_UTILISATION, 0.2);
	assess(&in);
	is_str(r.reasons[1], "only 1 of 4 criteria known", "the count is of weighted criteria");

	/* Local weights: a 10% net-zero weighting raised to 40% moves the order. */
	five(&in, 0.35, 0.05, 1.0, 1.0, 2.0);
	set(&in, DARG_W_CARBON, 0.40);
	assess(&in);
	/* (0.35 x 0.5 + 0.40 x 1) / 1.30 = 0.575 / 1.30 */
	is_score(100.0 * 0.575 / 1.30, "w_carbon 0.40: renormalised over 1.30");
	is_str(r.reasons[0], "carbon 2× benchmark (dispose at ≥ 2×, keep at ≤ 1×)", "carbon (0.40) now first");

	/* Thresholds chosen by the user, including reversed direction. */
	five(&in, 0.30, 0.05, 1.0, 1.0, 1.0);
	set(&in, DARG_UTILISATION_KEEP, 0.50);
	set(&in, DARG_UTILISATION_DISPOSE, 0.30);
	assess(&in);
	is_str(r.reasons[0], "utilisation 30% (dispose at ≤ 30%, keep at ≥ 50%)", "user thresholds in the phrase");
	is_score(35, "user thresholds: 0.35 x 1");

	/* ASCII symbols for databases that are not UTF-8. */
	five(&in, 0.12, 0.05, 1.0, 1.8, 1.0);
	estate_disposal_assess(&in, false, &r);
	is_str(r.reasons[0], "utilisation 12% (dispose at <= 10%, keep at >= 60%)", "ascii utilisation");
	is_str(r.reasons[1], "running cost 1.8x benchmark (dispose at >= 2x, keep at <= 1x)", "ascii running cost");

	/* Rounding of figures: 0.1234 -> 12.3%, ratio 1.666... -> 1.67x. */
	five(&in, 0.1234, 0.05, 1.0, 5.0 / 3.0, 1.0);
	assess(&in);
	is_str(r.reasons[0], "utilisation 12.3% (dispose at ≤ 10%, keep at ≥ 60%)", "one decimal for percentages");
	is_str(r.reasons[1], "running cost 1.67× benchmark (dispose at ≥ 2×, keep at ≤ 1×)", "two decimals for ratios");

	/* Figures round half up: 12.25% shows as 12.3%, a ratio of 1.995 as 2. */
	five(&in, 0.1225, 0.05, 1.0, 1.0, 1.0);
	assess(&in);
	is_str(r.reasons[0], "utilisation 12.3% (dispose at ≤ 10%, keep at ≥ 60%)", "12.25%% rounds half up");
	five(&in, 0.6, 0.05, 1.0, 1.995, 1.0);
	assess(&in);
	is_str(r.reasons[0], "running cost 2× benchmark (dispose at ≥ 2×, keep at ≤ 1×)", "1.995 rounds to 2");
	five(&in, 5, 0.05, 1.0, 1.0, 1.0);
	set(&in, DARG_UTILISATION_KEEP, 1e30);
	assess(&in);
	is_str(r.reasons[0], "utilisation 500% (dispose at ≤ 10%, keep at ≥ 1e+32%)", "huge figures in exponent form");

	/* Bad arguments: each kind, and the first bad one is named. */
	defaults(&in);
	is_int(bad_arg(&in), -1, "defaults are valid");
	set(&in, DARG_UTILISATION, -0.01);
	is_int(bad_arg(&in), DARG_UTILISATION, "negative utilisation");
	defaults(&in);
	set(&in, DARG_UTILISATION, 1.7);
	is_int(bad_arg(&in), -1, "utilisation above 1 (over capacity) is allowed");
	set(&in, DARG_UTILISATION, 5);
	is_int(bad_arg(&in), -1, "utilisation 5 is allowed");
	set(&in, DARG_UTILISATION, 5.01);
	is_int(bad_arg(&in), DARG_UTILISATION, "utilisation above 5: a percentage given for a share");
	is_str(bad_hint, "It is a share, from 0 to 5: give 0.12 for 12%.", "rate hint");
	defaults(&in);
	set(&in, DARG_FCI, 12);
	is_int(bad_arg(&in), DARG_FCI, "fci 12: a percentage given for a share");
	set(&in, DARG_FCI, 5);
	is_int(bad_arg(&in), -1, "fci 5 is allowed");
	set(&in, DARG_UTILISATION, NAN);
	is_int(bad_arg(&in), DARG_UTILISATION, "NaN utilisation");
	defaults(&in);
	set(&in, DARG_UNOCCUPIED_SHARE, 1.01);
	is_int(bad_arg(&in), DARG_UNOCCUPIED_SHARE, "unoccupied share above 1");
	is_str(bad_hint, "A share is a finite number from 0 to 1.", "share hint");
	defaults(&in);
	set(&in, DARG_FUNCTIONAL_SUITABILITY, -0.5);
	is_int(bad_arg(&in), DARG_FUNCTIONAL_SUITABILITY, "negative suitability");
	defaults(&in);
	set(&in, DARG_FCI, INFINITY);
	is_int(bad_arg(&in), DARG_FCI, "infinite FCI");
	defaults(&in);
	set(&in, DARG_BENCHMARK_RUNNING_COST, 0);
	is_int(bad_arg(&in), DARG_BENCHMARK_RUNNING_COST, "zero benchmark");
	is_str(bad_hint, "A benchmark is a finite number above 0.", "benchmark hint");
	defaults(&in);
	set(&in, DARG_CARBON, -1);
	is_int(bad_arg(&in), DARG_CARBON, "negative carbon");
	defaults(&in);
	set(&in, DARG_W_CONDITION, -0.25);
	is_int(bad_arg(&in), DARG_W_CONDITION, "negative weight");
	defaults(&in);
	in.given[DARG_W_SPACE] = false;
	is_int(bad_arg(&in), DARG_W_SPACE, "NULL weight");
	is_str(bad_hint, "Leave the argument out to use its default.", "NULL hint");
	defaults(&in);
	set(&in, DARG_FCI_KEEP, -0.05);
	is_int(bad_arg(&in), DARG_FCI_KEEP, "negative threshold");
	defaults(&in);
	set(&in, DARG_SUITABILITY_KEEP, 1.5);
	is_int(bad_arg(&in), DARG_SUITABILITY_KEEP, "share threshold above 1");
	defaults(&in);
	set(&in, DARG_CARBON_KEEP, 2.0);
	is_int(bad_arg(&in), DARG_CARBON_DISPOSE, "keep equal to dispose names the dispose threshold");
	is_str(bad_hint, "The keep and dispose thresholds of a criterion must differ.", "keep = dispose hint");
	defaults(&in);
	set(&in, DARG_DISPOSE_AT, 101);
	is_int(bad_arg(&in), DARG_DISPOSE_AT, "dispose_at above 100");
	defaults(&in);
	set(&in, DARG_REVIEW_AT, 70);
	is_int(bad_arg(&in), DARG_REVIEW_AT, "review_at above dispose_at");
	defaults(&in);
	set(&in, DARG_MIN_CRITERIA, 6);
	is_int(bad_arg(&in), DARG_MIN_CRITERIA, "min_criteria 6");
	set(&in, DARG_MIN_CRITERIA, -1);
	is_int(bad_arg(&in), DARG_MIN_CRITERIA, "min_criteria -1");
	defaults(&in);
	set(&in, DARG_UTILISATION, -1);
	set(&in, DARG_W_SPACE, -1);
	is_int(bad_arg(&in), DARG_UTILISATION, "the first bad argument in signature order");

	/* Numeric payloads (short header: 0x8000 | sign 0x2000 | dscale << 7 | 7-bit weight). */
	{
		struct
		{
			uint16_t	words[5];
			int			n;
			double		expected;
			bool		fast;
		}			cases[] = {
			{{0x8000 | (2 << 7) | 0x7F, 3000}, 2, 0.30, true},	/* 0.30: weight -1, digit 3000 */
			{{0x8000 | (3 << 7) | 0x7F, 1750}, 2, 0.175, true},	/* 0.175 */
			{{0x8000 | 0x2000 | (1 << 7) | 0x00, 12, 5000}, 3, -12.5, true},	/* -12.5 */
			{{0x8000 | (0 << 7) | 0x01, 12, 3456}, 3, 123456, true},	/* 123456: weight 1 */
			{{0x8000}, 1, 0, true},	/* zero: no digits */
			{{0x8000 | (2 << 7) | 0x7F, 1, 2345, 6789, 1234}, 5, 0.0001234567891234, true},
			{{0xC000}, 1, 0, false},	/* NaN */
			{{0x8000 | (0 << 7) | 0x10, 1}, 2, 0, false},	/* 10^64: beyond the exact powers */
		};

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			double		d = -1;
			bool		fast = estate_disposal_numeric_double(cases[i].words, cases[i].n * sizeof(uint16_t), &d);

			ok(fast == cases[i].fast && (!fast || d == cases[i].expected),
			   "numeric payload %zu: fast %d, %.17g", i, fast, d);
		}
	}

	/* The argument table matches the SQL signature's names. */
	is_str(estate_disposal_args[DARG_BENCHMARK_CARBON].name, "benchmark_carbon_per_m2", "argument names");
	is_str(estate_disposal_args[DARG_MIN_CRITERIA].name, "min_criteria", "last argument");

	return done_testing();
}
