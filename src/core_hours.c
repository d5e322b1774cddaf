/*
 * core_hours.c - fmgr glue of estate.core_hours and estate.available_hours,
 * the setting estate.core_hours, and the conversion of
 * core hours into instants shared with the aggregates.
 *
 * Local boundaries become instants exactly as `timestamp AT TIME ZONE zone`
 * does it (timestamp_zone in PostgreSQL's timestamp.c): split the local
 * timestamp into fields, ask DetermineTimeZoneOffset for the zone's offset at
 * that local time, and recombine.  So a local time that does not exist (the
 * spring gap) or exists twice (the autumn repeat) resolves as it does in SQL.
 */
#include "postgres.h"
#include "fmgr.h"

#include "catalog/pg_type.h"
#include "core/utilisation_state.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "common/error.h"
#include "core_hours.h"

#define ZONE_HINT "Use an IANA zone name such as Europe/London, America/New_York or UTC; " \
	"abbreviations such as BST and POSIX zone strings such as EST5EDT are not accepted."

/*
 * Look a zone name up in the server's time-zone database; NULL unless it is
 * an IANA name.  pg_tzset also accepts POSIX zone strings ("EST5EDT4",
 * "XYZ-3"), giving them an upper-case canonical name, and the database holds
 * legacy upper-case names that double as abbreviations (EST, CET, GB) and
 * lower-case files that are not zones at all (localtime, posixrules).  An
 * IANA zone file is spelled in mixed case starting with a capital
 * (Europe/London, Etc/GMT+5); UTC and GMT are the two upper-case names kept.
 * pg_tz_acceptable rejects the leap-second "right/" zones.
 */
pg_tz *
estate_zone_lookup(const char *name, char *canonical)
{
	pg_tz	   *tz;
	const char *canon;
	bool		has_lower = false;

	if (!estate_zone_name_shape_ok(name, strlen(name)))
		return NULL;
	tz = pg_tzset(name);
	if (tz == NULL || !pg_tz_acceptable(tz))
		return NULL;
	canon = pg_get_timezone_name(tz);
	if (strlen(canon) > ESTATE_ZONE_MAX)
		return NULL;
	if (strcmp(canon, "UTC") != 0 && strcmp(canon, "GMT") != 0)
	{
		if (!(canon[0] >= 'A' && canon[0] <= 'Z'))
			return NULL;
		for (const char *p = canon; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				has_lower = true;
		if (!has_lower)
			return NULL;
	}
	strcpy(canonical, canon);
	return tz;
}

/* The stored value of core hours whose zone is already canonical. */
static bytea *
core_hours_pack(const estate_core_hours *ch)
{
	size_t		size = estate_core_hours_encoded_size(ch);
	bytea	   *result = palloc(VARHDRSZ + size);

	SET_VARSIZE(result, VARHDRSZ + size);
	estate_core_hours_encode(ch, (uint8 *) VARDATA(result));
	return result;
}

/* Parse text into a canonical value with its zone checked; NULL on failure. */
static bytea *
core_hours_from_text(const char *str, const char **detail, bool *bad_zone, char *zone)
{
	estate_core_hours *ch = palloc(sizeof(estate_core_hours));
	char		canonical[ESTATE_ZONE_MAX + 1];
	bytea	   *result;

	*bad_zone = false;
	if (estate_core_hours_parse(str, strlen(str), ch, detail) != ESTATE_OK)
		return NULL;
	if (estate_zone_lookup(ch->zone, canonical) == NULL)
	{
		*bad_zone = true;
		strcpy(zone, ch->zone);
		return NULL;
	}
	strcpy(ch->zone, canonical);
	result = core_hours_pack(ch);
	pfree(ch);
	return result;
}

PG_FUNCTION_INFO_V1(core_hours_in);
Datum
core_hours_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	const char *detail = NULL;
	bool		bad_zone;
	char		zone[ESTATE_ZONE_MAX + 1];
	bytea	   *result = core_hours_from_text(str, &detail, &bad_zone, zone);

	if (result == NULL && bad_zone)
		estate_input_error(fcinfo, ESTATE_ERR_SYNTAX,
						   psprintf("\"%s\" is not an IANA time-zone name in the server's time-zone database.", zone),
						   ZONE_HINT,
						   "invalid input syntax for type estate.core_hours: \"%s\"", str);
	if (result == NULL)
		estate_input_error(fcinfo, ESTATE_ERR_SYNTAX, detail,
						   "Write groups such as \"Mon-Fri 08:00-18:00, Sat 09:00-13:00\" separated by ',' or ';', then an optional IANA zone (default Europe/London).",
						   "invalid input syntax for type estate.core_hours: \"%s\"", str);
	PG_RETURN_BYTEA_P(result);
}

