/*
 * utilisation_state.c - the type estate.utilisation_state: its two forms
 * (utilisation_state.h) and its text and binary I/O.
 */
#include "postgres.h"
#include "fmgr.h"

#include "libpq/pqformat.h"
#include "utils/memutils.h"

#include "common/bigmem.h"
#include "common/error.h"
#include "core_hours.h"
#include "utilisation_state.h"

Size
util_flat_size(size_t core_len, size_t nclosed, size_t steps_len, size_t nperiods)
{
	return sizeof(UtilFlat) + INTALIGN(core_len) + nclosed * sizeof(int32) +
		INTALIGN(steps_len) + nperiods * sizeof(estate_period);
}

static estate_period *sorted_periods(UtilView *v, bool in_place);
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

/*
 * The flat form is what leaves the process (a parallel worker's state goes
 * to the leader flattened): it holds the state's step function, its periods
 * sorted and swept, packed.  They are packed here and kept only until
 * util_flatten_into has copied them, then freed, as are any steps on the
 * way: memory freed at once is reused for the next group, where memory kept
 * for each group would cost fresh pages (page faults are dear on virtual
 * machines; a worker's millions of periods are packed as they are swept,
 * without storing their steps).  The expanded state itself keeps its
 * periods, sorted in place.
 */
static Size
util_get_flat_size(ExpandedObjectHeader *eohptr)
{
	UtilExpanded *eo = (UtilExpanded *) eohptr;
	MemoryContext old = MemoryContextSwitchTo(eo->hdr.eoh_context);
	UtilView	v;
	size_t		n;
	Size		size;

	if (eo->packed)
		estate_big_free(eo->packed);
	util_view(EOHPGetRWDatum(&eo->hdr), &v);
	if (v.nsteps == 0 && v.nperiods > 0)
	{
		/* Periods alone (a worker's own): packed as they are swept, their
		 * steps never stored. */
		estate_period *periods = sorted_periods(&v, true);

		eo->packed_unit = estate_periods_unit(eo->key.span_lo, periods, v.nperiods);
		eo->packed = estate_big_palloc(2 * v.nperiods * ESTATE_STEP_PACKED_MAX);
		if (estate_periods_pack(eo->key.span_lo, eo->packed_unit, periods, v.nperiods, eo->packed,
								&eo->packed_len, &n, util_grow, NULL) != ESTATE_OK)
			elog(ERROR, "utilisation sweep failed");
	}
	else
	{
		const estate_step *steps = util_steps(&v, true, &n);

		eo->packed_unit = estate_steps_unit(eo->key.span_lo, steps, n);
		eo->packed = estate_big_palloc(Max(n, 1) * ESTATE_STEP_PACKED_MAX);
		eo->packed_len = estate_steps_pack(eo->key.span_lo, eo->packed_unit, steps, n, eo->packed);
		if (steps != eo->steps)
			estate_big_free((void *) steps);
	}
	eo->npacked = n;
	MemoryContextSwitchTo(old);
	size = util_flat_size(eo->key.core_len, eo->key.nclosed, eo->packed_len, 0);
	util_check_flat_limit(n, size);
	return size;
}

/* Write a flat state's header, core hours and dates; steps and periods follow. */
static void
write_flat_key(UtilFlat *f, Size size, const estate_group_key *key, size_t nsteps, size_t steps_len,
			   size_t nperiods, size_t nalloc, bool sorted)
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
	f->nsteps = (int32) nsteps;
	f->steps_len = (int32) steps_len;
	f->nperiods = (int32) nperiods;
	f->nalloc = (int32) nalloc;
	memcpy(FLAT_CORE(f), key->core, key->core_len);
	if (key->nclosed > 0)
		memcpy(FLAT_CLOSED(f), key->closed, key->nclosed * sizeof(int32));
}

