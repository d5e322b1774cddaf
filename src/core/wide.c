/*
 * wide.c - estate_wide, the 128-bit integer (see wide.h).
 */
#include "wide.h"

#ifdef ESTATE_WIDE_NATIVE

/* Through unsigned arithmetic: wrapping, never signed overflow. */
estate_wide
estate_wide_of(int64_t v)
{
	return (estate_wide) v;
}

estate_wide
estate_wide_add(estate_wide a, estate_wide b)
{
	return (estate_wide) ((unsigned __int128) a + (unsigned __int128) b);
}

estate_wide
estate_wide_sub(estate_wide a, estate_wide b)
{
	return (estate_wide) ((unsigned __int128) a - (unsigned __int128) b);
}

int
estate_wide_cmp(estate_wide a, estate_wide b)
{
	return (a > b) - (a < b);
}

double
estate_wide_to_double(estate_wide v)
{
	return (double) v;
}

void
estate_wide_magnitude(estate_wide v, uint64_t *hi, uint64_t *lo, int *negative)
{
	unsigned __int128 m = v < 0 ? (unsigned __int128) 0 - (unsigned __int128) v : (unsigned __int128) v;

	*negative = v < 0;
	*hi = (uint64_t) (m >> 64);
	*lo = (uint64_t) m;
}

#else

estate_wide
estate_wide_of(int64_t v)
{
	estate_wide w = {v < 0 ? -1 : 0, (uint64_t) v};

	return w;
}

estate_wide
estate_wide_add(estate_wide a, estate_wide b)
{
	estate_wide r;

	r.lo = a.lo + b.lo;
	/* Unsigned arithmetic for the high word too: no signed overflow in C. */
	r.hi = (int64_t) ((uint64_t) a.hi + (uint64_t) b.hi + (r.lo < a.lo));
	return r;
}

estate_wide
estate_wide_sub(estate_wide a, estate_wide b)
{
	estate_wide r;

	r.lo = a.lo - b.lo;
	r.hi = (int64_t) ((uint64_t) a.hi - (uint64_t) b.hi - (a.lo < b.lo));
	return r;
}

int
estate_wide_cmp(estate_wide a, estate_wide b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	return (a.lo > b.lo) - (a.lo < b.lo);
}

double
estate_wide_to_double(estate_wide v)
{
	return (double) v.hi * 18446744073709551616.0 + (double) v.lo;
}

void
estate_wide_magnitude(estate_wide v, uint64_t *hi, uint64_t *lo, int *negative)
{
	*negative = v.hi < 0;
	*hi = (uint64_t) v.hi;
	*lo = v.lo;
	if (*negative)
	{
		/* Two's complement magnitude. */
		*lo = ~*lo + 1;
		*hi = ~*hi + (*lo == 0);
	}
}

int
estate_mul_div_round(uint64_t a, uint64_t b, uint64_t d, int64_t *q)
{
	/* The product in two words, then long division a bit at a time. */
	estate_wide p = estate_wide_of(0);
	uint64_t	hi;
	uint64_t	lo;
	uint64_t	r;
	uint64_t	whole = 0;
	int			negative;

	estate_wide_add_product(&p, a, b);
	estate_wide_magnitude(p, &hi, &lo, &negative);
	if (hi >= d)
		return 0;
	r = hi;
	for (int i = 63; i >= 0; i--)
	{
		uint64_t	top = r >> 63;

		r = (r << 1) | ((lo >> i) & 1);
		whole <<= 1;
		if (top || r >= d)
		{
			r -= d;
			whole |= 1;
		}
	}
	whole += r >= d - r;
	if (whole > (uint64_t) INT64_MAX)
		return 0;
	*q = (int64_t) whole;
	return 1;
}

#endif
