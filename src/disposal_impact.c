/*
 * disposal_impact.c - fmgr glue of the estate.disposal_impact aggregate and
 * its state type estate.disposal_impact_state (docs/disposal_impact.md).
 *
 * The state is fixed length (96 bytes), passed by reference and updated in
 * place when called as an aggregate; the final function only reads it, so
 * the aggregate also runs as a window function over candidates in score
 * order, giving the running impact row by row.  A state stored by estate
 * 1.0 (areas in hundredths, version field 0) is read through impact_arg.
 */
#include "postgres.h"
#include "fmgr.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "core/disposal_impact.h"

#include "common/binary.h"
#include "common/error.h"
#include "common/pence.h"
#include "common/result.h"

#define PG_GETARG_IMPACT(n)	((estate_disposal_impact *) PG_GETARG_POINTER(n))

StaticAssertDecl(sizeof(estate_disposal_impact) == 96,
				 "estate.disposal_impact_state is declared with INTERNALLENGTH = 96");

/*
 * Binary format: a version byte, the six quantities, the five buckets, the
 * flags.  Version 2 has areas in millionths of m2, version 1 (estate 1.0)
 * in hundredths; both are read.
 */
#define IMPACT_BINARY_VERSION ESTATE_IMPACT_VERSION
#define IMPACT_BINARY_VERSION_1 1
#define IMPACT_BINARY_SIZE (1 + (6 + BUCKET_COUNT) * (int) sizeof(int64) + (int) sizeof(int32))

/* An area as text: "1500.000000". */
static char *
area_text(int64 v)
{
	char	   *buf = palloc(ESTATE_PENCE_TEXT_MAX);

	estate_fixed_format(v, ESTATE_AREA_DECIMALS, buf);
	return buf;
}

static Numeric
area_numeric(int64 v)
{
	return int64_div_fast_to_numeric(v, ESTATE_AREA_DECIMALS);
}

/*
 * A state of version 1 moved to this version, or the error that says why
 * not: binary input reports both failures as bad binary input (22P03).
 */
static void
upgrade_or_error(estate_disposal_impact *s, estate_status range_status, int sqlstate)
{
	estate_status st = estate_impact_upgrade(s);

	if (st == ESTATE_ERR_RANGE)
		estate_error(range_status,
					 "Areas are held in millionths of a square metre in 64 bits: at most 9223372036854.775807.",
					 NULL, "an area of an estate.disposal_impact_state from estate 1.0 is out of range");
	if (st != ESTATE_OK)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid estate.disposal_impact_state"),
				 errdetail("Its version (%d in the state) is unknown, or a version-1 area is negative.", s->version)));
}

/*
 * A state argument to read: as it is, or, when estate 1.0 stored it, a copy
 * moved to this version.
 */
static const estate_disposal_impact *
impact_arg(FunctionCallInfo fcinfo, int n)
{
	estate_disposal_impact *s = PG_GETARG_IMPACT(n);
	estate_disposal_impact *copy;

	if (s->version == ESTATE_IMPACT_VERSION)
		return s;
	copy = palloc(sizeof(estate_disposal_impact));
	*copy = *s;
	upgrade_or_error(copy, ESTATE_ERR_RANGE, ERRCODE_DATA_CORRUPTED);
	return copy;
}

