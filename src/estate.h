/*
 * estate.h - shared declarations of the fmgr glue (server side only).
 */
#ifndef ESTATE_H
#define ESTATE_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/numeric.h"

#include "common/binary.h"
#include "common/error.h"
#include "common/ordinal.h"
#include "common/pence.h"
#include "common/result.h"
#include "common/settings.h"
#include "core_hours.h"

#endif
