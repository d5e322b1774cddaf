/*
 * ordinal.c - I/O, comparison and hashing shared by the one-byte ordered types
 * estate.condition_grade and estate.risk_band.
 *
 * The stored byte is the position in the domain order, so one set of
 * comparison and hash functions serves both types; the SQL declarations give
 * each type its own named functions bound to these symbols.
 */
#include "postgres.h"
#include "fmgr.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "common/binary.h"
#include "common/error.h"
#include "common/ordinal.h"

Datum
estate_ordinal_in(FunctionCallInfo fcinfo, const estate_ordinal *kind)
{
	const char *str = PG_GETARG_CSTRING(0);
	int			value = estate_ordinal_parse(kind, str, strlen(str));

	if (value < 0)
		estate_input_error(fcinfo, ESTATE_ERR_SYNTAX, NULL,
						   psprintf("Valid values are %s.", kind->accepted),
						   "invalid input syntax for type %s: \"%s\"", kind->type_name, str);
	PG_RETURN_ORDINAL(value);
}

Datum
estate_ordinal_out(FunctionCallInfo fcinfo, const estate_ordinal *kind)
{
	PG_RETURN_CSTRING(pstrdup(estate_ordinal_name(kind, PG_GETARG_ORDINAL(0))));
}

/* Binary input is one byte, the position; validated like text input. */
Datum
estate_ordinal_recv(FunctionCallInfo fcinfo, const estate_ordinal *kind)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			value;

	estate_recv_fixed(buf, kind->type_name, 1, ESTATE_BINARY_UNVERSIONED);
	value = (uint8) pq_getmsgbyte(buf);
	if (value >= kind->count)
		estate_error(ESTATE_ERR_BINARY,
					 psprintf("Valid bytes are 0 to %d (%s).", kind->count - 1, kind->accepted),
					 NULL,
					 "invalid binary input for type %s: byte %d is out of range",
					 kind->type_name, value);
	PG_RETURN_ORDINAL(value);
}

PG_FUNCTION_INFO_V1(estate_ordinal_send);
Datum
estate_ordinal_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, (uint8) PG_GETARG_ORDINAL(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(estate_ordinal_lt);
Datum
estate_ordinal_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ORDINAL(0) < PG_GETARG_ORDINAL(1));
}

PG_FUNCTION_INFO_V1(estate_ordinal_le);
Datum
estate_ordinal_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ORDINAL(0) <= PG_GETARG_ORDINAL(1));
}

PG_FUNCTION_INFO_V1(estate_ordinal_eq);
Datum
estate_ordinal_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ORDINAL(0) == PG_GETARG_ORDINAL(1));
}

PG_FUNCTION_INFO_V1(estate_ordinal_ne);
Datum
estate_ordinal_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ORDINAL(0) != PG_GETARG_ORDINAL(1));
}

PG_FUNCTION_INFO_V1(estate_ordinal_ge);
Datum
estate_ordinal_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ORDINAL(0) >= PG_GETARG_ORDINAL(1));
}

PG_FUNCTION_INFO_V1(estate_ordinal_gt);
Datum
estate_ordinal_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ORDINAL(0) > PG_GETARG_ORDINAL(1));
}

PG_FUNCTION_INFO_V1(estate_ordinal_cmp);
Datum
estate_ordinal_cmp(PG_FUNCTION_ARGS)
{
	int			a = PG_GETARG_ORDINAL(0);
	int			b = PG_GETARG_ORDINAL(1);

	PG_RETURN_INT32((a > b) - (a < b));
}

PG_FUNCTION_INFO_V1(estate_ordinal_smaller);
Datum
estate_ordinal_smaller(PG_FUNCTION_ARGS)
{
	PG_RETURN_ORDINAL(Min(PG_GETARG_ORDINAL(0), PG_GETARG_ORDINAL(1)));
}

PG_FUNCTION_INFO_V1(estate_ordinal_larger);
Datum
estate_ordinal_larger(PG_FUNCTION_ARGS)
{
	PG_RETURN_ORDINAL(Max(PG_GETARG_ORDINAL(0), PG_GETARG_ORDINAL(1)));
}

PG_FUNCTION_INFO_V1(estate_ordinal_hash);
Datum
estate_ordinal_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_ORDINAL(0));
}

/* Seed 0 gives the standard hash in the low 32 bits, as hash opclasses require. */
PG_FUNCTION_INFO_V1(estate_ordinal_hash_extended);
Datum
estate_ordinal_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_ORDINAL(0), PG_GETARG_INT64(1));
}
