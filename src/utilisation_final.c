/*
 * utilisation_final.c - the final functions of the space_utilisation and
 * utilisation_heatmap aggregates (utilisation_final, heatmap_final) and
 * heatmap_rows, which lays a heatmap out as rows.
 */
#include "postgres.h"
#include "fmgr.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "common/error.h"
#include "core_hours.h"
#include "utilisation_state.h"

#define HEATMAP_CELLS		(7 * 24)

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
	FinalCache *c = ((FinalCache *) util_call_cache(fcinfo, sizeof(FinalCache)));
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

/*
 * Sweep a state.  Its periods are sorted in place when this is an aggregate
 * call (the state is the aggregate's own, and the same multiset in another
 * order is the same state to every aggregate sharing it); a direct call may
 * see a state in a shared buffer, so it sorts a copy.  A state that holds
 * steps (merged from swept partial states) is summed over its step
 * function, with any periods swept into it; up to two step functions (a
 * combined state's, two workers' say) are merged as they are swept, read
 * where they lie, packed or not.
 */
static void
sweep_state(FunctionCallInfo fcinfo, Datum state, bool cells_wanted,
			UtilView *v, estate_sweep_totals *totals, estate_cell_totals *cells)
{
	bool		own = AggCheckCallContext(fcinfo, NULL);
	estate_period *periods;
	const estate_core_piece *pieces;
	size_t		npieces;
	estate_step_reader r[2];

	util_view_packed(state, v);
	pieces = core_pieces_for(fcinfo, &v->key, cells_wanted, &npieces);
	if (util_step_readers(v, r))
	{
		if (estate_steps_merge_sweep(&r[0], &r[1], pieces, npieces, totals, cells) != ESTATE_OK)
			util_known_overflow();
		util_check_readers(r, 2);
		return;
	}
	util_view(state, v);
	if (v->nsteps > 0)
	{
		const estate_step *steps;
		size_t		n;

		steps = util_steps(v, own, &n);
		estate_steps_sweep(steps, n, pieces, npieces, totals, cells);
		return;
	}
	if (v->sorted)
		periods = v->periods;
	else if (own)
	{
		periods = v->periods;
		util_sort_periods(periods, v->nperiods);
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
		util_sort_periods(periods, v->nperiods);
	}
	if (estate_sweep(periods, v->nperiods, pieces, npieces, totals, cells,
					 util_grow, NULL) != ESTATE_OK)
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
		estate_error(ESTATE_ERR_RANGE, NULL, NULL,
					 "peak headcount %lld is out of range for integer", (long long) u.peak_headcount);

	tupdesc = ((FinalCache *) util_call_cache(fcinfo, sizeof(FinalCache)))->tupdesc;
	if (tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "utilisation_final must return a composite type");
		tupdesc = ((FinalCache *) util_call_cache(fcinfo, sizeof(FinalCache)))->tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
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
		cells[i].person_us = estate_wide_of(0);
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
		estate_error(ESTATE_ERR_ARGUMENT, NULL,
					 "Pass the result of estate.utilisation_heatmap.",
					 "a heatmap is a one-dimensional array of 168 cells, not %d",
					 ArrayGetNItems(ARR_NDIM(heatmap), ARR_DIMS(heatmap)));
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
