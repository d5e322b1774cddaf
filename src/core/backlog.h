/*
 * backlog.h - the five-bucket backlog value: cost to eradicate
 * backlog per risk band plus the cost whose band is unknown, in whole pence.
 */
#ifndef ESTATE_CORE_BACKLOG_H
#define ESTATE_CORE_BACKLOG_H

#include "pence.h"
#include "risk_band.h"

/* Buckets 0-3 are the risk bands' stored bytes; the fifth is unassessed. */
#define BUCKET_UNASSESSED BAND_COUNT
#define BUCKET_COUNT (BAND_COUNT + 1)

typedef struct estate_backlog
{
	int64_t		pence[BUCKET_COUNT];
} estate_backlog;

/* Canonical text: "high=1200.50, significant=0.00, ..., unassessed=0.00". */
#define ESTATE_BACKLOG_TEXT_MAX (BUCKET_COUNT * (sizeof("significant=, ") + ESTATE_PENCE_TEXT_MAX))

/* The text and JSON order of the buckets, worst band first. */
extern const int estate_backlog_order[BUCKET_COUNT];

/* Key of a bucket in text and JSON ("high", ..., "unassessed"). */
extern const char *estate_backlog_key(int bucket);

/* Bucket of a key of len bytes (case-insensitive), or -1. */
extern int	estate_backlog_bucket_of_key(const char *key, size_t len);

/*
 * Parse the text form: comma-separated key=amount pairs, keys in any order,
 * any subset (missing = 0), spaces around the tokens.  ESTATE_ERR_SYNTAX when
 * malformed (*why says how), ESTATE_ERR_RANGE for an amount beyond int64 pence.
 */
extern estate_status estate_backlog_parse(const char *s, size_t len, estate_backlog *b,
										  const char **why);

/* The canonical text form; buf holds ESTATE_BACKLOG_TEXT_MAX bytes. */
extern int	estate_backlog_format(const estate_backlog *b, char *buf);

/* true when no bucket is negative (a backlog never is). */
extern bool estate_backlog_valid(const estate_backlog *b);

/*
 * acc += b per bucket; ESTATE_ERR_RANGE on overflow, with acc unchanged and
 * *bucket the first bucket that overflowed.
 */
extern estate_status estate_backlog_add(estate_backlog *acc, const estate_backlog *b, int *bucket);

/* Sum of all five buckets and high + significant, never overflowing. */
extern estate_wide estate_backlog_total(const estate_backlog *b);
extern estate_wide estate_backlog_critical(const estate_backlog *b);

/* Order by total, then high, significant, moderate, low, unassessed. */
extern int	estate_backlog_cmp(const estate_backlog *a, const estate_backlog *b);

#endif
