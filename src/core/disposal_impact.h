/*
 * disposal_impact.h - what disposing of a run of candidate sites releases:
 * the state of the estate.disposal_impact aggregate (docs/disposal_impact.md).
 *
 * Every quantity is an exact integer: floor areas in millionths of a square
 * metre (areas are kept as given, so that the stop rule "retained >=
 * minimum" is decided exactly), money in pence, carbon in 0.01 kg CO2e.
 * Sums are commutative, so the state combines (parallel, distributed) and
 * also serves as a running window aggregate over candidates in score order.
 */
#ifndef ESTATE_CORE_DISPOSAL_IMPACT_H
#define ESTATE_CORE_DISPOSAL_IMPACT_H

#include "backlog.h"

/* Measures that were given on at least one row (NULLs are skipped, as by sum). */
#define IMPACT_KNOWN_BACKLOG		0x1
#define IMPACT_KNOWN_RUNNING_COST	0x2
#define IMPACT_KNOWN_CARBON			0x4
#define IMPACT_KNOWN_ALL			0x7

/* Decimals of an area: millionths of a square metre. */
#define ESTATE_AREA_DECIMALS	6

/*
 * Version of the state.  Version 1 (estate 1.0) held areas in hundredths
 * and 0 in the version field; it is read by scaling its areas.
 */
#define ESTATE_IMPACT_VERSION	2

typedef struct estate_disposal_impact
{
	int64_t		sites;
	int64_t		floor_area;		/* released */
	int64_t		estate_floor_area;	/* before any disposal: the same on every row */
	int64_t		minimum_retained_area;	/* the same on every row */
	int64_t		running_cost;
	int64_t		carbon;
	estate_backlog backlog;
	int32_t		known;
	int32_t		version;		/* ESTATE_IMPACT_VERSION; 0 in a 1.0 state */
} estate_disposal_impact;

/*
 * Text form, keys in this order; the last three are left out when unknown:
 *   v2 sites=2, floor_area=1500.000000, estate_floor_area=10000.000000,
 *   minimum_retained_area=8000.000000, backlog=(high=..., unassessed=0.00),
 *   running_cost=1200.00, carbon_kg=50.25
 * Version 1's text (estate 1.0) had no "v2" and areas in hundredths.
 */
#define ESTATE_IMPACT_TEXT_MAX (256 + ESTATE_BACKLOG_TEXT_MAX + 6 * ESTATE_PENCE_TEXT_MAX)

/* NULL when the state is consistent and of this version, else why not. */
extern const char *estate_impact_check(const estate_disposal_impact *s);

/*
 * A state of version 1 (version field 0) moved to this version in place;
 * ESTATE_ERR_RANGE when an area no longer fits, ESTATE_ERR_ARGUMENT for an
 * unknown version or a negative area.  A state of this version is left as
 * it is.
 */
extern estate_status estate_impact_upgrade(estate_disposal_impact *s);

/*
 * A numeric payload (PostgreSQL's stored bytes, see pence.h) as an exact
 * area in millionths of m2: ESTATE_ERR_ARGUMENT when it is special,
 * negative or has a non-zero digit beyond the sixth decimal,
 * ESTATE_ERR_RANGE beyond int64.
 */
extern estate_status estate_area_from_numeric(const void *payload, size_t len, int64_t *area);

/*
 * acc += b.  ESTATE_ERR_ARGUMENT when their estate floor areas or minimum
 * retained areas differ, or the released area exceeds the estate's;
 * ESTATE_ERR_RANGE on overflow.  *why says which; acc may be partly updated
 * only on error.
 */
extern estate_status estate_impact_combine(estate_disposal_impact *acc,
										   const estate_disposal_impact *b,
										   const char **why);

/* Retained floor area (hundredths of m2), and whether it meets the minimum. */
extern int64_t estate_impact_retained(const estate_disposal_impact *s);
extern bool estate_impact_in_programme(const estate_disposal_impact *s);

/* ESTATE_ERR_SYNTAX or ESTATE_ERR_RANGE with *why when malformed. */
extern estate_status estate_impact_parse(const char *s, size_t len, estate_disposal_impact *out,
										 const char **why);
extern int	estate_impact_format(const estate_disposal_impact *s, char *buf);

#endif
