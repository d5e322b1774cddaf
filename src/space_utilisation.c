/*
 * space_utilisation.c - fmgr glue of the space_utilisation and
 * utilisation_heatmap aggregates and their state type (SPEC 4.2, 4.3, 9).
 *
 * The state, estate.utilisation_state, holds what a group's rows agree on
 * (capacity, span, core hours, closed dates) and the periods in use, clipped
 * to the span, 20 bytes each.  It has two forms:
 *   - flat: an ordinary varlena, while the group is small.  It carries room
 *     for more periods than it holds, so that appending usually happens in
 *     place; when full it is copied into one twice the size.
 *   - expanded: a read-write expanded object in its own memory context under
 *     the aggregate's, once the group holds more than FLAT_MAX_PERIODS.  The
 *     executor neither copies nor frees it between rows, so a group of 10M
 *     periods costs no copy per row.
 * Small groups stay flat because a memory context per group makes hash
 * aggregation's memory accounting, which walks every child context for each
 * new group, quadratic in the number of groups.
 * See ../shared/notes/growing-aggregate-state.md for the measurements.
 */
#include "estate.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "core/utilisation.h"

#define STATE_VERSION		1
#define STATE_SORTED		0x01	/* periods ascend by start */

/* A group switches from flat to expanded beyond this many periods (2 KB). */
#define FLAT_MAX_PERIODS	100

#define HEATMAP_CELLS		(7 * 24)

/* The flat form.  Followed by the core hours' bytes (padded to 4), the
 * closed dates, and room for nalloc periods of which nperiods are used. */
typedef struct UtilFlat
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint16		core_len;
	int32		capacity;
	int32		nclosed;
	int64		span_lo;
	int64		span_hi;
	int32		nperiods;
	int32		nalloc;
} UtilFlat;

#define FLAT_CORE(f)		((uint8 *) (f) + sizeof(UtilFlat))
#define FLAT_CLOSED(f)		((int32 *) (FLAT_CORE(f) + INTALIGN((f)->core_len)))
#define FLAT_PERIODS(f)		((estate_period *) (FLAT_CLOSED(f) + (f)->nclosed))

static Size
flat_size(size_t core_len, size_t nclosed, size_t nperiods)
{
	return sizeof(UtilFlat) + INTALIGN(core_len) + nclosed * sizeof(int32) +
		nperiods * sizeof(estate_period);
}

/*
 * The expanded form.  The fields each row needs come first, so that a row
 * touches two cache lines of it besides the end of the periods.
 */
typedef struct UtilExpanded
{
	ExpandedObjectHeader hdr;
	MemoryContext owner;		/* the aggregate context it was made for */
	estate_period *periods;
	size_t		nperiods;
	size_t		nalloc;
	int64		last_start;		/* of the last period */
	uint64		key_id;			/* row keys with this id are known equal to
								 * the group's; 0 when none is */
	bool		sorted;
	estate_group_key key;		/* capacity first; its core hours point just
								 * past this struct, its dates into cxt */
} UtilExpanded;

/* A read view of either form. */
typedef struct UtilView
{
	estate_group_key key;
	estate_period *periods;
	size_t		nperiods;
	bool		sorted;
	UtilFlat   *flat;			/* exactly one of these is set */
	UtilExpanded *expanded;
} UtilView;

static Size util_get_flat_size(ExpandedObjectHeader *eohptr);
static void util_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods util_methods = {
	util_get_flat_size,
	util_flatten_into
};

static void
check_flat_limit(size_t nperiods, Size size)
{
	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("space_utilisation state of %zu periods exceeds the 1 GB limit of a value", nperiods),
				 errhint("Group more finely, for example by room and month.")));
}

static Size
util_get_flat_size(ExpandedObjectHeader *eohptr)
{
	UtilExpanded *eo = (UtilExpanded *) eohptr;
	Size		size = flat_size(eo->key.core_len, eo->key.nclosed, eo->nperiods);

	check_flat_limit(eo->nperiods, size);
	return size;
}

static void
write_flat(UtilFlat *f, Size size, const estate_group_key *key,
		   const estate_period *periods, size_t nperiods, size_t nalloc, bool sorted)
{
	memset(f, 0, sizeof(UtilFlat));
	SET_VARSIZE(f, size);
	f->version = STATE_VERSION;
	f->flags = sorted ? STATE_SORTED : 0;
	f->core_len = (uint16) key->core_len;
	f->capacity = key->capacity;
	f->nclosed = (int32) key->nclosed;
	f->span_lo = key->span_lo;
	f->span_hi = key->span_hi;
	f->nperiods = (int32) nperiods;
	f->nalloc = (int32) nalloc;
	memcpy(FLAT_CORE(f), key->core, key->core_len);
	if (key->nclosed > 0)
		memcpy(FLAT_CLOSED(f), key->closed, key->nclosed * sizeof(int32));
	if (nperiods > 0)
		memcpy(FLAT_PERIODS(f), periods, nperiods * sizeof(estate_period));
}

static void
util_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	UtilExpanded *eo = (UtilExpanded *) eohptr;

	write_flat(result, allocated_size, &eo->key, eo->periods, eo->nperiods, eo->nperiods, eo->sorted);
}

