/*
 * core_hours.c - parsing, canonical form, printing and stored form of core
 * hours.
 *
 * A segment belongs to the local date it starts on: a night shift
 * "Mon 20:00-08:00" is Monday's, and "Tue 00:00-02:00" is Tuesday's, so a
 * closed Tuesday drops the second and keeps the first.  The meaning of a
 * value is therefore, for each weekday, the set of minutes it owns: its own
 * 24 hours and, through segments that run past midnight, part of the next
 * day (at most 23:59 past its start).  Every input is painted onto one such
 * line of 2,880 minutes per weekday, and the canonical segments are read
 * back off the lines, so two texts that mean the same give the same value
 * whatever their order, overlaps or spelling.  Segments of one day that
 * touch or overlap merge; segments of different days never do.
 *
 * Reading back a day's line: each maximal run of minutes is one segment,
 * except a run that crosses midnight and lasts a day or more, which no
 * single segment (shorter than a day) can hold: it is written as two that
 * meet at 23:59, "Mon 00:00-23:59, Mon 23:59-01:00".
 *
 * Version 1 of the stored form (estate 1.0) painted all days onto one week
 * of minutes and so forgot which day owned a merged run; its segments are
 * read as written, each belonging to its own day, which is what its printed
 * text means when read today.  Every version-1 value is also a canonical
 * version-2 value with the same segments (the runs version 1 formed are
 * runs of one day's line, cut as above or at midnights), so the two stored
 * forms differ only in their first byte.
 */
#include "core_hours.h"

#include <stdlib.h>			/* qsort */
#include <string.h>

static const char *const day_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* A day's line: its own minutes, then the next day's that it owns. */
#define LINE_MINUTES	(2 * ESTATE_MINUTES_PER_DAY)
#define LINES_BYTES		(7 * LINE_MINUTES / 8)
#define WEEK_BYTES		(ESTATE_MINUTES_PER_WEEK / 8)

/* ---------------------------------------------------------------------------
 * Bitmaps of minutes
 * ------------------------------------------------------------------------- */

/* Set bits [from, from + len). */
static void
bits_set(uint8_t *bits, int from, int len)
{
	while (len > 0)
	{
		if ((from & 7) == 0 && len >= 8)
		{
			bits[from >> 3] = 0xFF;
			from += 8;
			len -= 8;
		}
		else
		{
			bits[from >> 3] |= (uint8_t) (1u << (from & 7));
			from++;
			len--;
		}
	}
}

static int
bits_get(const uint8_t *bits, int m)
{
	return (bits[m >> 3] >> (m & 7)) & 1;
}

static void
emit(estate_core_hours *ch, int day, int start, int end)
{
	estate_core_segment *seg = &ch->segments[ch->nsegments++];

	seg->day = (uint8_t) day;
	seg->start = (uint16_t) start;
	seg->end = (uint16_t) end;
}

/* Paint segments onto the days' lines. */
static void
segments_to_lines(const estate_core_hours *ch, uint8_t *lines)
{
	memset(lines, 0, LINES_BYTES);
	for (int i = 0; i < ch->nsegments; i++)
	{
		const estate_core_segment *seg = &ch->segments[i];

		bits_set(lines, seg->day * LINE_MINUTES + seg->start, seg->end - seg->start);
	}
}

/* Read the canonical segments off the days' lines, sorted by (day, start). */
static void
lines_to_segments(const uint8_t *lines, estate_core_hours *ch)
{
	ch->nsegments = 0;
	for (int d = 0; d < 7; d++)
	{
		const int	base = d * LINE_MINUTES;
		int			run_start = -1;

		for (int m = 0; m <= LINE_MINUTES; m++)
		{
			int			on = m < LINE_MINUTES && bits_get(lines, base + m);

			if (on && run_start < 0)
				run_start = m;
			else if (!on && run_start >= 0)
			{
				/* Too long for one segment: two that meet at 23:59. */
				if (m > ESTATE_MINUTES_PER_DAY && m - run_start >= ESTATE_MINUTES_PER_DAY)
				{
					emit(ch, d, run_start, ESTATE_MINUTES_PER_DAY - 1);
					emit(ch, d, ESTATE_MINUTES_PER_DAY - 1, m);
				}
				else
					emit(ch, d, run_start, m);
				run_start = -1;
			}
		}
	}
}

