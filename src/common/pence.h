/*
 * pence.h - PostgreSQL's numeric and exact pence: every money path (backlog,
 * renewal forecast, disposal impact) converts through these.
 */
#ifndef ESTATE_COMMON_PENCE_H
#define ESTATE_COMMON_PENCE_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/numeric.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"				/* the varlena macros left postgres.h in 16 */
#endif

#include "core/pence.h"

/*
 * A numeric argument as pence on the hot path of an aggregate: the stored
 * bytes are decoded in place, without PG_GETARG_NUMERIC's detoast-and-copy.
 * true for a positive amount in range; zero, negative, special,
 * out-of-range and toasted values take estate_amount_pence, which decides or
 * complains.
 */
static inline bool
estate_amount_pence_fast(Datum num, int64 *pence)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(num);

	if (VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v))
		return false;
	return estate_pence_from_numeric(VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), pence) == ESTATE_OK &&
		*pence > 0;
}

/*
 * A non-negative amount (a cost) as pence, rounded half away from zero:
 * NaN, Infinity and negative are 22023, beyond int64 pence 22003; `what`
 * names the argument in the message.
 */
extern int64 estate_amount_pence(Datum num, const char *what);
/* Any finite numeric as signed pence (22023 for NaN/Infinity, 22003 range). */
extern int64 estate_numeric_pence(Numeric num, const char *what);
extern Numeric estate_pence_numeric(int64 pence);
extern Numeric estate_wide_numeric(estate_wide w);
/* 22023 unless num is a finite number. */
extern void estate_check_finite(Numeric num, const char *what);
/*
 * 22023 unless num is a finite number of 0 or more: "<what> <num> is
 * negative", with the hint when not NULL.
 */
extern void estate_check_non_negative(Numeric num, const char *what, const char *hint);
extern char *estate_numeric_text(Numeric num);

#endif