/* A new flat state in the current memory context, with room for nalloc. */
static UtilFlat *
new_flat(const estate_group_key *key, const estate_period *periods, size_t nperiods,
		 size_t nalloc, bool sorted)
{
	Size		size = flat_size(key->core_len, key->nclosed, nalloc);
	UtilFlat   *f;

	check_flat_limit(nalloc, size);
	f = palloc(size);
	write_flat(f, size, key, periods, nperiods, nalloc, sorted);
	return f;
}

/* A new expanded state in a child context of parent. */
static UtilExpanded *
new_expanded(MemoryContext parent, const estate_group_key *key, size_t nalloc)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "estate utilisation state",
											  ALLOCSET_SMALL_SIZES);
	/* The core hours sit right after the header: each row compares them. */
	UtilExpanded *eo = MemoryContextAllocZero(cxt, sizeof(UtilExpanded) + key->core_len);

	EOH_init_header(&eo->hdr, &util_methods, cxt);
	eo->owner = parent;
	eo->key = *key;
	eo->key.core = memcpy(eo + 1, key->core, key->core_len);
	eo->key.closed = key->nclosed == 0 ? NULL :
		memcpy(MemoryContextAlloc(cxt, sizeof(int32) * key->nclosed), key->closed,
			   sizeof(int32) * key->nclosed);
	eo->nalloc = Max(nalloc, 1);
	eo->periods = MemoryContextAllocHuge(cxt, eo->nalloc * sizeof(estate_period));
	eo->nperiods = 0;
	eo->sorted = true;
	return eo;
}

static bool
is_expanded(Datum d)
{
	return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d));
}

/* View a state datum; a flat one is detoasted (copied) if it must be. */
static void
util_view(Datum d, UtilView *v)
{
	if (is_expanded(d))
	{
		UtilExpanded *eo = (UtilExpanded *) DatumGetEOHP(d);

		Assert(eo->hdr.eoh_methods == &util_methods);
		v->expanded = eo;
		v->flat = NULL;
		v->key = eo->key;
		v->periods = eo->periods;
		v->nperiods = eo->nperiods;
		v->sorted = eo->sorted;
	}
	else
	{
		UtilFlat   *f = (UtilFlat *) PG_DETOAST_DATUM(d);

		if (f->version != STATE_VERSION)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("estate.utilisation_state of unknown version %d", f->version)));
		v->flat = f;
		v->expanded = NULL;
		v->key.capacity = f->capacity;
		v->key.span_lo = f->span_lo;
		v->key.span_hi = f->span_hi;
		v->key.core = FLAT_CORE(f);
		v->key.core_len = f->core_len;
		v->key.closed = FLAT_CLOSED(f);
		v->key.nclosed = (size_t) f->nclosed;
		v->periods = FLAT_PERIODS(f);
		v->nperiods = (size_t) f->nperiods;
		v->sorted = (f->flags & STATE_SORTED) != 0;
	}
}

/* ---------------------------------------------------------------------------
 * Text and binary I/O (Citus ships states as text)
 * ------------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(utilisation_state_out);
Datum
utilisation_state_out(PG_FUNCTION_ARGS)
{
	UtilView	v;
	char	   *core_text;
	size_t		max;
	char	   *out;

	util_view(PG_GETARG_DATUM(0), &v);
	core_text = estate_core_hours_text(v.key.core, v.key.core_len);
	max = estate_state_text_max(strlen(core_text), v.key.nclosed, v.nperiods);
	out = palloc_extended(max + 1, MCXT_ALLOC_HUGE);
	check_flat_limit(v.nperiods, estate_state_format(&v.key, core_text, v.periods, v.nperiods, out));
	PG_RETURN_CSTRING(out);
}

/* Check the zone of parsed core hours and return their stored form. */
static uint8 *
stored_core(estate_core_hours *ch, size_t *len, int sqlstate, const char *type_text)
{
	char		canonical[ESTATE_ZONE_MAX + 1];
	uint8	   *bytes;

	if (estate_zone_lookup(ch->zone, canonical) == NULL)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid input for type estate.utilisation_state: %s", type_text),
				 errdetail("\"%s\" is not an IANA time-zone name in the server's time-zone database.", ch->zone)));
	strcpy(ch->zone, canonical);
	*len = estate_core_hours_encoded_size(ch);
	bytes = palloc(*len);
	estate_core_hours_encode(ch, bytes);
	return bytes;
}

PG_FUNCTION_INFO_V1(utilisation_state_in);
Datum
utilisation_state_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	estate_state_text head;
	estate_core_hours *ch = palloc(sizeof(estate_core_hours));
	const char *detail = NULL;
	int32	   *closed;
	estate_period *periods;
	estate_group_key key;

	/* First pass: syntax and counts; second: the values. */
	if (estate_state_parse(str, len, &head, ch, NULL, NULL, &detail) != ESTATE_OK)
		goto bad;
	closed = palloc(sizeof(int32) * Max(head.nclosed, 1));
	check_flat_limit(head.nperiods, flat_size(0, 0, head.nperiods));
	periods = palloc_extended(sizeof(estate_period) * Max(head.nperiods, 1), MCXT_ALLOC_HUGE);
	if (estate_state_parse(str, len, &head, ch, closed, periods, &detail) != ESTATE_OK)
		goto bad;

	key.capacity = head.capacity;
	key.span_lo = head.span_lo;
	key.span_hi = head.span_hi;
	key.core = stored_core(ch, &key.core_len, ERRCODE_INVALID_TEXT_REPRESENTATION, "bad core hours");
	key.closed = closed;
	key.nclosed = head.nclosed;
	PG_RETURN_POINTER(new_flat(&key, periods, head.nperiods, head.nperiods,
							   estate_periods_sorted(periods, head.nperiods)));

