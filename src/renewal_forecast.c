/*
 * renewal_forecast.c - the aggregate estate.renewal_forecast
 * and its state type estate.renewal_forecast_state.
 *
 * The state is a flat varlena of fixed size per group (the horizon is fixed
 * by the first row): the group's parameters, the number of elements seen and
 * the pence falling due in each year.  Each element-year is rounded to the
 * penny as it enters, so the sums are exact and combine in any order.
 */
#include "postgres.h"
#include "fmgr.h"

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "core/renewal_forecast.h"

#include "common/error.h"
#include "common/pence.h"

typedef struct RenewalState
{
	int32		vl_len_;
	int32		from_year;
	int32		horizon;
	int64		elements;		/* rows with an installed year, life and cost */
	int64		due[FLEXIBLE_ARRAY_MEMBER]; /* pence, one per year */
	/* then, MAXALIGNed, the inflation as a numeric with a 4-byte header */
} RenewalState;

#define STATE_HEAD(horizon) MAXALIGN(offsetof(RenewalState, due) + (horizon) * sizeof(int64))
#define STATE_INFLATION(s) ((Numeric) ((char *) (s) + STATE_HEAD((s)->horizon)))
/* The type's storage is plain, so a state is never packed or toasted. */
#define PG_GETARG_RENEWAL(n) ((RenewalState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

#define RENEWAL_BINARY_VERSION 1
/* version, from_year, horizon, element count, length of the inflation */
#define RENEWAL_BINARY_HEAD (1 + 4 + 4 + 8 + 4)

static RenewalState *
state_new(MemoryContext cxt, int32 from_year, int32 horizon, Numeric inflation, int64 elements)
{
	Size		size = STATE_HEAD(horizon) + VARSIZE(inflation);
	RenewalState *s = (RenewalState *) MemoryContextAllocZero(cxt, size);

	SET_VARSIZE(s, size);
	s->from_year = from_year;
	s->horizon = horizon;
	s->elements = elements;
	memcpy(STATE_INFLATION(s), inflation, VARSIZE(inflation));
	return s;
}

static RenewalState *
state_copy(MemoryContext cxt, const RenewalState *s)
{
	RenewalState *c = (RenewalState *) MemoryContextAlloc(cxt, VARSIZE(s));

	memcpy(c, s, VARSIZE(s));
	return c;
}

static void
parameter_error(const char *message, ...) pg_attribute_printf(1, 2);

static void
parameter_error(const char *message, ...)
{
	char		buf[256];
	va_list		args;

	va_start(args, message);
	vsnprintf(buf, sizeof(buf), message, args);
	va_end(args);
	estate_error(ESTATE_ERR_ARGUMENT, NULL,
				 "from_year, horizon and inflation must be the same on every row of a group.",
				 "%s", buf);
}

/* inflation > -1, finite: 22023 otherwise. */
static void
check_inflation(Numeric inflation)
{
	estate_check_finite(inflation, "inflation");
	if (DatumGetBool(DirectFunctionCall2(numeric_le, NumericGetDatum(inflation),
										 NumericGetDatum(int64_to_numeric(-1)))))
		estate_error(ESTATE_ERR_ARGUMENT, NULL,
					 "The inflation is a yearly rate above -1, e.g. 0.03 for 3%.",
					 "inflation %s is out of range", estate_numeric_text(inflation));
}

/* Byte equality of short payloads, inlined: this runs on every row. */
static inline bool
same_bytes(const char *a, const char *b, Size n)
{
	for (Size i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static bool
same_numeric(Numeric a, Numeric b)
{
	/* The same bytes are the same value; otherwise compare (0.03 = 0.030). */
	if (VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		same_bytes(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)))
		return true;
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum((Numeric) pg_detoast_datum((struct varlena *) a)),
											 NumericGetDatum((Numeric) pg_detoast_datum((struct varlena *) b)))) == 0;
}

static inline void
check_same(const RenewalState *s, int32 from_year, int32 horizon, Numeric inflation)
{
	if (s->from_year != from_year)
		parameter_error("from_year differs between rows of a group: %d and %d", s->from_year, from_year);
	if (s->horizon != horizon)
		parameter_error("horizon differs between rows of a group: %d and %d", s->horizon, horizon);
	if (inflation != NULL && !same_numeric(STATE_INFLATION(s), inflation))
		parameter_error("inflation differs between rows of a group: %s and %s",
						estate_numeric_text(STATE_INFLATION(s)),
						estate_numeric_text((Numeric) pg_detoast_datum((struct varlena *) inflation)));
}

