/*
 * backlog.c - fmgr glue of estate.backlog, its operators, casts, accessors
 * and the aggregates backlog_agg and sum.
 *
 * The value is five int64 buckets of pence (src/core/backlog.h), fixed
 * length and passed by reference.  Aggregate states are the value itself,
 * updated in place when called as an aggregate.
 */
#include "postgres.h"
#include "fmgr.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "core/backlog.h"

#include "common/binary.h"
#include "common/error.h"
#include "common/ordinal.h"
#include "common/pence.h"

#define PG_GETARG_BACKLOG(n)	((estate_backlog *) PG_GETARG_POINTER(n))

/* Binary format: a version byte, then the buckets in text order. */
#define BACKLOG_BINARY_VERSION 1
#define BACKLOG_BINARY_SIZE (1 + BUCKET_COUNT * (int) sizeof(int64))

static void
overflow_error(int bucket)
{
	estate_error(ESTATE_ERR_RANGE, NULL,
				 "A bucket holds at most 92233720368547758.07 (whole pence in 64 bits); "
				 "total() of a backlog has no such limit.",
				 "backlog bucket \"%s\" is out of range", estate_backlog_key(bucket));
}

static estate_backlog *
new_backlog(void)
{
	return (estate_backlog *) palloc0(sizeof(estate_backlog));
}

/* ---- I/O ---------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(backlog_in);
Datum
backlog_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	estate_backlog *b = new_backlog();
	const char *why = NULL;
	estate_status st = estate_backlog_parse(str, strlen(str), b, &why);

	if (st != ESTATE_OK)
		estate_input_rejected(fcinfo, st, "estate.backlog", str, why,
							  "A bucket holds at most 92233720368547758.07.",
							  "Write key=amount pairs separated by commas, keys high, significant, "
							  "moderate, low and unassessed, amounts like 1200.50.");
	PG_RETURN_POINTER(b);
}

PG_FUNCTION_INFO_V1(backlog_out);
Datum
backlog_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(ESTATE_BACKLOG_TEXT_MAX);

	estate_backlog_format(PG_GETARG_BACKLOG(0), buf);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(backlog_recv);
Datum
backlog_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	estate_backlog *b = new_backlog();

	estate_recv_fixed(buf, "estate.backlog", BACKLOG_BINARY_SIZE, BACKLOG_BINARY_VERSION);
	for (int k = 0; k < BUCKET_COUNT; k++)
	{
		int			bucket = estate_backlog_order[k];

		b->pence[bucket] = pq_getmsgint64(buf);
		if (b->pence[bucket] < 0)
			estate_error(ESTATE_ERR_BINARY, NULL,
						 "A backlog is never negative.",
						 "invalid binary input for type estate.backlog: bucket \"%s\" is negative (" INT64_FORMAT " pence)",
						 estate_backlog_key(bucket), b->pence[bucket]);
	}
	PG_RETURN_POINTER(b);
}

PG_FUNCTION_INFO_V1(backlog_send);
Datum
backlog_send(PG_FUNCTION_ARGS)
{
	estate_backlog *b = PG_GETARG_BACKLOG(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, BACKLOG_BINARY_VERSION);
	for (int k = 0; k < BUCKET_COUNT; k++)
		pq_sendint64(&buf, b->pence[estate_backlog_order[k]]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---- comparison and hashing -------------------------------------------- */

static int
cmp_args(FunctionCallInfo fcinfo)
{
	return estate_backlog_cmp(PG_GETARG_BACKLOG(0), PG_GETARG_BACKLOG(1));
}

PG_FUNCTION_INFO_V1(backlog_lt);
Datum
backlog_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(backlog_le);
Datum
backlog_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) <= 0);
}

/* Equal buckets: the same as cmp == 0, without summing. */
PG_FUNCTION_INFO_V1(backlog_eq);
Datum
backlog_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_BACKLOG(0), PG_GETARG_BACKLOG(1), sizeof(estate_backlog)) == 0);
}