bad:
	/* The text of a large state is long: quote its start only. */
	estate_input_error(fcinfo,
					   errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					   errmsg("invalid input syntax for type estate.utilisation_state: \"%.200s%s\"",
							  str, len > 200 ? "..." : ""),
					   errdetail("%s", detail));
	PG_RETURN_NULL();
}

/*
 * Binary form: version, capacity, span bounds, the core hours' stored bytes
 * (length first; they carry their own version), the closed dates (count first), then the period count and
 * each period's start, end and headcount (-1 unknown).
 */
PG_FUNCTION_INFO_V1(utilisation_state_send);
Datum
utilisation_state_send(PG_FUNCTION_ARGS)
{
	UtilView	v;
	StringInfoData buf;

	util_view(PG_GETARG_DATUM(0), &v);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, STATE_VERSION);
	pq_sendint32(&buf, v.key.capacity);
	pq_sendint64(&buf, v.key.span_lo);
	pq_sendint64(&buf, v.key.span_hi);
	pq_sendint32(&buf, (int32) v.key.core_len);
	pq_sendbytes(&buf, (const char *) v.key.core, (int) v.key.core_len);
	pq_sendint32(&buf, (int32) v.key.nclosed);
	for (size_t i = 0; i < v.key.nclosed; i++)
		pq_sendint32(&buf, v.key.closed[i]);
	pq_sendint64(&buf, (int64) v.nperiods);
	for (size_t i = 0; i < v.nperiods; i++)
	{
		pq_sendint64(&buf, v.periods[i].start);
		pq_sendint64(&buf, v.periods[i].end);
		pq_sendint32(&buf, v.periods[i].headcount);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
bad_binary(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary input for type estate.utilisation_state"),
			 errdetail("%s", detail)));
}

/* Bytes left in buf must hold count items of size bytes each. */
static void
need(StringInfo buf, int64 count, int size)
{
	if (count < 0 || count > (int64) (buf->len - buf->cursor) / size)
		bad_binary("A count exceeds the data that follows it.");
}

PG_FUNCTION_INFO_V1(utilisation_state_recv);
Datum
utilisation_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	estate_group_key key;
	int32		core_len;
	int32		nclosed;
	int64		nperiods;
	int32	   *closed;
	estate_period *periods;
	estate_core_hours *ch = palloc(sizeof(estate_core_hours));
	const char *detail = NULL;

	need(buf, 1, 1 + 4 + 8 + 8 + 4);
	if (pq_getmsgbyte(buf) != STATE_VERSION)
		bad_binary("Unknown version byte.");
	key.capacity = pq_getmsgint(buf, 4);
	key.span_lo = pq_getmsgint64(buf);
	key.span_hi = pq_getmsgint64(buf);
	core_len = pq_getmsgint(buf, 4);
	need(buf, core_len, 1);
	if (estate_core_hours_decode((const uint8 *) pq_getmsgbytes(buf, core_len),
								 (size_t) core_len, ch, &detail) != ESTATE_OK)
		bad_binary(detail);
	key.core = stored_core(ch, &key.core_len, ERRCODE_INVALID_BINARY_REPRESENTATION, "bad core hours");

	need(buf, 1, 4);
	nclosed = pq_getmsgint(buf, 4);
	need(buf, nclosed, 4);
	closed = palloc(sizeof(int32) * Max(nclosed, 1));
	for (int i = 0; i < nclosed; i++)
		closed[i] = pq_getmsgint(buf, 4);
	key.closed = closed;
	key.nclosed = (size_t) nclosed;
	if (estate_state_check_key(key.capacity, key.span_lo, key.span_hi,
							   closed, key.nclosed, &detail) != ESTATE_OK)
		bad_binary(detail);

	need(buf, 1, 8);
	nperiods = pq_getmsgint64(buf);
	need(buf, nperiods, 8 + 8 + 4);
	periods = palloc_extended(sizeof(estate_period) * Max(nperiods, 1), MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < nperiods; i++)
	{
		periods[i].start = pq_getmsgint64(buf);
		periods[i].end = pq_getmsgint64(buf);
		periods[i].headcount = pq_getmsgint(buf, 4);
		if (estate_state_check_period(key.span_lo, key.span_hi, &periods[i], &detail) != ESTATE_OK)
			bad_binary(detail);
	}
	if (buf->cursor != buf->len)
		bad_binary("Unexpected bytes after the periods.");
	PG_RETURN_POINTER(new_flat(&key, periods, (size_t) nperiods, (size_t) nperiods,
							   estate_periods_sorted(periods, (size_t) nperiods)));
}

/* ---------------------------------------------------------------------------
 * Transition
 * ------------------------------------------------------------------------- */