static void
util_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	UtilExpanded *eo = (UtilExpanded *) eohptr;
	UtilFlat   *f = result;

	/* util_get_flat_size came first and packed the steps.  The result is
	 * fresh memory of the executor's: a large one is worth huge pages. */
	estate_big_hint(result, allocated_size);
	write_flat_key(f, allocated_size, &eo->key, eo->npacked, eo->packed_len, 0, 0, true);
	f->flags |= STATE_PACKED;
	f->unit = (int64) eo->packed_unit;
	memcpy(FLAT_STEPS(f), eo->packed, eo->packed_len);
	estate_big_free(eo->packed);
	eo->packed = NULL;
}

/* A new flat state in the current memory context, with room for nalloc periods. */
UtilFlat *
util_new_flat(const estate_group_key *key, const estate_step *steps, size_t nsteps,
			  const estate_period *periods, size_t nperiods, size_t nalloc, bool sorted)
{
	Size		size = util_flat_size(key->core_len, key->nclosed, nsteps * sizeof(estate_step), nalloc);
	UtilFlat   *f;

	util_check_flat_limit(nalloc + nsteps, size);
	f = palloc(size);
	write_flat_key(f, size, key, nsteps, nsteps * sizeof(estate_step), nperiods, nalloc, sorted);
	if (nsteps > 0)
		memcpy(FLAT_STEPS(f), steps, nsteps * sizeof(estate_step));
	if (nperiods > 0)
		memcpy(FLAT_PERIODS(f), periods, nperiods * sizeof(estate_period));
	return f;
}

MemoryContext
util_state_context(MemoryContext parent)
{
	return AllocSetContextCreate(parent, "estate utilisation state", ALLOCSET_SMALL_SIZES);
}

UtilExpanded *
util_new_expanded(MemoryContext parent, MemoryContext cxt, const estate_group_key *key, size_t nalloc)
{
	/* The core hours sit right after the header: each row compares them. */
	UtilExpanded *eo = MemoryContextAllocZero(cxt, sizeof(UtilExpanded) + key->core_len);
	MemoryContext old = CurrentMemoryContext;

	EOH_init_header(&eo->hdr, &util_methods, cxt);
	eo->owner = parent;
	eo->key = *key;
	eo->key.core = memcpy(eo + 1, key->core, key->core_len);
	eo->key.closed = key->nclosed == 0 ? NULL :
		memcpy(MemoryContextAlloc(cxt, sizeof(int32) * key->nclosed), key->closed,
			   sizeof(int32) * key->nclosed);
	/* The periods of all the aggregate's groups share one arena. */
	eo->arena = estate_arena_of(parent);
	MemoryContextSwitchTo(old);
	/* A combined state (nalloc 0) holds steps only: no block of periods. */
	util_reserve_periods(eo, nalloc);
	eo->nperiods = 0;
	eo->sorted = true;
	return eo;
}

estate_period *
util_alloc_periods(UtilExpanded *eo, size_t *n)
{
	Size		size = *n * sizeof(estate_period);
	MemoryContext old = MemoryContextSwitchTo(eo->hdr.eoh_context);
	estate_period *p = estate_arena_alloc(eo->arena, &size);

	MemoryContextSwitchTo(old);
	*n = size / sizeof(estate_period);
	return p;
}

void
util_replace_periods(UtilExpanded *eo, estate_period *periods, size_t nalloc)
{
	if (eo->periods)
		estate_arena_free(eo->arena, eo->periods, eo->nalloc * sizeof(estate_period));
	eo->periods = periods;
	eo->nalloc = nalloc;
}

void
util_reserve_periods(UtilExpanded *eo, size_t need)
{
	Size		size;
	MemoryContext old;

	if (need <= eo->nalloc)
		return;
	size = Max(need, 2 * eo->nalloc) * sizeof(estate_period);
	old = MemoryContextSwitchTo(eo->hdr.eoh_context);
	if (eo->periods == NULL)
		eo->periods = estate_arena_alloc(eo->arena, &size);
	else
		eo->periods = estate_arena_realloc(eo->arena, eo->periods, eo->nperiods * sizeof(estate_period),
										   eo->nalloc * sizeof(estate_period), &size);
	MemoryContextSwitchTo(old);
	eo->nalloc = size / sizeof(estate_period);
}