PG_FUNCTION_INFO_V1(backlog_ne);
Datum
backlog_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_BACKLOG(0), PG_GETARG_BACKLOG(1), sizeof(estate_backlog)) != 0);
}

PG_FUNCTION_INFO_V1(backlog_ge);
Datum
backlog_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) >= 0);
}

PG_FUNCTION_INFO_V1(backlog_gt);
Datum
backlog_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cmp_args(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(backlog_cmp);
Datum
backlog_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(cmp_args(fcinfo));
}

PG_FUNCTION_INFO_V1(backlog_hash);
Datum
backlog_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_BACKLOG(0), sizeof(estate_backlog));
}

PG_FUNCTION_INFO_V1(backlog_hash_extended);
Datum
backlog_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_any_extended((const unsigned char *) PG_GETARG_BACKLOG(0), sizeof(estate_backlog),
							 PG_GETARG_INT64(1));
}

/* ---- arithmetic --------------------------------------------------------- */

/*
 * a + b.  Also the transition and combine function of sum(backlog): as an
 * aggregate the first argument is our own state, updated in place.
 */
PG_FUNCTION_INFO_V1(backlog_add);
Datum
backlog_add(PG_FUNCTION_ARGS)
{
	estate_backlog *a = PG_GETARG_BACKLOG(0);
	estate_backlog *b = PG_GETARG_BACKLOG(1);
	int			bucket = 0;

	if (!AggCheckCallContext(fcinfo, NULL))
	{
		estate_backlog *copy = new_backlog();

		*copy = *a;
		a = copy;
	}
	if (estate_backlog_add(a, b, &bucket) != ESTATE_OK)
		overflow_error(bucket);
	PG_RETURN_POINTER(a);
}

/* Each bucket times a factor, rounded to the penny (half away from zero). */
static Datum
scale(estate_backlog *b, Numeric factor)
{
	estate_backlog *r = new_backlog();

	estate_check_non_negative(factor, "factor",
							  "A backlog is never negative: scale it by a factor of 0 or more.");
	for (int k = 0; k < BUCKET_COUNT; k++)
	{
		Numeric		pounds = estate_pence_numeric(b->pence[k]);

		if (estate_pence_from_product(VARDATA_ANY(pounds), VARSIZE_ANY_EXHDR(pounds),
									  VARDATA_ANY(factor), VARSIZE_ANY_EXHDR(factor),
									  &r->pence[k]) != ESTATE_OK)
			overflow_error(k);
	}
	PG_RETURN_POINTER(r);
}

PG_FUNCTION_INFO_V1(backlog_mul);
Datum
backlog_mul(PG_FUNCTION_ARGS)
{
	return scale(PG_GETARG_BACKLOG(0), PG_GETARG_NUMERIC(1));
}

PG_FUNCTION_INFO_V1(numeric_mul_backlog);
Datum
numeric_mul_backlog(PG_FUNCTION_ARGS)
{
	return scale(PG_GETARG_BACKLOG(1), PG_GETARG_NUMERIC(0));
}

/* ---- JSON --------------------------------------------------------------- */

#define JSON_KEY_TOTAL "total"
#define JSON_KEY_CRITICAL "critical_infrastructure_risk"

/*
 * {"high": ..., ..., "unassessed": ..., "total": ..., "critical_...": ...}
 * from the five bucket values and the two derived ones, as numbers.
 */
static Datum
json_of(const estate_wide bucket[BUCKET_COUNT], estate_wide total, estate_wide critical)
{
	StringInfoData s;
	char		num[ESTATE_WIDE_TEXT_MAX];

	initStringInfo(&s);
	appendStringInfoChar(&s, '{');
	for (int k = 0; k < BUCKET_COUNT; k++)
	{
		estate_wide_format(bucket[estate_backlog_order[k]], num);
		appendStringInfo(&s, "\"%s\": %s, ", estate_backlog_key(estate_backlog_order[k]), num);
	}
	estate_wide_format(total, num);
	appendStringInfo(&s, "\"" JSON_KEY_TOTAL "\": %s, ", num);
	estate_wide_format(critical, num);
	appendStringInfo(&s, "\"" JSON_KEY_CRITICAL "\": %s}", num);
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data));
}