/* Per-call cache of the arguments that usually repeat from row to row. */
typedef struct RowCache
{
	bool		inspected;		/* the call's arguments have been looked at */
	bool		fixed;			/* core, span and closed are constants */
	uint64		key_id;			/* id of the last row's key, below */
	int32		capacity;
	size_t		key_nclosed;
	bytea	   *core_raw;
	bytea	   *span_raw;		/* a copy of the last span argument */
	TimestampTz span_lo;
	TimestampTz span_hi;
	bytea	   *closed_raw;		/* a copy of the last closed argument */
	int32	   *closed;
	size_t		nclosed;
} RowCache;

/* A function's per-call-site cache in fn_extra, zeroed when first made. */
static void *
call_cache(FunctionCallInfo fcinfo, Size size)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, size);
	return fcinfo->flinfo->fn_extra;
}

/* Whether a cached copy holds the same bytes as a (possibly packed) varlena. */
static bool
same_bytes(const bytea *copy, const struct varlena *v)
{
	return copy != NULL && VARSIZE(copy) - VARHDRSZ == VARSIZE_ANY_EXHDR(v) &&
		memcmp(VARDATA(copy), VARDATA_ANY(v), VARSIZE(copy) - VARHDRSZ) == 0;
}

static bytea *
keep_bytes(MemoryContext cxt, bytea *old, const struct varlena *v)
{
	Size		n = VARSIZE_ANY_EXHDR(v);
	bytea	   *copy = MemoryContextAlloc(cxt, VARHDRSZ + n);

	if (old)
		pfree(old);
	SET_VARSIZE(copy, VARHDRSZ + n);
	memcpy(VARDATA(copy), VARDATA_ANY(v), n);
	return copy;
}

static void
span_of_row(FunctionCallInfo fcinfo, RowCache *cache, Datum span, estate_group_key *key)
{
	struct varlena *raw = PG_DETOAST_DATUM_PACKED(span);

	if (!same_bytes(cache->span_raw, raw))
	{
		estate_span_bounds(span, "span", &cache->span_lo, &cache->span_hi);
		cache->span_raw = keep_bytes(fcinfo->flinfo->fn_mcxt, cache->span_raw, raw);
	}
	key->span_lo = cache->span_lo;
	key->span_hi = cache->span_hi;
}

static void
closed_of_row(FunctionCallInfo fcinfo, RowCache *cache, Datum closed, estate_group_key *key)
{
	struct varlena *raw = PG_DETOAST_DATUM_PACKED(closed);

	if (!same_bytes(cache->closed_raw, raw))
	{
		int32	   *dates;
		size_t		n = estate_closed_dates(DatumGetArrayTypeP(closed), &dates);

		if (cache->closed)
			pfree(cache->closed);
		cache->key_id = 0;		/* the dates behind the last key id changed */
		cache->closed = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(int32) * Max(n, 1));
		memcpy(cache->closed, dates, sizeof(int32) * n);
		cache->nclosed = n;
		cache->closed_raw = keep_bytes(fcinfo->flinfo->fn_mcxt, cache->closed_raw, raw);
	}
	key->closed = cache->closed;
	key->nclosed = cache->nclosed;
}

/*
 * A period's bounds clipped to the span; false when nothing is left.  The
 * tstzrange is read where it lies, without the copy detoasting a packed
 * value makes: after the varlena header come the range type's OID, the
 * bounds that are present (8 bytes each, unpadded) and a flags byte last.
 * That is range_serialize's layout, an on-disk format pg_upgrade keeps.
 */
static bool
period_in_span(Datum period, TimestampTz span_lo, TimestampTz span_hi, estate_period *p)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(period);
	const char *data;
	Size		len;
	uint8		flags;
	Size		expected;
	Size		off = sizeof(Oid);
	int64		bound;

	if (VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v))
		v = PG_DETOAST_DATUM(period);
	data = VARDATA_ANY(v);
	len = VARSIZE_ANY_EXHDR(v);
	flags = (uint8) data[len - 1];
	if (flags & RANGE_EMPTY)
		return false;
	expected = sizeof(Oid) + 1 + (RANGE_HAS_LBOUND(flags) ? 8 : 0) + (RANGE_HAS_UBOUND(flags) ? 8 : 0);
	if (len != expected)
		elog(ERROR, "unexpected tstzrange layout (%zu bytes, flags 0x%02x)", len, flags);
	p->start = span_lo;
	p->end = span_hi;
	if (RANGE_HAS_LBOUND(flags))
	{
		memcpy(&bound, data + off, sizeof(bound));
		off += sizeof(bound);
		p->start = Max(bound, span_lo);
	}
	if (RANGE_HAS_UBOUND(flags))
	{
		memcpy(&bound, data + off, sizeof(bound));
		p->end = Min(bound, span_hi);
	}
	return p->start < p->end;
}

/*
 * Give the row's key an id: the last row's when the key is the same, a new
 * one otherwise.  A group remembers the id of the key it last matched,
 * so that rows repeating it skip comparing core hours and dates with the
 * group's copies, which are often no longer in the CPU's cache.
 */
static void
intern_row_key(FunctionCallInfo fcinfo, RowCache *cache, const estate_group_key *key)
{
	static uint64 last_id = 0;

	if (cache->key_id != 0 && cache->capacity == key->capacity &&
		VARSIZE(cache->core_raw) - VARHDRSZ == key->core_len &&
		memcmp(VARDATA(cache->core_raw), key->core, key->core_len) == 0 &&
		cache->span_lo == key->span_lo && cache->span_hi == key->span_hi &&
		cache->key_nclosed == key->nclosed)
		return;
	/* Dates, when given, are cache->closed, which resets key_id on change. */
	cache->key_nclosed = key->nclosed;
	if (cache->core_raw)
		pfree(cache->core_raw);
	cache->core_raw = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARHDRSZ + key->core_len);
	SET_VARSIZE(cache->core_raw, VARHDRSZ + key->core_len);
	memcpy(VARDATA(cache->core_raw), key->core, key->core_len);
	cache->capacity = key->capacity;
	cache->key_id = ++last_id;
}

