/*
 * investment_plan.c - fmgr glue of investment scenarios: the scenario
 * constructor, the aggregate estate.plan_investment (grade and band forms)
 * over its state type estate.investment_plan_state, the result type
 * estate.investment_plan, and plan_years / plan_items.
 *
 * The state holds the group's scenario (encoded once, canonical, so rows
 * compare it by bytes) and the items kept, as records of 14 bytes plus the
 * id.  Like estate.utilisation_state it has two forms:
 *   - flat: an ordinary varlena while the group is small, with room to
 *     append in place;
 *   - expanded: a read-write expanded object in its own memory context under
 *     the aggregate's, once the records pass FLAT_MAX_BYTES, so that a large
 *     group costs no copy per row.
 * Small groups stay flat because a memory context per group makes hash
 * aggregation's memory accounting quadratic in the number of groups.  An
 * expanded state flattened (a parallel worker's result, a stored value)
 * holds its records packed (estate_plan_records_pack): the executor copies a
 * worker's state several times on its way to the leader, and packed it is
 * about a third of the size.  Whatever reads a packed state unpacks it.
 */
#include "postgres.h"
#include "fmgr.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"
#include "utils/typcache.h"

#include "core/investment_plan.h"

#include "common/bigmem.h"
#include "common/error.h"
#include "common/ordinal.h"
#include "common/pence.h"
#include "common/result.h"

/* A group switches from flat to expanded beyond this many record bytes. */
#define FLAT_MAX_BYTES		2048

#define TOO_LARGE_HINT		"Plan smaller groups, for example one trust or one site at a time."

/* Malformed text input of type `type` (a soft error where the server has them). */
#define TEXT_INPUT_ERROR(type, str, len, why) \
	estate_error_save(fcinfo->context, ESTATE_ERR_SYNTAX, (why), NULL, \
					  "invalid input syntax for type %s: \"%.200s%s\"", \
					  (type), (str), (len) > 200 ? "..." : "")

/* ---------------------------------------------------------------------------
 * The scenario
 * ------------------------------------------------------------------------- */

enum
{
	SC_FROM_YEAR = 0,
	SC_ANNUAL_BUDGET,
	SC_BUDGETS,
	SC_HORIZON,
	SC_INFLATION,
	SC_YEARS_PER_GRADE,
	SC_ESCALATION,
	SC_STRATEGY,
	SC_CARRY_OVER,
	SC_REPLACEMENT_VALUE,
	SC_FIELDS
};

static void
scenario_error(int sqlstate, const char *message, const char *hint)
{
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("investment scenario: %s", message),
			 hint ? errhint("%s", hint) : 0));
}

static void
field_null(const char *field)
{
	scenario_error(ERRCODE_INVALID_PARAMETER_VALUE, psprintf("%s must not be NULL", field),
				   "Build the scenario with estate.investment_scenario(from_year => ..., annual_budget => ...).");
}

static int
numeric_compare(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

static Numeric
numeric_of(const char *text)
{
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(text),
											   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
}

/* A budget or value: finite, not negative (before rounding), in range. */
static int64
money_field(Numeric num, const char *field)
{
	if (numeric_is_nan(num) || numeric_is_inf(num))
		scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
					   psprintf("%s %s is not a finite number", field, estate_numeric_text(num)), NULL);
	if (estate_numeric_is_negative(VARDATA_ANY(num), VARSIZE_ANY_EXHDR(num)))
		scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
					   psprintf("%s %s is negative", field, estate_numeric_text(num)), NULL);
	return estate_numeric_pence(num, field);
}

/* A rate's canonical decimal text, palloc'd. */
static char *
rate_field(Numeric num, const char *field, size_t *len)
{
	char	   *text;
	char	   *canonical;

	if (numeric_is_nan(num) || numeric_is_inf(num))
		scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
					   psprintf("%s %s is not a finite number", field, estate_numeric_text(num)), NULL);
	text = estate_numeric_text(num);
	canonical = palloc(strlen(text) + 1);
	if (!estate_plan_decimal_canonical(text, strlen(text), canonical, len))
		elog(ERROR, "numeric output \"%s\" is not a decimal", text);
	return canonical;
}

/*
 * Read and check a scenario (a hand-built ROW gets the same checks as the
 * constructor's arguments) into s; its rates are palloc'd.
 */