static bool
is_expanded(Datum d)
{
	return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d));
}

/*
 * estate 1.0's flat form (stored in a table, say) in today's: the same
 * key and periods, no steps.
 */
typedef struct UtilFlatV1
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
} UtilFlatV1;

static UtilFlat *
flat_of_v1(const UtilFlatV1 *old)
{
	const uint8 *core = (const uint8 *) old + sizeof(UtilFlatV1);
	const int32 *closed = (const int32 *) (core + INTALIGN(old->core_len));
	estate_group_key key;

	key.capacity = old->capacity;
	key.span_lo = old->span_lo;
	key.span_hi = old->span_hi;
	key.core = core;
	key.core_len = old->core_len;
	key.closed = closed;
	key.nclosed = (size_t) old->nclosed;
	return util_new_flat(&key, NULL, 0, (const estate_period *) (closed + old->nclosed),
						 (size_t) old->nperiods, (size_t) old->nperiods,
						 (old->flags & STATE_SORTED) != 0);
}

static void
corrupt_steps(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("estate.utilisation_state whose packed steps do not add up")));
}

/* Packed steps unpacked into new memory of CurrentMemoryContext. */
static estate_step *
unpack_steps(int64 lo, uint64 unit, const uint8 *bytes, size_t len, size_t n)
{
	estate_step *steps = estate_big_palloc(sizeof(estate_step) * Max(n, 1));

	if (!estate_steps_unpack(lo, unit, bytes, len, steps, n))
		corrupt_steps();
	return steps;
}

/*
 * Merge an expanded state's pending step functions into its steps: the
 * same function, in the form every reader but the final function needs.
 */
static void
settle(UtilExpanded *eo)
{
	for (int i = 0; i < eo->npending; i++)
	{
		UtilPacked *p = &eo->pending[i];
		estate_step *steps = unpack_steps(eo->key.span_lo, p->unit, p->bytes, p->len, p->nsteps);

		util_expanded_merge_steps(eo, steps, p->nsteps);
		estate_big_free(steps);
		estate_arena_free(eo->arena, p->bytes, p->len);
	}
	eo->npending = 0;
}

static void
view(Datum d, UtilView *v, bool packed)
{
	v->packed = NULL;
	v->packed_len = 0;
	v->unit = 0;
	v->steps_unpacked = false;
	if (is_expanded(d))
	{
		UtilExpanded *eo = (UtilExpanded *) DatumGetEOHP(d);

		Assert(eo->hdr.eoh_methods == &util_methods);
		if (!packed)
			settle(eo);
		v->expanded = eo;
		v->flat = NULL;
		v->key = eo->key;
		v->steps = eo->steps;
		v->nsteps = eo->nsteps;
		v->periods = eo->periods;
		v->nperiods = eo->nperiods;
		v->sorted = eo->sorted;
	}
	else
	{
		UtilFlat   *f = (UtilFlat *) PG_DETOAST_DATUM(d);

		if (f->version == STATE_VERSION_1)
			f = flat_of_v1((const UtilFlatV1 *) f);
		else if (f->version != STATE_VERSION)
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
		v->steps = (estate_step *) FLAT_STEPS(f);
		v->nsteps = (size_t) f->nsteps;
		if ((f->flags & STATE_PACKED) && v->nsteps > 0 && packed)
		{
			v->steps = NULL;
			v->packed = FLAT_STEPS(f);
			v->packed_len = (size_t) f->steps_len;
			v->unit = (uint64) f->unit;
		}
		else if ((f->flags & STATE_PACKED) && v->nsteps > 0)
		{
			v->steps = unpack_steps(f->span_lo, (uint64) f->unit, FLAT_STEPS(f),
									(size_t) f->steps_len, v->nsteps);
			v->steps_unpacked = true;
		}
		v->periods = FLAT_PERIODS(f);
		v->nperiods = (size_t) f->nperiods;
		v->sorted = (f->flags & STATE_SORTED) != 0;
	}
}

