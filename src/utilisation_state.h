/*
 * utilisation_state.h - the state of the space_utilisation and
 * utilisation_heatmap aggregates, estate.utilisation_state, shared by its
 * type functions (utilisation_state.c), the transition and combine functions
 * (space_utilisation.c) and the final functions (utilisation_final.c).
 *
 * The state, estate.utilisation_state, holds what a group's rows agree on
 * (capacity, span, core hours, closed dates) and the periods in use, clipped
 * to the span, 20 bytes each.  It has two forms:
 *   - flat: an ordinary varlena, while the group is small.  It carries room
 *     for more periods than it holds, so that appending usually happens in
 *     place; when full it is copied into one twice the size.
 *   - expanded: a read-write expanded object in its own memory context under
 *     the aggregate's, once the group holds more than FLAT_MAX_PERIODS.  The
 *     executor neither copies nor frees it between rows, so a group of 10M
 *     periods costs no copy per row.
 * Small groups stay flat because a memory context per group makes hash
 * aggregation's memory accounting, which walks every child context for each
 * new group, quadratic in the number of groups (docs/space_utilisation.md).
 */
#ifndef ESTATE_UTILISATION_STATE_GLUE_H
#define ESTATE_UTILISATION_STATE_GLUE_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/expandeddatum.h"

#include "core/utilisation_state.h"

#define STATE_VERSION		1
#define STATE_SORTED		0x01	/* periods ascend by start */

/* A group switches from flat to expanded beyond this many periods (2 KB). */
#define FLAT_MAX_PERIODS	100

/* The flat form.  Followed by the core hours' bytes (padded to 4), the
 * closed dates, and room for nalloc periods of which nperiods are used. */
typedef struct UtilFlat
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint16		core_len;
	int32		capacity;
	int32		nclosed;
	int64		span_lo;
	int64		span_hi;
	int32		nperiods;
	int32		nalloc;
} UtilFlat;

#define FLAT_CORE(f)		((uint8 *) (f) + sizeof(UtilFlat))
#define FLAT_CLOSED(f)		((int32 *) (FLAT_CORE(f) + INTALIGN((f)->core_len)))
#define FLAT_PERIODS(f)		((estate_period *) (FLAT_CLOSED(f) + (f)->nclosed))

/*
 * The expanded form.  The fields each row needs come first, so that a row
 * touches two cache lines of it besides the end of the periods.
 */
typedef struct UtilExpanded
{
	ExpandedObjectHeader hdr;
	MemoryContext owner;		/* the aggregate context it was made for */
	estate_period *periods;
	size_t		nperiods;
	size_t		nalloc;
	int64		last_start;		/* of the last period */
	uint64		key_id;			/* row keys with this id are known equal to
								 * the group's; 0 when none is */
	bool		sorted;
	estate_group_key key;		/* capacity first; its core hours point just
								 * past this struct, its dates into cxt */
} UtilExpanded;

/* A read view of either form. */
typedef struct UtilView
{
	estate_group_key key;
	estate_period *periods;
	size_t		nperiods;
	bool		sorted;
	UtilFlat   *flat;			/* exactly one of these is set */
	UtilExpanded *expanded;
} UtilView;

extern Size util_flat_size(size_t core_len, size_t nclosed, size_t nperiods);
/* 54000 when a state of nperiods periods would be size bytes, over 1 GB. */
extern void util_check_flat_limit(size_t nperiods, Size size);
/* A new flat state in the current memory context, with room for nalloc. */
extern UtilFlat *util_new_flat(const estate_group_key *key, const estate_period *periods,
							   size_t nperiods, size_t nalloc, bool sorted);
/* A new expanded state in a child context of parent. */
extern UtilExpanded *util_new_expanded(MemoryContext parent, const estate_group_key *key, size_t nalloc);
/* View a state datum; a flat one is detoasted (copied) if it must be. */
extern void util_view(Datum d, UtilView *v);
/* A function's per-call-site cache in fn_extra, zeroed when first made. */
extern void *util_call_cache(FunctionCallInfo fcinfo, Size size);

#endif