static void
scenario_read(Datum values[SC_FIELDS], bool nulls[SC_FIELDS], estate_plan_scenario *s)
{
	estate_status st;
	const char *field;

	memset(s, 0, sizeof(*s));
	if (nulls[SC_FROM_YEAR])
		field_null("from_year");
	s->from_year = DatumGetInt32(values[SC_FROM_YEAR]);
	if (nulls[SC_HORIZON])
		field_null("horizon");
	s->horizon = DatumGetInt32(values[SC_HORIZON]);
	if (s->horizon < PLAN_HORIZON_MIN || s->horizon > PLAN_HORIZON_MAX)
		scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
					   psprintf("horizon %d is out of range", DatumGetInt32(values[SC_HORIZON])),
					   "The horizon is 1-100 years.");
	if ((int64) s->from_year + s->horizon - 1 > PG_INT32_MAX)
		scenario_error(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
					   psprintf("the last year %lld is out of range for integer",
								(long long) s->from_year + s->horizon - 1), NULL);
	if (nulls[SC_ANNUAL_BUDGET] == nulls[SC_BUDGETS])
		scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
					   nulls[SC_BUDGETS] ? "annual_budget or budgets must be given"
					   : "annual_budget and budgets must not both be given",
					   "Give annual_budget (the same every year) or budgets (one per year), not both.");
	if (!nulls[SC_ANNUAL_BUDGET])
	{
		s->budget[0] = money_field(DatumGetNumeric(values[SC_ANNUAL_BUDGET]), "annual_budget");
		for (int k = 1; k < s->horizon; k++)
			s->budget[k] = s->budget[0];
	}
	else
	{
		ArrayType  *a = DatumGetArrayTypeP(values[SC_BUDGETS]);
		Datum	   *elems;
		bool	   *elem_nulls;
		int			n;

		deconstruct_array(a, NUMERICOID, -1, false, TYPALIGN_INT, &elems, &elem_nulls, &n);
		if (ARR_NDIM(a) > 1 || n != s->horizon)
			scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
						   psprintf("budgets has %d elements, the horizon %d years", n, s->horizon),
						   "Give one budget per year of the horizon.");
		for (int k = 0; k < n; k++)
		{
			if (elem_nulls[k])
				scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
							   psprintf("budgets element %d is NULL", k + 1), NULL);
			s->budget[k] = money_field(DatumGetNumeric(elems[k]), "budgets");
		}
		s->per_year = true;
	}
	if (nulls[SC_INFLATION])
		field_null("inflation");
	s->inflation = rate_field(DatumGetNumeric(values[SC_INFLATION]), "inflation", &s->inflation_len);
	if (numeric_compare(DatumGetNumeric(values[SC_INFLATION]), numeric_of("-1")) <= 0)
		scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
					   psprintf("inflation %s is out of range", s->inflation),
					   "The inflation is a yearly rate above -1, e.g. 0.03 for 3%.");
	if (!nulls[SC_YEARS_PER_GRADE])
	{
		s->years_per_grade = DatumGetInt32(values[SC_YEARS_PER_GRADE]);
		if (s->years_per_grade < 1)
			scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
						   psprintf("years_per_grade %d is out of range", s->years_per_grade),
						   "years_per_grade is at least 1, or NULL for no deterioration.");
	}
	if (nulls[SC_ESCALATION])
		field_null("escalation");
	s->escalation = rate_field(DatumGetNumeric(values[SC_ESCALATION]), "escalation", &s->escalation_len);
	if (s->escalation[0] == '-')
		scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
					   psprintf("escalation %s is negative", s->escalation), NULL);
	if (nulls[SC_STRATEGY])
		field_null("strategy");
	{
		char	   *name = TextDatumGetCString(values[SC_STRATEGY]);

		s->strategy = -1;
		for (int i = 0; i < PLAN_STRATEGY_COUNT; i++)
			if (strcmp(name, estate_plan_strategy_names[i]) == 0)
				s->strategy = i;
		if (s->strategy < 0)
			scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
						   psprintf("unknown strategy \"%s\"", name),
						   "The strategy is highest_risk_first, strict_risk_order or most_risk_per_pound.");
	}
	if (nulls[SC_CARRY_OVER])
		field_null("carry_over");
	s->carry_over = DatumGetBool(values[SC_CARRY_OVER]);
	s->replacement_value = -1;
	if (!nulls[SC_REPLACEMENT_VALUE])
	{
		Numeric		rv = DatumGetNumeric(values[SC_REPLACEMENT_VALUE]);

		if (!numeric_is_nan(rv) && !numeric_is_inf(rv) && numeric_compare(rv, numeric_of("0.01")) < 0)
			scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
						   psprintf("replacement_value %s is out of range", estate_numeric_text(rv)),
						   "The replacement value is at least 0.01, or NULL.");
		s->replacement_value = money_field(rv, "replacement_value");
	}
	/* Everything above is what the core checks too. */
	if ((field = estate_plan_scenario_check(s, &st)) != NULL)
		elog(ERROR, "investment scenario field %s failed its check", field);
}

static void
scenario_deform(Datum d, Datum values[SC_FIELDS], bool nulls[SC_FIELDS])
{
	HeapTupleHeader th = DatumGetHeapTupleHeader(d);
	TupleDesc	td = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(th), HeapTupleHeaderGetTypMod(th));
	HeapTupleData tuple;

	if (td->natts != SC_FIELDS)
		elog(ERROR, "an investment scenario has %d fields, not %d", td->natts, SC_FIELDS);
	tuple.t_len = HeapTupleHeaderGetDatumLength(th);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = th;
	heap_deform_tuple(&tuple, td, values, nulls);
	ReleaseTupleDesc(td);
}

/* investment_scenario(from_year, annual_budget, budgets, ...): checked. */
PG_FUNCTION_INFO_V1(investment_scenario);
Datum
investment_scenario(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc = estate_result_tupdesc(fcinfo);
	Datum		values[SC_FIELDS];
	bool		nulls[SC_FIELDS];
	estate_plan_scenario s;

	for (int i = 0; i < SC_FIELDS; i++)
	{
		nulls[i] = PG_ARGISNULL(i);
		values[i] = nulls[i] ? (Datum) 0 : PG_GETARG_DATUM(i);
	}
	scenario_read(values, nulls, &s);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

static char *
scenario_text(const unsigned char *blob, size_t len)
{
	estate_plan_scenario s;
	size_t		used;
	const char *why;
	char	   *out;

	if (estate_plan_scenario_decode(blob, len, &s, &used, &why) != ESTATE_OK)
		elog(ERROR, "invalid investment scenario in a state: %s", why);
	out = palloc(estate_plan_scenario_text_max(&s) + 1);
	out[estate_plan_scenario_format(&s, out)] = '\0';
	return out;
}

/* ---------------------------------------------------------------------------
 * The state's two forms
 * ------------------------------------------------------------------------- */

typedef struct PlanFlat
{
	int32		vl_len_;
	uint8		version;
	uint8		form;
	uint8		packed;			/* records packed: no room to append */
	uint8		spare;
	uint32		scenario_len;
	uint32		used;			/* record bytes held */
	uint32		alloc;			/* record bytes there is room for; when
								 * packed, the bytes they unpack to */
	int64		nitems;
	/* the scenario's bytes, then the records */
} PlanFlat;

#define FLAT_SCENARIO(f)	((unsigned char *) (f) + sizeof(PlanFlat))
#define FLAT_RECORDS(f)		(FLAT_SCENARIO(f) + (f)->scenario_len)

typedef struct PlanExpanded
{
	ExpandedObjectHeader hdr;
	MemoryContext owner;		/* the aggregate context it was made for */
	int			form;
	unsigned char *scenario;
	size_t		scenario_len;
	unsigned char *records;		/* estate_big_palloc'd */
	size_t		used;
	size_t		alloc;
	int64		nitems;
	/* The records packed, made when the flat size is asked for and copied
	 * when flattening, for as long as used stays packed_for (0: none). */
	unsigned char *packed;		/* estate_big_palloc'd, or NULL */
	size_t		packed_size;
	size_t		packed_for;
} PlanExpanded;

typedef struct PlanView
{
	int			form;
	const unsigned char *scenario;
	size_t		scenario_len;
	unsigned char *records;
	size_t		used;			/* bytes at records */
	bool		packed;
	size_t		raw_used;		/* the records' bytes unpacked */
	int64		nitems;
	PlanFlat   *flat;			/* exactly one of these is set */
	PlanExpanded *expanded;
} PlanView;

static Size plan_get_flat_size(ExpandedObjectHeader *eohptr);
static void plan_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods plan_methods = {
	plan_get_flat_size,
	plan_flatten_into
};

static void
check_state_size(size_t scenario_len, size_t records)
{
	if (records > MaxAllocSize - sizeof(PlanFlat) - scenario_len)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("plan_investment state of %zu bytes of items exceeds the 1 GB limit of a value", records),
				 errhint(TOO_LARGE_HINT)));
}

