/*
 * utilisation_state.c - validation and text form of the space_utilisation state.
 */
#include "utilisation_state.h"

#include <stdlib.h>				/* qsort */
#include <string.h>

/* PostgreSQL's infinite dates and timestamps: never valid here. */
#define DATE_NOBEGIN	INT32_MIN
#define DATE_NOEND		INT32_MAX
#define TS_NOBEGIN		INT64_MIN
#define TS_NOEND		INT64_MAX

int
estate_group_key_equal(const estate_group_key *a, const estate_group_key *b,
					   const char **what)
{
	if (a->capacity != b->capacity)
		*what = "capacity";
	else if (a->span_lo != b->span_lo || a->span_hi != b->span_hi)
		*what = "span";
	else if (!estate_core_hours_same(a->core, a->core_len, b->core, b->core_len))
		*what = "core";
	else if (a->nclosed != b->nclosed ||
			 (a->nclosed > 0 && memcmp(a->closed, b->closed, a->nclosed * sizeof(int32_t)) != 0))
		*what = "closed";
	else
		return 1;
	return 0;
}

static estate_status
invalid(const char **detail, const char *why)
{
	if (detail)
		*detail = why;
	return ESTATE_ERR_SYNTAX;
}

estate_status
estate_state_check_key(int32_t capacity, int64_t lo, int64_t hi,
					   const int32_t *closed, size_t nclosed, const char **detail)
{
	if (capacity <= 0)
		return invalid(detail, "The capacity must be positive.");
	if (lo == TS_NOBEGIN || hi == TS_NOEND || lo >= hi)
		return invalid(detail, "The span must be finite and not empty.");
	if ((uint64_t) hi - (uint64_t) lo > (uint64_t) ESTATE_SPAN_MAX_US)
		return invalid(detail, "The span is longer than 100 years.");
	for (size_t i = 0; i < nclosed; i++)
	{
		if (closed[i] == DATE_NOBEGIN || closed[i] == DATE_NOEND)
			return invalid(detail, "A closed date must be finite.");
		if (i > 0 && closed[i] <= closed[i - 1])
			return invalid(detail, "Closed dates must be in ascending order without repeats.");
	}
	return ESTATE_OK;
}

estate_status
estate_state_check_period(int64_t lo, int64_t hi, const estate_period *p,
						  const char **detail)
{
	if (p->start < lo || p->end > hi || p->start >= p->end)
		return invalid(detail, "A period must be a non-empty part of the span.");
	if (p->headcount <= 0 && p->headcount != ESTATE_HEADCOUNT_UNKNOWN)
		return invalid(detail, "A stored headcount is positive or unknown.");
	return ESTATE_OK;
}

static int
date_cmp(const void *a, const void *b)
{
	int32_t		x = *(const int32_t *) a;
	int32_t		y = *(const int32_t *) b;

	return (x > y) - (x < y);
}

size_t
estate_dates_normalise(int32_t *dates, size_t n)
{
	size_t		k = 0;

	qsort(dates, n, sizeof(int32_t), date_cmp);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || dates[i] != dates[k - 1])
			dates[k++] = dates[i];
	return k;
}

/* ---------------------------------------------------------------------------
 * Output
 * ------------------------------------------------------------------------- */

#define INT64_TEXT_MAX 20		/* "-9223372036854775808" */
#define BASE32_TEXT_MAX 13		/* 64 bits, 5 a digit */

size_t
estate_state_text_max(size_t core_text_len, size_t nclosed, size_t nsteps)
{
	return 128 + core_text_len + nclosed * (11 + 1) + 2 * INT64_TEXT_MAX +
		nsteps * 2 * BASE32_TEXT_MAX;
}

static char *
put_str(char *o, const char *s)
{
	size_t		n = strlen(s);

	memcpy(o, s, n);
	return o + n;
}

static char *
put_int(char *o, int64_t v)
{
	char		digits[INT64_TEXT_MAX];
	int			n = 0;
	/* Work in unsigned so that INT64_MIN has a magnitude. */
	uint64_t	u = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;

	if (v < 0)
		*o++ = '-';
	do
	{
		digits[n++] = (char) ('0' + u % 10);
		u /= 10;
	} while (u > 0);
	while (n > 0)
		*o++ = digits[--n];
	return o;
}

/* Base-32 digits: the last of a number, and those before it. */
static const char last_digit[33] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
static const char more_digit[33] = "abcdefghijklmnopqrstuvwxyzWXYZ+/";