/*
 * Decode a stored value (always canonical: it went through input) and find
 * its zone; a zone that has since left the database is an invalid argument.
 */
estate_core_hours *
estate_core_hours_unpack(const uint8 *bytes, size_t len, pg_tz **tz)
{
	estate_core_hours *ch = palloc(sizeof(estate_core_hours));
	const char *detail = NULL;
	char		canonical[ESTATE_ZONE_MAX + 1];

	if (estate_core_hours_decode(bytes, len, ch, &detail) != ESTATE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt estate.core_hours value"),
				 errdetail("%s", detail)));
	if (tz)
	{
		*tz = estate_zone_lookup(ch->zone, canonical);
		if (*tz == NULL)
			estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
						 "time zone \"%s\" of core hours is not in the server's time-zone database",
						 ch->zone);
	}
	return ch;
}

/* The canonical text of stored core hours. */
char *
estate_core_hours_text(const uint8 *bytes, size_t len)
{
	estate_core_hours *ch = estate_core_hours_unpack(bytes, len, NULL);
	char	   *out = palloc(estate_core_hours_text_max(ch) + 1);

	estate_core_hours_format(ch, out);
	pfree(ch);
	return out;
}

PG_FUNCTION_INFO_V1(core_hours_out);
Datum
core_hours_out(PG_FUNCTION_ARGS)
{
	bytea	   *v = PG_GETARG_BYTEA_PP(0);

	PG_RETURN_CSTRING(estate_core_hours_text(ESTATE_CORE_BYTES(v), ESTATE_CORE_NBYTES(v)));
}

/* Binary form: the stored bytes, validated like text input on the way in. */
PG_FUNCTION_INFO_V1(core_hours_recv);
Datum
core_hours_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;
	const uint8 *bytes = (const uint8 *) pq_getmsgbytes(buf, len);
	estate_core_hours *ch = palloc(sizeof(estate_core_hours));
	const char *detail = NULL;
	char		canonical[ESTATE_ZONE_MAX + 1];

	if (estate_core_hours_decode(bytes, (size_t) len, ch, &detail) != ESTATE_OK)
		estate_error(ESTATE_ERR_BINARY, detail, NULL,
					 "invalid binary input for type estate.core_hours");
	if (estate_zone_lookup(ch->zone, canonical) == NULL)
		estate_error(ESTATE_ERR_BINARY,
					 psprintf("\"%s\" is not an IANA time-zone name in the server's time-zone database.", ch->zone),
					 NULL,
					 "invalid binary input for type estate.core_hours");
	strcpy(ch->zone, canonical);
	PG_RETURN_BYTEA_P(core_hours_pack(ch));
}

PG_FUNCTION_INFO_V1(core_hours_send);
Datum
core_hours_send(PG_FUNCTION_ARGS)
{
	bytea	   *v = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) ESTATE_CORE_BYTES(v), (int) ESTATE_CORE_NBYTES(v));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------------
 * Arguments shared with the aggregates
 * ------------------------------------------------------------------------- */

static char *
range_text(Datum span)
{
	Oid			out;
	bool		varlena;

	getTypeOutputInfo(TSTZRANGEOID, &out, &varlena);
	return OidOutputFunctionCall(out, span);
}