static void
add_due(RenewalState *s, int year, int64 pence)
{
	if (estate_pence_add(s->due[year], pence, &s->due[year]) != ESTATE_OK)
		estate_error(ESTATE_ERR_RANGE, NULL,
					 "A year holds at most 92233720368547758.07 (whole pence in 64 bits).",
					 "the renewal cost due in %lld is out of range", (long long) s->from_year + year);
}

/*
 * What the transition function keeps for the query, in fn_extra: whether
 * the group's parameters are constants, and (1 + inflation)^k for k <
 * horizon, exact, rebuilt when the inflation or horizon changes (groups with
 * different inflations, read interleaved, rebuild it often: correct, but
 * slower than one inflation per query).  A factor that is scaled / divisor
 * within 64 bits each (1.03^9 is 103^9 / 10^18) multiplies a cost of whole
 * pence in 128-bit integers; any other goes through numeric digits.
 */
typedef struct ForecastCache
{
	bool		fixed;			/* from_year, horizon and inflation are constants */
	MemoryContext cxt;			/* holds the numerics; reset on a rebuild */
	Numeric		inflation;		/* NULL until the factors are built */
	int			horizon;
	bool		zero;			/* no compounding: the cost itself */
	Numeric		factor[RENEWAL_HORIZON_MAX];
	uint64		scaled[RENEWAL_HORIZON_MAX];
	uint64		divisor[RENEWAL_HORIZON_MAX];	/* 0: no 64-bit form */
} ForecastCache;

/*
 * Whether from_year, horizon and inflation are constants of the query (as
 * they are in a forecast), so that every row of a group repeats the values
 * its state was made with and need not be compared with them.
 */
static ForecastCache *
forecast_cache(FunctionCallInfo fcinfo)
{
	ForecastCache *c = (ForecastCache *) fcinfo->flinfo->fn_extra;
	Aggref	   *aggref;

	if (c != NULL)
		return c;
	c = (ForecastCache *) MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ForecastCache));
	fcinfo->flinfo->fn_extra = c;
	aggref = AggGetAggref(fcinfo);
	/* Only an Aggref of this aggregate's own arguments (not Citus's worker_partial_agg's). */
	if (aggref == NULL || list_length(aggref->args) != PG_NARGS() - 1)
		return c;
	/* Aggregate arguments: installed_year, life_years, cost, from_year, horizon[, inflation]. */
	for (int i = 3; i < list_length(aggref->args); i++)
		if (!IsA(((TargetEntry *) list_nth(aggref->args, i))->expr, Const))
			return c;
	c->fixed = true;
	return c;
}

static ForecastCache *
factors(ForecastCache *c, MemoryContext fn_mcxt, const RenewalState *s)
{
	Numeric		inflation = STATE_INFLATION(s);
	MemoryContext old;
	estate_numeric_head h = {0};

	/* Constant arguments: built once, for the one inflation there is. */
	if (c->inflation != NULL &&
		(c->fixed || (c->horizon >= s->horizon &&
					  VARSIZE(c->inflation) == VARSIZE(inflation) &&
					  same_bytes((const char *) c->inflation, (const char *) inflation, VARSIZE(inflation)))))
		return c;

	if (c->cxt == NULL)
		c->cxt = AllocSetContextCreate(fn_mcxt, "renewal_forecast factors", ALLOCSET_SMALL_SIZES);
	else
		MemoryContextReset(c->cxt);
	old = MemoryContextSwitchTo(c->cxt);
	c->inflation = (Numeric) palloc(VARSIZE(inflation));
	memcpy(c->inflation, inflation, VARSIZE(inflation));
	c->horizon = s->horizon;
	estate_numeric_head_read(VARDATA(inflation), VARSIZE(inflation) - VARHDRSZ, &h);
	c->zero = h.ndigits == 0;
	c->factor[0] = int64_to_numeric(1);
	if (!c->zero)
	{
		Numeric		base = numeric_add_opt_error(c->factor[0], inflation, NULL);

		for (int k = 1; k < s->horizon; k++)
		{
			c->factor[k] = numeric_mul_opt_error(c->factor[k - 1], base, NULL);
			if (!estate_numeric_scaled(VARDATA(c->factor[k]), VARSIZE(c->factor[k]) - VARHDRSZ,
									   &c->scaled[k], &c->divisor[k]))
				c->divisor[k] = 0;
		}
	}
	MemoryContextSwitchTo(old);
	return c;
}