static char *
timestamptz_text(TimestampTz t)
{
	return DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(t)));
}

static void
check_same_group(const estate_group_key *state, const estate_group_key *row)
{
	const char *what;
	char	   *detail;

	if (estate_group_key_equal(state, row, &what))
		return;
	if (strcmp(what, "capacity") == 0)
		detail = psprintf("Found capacity %d and %d.", state->capacity, row->capacity);
	else if (strcmp(what, "span") == 0)
		detail = psprintf("Found [%s, %s) and [%s, %s).",
						  timestamptz_text(state->span_lo), timestamptz_text(state->span_hi),
						  timestamptz_text(row->span_lo), timestamptz_text(row->span_hi));
	else if (strcmp(what, "core") == 0)
		detail = psprintf("Found \"%s\" and \"%s\".", estate_core_hours_text(state->core, state->core_len),
						  estate_core_hours_text(row->core, row->core_len));
	else
		detail = psprintf("Found %zu and %zu distinct closed dates, or different ones.",
						  state->nclosed, row->nclosed);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s must be the same on every row of a group", what),
			 errdetail("%s", detail),
			 errhint("One group is one room: group by the room and give all its rows the same capacity, core hours, span and closed dates.")));
}

/*
 * The state as this aggregate's own read-write expanded object, or NULL.
 * Inline, as DatumGetEOHP would read it: this runs on every row.
 */
static inline UtilExpanded *
own_expanded(Datum state, MemoryContext aggcontext)
{
	varatt_expanded ptr;

	if (!VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(state)))
		return NULL;
	memcpy(&ptr, VARDATA_EXTERNAL(DatumGetPointer(state)), sizeof(ptr));
	if (((UtilExpanded *) ptr.eohptr)->owner != aggcontext)
		return NULL;
	return (UtilExpanded *) ptr.eohptr;
}

/* Add one period to an expanded state: the transition's common case. */
static inline void
expanded_push(UtilExpanded *eo, const estate_period *p)
{
	if (eo->nperiods == eo->nalloc)
	{
		eo->nalloc *= 2;
		eo->periods = repalloc_huge(eo->periods, eo->nalloc * sizeof(estate_period));
	}
	if (eo->nperiods > 0 && p->start < eo->last_start)
		eo->sorted = false;
	eo->last_start = p->start;
	eo->periods[eo->nperiods++] = *p;
}

static void
expanded_append(UtilExpanded *eo, const estate_period *add, size_t nadd, bool add_sorted)
{
	size_t		total = eo->nperiods + nadd;
	bool		interleaved = nadd > 0 && eo->nperiods > 0 && add[0].start < eo->last_start;

	if (nadd == 0)
		return;
	if (nadd == 1)
	{
		expanded_push(eo, add);
		return;
	}

	if (eo->sorted && add_sorted && interleaved && nadd > 1)
	{
		/* Two sorted runs (two workers' scans): merge, so that the final
		 * function need not sort. */
		size_t		cap = Max(total, eo->nalloc);
		estate_period *merged = MemoryContextAllocHuge(eo->hdr.eoh_context,
													   cap * sizeof(estate_period));

		estate_periods_merge(eo->periods, eo->nperiods, add, nadd, merged);
		pfree(eo->periods);
		eo->periods = merged;
		eo->nalloc = cap;
		eo->last_start = Max(eo->last_start, add[nadd - 1].start);
	}
	else
	{
		if (total > eo->nalloc)
		{
			eo->nalloc = Max(total, 2 * eo->nalloc);
			eo->periods = repalloc_huge(eo->periods, eo->nalloc * sizeof(estate_period));
		}
		memcpy(eo->periods + eo->nperiods, add, nadd * sizeof(estate_period));
		eo->sorted = eo->sorted && add_sorted && !interleaved;
		eo->last_start = add[nadd - 1].start;
	}
	eo->nperiods = total;
}

/*
 * Add periods (sorted or not) to a state seen through v, and return the
 * state to keep: the same datum when it changed in place, else a new one.
 */
