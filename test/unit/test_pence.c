/*
 * Unit tests of exact money (src/core/pence): parsing, formatting, wide sums,
 * and the numeric decode checked against an independent decimal-string
 * oracle on a million random values, dense ranges, both header formats and
 * the int64 edges.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "pence.h"
#include "disposal_impact.h"

static estate_status
parse(const char *s, int64_t *p)
{
	return estate_pence_parse(s, strlen(s), p);
}

static const char *
fmt(int64_t p)
{
	static char buf[ESTATE_PENCE_TEXT_MAX];

	estate_pence_format(p, buf);
	return buf;
}

/* ---- an independent oracle on decimal strings ---------------------------- */

/*
 * Pence of sign, integer digits and fraction digits, rounded half away from
 * zero, by string arithmetic only: the integer digits and the first two
 * decimals are the magnitude in pence, the third decimal decides rounding.
 */
static estate_status
oracle(bool negative, const char *ip, const char *fp, int64_t *out)
{
	char		full[512];
	char	   *mag = full;
	size_t		n;
	const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
	size_t		flen = strlen(fp);

	/* The integer digits and two decimals are the pence; strip leading zeros. */
	snprintf(full, sizeof(full), "0%s%c%c", ip, flen > 0 ? fp[0] : '0', flen > 1 ? fp[1] : '0');
	while (*mag == '0')
		mag++;
	n = strlen(mag);
	if (flen > 2 && fp[2] >= '5')
	{
		/* Add one to the decimal string; the leading 0 of full leaves room. */
		int			i = (int) n - 1;

		while (i >= 0 && mag[i] == '9')
			mag[i--] = '0';
		if (i >= 0)
			mag[i]++;
		else
		{
			*--mag = '1';
			n++;
		}
	}
	if (n == 0)
	{
		*out = 0;
		return ESTATE_OK;
	}
	if (n > strlen(limit) || (n == strlen(limit) && strcmp(mag, limit) > 0))
		return ESTATE_ERR_RANGE;
	{
		unsigned long long m = strtoull(mag, NULL, 10);

		*out = negative ? (m == 9223372036854775808ULL ? INT64_MIN : -(int64_t) m) : (int64_t) m;
	}
	return ESTATE_OK;
}

/* ---- a numeric encoder, as PostgreSQL lays the payload out --------------- */

static size_t
encode(bool negative, const char *ip, const char *fp, bool force_long, unsigned char *out)
{
	char		digits[1200];
	int			ilen = (int) strlen(ip);
	int			flen = (int) strlen(fp);
	int			ipad = (4 - ilen % 4) % 4;
	int			n = 0;
	int			groups;
	int			first;
	int			last;
	int			weight;
	int16_t		g[300];
	uint16_t	header;
	size_t		len = 0;
	int			dscale = flen;

	memset(digits, '0', (size_t) ipad);
	n = ipad;
	memcpy(digits + n, ip, (size_t) ilen);
	n += ilen;
	memcpy(digits + n, fp, (size_t) flen);
	n += flen;
	while (n % 4 != 0 || n == 0)
		digits[n++] = '0';
	groups = n / 4;
	weight = (ipad + ilen) / 4 - 1;
	for (int k = 0; k < groups; k++)
		g[k] = (int16_t) ((digits[4 * k] - '0') * 1000 + (digits[4 * k + 1] - '0') * 100 +
						  (digits[4 * k + 2] - '0') * 10 + (digits[4 * k + 3] - '0'));
	/* Strip leading and trailing zero groups, as PostgreSQL stores them. */
	first = 0;
	while (first < groups && g[first] == 0)
		first++;
	last = groups;
	while (last > first && g[last - 1] == 0)
		last--;
	weight -= first;
	if (first == last)
	{
		weight = 0;
		negative = false;
	}
	if (!force_long && dscale <= 63 && weight >= -64 && weight <= 63)
	{
		header = (uint16_t) (ESTATE_NUMERIC_SHORT | (negative ? ESTATE_NUMERIC_SHORT_SIGN : 0) |
							 (dscale << 7) | (weight & 0x7F));
		memcpy(out, &header, 2);
		len = 2;
	}
	else
	{
		int16_t		w = (int16_t) weight;

		header = (uint16_t) ((negative ? ESTATE_NUMERIC_NEG : 0) | (dscale & 0x3FFF));
		memcpy(out, &header, 2);
		memcpy(out + 2, &w, 2);
		len = 4;
	}
	for (int k = first; k < last; k++)
	{
		memcpy(out + len, &g[k], 2);
		len += 2;
	}
	return len;
}

