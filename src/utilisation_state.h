/*
 * utilisation_state.h - the state of the space_utilisation and
 * utilisation_heatmap aggregates, estate.utilisation_state, shared by its
 * type functions (utilisation_state.c), the transition and combine functions
 * (space_utilisation.c) and the final functions (utilisation_final.c).
 *
 * The state, estate.utilisation_state, holds what a group's rows agree on
 * (capacity, span, core hours, closed dates) and what is in use, in two
 * parts: the periods the transition function added, clipped to the span,
 * 20 bytes each, in arrival order; and a step function (core/sweep.h) of
 * periods already sorted and swept.  A state leaves a process swept: when a
 * parallel worker hands it over (the expanded form's flattening) and in
 * its text form (what Citus ships), its periods are sorted and swept into
 * the steps, so that the node combining states merges sorted steps in
 * linear time and the final function only adds them up.  Within a process
 * the periods stay a plain list, the cheapest for the transition.
 *
 * It has two forms:
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

#include "common/bigmem.h"
#include "common/error.h"
#include "core/utilisation_state.h"

#define STATE_VERSION		2	/* the flat form: key, steps, periods */
#define STATE_VERSION_1		1	/* estate 1.0's flat form: key, periods */
#define STATE_SORTED		0x01	/* periods ascend by start */
#define STATE_PACKED		0x02	/* steps packed, else estate_step structs */

/* A group switches from flat to expanded beyond this many periods and
 * steps (2 KB). */
#define FLAT_MAX_PERIODS	100

/*
 * The flat form.  Followed by the core hours' bytes (padded to 4), the
 * closed dates, the steps in steps_len bytes (padded to 4), and room for
 * nalloc periods of which nperiods are used.  The steps are packed
 * (core/utilisation_state.h: 2 to 3 bytes a step, not 16) in a flat form
 * that leaves the process, a parallel worker's: the less to copy through
 * the leader's queue and sorts.  Flat forms made to be used in the process
 * (a small group's, a state read from text) keep them as structs.
 */
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
	int32		nsteps;
	int32		steps_len;
	int64		unit;			/* of packed steps' times */
} UtilFlat;

#define FLAT_CORE(f)		((uint8 *) (f) + sizeof(UtilFlat))
#define FLAT_CLOSED(f)		((int32 *) (FLAT_CORE(f) + INTALIGN((f)->core_len)))
#define FLAT_STEPS(f)		((uint8 *) (FLAT_CLOSED(f) + (f)->nclosed))
#define FLAT_PERIODS(f)		((estate_period *) (FLAT_STEPS(f) + INTALIGN((f)->steps_len)))

/*
 * A partial state's packed step function (UtilFlat's form), kept as it came
 * by the state combining it.
 */
typedef struct UtilPacked
{
	uint8	   *bytes;			/* len of them, in the state's arena */
	size_t		len;
	size_t		nsteps;
	uint64		unit;
} UtilPacked;

/*
 * The expanded form.  The fields each row needs come first, so that a row
 * touches two cache lines of it besides the end of the periods.
 */
typedef struct UtilExpanded
{
	ExpandedObjectHeader hdr;
	MemoryContext owner;		/* the aggregate context it was made for */
	estate_period *periods;		/* from arena (utilisation_state.c), NULL
								 * until the first is added */
	size_t		nperiods;
	size_t		nalloc;
	int64		last_start;		/* of the last period */
	uint64		key_id;			/* row keys with this id are known equal to
								 * the group's; 0 when none is */
	bool		sorted;
	estate_step *steps;			/* in cxt, or NULL */
	size_t		nsteps;
	/*
	 * Step functions of partial states combined into this one and not yet
	 * merged into steps: the final function merges them as it sweeps, so
	 * that the merged function of two workers' millions of steps is never
	 * stored.  util_view merges them into steps for every other reader.
	 */
	UtilPacked	pending[2];
	int			npending;
	uint8	   *packed;			/* steps packed for flattening, until flattened */
	size_t		npacked;		/* steps in it */
	size_t		packed_len;
	uint64		packed_unit;
	estate_group_key key;		/* capacity first; its core hours point just
								 * past this struct, its dates into cxt */
	estate_arena *arena;		/* the aggregate's, or NULL for cxt */
} UtilExpanded;