/*
 * Version 1's canonical segments of the same minutes, all days painted onto
 * one week: each maximal run became one segment when shorter than a day and
 * crossing one midnight, and was otherwise cut at midnights.  Kept to check
 * that version-1 bytes are what version 1 wrote.
 */
static void
week_set(uint8_t *week, int from, int len)
{
	if (from + len > ESTATE_MINUTES_PER_WEEK)
	{
		bits_set(week, 0, from + len - ESTATE_MINUTES_PER_WEEK);
		len = ESTATE_MINUTES_PER_WEEK - from;
	}
	bits_set(week, from, len);
}

/* The minutes of the week the segments cover, whichever day owns them. */
static void
segments_to_week(const estate_core_hours *ch, uint8_t *week)
{
	memset(week, 0, WEEK_BYTES);
	for (int i = 0; i < ch->nsegments; i++)
		week_set(week, ch->segments[i].day * ESTATE_MINUTES_PER_DAY + ch->segments[i].start,
				 ch->segments[i].end - ch->segments[i].start);
}

static void
emit_run_v1(estate_core_hours *ch, int rs, int len)
{
	int			start = rs % ESTATE_MINUTES_PER_DAY;

	if (len < ESTATE_MINUTES_PER_DAY && start + len > ESTATE_MINUTES_PER_DAY)
	{
		emit(ch, rs / ESTATE_MINUTES_PER_DAY, start, start + len);
		return;
	}
	while (len > 0)
	{
		int			st = rs % ESTATE_MINUTES_PER_DAY;
		int			piece = ESTATE_MINUTES_PER_DAY - st;

		if (piece > len)
			piece = len;
		emit(ch, (rs / ESTATE_MINUTES_PER_DAY) % 7, st, st + piece);
		rs = (rs + piece) % ESTATE_MINUTES_PER_WEEK;
		len -= piece;
	}
}

