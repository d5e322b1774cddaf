/*
 * pence.h - exact money in whole pence (int64), shared by every money path.
 *
 * Amounts enter rounded half away from zero to the penny, sums are checked for
 * int64 overflow, and totals that may exceed int64 (the sum of several full
 * buckets) are carried in a 128-bit "wide" value.  No floating point.
 */
#ifndef ESTATE_CORE_PENCE_H
#define ESTATE_CORE_PENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "status.h"
#include "wide.h"

/* "-92233720368547758.08" and a NUL. */
#define ESTATE_PENCE_TEXT_MAX 24
/* A wide sum of pence as text: 39 digits, sign, point and NUL, rounded up. */
#define ESTATE_WIDE_TEXT_MAX 48

/* Checked a + b into *sum; ESTATE_ERR_RANGE (and *sum untouched) on overflow. */
static inline estate_status
estate_pence_add(int64_t a, int64_t b, int64_t *sum)
{
	if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b))
		return ESTATE_ERR_RANGE;
	*sum = a + b;
	return ESTATE_OK;
}

/*
 * Parse an amount in pounds, [0-9]+(\.[0-9]+)?, len bytes, no sign, no
 * spaces; rounded half away from zero to the penny.  ESTATE_ERR_SYNTAX when
 * malformed, ESTATE_ERR_RANGE beyond int64 pence.
 */
extern estate_status estate_pence_parse(const char *s, size_t len, int64_t *pence);

/* Pounds with exactly two decimals ("-12.05"); returns the length. */
extern int	estate_pence_format(int64_t pence, char *buf);

/*
 * v units of 10^-decimals with exactly that many decimals (1 to 18), e.g.
 * 1000005000 with 6 decimals is "1000.005000"; returns the length.
 */
extern int	estate_fixed_format(int64_t v, int decimals, char *buf);

/*
 * A wide sum of pence (wide.h) as pounds with two decimals, as
 * estate_pence_format; returns the length.
 */
extern int	estate_wide_format(estate_wide w, char *buf);

/*
 * PostgreSQL's numeric, read from its stored bytes.
 *
 * The layout is private to src/backend/utils/adt/numeric.c (NumericShort,
 * NumericLong and the NUMERIC_* flag macros) but is an on-disk format that
 * pg_upgrade keeps stable, so it is re-declared here.  The payload is what
 * follows the varlena header: a uint16 header word; in the long format an
 * int16 weight follows; then base-10000 int16 digits, most significant first,
 * with trailing zero digits not stored.  The value is
 * sum(digit[i] * 10000^(weight - i)).  Payloads from a 1-byte varlena header
 * are unaligned, so every field is read with memcpy.
 */
#define ESTATE_NUMERIC_SIGN_MASK	0xC000
#define ESTATE_NUMERIC_NEG			0x4000
#define ESTATE_NUMERIC_SHORT		0x8000
#define ESTATE_NUMERIC_SPECIAL		0xC000	/* NaN, +Infinity, -Infinity */
#define ESTATE_NUMERIC_SHORT_SIGN	0x2000
#define ESTATE_NUMERIC_SHORT_WEIGHT_SIGN 0x0040
#define ESTATE_NUMERIC_SHORT_WEIGHT_MASK 0x003F
#define ESTATE_NUMERIC_NBASE		10000

/* Weights up to this many base-10000 groups cannot overflow int64 pence. */
#define ESTATE_NUMERIC_FAST_WEIGHT	3

/* Reads the header: special (NaN/Infinity), sign, weight and digit start. */
typedef struct estate_numeric_head
{
	bool		special;
	bool		negative;
	int			weight;
	int			ndigits;
	const unsigned char *digits;
} estate_numeric_head;