static Size
plan_get_flat_size(ExpandedObjectHeader *eohptr)
{
	PlanExpanded *eo = (PlanExpanded *) eohptr;

	check_state_size(eo->scenario_len, eo->used);
	if (eo->packed_for != eo->used)
	{
		MemoryContext old = MemoryContextSwitchTo(eo->hdr.eoh_context);
		Size		room = estate_plan_records_packed_max(eo->used, eo->nitems);

		if (eo->packed)
			estate_big_free(eo->packed);
		eo->packed = estate_big_palloc(room);
		eo->packed_size = estate_plan_records_pack(eo->records, eo->used, eo->packed);
		eo->packed_for = eo->used;
		MemoryContextSwitchTo(old);
	}
	/* Packing can add a few bytes an item (huge ids and costs). */
	check_state_size(eo->scenario_len, eo->packed_size);
	return sizeof(PlanFlat) + eo->scenario_len + eo->packed_size;
}

static void
write_flat(PlanFlat *f, Size size, int form, const unsigned char *scenario, size_t scenario_len,
		   const unsigned char *records, size_t used, size_t alloc, int64 nitems)
{
	memset(f, 0, sizeof(PlanFlat));
	SET_VARSIZE(f, size);
	f->version = PLAN_VERSION;
	f->form = (uint8) form;
	f->scenario_len = (uint32) scenario_len;
	f->used = (uint32) used;
	f->alloc = (uint32) alloc;
	f->nitems = nitems;
	memcpy(FLAT_SCENARIO(f), scenario, scenario_len);
	if (used > 0)
		memcpy(FLAT_RECORDS(f), records, used);
}

static void
plan_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	PlanExpanded *eo = (PlanExpanded *) eohptr;
	PlanFlat   *f = result;

	/* The executor asks for the size first, with the state as it is now. */
	if (plan_get_flat_size(eohptr) != allocated_size)
		elog(ERROR, "estate.investment_plan_state flattened into %zu bytes, not the %zu it takes",
			 allocated_size, sizeof(PlanFlat) + eo->scenario_len + eo->packed_size);
	write_flat(f, allocated_size, eo->form, eo->scenario, eo->scenario_len, eo->packed,
			   eo->packed_size, eo->used, eo->nitems);
	f->packed = 1;
}

static PlanFlat *
new_flat(int form, const unsigned char *scenario, size_t scenario_len,
		 const unsigned char *records, size_t used, size_t alloc, int64 nitems)
{
	Size		size;
	PlanFlat   *f;

	check_state_size(scenario_len, alloc);
	size = sizeof(PlanFlat) + scenario_len + alloc;
	f = palloc_extended(size, MCXT_ALLOC_HUGE);
	write_flat(f, size, form, scenario, scenario_len, records, used, alloc, nitems);
	return f;
}

static PlanExpanded *
new_expanded(MemoryContext parent, int form, const unsigned char *scenario, size_t scenario_len,
			 size_t alloc)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "estate investment plan state",
											  ALLOCSET_SMALL_SIZES);
	PlanExpanded *eo = MemoryContextAllocZero(cxt, sizeof(PlanExpanded) + scenario_len);
	MemoryContext old;

	EOH_init_header(&eo->hdr, &plan_methods, cxt);
	eo->owner = parent;
	eo->form = form;
	eo->scenario = memcpy(eo + 1, scenario, scenario_len);
	eo->scenario_len = scenario_len;
	eo->alloc = Max(alloc, FLAT_MAX_BYTES);
	old = MemoryContextSwitchTo(cxt);
	eo->records = estate_big_palloc(eo->alloc);
	MemoryContextSwitchTo(old);
	return eo;
}

static void
plan_view(Datum d, PlanView *v)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		PlanExpanded *eo = (PlanExpanded *) DatumGetEOHP(d);

		Assert(eo->hdr.eoh_methods == &plan_methods);
		v->expanded = eo;
		v->flat = NULL;
		v->form = eo->form;
		v->scenario = eo->scenario;
		v->scenario_len = eo->scenario_len;
		v->records = eo->records;
		v->used = eo->used;
		v->packed = false;
		v->raw_used = eo->used;
		v->nitems = eo->nitems;
	}
	else
	{
		PlanFlat   *f = (PlanFlat *) PG_DETOAST_DATUM(d);

		if (f->version != PLAN_VERSION)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("estate.investment_plan_state of unknown version %d", f->version)));
		v->flat = f;
		v->expanded = NULL;
		v->form = f->form;
		v->scenario = FLAT_SCENARIO(f);
		v->scenario_len = f->scenario_len;
		v->records = FLAT_RECORDS(f);
		v->used = f->used;
		v->packed = f->packed != 0;
		v->raw_used = v->packed ? f->alloc : f->used;
		v->nitems = f->nitems;
	}
}