static int
segment_cmp(const void *a, const void *b)
{
	const estate_core_segment *x = a;
	const estate_core_segment *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

int
estate_core_hours_equal(const estate_core_hours *a, const estate_core_hours *b)
{
	if (a->nsegments != b->nsegments || strcmp(a->zone, b->zone) != 0)
		return 0;
	for (int i = 0; i < a->nsegments; i++)
		if (a->segments[i].day != b->segments[i].day ||
			a->segments[i].start != b->segments[i].start ||
			a->segments[i].end != b->segments[i].end)
			return 0;
	return 1;
}

/* Whether the segments are exactly version 1's canonical form of their minutes. */
static int
segments_canonical_v1(const estate_core_hours *ch)
{
	uint8_t		week[WEEK_BYTES];
	estate_core_hours v1;
	int			gap = -1;
	int			run_start = -1;

	segments_to_week(ch, week);
	v1.nsegments = 0;
	for (int m = 0; m < ESTATE_MINUTES_PER_WEEK && gap < 0; m++)
		if (!bits_get(week, m))
			gap = m;
	if (gap < 0)
		for (int d = 0; d < 7; d++)
			emit(&v1, d, 0, ESTATE_MINUTES_PER_DAY);
	/* Walk once round the week from just after a free minute. */
	for (int k = 1; gap >= 0 && k <= ESTATE_MINUTES_PER_WEEK; k++)
	{
		int			abs = gap + k;
		int			on = bits_get(week, abs % ESTATE_MINUTES_PER_WEEK);

		if (on && run_start < 0)
			run_start = abs;
		else if (!on && run_start >= 0)
		{
			emit_run_v1(&v1, run_start % ESTATE_MINUTES_PER_WEEK, abs - run_start);
			run_start = -1;
		}
	}
	qsort(v1.segments, (size_t) v1.nsegments, sizeof(estate_core_segment), segment_cmp);
	strcpy(v1.zone, ch->zone);
	return estate_core_hours_equal(&v1, ch);
}

/* ---------------------------------------------------------------------------
 * Parsing
 * ------------------------------------------------------------------------- */

typedef struct parser
{
	const char *s;
	size_t		len;
	size_t		pos;
	const char *detail;
} parser;

static int
peek(const parser *p)
{
	return p->pos < p->len ? (unsigned char) p->s[p->pos] : -1;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
to_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static void
skip_space(parser *p)
{
	while (is_space(peek(p)))
		p->pos++;
}

static int
fail(parser *p, const char *detail)
{
	p->detail = detail;
	return 0;
}

static int
parse_day(parser *p, int *day)
{
	/* Exactly three letters: "Monday" is not a day here. */
	if (p->pos + 3 <= p->len &&
		!(p->pos + 3 < p->len && is_alpha((unsigned char) p->s[p->pos + 3])))
	{
		for (int d = 0; d < 7; d++)
		{
			int			i = 0;

			while (i < 3 && to_lower((unsigned char) p->s[p->pos + i]) == to_lower(day_names[d][i]))
				i++;
			if (i == 3)
			{
				*day = d;
				p->pos += 3;
				return 1;
			}
		}
	}
	return fail(p, "A day is Mon, Tue, Wed, Thu, Fri, Sat or Sun.");
}

/* DAYS: a day, a range Mon-Fri, or a list of either separated by ','. */
static int
parse_days(parser *p, unsigned *mask)
{
	*mask = 0;
	for (;;)
	{
		int			first;
		int			last;

		if (!parse_day(p, &first))
			return 0;
		last = first;
		skip_space(p);
		if (peek(p) == '-')
		{
			p->pos++;
			skip_space(p);
			if (!parse_day(p, &last))
				return 0;
			if (last < first)
				return fail(p, "A day range runs forward within Mon to Sun; it does not wrap around the week.");
			skip_space(p);
		}
		for (int d = first; d <= last; d++)
			*mask |= 1u << d;
		if (peek(p) != ',')
			return 1;
		p->pos++;
		skip_space(p);
	}
}

/* H:MM or HH:MM, 00:00 to 24:00; returns minutes after midnight. */
static int
parse_time(parser *p, int *minutes)
{
	int			hour = 0;
	int			minute;
	int			digits = 0;

	while (is_digit(peek(p)) && digits < 2)
	{
		hour = hour * 10 + (peek(p) - '0');
		p->pos++;
		digits++;
	}
	if (digits == 0 || peek(p) != ':')
		return fail(p, "A time is HH:MM, from 00:00 to 24:00.");
	p->pos++;
	if (p->pos + 2 > p->len || !is_digit(peek(p)) || !is_digit((unsigned char) p->s[p->pos + 1]))
		return fail(p, "A time is HH:MM, from 00:00 to 24:00.");
	minute = (p->s[p->pos] - '0') * 10 + (p->s[p->pos + 1] - '0');
	p->pos += 2;
	if (is_digit(peek(p)) || hour > 24 || minute > 59 || (hour == 24 && minute != 0))
		return fail(p, "A time is HH:MM, from 00:00 to 24:00.");
	*minutes = hour * 60 + minute;
	return 1;
}

/* One group: DAYS HH:MM-HH:MM, painted onto the lines of its days. */
static int
parse_group(parser *p, uint8_t *lines)
{
	unsigned	mask;
	int			start;
	int			end;
	int			len;

	if (!parse_days(p, &mask))
		return 0;
	if (!is_space(p->pos > 0 ? (unsigned char) p->s[p->pos - 1] : 0))
		return fail(p, "Expected a space and a time range HH:MM-HH:MM after the days.");
	if (!parse_time(p, &start))
		return 0;
	skip_space(p);
	if (peek(p) != '-')
		return fail(p, "Expected '-' between the start and end of a time range.");
	p->pos++;
	skip_space(p);
	if (!parse_time(p, &end))
		return 0;
	if (start == ESTATE_MINUTES_PER_DAY)
		return fail(p, "A time range cannot start at 24:00.");
	if (start == end)
		return fail(p, "A time range is empty when its start equals its end (00:00-24:00 is a whole day).");
	/* An end before the start runs past midnight into the next day. */
	len = end > start ? end - start : end + ESTATE_MINUTES_PER_DAY - start;
	for (int d = 0; d < 7; d++)
		if (mask & (1u << d))
			bits_set(lines, d * LINE_MINUTES + start, len);
	return 1;
}

int
estate_zone_name_shape_ok(const char *s, size_t len)
{
	int			component_start = 1;

	if (len == 0 || len > ESTATE_ZONE_MAX)
		return 0;
	for (size_t i = 0; i < len; i++)
	{
		int			c = (unsigned char) s[i];

		if (component_start)
		{
			if (!is_alpha(c))
				return 0;
			component_start = 0;
		}
		else if (c == '/')
			component_start = 1;
		else if (!(is_alpha(c) || is_digit(c) || c == '_' || c == '-' || c == '+'))
			return 0;
	}
	return !component_start;
}

estate_status
estate_core_hours_parse(const char *s, size_t len, estate_core_hours *out,
						const char **detail)
{
	parser		p = {s, len, 0, NULL};
	uint8_t		lines[LINES_BYTES];

	memset(lines, 0, sizeof(lines));
	skip_space(&p);
	if (peek(&p) < 0)
	{
		fail(&p, "Core hours are groups such as Mon-Fri 08:00-18:00, then an optional IANA time-zone name.");
		goto error;
	}
	for (;;)
	{
		if (!parse_group(&p, lines))
			goto error;
		skip_space(&p);
		if (peek(&p) == ',' || peek(&p) == ';')
		{
			p.pos++;
			skip_space(&p);
			continue;
		}
		break;
	}

	if (peek(&p) < 0)
		strcpy(out->zone, ESTATE_DEFAULT_ZONE);
	else
	{
		size_t		zone_start = p.pos;

		if (!is_alpha(peek(&p)))
		{
			fail(&p, "Expected ',' or ';' and another group, or an IANA time-zone name at the end.");
			goto error;
		}
		while (peek(&p) >= 0 && !is_space(peek(&p)) && peek(&p) != ',' && peek(&p) != ';')
			p.pos++;
		if (!estate_zone_name_shape_ok(s + zone_start, p.pos - zone_start))
		{
			fail(&p, "A time zone is an IANA name such as Europe/London: letters, digits, '_', '-', '+' and '/', at most 64 characters.");
			goto error;
		}
		memcpy(out->zone, s + zone_start, p.pos - zone_start);
		out->zone[p.pos - zone_start] = '\0';
		skip_space(&p);
		if (peek(&p) >= 0)
		{
			fail(&p, "The time-zone name must come last, after all the groups.");
			goto error;
		}
	}
	lines_to_segments(lines, out);
	return ESTATE_OK;

error:
	if (detail)
		*detail = p.detail;
	return ESTATE_ERR_SYNTAX;
}

/* ---------------------------------------------------------------------------
 * Canonical text
 * ------------------------------------------------------------------------- */

/* A distinct time range and the days that have it. */
typedef struct group
{
	uint16_t	start;
	uint16_t	end;
	unsigned	days;
} group;

static int
group_by_range_cmp(const void *a, const void *b)
{
	const group *x = a;
	const group *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return (x->days > y->days) - (x->days < y->days);
}

static int
first_day(unsigned days)
{
	int			d = 0;

	while (!(days & (1u << d)))
		d++;
	return d;
}

static int
group_by_weekday_cmp(const void *a, const void *b)
{
	const group *x = a;
	const group *y = b;
	int			dx = first_day(x->days);
	int			dy = first_day(y->days);

	if (dx != dy)
		return dx < dy ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

/* Per group: at most 4 days and 3 commas, a space, HH:MM-HH:MM, ", ". */
#define GROUP_TEXT_MAX (4 * 3 + 3 + 1 + 11 + 2)

size_t
estate_core_hours_text_max(const estate_core_hours *ch)
{
	return (size_t) ch->nsegments * GROUP_TEXT_MAX + 1 + ESTATE_ZONE_MAX;
}

static char *
put_time(char *o, int minutes)
{
	int			h = minutes / 60;
	int			m = minutes % 60;

	*o++ = (char) ('0' + h / 10);
	*o++ = (char) ('0' + h % 10);
	*o++ = ':';
	*o++ = (char) ('0' + m / 10);
	*o++ = (char) ('0' + m % 10);
	return o;
}

static char *
put_days(char *o, unsigned days)
{
	int			first = 1;

	for (int d = 0; d < 7; d++)
	{
		int			e = d;

		if (!(days & (1u << d)))
			continue;
		while (e + 1 < 7 && (days & (1u << (e + 1))))
			e++;
		if (!first)
			*o++ = ',';
		first = 0;
		memcpy(o, day_names[d], 3);
		o += 3;
		if (e > d)
		{
			*o++ = '-';
			memcpy(o, day_names[e], 3);
			o += 3;
		}
		d = e;
	}
	return o;
}

size_t
estate_core_hours_format(const estate_core_hours *ch, char *buf)
{
	group		groups[ESTATE_CORE_MAX_SEGMENTS];
	int			ngroups = 0;
	char	   *o = buf;

	/* Group the days that share a time range. */
	for (int i = 0; i < ch->nsegments; i++)
	{
		groups[i].start = ch->segments[i].start;
		groups[i].end = ch->segments[i].end;
		groups[i].days = 1u << ch->segments[i].day;
	}
	qsort(groups, (size_t) ch->nsegments, sizeof(group), group_by_range_cmp);
	for (int i = 0; i < ch->nsegments; i++)
	{
		if (ngroups > 0 && groups[ngroups - 1].start == groups[i].start &&
			groups[ngroups - 1].end == groups[i].end)
			groups[ngroups - 1].days |= groups[i].days;
		else
			groups[ngroups++] = groups[i];
	}
	qsort(groups, (size_t) ngroups, sizeof(group), group_by_weekday_cmp);

	for (int i = 0; i < ngroups; i++)
	{
		if (i > 0)
		{
			*o++ = ',';
			*o++ = ' ';
		}
		o = put_days(o, groups[i].days);
		*o++ = ' ';
		o = put_time(o, groups[i].start);
		*o++ = '-';
		o = put_time(o, groups[i].end > ESTATE_MINUTES_PER_DAY ?
					 groups[i].end - ESTATE_MINUTES_PER_DAY : groups[i].end);
	}
	*o++ = ' ';
	strcpy(o, ch->zone);
	o += strlen(ch->zone);
	return (size_t) (o - buf);
}

/* ---------------------------------------------------------------------------
 * Stored form: version (2; 1 is read too), zone length, segment count (2 bytes, little-endian),
 * the zone's characters, then per segment its day and start and end minutes
 * (2 bytes each, little-endian).  Byte order is fixed, so the form is the
 * same on every platform and doubles as the binary I/O format.
 * ------------------------------------------------------------------------- */

#define HEADER_BYTES 4
#define SEGMENT_BYTES 5

size_t
estate_core_hours_encoded_size(const estate_core_hours *ch)
{
	return HEADER_BYTES + strlen(ch->zone) + (size_t) ch->nsegments * SEGMENT_BYTES;
}

static void
put_u16(uint8_t *b, unsigned v)
{
	b[0] = (uint8_t) (v & 0xFF);
	b[1] = (uint8_t) (v >> 8);
}

static unsigned
get_u16(const uint8_t *b)
{
	return (unsigned) b[0] | ((unsigned) b[1] << 8);
}

void
estate_core_hours_encode(const estate_core_hours *ch, uint8_t *buf)
{
	size_t		zone_len = strlen(ch->zone);
	uint8_t    *o = buf + HEADER_BYTES + zone_len;

	buf[0] = ESTATE_CORE_HOURS_VERSION;
	buf[1] = (uint8_t) zone_len;
	put_u16(buf + 2, (unsigned) ch->nsegments);
	memcpy(buf + HEADER_BYTES, ch->zone, zone_len);
	for (int i = 0; i < ch->nsegments; i++, o += SEGMENT_BYTES)
	{
		o[0] = ch->segments[i].day;
		put_u16(o + 1, ch->segments[i].start);
		put_u16(o + 3, ch->segments[i].end);
	}
}

static estate_status
bad_binary(const char **detail, const char *why)
{
	if (detail)
		*detail = why;
	return ESTATE_ERR_BINARY;
}

estate_status
estate_core_hours_decode(const uint8_t *buf, size_t len, estate_core_hours *out,
						 const char **detail)
{
	size_t		zone_len;
	int			nsegments;
	const uint8_t *seg;
	uint8_t		lines[LINES_BYTES];
	estate_core_hours canonical;

	if (len < HEADER_BYTES)
		return bad_binary(detail, "The value is shorter than its header.");
	if (buf[0] != ESTATE_CORE_HOURS_VERSION && buf[0] != ESTATE_CORE_HOURS_VERSION_1)
		return bad_binary(detail, "Unknown version byte.");
	zone_len = buf[1];
	nsegments = (int) get_u16(buf + 2);
	if (nsegments < 1 || nsegments > ESTATE_CORE_MAX_SEGMENTS ||
		len != HEADER_BYTES + zone_len + (size_t) nsegments * SEGMENT_BYTES)
		return bad_binary(detail, "The length does not match the segment count.");
	if (!estate_zone_name_shape_ok((const char *) buf + HEADER_BYTES, zone_len))
		return bad_binary(detail, "The time-zone name is malformed.");
	memcpy(out->zone, buf + HEADER_BYTES, zone_len);
	out->zone[zone_len] = '\0';

	out->nsegments = nsegments;
	seg = buf + HEADER_BYTES + zone_len;
	for (int i = 0; i < nsegments; i++, seg += SEGMENT_BYTES)
	{
		unsigned	day = seg[0];
		unsigned	start = get_u16(seg + 1);
		unsigned	end = get_u16(seg + 3);

		/* Within its day, or past midnight but shorter than a day. */
		if (day > 6 || start >= ESTATE_MINUTES_PER_DAY || end <= start ||
			(end > ESTATE_MINUTES_PER_DAY && end - start >= ESTATE_MINUTES_PER_DAY))
			return bad_binary(detail, "A segment is outside its day.");
		out->segments[i].day = (uint8_t) day;
		out->segments[i].start = (uint16_t) start;
		out->segments[i].end = (uint16_t) end;
	}

	/* Version 1: what version 1 wrote, and read as version 2 reads it. */
	if (buf[0] == ESTATE_CORE_HOURS_VERSION_1 && !segments_canonical_v1(out))
		return bad_binary(detail, "The segments are not in version 1's canonical form (sorted, merged, cut at midnights).");
	/* Canonical means: reading the same minutes back gives these segments. */
	segments_to_lines(out, lines);
	lines_to_segments(lines, &canonical);
	strcpy(canonical.zone, out->zone);
	if (!estate_core_hours_equal(&canonical, out))
		return bad_binary(detail, "The segments are not in canonical form (sorted by day and start; "
						  "those of one day merged, or meeting at 23:59 when a day or longer).");
	return ESTATE_OK;
}

int
estate_core_hours_same(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	/* Both canonical: the same value is the same bytes after the version. */
	return alen == blen && alen > 0 && memcmp(a + 1, b + 1, alen - 1) == 0;
}

int
estate_core_hours_weekly_minutes(const estate_core_hours *ch)
{
	uint8_t		week[WEEK_BYTES];
	int			total = 0;

	segments_to_week(ch, week);
	for (int m = 0; m < ESTATE_MINUTES_PER_WEEK; m++)
		total += bits_get(week, m);
	return total;
}
