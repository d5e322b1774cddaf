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

size_t
estate_state_text_max(size_t core_text_len, size_t nclosed, size_t nperiods)
{
	return 128 + core_text_len + nclosed * (11 + 1) +
		nperiods * (2 * INT64_TEXT_MAX + 11 + 3);
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

size_t
estate_state_format(const estate_group_key *key, const char *core_text,
					const estate_period *periods, size_t nperiods, char *buf)
{
	char	   *o = buf;

	o = put_str(o, "v2 capacity=");
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
	o = put_str(o, "} periods={");
	for (size_t i = 0; i < nperiods; i++)
	{
		if (i > 0)
			*o++ = ',';
		o = put_int(o, periods[i].start - key->span_lo);
		*o++ = '+';
		o = put_int(o, periods[i].end - periods[i].start);
		*o++ = '*';
		if (periods[i].headcount == ESTATE_HEADCOUNT_UNKNOWN)
			*o++ = '?';
		else
			o = put_int(o, periods[i].headcount);
	}
	*o++ = '}';
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

estate_status
estate_state_parse(const char *s, size_t len, estate_state_text *out,
				   estate_core_hours *core, int32_t *closed,
				   estate_period *periods, const char **detail)
{
	cursor		c = {s, len, 0};
	int64_t		v;
	size_t		core_start;
	estate_status st;

	memset(out, 0, sizeof(*out));
	/* Version 1 printed core hours merged across midnight; read as printed. */
	if (!(expect(&c, "v2 ") || expect(&c, "v1 ")) || !expect(&c, "capacity=") ||
		!read_int(&c, 1, INT32_MAX, &v))
		return invalid(detail, "Expected \"v2 capacity=N\" with a positive capacity.");
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

	if (!expect(&c, " periods={"))
		return invalid(detail, "Expected \" periods={...}\".");
	while (peek_char(&c) != '}')
	{
		int64_t		offset;
		int64_t		duration;
		int64_t		headcount = ESTATE_HEADCOUNT_UNKNOWN;
		/* The span's length, computed without overflow; checked below. */
		uint64_t	span_len = out->span_hi > out->span_lo ?
			(uint64_t) out->span_hi - (uint64_t) out->span_lo : 0;
		int64_t		room = span_len > (uint64_t) INT64_MAX ? 0 : (int64_t) span_len;

		if (out->nperiods > 0 && !expect(&c, ","))
			return invalid(detail, "Periods are separated by ','.");
		if (!read_int(&c, 0, INT64_MAX, &offset) || !expect(&c, "+") ||
			!read_int(&c, 1, INT64_MAX, &duration) || !expect(&c, "*") ||
			!(expect(&c, "?") || read_int(&c, 1, INT32_MAX, &headcount)))
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
	c.pos++;
	if (c.pos != len)
		return invalid(detail, "Unexpected text after the periods.");

	if (closed)
	{
		st = estate_state_check_key(out->capacity, out->span_lo, out->span_hi,
									closed, out->nclosed, detail);
		if (st != ESTATE_OK)
			return st;
	}
	else if (out->span_lo >= out->span_hi)
		return invalid(detail, "The span must be finite and not empty.");
	return ESTATE_OK;
}
