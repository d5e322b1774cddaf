/*
 * pence.c - exact money: parse, format, wide sums and the checked numeric
 * decode for large magnitudes.
 */
#include "pence.h"
#include "scan.h"

/* units * 100 + the pennies of the next group, rounded, within limit. */
static estate_status
round_to_pence(uint64_t units, int frac, uint64_t limit, uint64_t *pence)
{
	uint64_t	p;

	/* units * 100 + 100 cannot wrap: limit is at most 2^63. */
	if (units > limit / 100)
		return ESTATE_ERR_RANGE;
	p = units * 100 + (uint64_t) (frac / 100) + (frac % 100 >= 50);
	if (p > limit)
		return ESTATE_ERR_RANGE;
	*pence = p;
	return ESTATE_OK;
}

/* Magnitude in pence to signed, allowing INT64_MIN. */
static estate_status
signed_pence(uint64_t magnitude, bool negative, int64_t *pence)
{
	if (negative)
		*pence = magnitude == (uint64_t) INT64_MAX + 1 ? INT64_MIN : -(int64_t) magnitude;
	else
		*pence = (int64_t) magnitude;
	return ESTATE_OK;
}

estate_status
estate_pence_parse(const char *s, size_t len, int64_t *pence)
{
	uint64_t	pounds = 0;
	uint64_t	magnitude;
	size_t		i = 0;
	int			frac = 0;
	estate_status st;

	if (len == 0 || !estate_is_digit(s[0]))
		return ESTATE_ERR_SYNTAX;
	for (; i < len && estate_is_digit(s[i]); i++)
	{
		/* Keep reading the digits: a later non-digit is a syntax error. */
		if (pounds <= (uint64_t) INT64_MAX / 10)
			pounds = pounds * 10 + (uint64_t) (s[i] - '0');
		else
			pounds = UINT64_MAX;
	}
	if (i < len)
	{
		int			scale = 0;

		if (s[i] != '.' || i + 1 == len)
			return ESTATE_ERR_SYNTAX;
		for (i++; i < len; i++, scale++)
		{
			if (!estate_is_digit(s[i]))
				return ESTATE_ERR_SYNTAX;
			/* The first four decimals, as one base-10000 group. */
			if (scale < 4)
				frac = frac * 10 + (s[i] - '0');
		}
		for (; scale < 4; scale++)
			frac *= 10;
	}
	st = round_to_pence(pounds, frac, (uint64_t) INT64_MAX, &magnitude);
	if (st != ESTATE_OK)
		return st;
	return signed_pence(magnitude, false, pence);
}

static int
format_magnitude(uint64_t hi, uint64_t lo, bool negative, int decimals, char *buf)
{
	/* Four 32-bit limbs, most significant first, divided by 10 in turn. */
	uint32_t	limb[4] = {(uint32_t) (hi >> 32), (uint32_t) hi, (uint32_t) (lo >> 32), (uint32_t) lo};
	char		rev[ESTATE_WIDE_TEXT_MAX];
	int			n = 0;
	int			len = 0;

	do
	{
		uint64_t	rem = 0;

		for (int k = 0; k < 4; k++)
		{
			uint64_t	cur = (rem << 32) | limb[k];

			limb[k] = (uint32_t) (cur / 10);
			rem = cur % 10;
		}
		rev[n++] = (char) ('0' + rem);
	} while ((limb[0] | limb[1] | limb[2] | limb[3]) != 0 || n < decimals + 1);

	if (negative)
		buf[len++] = '-';
	while (n > 0)
	{
		if (n == decimals)
			buf[len++] = '.';
		buf[len++] = rev[--n];
	}
	buf[len] = '\0';
	return len;
}

int
estate_fixed_format(int64_t v, int decimals, char *buf)
{
	uint64_t	magnitude = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;

	return format_magnitude(0, magnitude, v < 0, decimals, buf);
}

int
estate_pence_format(int64_t pence, char *buf)
{
	return estate_fixed_format(pence, 2, buf);
}

int
estate_wide_format(estate_wide w, char *buf)
{
	uint64_t	hi;
	uint64_t	lo;
	int			negative;

	estate_wide_magnitude(w, &hi, &lo, &negative);
	return format_magnitude(hi, lo, negative, 2, buf);
}

estate_status
estate_pence_from_numeric_wide(const estate_numeric_head *h, int64_t *pence)
{
	uint64_t	limit = h->negative ? (uint64_t) INT64_MAX + 1 : (uint64_t) INT64_MAX;
	uint64_t	units = 0;
	uint64_t	magnitude;
	int			frac;
	estate_status st;

	for (int i = 0; i <= h->weight + 1 && i < h->ndigits; i++)
	{
		int			d = estate_numeric_digit(h, i);

		if (d < 0 || d >= ESTATE_NUMERIC_NBASE)
			return ESTATE_ERR_ARGUMENT;
	}
	for (int i = 0; i <= h->weight; i++)
	{
		uint64_t	d = (uint64_t) estate_numeric_digit(h, i);

		/* Keeps units within limit / 100, which round_to_pence checks exactly. */
		if (units > (limit / 100 - d) / ESTATE_NUMERIC_NBASE)
			return ESTATE_ERR_RANGE;
		units = units * ESTATE_NUMERIC_NBASE + d;
	}
	frac = estate_numeric_digit(h, h->weight + 1);
	st = round_to_pence(units, frac, limit, &magnitude);
	if (st != ESTATE_OK)
		return st;
	return signed_pence(magnitude, h->negative, pence);
}

