/*
 * estate.h - shared declarations of the fmgr glue (server side only).
 */
#ifndef ESTATE_H
#define ESTATE_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"

#include "core/ordinal.h"
#include "core/status.h"

/*
 * Type input functions report malformed text through the soft-error context
 * where the server has one (PostgreSQL 16+, used by pg_input_is_valid), and
 * raise it otherwise.
 */
#if PG_VERSION_NUM >= 160000
#define estate_input_error(fcinfo, ...) \
	ereturn((fcinfo)->context, (Datum) 0, __VA_ARGS__)
#else
#define estate_input_error(fcinfo, ...) \
	ereport(ERROR, __VA_ARGS__)
#endif

/* One-byte ordered types (condition grades, risk bands): the stored byte. */
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

/* Settings (SPEC 7), registered by _PG_init in settings.c. */
extern double estate_underused_rate;
extern double estate_target_non_clinical_share;
extern double estate_target_unoccupied_share;

#endif
