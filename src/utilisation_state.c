/*
 * utilisation_state.c - the type estate.utilisation_state: its two forms
 * (utilisation_state.h) and its text and binary I/O.
 */
#include "postgres.h"
#include "fmgr.h"

#include "libpq/pqformat.h"
#include "utils/memutils.h"

#include "common/error.h"
#include "core_hours.h"
#include "utilisation_state.h"

Size
util_flat_size(size_t core_len, size_t nclosed, size_t nperiods)
{
	return sizeof(UtilFlat) + INTALIGN(core_len) + nclosed * sizeof(int32) +
		nperiods * sizeof(estate_period);
}

static Size util_get_flat_size(ExpandedObjectHeader *eohptr);
static void util_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods util_methods = {
	util_get_flat_size,
	util_flatten_into
};

void
util_check_flat_limit(size_t nperiods, Size size)
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
	Size		size = util_flat_size(eo->key.core_len, eo->key.nclosed, eo->nperiods);

	util_check_flat_limit(eo->nperiods, size);
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
UtilFlat *
util_new_flat(const estate_group_key *key, const estate_period *periods, size_t nperiods,
		 size_t nalloc, bool sorted)
{
	Size		size = util_flat_size(key->core_len, key->nclosed, nalloc);
	UtilFlat   *f;

	util_check_flat_limit(nalloc, size);
	f = palloc(size);
	write_flat(f, size, key, periods, nperiods, nalloc, sorted);
	return f;
}

/* A new expanded state in a child context of parent. */
UtilExpanded *
util_new_expanded(MemoryContext parent, const estate_group_key *key, size_t nalloc)
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
void
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

/* A function's per-call-site cache in fn_extra, zeroed when first made. */
void *
util_call_cache(FunctionCallInfo fcinfo, Size size)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, size);
	return fcinfo->flinfo->fn_extra;
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
	util_check_flat_limit(v.nperiods, estate_state_format(&v.key, core_text, v.periods, v.nperiods, out));
	PG_RETURN_CSTRING(out);
}

/* Check the zone of parsed core hours and return their stored form. */
static uint8 *
stored_core(estate_core_hours *ch, size_t *len, estate_status status, const char *type_text)
{
	char		canonical[ESTATE_ZONE_MAX + 1];
	uint8	   *bytes;

	if (estate_zone_lookup(ch->zone, canonical) == NULL)
		estate_error(status,
					 psprintf("\"%s\" is not an IANA time-zone name in the server's time-zone database.", ch->zone),
					 NULL,
					 "invalid input for type estate.utilisation_state: %s", type_text);
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
	char		zone[ESTATE_ZONE_MAX + 1];
	int32	   *closed;
	estate_period *periods;
	estate_group_key key;

	/* First pass: syntax and counts; second: the values. */
	if (estate_state_parse(str, len, &head, ch, NULL, NULL, &detail) != ESTATE_OK)
		goto bad;
	closed = palloc(sizeof(int32) * Max(head.nclosed, 1));
	util_check_flat_limit(head.nperiods, util_flat_size(0, 0, head.nperiods));
	periods = palloc_extended(sizeof(estate_period) * Max(head.nperiods, 1), MCXT_ALLOC_HUGE);
	if (estate_state_parse(str, len, &head, ch, closed, periods, &detail) != ESTATE_OK)
		goto bad;
	/* An unknown zone is malformed text too: a soft error from PostgreSQL 16 on. */
	if (estate_zone_lookup(ch->zone, zone) == NULL)
	{
		detail = psprintf("\"%s\" is not an IANA time-zone name in the server's time-zone database.", ch->zone);
		goto bad;
	}

	key.capacity = head.capacity;
	key.span_lo = head.span_lo;
	key.span_hi = head.span_hi;
	key.core = stored_core(ch, &key.core_len, ESTATE_ERR_SYNTAX, "bad core hours");
	key.closed = closed;
	key.nclosed = head.nclosed;
	PG_RETURN_POINTER(util_new_flat(&key, periods, head.nperiods, head.nperiods,
							   estate_periods_sorted(periods, head.nperiods)));

bad:
	/* The text of a large state is long: quote its start only. */
	estate_input_error(fcinfo, ESTATE_ERR_SYNTAX, detail, NULL,
					   "invalid input syntax for type estate.utilisation_state: \"%.200s%s\"",
					   str, len > 200 ? "..." : "");
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
	estate_error(ESTATE_ERR_BINARY, detail, NULL,
				 "invalid binary input for type estate.utilisation_state");
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
	key.core = stored_core(ch, &key.core_len, ESTATE_ERR_BINARY, "bad core hours");

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
	PG_RETURN_POINTER(util_new_flat(&key, periods, (size_t) nperiods, (size_t) nperiods,
							   estate_periods_sorted(periods, (size_t) nperiods)));
}