static Datum
util_append(MemoryContext aggcontext, Datum state, const UtilView *v,
			const estate_period *add, size_t nadd, bool add_sorted)
{
	size_t		total = v->nperiods + nadd;
	bool		sorted = v->sorted && add_sorted &&
		!(nadd > 0 && v->nperiods > 0 && add[0].start < v->periods[v->nperiods - 1].start);
	bool		in_place = v->flat == (UtilFlat *) DatumGetPointer(state);

	if (v->expanded && own_expanded(state, aggcontext))
	{
		expanded_append(v->expanded, add, nadd, add_sorted);
		return state;
	}
	if (nadd == 0 && in_place)
		return state;
	/* In place when there is room: the state is in aggregate memory. */
	if (in_place && total <= (size_t) v->flat->nalloc)
	{
		memcpy(v->periods + v->nperiods, add, nadd * sizeof(estate_period));
		v->flat->nperiods = (int32) total;
		v->flat->flags = sorted ? STATE_SORTED : 0;
		return state;
	}
	if (total > FLAT_MAX_PERIODS)
	{
		UtilExpanded *eo = new_expanded(aggcontext, &v->key, Max(total, 2 * (size_t) FLAT_MAX_PERIODS));

		expanded_append(eo, v->periods, v->nperiods, v->sorted);
		expanded_append(eo, add, nadd, add_sorted);
		return EOHPGetRWDatum(&eo->hdr);
	}
	else
	{
		/* A new flat value twice the size; the executor copies it into
		 * aggregate memory and frees the old one. */
		size_t		nalloc = Min(Max(total, 2 * v->nperiods), (size_t) FLAT_MAX_PERIODS);
		UtilFlat   *f = new_flat(&v->key, v->periods, v->nperiods, nalloc, sorted);

		memcpy(FLAT_PERIODS(f) + v->nperiods, add, nadd * sizeof(estate_period));
		f->nperiods = (int32) total;
		return PointerGetDatum(f);
	}
}

static MemoryContext
aggregate_context(FunctionCallInfo fcinfo, const char *name)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", name)));
	return aggcontext;
}

/* The core hours, span and closed dates of a row, and the key's id. */
static void
row_key(FunctionCallInfo fcinfo, RowCache *cache, bool core_from_setting, estate_group_key *key)
{
	int			span_arg = core_from_setting ? 4 : 5;

	if (core_from_setting)
		key->core = estate_core_hours_setting_bytes(&key->core_len);
	else
	{
		bytea	   *core;

		if (PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("core hours must not be NULL"),
					 errhint("Omit the argument to use the setting estate.core_hours.")));
		core = PG_GETARG_BYTEA_PP(4);
		key->core = ESTATE_CORE_BYTES(core);
		key->core_len = ESTATE_CORE_NBYTES(core);
	}
	if (PG_ARGISNULL(span_arg))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("span must not be NULL")));
	span_of_row(fcinfo, cache, PG_GETARG_DATUM(span_arg), key);
	if (PG_NARGS() > span_arg + 1 && !PG_ARGISNULL(span_arg + 1))
		closed_of_row(fcinfo, cache, PG_GETARG_DATUM(span_arg + 1), key);
	intern_row_key(fcinfo, cache, key);
}

/*
 * Whether the core hours, span and closed dates of this call are constants
 * (as they usually are: literals in the query), so that every row carries
 * the same ones and only the capacity can differ between rows.  Aggregates
 * merged into one transition share their arguments, so one Aggref speaks for
 * all.  The setting's core hours could be changed by a set_config() in the
 * query itself, so that form is never fixed.
 */
static void
inspect_arguments(FunctionCallInfo fcinfo, RowCache *cache, bool core_from_setting)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);

	cache->inspected = true;
	cache->fixed = false;
	if (aggref == NULL || core_from_setting)
		return;
	/* Aggregate arguments: period, headcount, capacity, core, span[, closed]. */
	for (int i = 3; i < list_length(aggref->args); i++)
		if (!IsA(((TargetEntry *) list_nth(aggref->args, i))->expr, Const))
			return;
	cache->fixed = true;
}

/*
 * One row: (state, period, headcount, capacity, core, span[, closed]), with
 * the core from the setting when core_from_setting.
 */
static Datum
utilisation_transition(FunctionCallInfo fcinfo, bool core_from_setting)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "utilisation_transfn");
	RowCache   *cache = (RowCache *) call_cache(fcinfo, sizeof(RowCache));
	estate_group_key key = {0};
	estate_period p = {0, 0, 0};
	bool		have_period = false;
	UtilExpanded *eo;

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("capacity must not be NULL"),
				 errhint("One group is one room, with its capacity on every row.")));
	key.capacity = PG_GETARG_INT32(3);
	if (key.capacity <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("capacity must be positive: %d", key.capacity)));
	if (!cache->inspected)
		inspect_arguments(fcinfo, cache, core_from_setting);
	if (cache->fixed && cache->key_id != 0)
	{
		/* Constant arguments, read and checked on the first row. */
		key.core = (const uint8 *) VARDATA(cache->core_raw);
		key.core_len = VARSIZE(cache->core_raw) - VARHDRSZ;
		key.span_lo = cache->span_lo;
		key.span_hi = cache->span_hi;
		key.closed = cache->closed;
		key.nclosed = cache->key_nclosed;
	}
	else
		row_key(fcinfo, cache, core_from_setting, &key);

	if (!PG_ARGISNULL(2) && PG_GETARG_INT32(2) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("headcount must not be negative: %d", PG_GETARG_INT32(2))));

	/* A period in use: not NULL, not empty, headcount unknown or positive. */
	if (!PG_ARGISNULL(1) && (PG_ARGISNULL(2) || PG_GETARG_INT32(2) > 0) &&
		period_in_span(PG_GETARG_DATUM(1), key.span_lo, key.span_hi, &p))
	{
		p.headcount = PG_ARGISNULL(2) ? ESTATE_HEADCOUNT_UNKNOWN : PG_GETARG_INT32(2);
		have_period = true;
	}

	if (PG_ARGISNULL(0))
	{
		/* The first row of a group; the executor copies this into place. */
		return PointerGetDatum(new_flat(&key, &p, have_period ? 1 : 0, 1, true));
	}
	else if ((eo = own_expanded(PG_GETARG_DATUM(0), aggcontext)) != NULL)
	{
		/*
		 * A large group: the row goes straight into the expanded object.
		 * Its key is compared only when the row's key is not one it has
		 * matched before (fixed arguments: only the capacity can differ).
		 */
		if (cache->fixed ? eo->key.capacity != key.capacity : eo->key_id != cache->key_id)
		{
			UtilView	v;

			util_view(PG_GETARG_DATUM(0), &v);
			check_same_group(&v.key, &key);
			eo->key_id = cache->key_id;
		}
		if (have_period)
			expanded_push(eo, &p);
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	else
	{
		UtilView	v;

		util_view(PG_GETARG_DATUM(0), &v);
		if (!cache->fixed || v.key.capacity != key.capacity)
			check_same_group(&v.key, &key);
		return util_append(aggcontext, PG_GETARG_DATUM(0), &v, &p,
						   have_period ? 1 : 0, true);
	}
}

