/*
 * estate.h - shared declarations of the fmgr glue (server side only).
 */
#ifndef ESTATE_H
#define ESTATE_H

#include "postgres.h"
#include "fmgr.h"
#include "access/tupdesc.h"
#include "lib/stringinfo.h"
#include "utils/array.h"

#include "core/ordinal.h"
#include "core/pence.h"
#include "core/status.h"
#include "utils/numeric.h"

/*
 * Type input functions report malformed text through the soft-error context
 * where the server has one (PostgreSQL 16+, used by pg_input_is_valid), and
 * raise it otherwise.
 */
#if PG_VERSION_NUM >= 160000
#define estate_input_error(fcinfo, ...) \
	ereturn((fcinfo)->context, (Datum) 0, __VA_ARGS__)
#else
#define estate_input_error(fcinfo, ...) \
	ereport(ERROR, __VA_ARGS__)
#endif

/*
 * A function that never returns: PostgreSQL 18 marks it with pg_noreturn
 * before the declaration and dropped pg_attribute_noreturn(), which earlier
 * majors put after it (a GCC attribute, valid in front as well).
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

/* One-byte ordered types (condition grades, risk bands): the stored byte. */
#define ESTATE_ORDINAL_GET(d)	((int) (uint8) DatumGetChar(d))
#define PG_GETARG_ORDINAL(n)	ESTATE_ORDINAL_GET(PG_GETARG_DATUM(n))
#define PG_RETURN_ORDINAL(v)	return CharGetDatum((char) (v))

extern Datum estate_ordinal_in(FunctionCallInfo fcinfo, const estate_ordinal *kind);
extern Datum estate_ordinal_out(FunctionCallInfo fcinfo, const estate_ordinal *kind);
extern Datum estate_ordinal_recv(FunctionCallInfo fcinfo, const estate_ordinal *kind);

/* Defines NAME_in, NAME_out and NAME_recv of a one-byte type over vocabulary KIND. */
#define ESTATE_ORDINAL_TYPE_IO(name, kind) \
	PG_FUNCTION_INFO_V1(name##_in); \
	Datum name##_in(PG_FUNCTION_ARGS) { return estate_ordinal_in(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(name##_out); \
	Datum name##_out(PG_FUNCTION_ARGS) { return estate_ordinal_out(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(name##_recv); \
	Datum name##_recv(PG_FUNCTION_ARGS) { return estate_ordinal_recv(fcinfo, &(kind)); }

/*
 * Money (pence.c).  A numeric argument as pence on the hot path of an
 * aggregate: the stored bytes are decoded in place, without
 * PG_GETARG_NUMERIC's detoast-and-copy (notes/numeric-to-pence.md).  true for
 * a positive amount in range; zero, negative, special, out-of-range and
 * toasted values take estate_amount_pence, which decides or complains.
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
extern char *estate_numeric_text(Numeric num);

/* The composite result type of a C function, cached per call site (result.c). */
extern TupleDesc estate_result_tupdesc(FunctionCallInfo fcinfo);

/* Settings (SPEC 7), registered by _PG_init in settings.c. */
extern double estate_underused_rate;
extern double estate_target_non_clinical_share;
extern double estate_target_unoccupied_share;
extern char *estate_core_hours_setting;

/* Core hours (core_hours.c). */
#include "core/core_hours.h"
#include "core/sweep.h"
#include "datatype/timestamp.h"
#include "pgtime.h"
#include "utils/guc.h"

/* The stored form of estate.core_hours is these bytes after a varlena header. */
#define ESTATE_CORE_BYTES(v)		((const uint8 *) VARDATA_ANY(v))
#define ESTATE_CORE_NBYTES(v)		VARSIZE_ANY_EXHDR(v)

extern pg_tz *estate_zone_lookup(const char *name, char *canonical);
extern estate_core_hours *estate_core_hours_unpack(const uint8 *bytes, size_t len, pg_tz **tz);
extern char *estate_core_hours_text(const uint8 *bytes, size_t len);
extern size_t estate_core_pieces(const uint8 *core, size_t core_len,
								 TimestampTz lo, TimestampTz hi,
								 const int32 *closed, size_t nclosed,
								 bool hour_cells, estate_core_piece **out);
extern void estate_span_bounds(Datum span, const char *argument,
							   TimestampTz *lo, TimestampTz *hi);
extern size_t estate_closed_dates(ArrayType *closed, int32 **out);
extern const uint8 *estate_core_hours_setting_bytes(size_t *len);
extern bool estate_core_hours_check(char **newval, void **extra, GucSource source);
extern void estate_core_hours_assign(const char *newval, void *extra);

#endif
