/*
 * space_profile.c - room status from a utilisation, and floor-area shares
 * against Lord Carter's targets.  The STABLE forms read the
 * settings; the IMMUTABLE forms take the thresholds as arguments.
 */
#include "postgres.h"
#include "fmgr.h"

#include <math.h>

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "common/error.h"
#include "common/result.h"
#include "common/settings.h"

/* A share in [0, 1]; NaN and infinities are invalid (22023). */
static double
check_share(const char *name, double v)
{
	if (isnan(v) || v < 0.0 || v > 1.0)
		estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
					 "%s must be between 0 and 1: %g", name, v);
	return v;
}

/* Attribute numbers of estate.utilisation. */
enum
{
	U_HOURS_IN_USE = 2,
	U_OCCUPANCY = 4,
	U_RATE = 5
};

static text *
status_of(HeapTupleHeader u, double underused_rate)
{
	bool		in_use_null,
				occupancy_null,
				rate_null;
	Datum		in_use = GetAttributeByNum(u, U_HOURS_IN_USE, &in_use_null);
	Datum		occupancy = GetAttributeByNum(u, U_OCCUPANCY, &occupancy_null);
	Datum		rate = GetAttributeByNum(u, U_RATE, &rate_null);

	check_share("underused_rate", underused_rate);
	/* First match wins: unused, over-capacity, under-used, well-used. */
	if (in_use_null)
		return NULL;
	if (DatumGetFloat8(in_use) == 0.0)
		return cstring_to_text("unused");
	if (!occupancy_null && DatumGetFloat8(occupancy) > 1.0)
		return cstring_to_text("over-capacity");
	if (rate_null)
		return NULL;
	return cstring_to_text(DatumGetFloat8(rate) < underused_rate ? "under-used" : "well-used");
}

PG_FUNCTION_INFO_V1(room_status);
Datum
room_status(PG_FUNCTION_ARGS)
{
	text	   *status = status_of(PG_GETARG_HEAPTUPLEHEADER(0), PG_GETARG_FLOAT8(1));

	if (status == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(status);
}

PG_FUNCTION_INFO_V1(room_status_setting);
Datum
room_status_setting(PG_FUNCTION_ARGS)
{
	text	   *status = status_of(PG_GETARG_HEAPTUPLEHEADER(0), estate_underused_rate);

	if (status == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(status);
}

/* ---------------------------------------------------------------------------
 * Floor-area shares
 * ------------------------------------------------------------------------- */

static int
compare(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

static int
sign(Numeric a)
{
	return compare(a, int64_to_numeric(0));
}

static Numeric
area_arg(FunctionCallInfo fcinfo, int n, const char *name)
{
	Numeric		v = PG_GETARG_NUMERIC(n);

	if (numeric_is_nan(v) || numeric_is_inf(v) || sign(v) < 0)
		estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
					 "%s must be a non-negative area in m²: %s",
					 name, DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v))));
	return v;
}

static Numeric
add(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_add, NumericGetDatum(a), NumericGetDatum(b)));
}


static double
share(Numeric part, Numeric whole)
{
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8,
											  DirectFunctionCall2(numeric_div, NumericGetDatum(part),
																  NumericGetDatum(whole))));
}

static char *
numeric_text(Numeric v)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v)));
}

/*
 * (gross_internal_area, clinical, non_clinical, empty, underused) ->
 * estate.space_shares against the given targets.
 */
static Datum
space_shares(FunctionCallInfo fcinfo, double non_clinical_target, double unoccupied_target)
{
	Numeric		gia = area_arg(fcinfo, 0, "gross_internal_area");
	Numeric		clinical = area_arg(fcinfo, 1, "clinical_area");
	Numeric		non_clinical = area_arg(fcinfo, 2, "non_clinical_area");
	Numeric		empty = area_arg(fcinfo, 3, "empty_area");
	Numeric		underused = area_arg(fcinfo, 4, "underused_area");
	Numeric		occupied = add(clinical, non_clinical);
	Numeric		unoccupied = add(empty, underused);
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	double		non_clinical_share;
	double		unoccupied_share;

	check_share("target_non_clinical_share", non_clinical_target);
	check_share("target_unoccupied_share", unoccupied_target);
	if (sign(occupied) == 0)
		estate_error(ESTATE_ERR_ARGUMENT, NULL,
					 "Together they are the occupied floor area that ERIC reports.",
					 "clinical_area + non_clinical_area must be positive");
	if (sign(gia) == 0)
		estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
					 "gross_internal_area must be positive");
	if (compare(unoccupied, gia) > 0)
		estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
					 "empty_area + underused_area (%s m²) exceeds gross_internal_area (%s m²)",
					 numeric_text(unoccupied), numeric_text(gia));

	non_clinical_share = share(non_clinical, occupied);
	unoccupied_share = share(unoccupied, gia);

	tupdesc = estate_result_tupdesc(fcinfo);
	values[0] = Float8GetDatum(non_clinical_share);
	values[1] = Float8GetDatum(unoccupied_share);
	values[2] = BoolGetDatum(non_clinical_share <= non_clinical_target);
	values[3] = BoolGetDatum(unoccupied_share <= unoccupied_target);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(space_profile);
Datum
space_profile(PG_FUNCTION_ARGS)
{
	return space_shares(fcinfo, PG_GETARG_FLOAT8(5), PG_GETARG_FLOAT8(6));
}

PG_FUNCTION_INFO_V1(space_profile_setting);
Datum
space_profile_setting(PG_FUNCTION_ARGS)
{
	return space_shares(fcinfo, estate_target_non_clinical_share, estate_target_unoccupied_share);
}
