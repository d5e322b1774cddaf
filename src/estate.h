/*
 * estate.h - shared declarations of the fmgr glue (server side only).
 */
#ifndef ESTATE_H
#define ESTATE_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"

#include "core/ordinal.h"
#include "core/status.h"

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

/* One-byte ordered types (condition grades, risk bands): the stored byte. */
#define ESTATE_ORDINAL_GET(d)	((int) (uint8) DatumGetChar(d))
#define PG_GETARG_ORDINAL(n)	ESTATE_ORDINAL_GET(PG_GETARG_DATUM(n))
#define PG_RETURN_ORDINAL(v)	return CharGetDatum((char) (v))

extern Datum estate_ordinal_in(FunctionCallInfo fcinfo, const estate_ordinal *kind);
extern Datum estate_ordinal_out(FunctionCallInfo fcinfo, const estate_ordinal *kind);
extern Datum estate_ordinal_recv(FunctionCallInfo fcinfo, const estate_ordinal *kind);

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
