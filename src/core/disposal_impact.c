/*
 * disposal_impact.c - the state of estate.disposal_impact: exact areas,
 * checked sums, consistency and the text form.
 */
#include "disposal_impact.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>

#include "scan.h"

/* The fields of the text form, in order; the optional ones carry a known bit. */
enum
{
	F_SITES,
	F_FLOOR_AREA,
	F_ESTATE_FLOOR_AREA,
	F_MINIMUM_RETAINED_AREA,
	F_BACKLOG,
	F_RUNNING_COST,
	F_CARBON,
	FIELDS
};

static const struct
{
	const char *key;
	int			known;			/* 0: always present */
	size_t		offset;			/* of the int64 behind a scalar key */
}			fields[FIELDS] = {
	[F_SITES] = {"sites", 0, offsetof(estate_disposal_impact, sites)},
	[F_FLOOR_AREA] = {"floor_area", 0, offsetof(estate_disposal_impact, floor_area)},
	[F_ESTATE_FLOOR_AREA] = {"estate_floor_area", 0, offsetof(estate_disposal_impact, estate_floor_area)},
	[F_MINIMUM_RETAINED_AREA] = {"minimum_retained_area", 0,
	offsetof(estate_disposal_impact, minimum_retained_area)},
	[F_BACKLOG] = {"backlog", IMPACT_KNOWN_BACKLOG, offsetof(estate_disposal_impact, backlog)},
	[F_RUNNING_COST] = {"running_cost", IMPACT_KNOWN_RUNNING_COST,
	offsetof(estate_disposal_impact, running_cost)},
	[F_CARBON] = {"carbon_kg", IMPACT_KNOWN_CARBON, offsetof(estate_disposal_impact, carbon)},
};

const char *
estate_impact_check(const estate_disposal_impact *s)
{
	if (s->sites < 0 || s->floor_area < 0 || s->estate_floor_area < 0 ||
		s->minimum_retained_area < 0 || s->running_cost < 0 || s->carbon < 0 ||
		!estate_backlog_valid(&s->backlog))
		return "No quantity of a disposal impact is negative.";
	if ((s->known & ~IMPACT_KNOWN_ALL) != 0)
		return "Unknown flags.";
	if (s->version != ESTATE_IMPACT_VERSION)
		return "Unknown version.";
	if ((!(s->known & IMPACT_KNOWN_RUNNING_COST) && s->running_cost != 0) ||
		(!(s->known & IMPACT_KNOWN_CARBON) && s->carbon != 0) ||
		(!(s->known & IMPACT_KNOWN_BACKLOG) &&
		 memcmp(&s->backlog, &(estate_backlog) {{0}}, sizeof(estate_backlog)) != 0))
		return "A measure that is not known must be 0.";
	if (s->floor_area > s->estate_floor_area)
		return "The floor area released exceeds the estate's floor area.";
	if (s->sites == 0 && (s->floor_area != 0 || s->known != 0))
		return "Nothing is released when no site was seen (sites=0).";
	return NULL;
}

estate_status
estate_impact_combine(estate_disposal_impact *acc, const estate_disposal_impact *b,
					  const char **why)
{
	int			bucket;

	if (acc->estate_floor_area != b->estate_floor_area)
	{
		*why = "estate_floor_area must be the same on every row.";
		return ESTATE_ERR_ARGUMENT;
	}
	if (acc->minimum_retained_area != b->minimum_retained_area)
	{
		*why = "minimum_retained_area must be the same on every row.";
		return ESTATE_ERR_ARGUMENT;
	}
	if (estate_pence_add(acc->sites, b->sites, &acc->sites) != ESTATE_OK ||
		estate_pence_add(acc->floor_area, b->floor_area, &acc->floor_area) != ESTATE_OK ||
		estate_pence_add(acc->running_cost, b->running_cost, &acc->running_cost) != ESTATE_OK ||
		estate_pence_add(acc->carbon, b->carbon, &acc->carbon) != ESTATE_OK ||
		estate_backlog_add(&acc->backlog, &b->backlog, &bucket) != ESTATE_OK)
	{
		*why = "A sum is beyond 64 bits.";
		return ESTATE_ERR_RANGE;
	}
	acc->known |= b->known;
	if (acc->floor_area > acc->estate_floor_area)
	{
		*why = "The floor area released exceeds the estate's floor area.";
		return ESTATE_ERR_ARGUMENT;
	}
	return ESTATE_OK;
}

/* Version 1's areas were hundredths: this many millionths each. */
#define V1_AREA_SCALE 10000

estate_status
estate_impact_upgrade(estate_disposal_impact *s)
{
	int64_t    *areas[3] = {&s->floor_area, &s->estate_floor_area, &s->minimum_retained_area};

	if (s->version == ESTATE_IMPACT_VERSION)
		return ESTATE_OK;
	if (s->version != 0)
		return ESTATE_ERR_ARGUMENT;
	for (int i = 0; i < 3; i++)
	{
		if (*areas[i] < 0)
			return ESTATE_ERR_ARGUMENT;
		if (*areas[i] > INT64_MAX / V1_AREA_SCALE)
			return ESTATE_ERR_RANGE;
		*areas[i] *= V1_AREA_SCALE;
	}
	s->version = ESTATE_IMPACT_VERSION;
	return ESTATE_OK;
}