PG_FUNCTION_INFO_V1(backlog_to_jsonb);
Datum
backlog_to_jsonb(PG_FUNCTION_ARGS)
{
	estate_backlog *b = PG_GETARG_BACKLOG(0);
	estate_wide bucket[BUCKET_COUNT];

	for (int k = 0; k < BUCKET_COUNT; k++)
		bucket[k] = estate_wide_of(b->pence[k]);
	return json_of(bucket, estate_backlog_total(b), estate_backlog_critical(b));
}

/* Per-band signed change from older to newer, with the derived totals. */
PG_FUNCTION_INFO_V1(backlog_delta);
Datum
backlog_delta(PG_FUNCTION_ARGS)
{
	estate_backlog *newer = PG_GETARG_BACKLOG(0);
	estate_backlog *older = PG_GETARG_BACKLOG(1);
	estate_wide bucket[BUCKET_COUNT];

	for (int k = 0; k < BUCKET_COUNT; k++)
		bucket[k] = estate_wide_sub(estate_wide_of(newer->pence[k]), estate_wide_of(older->pence[k]));
	return json_of(bucket,
				   estate_wide_sub(estate_backlog_total(newer), estate_backlog_total(older)),
				   estate_wide_sub(estate_backlog_critical(newer), estate_backlog_critical(older)));
}

static void
json_error(const char *message, const char *key)
{
	estate_error(ESTATE_ERR_ARGUMENT, NULL,
				 "A backlog in JSON is an object with the numeric keys high, significant, moderate, "
				 "low and unassessed (missing or null = 0); total and "
				 JSON_KEY_CRITICAL ", if present, must match them.",
				 message, key);
}

/* A derived key, when present, must agree with the bands read. */
static void
check_derived(const char *key, JsonbValue *v, estate_wide expected)
{
	if (v->type == jbvNull)
		return;
	if (v->type != jbvNumeric)
		json_error("key \"%s\" is not a number", key);
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(v->val.numeric),
										  NumericGetDatum(estate_wide_numeric(expected)))) != 0)
		estate_error(ESTATE_ERR_ARGUMENT, NULL, NULL,
					 "key \"%s\" is %s, but the bands give %s",
					 key, estate_numeric_text(v->val.numeric), estate_numeric_text(estate_wide_numeric(expected)));
}

PG_FUNCTION_INFO_V1(jsonb_to_backlog);
Datum
jsonb_to_backlog(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	estate_backlog *b = new_backlog();
	JsonbIterator *it;
	JsonbIteratorToken tok;
	JsonbValue	v;
	JsonbValue	total = {.type = jbvNull};
	JsonbValue	critical = {.type = jbvNull};
	char	   *key = NULL;

	if (!JB_ROOT_IS_OBJECT(jb))
		json_error("%s", "a backlog in JSON must be an object");
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		int			bucket;

		if (tok == WJB_KEY)
		{
			key = pnstrdup(v.val.string.val, v.val.string.len);
			continue;
		}
		if (tok != WJB_VALUE)
			continue;
		if (strcmp(key, JSON_KEY_TOTAL) == 0)
			total = v;
		else if (strcmp(key, JSON_KEY_CRITICAL) == 0)
			critical = v;
		else if ((bucket = estate_backlog_bucket_of_key(key, strlen(key))) < 0 ||
				 strcmp(key, estate_backlog_key(bucket)) != 0)
			json_error("unknown key \"%s\" in a backlog", key);
		else if (v.type == jbvNumeric)
			b->pence[bucket] = estate_amount_pence(NumericGetDatum(v.val.numeric), key);
		else if (v.type != jbvNull)
			json_error("key \"%s\" is not a number", key);
	}
	check_derived(JSON_KEY_TOTAL, &total, estate_backlog_total(b));
	check_derived(JSON_KEY_CRITICAL, &critical, estate_backlog_critical(b));
	PG_RETURN_POINTER(b);
}

