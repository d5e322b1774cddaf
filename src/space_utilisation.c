/*
 * space_utilisation.c - the transition and combine functions of the
 * space_utilisation and utilisation_heatmap aggregates, over the state
 * estate.utilisation_state (utilisation_state.h).
 */
#include "postgres.h"
#include "fmgr.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "common/bigmem.h"
#include "common/error.h"
#include "core_hours.h"
#include "utilisation_state.h"

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
	estate_error(ESTATE_ERR_ARGUMENT, detail,
				 "One group is one room: group by the room and give all its rows the same capacity, core hours, span and closed dates.",
				 "%s must be the same on every row of a group", what);
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
		util_reserve_periods(eo, eo->nperiods + 1);
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
		estate_period *merged = util_alloc_periods(eo, &cap);

		estate_periods_merge(eo->periods, eo->nperiods, add, nadd, merged);
		util_replace_periods(eo, merged, cap);
		eo->last_start = Max(eo->last_start, add[nadd - 1].start);
	}
	else
	{
		util_reserve_periods(eo, total);
		memcpy(eo->periods + eo->nperiods, add, nadd * sizeof(estate_period));
		eo->sorted = eo->sorted && add_sorted && !interleaved;
		eo->last_start = add[nadd - 1].start;
	}
	eo->nperiods = total;
}

/* A new expanded state holding steps and periods. */
static Datum
new_expanded(MemoryContext aggcontext, const UtilView *v, const estate_step *steps, size_t nsteps,
			 size_t nalloc)
{
	UtilExpanded *eo = util_new_expanded(aggcontext, util_state_context(aggcontext), &v->key, nalloc);

	util_expanded_merge_steps(eo, steps, nsteps);
	expanded_append(eo, v->periods, v->nperiods, v->sorted);
	return EOHPGetRWDatum(&eo->hdr);
}

/*
 * Add periods (sorted or not) and steps to a state seen through v, and
 * return the state to keep: the same datum when it changed in place, else a
 * new one.
 */