/* ---- I/O ---------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(disposal_impact_state_in);
Datum
disposal_impact_state_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	estate_disposal_impact *s = palloc(sizeof(estate_disposal_impact));
	const char *why = NULL;
	estate_status st = estate_impact_parse(str, strlen(str), s, &why);

	if (st != ESTATE_OK)
		estate_input_rejected(fcinfo, st, "estate.disposal_impact_state", str, why, NULL,
							  "Write it as the type's output does, e.g. \"v2 sites=1, floor_area=500.000000, "
							  "estate_floor_area=9000.000000, minimum_retained_area=8000.000000\".");
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(disposal_impact_state_out);
Datum
disposal_impact_state_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(ESTATE_IMPACT_TEXT_MAX);

	estate_impact_format(impact_arg(fcinfo, 0), buf);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(disposal_impact_state_recv);
Datum
disposal_impact_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	estate_disposal_impact *s = palloc0(sizeof(estate_disposal_impact));
	const char *why;
	int			version = estate_recv_fixed_versions(buf, "estate.disposal_impact_state", IMPACT_BINARY_SIZE,
													 IMPACT_BINARY_VERSION_1, IMPACT_BINARY_VERSION);

	s->sites = pq_getmsgint64(buf);
	s->floor_area = pq_getmsgint64(buf);
	s->estate_floor_area = pq_getmsgint64(buf);
	s->minimum_retained_area = pq_getmsgint64(buf);
	s->running_cost = pq_getmsgint64(buf);
	s->carbon = pq_getmsgint64(buf);
	for (int k = 0; k < BUCKET_COUNT; k++)
		s->backlog.pence[estate_backlog_order[k]] = pq_getmsgint64(buf);
	s->known = (int32) pq_getmsgint(buf, 4);
	/* Version 1's areas are hundredths, as in a state 1.0 stored. */
	s->version = version == IMPACT_BINARY_VERSION ? ESTATE_IMPACT_VERSION : 0;
	upgrade_or_error(s, ESTATE_ERR_BINARY, ERRCODE_INVALID_BINARY_REPRESENTATION);
	if ((why = estate_impact_check(s)) != NULL)
		estate_error(ESTATE_ERR_BINARY, why, NULL,
					 "invalid binary input for type estate.disposal_impact_state");
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(disposal_impact_state_send);
Datum
disposal_impact_state_send(PG_FUNCTION_ARGS)
{
	const estate_disposal_impact *s = impact_arg(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, IMPACT_BINARY_VERSION);
	pq_sendint64(&buf, s->sites);
	pq_sendint64(&buf, s->floor_area);
	pq_sendint64(&buf, s->estate_floor_area);
	pq_sendint64(&buf, s->minimum_retained_area);
	pq_sendint64(&buf, s->running_cost);
	pq_sendint64(&buf, s->carbon);
	for (int k = 0; k < BUCKET_COUNT; k++)
		pq_sendint64(&buf, s->backlog.pence[estate_backlog_order[k]]);
	pq_sendint32(&buf, s->known);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---- the aggregate ------------------------------------------------------ */

#define QUANTITY_HINT "Floor areas, costs and carbon are 0 or more."

/* A required area argument, 0 or more, exactly in millionths of m2. */
static int64
area(FunctionCallInfo fcinfo, int arg, const char *what)
{
	struct varlena *v;
	Numeric		num;
	int64		millionths;
	estate_status st;

	if (PG_ARGISNULL(arg))
		estate_error(ESTATE_ERR_ARGUMENT, NULL,
					 "Every candidate needs its floor area, and every row the estate's floor area "
					 "and the minimum to retain, so that the retained area can be checked.",
					 "%s must not be NULL", what);
	/* Read where it lies (no copy), as the amounts are. */
	v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(arg));
	st = estate_area_from_numeric(VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), &millionths);
	if (st == ESTATE_OK)
		return millionths;
	num = PG_GETARG_NUMERIC(arg);	/* the error path: a plain copy */
	estate_check_non_negative(num, what, QUANTITY_HINT);
	if (st == ESTATE_ERR_RANGE)
		estate_error(ESTATE_ERR_RANGE, NULL,
					 "Areas are held in millionths of a square metre in 64 bits: at most 9223372036854.775807.",
					 "%s %s is out of range", what, estate_numeric_text(num));
	estate_error(ESTATE_ERR_ARGUMENT, NULL,
				 "Areas are kept exactly to the millionth of a square metre: round them to six decimals.",
				 "%s %s has more than six decimals", what, estate_numeric_text(num));
}

/*
 * A cost or carbon argument (not NULL), 0 or more, as hundredths (rounded
 * half away from zero, as pence are).  Positive amounts take the decode of
 * the stored bytes; zero, negative, special and toasted values the checked
 * path.
 */
static int64
quantity(FunctionCallInfo fcinfo, int arg, const char *what)
{
	Numeric		num;
	int64		hundredths;

	if (estate_amount_pence_fast(PG_GETARG_DATUM(arg), &hundredths))
		return hundredths;
	num = PG_GETARG_NUMERIC(arg);
	estate_check_non_negative(num, what, QUANTITY_HINT);
	return estate_numeric_pence(num, what);
}

/* acc += b, or the error that says why not, quoting the values. */
static void
combine_or_error(estate_disposal_impact *acc, const estate_disposal_impact *b)
{
	const char *why = NULL;
	estate_status st;

	if (acc->estate_floor_area != b->estate_floor_area ||
		acc->minimum_retained_area != b->minimum_retained_area)
	{
		bool		area = acc->estate_floor_area != b->estate_floor_area;

		estate_error(ESTATE_ERR_ARGUMENT, NULL,
					 "One aggregate is one estate: give the same estate floor area and minimum "
					 "on every row (PARTITION BY or GROUP BY the estate).",
					 "%s %s differs from %s on an earlier row",
					 area ? "estate_floor_area" : "minimum_retained_area",
					 area_text(area ? b->estate_floor_area : b->minimum_retained_area),
					 area_text(area ? acc->estate_floor_area : acc->minimum_retained_area));
	}
	st = estate_impact_combine(acc, b, &why);
	if (st == ESTATE_ERR_RANGE)
		estate_error(ESTATE_ERR_RANGE, why, NULL,
					 "disposal impact out of range");
	if (st != ESTATE_OK)
		estate_error(ESTATE_ERR_ARGUMENT, NULL,
					 "estate_floor_area is the floor area of the whole estate before any disposal.",
					 "floor area released %s exceeds the estate's floor area %s",
					 area_text(acc->floor_area), area_text(acc->estate_floor_area));
}