/* Unpack n items of v's packed records into raw (v->raw_used bytes). */
static void
unpack_into(const PlanView *v, unsigned char *raw)
{
	const char *why = NULL;

	if (estate_plan_records_unpack(v->records, v->used, v->nitems, v->form, raw, v->raw_used,
								   &why) != ESTATE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("invalid packed items in an estate.investment_plan_state"),
				 errdetail("%s", why)));
}

/*
 * v's records unpacked, in CurrentMemoryContext, when they are packed; v
 * then sees them (and never appends in place: v->flat stays packed).
 */
static void
plan_view_unpack(PlanView *v)
{
	unsigned char *raw;

	if (!v->packed)
		return;
	raw = estate_big_palloc(v->raw_used);
	unpack_into(v, raw);
	v->records = raw;
	v->used = v->raw_used;
	v->packed = false;
}

/* The state as this aggregate's own read-write expanded object, or NULL. */
static inline PlanExpanded *
own_expanded(Datum state, MemoryContext aggcontext)
{
	varatt_expanded ptr;

	if (!VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(state)))
		return NULL;
	memcpy(&ptr, VARDATA_EXTERNAL(DatumGetPointer(state)), sizeof(ptr));
	if (((PlanExpanded *) ptr.eohptr)->owner != aggcontext)
		return NULL;
	return (PlanExpanded *) ptr.eohptr;
}

/* Room for at least `need` record bytes, at least doubling. */
static pg_noinline void
expanded_grow(PlanExpanded *eo, size_t need)
{
	check_state_size(eo->scenario_len, need);
	eo->alloc = Max(need, 2 * eo->alloc);
	eo->records = estate_big_realloc(eo->records, eo->used, eo->alloc);
}

static inline void
expanded_append(PlanExpanded *eo, const unsigned char *add, size_t add_len, int64 add_n)
{
	if (eo->used + add_len > eo->alloc)
		expanded_grow(eo, eo->used + add_len);
	memcpy(eo->records + eo->used, add, add_len);
	eo->used += add_len;
	eo->nitems += add_n;
}

/* Add the records seen through v, unpacking them straight into place. */
static void
expanded_append_view(PlanExpanded *eo, const PlanView *v)
{
	if (!v->packed)
	{
		expanded_append(eo, v->records, v->used, v->nitems);
		return;
	}
	if (eo->used + v->raw_used > eo->alloc)
		expanded_grow(eo, eo->used + v->raw_used);
	unpack_into(v, eo->records + eo->used);
	eo->used += v->raw_used;
	eo->nitems += v->nitems;
}

/*
 * Add records to a state seen through v; returns the state to keep: the same
 * datum when it changed in place, else a new one.
 */
static Datum
plan_append(MemoryContext aggcontext, Datum state, PlanView *v,
			const unsigned char *add, size_t add_len, int64 add_n)
{
	size_t		total = v->raw_used + add_len;

	if (v->expanded && own_expanded(state, aggcontext))
	{
		expanded_append(v->expanded, add, add_len, add_n);
		return state;
	}
	if (v->flat == (PlanFlat *) DatumGetPointer(state) && !v->flat->packed &&
		total <= v->flat->alloc)
	{
		/* In place: the state is in aggregate memory. */
		memcpy(v->records + v->used, add, add_len);
		v->flat->used = (uint32) total;
		v->flat->nitems += add_n;
		return state;
	}
	if (total > FLAT_MAX_BYTES)
	{
		PlanExpanded *eo = new_expanded(aggcontext, v->form, v->scenario, v->scenario_len,
										Max(total, 2 * (size_t) FLAT_MAX_BYTES));

		expanded_append_view(eo, v);
		expanded_append(eo, add, add_len, add_n);
		return EOHPGetRWDatum(&eo->hdr);
	}
	else
	{
		/* A new flat value twice the size; the executor copies it into
		 * aggregate memory and frees the old one. */
		size_t		alloc = Min(Max(total, 2 * v->raw_used), (size_t) FLAT_MAX_BYTES);
		PlanFlat   *f;

		plan_view_unpack(v);
		f = new_flat(v->form, v->scenario, v->scenario_len, v->records, v->used, alloc, v->nitems);
		memcpy(FLAT_RECORDS(f) + v->used, add, add_len);
		f->used = (uint32) total;
		f->nitems += add_n;
		return PointerGetDatum(f);
	}
}

static void
check_same_scenario(const PlanView *v, const unsigned char *scenario, size_t len, int form)
{
	if (v->form != form)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine plan_investment states of the grade and band forms")));
	if (v->scenario_len == len && memcmp(v->scenario, scenario, len) == 0)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("the scenario must be the same on every row of a group"),
			 errdetail("Found (%s) and (%s).", scenario_text(v->scenario, v->scenario_len),
					   scenario_text(scenario, len)),
			 errhint("One plan is one scenario: group by the scenario when comparing several.")));
}

/* ---------------------------------------------------------------------------
 * The state's text and binary forms
 * ------------------------------------------------------------------------- */

static const char *const form_words[2] = {"grade", "band"};

PG_FUNCTION_INFO_V1(investment_plan_state_out);
Datum
investment_plan_state_out(PG_FUNCTION_ARGS)
{
	PlanView	v;
	char	   *scenario;
	size_t		max;
	size_t		k = 0;
	char	   *out;
	size_t		at = 0;

	plan_view(PG_GETARG_DATUM(0), &v);
	plan_view_unpack(&v);
	scenario = scenario_text(v.scenario, v.scenario_len);
	max = strlen(scenario) + 64 + 2 * v.used + 64 * (size_t) v.nitems;
	if (max > MaxAllocHugeSize)
		elog(ERROR, "state too large to print");
	out = palloc_extended(max + 1, MCXT_ALLOC_HUGE);
	k += sprintf(out + k, "%s; form=%s; items={", scenario, form_words[v.form]);
	for (int64 i = 0; i < v.nitems; i++)
	{
		estate_plan_item item;
		const char *why = NULL;
		size_t		n = estate_plan_record_read(v.records + at, v.used - at, v.form, &item, &why);

		if (n == 0)
			elog(ERROR, "invalid item in an investment plan state: %s", why);
		at += n;
		if (i > 0)
		{
			out[k++] = ',';
			out[k++] = ' ';
		}
		k += estate_plan_item_format(&item, v.form, out + k);
	}
	out[k++] = '}';
	out[k] = '\0';
	if (k > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the text of a plan_investment state exceeds the 1 GB limit of a value"),
				 errhint(TOO_LARGE_HINT)));
	PG_RETURN_CSTRING(out);
}