static Datum
util_append(MemoryContext aggcontext, Datum state, const UtilView *v,
			const estate_period *add, size_t nadd, bool add_sorted,
			const estate_step *add_steps, size_t nadd_steps)
{
	size_t		total = v->nperiods + nadd;
	bool		sorted = v->sorted && add_sorted &&
		!(nadd > 0 && v->nperiods > 0 && add[0].start < v->periods[v->nperiods - 1].start);
	bool		in_place = v->flat == (UtilFlat *) DatumGetPointer(state);
	const estate_step *steps = v->steps;
	size_t		nsteps = v->nsteps;

	if (v->expanded && own_expanded(state, aggcontext))
	{
		util_expanded_merge_steps(v->expanded, add_steps, nadd_steps);
		expanded_append(v->expanded, add, nadd, add_sorted);
		return state;
	}
	/* In place when there is room: the state is in aggregate memory. */
	if (in_place && nadd_steps == 0 && total <= (size_t) v->flat->nalloc)
	{
		memcpy(v->periods + v->nperiods, add, nadd * sizeof(estate_period));
		v->flat->nperiods = (int32) total;
		v->flat->flags = (v->flat->flags & ~STATE_SORTED) | (sorted ? STATE_SORTED : 0);
		return state;
	}
	if (nadd_steps > 0 && nsteps == 0)
	{
		steps = add_steps;
		nsteps = nadd_steps;
	}
	else if (nadd_steps > 0)
		steps = util_merge_steps(CurrentMemoryContext, v->steps, v->nsteps, add_steps, nadd_steps, &nsteps);
	if (total + nsteps > FLAT_MAX_PERIODS)
	{
		Datum		d = new_expanded(aggcontext, v, steps, nsteps, Max(total, 2 * (size_t) FLAT_MAX_PERIODS));

		expanded_append((UtilExpanded *) DatumGetEOHP(d), add, nadd, add_sorted);
		return d;
	}
	else
	{
		/* A new flat value twice the size; the executor copies it into
		 * aggregate memory and frees the old one. */
		size_t		nalloc = Min(Max(total, 2 * v->nperiods), (size_t) FLAT_MAX_PERIODS);
		UtilFlat   *f = util_new_flat(&v->key, steps, nsteps, v->periods, v->nperiods, nalloc, sorted);

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
			estate_error(ESTATE_ERR_ARGUMENT, NULL,
						 "Omit the argument to use the setting estate.core_hours.",
						 "core hours must not be NULL");
		core = PG_GETARG_BYTEA_PP(4);
		key->core = ESTATE_CORE_BYTES(core);
		key->core_len = ESTATE_CORE_NBYTES(core);
	}
	if (PG_ARGISNULL(span_arg))
		estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
					 "span must not be NULL");
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
	/*
	 * Only an Aggref of this aggregate's own arguments: another aggregate
	 * may call this function (Citus's worker_partial_agg, whose arguments
	 * are the aggregate's oid and a ROW of ours).
	 */
	if (aggref == NULL || core_from_setting || list_length(aggref->args) != PG_NARGS() - 1)
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
	RowCache   *cache = (RowCache *) util_call_cache(fcinfo, sizeof(RowCache));
	estate_group_key key = {0};
	estate_period p = {0, 0, 0};
	bool		have_period = false;
	UtilExpanded *eo;

	if (PG_ARGISNULL(3))
		estate_error(ESTATE_ERR_ARGUMENT, NULL,
					 "One group is one room, with its capacity on every row.",
					 "capacity must not be NULL");
	key.capacity = PG_GETARG_INT32(3);
	if (key.capacity <= 0)
		estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
					 "capacity must be positive: %d", key.capacity);
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
		estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
					 "headcount must not be negative: %d", PG_GETARG_INT32(2));

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
		return PointerGetDatum(util_new_flat(&key, NULL, 0, &p, have_period ? 1 : 0, 1, true));
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
						   have_period ? 1 : 0, true, NULL, 0);
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
 * The first partial state of a group as the state to keep.  A large one's
 * packed step function (a parallel worker's) is kept as it is, pending; any
 * other's step function is made (unpacked, or its periods swept) straight
 * in the memory of the state to keep, which takes it over.  Either way its
 * millions of steps are not copied again.
 */
static Datum
first_state(MemoryContext aggcontext, Datum d)
{
	MemoryContext cxt = util_state_context(aggcontext);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	UtilView	b;
	const estate_step *steps = NULL;
	size_t		n = 0;
	UtilExpanded *eo;

	util_view_packed(d, &b);
	if (!(b.packed && b.nperiods == 0 && b.nsteps > FLAT_MAX_PERIODS))
	{
		util_view(d, &b);
		steps = util_steps(&b, false, &n);
	}
	MemoryContextSwitchTo(old);
	if (!b.packed && n <= FLAT_MAX_PERIODS)
	{
		Datum		flat = PointerGetDatum(util_new_flat(&b.key, steps, n, NULL, 0, 1, true));

		MemoryContextDelete(cxt);
		return flat;
	}
	eo = util_new_expanded(aggcontext, cxt, &b.key, 0);
	if (b.packed)
		util_pend(eo, &b);
	else
	{
		if (steps == b.steps && !b.steps_unpacked)
			steps = memcpy(util_alloc_steps(cxt, n), steps, n * sizeof(estate_step));
		else if (b.steps_unpacked && steps != b.steps)
			estate_big_free(b.steps);
		eo->steps = (estate_step *) steps;
		eo->nsteps = n;
	}
	/* A detoasted (or converted) copy of the state is not needed any more. */
	if (b.flat && (Pointer) b.flat != DatumGetPointer(d))
		pfree(b.flat);
	return EOHPGetRWDatum(&eo->hdr);
}

/*
 * Combine two partial states: the first's gains the second's step function
 * (combined states hold only steps, so the final function only adds them
 * up), kept pending when it is packed and the state has room for it.  The
 * second is never ours to change: it may point into a tuple or another
 * node's expanded object.
 */
PG_FUNCTION_INFO_V1(utilisation_combine);
Datum
utilisation_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "utilisation_combine");
	UtilExpanded *eo;
	UtilView	a;
	UtilView	b;
	const estate_step *steps;
	size_t		n;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(0))
		return first_state(aggcontext, PG_GETARG_DATUM(1));
	util_view_packed(PG_GETARG_DATUM(1), &b);
	eo = own_expanded(PG_GETARG_DATUM(0), aggcontext);
	if (eo)
	{
		check_same_group(&eo->key, &b.key);
		if (util_pend(eo, &b))
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	util_view(PG_GETARG_DATUM(0), &a);
	util_view(PG_GETARG_DATUM(1), &b);
	check_same_group(&a.key, &b.key);
	steps = util_steps(&b, false, &n);
	return util_append(aggcontext, PG_GETARG_DATUM(0), &a, NULL, 0, true, steps, n);
}
