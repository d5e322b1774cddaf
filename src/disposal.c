/*
 * disposal.c - fmgr glue of estate.disposal_assessment.
 */
#include "postgres.h"
#include "fmgr.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "catalog/pg_type.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "core/disposal.h"

#include "common/error.h"
#include "common/result.h"

/* An argument as the user wrote it, for the error message. */
static char *
argument_text(FunctionCallInfo fcinfo, int i)
{
	switch (estate_disposal_args[i].type)
	{
		case DTYPE_FLOAT8:
			return DatumGetCString(DirectFunctionCall1(float8out, PG_GETARG_DATUM(i)));
		case DTYPE_NUMERIC:
			return DatumGetCString(DirectFunctionCall1(numeric_out, PG_GETARG_DATUM(i)));
		case DTYPE_INT4:
			return psprintf("%d", PG_GETARG_INT32(i));
		case DTYPE_BOOL:
			break;
	}
	return pstrdup(PG_GETARG_BOOL(i) ? "true" : "false");
}

static double
argument_value(FunctionCallInfo fcinfo, int i)
{
	switch (estate_disposal_args[i].type)
	{
		case DTYPE_FLOAT8:
			return PG_GETARG_FLOAT8(i);
		case DTYPE_NUMERIC:
			{
				struct varlena *v = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(i));
				double		d;

				/* PostgreSQL's conversion goes through text: decode directly where exact. */
				if (!VARATT_IS_EXTERNAL(v) && !VARATT_IS_COMPRESSED(v) &&
					estate_disposal_numeric_double(VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), &d))
					return d;
				/* NaN and Infinity come through as such and are refused by the check. */
				return DatumGetFloat8(DirectFunctionCall1(numeric_float8, PG_GETARG_DATUM(i)));
			}
		case DTYPE_INT4:
			return PG_GETARG_INT32(i);
		case DTYPE_BOOL:
			break;
	}
	return PG_GETARG_BOOL(i) ? 1 : 0;
}

PG_FUNCTION_INFO_V1(disposal_assessment);
Datum
disposal_assessment(PG_FUNCTION_ARGS)
{
	estate_disposal_input in;
	estate_disposal_result r;
	int			bad;
	const char *hint;
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	Datum		reasons[DISPOSAL_MAX_REASONS];

	if (PG_NARGS() != DISPOSAL_ARGS)
		elog(ERROR, "disposal_assessment expects %d arguments, got %d", DISPOSAL_ARGS, PG_NARGS());
	for (int i = 0; i < DISPOSAL_ARGS; i++)
	{
		in.given[i] = !PG_ARGISNULL(i);
		in.value[i] = in.given[i] ? argument_value(fcinfo, i) : 0;
	}
	if (estate_disposal_check(&in, &bad, &hint) != ESTATE_OK)
	{
		if (!in.given[bad])
			estate_error(ESTATE_ERR_ARGUMENT, NULL, hint,
						 "%s must not be NULL", estate_disposal_args[bad].name);
		estate_error(ESTATE_ERR_ARGUMENT, NULL, hint,
					 "invalid %s: %s", estate_disposal_args[bad].name, argument_text(fcinfo, bad));
	}

	/* "≤", "≥" and "×" where the database can hold them, ASCII otherwise. */
	estate_disposal_assess(&in, GetDatabaseEncoding() == PG_UTF8, &r);

	tupdesc = estate_result_tupdesc(fcinfo);

	values[0] = Float8GetDatum(r.score);
	nulls[0] = !r.has_score;
	values[1] = CStringGetTextDatum(estate_disposal_recommendation_names[r.recommendation]);
	for (int i = 0; i < r.nreasons; i++)
		reasons[i] = CStringGetTextDatum(r.reasons[i]);
	values[2] = PointerGetDatum(construct_array(reasons, r.nreasons, TEXTOID, -1, false, TYPALIGN_INT));
	values[3] = Int32GetDatum(r.criteria_used);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
