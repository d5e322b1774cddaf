/*
 * parse_amount.c - parsing the number formats of published estates returns.
 */
#include "parse_amount.h"

/* `£` (U+00A3) and the no-break space (U+00A0) in UTF-8. */
#define POUND_0 '\xC2'
#define POUND_1 '\xA3'
#define NBSP_1 '\xA0'

/* Length of the white space at s[i] (0 if none): ASCII or a no-break space. */
static size_t
space_at(const char *s, size_t i, size_t len)
{
	char		c = s[i];

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c == POUND_0 && i + 1 < len && s[i + 1] == NBSP_1)
		return 2;
	return 0;
}

/* Narrow [*start, *end) to exclude surrounding white space. */
static void
trim(const char *s, size_t len, size_t *start, size_t *end)
{
	size_t		n;

	*start = 0;
	*end = len;
	while (*start < *end && (n = space_at(s, *start, len)) > 0)
		*start += n;
	/* A no-break space ends in 0xA0, which is never a whole ASCII space. */
	while (*end > *start)
	{
		if (*end - *start >= 2 && s[*end - 2] == POUND_0 && s[*end - 1] == NBSP_1)
			*end -= 2;
		else if (space_at(s, *end - 1, len) == 1)
			*end -= 1;
		else
			break;
	}
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

/*
 * Whether s[start, end) spells words (lower case, single spaces), ignoring
 * case; any run of white space in s matches one space in words.
 */
static int
spells(const char *s, size_t start, size_t end, const char *words)
{
	size_t		i = start;

	for (const char *w = words; *w != '\0'; w++)
	{
		if (*w == ' ')
		{
			size_t		n;

			if (i >= end || space_at(s, i, end) == 0)
				return 0;
			while (i < end && (n = space_at(s, i, end)) > 0)
				i += n;
		}
		else
		{
			if (i >= end || lower(s[i]) != *w)
				return 0;
			i++;
		}
	}
	return i == end;
}

estate_cell_kind
estate_cell_classify(const char *s, size_t len)
{
	size_t		start,
				end;

	trim(s, len, &start, &end);
	if (start == end || spells(s, start, end, "-") ||
		spells(s, start, end, "no data provided"))
		return CELL_MISSING;
	if (spells(s, start, end, "not applicable") || spells(s, start, end, "n/a"))
		return CELL_NOT_APPLICABLE;
	return CELL_VALUE;
}

const char *
estate_cell_kind_name(estate_cell_kind kind)
{
	switch (kind)
	{
		case CELL_NOT_APPLICABLE:
			return "not applicable";
		case CELL_MISSING:
			return "missing";
		case CELL_VALUE:
			break;
	}
	return "value";
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The integer part at s[*i, end): plain digits, or 1-3 digits (not starting
 * with 0) followed by groups of `,ddd`.  Copies the digits to out[*o...]
 * without leading zeros.  Returns 0 if malformed.
 */
static int
integer_part(const char *s, size_t *i, size_t end, char *out, size_t *o)
{
	size_t		first = *i;
	size_t		o_start = *o;

	while (*i < end && is_digit(s[*i]))
	{
		/* Skip leading zeros; the last digit of a zero is kept below. */
		if (!(*o == o_start && s[*i] == '0'))
			out[(*o)++] = s[*i];
		(*i)++;
	}
	if (*i == first)
		return 0;
	if (*i < end && s[*i] == ',')
	{
		size_t		lead = *i - first;

		if (lead > 3 || s[first] == '0')
			return 0;
		while (*i < end && s[*i] == ',')
		{
			if (*i + 3 >= end)
				return 0;
			if (!(is_digit(s[*i + 1]) && is_digit(s[*i + 2]) && is_digit(s[*i + 3])))
				return 0;
			out[(*o)++] = s[*i + 1];
			out[(*o)++] = s[*i + 2];
			out[(*o)++] = s[*i + 3];
			*i += 4;
		}
		if (*i < end && is_digit(s[*i]))
			return 0;			/* a group of more than three digits */
	}
	if (*o == o_start)
		out[(*o)++] = '0';
	return 1;
}

estate_status
estate_amount_parse(const char *s, size_t len, char *out, estate_cell_kind *kind)
{
	size_t		i,
				end,
				o = 0;
	int			negative = 0,
				signed_already = 0,
				nonzero = 0;

	out[0] = '\0';
	*kind = estate_cell_classify(s, len);
	if (*kind != CELL_VALUE)
		return ESTATE_OK;

	trim(s, len, &i, &end);
	/* A sign before or after the pound sign: -£1, £-1, -1, £1. */
	if (i < end && (s[i] == '-' || s[i] == '+'))
	{
		negative = s[i++] == '-';
		signed_already = 1;
	}
	if (i + 1 < end && s[i] == POUND_0 && s[i + 1] == POUND_1)
		i += 2;
	if (!signed_already && i < end && (s[i] == '-' || s[i] == '+'))
		negative = s[i++] == '-';

	out[o++] = '-';				/* dropped below for positive values */
	if (!integer_part(s, &i, end, out, &o))
		return ESTATE_ERR_SYNTAX;
	if (i < end && s[i] == '.')
	{
		size_t		point = i++;

		out[o++] = '.';
		while (i < end && is_digit(s[i]))
			out[o++] = s[i++];
		if (i == point + 1)
			return ESTATE_ERR_SYNTAX;	/* `5.` */
	}
	if (i != end)
		return ESTATE_ERR_SYNTAX;
	out[o] = '\0';

	for (size_t k = 1; k < o; k++)
		if (out[k] >= '1' && out[k] <= '9')
			nonzero = 1;
	if (!(negative && nonzero))
	{
		/* Drop the sign slot: shift the digits left by one. */
		for (size_t k = 0; k < o; k++)
			out[k] = out[k + 1];
	}
	return ESTATE_OK;
}
