/*
 * sweep.h - time in use and person-time of a room by a sort-and-sweep over
 * interval ends.
 *
 * Everything is integer: instants and durations in microseconds, person-time
 * (headcount x microseconds) in 128 bits.  The totals therefore do not depend
 * on the order in which periods arrive, so serial, parallel and distributed
 * aggregation agree to the last bit; only the final division is floating
 * point.
 */
#ifndef ESTATE_CORE_SWEEP_H
#define ESTATE_CORE_SWEEP_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"
#include "wide.h"

/* A period's headcount when none was recorded (a booking without attendance). */
#define ESTATE_HEADCOUNT_UNKNOWN (-1)

/*
 * One period of use, [start, end) in microseconds, already clipped to the
 * span.  Packed to 4-byte alignment: 20 bytes, the per-interval cost of the
 * aggregate state.  Periods with headcount 0 are never stored (not in use).
 */
#pragma pack(push, 4)
typedef struct estate_period
{
	int64_t		start;
	int64_t		end;
	int32_t		headcount;		/* > 0, or ESTATE_HEADCOUNT_UNKNOWN */
} estate_period;
#pragma pack(pop)

/*
 * The step function of a set of periods: from `at` until the next step's
 * `at`, `level` is twice the sum of the known headcounts in progress, plus 1
 * when a period of unknown headcount is in progress too.  Before the first
 * step the level is 0, and so is the last step's.  Steps ascend strictly by
 * `at` and no step repeats the level before it, so a set of periods has one
 * step function; two sets' functions merge in linear time, and every measure
 * of the sweep below follows from it (in use: level > 0; known: level > 1;
 * person-time: the known headcount times core time; the peak: its maximum).
 * It is what a partial state holds once swept: a worker sorts and sweeps
 * its own periods, the node combining the workers' states only merges.
 */
#pragma pack(push, 4)
typedef struct estate_step
{
	int64_t		at;
	int64_t		level;
} estate_step;
#pragma pack(pop)

/* The largest known headcount in progress a step may carry (2^60). */
#define ESTATE_STEP_KNOWN_MAX (INT64_C(1) << 60)
#define ESTATE_STEP_KNOWN(level) ((level) >> 1)
#define ESTATE_STEP_UNKNOWN(level) ((level) & 1)

/* A piece of core time [start, end); cell is its heatmap cell, or 0. */
typedef struct estate_core_piece
{
	int64_t		start;
	int64_t		end;
	int32_t		cell;
} estate_core_piece;

typedef struct estate_sweep_totals
{
	int64_t		core_us;		/* core time in the span */
	int64_t		in_use_us;		/* union of periods in use, within core time */
	int64_t		known_us;		/* ... of those with a known headcount */
	estate_wide person_us;		/* integral of headcount over core time */
	int64_t		peak;			/* highest simultaneous known headcount */
} estate_sweep_totals;

typedef struct estate_cell_totals
{
	int64_t		core_us;
	estate_wide person_us;
} estate_cell_totals;

/* Whether periods are in ascending order of start. */
extern int	estate_periods_sorted(const estate_period *p, size_t n);

/*
 * Sort periods by start, in place: a bucket sort through scratch, room for n
 * periods, or an introsort when scratch is NULL.  O(n) when already sorted.
 */
extern void estate_periods_sort(estate_period *p, size_t n, estate_period *scratch);

/* Merge two sorted runs into out (which must not overlap either). */
extern void estate_periods_merge(const estate_period *a, size_t na,
								 const estate_period *b, size_t nb,
								 estate_period *out);

/*
 * The heap of active periods grows through this callback (realloc-like: it
 * may return NULL on failure, and is called with NULL to free).
 */
typedef void *(*estate_grow_fn) (void *ptr, size_t size, void *arg);

/*
 * Sweep sorted periods against sorted, disjoint core pieces.  cells, when
 * not NULL, is indexed by the pieces' cell numbers and accumulates per cell.
 * Returns ESTATE_ERR_RANGE only when the heap cannot grow.
 */