PG_FUNCTION_INFO_V1(utilisation_transfn);
Datum
utilisation_transfn(PG_FUNCTION_ARGS)
{
	return utilisation_transition(fcinfo, false);
}

PG_FUNCTION_INFO_V1(utilisation_transfn_setting);
Datum
utilisation_transfn_setting(PG_FUNCTION_ARGS)
{
	return utilisation_transition(fcinfo, true);
}

/*
 * Combine two partial states.  The second is never ours to change: it may
 * point into a tuple or another node's expanded object.
 */
PG_FUNCTION_INFO_V1(utilisation_combine);
Datum
utilisation_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "utilisation_combine");
	UtilView	b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	util_view(PG_GETARG_DATUM(1), &b);
	if (PG_ARGISNULL(0))
	{
		if (b.nperiods > FLAT_MAX_PERIODS)
		{
			UtilExpanded *eo = new_expanded(aggcontext, &b.key, b.nperiods);

			expanded_append(eo, b.periods, b.nperiods, b.sorted);
			return EOHPGetRWDatum(&eo->hdr);
		}
		PG_RETURN_POINTER(new_flat(&b.key, b.periods, b.nperiods, Max(b.nperiods, 1), b.sorted));
	}
	else
	{
		UtilView	a;

		util_view(PG_GETARG_DATUM(0), &a);
		check_same_group(&a.key, &b.key);
		return util_append(aggcontext, PG_GETARG_DATUM(0), &a,
						   b.periods, b.nperiods, b.sorted);
	}
}

/* ---------------------------------------------------------------------------
 * Final functions
 * ------------------------------------------------------------------------- */

/*
 * What a final function keeps between groups: the core pieces of the last
 * group's key (groups usually share core hours and span), and the composite
 * result's descriptor.
 */
typedef struct FinalCache
{
	bool		valid;
	estate_group_key key;		/* capacity unused; core and closed owned */
	estate_core_piece *pieces;
	size_t		npieces;
	TupleDesc	tupdesc;
} FinalCache;

static const estate_core_piece *
core_pieces_for(FunctionCallInfo fcinfo, const estate_group_key *key, bool cells, size_t *n)
{
	FinalCache *c = ((FinalCache *) call_cache(fcinfo, sizeof(FinalCache)));
	MemoryContext old;
	estate_core_piece *pieces;
	const char *what;

	if (c->valid)
	{
		c->key.capacity = key->capacity;
		if (estate_group_key_equal(&c->key, key, &what))
		{
			*n = c->npieces;
			return c->pieces;
		}
		pfree((void *) c->key.core);
		if (c->key.closed)
			pfree((void *) c->key.closed);
		pfree(c->pieces);
		c->valid = false;
	}
	/* Computed in the call's memory; only the result is kept. */
	c->npieces = estate_core_pieces(key->core, key->core_len, key->span_lo, key->span_hi,
									key->closed, key->nclosed, cells, &pieces);
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	c->pieces = palloc_extended(sizeof(estate_core_piece) * Max(c->npieces, 1), MCXT_ALLOC_HUGE);
	if (c->npieces > 0)
		memcpy(c->pieces, pieces, sizeof(estate_core_piece) * c->npieces);
	c->key = *key;
	c->key.core = memcpy(palloc(key->core_len), key->core, key->core_len);
	c->key.closed = key->nclosed == 0 ? NULL :
		memcpy(palloc(sizeof(int32) * key->nclosed), key->closed, sizeof(int32) * key->nclosed);
	c->valid = true;
	MemoryContextSwitchTo(old);
	*n = c->npieces;
	return c->pieces;
}

static void *
grow_in_current_context(void *ptr, size_t size, void *arg)
{
	(void) arg;
	if (size == 0)
	{
		if (ptr)
			pfree(ptr);
		return NULL;
	}
	return ptr ? repalloc_huge(ptr, size) : palloc_extended(size, MCXT_ALLOC_HUGE);
}

/*
 * Sort periods by start: a radix sort through scratch memory when it can be
 * had (it is freed at once), else in place.
 */
