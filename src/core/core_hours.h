/*
 * core_hours.h - the weekly hours a room is meant to be available.
 *
 * A value is a set of local clock minutes of the week plus a time-zone name.
 * This layer parses the text form, puts it in canonical form, prints it and
 * encodes it as the stored bytes; it knows the zone only as a name of the
 * right shape.  Whether the name is in the server's time-zone database, and
 * how local times become instants, is the business of the server glue.
 */
#ifndef ESTATE_CORE_CORE_HOURS_H
#define ESTATE_CORE_CORE_HOURS_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define ESTATE_MINUTES_PER_DAY	1440
#define ESTATE_MINUTES_PER_WEEK (7 * ESTATE_MINUTES_PER_DAY)

/* Longest zone name accepted (the longest IANA name has 32 characters). */
#define ESTATE_ZONE_MAX			64
#define ESTATE_DEFAULT_ZONE		"Europe/London"

/*
 * Canonical segments of one day never touch, so a day's own minutes hold at
 * most 720 of them; a run past midnight of a day or more adds one per day.
 */
#define ESTATE_CORE_MAX_SEGMENTS (7 * 720 + 7)

/*
 * Version byte that starts the stored form.  Version 1 (estate 1.0) merged
 * the segments of different days; it is still read (see core_hours.c).
 */
#define ESTATE_CORE_HOURS_VERSION 2
#define ESTATE_CORE_HOURS_VERSION_1 1

/*
 * Longest span measured against core hours: 100 years (36,525 days) of
 * microseconds.  The core time of a span is worked out day by day (and, for
 * the heatmap, hour by hour), so memory and time grow with its length: a
 * century is at most about 900,000 hourly pieces (some 20 MB), while the
 * 290,000 years a timestamptz range can span would ask for many gigabytes.
 */
#define ESTATE_SPAN_MAX_YEARS	100
#define ESTATE_SPAN_MAX_US		((int64_t) 36525 * 24 * 3600 * 1000000)

/*
 * One segment of core time: local minutes [start, end) of a weekday
 * (0 = Monday), which owns them: closing that day's date removes them.
 * end <= 1440 on the same day; end > 1440 runs past midnight into the next
 * day, and is then less than start + 1440.
 */
typedef struct estate_core_segment
{
	uint8_t		day;
	uint16_t	start;
	uint16_t	end;
} estate_core_segment;

typedef struct estate_core_hours
{
	char		zone[ESTATE_ZONE_MAX + 1];	/* NUL-terminated */
	int			nsegments;
	/* canonical: sorted by (day, start), see core_hours.c for the rules */
	estate_core_segment segments[ESTATE_CORE_MAX_SEGMENTS];
} estate_core_hours;

/*
 * Parse len bytes of text.  On failure returns ESTATE_ERR_SYNTAX and, when
 * detail is not NULL, points it at a static sentence saying what is wrong.
 * The zone is only checked for shape; without one it is ESTATE_DEFAULT_ZONE.
 */
extern estate_status estate_core_hours_parse(const char *s, size_t len,
											 estate_core_hours *out,
											 const char **detail);

/* Whether len bytes have the shape of an IANA zone name (Area/Location_Name). */
extern int	estate_zone_name_shape_ok(const char *s, size_t len);

/* Upper bound of the canonical text's length, without the NUL. */
extern size_t estate_core_hours_text_max(const estate_core_hours *ch);

/* Write the canonical text (NUL-terminated) into buf; returns its length. */
extern size_t estate_core_hours_format(const estate_core_hours *ch, char *buf);

/* Size of the stored form, and writing it (the bytes after a varlena header). */
extern size_t estate_core_hours_encoded_size(const estate_core_hours *ch);
extern void estate_core_hours_encode(const estate_core_hours *ch, uint8_t *buf);

/*
 * Read a stored form back, checking everything a binary input must check:
 * version, zone shape, and that the segments are valid and canonical.
 * Returns ESTATE_ERR_BINARY (with *detail) when they are not.  Version-1
 * bytes must be what version 1 wrote; they read as the same segments.
 */
extern estate_status estate_core_hours_decode(const uint8_t *buf, size_t len,
											  estate_core_hours *out,
											  const char **detail);

/* Whether two canonical values are the same: zone and segments. */
extern int	estate_core_hours_equal(const estate_core_hours *a, const estate_core_hours *b);

/*
 * Whether two valid stored forms hold the same core hours, whichever
 * version wrote each.
 */
extern int	estate_core_hours_same(const uint8_t *a, size_t alen,
								   const uint8_t *b, size_t blen);

/* Minutes of the week in core hours when no date is closed (for the tests). */
extern int	estate_core_hours_weekly_minutes(const estate_core_hours *ch);

#endif