/* A read view of either form; a flat form's steps are unpacked into it. */
typedef struct UtilView
{
	estate_group_key key;
	estate_step *steps;
	size_t		nsteps;
	bool		steps_unpacked; /* steps unpacked in CurrentMemoryContext by
								 * util_view: the caller's to keep or free */
	const uint8 *packed;		/* util_view_packed: a flat form's steps,
								 * packed (steps is NULL) */
	size_t		packed_len;
	uint64		unit;
	estate_period *periods;
	size_t		nperiods;
	bool		sorted;
	UtilFlat   *flat;			/* exactly one of these is set */
	UtilExpanded *expanded;
} UtilView;

extern Size util_flat_size(size_t core_len, size_t nclosed, size_t steps_len, size_t nperiods);
/* 54000 when a state of nperiods periods would be size bytes, over 1 GB. */
extern void util_check_flat_limit(size_t nperiods, Size size);
/* A new flat state in the current memory context, with room for nalloc
 * periods. */
extern UtilFlat *util_new_flat(const estate_group_key *key, const estate_step *steps, size_t nsteps,
							   const estate_period *periods, size_t nperiods, size_t nalloc,
							   bool sorted);
/* A new memory context for an expanded state of the aggregate context parent. */
extern MemoryContext util_state_context(MemoryContext parent);
/* A new expanded state of the aggregate context parent, in cxt (from
 * util_state_context), with room for nalloc periods (0: none yet). */
extern UtilExpanded *util_new_expanded(MemoryContext parent, MemoryContext cxt,
									   const estate_group_key *key, size_t nalloc);
/*
 * Room for at least need periods in an expanded state, at least doubling,
 * keeping those it holds; and a new block for at least *n periods (*n is
 * raised to the block's room) to take the place of its periods, which
 * util_replace_periods frees.
 */
extern void util_reserve_periods(UtilExpanded *eo, size_t need);
extern estate_period *util_alloc_periods(UtilExpanded *eo, size_t *n);
extern void util_replace_periods(UtilExpanded *eo, estate_period *periods, size_t nalloc);
/* View a state datum; a flat one is detoasted (copied) if it must be. */
extern void util_view(Datum d, UtilView *v);
/*
 * The same, but a flat form's packed steps are left packed (v->packed) and
 * an expanded form's pending step functions pending: for the combine and
 * final functions, which read them as they are.
 */
extern void util_view_packed(Datum d, UtilView *v);
/*
 * Readers of the step functions a view from util_view_packed holds (its
 * steps, packed steps and pending ones), two of them padded with empty
 * ones; false when there are more than two, or periods.
 */
extern bool util_step_readers(const UtilView *v, estate_step_reader r[2]);
/* Raise data corruption unless each reader read exactly all its steps. */
extern void util_check_readers(const estate_step_reader *r, int n);
/* Keep a packed view's step function pending in eo (util_view_packed);
 * false when it cannot be (eo has two runs already, or periods). */
extern bool util_pend(UtilExpanded *eo, const UtilView *v);
/* Merge steps into an expanded state's own. */
extern void util_expanded_merge_steps(UtilExpanded *eo, const estate_step *add, size_t nadd);
/* A function's per-call-site cache in fn_extra, zeroed when first made. */
extern void *util_call_cache(FunctionCallInfo fcinfo, Size size);

/*
 * Room for n steps in cxt, from estate_big_palloc (common/bigmem.h) as are
 * all large arrays of a state (its periods and steps, steps unpacked by
 * util_view): freed with estate_big_free.
 */
extern estate_step *util_alloc_steps(MemoryContext cxt, size_t n);
/* realloc-like growth in the current memory context (estate_grow_fn). */
extern void *util_grow(void *ptr, size_t size, void *arg);
/* Sort periods by start, through scratch memory when it can be had. */
extern void util_sort_periods(estate_period *periods, size_t n);
/* 22003: two step functions' known headcounts add up past ESTATE_STEP_KNOWN_MAX. */
pg_noreturn extern void util_known_overflow(void);
/* The step function of a and b together, in cxt; *n its length. */
extern estate_step *util_merge_steps(MemoryContext cxt, const estate_step *a, size_t na,
									 const estate_step *b, size_t nb, size_t *n);
/*
 * The state's step function: its steps with its periods swept in.  The
 * periods are sorted in place when in_place (the caller's own state: the
 * same periods in another order are the same state), else a copy is.  The
 * result is the view's own steps when there are no periods, else new, in
 * the current memory context.
 */
extern const estate_step *util_steps(UtilView *v, bool in_place, size_t *n);

#endif
