/*
 * result.h - composite results of C functions.
 */
#ifndef ESTATE_COMMON_RESULT_H
#define ESTATE_COMMON_RESULT_H

#include "postgres.h"
#include "fmgr.h"
#include "access/tupdesc.h"

/* The composite result type of a C function, cached per call site. */
extern TupleDesc estate_result_tupdesc(FunctionCallInfo fcinfo);

#endif