/* 1 + a last digit's value, 33 + a digit before it, 0 for any other byte. */
static const uint8_t digit_code[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
	['8'] = 9, ['9'] = 10, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
	['G'] = 17, ['H'] = 18, ['I'] = 19, ['J'] = 20, ['K'] = 21, ['L'] = 22, ['M'] = 23, ['N'] = 24,
	['O'] = 25, ['P'] = 26, ['Q'] = 27, ['R'] = 28, ['S'] = 29, ['T'] = 30, ['U'] = 31, ['V'] = 32,
	['a'] = 33, ['b'] = 34, ['c'] = 35, ['d'] = 36, ['e'] = 37, ['f'] = 38, ['g'] = 39, ['h'] = 40,
	['i'] = 41, ['j'] = 42, ['k'] = 43, ['l'] = 44, ['m'] = 45, ['n'] = 46, ['o'] = 47, ['p'] = 48,
	['q'] = 49, ['r'] = 50, ['s'] = 51, ['t'] = 52, ['u'] = 53, ['v'] = 54, ['w'] = 55, ['x'] = 56,
	['y'] = 57, ['z'] = 58, ['W'] = 59, ['X'] = 60, ['Y'] = 61, ['Z'] = 62, ['+'] = 63, ['/'] = 64,
};

static inline char *
put_base32(char *o, uint64_t v)
{
	while (v >= 32)
	{
		*o++ = more_digit[v & 31];
		v >>= 5;
	}
	*o++ = last_digit[v];
	return o;
}

static uint64_t
gcd(uint64_t a, uint64_t b)
{
	while (b != 0)
	{
		uint64_t	r = a % b;

		a = b;
		b = r;
	}
	return a;
}

uint64_t
estate_steps_unit(int64_t lo, const estate_step *s, size_t n)
{
	uint64_t	unit = 0;

	for (size_t i = 0; i < n && unit != 1; i++)
		unit = gcd((uint64_t) s[i].at - (uint64_t) lo, unit);
	return unit == 0 ? 1 : unit;
}

static inline uint8_t *
put_leb128(uint8_t *o, uint64_t v)
{
	while (v >= 0x80)
	{
		*o++ = (uint8_t) (v | 0x80);
		v >>= 7;
	}
	*o++ = (uint8_t) v;
	return o;
}

/* Pack steps after one at before; returns the end of the bytes written. */
static uint8_t *
pack_after(int64_t before, uint64_t unit, const estate_step *s, size_t n, uint8_t *o)
{
	for (size_t i = 0; i < n; i++)
	{
		o = put_leb128(o, ((uint64_t) s[i].at - (uint64_t) before) / unit);
		o = put_leb128(o, (uint64_t) s[i].level);
		before = s[i].at;
	}
	return o;
}

size_t
estate_steps_pack(int64_t lo, uint64_t unit, const estate_step *s, size_t n, uint8_t *out)
{
	return (size_t) (pack_after(lo, unit, s, n, out) - out);
}

uint64_t
estate_periods_unit(int64_t lo, const estate_period *p, size_t n)
{
	uint64_t	unit = 0;

	for (size_t i = 0; i < n && unit != 1; i++)
		unit = gcd((uint64_t) p[i].end - (uint64_t) lo, gcd((uint64_t) p[i].start - (uint64_t) lo, unit));
	return unit == 0 ? 1 : unit;
}

/* Where estate_periods_pack's steps go, as they come. */
typedef struct pack_sink
{
	int64_t		before;
	uint64_t	unit;
	uint8_t    *o;
	size_t		n;
} pack_sink;

static void
pack_some(void *arg, const estate_step *s, size_t n)
{
	pack_sink  *k = arg;

	k->o = pack_after(k->before, k->unit, s, n, k->o);
	k->before = s[n - 1].at;
	k->n += n;
}

estate_status
estate_periods_pack(int64_t lo, uint64_t unit, const estate_period *p, size_t n, uint8_t *out,
					size_t *len, size_t *nsteps, estate_grow_fn grow, void *grow_arg)
{
	pack_sink	k = {lo, unit, out, 0};
	estate_status status = estate_steps_of_periods_to(p, n, pack_some, &k, grow, grow_arg);

	*len = (size_t) (k.o - out);
	*nsteps = k.n;
	return status;
}

int
estate_steps_unpack(int64_t lo, uint64_t unit, const uint8_t *in, size_t len,
					estate_step *s, size_t n)
{
	estate_step_reader r;

	estate_step_reader_packed(&r, lo, unit, in, len, n);
	for (size_t i = 0; i < n; i++)
		if (!estate_step_read(&r, &s[i]))
			return 0;
	return estate_step_reader_whole(&r);
}

