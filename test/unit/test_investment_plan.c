/*
 * Unit tests of investment scenarios (src/core/investment_plan): every rule
 * of the simulation on hand-computed plans, and the state's and plan's
 * binary and text forms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "investment_plan.h"

static void *
heap(size_t size, void *arg)
{
	(void) arg;
	return malloc(size);
}

static estate_plan_scenario
scenario(int horizon, int64_t annual_pence)
{
	estate_plan_scenario s;

	memset(&s, 0, sizeof(s));
	s.from_year = 2025;
	s.horizon = horizon;
	for (int k = 0; k < horizon; k++)
		s.budget[k] = annual_pence;
	s.inflation = "0";
	s.inflation_len = 1;
	s.escalation = "0";
	s.escalation_len = 1;
	s.years_per_grade = 5;
	s.strategy = PLAN_HIGHEST_RISK_FIRST;
	s.replacement_value = -1;
	return s;
}

static estate_plan_item
item(const char *id, int code, int consequence, int64_t cost)
{
	estate_plan_item it;

	it.id = id;
	it.id_len = (uint32_t) strlen(id);
	it.code = (uint8_t) code;
	it.consequence = (uint8_t) consequence;
	it.cost = cost;
	return it;
}

static estate_plan_year years[PLAN_HORIZON_MAX];
static estate_plan_outcome out[16];

static estate_status
run(const estate_plan_scenario *s, int form, const estate_plan_item *items, size_t n)
{
	const char *why = NULL;

	return estate_plan_simulate(s, form, items, n, years, out, heap, NULL, &why);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int
id_cmp_items(const void *pa, const void *pb)
{
	const estate_plan_item *x = pa;
	const estate_plan_item *y = pb;

	return estate_plan_id_cmp(x->id, x->id_len, y->id, y->id_len);
}
#define G PLAN_FORM_GRADE
#define NONE PLAN_NONE

int
main(void)
{
	estate_plan_scenario s;
	estate_status st;
	const char *field;

	/* Priority and passing over: budget 100.00.  Order: a (C x 5 = 20,
	 * high, 150.00), b (C x 2 = 8, significant, 60.00), c and d (C x 1 = 4,
	 * moderate, 30.00 and 20.00: cheaper first, so d then c).  a does not
	 * fit and is passed over; d (20) fits, 80 left; c (30), 50 left... */
	{
		estate_plan_item items[] = {
			item("a", GRADE_C, 5, 15000), item("b", GRADE_C, 2, 6000),
			item("c", GRADE_C, 1, 3000), item("d", GRADE_C, 1, 2000)
		};

		s = scenario(1, 10000);
		is_int(run(&s, G, items, N(items)), ESTATE_OK, "hrf: runs");
		/* b 60 (left 40), then d 20 (left 20), c 30 does not fit. */
		is_int(out[1].funded, 1, "hrf: significant b funded after passing over high a");
		is_int(out[3].funded, 1, "hrf: moderate d (cheaper) funded");
		is_int(out[2].funded, 0, "hrf: c does not fit what is left (20)");
		is_int(out[0].funded, 0, "hrf: a (150 > 100) passed over");
		is_int(years[0].spent, 8000, "hrf: spent 60 + 20 = 80.00");
		is_int(years[0].items_funded, 2, "hrf: two funded");
		is_int(years[0].band[0], 15000, "hrf: high left 150.00");
		is_int(years[0].band[2], 3000, "hrf: moderate left 30.00");
		is_int(years[0].items_waiting, 2, "hrf: two waiting");
		ok(years[0].fci_null, "no replacement value: fci NULL");
		is_int(out[0].band, BAND_HIGH, "a's band is high");

		/* Strict: a is dearer than the whole year's 100: passed over; b
		 * funded (40 left); d 20 (20 left); c 30 <= 100 does not fit:
		 * stop. Same here; now a budget of 70: b (60, 10 left), d (20)
		 * does not fit and 20 <= 70: stop, so nothing after it either. */
		s.strategy = PLAN_STRICT_RISK_ORDER;
		s.budget[0] = 7000;
		run(&s, G, items, N(items));
		is_int(out[1].funded, 1, "strict: b funded");
		is_int(out[3].funded + out[2].funded + out[0].funded, 0, "strict: stops at d");
		is_int(years[0].spent, 6000, "strict: spent 60.00");
		s.strategy = PLAN_HIGHEST_RISK_FIRST;
		run(&s, G, items, N(items));
		is_int(years[0].spent, 6000, "hrf at 70: b 60, then d 20 and c 30 do not fit in 10");

		/* strict with a budget of 85: b (25 left), d (5 left), c 30 stops. */
		s.strategy = PLAN_STRICT_RISK_ORDER;
		s.budget[0] = 2000 + 6000 + 500;
		run(&s, G, items, N(items));
		is_int(years[0].spent, 8000, "strict at 85: b and d");

		/* most_risk_per_pound: score / cost: a 20/150 = 0.133, b 8/60 =
		 * 0.133 (equal: then hrf keys: a high first), c 4/30 = 0.133, d
		 * 4/20 = 0.2 first.  Budget 100: d (80 left), a 150 no, b 60 (20
		 * left), c no. */
		s.strategy = PLAN_MOST_RISK_PER_POUND;
		s.budget[0] = 10000;
		run(&s, G, items, N(items));
		ok(out[3].funded == 1 && out[1].funded == 1 && out[0].funded == 0 && out[2].funded == 0,
		   "most_risk_per_pound: d then b");
		is_int(years[0].spent, 8000, "most_risk_per_pound: spent 80.00");
	}

	/* A zero-cost item fits a zero budget; do-nothing otherwise. */
	{
		estate_plan_item items[] = {item("x", GRADE_D, 3, 0), item("y", GRADE_D, 3, 100)};

		s = scenario(2, 0);
		run(&s, G, items, N(items));
		is_int(out[0].funded, 1, "zero cost funded on a zero budget");
		is_int(out[1].funded, 0, "1.00 not funded on a zero budget");
		is_int(years[1].band[0], 100, "D x 3 = 15: high, 1.00 left in year 2");
	}

	/* Deterioration every 2 years, escalation 10%, horizon 5.
	 *   c: C -> D in year 3 (floor(2/2) = 1 period): 100.00 x 1.1 = 110.00
	 *   b: B(C) -> C in year 3 (arises at 50.00) -> D in year 5 (55.00)
	 *   x: CX -> DX in year 3: 10.00 x 1.1 = 11.00
	 *   d: D stays D: 7.00 throughout, no escalation */
	{
		estate_plan_item items[] = {
			item("b", GRADE_B_C, 1, 5000), item("c", GRADE_C, 1, 10000),
			item("d", GRADE_D, 1, 700), item("x", GRADE_CX, 1, 1000)
		};

		s = scenario(5, 0);
		s.years_per_grade = 2;
		s.escalation = "0.1";
		s.escalation_len = 3;
		run(&s, G, items, N(items));
		/* year 1: c C x 1 = 4 moderate; x CX 4 moderate; d D 5 moderate. */
		is_int(years[0].band[2], 10000 + 1000 + 700, "year 1: moderate 117.00");
		is_int(years[0].arising, 0, "year 1: nothing arises");
		is_int(years[0].items_waiting, 3, "year 1: b not yet in backlog");
		is_int(years[2].arising, 5000, "year 3: b arises at 50.00");
		/* year 3: c D 5 moderate 110; x DX 5 moderate 11; d 7; b C 4 moderate 50. */
		is_int(years[2].band[2], 11000 + 1100 + 700 + 5000, "year 3: moderate 178.00");
		is_int(years[4].band[2], 11000 + 1100 + 700 + 5500, "year 5: b is D: 55.00");
		is_int(years[4].arising, 0, "year 5: nothing arises");
		is_int(out[0].entered, 3, "b entered in year 3");
		is_int(out[0].grade, GRADE_D, "b is D at the end");
		is_int(out[2].grade, GRADE_D, "d stays D");
		is_int(out[3].grade, GRADE_DX, "x is DX");
		s.years_per_grade = 0;
		run(&s, G, items, N(items));
		is_int(out[0].entered, 0, "no deterioration: B(C) never arises");
		is_int(out[0].band, NONE, "nor gets a band");
		is_int(years[4].band[2], 11700, "no deterioration: no escalation either");
	}

	/* Inflation 2.5%, rounded once per item-year from the pence:
	 * 1.00 x 1.025 = 1.025 -> 1.03; 1.00 x 1.050625 -> 1.05 (not 1.03 x
	 * 1.025 = 1.05575 -> 1.06); 1.00 x 1.076890625 -> 1.08. */
	{
		estate_plan_item items[] = {item("i", GRADE_C, 2, 100)};

		s = scenario(4, 0);
		s.inflation = "0.025";
		s.inflation_len = 5;
		s.years_per_grade = 0;
		run(&s, G, items, N(items));
		is_int(years[0].band[1], 100, "year 1: 1.00");
		is_int(years[1].band[1], 103, "year 2: 1.025 rounds half away to 1.03");
		is_int(years[2].band[1], 105, "year 3: 1.050625 -> 1.05, rounded once");
		is_int(years[3].band[1], 108, "year 4: 1.076890625 -> 1.08");
		/* Deflation of 50%: 1.00 -> 0.50 -> 0.25 -> 0.125 -> 0.13. */
		s.inflation = "-0.5";
		s.inflation_len = 4;
		run(&s, G, items, N(items));
		is_int(years[3].band[1], 13, "deflation: 0.125 rounds half away to 0.13");
	}

	/* Carry-over accumulates: 10.00 a year, one item of 25.00: year 1
	 * available 10, year 2 20, year 3 30 -> funded, 5 left, year 4 15. */
	{
		estate_plan_item items[] = {item("k", GRADE_C, 5, 2500)};

		s = scenario(4, 1000);
		s.carry_over = true;
		run(&s, G, items, N(items));
		is_int(years[1].available, 2000, "carry-over: year 2 has 20.00");
		is_int(years[2].available, 3000, "carry-over: year 3 has 30.00");
		is_int(out[0].funded, 3, "funded in year 3");
		is_int(out[0].cost_paid, 2500, "at 25.00");
		is_int(years[3].available, 1500, "year 4: 10.00 + 5.00 left");
		s.carry_over = false;
		run(&s, G, items, N(items));
		is_int(out[0].funded, 0, "without carry-over never funded");
		is_int(years[2].available, 1000, "and each year has 10.00");
	}

	/* Per-year budgets. */
	{
		estate_plan_item items[] = {item("p", GRADE_C, 5, 2500), item("q", GRADE_C, 5, 3000)};

		s = scenario(3, 0);
		s.per_year = true;
		s.budget[0] = 0;
		s.budget[1] = 2500;
		s.budget[2] = 3000;
		run(&s, G, items, N(items));
		ok(out[0].funded == 2 && out[1].funded == 3, "per-year budgets: p in year 2, q in year 3");
	}

	/* Unassessed last, and tie-breaks: waiting, cost, id bytes. */
	{
		estate_plan_item items[] = {
			item("A", GRADE_C, 1, 100), item("B", GRADE_C, 1, 100), item("a", GRADE_C, NONE, 1),
			item("b", GRADE_B_C, 1, 60), item("c", GRADE_C, 1, 50)
		};

		/* Deterioration every year; budgets 0.50, 0.50, 1.00.
		 * Year 1: moderate C x 1 = 4: A 1.00, B 1.00, c 0.50; b not in
		 * backlog; a unassessed.  Cheapest first: c funded, nothing left. */
		s = scenario(3, 50);
		s.per_year = true;
		s.budget[2] = 100;
		s.years_per_grade = 1;
		run(&s, G, items, N(items));
		is_int(out[4].funded, 1, "cost ascending: c (0.50) first");
		is_int(out[2].funded, 2, "year 2: unassessed a (0.01) funded once nothing above it fits");
		/* Year 2: A, B are D x 1 = 5 (waited 1); b arises as C x 1 = 4
		 * (0.60): none fits 0.50. */
		is_int(out[3].entered, 2, "b arises in year 2");
		is_int(years[1].items_funded, 1, "year 2: only a");
		/* Year 3 (1.00): A, B and b are all D x 1 = 5, moderate; A and B
		 * waited 2 years, b 1: A (1.00; "A" before "B") takes it all, although
		 * b is cheaper. */
		is_int(out[0].funded, 3, "year 3: A funded (waited longest, id before B)");
		ok(out[1].funded == 0 && out[3].funded == 0, "B and b wait");
		is_int(years[2].band[2], 100 + 60, "year 3: B 1.00 + b 0.60 left");
	}
	/* Unassessed goes last even when cheap: budget exactly 1.00 with A
	 * (1.00 moderate) and a (0.01 unassessed). */
	{
		estate_plan_item items[] = {item("A", GRADE_C, 1, 100), item("a", GRADE_C, NONE, 1)};

		s = scenario(1, 100);
		run(&s, G, items, N(items));
		ok(out[0].funded == 1 && out[1].funded == 0, "unassessed after moderate");
		is_int(years[0].band[4], 1, "unassessed 0.01 left");
	}
	/* Byte order breaks the last tie: "B" (0x42) before "a" (0x61). */
	{
		estate_plan_item items[] = {item("B", GRADE_C, 1, 100), item("a", GRADE_C, 1, 100)};

		s = scenario(1, 100);
		run(&s, G, items, N(items));
		ok(out[0].funded == 1 && out[1].funded == 0, "id byte order: B before a");
	}

	/* Band form: bands never change; NULL band (unassessed) last. */
	{
		estate_plan_item items[] = {
			item("h", BAND_HIGH, NONE, 500), item("l", BAND_LOW, NONE, 100),
			item("u", PLAN_UNASSESSED, NONE, 10)
		};

		s = scenario(2, 600);
		run(&s, PLAN_FORM_BAND, items, N(items));
		ok(out[0].funded == 1 && out[1].funded == 1 && out[2].funded == 2, "band form: h, l; u next year");
		is_int(out[2].band, NONE, "band form: unassessed has no band");
		is_int(out[0].grade, NONE, "band form: no grade");
		is_int(years[0].band[4], 10, "unassessed 0.10 at the end of year 1");
	}

	/* FCI: backlog / (replacement x (1 + inflation)^(k-1)), to 6 places,
	 * half away from zero: 1.00 / 3.00 = 0.333333; 2.00 / 3.00 = 0.666667;
	 * 0.50 / 1,000,000.00 = 0.0000005 -> 0.000001. */
	{
		estate_plan_item items[] = {item("f", GRADE_C, 1, 100)};

		s = scenario(1, 0);
		s.replacement_value = 300;
		run(&s, G, items, N(items));
		ok(!years[0].fci_null && years[0].fci_lo == 333333, "fci 1/3 = 0.333333");
		items[0].cost = 200;
		run(&s, G, items, N(items));
		is_int(years[0].fci_lo, 666667, "fci 2/3 = 0.666667");
		items[0].cost = 50;
		s.replacement_value = 100000000;
		run(&s, G, items, N(items));
		is_int(years[0].fci_lo, 1, "fci 0.0000005 rounds half away to 0.000001");
		/* Steep deflation: 0.01 x 0.001^1 rounds to 0.00: NULL. */
		s = scenario(2, 0);
		s.replacement_value = 1;
		s.inflation = "-0.999";
		s.inflation_len = 6;
		run(&s, G, items, N(items));
		ok(!years[0].fci_null && years[1].fci_null, "fci NULL where the denominator rounds to 0.00");
	}

	/* Overflow: a cost escalated or inflated beyond int64 pence. */
	{
		estate_plan_item items[] = {item("o", GRADE_C, 1, INT64_MAX / 2 + 1)};

		s = scenario(2, 0);
		s.inflation = "1";
		s.inflation_len = 1;
		is_int(run(&s, G, items, N(items)), ESTATE_ERR_RANGE, "cost doubling beyond int64: range");
		s = scenario(2, INT64_MAX);
		s.carry_over = true;
		items[0].cost = INT64_MAX;
		is_int(run(&s, G, items, N(items)), ESTATE_OK, "all available spent: nothing to carry");
		items[0].cost = 0;
		is_int(run(&s, G, items, N(items)), ESTATE_ERR_RANGE, "carrying over beyond int64: range");
		estate_plan_item two[] = {item("m", GRADE_C, 1, INT64_MAX), item("n", GRADE_C, 1, 1)};

		s = scenario(1, 0);
		is_int(run(&s, G, two, N(two)), ESTATE_ERR_RANGE, "a year's backlog beyond int64: range");
		/* Before funding the year's items pass int64 pence; what is left fits. */
		s = scenario(1, 1);
		is_int(run(&s, G, two, N(two)), ESTATE_OK, "a year's backlog back within int64 once an item is funded");
		ok(out[1].funded == 1 && years[0].band[2] == INT64_MAX && years[0].items_waiting == 1,
		   "the item left waiting holds the whole (moderate) backlog, at int64's limit");
	}

	/* Scenario checks. */
	s = scenario(100, 0);
	s.from_year = INT32_MAX - 99;
	ok(estate_plan_scenario_check(&s, &st) == NULL, "last year INT32_MAX is fine");
	s.from_year++;
	field = estate_plan_scenario_check(&s, &st);
	ok(field && strcmp(field, "from_year") == 0 && st == ESTATE_ERR_RANGE, "last year beyond int: range");
	s = scenario(1, 0);
	s.inflation = "-1";
	s.inflation_len = 2;
	field = estate_plan_scenario_check(&s, &st);
	ok(field && strcmp(field, "inflation") == 0 && st == ESTATE_ERR_ARGUMENT, "inflation -1 refused");
	s.inflation = "-0.9999";
	s.inflation_len = 7;
	ok(estate_plan_scenario_check(&s, &st) == NULL, "inflation -0.9999 accepted");
	s.escalation = "-0.1";
	s.escalation_len = 4;
	field = estate_plan_scenario_check(&s, &st);
	ok(field && strcmp(field, "escalation") == 0, "negative escalation refused");
	s = scenario(1, 0);
	s.replacement_value = 0;
	field = estate_plan_scenario_check(&s, &st);
	ok(field && strcmp(field, "replacement_value") == 0, "replacement value 0.00 refused");
	ok(!estate_plan_strategy_fits_form(PLAN_MOST_RISK_PER_POUND, PLAN_FORM_BAND), "per pound needs grades");

	/* Canonical decimals. */
	{
		char		buf[32];
		size_t		n;

		ok(estate_plan_decimal_canonical("00.0250", 7, buf, &n) && strcmp(buf, "0.025") == 0, "0.025");
		ok(estate_plan_decimal_canonical("-0.000", 6, buf, &n) && strcmp(buf, "0") == 0, "-0 is 0");
		ok(estate_plan_decimal_canonical("12", 2, buf, &n) && strcmp(buf, "12") == 0, "12");
		ok(!estate_plan_decimal_canonical("1e5", 3, buf, &n), "no exponent");
		ok(!estate_plan_decimal_canonical("1.", 2, buf, &n), "no bare point");
	}

	/* The state's text and binary scenario forms round-trip. */
	{
		const char *text = "from_year=2025, horizon=2, budgets={1.00, 2.50}, inflation=0.025, "
			"years_per_grade=-, escalation=0, strategy=strict_risk_order, carry_over=true, "
			"replacement_value=10.00; form=grade; items={(\"a\"\"b\" C 3 1.20), (\"z\" B(C) - 0.05)}";
		size_t		len = strlen(text);
		char	   *scratch = malloc(len);
		unsigned char *records = malloc(estate_plan_state_records_max(len));
		size_t		records_len;
		int64_t		nitems;
		int			form;
		const char *why = NULL;
		char		again[1024];
		size_t		k;
		estate_plan_item it;
		unsigned char bin[512];
		estate_plan_scenario back;
		size_t		used;

		st = estate_plan_state_parse(text, len, &s, scratch, &form, records, &records_len, &nitems, &why);
		is_int(st, ESTATE_OK, "state text parses");
		is_int(nitems, 2, "two items");
		ok(s.per_year && s.budget[1] == 250 && s.carry_over && s.years_per_grade == 0 &&
		   s.strategy == PLAN_STRICT_RISK_ORDER && s.replacement_value == 1000, "scenario fields");
		k = estate_plan_scenario_format(&s, again);
		k += (size_t) sprintf(again + k, "; form=grade; items={");
		used = estate_plan_record_read(records, records_len, form, &it, &why);
		ok(used > 0 && it.id_len == 3 && memcmp(it.id, "a\"b", 3) == 0 && it.cost == 120, "first record");
		k += estate_plan_item_format(&it, form, again + k);
		k += (size_t) sprintf(again + k, ", ");
		estate_plan_record_read(records + used, records_len - used, form, &it, &why);
		k += estate_plan_item_format(&it, form, again + k);
		k += (size_t) sprintf(again + k, "}");
		ok(k == len && memcmp(again, text, len) == 0, "state text round-trips");
		estate_plan_scenario_encode(&s, bin);
		is_int(estate_plan_scenario_decode(bin, estate_plan_scenario_size(&s), &back, &used, &why),
			   ESTATE_OK, "binary scenario reads back");
		is_int(used, estate_plan_scenario_size(&s), "all of it");
		ok(back.budget[1] == 250 && back.inflation_len == 5 && memcmp(back.inflation, "0.025", 5) == 0,
		   "binary scenario fields");
		ok(estate_plan_state_parse("from_year=2025", 14, &s, scratch, &form, records, &records_len,
								   &nitems, &why) == ESTATE_ERR_SYNTAX && why != NULL, "truncated: syntax");
		free(scratch);
		free(records);
	}

	/* The plan's binary and text forms round-trip, and decode checks them. */
	{
		estate_plan_item items[] = {
			item("a", GRADE_C, 5, 15000), item("b", GRADE_B_C, 2, 6000), item("c", GRADE_C, NONE, 3000)
		};
		unsigned char bin[1024];
		unsigned char bin2[4096];
		char		text[4096];
		size_t		size;
		size_t		size2;
		size_t		tlen;
		estate_plan_view v;
		const char *why = NULL;

		s = scenario(3, 10000);
		s.years_per_grade = 1;
		s.replacement_value = 123456;
		run(&s, G, items, N(items));
		size = estate_plan_size(3, items, N(items));
		estate_plan_encode(G, 2025, 3, years, items, out, N(items), bin);
		is_int(estate_plan_decode(bin, size, &v, &why), ESTATE_OK, "plan decodes");
		tlen = estate_plan_format(&v, text);
		ok(tlen < estate_plan_text_max(&v), "text within its bound");
		text[tlen] = '\0';
		printf("# %s\n", text);
		is_int(estate_plan_parse(text, tlen, bin2, &size2, &why), ESTATE_OK, "plan text parses");
		ok(size2 == size && memcmp(bin, bin2, size) == 0, "plan text round-trips to the same bytes");
		bin[size - 2] = GRADE_B;
		ok(estate_plan_decode(bin, size, &v, &why) == ESTATE_ERR_BINARY, "a grade B item is refused");
		bin[size - 2] = bin2[size - 2];
		ok(estate_plan_decode(bin, size - 1, &v, &why) == ESTATE_ERR_BINARY, "truncated plan refused");
		/* spent altered: disagrees with the items. */
		bin[PLAN_HEAD_BYTES + 15] ^= 1;
		ok(estate_plan_decode(bin, size, &v, &why) == ESTATE_ERR_BINARY, "inconsistent spending refused");
	}
	/* Sorting ids: byte order, a prefix first, long shared prefixes, ties
	 * beyond the 8 bytes the radix sort looks at; checked against qsort. */
	{
		enum { NSORT = 3000 };
		static char buf[NSORT][40];
		static estate_plan_item a[NSORT];
		static estate_plan_item b[NSORT];
		unsigned	seed = 12345;
		bool		same = true;

		for (int i = 0; i < NSORT; i++)
		{
			int			len;

			seed = seed * 1103515245u + 12345u;
			len = sprintf(buf[i], "site-0000-%s%u%s", (seed >> 8) % 3 ? "" : "\x7f",
						  (seed >> 12) % 500, (seed >> 20) % 4 ? "" : "-element-with-a-long-tail");
			a[i] = item(buf[i], GRADE_C, 1, 1);
			a[i].id_len = (uint32_t) len;
			b[i] = a[i];
		}
		ok(!estate_plan_sort_items(a, NSORT, heap, NULL), "sort_items: ids out of order are not ascending already");
		qsort(b, NSORT, sizeof(estate_plan_item), id_cmp_items);
		for (int i = 0; i < NSORT; i++)
			same = same && a[i].id_len == b[i].id_len && memcmp(a[i].id, b[i].id, a[i].id_len) == 0;
		ok(same, "sort_items gives byte order (3000 ids with shared prefixes and repeats)");
		/* Sorted, they hold repeats: not strictly ascending, sorted again to the same order. */
		ok(!estate_plan_sort_items(a, NSORT, heap, NULL), "sort_items: sorted ids with a repeat are not strictly ascending");
	}
	{
		/* Three ascending runs (the states of three workers) are merged, a
		 * repeat across two of them kept next to its twin. */
		static const char *const ids[9] = {"b", "d", "f", "a", "c", "d", "e", "", "g"};
		static const char *const sorted[9] = {"", "a", "b", "c", "d", "d", "e", "f", "g"};
		estate_plan_item a[9];
		bool		same = true;

		for (int i = 0; i < 9; i++)
			a[i] = item(ids[i], GRADE_C, 1, i);
		ok(!estate_plan_sort_items(a, 9, heap, NULL), "sort_items: three ascending runs are not ascending");
		for (int i = 0; i < 9; i++)
			same = same && strcmp(a[i].id, sorted[i]) == 0;
		ok(same && a[4].cost == 1 && a[5].cost == 5, "sort_items merges three runs into byte order, stably");
	}
	{
		/* 2 to 8 strictly ascending runs of random lengths that overlap (ids
		 * repeat across runs), interleaving in long or short stretches. */
		enum { NRUN = 2000 };
		static char buf[NRUN][16];
		static estate_plan_item a[NRUN];
		static estate_plan_item b[NRUN];
		unsigned	seed = 777;
		bool		same = true;

		for (int trial = 0; trial < 50; trial++)
		{
			int			runs = 2 + trial % 7;
			int			span = trial % 2 ? 40 : 4000;
			size_t		n = 0;

			for (int r = 0; r < runs; r++)
			{
				size_t		len = 1 + (size_t) (seed = seed * 1103515245u + 12345u) % (NRUN / 8);
				unsigned	v = (seed >> 8) % 50;

				for (size_t i = 0; i < len && n < NRUN; i++, n++)
				{
					/* strictly ascending, now and then a jump */
					v += 1 + ((seed = seed * 1103515245u + 12345u) % span ? 0 : (seed >> 20) % 300);
					sprintf(buf[n], "id-%06u", v);
					a[n] = item(buf[n], GRADE_C, 1, (int64_t) n);
					b[n] = a[n];
				}
			}
			estate_plan_sort_items(a, n, heap, NULL);
			qsort(b, n, sizeof(estate_plan_item), id_cmp_items);
			for (size_t i = 0; i < n; i++)
				same = same && strcmp(a[i].id, b[i].id) == 0 &&
					(i == 0 || strcmp(a[i - 1].id, a[i].id) != 0 || a[i - 1].cost < a[i].cost);
		}
		ok(same, "sort_items: 50 sets of 2-8 ascending runs with repeats merged into byte order, stably");
	}
	{
		/* Strictly ascending ids (a prefix first) are left as they are. */
		estate_plan_item a[4] = {item("a", GRADE_C, 1, 1), item("ab", GRADE_C, 1, 1),
		item("b", GRADE_C, 1, 1), item("b\x7f", GRADE_C, 1, 1)};

		ok(estate_plan_sort_items(a, 4, heap, NULL) && strcmp(a[0].id, "a") == 0 &&
		   strcmp(a[1].id, "ab") == 0 && strcmp(a[3].id, "b\x7f") == 0,
		   "sort_items: strictly ascending ids are left in place and reported so");
		ok(estate_plan_sort_items(a, 1, heap, NULL) && estate_plan_sort_items(a, 0, heap, NULL),
		   "sort_items: one item or none is ascending");
	}
	{
		/* Packed records, by hand: "el-01" (C, 3, 1.00) then "el-02" (DX,
		 * none, 300.00).  The first shares 0 bytes: 00 05 "el-01" 04 03 64
		 * (100 pence) = 10 bytes; the second shares "el-0" (4): 04 01 "2"
		 * 06 ff, then 30000 = 0x7530 as base-128 b0 ea 01 = 8 bytes. */
		unsigned char raw[2 * PLAN_RECORD_FIXED + 10];
		unsigned char packed[64];
		unsigned char back[sizeof(raw)];
		const unsigned char expect[] = {0, 5, 'e', 'l', '-', '0', '1', GRADE_C, 3, 100,
		4, 1, '2', GRADE_DX, PLAN_NONE, 0xb0, 0xea, 0x01};
		estate_plan_item i1 = item("el-01", GRADE_C, 3, 100);
		estate_plan_item i2 = item("el-02", GRADE_DX, PLAN_NONE, 30000);
		size_t		len = estate_plan_record_write(&i1, raw);
		size_t		plen;
		const char *why = NULL;

		len += estate_plan_record_write(&i2, raw + len);
		plen = estate_plan_records_pack(raw, len, packed);
		is_int((int) estate_plan_records_packed_max(len, 2), (int) len + 6,
			   "pack: room for 3 bytes more an item at most");
		ok(plen == sizeof(expect) && memcmp(packed, expect, plen) == 0,
		   "pack: two items as worked by hand (18 bytes for 38)");
		ok(estate_plan_records_unpack(packed, plen, 2, G, back, len, &why) == ESTATE_OK &&
		   memcmp(back, raw, len) == 0, "unpack: the records back byte for byte");
		ok(estate_plan_records_unpack(packed, plen, 0, G, back, 0, &why) == ESTATE_ERR_BINARY,
		   "unpack: bytes beyond the items counted are refused");
		ok(estate_plan_records_unpack(packed, plen, 3, G, back, len, &why) == ESTATE_ERR_BINARY,
		   "unpack: more items than the bytes hold are refused");
		ok(estate_plan_records_unpack(packed, plen - 1, 2, G, back, len, &why) == ESTATE_ERR_BINARY,
		   "unpack: a truncated cost is refused");
		ok(estate_plan_records_unpack(packed, plen, 2, G, back, len - 1, &why) == ESTATE_ERR_BINARY,
		   "unpack: items that overflow the stated size are refused");
		ok(estate_plan_records_unpack(packed, plen, 2, G, back, len, &why) == ESTATE_OK &&
		   estate_plan_records_unpack(packed, plen, 2, PLAN_FORM_BAND, back, len, &why) == ESTATE_ERR_BINARY,
		   "unpack: a grade-form item is refused in the band form");
		packed[0] = 1;
		ok(estate_plan_records_unpack(packed, plen, 2, G, back, len, &why) == ESTATE_ERR_BINARY,
		   "unpack: the first item cannot share a prefix");
		packed[0] = 0;
		packed[10] = 6;
		ok(estate_plan_records_unpack(packed, plen, 2, G, back, len, &why) == ESTATE_ERR_BINARY,
		   "unpack: sharing more than the previous id has is refused");
		packed[10] = 4;
		packed[12] = 0;
		ok(estate_plan_records_unpack(packed, plen, 2, G, back, len, &why) == ESTATE_ERR_BINARY,
		   "unpack: a zero byte in an id is refused");
		packed[12] = '2';
		packed[plen - 1] = 0x81;
		ok(estate_plan_records_unpack(packed, plen, 2, G, back, len, &why) == ESTATE_ERR_BINARY,
		   "unpack: a varint running past the end is refused");
	}
	{
		/* A cost of 2^63 - 1 pence takes 9 varint bytes; 2^63 is refused
		 * as negative, and a tenth byte beyond 64 bits as malformed. */
		unsigned char raw[PLAN_RECORD_FIXED + 1];
		unsigned char packed[32];
		unsigned char back[sizeof(raw)];
		estate_plan_item it = item("x", GRADE_C, 1, INT64_MAX);
		size_t		len = estate_plan_record_write(&it, raw);
		size_t		plen = estate_plan_records_pack(raw, len, packed);
		const char *why = NULL;
		const unsigned char too_big[] = {0, 1, 'x', GRADE_C, 1,
		0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
		const unsigned char past64[] = {0, 1, 'x', GRADE_C, 1,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};

		is_int((int) plen, 5 + 9, "pack: the largest cost in 9 bytes");
		ok(estate_plan_records_unpack(packed, plen, 1, G, back, len, &why) == ESTATE_OK &&
		   memcmp(back, raw, len) == 0, "unpack: the largest cost back");
		ok(estate_plan_records_unpack(too_big, sizeof(too_big), 1, G, back, len, &why) == ESTATE_ERR_BINARY,
		   "unpack: a cost of 2^63 pence is refused");
		ok(estate_plan_records_unpack(past64, sizeof(past64), 1, G, back, len, &why) == ESTATE_ERR_BINARY,
		   "unpack: a varint beyond 64 bits is refused");
	}
	{
		/* Random records round-trip: ids of 0-40 bytes sharing prefixes. */
		enum { NPACK = 3000 };
		static unsigned char raw[NPACK * (PLAN_RECORD_FIXED + 40)];
		static unsigned char packed[NPACK * (PLAN_RECORD_FIXED + 48)];
		static unsigned char back[sizeof(raw)];
		static char id[41];
		unsigned	seed = 4242;
		size_t		len = 0;
		size_t		plen;
		const char *why = NULL;

		memset(id, 'a', sizeof(id));

		for (int i = 0; i < NPACK; i++)
		{
			size_t		keep = (seed = seed * 1103515245u + 12345u) >> 16;
			size_t		idl = (seed >> 8) % 41;
			estate_plan_item it;

			keep %= idl + 1;
			for (size_t j = keep; j < idl; j++)
				id[j] = (char) (1 + (seed = seed * 1103515245u + 12345u) % 255);
			it = item("", GRADE_B_C + (int) (seed % 5), seed % 7 == 0 ? NONE : 1 + (int) (seed % 5),
					  (int64_t) (((uint64_t) seed * seed) >> (1 + seed % 60)));
			it.id = id;
			it.id_len = (uint32_t) idl;
			len += estate_plan_record_write(&it, raw + len);
		}
		plen = estate_plan_records_pack(raw, len, packed);
		ok(plen <= estate_plan_records_packed_max(len, NPACK) &&
		   estate_plan_records_unpack(packed, plen, NPACK, G, back, len, &why) == ESTATE_OK &&
		   memcmp(back, raw, len) == 0,
		   "pack and unpack: 3,000 random records round-trip byte for byte");
	}
	return done_testing();
}