estate_status
estate_area_from_numeric(const void *payload, size_t len, int64_t *area)
{
	estate_numeric_head h;
	uint64_t	units = 0;
	int			frac1;
	int			frac2;

	if (!estate_numeric_head_read(payload, len, &h) || h.special || (h.negative && h.ndigits > 0))
		return ESTATE_ERR_ARGUMENT;
	/*
	 * In base 10000 the two groups after the point hold eight decimals: the
	 * last two of the second group and every later group must be 0.
	 */
	frac1 = estate_numeric_digit(&h, h.weight + 1);
	frac2 = estate_numeric_digit(&h, h.weight + 2);
	if (frac2 % 100 != 0)
		return ESTATE_ERR_ARGUMENT;
	for (int i = h.weight + 3 > 0 ? h.weight + 3 : 0; i < h.ndigits; i++)
		if (estate_numeric_digit(&h, i) != 0)
			return ESTATE_ERR_ARGUMENT;
	for (int i = 0; i <= h.weight; i++)
	{
		if (units > (uint64_t) INT64_MAX / ESTATE_NUMERIC_NBASE)
			return ESTATE_ERR_RANGE;
		units = units * ESTATE_NUMERIC_NBASE + (uint64_t) estate_numeric_digit(&h, i);
	}
	if (units > ((uint64_t) INT64_MAX - 999999) / 1000000)
	{
		/* Near the limit: the exact bound, without overflow. */
		if (units > (uint64_t) INT64_MAX / 1000000 ||
			units * 1000000 > (uint64_t) INT64_MAX - (uint64_t) (frac1 * 100 + frac2 / 100))
			return ESTATE_ERR_RANGE;
	}
	*area = (int64_t) (units * 1000000 + (uint64_t) (frac1 * 100 + frac2 / 100));
	return ESTATE_OK;
}

int64_t
estate_impact_retained(const estate_disposal_impact *s)
{
	/* Never negative: the released area never exceeds the estate's. */
	return s->estate_floor_area - s->floor_area;
}

bool
estate_impact_in_programme(const estate_disposal_impact *s)
{
	return estate_impact_retained(s) >= s->minimum_retained_area;
}

static bool
is_area(int f)
{
	return f == F_FLOOR_AREA || f == F_ESTATE_FLOOR_AREA || f == F_MINIMUM_RETAINED_AREA;
}

/* An area in m2, [0-9]+(\.[0-9]+)?, exactly: no non-zero digit beyond the sixth decimal. */
static estate_status
area_parse(const char *s, size_t len, int64_t *area)
{
	uint64_t	units = 0;
	size_t		i = 0;
	int			scale = 0;

	if (len == 0 || !estate_is_digit(s[0]))
		return ESTATE_ERR_SYNTAX;
	for (; i < len && estate_is_digit(s[i]); i++)
	{
		/* Keep reading the digits: a later non-digit is a syntax error. */
		if (units <= (uint64_t) INT64_MAX / 10)
			units = units * 10 + (uint64_t) (s[i] - '0');
		else
			units = UINT64_MAX;
	}
	if (i < len)
	{
		if (s[i] != '.' || i + 1 == len)
			return ESTATE_ERR_SYNTAX;
		for (i++; i < len; i++, scale++)
		{
			if (!estate_is_digit(s[i]) || (scale >= ESTATE_AREA_DECIMALS && s[i] != '0'))
				return ESTATE_ERR_SYNTAX;
			if (scale < ESTATE_AREA_DECIMALS)
				units = units > (uint64_t) INT64_MAX / 10 ? UINT64_MAX : units * 10 + (uint64_t) (s[i] - '0');
		}
	}
	for (; scale < ESTATE_AREA_DECIMALS; scale++)
		units = units > (uint64_t) INT64_MAX / 10 ? UINT64_MAX : units * 10;
	if (units > (uint64_t) INT64_MAX)
		return ESTATE_ERR_RANGE;
	*area = (int64_t) units;
	return ESTATE_OK;
}

/* At s[*i]: the key, spaces, "=", spaces; *i moves past them. */
static bool
key_at(const char *s, size_t len, size_t *i, const char *key)
{
	size_t		n = strlen(key);
	size_t		j = *i;

	if (len - j < n || memcmp(s + j, key, n) != 0)
		return false;
	j = estate_skip_spaces(s, len, j + n);
	if (j == len || s[j] != '=')
		return false;
	*i = estate_skip_spaces(s, len, j + 1);
	return true;
}