PG_FUNCTION_INFO_V1(investment_plan_state_in);
Datum
investment_plan_state_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	estate_plan_scenario s;
	char	   *scratch = palloc_extended(len + 1, MCXT_ALLOC_HUGE);
	unsigned char *records = palloc_extended(estate_plan_state_records_max(len), MCXT_ALLOC_HUGE);
	size_t		records_len;
	int64		nitems;
	int			form;
	const char *why = NULL;
	unsigned char *blob;

	if (estate_plan_state_parse(str, len, &s, scratch, &form, records, &records_len, &nitems,
								&why) != ESTATE_OK)
	{
		TEXT_INPUT_ERROR("estate.investment_plan_state", str, len, why);
		PG_RETURN_NULL();
	}
	blob = palloc(estate_plan_scenario_size(&s));
	estate_plan_scenario_encode(&s, blob);
	PG_RETURN_POINTER(new_flat(form, blob, estate_plan_scenario_size(&s), records, records_len,
							   records_len, nitems));
}

/*
 * Binary form: version, form, the scenario's length and bytes, the item
 * count and the item records (the stored forms themselves).
 */
PG_FUNCTION_INFO_V1(investment_plan_state_send);
Datum
investment_plan_state_send(PG_FUNCTION_ARGS)
{
	PlanView	v;
	StringInfoData buf;

	plan_view(PG_GETARG_DATUM(0), &v);
	plan_view_unpack(&v);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, PLAN_VERSION);
	pq_sendbyte(&buf, (uint8) v.form);
	pq_sendint32(&buf, (int32) v.scenario_len);
	pq_sendbytes(&buf, (const char *) v.scenario, (int) v.scenario_len);
	pq_sendint64(&buf, v.nitems);
	pq_sendbytes(&buf, (const char *) v.records, (int) v.used);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
bad_binary(const char *type, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary input for type %s", type),
			 errdetail("%s", detail)));
}

PG_FUNCTION_INFO_V1(investment_plan_state_recv);
Datum
investment_plan_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const char *type = "estate.investment_plan_state";
	estate_plan_scenario s;
	const unsigned char *scenario;
	const unsigned char *records;
	uint32		scenario_len;
	size_t		used;
	size_t		records_len;
	size_t		at = 0;
	int64		nitems;
	int			form;
	const char *why = NULL;

	if (buf->len - buf->cursor < 1 + 1 + 4)
		bad_binary(type, "The state is truncated.");
	if (pq_getmsgbyte(buf) != PLAN_VERSION)
		bad_binary(type, "Unknown version byte.");
	form = pq_getmsgbyte(buf);
	if (form != PLAN_FORM_GRADE && form != PLAN_FORM_BAND)
		bad_binary(type, "Unknown form.");
	scenario_len = (uint32) pq_getmsgint(buf, 4);
	if (scenario_len > (uint32) (buf->len - buf->cursor))
		bad_binary(type, "The scenario is truncated.");
	scenario = (const unsigned char *) pq_getmsgbytes(buf, (int) scenario_len);
	if (estate_plan_scenario_decode(scenario, scenario_len, &s, &used, &why) != ESTATE_OK)
		bad_binary(type, why);
	if (used != scenario_len)
		bad_binary(type, "Unexpected bytes after the scenario.");
	if (!estate_plan_strategy_fits_form(s.strategy, form))
		bad_binary(type, "most_risk_per_pound needs the grade form.");
	if (buf->len - buf->cursor < 8)
		bad_binary(type, "The item count is missing.");
	nitems = pq_getmsgint64(buf);
	records_len = (size_t) (buf->len - buf->cursor);
	records = (const unsigned char *) pq_getmsgbytes(buf, (int) records_len);
	if (nitems < 0 || (uint64) nitems > records_len / PLAN_RECORD_FIXED)
		bad_binary(type, "The item count exceeds the data that follows it.");
	for (int64 i = 0; i < nitems; i++)
	{
		estate_plan_item item;
		size_t		n = estate_plan_record_read(records + at, records_len - at, form, &item, &why);

		if (n == 0)
			bad_binary(type, why);
		at += n;
	}
	if (at != records_len)
		bad_binary(type, "Unexpected bytes after the items.");
	PG_RETURN_POINTER(new_flat(form, scenario, scenario_len, records, records_len, records_len, nitems));
}

/* ---------------------------------------------------------------------------
 * Transition and combine
 * ------------------------------------------------------------------------- */

/* The last scenario a call site read, as bytes and as its encoding. */
typedef struct RowCache
{
	bytea	   *raw;
	unsigned char *blob;
	size_t		blob_len;
	int			strategy;
} RowCache;

static MemoryContext
aggregate_context(FunctionCallInfo fcinfo)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("investment_plan_transfn called in non-aggregate context")));
	return aggcontext;
}

/*
 * The row's scenario, checked and encoded; cached by its bytes, which
 * usually repeat from row to row.
 */
