/*
 * ordinal.h - the one-byte ordered types (condition grades, risk bands):
 * the stored byte is the position in the domain order.
 */
#ifndef ESTATE_COMMON_ORDINAL_H
#define ESTATE_COMMON_ORDINAL_H

#include "postgres.h"
#include "fmgr.h"

#include "core/ordinal.h"

#define ESTATE_ORDINAL_GET(d)	((int) (uint8) DatumGetChar(d))
#define PG_GETARG_ORDINAL(n)	ESTATE_ORDINAL_GET(PG_GETARG_DATUM(n))
#define PG_RETURN_ORDINAL(v)	return CharGetDatum((char) (v))

extern Datum estate_ordinal_in(FunctionCallInfo fcinfo, const estate_ordinal *kind);
extern Datum estate_ordinal_out(FunctionCallInfo fcinfo, const estate_ordinal *kind);
extern Datum estate_ordinal_recv(FunctionCallInfo fcinfo, const estate_ordinal *kind);

/* Defines NAME_in, NAME_out and NAME_recv of a one-byte type over vocabulary KIND. */
#define ESTATE_ORDINAL_TYPE_IO(name, kind) \
	PG_FUNCTION_INFO_V1(name##_in); \
	Datum name##_in(PG_FUNCTION_ARGS) { return estate_ordinal_in(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(name##_out); \
	Datum name##_out(PG_FUNCTION_ARGS) { return estate_ordinal_out(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(name##_recv); \
	Datum name##_recv(PG_FUNCTION_ARGS) { return estate_ordinal_recv(fcinfo, &(kind)); }

#endif