/* The bounds of a span, which must be finite and not empty (22023). */
void
estate_span_bounds(Datum span, const char *argument, TimestampTz *lo, TimestampTz *hi)
{
	RangeType  *r = DatumGetRangeTypeP(span);
	TypeCacheEntry *typcache = lookup_type_cache(RangeTypeGetOid(r), TYPECACHE_RANGE_INFO);
	RangeBound	lower;
	RangeBound	upper;
	bool		empty;

	range_deserialize(typcache, r, &lower, &upper, &empty);
	if (empty || lower.infinite || upper.infinite ||
		TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(lower.val)) ||
		TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(upper.val)))
		estate_error(ESTATE_ERR_ARGUMENT, NULL,
					 "Give both bounds, for example tstzrange('2025-04-01', '2026-04-01').",
					 "%s must be a bounded, non-empty range: \"%s\"", argument, range_text(span));
	/* Only lengths of time matter, so [a, b] measures the same as [a, b). */
	*lo = DatumGetTimestampTz(lower.val);
	*hi = DatumGetTimestampTz(upper.val);
	if ((uint64) *hi - (uint64) *lo > (uint64) ESTATE_SPAN_MAX_US)
		estate_error(ESTATE_ERR_ARGUMENT, NULL,
					 "Measure a longer span a century or less at a time.",
					 "%s is longer than %d years: \"%s\"",
					 argument, ESTATE_SPAN_MAX_YEARS, range_text(span));
}

/* Closed dates: no NULLs or infinities; returned ascending and distinct. */
size_t
estate_closed_dates(ArrayType *closed, int32 **out)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int32	   *dates;

	deconstruct_array(closed, DATEOID, sizeof(DateADT), true, TYPALIGN_INT,
					  &elems, &nulls, &n);
	dates = palloc(sizeof(int32) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
						 "closed dates must not contain NULL");
		if (DATE_NOT_FINITE(DatumGetDateADT(elems[i])))
			estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
						 "closed date \"%s\" is not a calendar date",
						 DatumGetCString(DirectFunctionCall1(date_out, elems[i])));
		dates[i] = DatumGetDateADT(elems[i]);
	}
	*out = dates;
	return estate_dates_normalise(dates, (size_t) n);
}

/* ---------------------------------------------------------------------------
 * Core hours as instants
 * ------------------------------------------------------------------------- */

