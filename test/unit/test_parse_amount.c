/*
 * Unit tests of the amount parser (src/core/parse_amount.c), without a server.
 */
#include <string.h>

#include "tap.h"
#include "parse_amount.h"

static char out[256];
static estate_cell_kind kind;

static estate_status
parse(const char *s)
{
	return estate_amount_parse(s, strlen(s), out, &kind);
}

int
main(void)
{
	/* Accepted numbers and their plain decimal. */
	static const char *const good[][2] = {
		{"0", "0"}, {"1234", "1234"}, {"1,234", "1234"}, {"2,864,738", "2864738"},
		{"999", "999"}, {"1,000,000.5", "1000000.5"}, {"12.345", "12.345"},
		{"0.43", "0.43"}, {"\xC2\xA3" "1,234.56", "1234.56"}, {"\xC2\xA3" "0", "0"},
		{"-4913", "-4913"}, {"-\xC2\xA3" "1,234", "-1234"}, {"\xC2\xA3" "-1,234", "-1234"},
		{"+7", "7"}, {"\xC2\xA3" "+7", "7"}, {"  1,234 ", "1234"}, {"\t42\r\n", "42"},
		{"\xC2\xA0" "15\xC2\xA0", "15"}, {"007", "7"}, {"000", "0"}, {"0.000", "0.000"},
		{"-0", "0"}, {"-0.00", "0.00"}, {"-0.01", "-0.01"}, {"100.00", "100.00"},
		{"123,456,789,012,345,678,901,234", "123456789012345678901234"},
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
	{
		is_int(parse(good[i][0]), ESTATE_OK, "'%s' is accepted", good[i][0]);
		is_int(kind, CELL_VALUE, "'%s' is a value", good[i][0]);
		ok(strcmp(out, good[i][1]) == 0, "'%s' reads as %s (got %s)", good[i][0], good[i][1], out);
	}

	/* No value: the kind says whether it is an answer or a gap. */
	static const struct
	{
		const char *s;
		estate_cell_kind kind;
	}			none[] = {
		{"", CELL_MISSING}, {"   ", CELL_MISSING}, {"-", CELL_MISSING}, {" - ", CELL_MISSING},
		{"No Data Provided", CELL_MISSING}, {"no data provided", CELL_MISSING},
		{"NO  DATA\tPROVIDED", CELL_MISSING}, {"Not Applicable", CELL_NOT_APPLICABLE},
		{"not applicable", CELL_NOT_APPLICABLE}, {" NOT APPLICABLE ", CELL_NOT_APPLICABLE},
		{"N/A", CELL_NOT_APPLICABLE}, {"n/a", CELL_NOT_APPLICABLE},
		{"\xC2\xA0N/A", CELL_NOT_APPLICABLE},
	};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
	{
		is_int(parse(none[i].s), ESTATE_OK, "'%s' is accepted", none[i].s);
		is_int(kind, none[i].kind, "'%s' is %s", none[i].s, estate_cell_kind_name(none[i].kind));
		ok(out[0] == '\0', "'%s' gives no digits", none[i].s);
		is_int(estate_cell_classify(none[i].s, strlen(none[i].s)), none[i].kind,
			   "classify('%s')", none[i].s);
	}

	/* Malformed. */
	static const char *const bad[] = {
		"abc", "1e5", "1E5", "NaN", "Infinity", "-Infinity", "1,23", "1,2345", "12,34,567",
		"1234,567", ",123", "1,", "1,,234", "0,123", "1.", ".5", "1.2.3", "1 234", "\xA3" "1",
		"\xC2\xA3", "\xC2\xA3 1", "+", "--1", "-\xC2\xA3-1", "1-", "(1,234)", "1,234.5,6",
		"12%", "Yes", "N/A1", "Not", "Not Applicable.", "No Data", "\xC2", "1\xC2", "0x10",
		"1_000", "\xEF\xBC\x91",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(parse(bad[i]), ESTATE_ERR_SYNTAX, "'%s' is rejected", bad[i]);

	/* Lengths, not NUL, delimit the input. */
	is_int(estate_amount_parse("12\0" "3", 4, out, &kind), ESTATE_ERR_SYNTAX, "an embedded NUL is rejected");
	is_int(estate_amount_parse("1,234", 3, out, &kind), ESTATE_ERR_SYNTAX, "a group cut short by the length is rejected");
	is_int(estate_amount_parse("1234", 2, out, &kind), ESTATE_OK, "the first two bytes of 1234");
	ok(strcmp(out, "12") == 0, "read as 12");

	/* Classifying values does not validate them. */
	is_int(estate_cell_classify("Yes", 3), CELL_VALUE, "'Yes' is a value to classify");
	is_int(estate_cell_classify("1,234", 5), CELL_VALUE, "'1,234' is a value");
	ok(strcmp(estate_cell_kind_name(CELL_VALUE), "value") == 0, "kind names: value");
	ok(strcmp(estate_cell_kind_name(CELL_NOT_APPLICABLE), "not applicable") == 0, "kind names: not applicable");
	ok(strcmp(estate_cell_kind_name(CELL_MISSING), "missing") == 0, "kind names: missing");

	return done_testing();
}
