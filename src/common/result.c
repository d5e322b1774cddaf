/*
 * result.c - composite results of C functions.
 */
#include "postgres.h"
#include "fmgr.h"

#include "funcapi.h"

#include "common/result.h"

/*
 * The blessed descriptor of the function's composite result, looked up once
 * per call site and kept in fn_extra: the lookup costs more than forming a
 * row, and window and aggregate final functions are called once per row.
 */
TupleDesc
estate_result_tupdesc(FunctionCallInfo fcinfo)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;

	if (tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "function returning a composite called in a context that cannot accept it");
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = tupdesc;
	}
	return tupdesc;
}