static RowCache *
row_scenario(FunctionCallInfo fcinfo, int arg, int form)
{
	RowCache   *c = fcinfo->flinfo->fn_extra;
	struct varlena *raw;
	Datum		values[SC_FIELDS];
	bool		nulls[SC_FIELDS];
	estate_plan_scenario s;
	MemoryContext old;

	if (c == NULL)
		c = fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RowCache));
	if (PG_ARGISNULL(arg))
		scenario_error(ERRCODE_INVALID_PARAMETER_VALUE, "the scenario must not be NULL",
					   "Pass estate.investment_scenario(from_year => ..., annual_budget => ...).");
	raw = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(arg));
	if (c->raw != NULL && VARSIZE(c->raw) - VARHDRSZ == VARSIZE_ANY_EXHDR(raw) &&
		memcmp(VARDATA(c->raw), VARDATA_ANY(raw), VARSIZE_ANY_EXHDR(raw)) == 0)
		return c;
	scenario_deform(PG_GETARG_DATUM(arg), values, nulls);
	scenario_read(values, nulls, &s);
	if (!estate_plan_strategy_fits_form(s.strategy, form))
		scenario_error(ERRCODE_INVALID_PARAMETER_VALUE,
					   "strategy most_risk_per_pound needs risk scores",
					   "Use the grade form of estate.plan_investment (grade and consequence), or another strategy.");
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	if (c->raw)
	{
		pfree(c->raw);
		pfree(c->blob);
	}
	c->blob_len = estate_plan_scenario_size(&s);
	c->blob = palloc(c->blob_len);
	estate_plan_scenario_encode(&s, c->blob);
	c->strategy = s.strategy;
	c->raw = palloc(VARHDRSZ + VARSIZE_ANY_EXHDR(raw));
	SET_VARSIZE(c->raw, VARHDRSZ + VARSIZE_ANY_EXHDR(raw));
	memcpy(VARDATA(c->raw), VARDATA_ANY(raw), VARSIZE_ANY_EXHDR(raw));
	MemoryContextSwitchTo(old);
	return c;
}

/*
 * One row of either form: the scenario is checked and compared first (also
 * on a row with a NULL cost), then the item.  `code` is the grade or band
 * (-1 when the row is skipped), `consequence` 1-5 or PLAN_NONE.
 */
static Datum
plan_transition(FunctionCallInfo fcinfo, int form, int id_arg, int cost_arg, int scenario_arg,
				int code, int consequence)
{
	MemoryContext aggcontext = aggregate_context(fcinfo);
	RowCache   *c = row_scenario(fcinfo, scenario_arg, form);
	Datum		state;
	PlanExpanded *eo = NULL;
	PlanView	v;
	estate_plan_item item;
	unsigned char small[PLAN_RECORD_FIXED + 256];
	unsigned char *record = small;
	size_t		record_len;
	text	   *id;

	if (PG_ARGISNULL(0))
	{
		/* The first row of a group; the executor copies this into place. */
		state = PointerGetDatum(new_flat(form, c->blob, c->blob_len, NULL, 0, 0, 0));
		plan_view(state, &v);
	}
	else
	{
		state = PG_GETARG_DATUM(0);
		if ((eo = own_expanded(state, aggcontext)) != NULL)
		{
			if (eo->scenario_len != c->blob_len || memcmp(eo->scenario, c->blob, c->blob_len) != 0 ||
				eo->form != form)
			{
				plan_view(state, &v);
				check_same_scenario(&v, c->blob, c->blob_len, form);
			}
		}
		else
		{
			plan_view(state, &v);
			check_same_scenario(&v, c->blob, c->blob_len, form);
		}
	}
	if (PG_ARGISNULL(cost_arg))
		return state;
	if (PG_ARGISNULL(id_arg))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("item_id must not be NULL"),
				 errhint("Each item needs an id unique within the group, e.g. the survey element's key.")));
	if (!estate_amount_pence_fast(PG_GETARG_DATUM(cost_arg), &item.cost))
		item.cost = estate_amount_pence(PG_GETARG_DATUM(cost_arg), "cost");
	if (code < 0)
		return state;

	id = PG_GETARG_TEXT_PP(id_arg);
	item.id = VARDATA_ANY(id);
	item.id_len = (uint32) VARSIZE_ANY_EXHDR(id);
	item.code = (uint8) code;
	item.consequence = (uint8) consequence;
	if (item.id_len > sizeof(small) - PLAN_RECORD_FIXED)
		record = palloc(PLAN_RECORD_FIXED + item.id_len);
	record_len = estate_plan_record_write(&item, record);
	if (eo != NULL)
	{
		expanded_append(eo, record, record_len, 1);
		return state;
	}
	return plan_append(aggcontext, state, &v, record, record_len, 1);
}

/* (state, item_id, grade, consequence, cost, scenario) */
PG_FUNCTION_INFO_V1(investment_plan_transfn);
Datum
investment_plan_transfn(PG_FUNCTION_ARGS)
{
	int			code = -1;
	int			consequence = PLAN_NONE;

	if (!PG_ARGISNULL(3))
	{
		int32		cq = PG_GETARG_INT32(3);

		/* Checked only on rows that count: a NULL cost skips the row. */
		if (!PG_ARGISNULL(4) && !estate_risk_factor_valid(cq))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("consequence %d is out of range", cq),
					 errhint("The consequence of failure is 1-5, or NULL when not assessed.")));
		consequence = cq;
	}
	if (!PG_ARGISNULL(2) && PG_GETARG_ORDINAL(2) >= GRADE_B_C)
		code = PG_GETARG_ORDINAL(2);
	return plan_transition(fcinfo, PLAN_FORM_GRADE, 1, 4, 5, code, consequence);
}

/* (state, item_id, band, cost, scenario) */
PG_FUNCTION_INFO_V1(investment_plan_band_transfn);
Datum
investment_plan_band_transfn(PG_FUNCTION_ARGS)
{
	return plan_transition(fcinfo, PLAN_FORM_BAND, 1, 3, 4,
						   PG_ARGISNULL(2) ? PLAN_UNASSESSED : PG_GETARG_ORDINAL(2), PLAN_NONE);
}

/*
 * Combine two partial states.  The second is never ours to change: it may
 * point into a tuple or another node's expanded object.
 */
