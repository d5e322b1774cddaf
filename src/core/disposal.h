/*
 * disposal.h - the weighted disposal assessment of a site.
 *
 * Each criterion turns one figure into a sub-score from 0 (keep) to 1
 * (dispose), linear between two thresholds; the score is the weighted mean of
 * the known sub-scores, times 100.  Plain C: the glue reads the SQL arguments
 * into an estate_disposal_input, checks it and formats the result.
 */
#ifndef ESTATE_CORE_DISPOSAL_H
#define ESTATE_CORE_DISPOSAL_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* The criteria, in the order of docs/disposal.md's table (also the order of ties). */
enum
{
	DISPOSAL_SPACE = 0,
	DISPOSAL_CONDITION,
	DISPOSAL_SUITABILITY,
	DISPOSAL_RUNNING_COST,
	DISPOSAL_CARBON,
	DISPOSAL_CRITERIA
};

/*
 * The arguments of estate.disposal_assessment, in the order of its SQL
 * signature: data, weights, a keep and a dispose threshold per figure, then
 * the recommendation thresholds.  Space has two figures (a utilisation rate,
 * else an unoccupied share); running cost and carbon compare a ratio to a
 * benchmark.
 */
typedef enum estate_disposal_arg
{
	DARG_UTILISATION = 0,
	DARG_UNOCCUPIED_SHARE,
	DARG_FCI,
	DARG_FUNCTIONAL_SUITABILITY,
	DARG_RUNNING_COST,
	DARG_BENCHMARK_RUNNING_COST,
	DARG_CARBON,
	DARG_BENCHMARK_CARBON,
	DARG_PROTECTED,
	DARG_W_SPACE,
	DARG_W_CONDITION,
	DARG_W_SUITABILITY,
	DARG_W_RUNNING_COST,
	DARG_W_CARBON,
	DARG_UTILISATION_KEEP,
	DARG_UTILISATION_DISPOSE,
	DARG_UNOCCUPIED_SHARE_KEEP,
	DARG_UNOCCUPIED_SHARE_DISPOSE,
	DARG_FCI_KEEP,
	DARG_FCI_DISPOSE,
	DARG_SUITABILITY_KEEP,
	DARG_SUITABILITY_DISPOSE,
	DARG_RUNNING_COST_KEEP,
	DARG_RUNNING_COST_DISPOSE,
	DARG_CARBON_KEEP,
	DARG_CARBON_DISPOSE,
	DARG_DISPOSE_AT,
	DARG_REVIEW_AT,
	DARG_MIN_CRITERIA,
	DISPOSAL_ARGS
} estate_disposal_arg;

/* What values an argument allows (checked by estate_disposal_check). */
typedef enum estate_disposal_kind
{
	DKIND_NONNEGATIVE,			/* finite, >= 0 */
	DKIND_RATE,					/* finite, 0 to DISPOSAL_RATE_MAX: a rate or index as a share */
	DKIND_SHARE,				/* finite, 0-1 */
	DKIND_POSITIVE,				/* finite, > 0 (a benchmark divides) */
	DKIND_FLAG,					/* a boolean */
	DKIND_SCORE,				/* finite, 0-100 */
	DKIND_COUNT					/* 0 to DISPOSAL_CRITERIA */
} estate_disposal_kind;

/* The SQL type of an argument, so the glue knows how to read and quote it. */
typedef enum estate_disposal_sqltype
{
	DTYPE_FLOAT8,
	DTYPE_NUMERIC,
	DTYPE_BOOL,
	DTYPE_INT4
} estate_disposal_sqltype;

typedef struct estate_disposal_argdef
{
	const char *name;			/* the SQL argument name */
	estate_disposal_sqltype type;
	estate_disposal_kind kind;
	bool		data;			/* data may be NULL (unknown); the rest may not */
} estate_disposal_argdef;

extern const estate_disposal_argdef estate_disposal_args[DISPOSAL_ARGS];

/* Every argument as a double (a boolean as 0/1), and whether it was given. */
typedef struct estate_disposal_input
{
	double		value[DISPOSAL_ARGS];
	bool		given[DISPOSAL_ARGS];
} estate_disposal_input;

/*
 * Checks every argument; on the first bad one returns ESTATE_ERR_ARGUMENT,
 * its index in *bad and a sentence saying what is allowed in *hint.
 */
/* Above this a utilisation or FCI is a percentage given for a share (12 for 0.12). */
#define DISPOSAL_RATE_MAX 5.0

extern estate_status estate_disposal_check(const estate_disposal_input *in,
										   int *bad, const char **hint);

typedef enum estate_disposal_recommendation
{
	DISPOSAL_RETAIN = 0,
	DISPOSAL_REVIEW,
	DISPOSAL_DISPOSE
} estate_disposal_recommendation;

extern const char *const estate_disposal_recommendation_names[3];

/* One phrase per criterion, plus "protected site" and "only n of m ...". */
#define DISPOSAL_MAX_REASONS (DISPOSAL_CRITERIA + 2)
#define DISPOSAL_REASON_LEN 256

typedef struct estate_disposal_result
{
	bool		has_score;		/* false when no criterion is known */
	double		score;			/* 0-100 */
	estate_disposal_recommendation recommendation;
	int			criteria_used;	/* known criteria */
	int			criteria_weighted;	/* criteria whose weight is above 0 */
	int			nreasons;
	char		reasons[DISPOSAL_MAX_REASONS][DISPOSAL_REASON_LEN];
} estate_disposal_result;

/*
 * The assessment of a checked input.  unicode selects the symbols of the
 * reasons: "≤", "≥" and "×" in UTF-8, else "<=", ">=" and "x".
 */
extern void estate_disposal_assess(const estate_disposal_input *in, bool unicode,
								   estate_disposal_result *out);

/*
 * A PostgreSQL numeric's stored payload as the nearest double, when that can
 * be had with a single rounding (a mantissa of at most 2^53 and a decimal
 * exponent within +-22: Clinger's fast path); false otherwise (and for NaN and infinities), when
 * the caller takes PostgreSQL's own, slower conversion.
 */
extern bool estate_disposal_numeric_double(const void *payload, size_t len, double *out);

/* Sub-score of a figure: 0 at keep, 1 at dispose, linear between, clamped. */
extern double estate_disposal_subscore(double figure, double keep, double dispose);

#endif