/* The value of field f at s[*i]; *i moves past it. */
static estate_status
value_at(const char *s, size_t len, size_t *i, int f, estate_disposal_impact *out,
		 const char **why)
{
	size_t		start = *i;
	estate_status st;

	if (f == F_BACKLOG)
	{
		const char *close;

		if (start == len || s[start] != '(' ||
			(close = memchr(s + start, ')', len - start)) == NULL)
		{
			*why = "The backlog is written in parentheses: backlog=(high=..., ...).";
			return ESTATE_ERR_SYNTAX;
		}
		*i = (size_t) (close - s) + 1;
		return estate_backlog_parse(s + start + 1, (size_t) (close - s) - start - 1,
									&out->backlog, why);
	}
	while (*i < len && s[*i] != ',' && !estate_is_space(s[*i]))
		(*i)++;
	if (f == F_SITES)
	{
		/* A count, so the whole int64 range (binary input allows it too). */
		st = (*i > start && s[start] != '-') ? estate_parse_int64(s + start, *i - start, &out->sites)
			: ESTATE_ERR_SYNTAX;
		if (st != ESTATE_OK)
			*why = st == ESTATE_ERR_RANGE ? "sites is beyond 64 bits." : "sites is a whole number.";
		return st;
	}
	/*
	 * Areas exactly, to the millionth (version 1: in hundredths, as every
	 * other quantity, which is parsed as an amount is).
	 */
	if (is_area(f) && out->version == ESTATE_IMPACT_VERSION)
	{
		st = area_parse(s + start, *i - start, (int64_t *) ((char *) out + fields[f].offset));
		if (st != ESTATE_OK)
			*why = st == ESTATE_ERR_RANGE
				? "An area is beyond 64 bits in millionths of a square metre."
				: "An area must be digits with at most six decimals, with no sign or exponent.";
		return st;
	}
	st = estate_pence_parse(s + start, *i - start,
							(int64_t *) ((char *) out + fields[f].offset));
	if (st != ESTATE_OK)
		*why = st == ESTATE_ERR_RANGE
			? "A quantity is beyond 64 bits in hundredths."
			: "A quantity must be digits with an optional decimal part, with no sign or exponent.";
	return st;
}

estate_status
estate_impact_parse(const char *s, size_t len, estate_disposal_impact *out, const char **why)
{
	size_t		i = estate_skip_spaces(s, len, 0);

	memset(out, 0, sizeof(*out));
	/* "v2" first; without it, version 1's text (version field 0 until upgraded). */
	if (len - i > 2 && memcmp(s + i, "v2", 2) == 0 && estate_is_space(s[i + 2]))
	{
		out->version = ESTATE_IMPACT_VERSION;
		i = estate_skip_spaces(s, len, i + 2);
	}
	for (int f = 0; f < FIELDS; f++)
	{
		size_t		at = i;
		estate_status st;

		if (f > 0)
		{
			if (i == len && fields[f].known != 0)
				break;
			if (i == len || s[i] != ',')
			{
				*why = i == len ? "A key is missing." : "Expected \",\" between fields.";
				return ESTATE_ERR_SYNTAX;
			}
			at = estate_skip_spaces(s, len, i + 1);
		}
		if (!key_at(s, len, &at, fields[f].key))
		{
			if (fields[f].known != 0)
				continue;		/* an optional measure, not known */
			*why = "Expected sites, floor_area, estate_floor_area and minimum_retained_area, "
				"then backlog, running_cost and carbon_kg where known, in this order.";
			return ESTATE_ERR_SYNTAX;
		}
		if ((st = value_at(s, len, &at, f, out, why)) != ESTATE_OK)
			return st;
		out->known |= fields[f].known;
		i = estate_skip_spaces(s, len, at);
	}
	if (i != len)
	{
		*why = "Unexpected text: an unknown or repeated key, or keys out of order.";
		return ESTATE_ERR_SYNTAX;
	}
	if (estate_impact_upgrade(out) != ESTATE_OK)
	{
		*why = "An area is beyond 64 bits in millionths of a square metre.";
		return ESTATE_ERR_RANGE;
	}
	if ((*why = estate_impact_check(out)) != NULL)
		return ESTATE_ERR_SYNTAX;
	return ESTATE_OK;
}

int
estate_impact_format(const estate_disposal_impact *s, char *buf)
{
	int			len = sprintf(buf, "v2 sites=%" PRId64, s->sites);

	for (int f = F_FLOOR_AREA; f < FIELDS; f++)
	{
		if (fields[f].known != 0 && !(s->known & fields[f].known))
			continue;
		len += sprintf(buf + len, ", %s=", fields[f].key);
		if (f == F_BACKLOG)
		{
			buf[len++] = '(';
			len += estate_backlog_format(&s->backlog, buf + len);
			buf[len++] = ')';
			buf[len] = '\0';
		}
		else
			len += estate_fixed_format(*(const int64_t *) ((const char *) s + fields[f].offset),
									   is_area(f) ? ESTATE_AREA_DECIMALS : 2, buf + len);
	}
	return len;
}