/*
 * cost x (1 + inflation)^k, exact, rounded to the penny: in integers when
 * the cost is whole pence (*whole, worked out on first use: -1 until then)
 * and the factor has a 64-bit form, else through the numeric digits.
 */
static int64
inflated(FunctionCallInfo fcinfo, const ForecastCache *c, int k, int64 pence, int *whole)
{
	Numeric		cost = (Numeric) PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(3));
	int64		amount;

	if (*whole < 0)
	{
		estate_numeric_head h = {0};

		*whole = estate_numeric_head_read(VARDATA_ANY(cost), VARSIZE_ANY_EXHDR(cost), &h) &&
			!h.special && !h.negative && estate_numeric_whole_pence(&h);
	}
	if (*whole && c->divisor[k] != 0 &&
		estate_mul_div_round((uint64) pence, c->scaled[k], c->divisor[k], &amount))
		return amount;
	if (estate_pence_from_product(VARDATA_ANY(cost), VARSIZE_ANY_EXHDR(cost),
								  VARDATA(c->factor[k]), VARSIZE(c->factor[k]) - VARHDRSZ,
								  &amount) != ESTATE_OK)
		estate_error(ESTATE_ERR_RANGE, NULL, NULL,
					 "the inflated replacement cost %s x %s is out of range",
					 estate_numeric_text(PG_GETARG_NUMERIC(3)), estate_numeric_text(c->factor[k]));
	return amount;
}

/*
 * renewal_forecast(installed_year, life_years, replacement_cost, from_year,
 * horizon [, inflation]): non-strict, so NULL element data is skipped and
 * NULL parameters are reported.
 */
PG_FUNCTION_INFO_V1(renewal_forecast_trans);
Datum
renewal_forecast_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	bool		in_agg = AggCheckCallContext(fcinfo, &aggcontext);
	bool		with_inflation = PG_NARGS() > 6;
	ForecastCache *cache = forecast_cache(fcinfo);
	RenewalState *s;
	int32		from_year;
	int32		horizon;
	Numeric		inflation;
	int32		life;
	int64		first;
	int64		pence;
	int			whole = -1;
	const ForecastCache *c;

	if (PG_ARGISNULL(4) || PG_ARGISNULL(5) || (with_inflation && PG_ARGISNULL(6)))
		estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
					 "from_year, horizon and inflation must not be NULL");
	from_year = PG_GETARG_INT32(4);
	horizon = PG_GETARG_INT32(5);
	inflation = with_inflation ? (Numeric) PG_GETARG_DATUM(6) : NULL;

	if (PG_ARGISNULL(0))
	{
		if (horizon < RENEWAL_HORIZON_MIN || horizon > RENEWAL_HORIZON_MAX)
			estate_error(ESTATE_ERR_ARGUMENT, NULL,
						 "The horizon is 1 to 100 years.",
						 "horizon %d is out of range", horizon);
		inflation = inflation ? DatumGetNumeric(PG_GETARG_DATUM(6)) : int64_to_numeric(0);
		check_inflation(inflation);
		s = state_new(in_agg ? aggcontext : CurrentMemoryContext, from_year, horizon, inflation, 0);
	}
	else
	{
		/*
		 * As an aggregate the state is our own flat value (plain storage:
		 * never packed or toasted), so no detoast call on every row; it was
		 * made with this call's constant parameters when they are.  The
		 * 5-argument form's states all have no inflation.
		 */
		s = in_agg ? (RenewalState *) PG_GETARG_POINTER(0) : PG_GETARG_RENEWAL(0);
		if (!(in_agg && cache->fixed))
			check_same(s, from_year, horizon, inflation);
		if (!in_agg)
			s = state_copy(CurrentMemoryContext, s);
	}

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_POINTER(s);
	life = PG_GETARG_INT32(2);
	if (life < 1)
		estate_error(ESTATE_ERR_ARGUMENT, NULL,
					 "An element's life is at least 1 year.",
					 "life_years %d is out of range", life);
	if (!estate_amount_pence_fast(PG_GETARG_DATUM(3), &pence))
		pence = estate_amount_pence(PG_GETARG_DATUM(3), "replacement_cost");
	s->elements++;

	first = estate_renewal_first_due(PG_GETARG_INT32(1), life, from_year, horizon);
	if (first < 0)
		PG_RETURN_POINTER(s);
	c = with_inflation ? factors(cache, fcinfo->flinfo->fn_mcxt, s) : NULL;
	for (int64 k = first; k < horizon; k += life)
		add_due(s, (int) k, k > 0 && c != NULL && !c->zero ? inflated(fcinfo, c, (int) k, pence, &whole) : pence);
	PG_RETURN_POINTER(s);
}