static bool
digits_valid(const estate_numeric_head *h)
{
	for (int i = 0; i < h->ndigits; i++)
	{
		int			d = estate_numeric_digit(h, i);

		if (d < 0 || d >= ESTATE_NUMERIC_NBASE)
			return false;
	}
	return true;
}

/* Groups of weight -1 (the first four decimals) to 4; above that is beyond int64 pence. */
#define PRODUCT_LOW_WEIGHT (-1)
#define PRODUCT_HIGH_WEIGHT 4
#define PRODUCT_GROUPS (PRODUCT_HIGH_WEIGHT - PRODUCT_LOW_WEIGHT + 1)

estate_status
estate_pence_from_product(const void *a, size_t alen, const void *b, size_t blen, int64_t *pence)
{
	estate_numeric_head ha;
	estate_numeric_head hb;
	estate_numeric_head hr;
	int16_t		groups[PRODUCT_GROUPS] = {0};
	uint64_t	carry = 0;
	int			na;
	int			nb;
	int			weight;

	if (!estate_numeric_head_read(a, alen, &ha) || ha.special ||
		!estate_numeric_head_read(b, blen, &hb) || hb.special ||
		!digits_valid(&ha) || !digits_valid(&hb))
		return ESTATE_ERR_ARGUMENT;
	na = ha.ndigits;
	nb = hb.ndigits;
	/*
	 * Column p of the product has weight ha.weight + hb.weight - p; the carry
	 * out of column 0 is one group higher.  Columns are summed from the least
	 * significant up, so every carry is exact; only the groups that can
	 * matter are kept.
	 */
	for (int p = na + nb - 2; p >= -1; p--)
	{
		uint64_t	sum = carry;
		int			digit;

		if (p >= 0)
		{
			int			lo = p - (nb - 1) > 0 ? p - (nb - 1) : 0;
			int			hi = p < na - 1 ? p : na - 1;

			for (int i = lo; i <= hi; i++)
				sum += (uint64_t) estate_numeric_digit(&ha, i) * (uint64_t) estate_numeric_digit(&hb, p - i);
		}
		digit = (int) (sum % ESTATE_NUMERIC_NBASE);
		carry = sum / ESTATE_NUMERIC_NBASE;
		weight = ha.weight + hb.weight - p;
		if (weight > PRODUCT_HIGH_WEIGHT && digit != 0)
			return ESTATE_ERR_RANGE;
		if (weight >= PRODUCT_LOW_WEIGHT && weight <= PRODUCT_HIGH_WEIGHT)
			groups[PRODUCT_HIGH_WEIGHT - weight] = (int16_t) digit;
	}
	/* The kept groups, from the highest non-zero weight, read as a numeric. */
	weight = ha.weight + hb.weight + 1;
	weight = weight < PRODUCT_LOW_WEIGHT ? PRODUCT_LOW_WEIGHT
		: weight > PRODUCT_HIGH_WEIGHT ? PRODUCT_HIGH_WEIGHT : weight;
	hr.special = false;
	hr.negative = na > 0 && nb > 0 && ha.negative != hb.negative;
	hr.weight = weight;
	hr.ndigits = weight - PRODUCT_LOW_WEIGHT + 1;
	hr.digits = (const unsigned char *) (groups + (PRODUCT_HIGH_WEIGHT - weight));
	return estate_pence_of_head(&hr, pence);
}

bool
estate_numeric_scaled(const void *payload, size_t len, uint64_t *scaled, uint64_t *divisor)
{
	estate_numeric_head h = {0};
	uint64_t	v = 0;
	uint64_t	d = 1;
	int			exponent;		/* of 10, for the units of v */

	if (!estate_numeric_head_read(payload, len, &h) || h.special || h.negative)
		return false;
	exponent = 4 * (h.weight - h.ndigits + 1);
	for (int i = 0; i < h.ndigits; i++)
	{
		int			g = estate_numeric_digit(&h, i);
		uint64_t	base = ESTATE_NUMERIC_NBASE;

		if (g < 0 || g >= ESTATE_NUMERIC_NBASE)
			return false;
		/* The last group's trailing zeros, below the point, are dropped first. */
		while (i == h.ndigits - 1 && exponent < 0 && base > 1 && g % 10 == 0)
		{
			g /= 10;
			base /= 10;
			exponent++;
		}
		if (v > (UINT64_MAX - (uint64_t) g) / base)
			return false;
		v = v * base + (uint64_t) g;
	}
	for (; exponent > 0; exponent--)
	{
		if (v > UINT64_MAX / 10)
			return false;
		v *= 10;
	}
	for (; exponent < 0; exponent++)
	{
		if (d > UINT64_MAX / 10)
			return false;
		d *= 10;
	}
	*scaled = v;
	*divisor = d;
	return true;
}
