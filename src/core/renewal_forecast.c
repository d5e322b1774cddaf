/*
 * renewal_forecast.c - parser of the text form of the renewal forecast state.
 */
#include "renewal_forecast.h"
#include "scan.h"

typedef estate_cursor cursor;

static estate_status
fail(cursor *c, estate_status st, const char *why)
{
	c->why = why;
	return st;
}

/* The next token: up to a space, a comma or a closing brace. */
static size_t
token(cursor *c, size_t *start)
{
	*start = c->i;
	while (c->i < c->len && !estate_is_space(c->s[c->i]) &&
		   c->s[c->i] != ',' && c->s[c->i] != '}')
		c->i++;
	return c->i - *start;
}

/* -?[0-9]+ within [min, max]. */
static estate_status
integer(cursor *c, int64_t min, int64_t max, int64_t *value)
{
	size_t		start;
	size_t		n = token(c, &start);
	estate_status st = estate_parse_int64(c->s + start, n, value);

	if (st == ESTATE_ERR_SYNTAX)
		return fail(c, ESTATE_ERR_SYNTAX, "Expected an integer.");
	if (st != ESTATE_OK || *value < min || *value > max)
		return fail(c, ESTATE_ERR_RANGE, "A number is out of range.");
	return ESTATE_OK;
}

static estate_status
field(cursor *c, const char *key, int64_t min, int64_t max, int64_t *value)
{
	if (!estate_expect(c, key) || !estate_expect(c, "="))
		return fail(c, ESTATE_ERR_SYNTAX,
					"Expected the keys from_year, horizon, inflation, elements and due, in this order.");
	return integer(c, min, max, value);
}

/* The inflation, -?[0-9]+(.[0-9]+)?, kept as a span for the server. */
static estate_status
decimal(cursor *c, const char **text, size_t *text_len)
{
	size_t		start;
	size_t		n = token(c, &start);
	size_t		k = n > 0 && c->s[start] == '-' ? 1 : 0;
	size_t		digits = k;

	while (digits < n && estate_is_digit(c->s[start + digits]))
		digits++;
	if (digits == k)
		return fail(c, ESTATE_ERR_SYNTAX, "The inflation must be a decimal number.");
	if (digits < n)
	{
		size_t		point = digits;

		if (c->s[start + point] != '.')
			return fail(c, ESTATE_ERR_SYNTAX, "The inflation must be a decimal number.");
		for (digits = point + 1; digits < n && estate_is_digit(c->s[start + digits]); digits++)
			;
		if (digits == point + 1 || digits < n)
			return fail(c, ESTATE_ERR_SYNTAX, "The inflation must be a decimal number.");
	}
	*text = c->s + start;
	*text_len = n;
	return ESTATE_OK;
}

const char *
estate_renewal_check(int64_t elements, const int64_t *due, int horizon)
{
	if (elements == 0)
		for (int k = 0; k < horizon; k++)
			if (due[k] != 0)
				return "Nothing can fall due when no element was seen (elements=0).";
	return NULL;
}

estate_status
estate_renewal_parse(const char *s, size_t len, estate_renewal_text *t, const char **why)
{
	cursor		c = {s, len, 0, NULL};
	int64_t		value;
	estate_status st;
	int			n = 0;

	memset(t, 0, sizeof(*t));
	if ((st = field(&c, "from_year", INT32_MIN, INT32_MAX, &value)) != ESTATE_OK)
		goto done;
	t->from_year = (int32_t) value;
	if (!estate_expect(&c, ","))
		goto syntax;
	if ((st = field(&c, "horizon", RENEWAL_HORIZON_MIN, RENEWAL_HORIZON_MAX, &value)) != ESTATE_OK)
		goto done;
	t->horizon = (int) value;
	if (!estate_expect(&c, ",") || !estate_expect(&c, "inflation") || !estate_expect(&c, "="))
		goto syntax;
	if ((st = decimal(&c, &t->inflation, &t->inflation_len)) != ESTATE_OK)
		goto done;
	if (!estate_expect(&c, ","))
		goto syntax;
	if ((st = field(&c, "elements", 0, INT64_MAX, &t->elements)) != ESTATE_OK)
		goto done;
	if (!estate_expect(&c, ",") || !estate_expect(&c, "due") || !estate_expect(&c, "=") || !estate_expect(&c, "{"))
		goto syntax;
	for (;;)
	{
		size_t		start;
		size_t		tn = token(&c, &start);

		if (n == t->horizon)
		{
			st = fail(&c, ESTATE_ERR_SYNTAX, "There must be exactly one amount due per year of the horizon.");
			goto done;
		}
		st = estate_pence_parse(s + start, tn, &t->due[n++]);
		if (st != ESTATE_OK)
		{
			c.why = st == ESTATE_ERR_RANGE
				? "An amount is beyond the range of whole pence in 64 bits."
				: "An amount due must be digits with an optional decimal part.";
			goto done;
		}
		if (estate_expect(&c, "}"))
			break;
		if (!estate_expect(&c, ","))
			goto syntax;
	}
	if (n != t->horizon)
	{
		st = fail(&c, ESTATE_ERR_SYNTAX, "There must be exactly one amount due per year of the horizon.");
		goto done;
	}
	if ((c.why = estate_renewal_check(t->elements, t->due, t->horizon)) != NULL)
	{
		st = ESTATE_ERR_SYNTAX;
		goto done;
	}
	if (c.i != len)
		goto syntax;
	return ESTATE_OK;

syntax:
	st = fail(&c, ESTATE_ERR_SYNTAX,
			  "Expected from_year=Y, horizon=H, inflation=I, elements=N, due={amounts}.");
done:
	*why = c.why;
	return st;
}