size_t
estate_state_format(const estate_group_key *key, const char *core_text,
					const estate_step *steps, size_t nsteps, char *buf)
{
	char	   *o = buf;
	uint64_t	unit = estate_steps_unit(key->span_lo, steps, nsteps);
	int64_t		before = key->span_lo;

	o = put_str(o, "v3 capacity=");
	o = put_int(o, key->capacity);
	o = put_str(o, " span=");
	o = put_int(o, key->span_lo);
	*o++ = ',';
	o = put_int(o, key->span_hi);
	o = put_str(o, " core=\"");
	o = put_str(o, core_text);
	o = put_str(o, "\" closed={");
	for (size_t i = 0; i < key->nclosed; i++)
	{
		if (i > 0)
			*o++ = ',';
		o = put_int(o, key->closed[i]);
	}
	o = put_str(o, "} unit=");
	o = put_int(o, (int64_t) unit);
	o = put_str(o, " steps=");
	o = put_int(o, (int64_t) nsteps);
	*o++ = ':';
	for (size_t i = 0; i < nsteps; i++)
	{
		o = put_base32(o, (uint64_t) (steps[i].at - before) / unit);
		o = put_base32(o, (uint64_t) steps[i].level);
		before = steps[i].at;
	}
	*o = '\0';
	return (size_t) (o - buf);
}

/* ---------------------------------------------------------------------------
 * Input
 * ------------------------------------------------------------------------- */

typedef struct cursor
{
	const char *s;
	size_t		len;
	size_t		pos;
} cursor;

static int
expect(cursor *c, const char *word)
{
	size_t		n = strlen(word);

	if (c->pos + n > c->len || memcmp(c->s + c->pos, word, n) != 0)
		return 0;
	c->pos += n;
	return 1;
}

static int
peek_char(const cursor *c)
{
	return c->pos < c->len ? (unsigned char) c->s[c->pos] : -1;
}

/* A decimal integer in [min, max]. */
static int
read_int(cursor *c, int64_t min, int64_t max, int64_t *out)
{
	int			negative = 0;
	uint64_t	limit;
	uint64_t	u = 0;
	size_t		digits = 0;

	if (peek_char(c) == '-')
	{
		if (min >= 0)
			return 0;
		negative = 1;
		c->pos++;
	}
	limit = negative ? (uint64_t) 0 - (uint64_t) min : (uint64_t) max;
	while (peek_char(c) >= '0' && peek_char(c) <= '9')
	{
		unsigned	d = (unsigned) (peek_char(c) - '0');

		if (d > limit || u > (limit - d) / 10)
			return 0;
		u = u * 10 + d;
		c->pos++;
		digits++;
	}
	if (digits == 0)
		return 0;
	*out = negative ? (int64_t) ((uint64_t) 0 - u) : (int64_t) u;
	return *out >= min;
}

/*
 * A base-32 number below 2^63 in its shortest form (no digit 0 last after
 * other digits), as put_base32 writes it: one table look-up a character.
 */
static inline int
read_base32(cursor *c, uint64_t *out)
{
	uint64_t	v = 0;
	int			shift = 0;

	while (c->pos < c->len)
	{
		unsigned	code = digit_code[(unsigned char) c->s[c->pos++]];

		if (code == 0)
			return 0;
		if (code <= 32)
		{
			code -= 1;
			if ((shift > 0 && code == 0) || (shift == 60 && code > 7))
				return 0;
			*out = v | (uint64_t) code << shift;
			return 1;
		}
		if (shift == 60)
			return 0;
		v |= (uint64_t) (code - 33) << shift;
		shift += 5;
	}
	return 0;
}

/* Version 3's unit, step count and (with steps) the steps themselves. */
static estate_status
parse_steps(cursor *c, estate_state_text *out, estate_step *steps, const char **detail)
{
	int64_t		unit;
	int64_t		count;
	uint64_t	span_len = (uint64_t) out->span_hi - (uint64_t) out->span_lo;
	uint64_t	offset = 0;
	const char *why;

	if (!expect(c, " unit=") || !read_int(c, 1, INT64_MAX, &unit) ||
		!expect(c, " steps=") || !read_int(c, 0, INT64_MAX, &count) || !expect(c, ":"))
		return invalid(detail, "Expected \" unit=U steps=N:\" and the steps.");
	/* Each step takes two characters at least. */
	if ((uint64_t) count > (c->len - c->pos) / 2)
		return invalid(detail, "There are fewer steps than their count says.");
	out->nsteps = (size_t) count;
	if (steps == NULL)
		return ESTATE_OK;
	for (size_t i = 0; i < out->nsteps; i++)
	{
		uint64_t	delta;
		uint64_t	level;

		if (!read_base32(c, &delta) || !read_base32(c, &level))
			return invalid(detail, "A step is two base-32 numbers (0-9A-V last, a-zW-Z+/ before).");
		if (delta > (span_len - offset) / (uint64_t) unit)
			return invalid(detail, "Steps must ascend within the span.");
		offset += delta * (uint64_t) unit;
		steps[i].at = (int64_t) ((uint64_t) out->span_lo + offset);
		steps[i].level = (int64_t) level;
	}
	if (c->pos != c->len)
		return invalid(detail, "Unexpected text after the steps.");
	if ((why = estate_steps_check(out->span_lo, out->span_hi, steps, out->nsteps)) != NULL)
		return invalid(detail, why);
	return ESTATE_OK;
}