/* One TAP line for a loop of checks, with the first failure's detail. */
static void
report(bool all, const char *why, const char *label)
{
	ok(all, "%s", label);
	if (!all)
		printf("#   %s\n", why);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void
random_digits(char *s, int n)
{
	for (int k = 0; k < n; k++)
		s[k] = (char) ('0' + rng() % 10);
	s[n] = '\0';
}

/* Decode (both formats) and, for non-negative values, parse agree with the oracle. */
static bool
agrees(bool negative, const char *ip, const char *fp, char *why, size_t why_len)
{
	unsigned char payload[700];
	int64_t		want = 0;
	estate_status want_st = oracle(negative, ip, fp, &want);

	for (int force_long = 0; force_long < 2; force_long++)
	{
		size_t		len = encode(negative, ip, fp, force_long, payload);
		int64_t		got = 0;
		estate_status st = estate_pence_from_numeric(payload, len, &got);

		if (st != want_st || (st == ESTATE_OK && got != want))
		{
			snprintf(why, why_len, "%s%s.%s (%s): decode %d/%lld, oracle %d/%lld", negative ? "-" : "",
					 ip, fp, force_long ? "long" : "short", st, (long long) got, want_st, (long long) want);
			return false;
		}
	}
	if (!negative)
	{
		char		text[700];
		int64_t		got = 0;
		estate_status st;

		snprintf(text, sizeof(text), "%s%s%s", ip, fp[0] ? "." : "", fp);
		st = parse(text, &got);
		if (st != want_st || (st == ESTATE_OK && got != want))
		{
			snprintf(why, why_len, "parse %s: %d/%lld, oracle %d/%lld", text, st, (long long) got,
					 want_st, (long long) want);
			return false;
		}
	}
	return true;
}

/*
 * The oracle of an exact area in millionths (disposal_impact.c): digits
 * beyond the sixth decimal must be 0, and the value must fit int64.
 */
static estate_status
area_oracle(bool negative, const char *ip, const char *fp, int64_t *area)
{
	char		digits[1300];
	size_t		n = 0;
	size_t		flen = strlen(fp);

	for (size_t k = 6; k < flen; k++)
		if (fp[k] != '0')
			return ESTATE_ERR_ARGUMENT;
	for (const char *c = ip; *c; c++)
		if (n > 0 || *c != '0')
			digits[n++] = *c;
	for (size_t k = 0; k < 6; k++)
		if (n > 0 || (k < flen ? fp[k] : '0') != '0')
			digits[n++] = k < flen ? fp[k] : '0';
	digits[n] = '\0';
	if (negative && n > 0)
		return ESTATE_ERR_ARGUMENT;
	if (n > 19 || (n == 19 && strcmp(digits, "9223372036854775807") > 0))
		return ESTATE_ERR_RANGE;
	*area = n == 0 ? 0 : (int64_t) strtoull(digits, NULL, 10);
	return ESTATE_OK;
}

static bool
area_agrees(bool negative, const char *ip, const char *fp, bool force_long, char *why, size_t why_len)
{
	unsigned char payload[1400];
	size_t		len = encode(negative, ip, fp, force_long, payload);
	int64_t		want = -1;
	int64_t		got = -1;
	estate_status st_want = area_oracle(negative, ip, fp, &want);
	estate_status st = estate_area_from_numeric(payload, len, &got);

	if (st == st_want && (st != ESTATE_OK || got == want))
		return true;
	snprintf(why, why_len, "%s%s.%s: got %d/%lld, want %d/%lld", negative ? "-" : "", ip, fp,
			 (int) st, (long long) got, (int) st_want, (long long) want);
	return false;
}

int
main(void)
{
	int64_t		p = 0;
	char		why[1600] = "";
	bool		all;

	/* Parsing: rounding half away from zero, range and syntax. */
	{
		static const struct
		{
			const char *text;
			int64_t		pence;
		}			cases[] = {
			{"0", 0}, {"1200.5", 120050}, {"0.005", 1}, {"0.0049999999", 0},
			{"2.675", 268},		/* half away from zero, no binary floating point */
			{"0007.10", 710}, {"92233720368547758.07", INT64_MAX},
			{"92233720368547758.0749", INT64_MAX},	/* just below rounding past INT64_MAX */
		};

		for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
			ok(parse(cases[k].text, &p) == ESTATE_OK && p == cases[k].pence,
			   "%s is %lld pence", cases[k].text, (long long) cases[k].pence);
	}
	is_int(parse("92233720368547758.075", &p), ESTATE_ERR_RANGE, "rounding past INT64_MAX is out of range");
	is_int(parse("92233720368547758.08", &p), ESTATE_ERR_RANGE, "one penny too many");
	is_int(parse("99999999999999999999999999999", &p), ESTATE_ERR_RANGE, "far too many digits");
	{
		static const char *const bad[] = {"", "1.", ".5", "-1", "+1", "1e5", "1E5", " 1", "1 ", "1,000",
		"1.2.3", "NaN", "Infinity", "0x10", "1.5a", "99999999999999999999999x"};

		for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
			is_int(parse(bad[k], &p), ESTATE_ERR_SYNTAX, "'%s' is malformed", bad[k]);
	}
	is_int(estate_pence_parse("12", 1, &p), ESTATE_OK, "length bounds the input");
	is_int(p, 100, "'1' of '12' is 100 pence");

	/* Formatting. */
	ok(strcmp(fmt(0), "0.00") == 0, "0 formats as 0.00");
	ok(strcmp(fmt(5), "0.05") == 0, "5 pence is 0.05");
	ok(strcmp(fmt(-5), "-0.05") == 0, "-5 pence is -0.05");
	ok(strcmp(fmt(120050), "1200.50") == 0, "120050 pence is 1200.50");
	ok(strcmp(fmt(INT64_MAX), "92233720368547758.07") == 0, "INT64_MAX");
	ok(strcmp(fmt(INT64_MIN), "-92233720368547758.08") == 0, "INT64_MIN");

	/* Checked addition. */
	is_int(estate_pence_add(INT64_MAX, 1, &p), ESTATE_ERR_RANGE, "INT64_MAX + 1 overflows");
	is_int(estate_pence_add(INT64_MIN, -1, &p), ESTATE_ERR_RANGE, "INT64_MIN - 1 overflows");
	is_int(estate_pence_add(INT64_MAX - 1, 1, &p), ESTATE_OK, "INT64_MAX - 1 + 1 fits");

	/* Wide sums never overflow. */
	{
		estate_wide w = estate_wide_of(0);
		char		buf[ESTATE_WIDE_TEXT_MAX];

		for (int k = 0; k < 5; k++)
			w = estate_wide_add(w, estate_wide_of(INT64_MAX));
		estate_wide_format(w, buf);
		ok(strcmp(buf, "461168601842738790.35") == 0, "5 x INT64_MAX pence is %s", buf);
		w = estate_wide_sub(estate_wide_of(0), w);
		estate_wide_format(w, buf);
		ok(strcmp(buf, "-461168601842738790.35") == 0, "its negation is %s", buf);
		ok(estate_wide_cmp(w, estate_wide_of(INT64_MIN)) < 0, "below INT64_MIN");
		w = estate_wide_sub(estate_wide_of(3), estate_wide_of(10));
		estate_wide_format(w, buf);
		ok(strcmp(buf, "-0.07") == 0, "3 - 10 pence is %s", buf);
		ok(estate_wide_cmp(estate_wide_of(-1), estate_wide_of(1)) < 0, "-1 < 1");
		ok(estate_wide_cmp(estate_wide_of(7), estate_wide_of(7)) == 0, "7 = 7");
	}

	/* Specials and short payloads are not amounts. */
	{
		static const uint16_t specials[] = {0xC000, 0xD000, 0xF000};

		for (size_t k = 0; k < 3; k++)
			is_int(estate_pence_from_numeric(&specials[k], 2, &p), ESTATE_ERR_ARGUMENT,
				   "special header 0x%04X is rejected", specials[k]);
		is_int(estate_pence_from_numeric(specials, 1, &p), ESTATE_ERR_ARGUMENT, "a 1-byte payload is rejected");
	}

	/* Hand-picked decodes, then the oracle at large. */
	{
		static const struct
		{
			bool		negative;
			const char *ip;
			const char *fp;
		}			cases[] = {
			{false, "0", ""}, {false, "0", "005"}, {true, "0", "005"}, {true, "0", "0049"},
			{false, "10000", ""}, {false, "1", "9950"}, {false, "9999", "995"},
			{false, "0", "00000001"}, {false, "0", "000000005"},
			{false, "9999999999999999", "99"}, {false, "9999999999999999", "995"},
			{false, "10000000000000000", ""}, {false, "92233720368547758", "07"},
			{false, "92233720368547758", "0749999"}, {false, "92233720368547758", "075"},
			{false, "92233720368547758", "08"}, {true, "92233720368547758", "08"},
			{true, "92233720368547758", "0849"}, {true, "92233720368547758", "085"},
			{true, "92233720368547758", "09"}, {false, "1000000000000000000000000000000000000000", ""},
			{false, "0", "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"},
		};

		for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		{
			bool		good = agrees(cases[k].negative, cases[k].ip, cases[k].fp, why, sizeof(why));

			ok(good, "decode of %s%s.%s matches the oracle", cases[k].negative ? "-" : "", cases[k].ip, cases[k].fp);
			if (!good)
				printf("#   %s\n", why);
		}
	}

	/* Every value 0.000 to 99.999 and its negation, in both formats. */
	all = true;
	for (int v = 0; v < 100000 && all; v++)
	{
		char		ip[8];
		char		fp[4];

		snprintf(ip, sizeof(ip), "%d", v / 1000);
		snprintf(fp, sizeof(fp), "%03d", v % 1000);
		all = agrees(false, ip, fp, why, sizeof(why)) && agrees(true, ip, fp, why, sizeof(why));
	}
	report(all, why, "dense range 0.000 .. 99.999 (both signs, both formats)");

	/* A million random values: 0-22 integer digits, 0-12 decimals, both signs. */
	all = true;
	for (int k = 0; k < 1000000 && all; k++)
	{
		char		ip[32];
		char		fp[16];

		random_digits(ip, 1 + (int) (rng() % 22));
		random_digits(fp, (int) (rng() % 13));
		all = agrees(rng() & 1, ip, fp, why, sizeof(why));
	}
	report(all, why, "a million random values agree with the oracle");

	/* Around the int64 edges: every penny and half-penny within 1000 pence. */
	all = true;
	for (int k = -1000; k <= 1000 && all; k++)
	{
		for (int sign = 0; sign < 2 && all; sign++)
		{
			/* 92233720368547758.07 + k pence, and + k pence + 0.005 */
			long long	base = 922337203685477LL;	/* the leading digits, unchanged within +-1000 pence */
			long long	tail = 5807 + k;	/* the last two pound digits and the pennies */
			char		ip[32];
			char		fp[8];

			snprintf(ip, sizeof(ip), "%lld%02lld", base, tail / 100);
			snprintf(fp, sizeof(fp), "%02lld5", tail % 100);
			all = agrees(sign, ip, fp, why, sizeof(why));
			fp[2] = '\0';
			all = all && agrees(sign, ip, fp, why, sizeof(why));
		}
	}
	report(all, why, "every penny and half-penny within 1000 pence of both int64 edges");

	/* Exact products: a x b against the oracle on the exact decimal product. */
	all = true;
	for (int k = 0; k < 200000 && all; k++)
	{
		uint64_t	a = rng() % 1000000000;
		uint64_t	b = rng() % 1000000000;
		int			sa = (int) (rng() % 7);
		int			sb = (int) (rng() % 10);
		bool		na = rng() & 1;
		bool		nb = rng() & 1;
		char		digits[3][48];
		char		ip[3][48];
		char		fp[3][48];
		uint64_t	v[3] = {a, b, a * b};
		int			sc[3] = {sa, sb, sa + sb};
		unsigned char pa[64];
		unsigned char pb[64];
		size_t		la;
		size_t		lb;
		int64_t		got = 0;
		int64_t		want = 0;
		estate_status st;
		estate_status want_st;

		/* Each number as integer digits and sc fraction digits. */
		for (int i = 0; i < 3; i++)
		{
			int			n = snprintf(digits[i], sizeof(digits[i]), "%0*llu", sc[i] + 1, (unsigned long long) v[i]);

			memcpy(ip[i], digits[i], (size_t) (n - sc[i]));
			ip[i][n - sc[i]] = '\0';
			strcpy(fp[i], digits[i] + n - sc[i]);
		}
		la = encode(na, ip[0], fp[0], rng() & 1, pa);
		lb = encode(nb, ip[1], fp[1], rng() & 1, pb);
		st = estate_pence_from_product(pa, la, pb, lb, &got);
		want_st = oracle(na != nb && a * b != 0, ip[2], fp[2], &want);
		if (st != want_st || got != want)
		{
			all = false;
			snprintf(why, sizeof(why), "%s%s.%s x %s%s.%s: %d/%lld, oracle %d/%lld", na ? "-" : "", ip[0], fp[0],
					 nb ? "-" : "", ip[1], fp[1], st, (long long) got, want_st, (long long) want);
		}
	}
	report(all, why, "200,000 random exact products agree with the oracle");

	/*
	 * Whole pence times a factor in 64-bit scaled form (renewal_forecast's
	 * integer path) agrees with the exact product of the digits.
	 */
	all = true;
	for (int k = 0; k < 200000 && all; k++)
	{
		uint64_t	pence = rng() % (k % 2 ? UINT64_C(100000000000) : UINT64_C(9223372036854775807));
		int			scale = (int) (rng() % 19);
		uint64_t	factor = rng() % UINT64_C(10000000000000000000);
		char		ip[2][48];
		char		fp[2][48];
		char		digits[48];
		unsigned char pa[64];
		unsigned char pb[64];
		size_t		la;
		size_t		lb;
		uint64_t	scaled;
		uint64_t	divisor;
		int64_t		got = 0;
		int64_t		want = 0;
		int			fits;
		estate_status want_st;
		int			n;

		snprintf(ip[0], sizeof(ip[0]), "%llu", (unsigned long long) (pence / 100));
		snprintf(fp[0], sizeof(fp[0]), "%02llu", (unsigned long long) (pence % 100));
		n = snprintf(digits, sizeof(digits), "%0*llu", scale + 1, (unsigned long long) factor);
		memcpy(ip[1], digits, (size_t) (n - scale));
		ip[1][n - scale] = '\0';
		strcpy(fp[1], digits + n - scale);
		la = encode(false, ip[0], fp[0], rng() & 1, pa);
		lb = encode(false, ip[1], fp[1], rng() & 1, pb);
		{
			estate_numeric_head h = {0};

			if (!estate_numeric_head_read(pa, la, &h) || !estate_numeric_whole_pence(&h))
			{
				all = false;
				snprintf(why, sizeof(why), "%s.%s is not whole pence", ip[0], fp[0]);
				break;
			}
		}
		if (!estate_numeric_scaled(pb, lb, &scaled, &divisor))
			continue;			/* beyond 64 bits: the digits' path only */
		fits = estate_mul_div_round(pence, scaled, divisor, &got);
		want_st = estate_pence_from_product(pa, la, pb, lb, &want);
		if (fits ? (want_st != ESTATE_OK || got != want) : want_st != ESTATE_ERR_RANGE)
		{
			all = false;
			snprintf(why, sizeof(why), "%s.%s x %s.%s: %d/%lld, digits %d/%lld", ip[0], fp[0], ip[1], fp[1],
					 fits, (long long) got, want_st, (long long) want);
		}
	}
	report(all, why, "200,000 products of whole pence and 64-bit scaled factors agree with the digits' product");
	{
		unsigned char pb[64];
		size_t		lb;
		uint64_t	scaled;
		uint64_t	divisor;
		int64_t		q;

		/* 1.03^9 = 1.304773183829244583 exactly: 103^9 / 10^18 */
		lb = encode(false, "1", "304773183829244583", false, pb);
		ok(estate_numeric_scaled(pb, lb, &scaled, &divisor) && scaled == UINT64_C(1304773183829244583) &&
		   divisor == UINT64_C(1000000000000000000), "1.03^9 in scaled form");
		ok(estate_mul_div_round(100, scaled, divisor, &q) && q == 130, "1.00 x 1.03^9 is 1.30");
		lb = encode(false, "1", "34391637934412192049", false, pb);
		ok(!estate_numeric_scaled(pb, lb, &scaled, &divisor), "1.03^10 (20 digits) has no 64-bit form");
		lb = encode(false, "120000", "", false, pb);
		ok(estate_numeric_scaled(pb, lb, &scaled, &divisor) && scaled == 120000 && divisor == 1,
		   "120000: an integer, divisor 1");
		ok(estate_mul_div_round(3, 1, 2, &q) && q == 2 && estate_mul_div_round(5, 1, 4, &q) && q == 1,
		   "halves round up, below half down");
		ok(!estate_mul_div_round(UINT64_C(9223372036854775807), 2, 1, &q), "beyond INT64_MAX does not fit");
	}
	{
		unsigned char pa[64];
		unsigned char pb[64];
		size_t		la = encode(false, "92233720368547758", "07", false, pa);
		size_t		lb = encode(false, "1", "", false, pb);

		is_int(estate_pence_from_product(pa, la, pb, lb, &p), ESTATE_OK, "INT64_MAX pence x 1");
		ok(p == INT64_MAX, "is INT64_MAX");
		lb = encode(false, "1", "00000000000000000001", false, pb);
		is_int(estate_pence_from_product(pa, la, pb, lb, &p), ESTATE_OK, "x (1 + 1e-20) rounds back down");
		lb = encode(false, "1", "00000001", false, pb);
		is_int(estate_pence_from_product(pa, la, pb, lb, &p), ESTATE_ERR_RANGE, "x 1.00000001 is out of range");
		la = encode(false, "10000000000", "", false, pa);
		lb = encode(false, "10000000000", "", true, pb);
		is_int(estate_pence_from_product(pa, la, pb, lb, &p), ESTATE_ERR_RANGE, "1e10 x 1e10 is out of range");
		la = encode(false, "0", "0000000001", true, pa);
		is_int(estate_pence_from_product(pa, la, pa, la, &p), ESTATE_OK, "1e-10 squared");
		is_int(p, 0, "is 0 pence");
		is_int(estate_pence_from_product(pa, la, (const uint16_t[]) {0xC000}, 2, &p), ESTATE_ERR_ARGUMENT, "x NaN");
	}

	/* Exact areas in millionths of m2 (disposal_impact). */
	{
		static const struct
		{
			bool		negative;
			const char *ip;
			const char *fp;
		}			cases[] = {
			{false, "1000", "005"}, {false, "499", "995"}, {false, "0", "000001"}, {false, "0", "0000001"},
			{false, "0", "00000010"}, {false, "1", "12345600000000"}, {false, "1", "1234567"},
			{false, "9223372036854", "775807"}, {false, "9223372036854", "775808"},
			{false, "10000000000000", ""}, {false, "99999999999999999999999999", "5"},
			{false, "0", "0000000000000000000000000001"}, {true, "0", "5"}, {true, "0", ""},
			{false, "0", ""}, {false, "12", ""},
		};
		bool		all = true;
		char		why[512] = "";
		char		ip[40];
		char		fp[40];

		for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
			for (int form = 0; form < 2; form++)
				all = all && area_agrees(cases[k].negative, cases[k].ip, cases[k].fp, form, why, sizeof(why));
		report(all, why, "areas: hand-picked numerics in both layouts agree with the oracle");
		all = true;
		for (int k = 0; k < 100000 && all; k++)
		{
			random_digits(ip, (int) (rng() % 16));
			random_digits(fp, (int) (rng() % 12));
			/* Often exactly six decimals or fewer, often trailing zeros. */
			for (int z = (int) (rng() % 12); z < (int) strlen(fp); z++)
				fp[z] = rng() % 2 ? '0' : fp[z];
			all = area_agrees(rng() % 8 == 0, ip, fp, rng() % 2, why, sizeof(why));
		}
		report(all, why, "areas: 100,000 random numerics agree with the oracle");
		{
			unsigned char specials[4];
			uint16_t	nan = ESTATE_NUMERIC_SPECIAL;
			int64_t		a;

			memcpy(specials, &nan, 2);
			is_int(estate_area_from_numeric(specials, 2, &a), ESTATE_ERR_ARGUMENT, "areas: NaN is not an area");
		}
	}

	return done_testing();
}
