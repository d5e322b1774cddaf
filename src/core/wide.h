/*
 * wide.h - estate_wide, the one 128-bit integer of the domain layer: signed,
 * for sums of pence that may pass int64 (a backlog's total, deltas between
 * backlogs) and for person-time (headcount x microseconds) in the
 * utilisation sweep.  __int128 where the compiler has it (one instruction on
 * the sweep's hot path), else two's complement in two words.  Arithmetic
 * wraps rather than overflowing: in use the values stay far inside the range
 * (person-time below 2^115, pence sums below 2^70).
 */
#ifndef ESTATE_CORE_WIDE_H
#define ESTATE_CORE_WIDE_H

#include <stdint.h>

#if defined(__SIZEOF_INT128__) && !defined(ESTATE_WIDE_PORTABLE)
#define ESTATE_WIDE_NATIVE 1
typedef __int128 estate_wide;
#else
typedef struct estate_wide
{
	int64_t		hi;
	uint64_t	lo;
} estate_wide;
#endif

extern estate_wide estate_wide_of(int64_t v);
extern estate_wide estate_wide_add(estate_wide a, estate_wide b);
extern estate_wide estate_wide_sub(estate_wide a, estate_wide b);
extern int	estate_wide_cmp(estate_wide a, estate_wide b);
extern double estate_wide_to_double(estate_wide v);
/* |v| as two words, and its sign, for formatting. */
extern void estate_wide_magnitude(estate_wide v, uint64_t *hi, uint64_t *lo, int *negative);

/*
 * *q = a * b / d rounded half up, exactly (a < 2^63, d > 0); 0 when that
 * passes INT64_MAX.  Inline for renewal_forecast's inflated costs.
 */
#ifdef ESTATE_WIDE_NATIVE
static inline int
estate_mul_div_round(uint64_t a, uint64_t b, uint64_t d, int64_t *q)
{
	unsigned __int128 p = (unsigned __int128) a * b;
	unsigned __int128 whole = p / d;
	uint64_t	r = (uint64_t) (p - whole * d);

	whole += r >= d - r;
	if (whole > (unsigned __int128) INT64_MAX)
		return 0;
	*q = (int64_t) whole;
	return 1;
}
#else
extern int	estate_mul_div_round(uint64_t a, uint64_t b, uint64_t d, int64_t *q);
#endif

/* *acc += a * b, the product of two unsigned 64-bit values; inline for the sweep. */
static inline void
estate_wide_add_product(estate_wide *acc, uint64_t a, uint64_t b)
{
#ifdef ESTATE_WIDE_NATIVE
	*acc = (estate_wide) ((unsigned __int128) *acc + (unsigned __int128) a * b);
#else
	/* Schoolbook 64 x 64 -> 128 on 32-bit halves. */
	uint64_t	a_lo = a & 0xFFFFFFFFu,
				a_hi = a >> 32;
	uint64_t	b_lo = b & 0xFFFFFFFFu,
				b_hi = b >> 32;
	uint64_t	ll = a_lo * b_lo;
	uint64_t	lh = a_lo * b_hi;
	uint64_t	hl = a_hi * b_lo;
	uint64_t	hh = a_hi * b_hi;
	uint64_t	mid = (ll >> 32) + (lh & 0xFFFFFFFFu) + (hl & 0xFFFFFFFFu);
	uint64_t	lo = (ll & 0xFFFFFFFFu) | (mid << 32);
	uint64_t	hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);

	acc->lo += lo;
	acc->hi = (int64_t) ((uint64_t) acc->hi + hi + (acc->lo < lo));
#endif
}

#endif