void
util_view(Datum d, UtilView *v)
{
	view(d, v, false);
}

void
util_view_packed(Datum d, UtilView *v)
{
	view(d, v, true);
}

bool
util_step_readers(const UtilView *v, estate_step_reader r[2])
{
	int			n = 0;
	int			npending = v->expanded ? v->expanded->npending : 0;

	if (v->nperiods > 0 || (v->steps && v->nsteps > 0) + (v->packed != NULL) + npending > 2)
		return false;
	if (v->steps && v->nsteps > 0)
		estate_step_reader_array(&r[n++], v->steps, v->nsteps);
	if (v->packed)
		estate_step_reader_packed(&r[n++], v->key.span_lo, v->unit, v->packed, v->packed_len, v->nsteps);
	for (int i = 0; i < npending; i++)
	{
		const UtilPacked *p = &v->expanded->pending[i];

		estate_step_reader_packed(&r[n++], v->key.span_lo, p->unit, p->bytes, p->len, p->nsteps);
	}
	while (n < 2)
		estate_step_reader_array(&r[n++], NULL, 0);
	return true;
}

void
util_check_readers(const estate_step_reader *r, int n)
{
	for (int i = 0; i < n; i++)
		if (!estate_step_reader_whole(&r[i]))
			corrupt_steps();
}

bool
util_pend(UtilExpanded *eo, const UtilView *v)
{
	UtilPacked *p;
	MemoryContext old;
	Size		size = v->packed_len;

	if (!v->packed || v->nperiods > 0 || eo->nperiods > 0 ||
		(eo->nsteps > 0) + eo->npending >= 2)
		return false;
	p = &eo->pending[eo->npending++];
	/* The arena's huge pages: a leader combining 1,000 rooms' states
	 * would otherwise fault in megabytes of fresh 4 kB pages here. */
	p->len = v->packed_len;
	old = MemoryContextSwitchTo(eo->hdr.eoh_context);
	p->bytes = memcpy(estate_arena_alloc(eo->arena, &size), v->packed, v->packed_len);
	MemoryContextSwitchTo(old);
	p->nsteps = v->nsteps;
	p->unit = v->unit;
	return true;
}