extern estate_status estate_sweep(const estate_period *periods, size_t n,
								  const estate_core_piece *core, size_t ncore,
								  estate_sweep_totals *totals,
								  estate_cell_totals *cells,
								  estate_grow_fn grow, void *grow_arg);

/*
 * The step function of n periods sorted by start, into out (room for 2n
 * steps); *nout is set to the number of steps.  ESTATE_ERR_RANGE only when
 * the heap of periods in progress cannot grow.
 */
extern estate_status estate_steps_of_periods(const estate_period *p, size_t n,
											 estate_step *out, size_t *nout,
											 estate_grow_fn grow, void *grow_arg);

/*
 * The same, handing the steps on in order to sink, a buffer at a time,
 * instead of storing them: for a step function wanted in another form.
 */
typedef void (*estate_steps_sink) (void *arg, const estate_step *s, size_t n);
extern estate_status estate_steps_of_periods_to(const estate_period *p, size_t n,
												estate_steps_sink sink, void *sink_arg,
												estate_grow_fn grow, void *grow_arg);

/*
 * Steps read one at a time: from an array, or from their packed form
 * (utilisation_state.h) decoded on the way, so that a packed step function
 * is merged and swept without first being unpacked into memory.
 */
typedef struct estate_step_reader
{
	const estate_step *s;		/* an array's next step, or NULL: packed */
	const uint8_t *p;			/* packed: the bytes left */
	const uint8_t *end;
	uint64_t	at;				/* packed: the time of the step before */
	uint64_t	unit;
	size_t		left;			/* steps left */
	int			bad;			/* the packed bytes ran out */
} estate_step_reader;

extern void estate_step_reader_array(estate_step_reader *r, const estate_step *s, size_t n);
extern void estate_step_reader_packed(estate_step_reader *r, int64_t lo, uint64_t unit,
									  const uint8_t *p, size_t len, size_t n);
/* The next step into *s: 1, or 0 when there is none left. */
extern int	estate_step_read(estate_step_reader *r, estate_step *s);
/* Whether a reader read all its steps, and packed ones used exactly all bytes. */
extern int	estate_step_reader_whole(const estate_step_reader *r);

/*
 * The step function of the union of two sets of periods, given theirs, into
 * out (room for na + nb steps).  ESTATE_ERR_RANGE when a known headcount in
 * progress would pass ESTATE_STEP_KNOWN_MAX.
 */
extern estate_status estate_steps_merge(const estate_step *a, size_t na,
										const estate_step *b, size_t nb,
										estate_step *out, size_t *nout);

/*
 * NULL when steps are a step function within [lo, hi] (ascending, each level
 * in range and different from the one before, the last 0), else why not.
 */
extern const char *estate_steps_check(int64_t lo, int64_t hi, const estate_step *s, size_t n);

/* The sweep's totals (and cells) from a step function: one pass. */
extern void estate_steps_sweep(const estate_step *s, size_t n,
							   const estate_core_piece *core, size_t ncore,
							   estate_sweep_totals *totals, estate_cell_totals *cells);

/*
 * The same for the union of two sets of periods, given their step functions
 * as readers, merged as they are swept: the merged function is never
 * stored.  ESTATE_ERR_RANGE as for estate_steps_merge.
 */
extern estate_status estate_steps_merge_sweep(estate_step_reader *a, estate_step_reader *b,
											  const estate_core_piece *core, size_t ncore,
											  estate_sweep_totals *totals,
											  estate_cell_totals *cells);

/* The composite estate.utilisation, with flags for its NULL fields. */
typedef struct estate_utilisation
{
	double		hours_available;
	double		hours_in_use;
	double		frequency;
	double		occupancy;
	double		rate;
	int64_t		peak_headcount;
	int			frequency_null;
	int			occupancy_null;
	int			rate_null;
} estate_utilisation;

extern void estate_utilisation_compute(const estate_sweep_totals *t,
									   int32_t capacity,
									   estate_utilisation *u);

/* person / (capacity x time); the caller makes sure time > 0. */
extern double estate_rate(estate_wide person, int32_t capacity, int64_t time_us);

#define ESTATE_USECS_PER_HOUR INT64_C(3600000000)

#endif
