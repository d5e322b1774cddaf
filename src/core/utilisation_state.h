/*
 * utilisation_state.h - the transition state of estate.space_utilisation as data:
 * what a group's rows must agree on, validation, and the text form that
 * Citus ships between nodes.
 *
 * Text form, version 3 (one line; times are integer microseconds, dates are
 * days since 2000-01-01, PostgreSQL's epochs):
 *   v3 capacity=30 span=LO,HI core="Mon-Fri 08:00-18:00 Europe/London"
 *      closed={D1,D2} unit=U steps=N:DIGITS
 * DIGITS is the state's step function (sweep.h), N steps, each two numbers
 * written one after the other without separators: the time since the step
 * before (since LO for the first) in units of U microseconds, then the
 * level.  A number is written in base 32, least significant digit first;
 * its last digit is one of 0-9A-V, the digits before it are written with
 * a-z, W-Z, + and /, so each number ends itself.  A room's 15-minute sensor
 * readings take about three characters each.
 *
 * Older forms, still read (tables, dumps and nodes of an older version hold
 * them): version 2 listed the periods themselves,
 *   v2 capacity=30 span=LO,HI core="..." closed={D1,D2} periods={START+DURATION*HEADCOUNT,...}
 * where START is the offset from LO and HEADCOUNT is '?' when unknown, with
 * the core hours printed with each day's segments kept apart (a segment
 * belongs to the day it starts on); version 1 (estate 1.0) was the same but
 * merged the core hours across midnight, and is read as printed, as its
 * stored core hours are.
 */
#ifndef ESTATE_CORE_UTILISATION_STATE_H
#define ESTATE_CORE_UTILISATION_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "core_hours.h"
#include "status.h"
#include "sweep.h"

/* What every row of one group (one room) must agree on. */
typedef struct estate_group_key
{
	int32_t		capacity;
	int64_t		span_lo;		/* [span_lo, span_hi), microseconds */
	int64_t		span_hi;
	const uint8_t *core;		/* stored form of the core hours */
	size_t		core_len;
	const int32_t *closed;		/* ascending, distinct */
	size_t		nclosed;
} estate_group_key;

/* Whether two keys are the same; otherwise *what names the first difference. */
extern int	estate_group_key_equal(const estate_group_key *a,
								   const estate_group_key *b,
								   const char **what);

/* Checks shared by text and binary input. */
extern estate_status estate_state_check_key(int32_t capacity, int64_t lo, int64_t hi,
											const int32_t *closed, size_t nclosed,
											const char **detail);
extern estate_status estate_state_check_period(int64_t lo, int64_t hi,
											   const estate_period *p,
											   const char **detail);

/* Sort dates and drop repeats in place; returns the new count. */
extern size_t estate_dates_normalise(int32_t *dates, size_t n);

/*
 * The unit of a step function's times: the largest that divides every
 * step's offset from lo (1 when there are no steps).
 */
extern uint64_t estate_steps_unit(int64_t lo, const estate_step *s, size_t n);

/*
 * The packed form of steps, the flat state's: per step, the time since the
 * step before (since lo for the first) in units, then the level, each an
 * unsigned LEB128 number (7 bits a byte, low bits first, the top bit set on
 * every byte but the last).  A reading every 15 minutes takes 2 to 3 bytes,
 * against 16 for a step as a struct.
 */
#define ESTATE_STEP_PACKED_MAX 20	/* bytes: two numbers of 10 */
/* Pack n steps into out (room for n x ESTATE_STEP_PACKED_MAX); returns the bytes used. */
extern size_t estate_steps_pack(int64_t lo, uint64_t unit, const estate_step *s, size_t n, uint8_t *out);
/*
 * The packed form of the step function of n periods sorted by start, made
 * as it is swept (never stored as steps): into out, room for 2n x
 * ESTATE_STEP_PACKED_MAX, *len bytes for *nsteps steps.  unit must divide
 * every step's offset from lo: estate_periods_unit's does, as every step is
 * at a period's start or end.  ESTATE_ERR_RANGE as estate_steps_of_periods.
 */
extern uint64_t estate_periods_unit(int64_t lo, const estate_period *p, size_t n);
extern estate_status estate_periods_pack(int64_t lo, uint64_t unit, const estate_period *p, size_t n,
										 uint8_t *out, size_t *len, size_t *nsteps,
										 estate_grow_fn grow, void *grow_arg);
/* Unpack n steps from exactly len bytes; 0 when they do not hold them. */
extern int	estate_steps_unpack(int64_t lo, uint64_t unit, const uint8_t *in, size_t len,
								estate_step *s, size_t n);

/* Upper bound of the text form's length, without the NUL. */
extern size_t estate_state_text_max(size_t core_text_len, size_t nclosed, size_t nsteps);

/* Write the text form (NUL-terminated); returns its length. */
extern size_t estate_state_format(const estate_group_key *key, const char *core_text,
								  const estate_step *steps, size_t nsteps, char *buf);

/* What the text form holds besides its arrays. */
typedef struct estate_state_text
{
	int			version;		/* 1, 2: periods; 3: steps */
	int32_t		capacity;
	int64_t		span_lo;
	int64_t		span_hi;
	size_t		nclosed;
	size_t		nperiods;
	size_t		nsteps;
} estate_state_text;

/*
 * Parse the text form.  Call once with closed, periods and steps NULL to
 * learn the counts, then again with arrays of those sizes to fill them (a
 * version-3 form's steps are read, and checked, in this pass only: the
 * first reads their count).  The core hours are parsed into *core (their
 * zone checked only for shape).  Malformed text or invalid contents:
 * ESTATE_ERR_SYNTAX with *detail.
 */
extern estate_status estate_state_parse(const char *s, size_t len,
										estate_state_text *out,
										estate_core_hours *core,
										int32_t *closed, estate_period *periods,
										estate_step *steps, const char **detail);

#endif