void
util_expanded_merge_steps(UtilExpanded *eo, const estate_step *add, size_t nadd)
{
	estate_step *merged;

	if (nadd == 0)
		return;
	if (eo->nsteps == 0)
	{
		merged = util_alloc_steps(eo->hdr.eoh_context, nadd);
		memcpy(merged, add, nadd * sizeof(estate_step));
		eo->nsteps = nadd;
	}
	else
		merged = util_merge_steps(eo->hdr.eoh_context, eo->steps, eo->nsteps, add, nadd, &eo->nsteps);
	if (eo->steps)
		estate_big_free(eo->steps);
	eo->steps = merged;
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
 * Sweeping periods into steps
 * ------------------------------------------------------------------------- */

void *
util_grow(void *ptr, size_t size, void *arg)
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
void
util_sort_periods(estate_period *periods, size_t n)
{
	estate_period *scratch = NULL;

	if (estate_periods_sorted(periods, n))
		return;
	scratch = palloc_extended(sizeof(estate_period) * Max(n, 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
	estate_periods_sort(periods, n, scratch);
	if (scratch)
		pfree(scratch);
}

estate_step *
util_alloc_steps(MemoryContext cxt, size_t n)
{
	Size		size = sizeof(estate_step) * Max(n, 1);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	estate_step *steps;

	util_check_flat_limit(n, size);
	steps = estate_big_palloc(size);
	MemoryContextSwitchTo(old);
	return steps;
}

void
util_known_overflow(void)
{
	estate_error(ESTATE_ERR_RANGE, NULL, NULL,
				 "a room's known headcount in progress exceeds %lld", (long long) ESTATE_STEP_KNOWN_MAX);
}

estate_step *
util_merge_steps(MemoryContext cxt, const estate_step *a, size_t na,
				 const estate_step *b, size_t nb, size_t *n)
{
	estate_step *out = util_alloc_steps(cxt, na + nb);

	if (estate_steps_merge(a, na, b, nb, out, n) != ESTATE_OK)
		util_known_overflow();
	return out;
}

/*
 * A view's periods sorted: in place when in_place (the caller's own state:
 * the same periods in another order are the same state), else a sorted
 * copy, which the caller frees, is returned.
 */
static estate_period *
sorted_periods(UtilView *v, bool in_place)
{
	estate_period *periods = v->periods;

	if (v->sorted)
		return periods;
	if (!in_place)
	{
		periods = palloc_extended(sizeof(estate_period) * v->nperiods, MCXT_ALLOC_HUGE);
		memcpy(periods, v->periods, sizeof(estate_period) * v->nperiods);
	}
	util_sort_periods(periods, v->nperiods);
	if (in_place && v->expanded)
	{
		v->expanded->sorted = true;
		v->expanded->last_start = periods[v->nperiods - 1].start;
	}
	return periods;
}

const estate_step *
util_steps(UtilView *v, bool in_place, size_t *n)
{
	estate_period *periods;
	estate_step *own;
	estate_step *merged;
	size_t		nown;

	if (v->nperiods == 0)
	{
		*n = v->nsteps;
		return v->steps;
	}
	periods = sorted_periods(v, in_place);
	own = util_alloc_steps(CurrentMemoryContext, 2 * v->nperiods);
	if (estate_steps_of_periods(periods, v->nperiods, own, &nown, util_grow, NULL) != ESTATE_OK)
		elog(ERROR, "utilisation sweep failed");
	if (periods != v->periods)
		pfree(periods);
	if (v->nsteps == 0)
	{
		*n = nown;
		return own;
	}
	merged = util_merge_steps(CurrentMemoryContext, own, nown, v->steps, v->nsteps, n);
	estate_big_free(own);
	return merged;
}

/* ---------------------------------------------------------------------------
 * Text and binary I/O (Citus ships states as text)
 * ------------------------------------------------------------------------- */

/*
 * The step function of a state about to leave the process: an expanded
 * state (an aggregate's own, as Citus's worker_partial_agg hands it over) has
 * its periods sorted in place, a flat one sorts a copy.
 */
static const estate_step *
leaving_steps(Datum d, UtilView *v, size_t *n)
{
	util_view(d, v);
	return util_steps(v, v->expanded != NULL, n);
}

PG_FUNCTION_INFO_V1(utilisation_state_out);
Datum
utilisation_state_out(PG_FUNCTION_ARGS)
{
	UtilView	v;
	size_t		n;
	const estate_step *steps = leaving_steps(PG_GETARG_DATUM(0), &v, &n);
	char	   *core_text = estate_core_hours_text(v.key.core, v.key.core_len);
	size_t		max = estate_state_text_max(strlen(core_text), v.key.nclosed, n);
	char	   *out;

	util_check_flat_limit(n, max);
	out = palloc_extended(max + 1, MCXT_ALLOC_HUGE);
	util_check_flat_limit(n, estate_state_format(&v.key, core_text, steps, n, out));
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
	estate_step *steps;
	estate_group_key key;

	/* First pass: syntax and counts; second: the values. */
	if (estate_state_parse(str, len, &head, ch, NULL, NULL, NULL, &detail) != ESTATE_OK)
		goto bad;
	closed = palloc(sizeof(int32) * Max(head.nclosed, 1));
	util_check_flat_limit(head.nperiods + head.nsteps,
						  (head.nperiods + head.nsteps) * sizeof(estate_step));
	periods = palloc_extended(sizeof(estate_period) * Max(head.nperiods, 1), MCXT_ALLOC_HUGE);
	steps = palloc_extended(sizeof(estate_step) * Max(head.nsteps, 1), MCXT_ALLOC_HUGE);
	if (estate_state_parse(str, len, &head, ch, closed, periods, steps, &detail) != ESTATE_OK)
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
	PG_RETURN_POINTER(util_new_flat(&key, steps, head.nsteps, periods, head.nperiods, head.nperiods,
									estate_periods_sorted(periods, head.nperiods)));

bad:
	/* The text of a large state is long: quote its start only. */
	estate_input_error(fcinfo, ESTATE_ERR_SYNTAX, detail, NULL,
					   "invalid input syntax for type estate.utilisation_state: \"%.200s%s\"",
					   str, len > 200 ? "..." : "");
}

/*
 * Binary form, version 2: version, capacity, span bounds, the core hours'
 * stored bytes (length first; they carry their own version), the closed
 * dates (count first), then the step count and each step's instant and
 * level.  Version 1 (estate 1.0, still read) had the periods instead: their
 * count, then each period's start, end and headcount (-1 unknown).
 */
#define BINARY_VERSION		2
#define BINARY_VERSION_1	1

PG_FUNCTION_INFO_V1(utilisation_state_send);
Datum
utilisation_state_send(PG_FUNCTION_ARGS)
{
	UtilView	v;
	size_t		n;
	const estate_step *steps = leaving_steps(PG_GETARG_DATUM(0), &v, &n);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, BINARY_VERSION);
	pq_sendint32(&buf, v.key.capacity);
	pq_sendint64(&buf, v.key.span_lo);
	pq_sendint64(&buf, v.key.span_hi);
	pq_sendint32(&buf, (int32) v.key.core_len);
	pq_sendbytes(&buf, (const char *) v.key.core, (int) v.key.core_len);
	pq_sendint32(&buf, (int32) v.key.nclosed);
	for (size_t i = 0; i < v.key.nclosed; i++)
		pq_sendint32(&buf, v.key.closed[i]);
	pq_sendint64(&buf, (int64) n);
	for (size_t i = 0; i < n; i++)
	{
		pq_sendint64(&buf, steps[i].at);
		pq_sendint64(&buf, steps[i].level);
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
	int			version;
	int32		core_len;
	int32		nclosed;
	int64		count;
	int32	   *closed;
	estate_period *periods = NULL;
	estate_step *steps = NULL;
	estate_core_hours *ch = palloc(sizeof(estate_core_hours));
	const char *detail = NULL;

	need(buf, 1, 1 + 4 + 8 + 8 + 4);
	version = pq_getmsgbyte(buf);
	if (version != BINARY_VERSION && version != BINARY_VERSION_1)
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
	count = pq_getmsgint64(buf);
	if (version == BINARY_VERSION)
	{
		need(buf, count, 8 + 8);
		steps = palloc_extended(sizeof(estate_step) * Max(count, 1), MCXT_ALLOC_HUGE);
		for (int64 i = 0; i < count; i++)
		{
			steps[i].at = pq_getmsgint64(buf);
			steps[i].level = pq_getmsgint64(buf);
		}
		if ((detail = estate_steps_check(key.span_lo, key.span_hi, steps, (size_t) count)) != NULL)
			bad_binary(detail);
	}
	else
	{
		need(buf, count, 8 + 8 + 4);
		periods = palloc_extended(sizeof(estate_period) * Max(count, 1), MCXT_ALLOC_HUGE);
		for (int64 i = 0; i < count; i++)
		{
			periods[i].start = pq_getmsgint64(buf);
			periods[i].end = pq_getmsgint64(buf);
			periods[i].headcount = pq_getmsgint(buf, 4);
			if (estate_state_check_period(key.span_lo, key.span_hi, &periods[i], &detail) != ESTATE_OK)
				bad_binary(detail);
		}
	}
	if (buf->cursor != buf->len)
		bad_binary("Unexpected bytes after the periods.");
	if (steps)
		PG_RETURN_POINTER(util_new_flat(&key, steps, (size_t) count, NULL, 0, 0, true));
	PG_RETURN_POINTER(util_new_flat(&key, NULL, 0, periods, (size_t) count, (size_t) count,
									estate_periods_sorted(periods, (size_t) count)));
}