/* Strict: PostgreSQL copies the first non-NULL state into the group. */
PG_FUNCTION_INFO_V1(renewal_forecast_combine);
Datum
renewal_forecast_combine(PG_FUNCTION_ARGS)
{
	RenewalState *a = PG_GETARG_RENEWAL(0);
	RenewalState *b = PG_GETARG_RENEWAL(1);

	check_same(a, b->from_year, b->horizon, STATE_INFLATION(b));
	if (!AggCheckCallContext(fcinfo, NULL))
		a = state_copy(CurrentMemoryContext, a);
	a->elements += b->elements;
	for (int k = 0; k < a->horizon; k++)
		add_due(a, k, b->due[k]);
	PG_RETURN_POINTER(a);
}

/* The costs due per year as numeric[]; NULL when no element was seen. */
PG_FUNCTION_INFO_V1(renewal_forecast_final);
Datum
renewal_forecast_final(PG_FUNCTION_ARGS)
{
	RenewalState *s = PG_GETARG_RENEWAL(0);
	Datum	   *items;

	if (s->elements == 0)
		PG_RETURN_NULL();
	items = (Datum *) palloc(s->horizon * sizeof(Datum));
	for (int k = 0; k < s->horizon; k++)
		items[k] = NumericGetDatum(estate_pence_numeric(s->due[k]));
	PG_RETURN_ARRAYTYPE_P(construct_array(items, s->horizon, NUMERICOID, -1, false, TYPALIGN_INT));
}

/* ---- I/O of the state --------------------------------------------------- */