PG_FUNCTION_INFO_V1(investment_plan_combine);
Datum
investment_plan_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo);
	PlanView	b;
	PlanView	a;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	plan_view(PG_GETARG_DATUM(1), &b);
	if (PG_ARGISNULL(0))
	{
		if (b.raw_used > FLAT_MAX_BYTES)
		{
			PlanExpanded *eo = new_expanded(aggcontext, b.form, b.scenario, b.scenario_len,
											b.raw_used);

			expanded_append_view(eo, &b);
			return EOHPGetRWDatum(&eo->hdr);
		}
		plan_view_unpack(&b);
		PG_RETURN_POINTER(new_flat(b.form, b.scenario, b.scenario_len, b.records, b.used,
								   b.used, b.nitems));
	}
	plan_view(PG_GETARG_DATUM(0), &a);
	check_same_scenario(&a, b.scenario, b.scenario_len, b.form);
	if (a.expanded && own_expanded(PG_GETARG_DATUM(0), aggcontext))
	{
		expanded_append_view(a.expanded, &b);
		return PG_GETARG_DATUM(0);
	}
	plan_view_unpack(&b);
	return plan_append(aggcontext, PG_GETARG_DATUM(0), &a, b.records, b.used, b.nitems);
}

/* ---------------------------------------------------------------------------
 * The final function
 * ------------------------------------------------------------------------- */

static void *
plan_palloc(size_t size, void *arg)
{
	(void) arg;
	return palloc_extended(Max(size, 1), MCXT_ALLOC_HUGE);
}

/*
 * Work memory of the sort and of the simulation, carved out of the plan's
 * own buffer before the plan is written there (then from palloc once it is
 * used up).  The buffer, with the items and their outcomes after it, is one
 * chunk in huge pages where the kernel offers them: a backend pays a fault
 * for each page it touches first, and on virtual machines the faults of a
 * few megabytes cost more than the simulation itself.
 */
typedef struct PlanArena
{
	char	   *next;
	size_t		left;
} PlanArena;

static void
plan_arena_init(PlanArena *arena, bytea *plan, size_t size)
{
	char	   *start = (char *) MAXALIGN(VARDATA(plan));

	arena->next = start;
	arena->left = size - (size_t) (start - VARDATA(plan));
}

static void *
plan_arena_alloc(size_t size, void *arg)
{
	PlanArena  *arena = arg;
	size_t		need = MAXALIGN(Max(size, 1));
	void	   *p;

	if (need > arena->left)
		return plan_palloc(size, NULL);
	p = arena->next;
	arena->next += need;
	arena->left -= need;
	return p;
}

static void
check_plan_size(size_t size)
{
	if (size > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("an investment plan of %zu bytes exceeds the 1 GB limit of a value", size),
				 errhint(TOO_LARGE_HINT)));
}

/*
 * Simulate the years.  The state is only read (FINALFUNC_MODIFY =
 * READ_ONLY): the items are sorted through an array of pointers into it.
 */
PG_FUNCTION_INFO_V1(investment_plan_final);
Datum
investment_plan_final(PG_FUNCTION_ARGS)
{
	PlanView	v;
	estate_plan_scenario s;
	estate_plan_item *items;
	estate_plan_outcome *out;
	estate_plan_year *years;
	size_t		n;
	size_t		at = 0;
	size_t		used;
	size_t		size;
	size_t		region;
	size_t		head;
	size_t		total;
	const char *why = NULL;
	bytea	   *plan;
	PlanArena	arena;
	MemoryContext work;
	MemoryContext old;
	estate_status st;
	bool		ascending;

	plan_view(PG_GETARG_DATUM(0), &v);
	if (v.nitems == 0)
		PG_RETURN_NULL();
	plan_view_unpack(&v);
	n = (size_t) v.nitems;
	if (estate_plan_scenario_decode(v.scenario, v.scenario_len, &s, &used, &why) != ESTATE_OK)
		elog(ERROR, "invalid investment scenario in a state: %s", why);
	/* One chunk: the plan, which is the arena first, then the items and
	 * their outcomes.  The records bound the plan's size (every record is
	 * PLAN_RECORD_FIXED bytes and its id). */
	if (v.used / PLAN_RECORD_FIXED < n)
		elog(ERROR, "invalid investment plan state: %zu items in %zu bytes", n, v.used);
	size = estate_plan_size_of(s.horizon, n, v.used - n * PLAN_RECORD_FIXED);
	check_plan_size(size);
	region = Max(size, estate_plan_work_bytes(n));
	head = MAXALIGN(VARHDRSZ + region);
	total = head + (sizeof(estate_plan_item) + sizeof(estate_plan_outcome)) * n;
	plan = palloc_extended(total, MCXT_ALLOC_HUGE);
	estate_big_hint(plan, total);
	items = (estate_plan_item *) ((char *) plan + head);
	out = (estate_plan_outcome *) (items + n);
	for (size_t i = 0; i < n; i++)
	{
		size_t		len = estate_plan_record_read(v.records + at, v.used - at, v.form, &items[i], &why);

		if (len == 0)
			elog(ERROR, "invalid item in an investment plan state: %s", why);
		at += len;
	}
	size = estate_plan_size(s.horizon, items, n);
	/* What the sort and the simulation take beyond the arena is freed as
	 * soon as each is done: a plan of many items peaks at less. */
	work = AllocSetContextCreate(CurrentMemoryContext, "investment plan work", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	plan_arena_init(&arena, plan, region);
	ascending = estate_plan_sort_items(items, n, plan_arena_alloc, &arena);
	MemoryContextSwitchTo(old);
	MemoryContextReset(work);
	for (size_t i = 1; i < n && !ascending; i++)
		if (estate_plan_id_cmp(items[i - 1].id, items[i - 1].id_len, items[i].id, items[i].id_len) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("item_id \"%.*s\" is repeated in the group",
							(int) Min(items[i].id_len, 200), items[i].id),
					 errhint("Each item is one row: give every row of a group its own item_id.")));
	years = palloc(sizeof(estate_plan_year) * s.horizon);
	old = MemoryContextSwitchTo(work);
	plan_arena_init(&arena, plan, region);
	st = estate_plan_simulate(&s, v.form, items, n, years, out, plan_arena_alloc, &arena, &why);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	if (st != ESTATE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("investment plan out of range"),
				 errdetail("%s", why),
				 errhint("Amounts are held in whole pence in 64 bits: at most 92233720368547758.07.")));
	SET_VARSIZE(plan, VARHDRSZ + size);
	estate_plan_encode(v.form, s.from_year, s.horizon, years, items, out, n,
					   (unsigned char *) VARDATA(plan));
	/* Give back the work space (a large chunk shrinks in place). */
	PG_RETURN_BYTEA_P(repalloc_huge(plan, VARHDRSZ + size));
}