/* ---- constructors and accessors ---------------------------------------- */

/* backlog(high, significant, moderate, low): NULL only when all are NULL. */
PG_FUNCTION_INFO_V1(backlog_of_bands);
Datum
backlog_of_bands(PG_FUNCTION_ARGS)
{
	static const int bucket_of_arg[] = {BAND_HIGH, BAND_SIGNIFICANT, BAND_MODERATE, BAND_LOW};
	estate_backlog *b = new_backlog();
	bool		any = false;

	for (int i = 0; i < (int) lengthof(bucket_of_arg); i++)
	{
		if (PG_ARGISNULL(i))
			continue;
		any = true;
		b->pence[bucket_of_arg[i]] = estate_amount_pence(PG_GETARG_DATUM(i), estate_backlog_key(bucket_of_arg[i]));
	}
	if (!any)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(b);
}

/* backlog(band, cost): NULL band is unassessed, NULL cost gives NULL. */
PG_FUNCTION_INFO_V1(backlog_of_cost);
Datum
backlog_of_cost(PG_FUNCTION_ARGS)
{
	estate_backlog *b;
	int			bucket = PG_ARGISNULL(0) ? BUCKET_UNASSESSED : PG_GETARG_ORDINAL(0);

	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	b = new_backlog();
	b->pence[bucket] = estate_amount_pence(PG_GETARG_DATUM(1), "cost");
	PG_RETURN_POINTER(b);
}

PG_FUNCTION_INFO_V1(backlog_cost);
Datum
backlog_cost(PG_FUNCTION_ARGS)
{
	PG_RETURN_NUMERIC(estate_pence_numeric(PG_GETARG_BACKLOG(0)->pence[PG_GETARG_ORDINAL(1)]));
}

PG_FUNCTION_INFO_V1(backlog_unassessed);
Datum
backlog_unassessed(PG_FUNCTION_ARGS)
{
	PG_RETURN_NUMERIC(estate_pence_numeric(PG_GETARG_BACKLOG(0)->pence[BUCKET_UNASSESSED]));
}

PG_FUNCTION_INFO_V1(backlog_total);
Datum
backlog_total(PG_FUNCTION_ARGS)
{
	PG_RETURN_NUMERIC(estate_wide_numeric(estate_backlog_total(PG_GETARG_BACKLOG(0))));
}

PG_FUNCTION_INFO_V1(backlog_critical);
Datum
backlog_critical(PG_FUNCTION_ARGS)
{
	PG_RETURN_NUMERIC(estate_wide_numeric(estate_backlog_critical(PG_GETARG_BACKLOG(0))));
}

/* ---- backlog_agg(band, cost) -------------------------------------------- */

/*
 * The transition function: non-strict, because a NULL band is a cost whose
 * band is unknown.  The hot path decodes the numeric's stored bytes and adds
 * to the state in place; only the first non-NULL cost of a group allocates.
 */
PG_FUNCTION_INFO_V1(backlog_agg_trans);
Datum
backlog_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	estate_backlog *state;
	int64		pence;
	int			bucket;

	if (PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (!estate_amount_pence_fast(PG_GETARG_DATUM(2), &pence))
		pence = estate_amount_pence(PG_GETARG_DATUM(2), "cost");
	bucket = PG_ARGISNULL(1) ? BUCKET_UNASSESSED : PG_GETARG_ORDINAL(1);

	if (!AggCheckCallContext(fcinfo, &aggcontext))
	{
		/* Called directly: never modify the argument. */
		state = new_backlog();
		if (!PG_ARGISNULL(0))
			*state = *PG_GETARG_BACKLOG(0);
	}
	else if (PG_ARGISNULL(0))
		state = (estate_backlog *) MemoryContextAllocZero(aggcontext, sizeof(estate_backlog));
	else
		state = PG_GETARG_BACKLOG(0);

	if (estate_pence_add(state->pence[bucket], pence, &state->pence[bucket]) != ESTATE_OK)
		overflow_error(bucket);
	PG_RETURN_POINTER(state);
}
