/*
 * core_hours.h - what core_hours.c gives the other glue: the stored form of
 * estate.core_hours, zones, core time as instants, the arguments the
 * utilisation aggregates share, and the setting estate.core_hours.
 */
#ifndef ESTATE_CORE_HOURS_GLUE_H
#define ESTATE_CORE_HOURS_GLUE_H

#include "postgres.h"
#include "datatype/timestamp.h"
#include "pgtime.h"
#include "utils/array.h"
#include "utils/guc.h"

#include "core/core_hours.h"
#include "core/sweep.h"

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