/* As timestamp_zone: a local timestamp in zone tz to an instant. */
static TimestampTz
local_to_instant(Timestamp local, pg_tz *tz)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			offset;
	TimestampTz result;

	if (timestamp2tm(local, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	offset = DetermineTimeZoneOffset(&tm, tz);
	if (tm2timestamp(&tm, fsec, &offset, &result) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return result;
}

/* Local fields of an instant in zone tz. */
static void
instant_to_local(TimestampTz t, pg_tz *tz, struct pg_tm *tm, fsec_t *fsec)
{
	int			offset;

	if (timestamp2tm(t, &offset, tm, fsec, NULL, tz) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
}

/* Days since 2000-01-01 of a local date, and its weekday (0 = Monday). */
static int32
local_date(const struct pg_tm *tm)
{
	return date2j(tm->tm_year, tm->tm_mon, tm->tm_mday) - POSTGRES_EPOCH_JDATE;
}

static int
weekday_of(int32 date)
{
	/* j2day: 0 = Sunday. */
	return (j2day(date + POSTGRES_EPOCH_JDATE) + 6) % 7;
}

static int
piece_cmp(const void *a, const void *b)
{
	const estate_core_piece *x = a;
	const estate_core_piece *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

typedef struct piece_list
{
	estate_core_piece *p;
	size_t		n;
	size_t		cap;
} piece_list;

static void
piece_add(piece_list *l, int64 start, int64 end, int32 cell)
{
	if (l->n == l->cap)
	{
		l->cap = l->cap ? 2 * l->cap : 64;
		l->p = l->p ? repalloc_huge(l->p, l->cap * sizeof(estate_core_piece))
			: palloc(l->cap * sizeof(estate_core_piece));
	}
	l->p[l->n].start = start;
	l->p[l->n].end = end;
	l->p[l->n].cell = cell;
	l->n++;
}

/*
 * Cut [lo, hi) at every change of the local clock hour, each piece tagged
 * with weekday * 24 + hour.  The instants where the hour changes follow from
 * the offset in force, which changes only at the zone's transitions, so both
 * are breakpoints: a repeated autumn hour maps to the same cell twice, and a
 * skipped spring hour to no cell at all.
 */
static void
add_hour_cells(TimestampTz lo, TimestampTz hi, pg_tz *tz, piece_list *cells)
{
	const pg_time_t unix_epoch_shift = (pg_time_t) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY;
	TimestampTz t = lo;

	while (t < hi)
	{
		struct pg_tm tm;
		fsec_t		fsec;
		TimestampTz next;
		pg_time_t	unix_t;
		pg_time_t	boundary;
		long		before_gmtoff,
					after_gmtoff;
		int			before_isdst,
					after_isdst;

		instant_to_local(t, tz, &tm, &fsec);
		next = t + USECS_PER_HOUR -
			((int64) tm.tm_min * USECS_PER_MINUTE + (int64) tm.tm_sec * USECS_PER_SEC + fsec);
		/* Seconds since 1970 of t, rounded down. */
		unix_t = (pg_time_t) ((t - (t % USECS_PER_SEC + USECS_PER_SEC) % USECS_PER_SEC) / USECS_PER_SEC)
			+ unix_epoch_shift;
		if (pg_next_dst_boundary(&unix_t, &before_gmtoff, &before_isdst, &boundary,
								 &after_gmtoff, &after_isdst, tz) == 1)
		{
			TimestampTz change = (TimestampTz) (boundary - unix_epoch_shift) * USECS_PER_SEC;

			if (change > t && change < next)
				next = change;
		}
		if (next > hi)
			next = hi;
		piece_add(cells, t, next, weekday_of(local_date(&tm)) * 24 + tm.tm_hour);
		t = next;
	}
}

/*
 * The core time of the stored core hours in [lo, hi): sorted, disjoint
 * pieces of instants, each segment converted boundary by boundary as
 * AT TIME ZONE does.  Segments starting on a closed local date are dropped
 * (a night shift belongs to the day it starts).  With hour_cells, pieces are
 * cut at local clock hours and tagged with their heatmap cell.
 */
size_t
estate_core_pieces(const uint8 *core, size_t core_len, TimestampTz lo, TimestampTz hi,
				   const int32 *closed, size_t nclosed, bool with_cells,
				   estate_core_piece **out)
{
	pg_tz	   *tz;
	estate_core_hours *ch = estate_core_hours_unpack(core, core_len, &tz);
	int			first[8];
	struct pg_tm tm;
	fsec_t		fsec;
	int32		day_lo;
	int32		day_hi;
	size_t		c = 0;
	piece_list	raw = {NULL, 0, 0};
	piece_list	merged = {NULL, 0, 0};

	/* Index the segments by weekday (they are sorted by day). */
	for (int d = 0, i = 0; d <= 7; d++)
	{
		while (i < ch->nsegments && ch->segments[i].day < d)
			i++;
		first[d] = i;
	}

	/*
	 * Local dates whose segments may reach the span: a segment lasts less
	 * than a day after its local start, and offsets are under a day.
	 */
	instant_to_local(lo, tz, &tm, &fsec);
	day_lo = local_date(&tm) - 2;
	instant_to_local(hi, tz, &tm, &fsec);
	day_hi = local_date(&tm) + 1;

	for (int32 day = day_lo; day <= day_hi; day++)
	{
		int			wd = weekday_of(day);

		while (c < nclosed && closed[c] < day)
			c++;
		if (c < nclosed && closed[c] == day)
			continue;
		for (int i = first[wd]; i < first[wd + 1]; i++)
		{
			Timestamp	local_start = (Timestamp) day * USECS_PER_DAY + ch->segments[i].start * USECS_PER_MINUTE;
			Timestamp	local_end = (Timestamp) day * USECS_PER_DAY + ch->segments[i].end * USECS_PER_MINUTE;
			TimestampTz s;
			TimestampTz e;

			if (!IS_VALID_TIMESTAMP(local_start) || !IS_VALID_TIMESTAMP(local_end))
				continue;
			s = Max(local_to_instant(local_start, tz), lo);
			e = Min(local_to_instant(local_end, tz), hi);
			/* Empty when clipped away, or inverted by a spring gap. */
			if (s < e)
				piece_add(&raw, s, e, 0);
		}
	}
	pfree(ch);

	/* Union: clock changes can make converted segments touch or overlap. */
	if (raw.n > 0)
		qsort(raw.p, raw.n, sizeof(estate_core_piece), piece_cmp);
	for (size_t i = 0; i < raw.n; i++)
	{
		if (merged.n > 0 && raw.p[i].start <= merged.p[merged.n - 1].end)
			merged.p[merged.n - 1].end = Max(merged.p[merged.n - 1].end, raw.p[i].end);
		else
			piece_add(&merged, raw.p[i].start, raw.p[i].end, 0);
	}
	if (raw.p)
		pfree(raw.p);

	/* Heatmap cells: cut each piece of core time at local clock hours. */
	if (with_cells && merged.n > 0)
	{
		piece_list	cells = {NULL, 0, 0};

		for (size_t i = 0; i < merged.n; i++)
			add_hour_cells(merged.p[i].start, merged.p[i].end, tz, &cells);
		pfree(merged.p);
		merged = cells;
	}
	*out = merged.p;
	return merged.n;
}

static double
core_hours_in_span(Datum span, bytea *core, ArrayType *closed_array)
{
	TimestampTz lo;
	TimestampTz hi;
	int32	   *closed = NULL;
	size_t		nclosed = 0;
	estate_core_piece *pieces;
	size_t		n;
	int64		total = 0;

	estate_span_bounds(span, "span", &lo, &hi);
	if (closed_array)
		nclosed = estate_closed_dates(closed_array, &closed);
	n = estate_core_pieces(ESTATE_CORE_BYTES(core), ESTATE_CORE_NBYTES(core),
						   lo, hi, closed, nclosed, false, &pieces);
	for (size_t i = 0; i < n; i++)
		total += pieces[i].end - pieces[i].start;
	return (double) total / (double) USECS_PER_HOUR;
}

PG_FUNCTION_INFO_V1(available_hours);
Datum
available_hours(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(core_hours_in_span(PG_GETARG_DATUM(0), PG_GETARG_BYTEA_PP(1), NULL));
}

PG_FUNCTION_INFO_V1(available_hours_closed);
Datum
available_hours_closed(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(core_hours_in_span(PG_GETARG_DATUM(0), PG_GETARG_BYTEA_PP(1),
										PG_GETARG_ARRAYTYPE_P(2)));
}

/* ---------------------------------------------------------------------------
 * The setting estate.core_hours
 * ------------------------------------------------------------------------- */

/* The canonical stored form of the current setting, kept as the GUC's extra. */
typedef struct core_hours_setting
{
	size_t		len;
	uint8		bytes[FLEXIBLE_ARRAY_MEMBER];
} core_hours_setting;

static const core_hours_setting *current_setting_value = NULL;

#if PG_VERSION_NUM >= 160000
#define GUC_FREE(p) guc_free(p)
#else
#define GUC_FREE(p) free(p)
#endif

bool
estate_core_hours_check(char **newval, void **extra, GucSource source)
{
	const char *detail = NULL;
	bool		bad_zone;
	char		zone[ESTATE_ZONE_MAX + 1];
	bytea	   *value;
	core_hours_setting *setting;
	char	   *canonical;
	char	   *copy;

	(void) source;
	value = core_hours_from_text(*newval ? *newval : "", &detail, &bad_zone, zone);
	if (value == NULL)
	{
		if (bad_zone)
			GUC_check_errdetail("\"%s\" is not an IANA time-zone name in the server's time-zone database.", zone);
		else
			GUC_check_errdetail("%s", detail);
		GUC_check_errhint("Core hours look like \"Mon-Fri 08:00-18:00 Europe/London\".");
		return false;
	}
	/*
	 * The GUC machinery frees the value and extra itself, with its own
	 * allocator.  SHOW then gives the canonical spelling.
	 */
	canonical = estate_core_hours_text((const uint8 *) VARDATA(value), VARSIZE(value) - VARHDRSZ);
#if PG_VERSION_NUM >= 160000
	setting = guc_malloc(LOG, offsetof(core_hours_setting, bytes) + VARSIZE(value) - VARHDRSZ);
	copy = guc_strdup(LOG, canonical);
#else
	setting = malloc(offsetof(core_hours_setting, bytes) + VARSIZE(value) - VARHDRSZ);
	copy = strdup(canonical);
#endif
	if (setting == NULL || copy == NULL)
	{
		GUC_FREE(setting);
		GUC_FREE(copy);
		return false;
	}
	setting->len = VARSIZE(value) - VARHDRSZ;
	memcpy(setting->bytes, VARDATA(value), setting->len);
	GUC_FREE(*newval);
	*newval = copy;
	*extra = setting;
	return true;
}

void
estate_core_hours_assign(const char *newval, void *extra)
{
	(void) newval;
	current_setting_value = extra;
}

const uint8 *
estate_core_hours_setting_bytes(size_t *len)
{
	if (current_setting_value == NULL)
		estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
					 "estate.core_hours is not set");
	*len = current_setting_value->len;
	return current_setting_value->bytes;
}
