/*
 * Unit tests of the five-bucket backlog value (src/core/backlog): the text
 * form, checked sums, totals beyond int64 and the order.
 */
#include <string.h>

#include "tap.h"
#include "backlog.h"

static estate_status
parse(const char *s, estate_backlog *b)
{
	const char *why = NULL;

	return estate_backlog_parse(s, strlen(s), b, &why);
}

static const char *
text(const estate_backlog *b)
{
	static char buf[ESTATE_BACKLOG_TEXT_MAX];

	estate_backlog_format(b, buf);
	return buf;
}

int
main(void)
{
	estate_backlog b;
	estate_backlog c;
	int			bucket = -1;
	char		buf[ESTATE_WIDE_TEXT_MAX];

	/* The canonical form, and what reads as it. */
	is_int(parse("high=1200.50, significant=0.00, moderate=300.00, low=0.00, unassessed=0.00", &b),
		   ESTATE_OK, "the canonical form parses");
	ok(strcmp(text(&b), "high=1200.50, significant=0.00, moderate=300.00, low=0.00, unassessed=0.00") == 0,
	   "and formats back to itself");
	is_int(b.pence[BAND_HIGH], 120050, "high is 120050 pence");
	is_int(b.pence[BAND_MODERATE], 30000, "moderate is 30000 pence");
	is_int(parse("  unassessed = 7 ,HIGH=0.005,low=1.1  ", &b), ESTATE_OK, "any order, any case, spaces");
	ok(strcmp(text(&b), "high=0.01, significant=0.00, moderate=0.00, low=1.10, unassessed=7.00") == 0,
	   "missing keys are 0, amounts rounded: %s", text(&b));
	is_int(parse("significant=92233720368547758.07", &b), ESTATE_OK, "the largest bucket");
	ok(b.pence[BAND_SIGNIFICANT] == INT64_MAX, "is INT64_MAX pence");

	{
		static const char *const bad[] = {
			"", "   ", "high", "high=", "=5", "high=1,", ",high=1", "high=1 low=2", "high=1,,low=2",
			"high=1, high=2", "HIGH=1, high=2", "medium=1", "high_risk=1", "high=-1", "high=1e3",
			"high=1.", "high=.5", "high=abc", "high=1.2.3", "high=NaN", "high:1", "high=1;low=2",
			"high==1", "hi gh=1", "high=1 2"
		};

		for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
			is_int(parse(bad[k], &b), ESTATE_ERR_SYNTAX, "'%s' is malformed", bad[k]);
	}
	is_int(parse("low=92233720368547758.08", &b), ESTATE_ERR_RANGE, "a bucket beyond int64 pence");
	is_int(parse("high=1, low=1, high=2", &b), ESTATE_ERR_SYNTAX, "a repeated key, not adjacent");

	/* Keys. */
	is_int(estate_backlog_bucket_of_key("Unassessed", 10), BUCKET_UNASSESSED, "key lookup is case-insensitive");
	is_int(estate_backlog_bucket_of_key("hig", 3), -1, "a prefix is no key");
	ok(estate_backlog_key(BUCKET_COUNT) == NULL, "no key beyond the last bucket");

	/* Checked sums. */
	parse("high=1, low=2", &b);
	parse("high=3, unassessed=4", &c);
	is_int(estate_backlog_add(&b, &c, &bucket), ESTATE_OK, "sum");
	ok(strcmp(text(&b), "high=4.00, significant=0.00, moderate=0.00, low=2.00, unassessed=4.00") == 0,
	   "bucket-wise: %s", text(&b));
	parse("high=1, moderate=92233720368547758.07", &b);
	parse("high=2, moderate=0.01", &c);
	is_int(estate_backlog_add(&b, &c, &bucket), ESTATE_ERR_RANGE, "overflow is reported");
	is_int(bucket, BAND_MODERATE, "naming the bucket");
	is_int(b.pence[BAND_HIGH], 100, "and leaves the sum unchanged");

	/* Totals and critical infrastructure risk beyond int64. */
	for (int k = 0; k < BUCKET_COUNT; k++)
		b.pence[k] = INT64_MAX;
	ok(estate_backlog_valid(&b), "a full backlog is valid");
	estate_wide_format(estate_backlog_total(&b), buf);
	ok(strcmp(buf, "461168601842738790.35") == 0, "total of five full buckets is %s", buf);
	estate_wide_format(estate_backlog_critical(&b), buf);
	ok(strcmp(buf, "184467440737095516.14") == 0, "high + significant of full buckets is %s", buf);
	b.pence[BAND_LOW] = -1;
	ok(!estate_backlog_valid(&b), "a negative bucket is not valid");

	/* Order: by total, then high, significant, moderate, low, unassessed. */
	{
		static const char *const sorted[] = {
			"", "unassessed=0.01", "low=0.01", "moderate=0.01", "significant=0.01", "high=0.01",
			"low=0.02", "high=0.01, low=0.01", "high=0.02",
			"high=92233720368547758.07, significant=92233720368547758.07",
			"high=92233720368547758.07, significant=92233720368547758.07, unassessed=0.01"
		};
		size_t		n = sizeof(sorted) / sizeof(sorted[0]);

		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++)
			{
				estate_backlog x;
				estate_backlog y;
				int			want = (i > j) - (i < j);

				memset(&x, 0, sizeof(x));
				memset(&y, 0, sizeof(y));
				if (sorted[i][0])
					parse(sorted[i], &x);
				if (sorted[j][0])
					parse(sorted[j], &y);
				is_int(estate_backlog_cmp(&x, &y), want, "cmp('%s', '%s')", sorted[i], sorted[j]);
			}
	}
	return done_testing();
}