/*
 * Transition: one candidate site.  Non-strict: backlog, running cost and
 * carbon may be NULL (skipped, as by sum); the areas may not.
 */
PG_FUNCTION_INFO_V1(disposal_impact_trans);
Datum
disposal_impact_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	estate_disposal_impact row;
	estate_disposal_impact *state;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "disposal_impact_trans called in a non-aggregate context");

	memset(&row, 0, sizeof(row));
	row.version = ESTATE_IMPACT_VERSION;
	row.sites = 1;
	row.floor_area = area(fcinfo, 1, "floor_area");
	if (!PG_ARGISNULL(2))
	{
		row.backlog = *(estate_backlog *) PG_GETARG_POINTER(2);
		row.known |= IMPACT_KNOWN_BACKLOG;
	}
	if (!PG_ARGISNULL(3))
	{
		row.running_cost = quantity(fcinfo, 3, "running_cost");
		row.known |= IMPACT_KNOWN_RUNNING_COST;
	}
	if (!PG_ARGISNULL(4))
	{
		row.carbon = quantity(fcinfo, 4, "carbon_kg");
		row.known |= IMPACT_KNOWN_CARBON;
	}
	row.estate_floor_area = area(fcinfo, 5, "estate_floor_area");
	row.minimum_retained_area = area(fcinfo, 6, "minimum_retained_area");

	if (PG_ARGISNULL(0))
	{
		/* The first row: combine into an empty state of the same estate. */
		state = MemoryContextAllocZero(aggcontext, sizeof(estate_disposal_impact));
		state->version = ESTATE_IMPACT_VERSION;
		state->estate_floor_area = row.estate_floor_area;
		state->minimum_retained_area = row.minimum_retained_area;
	}
	else
		state = PG_GETARG_IMPACT(0);
	combine_or_error(state, &row);
	PG_RETURN_POINTER(state);
}

/* Combine: non-strict; the second state is never ours to modify. */
PG_FUNCTION_INFO_V1(disposal_impact_combine);
Datum
disposal_impact_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	bool		in_aggregate = AggCheckCallContext(fcinfo, &aggcontext);
	estate_disposal_impact *state;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(0) || !in_aggregate)
	{
		/* A new state: in the aggregate's context, or a copy when called directly. */
		state = MemoryContextAlloc(in_aggregate ? aggcontext : CurrentMemoryContext,
								   sizeof(estate_disposal_impact));
		*state = *impact_arg(fcinfo, PG_ARGISNULL(0) ? 1 : 0);
		if (PG_ARGISNULL(0))
			PG_RETURN_POINTER(state);
	}
	else
		state = PG_GETARG_IMPACT(0);	/* ours, made by this aggregate */
	combine_or_error(state, impact_arg(fcinfo, 1));
	PG_RETURN_POINTER(state);
}

/* Final: reads the state only, so it can run after every row of a window. */
PG_FUNCTION_INFO_V1(disposal_impact_final);
Datum
disposal_impact_final(PG_FUNCTION_ARGS)
{
	const estate_disposal_impact *s = impact_arg(fcinfo, 0);
	TupleDesc	tupdesc;
	Datum		values[7];
	bool		nulls[7] = {false, false, false, false, false, false, false};

	tupdesc = estate_result_tupdesc(fcinfo);

	values[0] = Int64GetDatum(s->sites);
	values[1] = NumericGetDatum(area_numeric(s->floor_area));
	values[2] = NumericGetDatum(area_numeric(estate_impact_retained(s)));
	if (s->known & IMPACT_KNOWN_BACKLOG)
	{
		estate_backlog *b = palloc(sizeof(estate_backlog));

		*b = s->backlog;
		values[3] = PointerGetDatum(b);
	}
	else
		nulls[3] = true;
	values[4] = NumericGetDatum(estate_pence_numeric(s->running_cost));
	nulls[4] = !(s->known & IMPACT_KNOWN_RUNNING_COST);
	values[5] = NumericGetDatum(estate_pence_numeric(s->carbon));
	nulls[5] = !(s->known & IMPACT_KNOWN_CARBON);
	values[6] = BoolGetDatum(estate_impact_in_programme(s));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