/* ---------------------------------------------------------------------------
 * estate.investment_plan: I/O and reading
 * ------------------------------------------------------------------------- */

static bytea *
plan_arg(FunctionCallInfo fcinfo, estate_plan_view *v)
{
	bytea	   *plan = PG_GETARG_BYTEA_P(0);
	const char *why = NULL;

	if (estate_plan_decode((const unsigned char *) VARDATA(plan), VARSIZE(plan) - VARHDRSZ, v, &why) != ESTATE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("invalid estate.investment_plan value"),
				 errdetail("%s", why)));
	return plan;
}

PG_FUNCTION_INFO_V1(investment_plan_in);
Datum
investment_plan_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	size_t		max = estate_plan_binary_max(len);
	bytea	   *plan;
	size_t		size;
	const char *why = NULL;

	plan = palloc_extended(VARHDRSZ + max, MCXT_ALLOC_HUGE);
	if (estate_plan_parse(str, len, (unsigned char *) VARDATA(plan), &size, &why) != ESTATE_OK)
	{
		TEXT_INPUT_ERROR("estate.investment_plan", str, len, why);
		PG_RETURN_NULL();
	}
	check_plan_size(size);
	SET_VARSIZE(plan, VARHDRSZ + size);
	PG_RETURN_BYTEA_P(plan);
}

PG_FUNCTION_INFO_V1(investment_plan_out);
Datum
investment_plan_out(PG_FUNCTION_ARGS)
{
	estate_plan_view v;
	char	   *out;
	size_t		len;

	plan_arg(fcinfo, &v);
	out = palloc_extended(estate_plan_text_max(&v) + 1, MCXT_ALLOC_HUGE);
	len = estate_plan_format(&v, out);
	if (len > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the text of an investment plan exceeds the 1 GB limit of a value"),
				 errhint(TOO_LARGE_HINT)));
	out[len] = '\0';
	PG_RETURN_CSTRING(out);
}

PG_FUNCTION_INFO_V1(investment_plan_recv);
Datum
investment_plan_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	size_t		len = (size_t) (buf->len - buf->cursor);
	bytea	   *plan = palloc(VARHDRSZ + len);
	estate_plan_view v;
	const char *why = NULL;

	SET_VARSIZE(plan, VARHDRSZ + len);
	memcpy(VARDATA(plan), pq_getmsgbytes(buf, (int) len), len);
	if (estate_plan_decode((const unsigned char *) VARDATA(plan), len, &v, &why) != ESTATE_OK)
		bad_binary("estate.investment_plan", why);
	PG_RETURN_BYTEA_P(plan);
}

PG_FUNCTION_INFO_V1(investment_plan_send);
Datum
investment_plan_send(PG_FUNCTION_ARGS)
{
	bytea	   *plan = PG_GETARG_BYTEA_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, VARDATA(plan), VARSIZE(plan) - VARHDRSZ);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static Datum
fci_numeric(const estate_plan_year *y)
{
	char		text[PLAN_FCI_TEXT_MAX];

	text[estate_plan_fci_format(y, text)] = '\0';
	return NumericGetDatum(numeric_of(text));
}

PG_FUNCTION_INFO_V1(plan_years);
Datum
plan_years(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	estate_plan_view v;

	plan_arg(fcinfo, &v);
	InitMaterializedSRF(fcinfo, 0);
	for (int k = 0; k < v.horizon; k++)
	{
		const estate_plan_year *y = &v.years[k];
		Datum		values[14];
		bool		nulls[14] = {false};
		int64		total = 0;

		for (int b = 0; b < PLAN_BAND_SLOTS; b++)
			total += y->band[b];	/* checked to fit when the plan was read */
		values[0] = Int32GetDatum(v.from_year + k);
		values[1] = NumericGetDatum(estate_pence_numeric(y->available));
		values[2] = NumericGetDatum(estate_pence_numeric(y->spent));
		values[3] = Int64GetDatum(y->items_funded);
		values[4] = NumericGetDatum(estate_pence_numeric(y->arising));
		for (int b = 0; b < PLAN_BAND_SLOTS; b++)
			values[5 + b] = NumericGetDatum(estate_pence_numeric(y->band[b]));
		values[10] = NumericGetDatum(estate_pence_numeric(total));
		values[11] = NumericGetDatum(estate_pence_numeric(y->band[0] + y->band[1]));
		values[12] = Int64GetDatum(y->items_waiting);
		if (y->fci_null)
			nulls[13] = true;
		else
			values[13] = fci_numeric(y);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(plan_items);
Datum
plan_items(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	estate_plan_view v;
	const unsigned char *p;

	plan_arg(fcinfo, &v);
	p = v.items;
	InitMaterializedSRF(fcinfo, 0);
	for (int64 i = 0; i < v.nitems; i++)
	{
		estate_plan_item item;
		estate_plan_outcome o;
		Datum		values[6];
		bool		nulls[6] = {false};

		p += estate_plan_item_at(p, &item, &o);
		values[0] = PointerGetDatum(cstring_to_text_with_len(item.id, (int) item.id_len));
		values[1] = Int32GetDatum(v.from_year + o.entered - 1);
		nulls[1] = o.entered == 0;
		values[2] = Int32GetDatum(v.from_year + o.funded - 1);
		nulls[2] = o.funded == 0;
		values[3] = NumericGetDatum(estate_pence_numeric(o.cost_paid));
		nulls[3] = o.funded == 0;
		values[4] = CharGetDatum((char) o.grade);
		nulls[4] = o.grade == PLAN_NONE;
		values[5] = CharGetDatum((char) o.band);
		nulls[5] = o.band == PLAN_NONE;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
