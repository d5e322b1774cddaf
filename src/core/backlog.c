/*
 * backlog.c - the five-bucket backlog value: text form, checked sums, order.
 */
#include "backlog.h"
#include "scan.h"

static const char *const bucket_keys[BUCKET_COUNT] = {
	"low", "moderate", "significant", "high", "unassessed"
};

const int	estate_backlog_order[BUCKET_COUNT] = {
	BAND_HIGH, BAND_SIGNIFICANT, BAND_MODERATE, BAND_LOW, BUCKET_UNASSESSED
};

const char *
estate_backlog_key(int bucket)
{
	return bucket >= 0 && bucket < BUCKET_COUNT ? bucket_keys[bucket] : NULL;
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

int
estate_backlog_bucket_of_key(const char *key, size_t len)
{
	for (int b = 0; b < BUCKET_COUNT; b++)
	{
		const char *k = bucket_keys[b];
		size_t		i = 0;

		while (i < len && k[i] != '\0' && lower(key[i]) == k[i])
			i++;
		if (i == len && k[i] == '\0')
			return b;
	}
	return -1;
}

static bool
is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

estate_status
estate_backlog_parse(const char *s, size_t len, estate_backlog *b, const char **why)
{
	bool		seen[BUCKET_COUNT] = {false};
	size_t		i = estate_skip_spaces(s, len, 0);

	memset(b, 0, sizeof(*b));
	if (i == len)
	{
		*why = "The input is empty.";
		return ESTATE_ERR_SYNTAX;
	}
	for (;;)
	{
		size_t		start = i;
		int			bucket;
		estate_status st;

		while (i < len && is_key_char(s[i]))
			i++;
		if (i == start)
		{
			*why = "Expected a key.";
			return ESTATE_ERR_SYNTAX;
		}
		bucket = estate_backlog_bucket_of_key(s + start, i - start);
		if (bucket < 0)
		{
			*why = "Unknown key.";
			return ESTATE_ERR_SYNTAX;
		}
		if (seen[bucket])
		{
			*why = "A key is repeated.";
			return ESTATE_ERR_SYNTAX;
		}
		seen[bucket] = true;

		i = estate_skip_spaces(s, len, i);
		if (i == len || s[i] != '=')
		{
			*why = "Expected \"=\" after a key.";
			return ESTATE_ERR_SYNTAX;
		}
		i = estate_skip_spaces(s, len, i + 1);
		start = i;
		while (i < len && !estate_is_space(s[i]) && s[i] != ',')
			i++;
		st = estate_pence_parse(s + start, i - start, &b->pence[bucket]);
		if (st != ESTATE_OK)
		{
			*why = st == ESTATE_ERR_RANGE
				? "An amount is beyond the range of whole pence in 64 bits."
				: "An amount must be digits with an optional decimal part, with no sign or exponent.";
			return st;
		}

		i = estate_skip_spaces(s, len, i);
		if (i == len)
			return ESTATE_OK;
		if (s[i] != ',')
		{
			*why = "Expected \",\" between amounts.";
			return ESTATE_ERR_SYNTAX;
		}
		i = estate_skip_spaces(s, len, i + 1);
	}
}

int
estate_backlog_format(const estate_backlog *b, char *buf)
{
	int			len = 0;

	for (int k = 0; k < BUCKET_COUNT; k++)
	{
		const char *key = bucket_keys[estate_backlog_order[k]];
		size_t		n = strlen(key);

		if (k > 0)
		{
			buf[len++] = ',';
			buf[len++] = ' ';
		}
		memcpy(buf + len, key, n);
		len += (int) n;
		buf[len++] = '=';
		len += estate_pence_format(b->pence[estate_backlog_order[k]], buf + len);
	}
	return len;
}

bool
estate_backlog_valid(const estate_backlog *b)
{
	for (int k = 0; k < BUCKET_COUNT; k++)
		if (b->pence[k] < 0)
			return false;
	return true;
}

estate_status
estate_backlog_add(estate_backlog *acc, const estate_backlog *b, int *bucket)
{
	estate_backlog sum;

	for (int k = 0; k < BUCKET_COUNT; k++)
		if (estate_pence_add(acc->pence[k], b->pence[k], &sum.pence[k]) != ESTATE_OK)
		{
			*bucket = k;
			return ESTATE_ERR_RANGE;
		}
	*acc = sum;
	return ESTATE_OK;
}

static estate_wide
sum_of(const estate_backlog *b, int count)
{
	estate_wide w = estate_wide_of(0);

	for (int k = 0; k < count; k++)
		w = estate_wide_add(w, estate_wide_of(b->pence[estate_backlog_order[k]]));
	return w;
}

estate_wide
estate_backlog_total(const estate_backlog *b)
{
	return sum_of(b, BUCKET_COUNT);
}

estate_wide
estate_backlog_critical(const estate_backlog *b)
{
	/* high and significant come first in estate_backlog_order. */
	return sum_of(b, 2);
}

int
estate_backlog_cmp(const estate_backlog *a, const estate_backlog *b)
{
	int			c = estate_wide_cmp(estate_backlog_total(a), estate_backlog_total(b));

	for (int k = 0; c == 0 && k < BUCKET_COUNT; k++)
	{
		int64_t		x = a->pence[estate_backlog_order[k]];
		int64_t		y = b->pence[estate_backlog_order[k]];

		c = (x > y) - (x < y);
	}
	return c;
}