static void
sort_periods(estate_period *periods, size_t n)
{
	estate_period *scratch = NULL;

	if (estate_periods_sorted(periods, n))
		return;
	scratch = palloc_extended(sizeof(estate_period) * Max(n, 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
	estate_periods_sort(periods, n, scratch);
	if (scratch)
		pfree(scratch);
}

/*
 * Sweep a state.  Its periods are sorted in place when this is an aggregate
 * call (the state is the aggregate's own, and the same multiset in another
 * order is the same state to every aggregate sharing it); a direct call may
 * see a state in a shared buffer, so it sorts a copy.
 */
static void
sweep_state(FunctionCallInfo fcinfo, Datum state, bool cells_wanted,
			UtilView *v, estate_sweep_totals *totals, estate_cell_totals *cells)
{
	estate_period *periods;
	const estate_core_piece *pieces;
	size_t		npieces;

	util_view(state, v);
	if (v->sorted)
		periods = v->periods;
	else if (AggCheckCallContext(fcinfo, NULL))
	{
		periods = v->periods;
		sort_periods(periods, v->nperiods);
		if (v->expanded)
		{
			v->expanded->sorted = true;
			if (v->nperiods > 0)
				v->expanded->last_start = periods[v->nperiods - 1].start;
		}
		else
			v->flat->flags |= STATE_SORTED;
	}
	else
	{
		periods = palloc_extended(sizeof(estate_period) * Max(v->nperiods, 1), MCXT_ALLOC_HUGE);
		memcpy(periods, v->periods, sizeof(estate_period) * v->nperiods);
		sort_periods(periods, v->nperiods);
	}
	pieces = core_pieces_for(fcinfo, &v->key, cells_wanted, &npieces);
	if (estate_sweep(periods, v->nperiods, pieces, npieces, totals, cells,
					 grow_in_current_context, NULL) != ESTATE_OK)
		elog(ERROR, "utilisation sweep failed");
}

PG_FUNCTION_INFO_V1(utilisation_final);
Datum
utilisation_final(PG_FUNCTION_ARGS)
{
	UtilView	v;
	estate_sweep_totals totals;
	estate_utilisation u;
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	sweep_state(fcinfo, PG_GETARG_DATUM(0), false, &v, &totals, NULL);
	estate_utilisation_compute(&totals, v.key.capacity, &u);
	if (u.peak_headcount > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("peak headcount %lld is out of range for integer", (long long) u.peak_headcount)));

	tupdesc = ((FinalCache *) call_cache(fcinfo, sizeof(FinalCache)))->tupdesc;
	if (tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "utilisation_final must return a composite type");
		tupdesc = ((FinalCache *) call_cache(fcinfo, sizeof(FinalCache)))->tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
	}
	values[0] = Float8GetDatum(u.hours_available);
	values[1] = Float8GetDatum(u.hours_in_use);
	values[2] = Float8GetDatum(u.frequency);
	nulls[2] = u.frequency_null;
	values[3] = Float8GetDatum(u.occupancy);
	nulls[3] = u.occupancy_null;
	values[4] = Float8GetDatum(u.rate);
	nulls[4] = u.rate_null;
	values[5] = Int32GetDatum((int32) u.peak_headcount);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(heatmap_final);
Datum
heatmap_final(PG_FUNCTION_ARGS)
{
	UtilView	v;
	estate_sweep_totals totals;
	estate_cell_totals *cells = palloc0(sizeof(estate_cell_totals) * HEATMAP_CELLS);
	Datum		values[HEATMAP_CELLS];
	bool		nulls[HEATMAP_CELLS];
	int			dims[1] = {HEATMAP_CELLS};
	int			lbs[1] = {1};

	for (int i = 0; i < HEATMAP_CELLS; i++)
		cells[i].person_us = estate_u128_zero();
	sweep_state(fcinfo, PG_GETARG_DATUM(0), true, &v, &totals, cells);
	for (int i = 0; i < HEATMAP_CELLS; i++)
	{
		nulls[i] = cells[i].core_us == 0;
		values[i] = Float8GetDatum(nulls[i] ? 0.0 :
								   estate_rate(cells[i].person_us, v.key.capacity, cells[i].core_us));
	}
	PG_RETURN_ARRAYTYPE_P(construct_md_array(values, nulls, 1, dims, lbs, FLOAT8OID,
											 sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* One row per cell of a heatmap, for BI tools. */
PG_FUNCTION_INFO_V1(heatmap_rows);
Datum
heatmap_rows(PG_FUNCTION_ARGS)
{
	static const char *const names[7] = {
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
	};
	ArrayType  *heatmap = PG_GETARG_ARRAYTYPE_P(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum	   *elems;
	bool	   *elem_nulls;
	int			n;

	if (ARR_NDIM(heatmap) != 1 || ArrayGetNItems(ARR_NDIM(heatmap), ARR_DIMS(heatmap)) != HEATMAP_CELLS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a heatmap is a one-dimensional array of 168 cells, not %d",
						ArrayGetNItems(ARR_NDIM(heatmap), ARR_DIMS(heatmap))),
				 errhint("Pass the result of estate.utilisation_heatmap.")));
	deconstruct_array(heatmap, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &elem_nulls, &n);
	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < HEATMAP_CELLS; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, elem_nulls[i]};

		values[0] = Int32GetDatum(i / 24 + 1);
		values[1] = CStringGetTextDatum(names[i / 24]);
		values[2] = Int32GetDatum(i % 24);
		values[3] = elems[i];
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