static inline bool
estate_numeric_head_read(const void *payload, size_t len, estate_numeric_head *h)
{
	const unsigned char *p = (const unsigned char *) payload;
	uint16_t	header;
	size_t		hdr;

	if (len < sizeof(uint16_t))
		return false;
	memcpy(&header, p, sizeof(header));
	/* Specials share the short bit (0xC000 includes 0x8000): test them first. */
	h->special = (header & ESTATE_NUMERIC_SIGN_MASK) == ESTATE_NUMERIC_SPECIAL;
	if (h->special)
		return true;
	if (header & ESTATE_NUMERIC_SHORT)
	{
		h->negative = (header & ESTATE_NUMERIC_SHORT_SIGN) != 0;
		/* A 7-bit signed weight: sign-extend it. */
		h->weight = (header & ESTATE_NUMERIC_SHORT_WEIGHT_MASK) |
			((header & ESTATE_NUMERIC_SHORT_WEIGHT_SIGN) ? ~ESTATE_NUMERIC_SHORT_WEIGHT_MASK : 0);
		hdr = sizeof(uint16_t);
	}
	else
	{
		int16_t		weight;

		if (len < 2 * sizeof(uint16_t))
			return false;
		h->negative = (header & ESTATE_NUMERIC_SIGN_MASK) == ESTATE_NUMERIC_NEG;
		memcpy(&weight, p + sizeof(uint16_t), sizeof(weight));
		h->weight = weight;
		hdr = 2 * sizeof(uint16_t);
	}
	h->ndigits = (int) ((len - hdr) / sizeof(int16_t));
	h->digits = p + hdr;
	return true;
}

static inline int
estate_numeric_digit(const estate_numeric_head *h, int i)
{
	int16_t		d;

	/* Trailing zero groups are not stored; groups before the first are 0 too. */
	if (i < 0 || i >= h->ndigits)
		return 0;
	memcpy(&d, h->digits + (size_t) i * sizeof(int16_t), sizeof(d));
	return d;
}

/* Whether a numeric is a whole number of pence: no digit below the penny. */
static inline bool
estate_numeric_whole_pence(const estate_numeric_head *h)
{
	return h->ndigits <= h->weight + 2 && estate_numeric_digit(h, h->weight + 1) % 100 == 0;
}

/*
 * A non-negative numeric payload as scaled / divisor exactly, the divisor a
 * power of 10 and both within 64 bits (a factor such as 1.03^9 =
 * 1304773183829244583 / 10^18); false when it has no such form.
 */
extern bool estate_numeric_scaled(const void *payload, size_t len, uint64_t *scaled, uint64_t *divisor);

/* The checked path for large weights (and malformed payloads). */
extern estate_status estate_pence_from_numeric_wide(const estate_numeric_head *h, int64_t *pence);

/*
 * A (non-special) numeric as signed pence, rounded half away from zero;
 * ESTATE_ERR_RANGE beyond int64.
 *
 * In base 10000 the group just after the point holds the first four
 * decimals: /100 is the pennies and a remainder >= 50 rounds the magnitude
 * up; later groups cannot change that decision, and the sign comes last.
 */
static inline estate_status
estate_pence_of_head(const estate_numeric_head *h, int64_t *pence)
{
	int64_t		units = 0;
	int			frac;

	if (h->weight > ESTATE_NUMERIC_FAST_WEIGHT)
		return estate_pence_from_numeric_wide(h, pence);
	/* At most four groups: below 10^16 pounds, so no overflow is possible. */
	for (int i = 0; i <= h->weight; i++)
		units = units * ESTATE_NUMERIC_NBASE + estate_numeric_digit(h, i);
	frac = estate_numeric_digit(h, h->weight + 1);
	units = units * 100 + frac / 100 + (frac % 100 >= 50);
	*pence = h->negative ? -units : units;
	return ESTATE_OK;
}

/*
 * The numeric payload as signed pence, as estate_pence_of_head;
 * ESTATE_ERR_ARGUMENT for NaN and +-Infinity (and a payload too short to be
 * a numeric).
 */
static inline estate_status
estate_pence_from_numeric(const void *payload, size_t len, int64_t *pence)
{
	estate_numeric_head h;

	if (!estate_numeric_head_read(payload, len, &h) || h.special)
		return ESTATE_ERR_ARGUMENT;
	return estate_pence_of_head(&h, pence);
}

/*
 * The product of two numeric payloads as signed pence, rounded half away
 * from zero: exact schoolbook multiplication in base 10000, without
 * allocation.  Errors as estate_pence_from_numeric.
 */
extern estate_status estate_pence_from_product(const void *a, size_t alen, const void *b, size_t blen,
											   int64_t *pence);

/* true when the payload is a negative number (not NaN, not zero). */
static inline bool
estate_numeric_is_negative(const void *payload, size_t len)
{
	estate_numeric_head h;

	return estate_numeric_head_read(payload, len, &h) && !h.special &&
		h.negative && h.ndigits > 0;
}

#endif