PG_FUNCTION_INFO_V1(renewal_forecast_state_out);
Datum
renewal_forecast_state_out(PG_FUNCTION_ARGS)
{
	RenewalState *s = PG_GETARG_RENEWAL(0);
	StringInfoData buf;
	char		amount[ESTATE_PENCE_TEXT_MAX];

	initStringInfo(&buf);
	appendStringInfo(&buf, "from_year=%d, horizon=%d, inflation=%s, elements=" INT64_FORMAT ", due={",
					 s->from_year, s->horizon, estate_numeric_text(STATE_INFLATION(s)), s->elements);
	for (int k = 0; k < s->horizon; k++)
	{
		estate_pence_format(s->due[k], amount);
		appendStringInfo(&buf, k > 0 ? ",%s" : "%s", amount);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(renewal_forecast_state_in);
Datum
renewal_forecast_state_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	estate_renewal_text t;
	const char *why = NULL;
	estate_status st = estate_renewal_parse(str, strlen(str), &t, &why);
	Numeric		inflation;
	RenewalState *s;

	if (st != ESTATE_OK)
		estate_input_error(fcinfo, st == ESTATE_ERR_RANGE ? ESTATE_ERR_RANGE : ESTATE_ERR_SYNTAX, why, NULL,
						   "invalid input for type estate.renewal_forecast_state: \"%s\"", str);
	/* numeric_in's own complaint (too many digits) is soft too from 16 on. */
#if PG_VERSION_NUM >= 160000
	{
		Datum		d;

		if (!DirectInputFunctionCallSafe(numeric_in, pnstrdup(t.inflation, t.inflation_len),
										 InvalidOid, -1, fcinfo->context, &d))
			PG_RETURN_NULL();
		inflation = DatumGetNumeric(d);
	}
#else
	inflation = DatumGetNumeric(DirectFunctionCall3(numeric_in,
													CStringGetDatum(pnstrdup(t.inflation, t.inflation_len)),
													ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
#endif
	if (DatumGetBool(DirectFunctionCall2(numeric_le, NumericGetDatum(inflation),
										 NumericGetDatum(int64_to_numeric(-1)))))
		estate_input_error(fcinfo, ESTATE_ERR_RANGE,
						   "The inflation must be above -1.",
						   NULL,
						   "invalid input for type estate.renewal_forecast_state: \"%s\"", str);
	s = state_new(CurrentMemoryContext, t.from_year, t.horizon, inflation, t.elements);
	memcpy(s->due, t.due, t.horizon * sizeof(int64));
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(renewal_forecast_state_send);
Datum
renewal_forecast_state_send(PG_FUNCTION_ARGS)
{
	RenewalState *s = PG_GETARG_RENEWAL(0);
	bytea	   *inflation = DatumGetByteaPP(DirectFunctionCall1(numeric_send,
																NumericGetDatum(STATE_INFLATION(s))));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, RENEWAL_BINARY_VERSION);
	pq_sendint32(&buf, s->from_year);
	pq_sendint32(&buf, s->horizon);
	pq_sendint64(&buf, s->elements);
	pq_sendint32(&buf, VARSIZE_ANY_EXHDR(inflation));
	pq_sendbytes(&buf, VARDATA_ANY(inflation), VARSIZE_ANY_EXHDR(inflation));
	for (int k = 0; k < s->horizon; k++)
		pq_sendint64(&buf, s->due[k]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

pg_noreturn static void binary_error(const char *detail);

static void
binary_error(const char *detail)
{
	estate_error(ESTATE_ERR_BINARY, detail, NULL,
				 "invalid binary input for type estate.renewal_forecast_state");
}

/*
 * The inflation: numeric_recv over the next n bytes of buf.  What it rejects
 * (a length that does not add up, a digit or sign it does not know, a weight
 * numeric cannot hold) is a fault of our value, so it is reported as ours,
 * 22P03, with numeric's message as the detail.  numeric_recv holds no
 * resources, so its error can be caught and replaced without a
 * subtransaction; errors of any other kind (out of memory, cancel) go on.
 */
static Numeric
recv_inflation(StringInfo buf, int n)
{
	MemoryContext cxt = CurrentMemoryContext;
	StringInfoData sub;
	Numeric		inflation = NULL;

	sub.data = buf->data + buf->cursor;
	sub.len = sub.maxlen = n;
	sub.cursor = 0;
	PG_TRY();
	{
		inflation = DatumGetNumeric(DirectFunctionCall3(numeric_recv, PointerGetDatum(&sub),
														ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	}
	PG_CATCH();
	{
		ErrorData  *e;

		MemoryContextSwitchTo(cxt);
		e = CopyErrorData();
		if (ERRCODE_TO_CATEGORY(e->sqlerrcode) != ERRCODE_DATA_EXCEPTION &&
			e->sqlerrcode != ERRCODE_PROTOCOL_VIOLATION)
			PG_RE_THROW();
		FlushErrorState();
		binary_error(psprintf("The inflation is not a binary numeric: %s.", e->message));
	}
	PG_END_TRY();
	if (sub.cursor != n)
		binary_error("The inflation's length is wrong.");
	buf->cursor += n;
	return inflation;
}

PG_FUNCTION_INFO_V1(renewal_forecast_state_recv);
Datum
renewal_forecast_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		from_year;
	int32		horizon;
	int64		elements;
	int32		n;
	Numeric		inflation;
	RenewalState *s;
	const char *why;

	/* The fixed fields first: pq_getmsg* would report a short value as a protocol violation. */
	if (buf->len - buf->cursor < RENEWAL_BINARY_HEAD)
		binary_error("The value is too short.");
	if (pq_getmsgbyte(buf) != RENEWAL_BINARY_VERSION)
		binary_error("Unknown version.");
	from_year = pq_getmsgint(buf, 4);
	horizon = pq_getmsgint(buf, 4);
	elements = pq_getmsgint64(buf);
	n = pq_getmsgint(buf, 4);
	if (horizon < RENEWAL_HORIZON_MIN || horizon > RENEWAL_HORIZON_MAX)
		binary_error("The horizon is out of range.");
	if (elements < 0)
		binary_error("The element count is negative.");
	if (n < 0 || n > buf->len - buf->cursor)
		binary_error("The inflation's length is out of range.");
	inflation = recv_inflation(buf, n);
	if (numeric_is_nan(inflation) || numeric_is_inf(inflation) ||
		DatumGetBool(DirectFunctionCall2(numeric_le, NumericGetDatum(inflation),
										 NumericGetDatum(int64_to_numeric(-1)))))
		binary_error("The inflation must be a finite number above -1.");
	if (buf->len - buf->cursor != horizon * (int) sizeof(int64))
		binary_error("There must be exactly one amount due per year of the horizon.");
	s = state_new(CurrentMemoryContext, from_year, horizon, inflation, elements);
	for (int k = 0; k < horizon; k++)
	{
		s->due[k] = pq_getmsgint64(buf);
		if (s->due[k] < 0)
			binary_error("An amount due is negative.");
	}
	if ((why = estate_renewal_check(s->elements, s->due, s->horizon)) != NULL)
		binary_error(why);
	PG_RETURN_POINTER(s);
}