/* Versions 1 and 2: the periods, listed (filled in when periods is given). */
static estate_status
parse_periods(cursor *c, estate_state_text *out, estate_period *periods, const char **detail)
{
	/* The span's length, computed without overflow. */
	uint64_t	span_len = (uint64_t) out->span_hi - (uint64_t) out->span_lo;
	int64_t		room = span_len > (uint64_t) INT64_MAX ? 0 : (int64_t) span_len;

	if (!expect(c, " periods={"))
		return invalid(detail, "Expected \" periods={...}\".");
	while (peek_char(c) != '}')
	{
		int64_t		offset;
		int64_t		duration;
		int64_t		headcount = ESTATE_HEADCOUNT_UNKNOWN;

		if (out->nperiods > 0 && !expect(c, ","))
			return invalid(detail, "Periods are separated by ','.");
		if (!read_int(c, 0, INT64_MAX, &offset) || !expect(c, "+") ||
			!read_int(c, 1, INT64_MAX, &duration) || !expect(c, "*") ||
			!(expect(c, "?") || read_int(c, 1, INT32_MAX, &headcount)))
			return invalid(detail, "A period is OFFSET+DURATION*HEADCOUNT, with '?' for an unknown headcount.");
		/* Checked before adding, so that nothing overflows. */
		if (offset >= room || duration > room - offset)
			return invalid(detail, "A period must be a non-empty part of the span.");
		if (periods)
		{
			periods[out->nperiods].start = out->span_lo + offset;
			periods[out->nperiods].end = out->span_lo + offset + duration;
			periods[out->nperiods].headcount = (int32_t) headcount;
		}
		out->nperiods++;
	}
	c->pos++;
	if (c->pos != c->len)
		return invalid(detail, "Unexpected text after the periods.");
	return ESTATE_OK;
}

estate_status
estate_state_parse(const char *s, size_t len, estate_state_text *out,
				   estate_core_hours *core, int32_t *closed,
				   estate_period *periods, estate_step *steps, const char **detail)
{
	cursor		c = {s, len, 0};
	int64_t		v;
	size_t		core_start;
	estate_status st;

	memset(out, 0, sizeof(*out));
	/* Version 1 printed core hours merged across midnight; read as printed. */
	if (expect(&c, "v3 "))
		out->version = 3;
	else if (expect(&c, "v2 "))
		out->version = 2;
	else if (expect(&c, "v1 "))
		out->version = 1;
	if (out->version == 0 || !expect(&c, "capacity=") || !read_int(&c, 1, INT32_MAX, &v))
		return invalid(detail, "Expected \"v3 capacity=N\" with a positive capacity.");
	out->capacity = (int32_t) v;
	if (!expect(&c, " span=") || !read_int(&c, INT64_MIN, INT64_MAX, &out->span_lo) ||
		!expect(&c, ",") || !read_int(&c, INT64_MIN, INT64_MAX, &out->span_hi))
		return invalid(detail, "Expected \" span=LO,HI\" in microseconds.");

	if (!expect(&c, " core=\""))
		return invalid(detail, "Expected \" core=\" and quoted core hours.");
	core_start = c.pos;
	while (peek_char(&c) >= 0 && peek_char(&c) != '"')
		c.pos++;
	if (peek_char(&c) < 0)
		return invalid(detail, "The quoted core hours are not closed.");
	if (estate_core_hours_parse(s + core_start, c.pos - core_start, core, detail) != ESTATE_OK)
		return ESTATE_ERR_SYNTAX;
	c.pos++;

	if (!expect(&c, " closed={"))
		return invalid(detail, "Expected \" closed={...}\".");
	while (peek_char(&c) != '}')
	{
		if (out->nclosed > 0 && !expect(&c, ","))
			return invalid(detail, "Closed dates are integers separated by ','.");
		if (!read_int(&c, INT32_MIN + 1, INT32_MAX - 1, &v))
			return invalid(detail, "A closed date is a finite number of days since 2000-01-01.");
		if (closed)
			closed[out->nclosed] = (int32_t) v;
		out->nclosed++;
	}
	c.pos++;

	/* The span is checked first: the steps' offsets are bounded by it. */
	if (out->span_lo >= out->span_hi)
		return invalid(detail, "The span must be finite and not empty.");
	st = out->version == 3 ? parse_steps(&c, out, steps, detail) :
		parse_periods(&c, out, periods, detail);
	if (st != ESTATE_OK)
		return st;

	if (closed)
		return estate_state_check_key(out->capacity, out->span_lo, out->span_hi,
									  closed, out->nclosed, detail);
	return ESTATE_OK;
}
