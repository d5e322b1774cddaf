/*
 * Unit tests of the core-hours parser, canonical form and stored form
 * (src/core/core_hours.c), without a server.
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "core_hours.h"

static estate_core_hours ch;
static estate_core_hours ch2;
static char text[1 << 16];

/* Parse and print; NULL when rejected. */
static const char *
canon(const char *s)
{
	if (estate_core_hours_parse(s, strlen(s), &ch, NULL) != ESTATE_OK)
		return NULL;
	estate_core_hours_format(&ch, text);
	return text;
}

/* expected NULL: rejected. */
static void
is_canon(const char *input, const char *expected)
{
	const char *got = canon(input);

	if (expected == NULL)
	{
		ok(got == NULL, "'%s' is rejected", input);
		return;
	}
	ok(got != NULL && strcmp(got, expected) == 0, "'%s' -> '%s'", input, expected);
	if (got == NULL || strcmp(got, expected) != 0)
		printf("#   got '%s'\n", got ? got : "(rejected)");
}

static void
rejected(const char *input)
{
	const char *detail = NULL;
	estate_status st = estate_core_hours_parse(input, strlen(input), &ch, &detail);

	ok(st == ESTATE_ERR_SYNTAX && detail != NULL, "'%s' is rejected (%s)", input,
	   detail ? detail : "no detail");
}

static int
encode_decode_same(const char *input)
{
	uint8_t		buf[1 << 16];
	size_t		n;

	if (estate_core_hours_parse(input, strlen(input), &ch, NULL) != ESTATE_OK)
		return 0;
	n = estate_core_hours_encoded_size(&ch);
	estate_core_hours_encode(&ch, buf);
	if (estate_core_hours_decode(buf, n, &ch2, NULL) != ESTATE_OK)
		return 0;
	return ch2.nsegments == ch.nsegments && strcmp(ch.zone, ch2.zone) == 0 &&
		memcmp(ch.segments, ch2.segments, sizeof(estate_core_segment) * (size_t) ch.nsegments) == 0;
}


/* ---- an independent model of ownership, for the randomized checks ---- */

static const char *const days3[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* owned[d][m]: minute m (0-2879) of day d's line is day d's core time. */
static unsigned char model[7][2880];
static unsigned char painted[7][2880];

static unsigned
rnd(unsigned n)
{
	return (unsigned) rand() % n;
}

static char *
put_segment(char *o, int day, int start, int end)
{
	/* end is in line minutes (up to 2879); the text wraps it at 24:00. */
	int			shown = end > 1440 ? end - 1440 : end;

	return o + sprintf(o, "%s%s %02d:%02d-%02d:%02d", o[-1] == '\0' ? "" : ", ",
					   days3[day], start / 60, start % 60, shown / 60, shown % 60);
}

/* Whether the parsed value owns exactly the model's minutes. */
static int
matches_model(const estate_core_hours *v)
{
	memset(painted, 0, sizeof(painted));
	for (int i = 0; i < v->nsegments; i++)
		for (int m = v->segments[i].start; m < v->segments[i].end; m++)
			painted[v->segments[i].day][m] = 1;
	return memcmp(painted, model, sizeof(model)) == 0;
}

/* Segments of a random value: day, start, end in line minutes. */
typedef struct rseg
{
	int			day;
	int			start;
	int			end;
} rseg;

static void
randomized_ownership(void)
{
	static char a[1 << 16];
	static char b[1 << 16];
	int			model_failures = 0;
	int			respelling_failures = 0;
	int			ownership_failures = 0;

	srand(20250602);
	for (int round = 0; round < 2000; round++)
	{
		rseg		segs[12];
		rseg		alt[48];
		int			n = 1 + (int) rnd(6);
		int			nalt = 0;
		char	   *o = a + 1;
		char	   *q = b + 1;

		a[0] = b[0] = '\0';
		memset(model, 0, sizeof(model));
		for (int i = 0; i < n; i++)
		{
			/* Whole hours, or quarter hours, to make touching and overlap likely. */
			int			unit = rnd(2) ? 60 : 15;
			int			start = (int) rnd(1440 / unit) * unit;
			int			len = (1 + (int) rnd(1440 / unit - 1)) * unit;

			if (rnd(4) == 0 && start == 0)
				len = 1440;		/* 00:00-24:00 */
			segs[i].day = (int) rnd(7);
			segs[i].start = start;
			segs[i].end = start + len;
			for (int m = start; m < start + len; m++)
				model[segs[i].day][m] = 1;
			o = put_segment(o, segs[i].day, start, start + len);
		}
		/* A respelling with the same meaning: cut, repeated, shuffled. */
		for (int i = 0; i < n; i++)
		{
			int			cut = segs[i].start + 1 + (int) rnd((unsigned) (segs[i].end - segs[i].start));

			if (cut < segs[i].end && cut < 1440 && rnd(2))
			{
				alt[nalt++] = (rseg) {segs[i].day, segs[i].start, cut};
				alt[nalt++] = (rseg) {segs[i].day, cut, segs[i].end};
			}
			else
				alt[nalt++] = segs[i];
			if (rnd(3) == 0)
			{
				int			inner_end = segs[i].start + 1 + (int) rnd((unsigned) (segs[i].end - segs[i].start));

				alt[nalt++] = (rseg) {segs[i].day, segs[i].start, inner_end};
			}
		}
		for (int i = nalt - 1; i > 0; i--)
		{
			int			j = (int) rnd((unsigned) i + 1);
			rseg		t = alt[i];

			alt[i] = alt[j];
			alt[j] = t;
		}
		for (int i = 0; i < nalt; i++)
			q = put_segment(q, alt[i].day, alt[i].start, alt[i].end);
		strcpy(o, " UTC");
		strcpy(q, " UTC");

		if (estate_core_hours_parse(a + 1, strlen(a + 1), &ch, NULL) != ESTATE_OK || !matches_model(&ch))
		{
			if (model_failures++ == 0)
				printf("#   owned minutes differ from the model for '%s'\n", a + 1);
		}
		if (estate_core_hours_parse(b + 1, strlen(b + 1), &ch2, NULL) != ESTATE_OK)
		{
			if (respelling_failures++ == 0)
				printf("#   respelling '%s' is rejected\n", b + 1);
		}
		else if (!matches_model(&ch2) || ch.nsegments != ch2.nsegments ||
				 memcmp(ch.segments, ch2.segments, sizeof(estate_core_segment) * (size_t) ch.nsegments) != 0)
		{
			if (respelling_failures++ == 0)
				printf("#   '%s' and its respelling '%s' differ\n", a + 1, b + 1);
		}
	}
	is_int(model_failures, 0, "2000 random values own exactly the minutes their groups give their days");
	is_int(respelling_failures, 0, "their respellings (cut, with repeated parts, shuffled) own the same minutes and are the same value");

	/* Spellings that differ only in ownership: a night shift, or its two halves. */
	for (int round = 0; round < 500; round++)
	{
		int			day = (int) rnd(7);
		int			start = 1 + (int) rnd(1439);
		int			end = 1 + (int) rnd((unsigned) start);	/* next day, before the start */

		sprintf(a, "%s %02d:%02d-%02d:%02d UTC", days3[day], start / 60, start % 60, end / 60, end % 60);
		sprintf(b, "%s %02d:%02d-24:00, %s 00:00-%02d:%02d UTC", days3[day], start / 60, start % 60,
				days3[(day + 1) % 7], end / 60, end % 60);
		if (end == start || estate_core_hours_parse(a, strlen(a), &ch, NULL) != ESTATE_OK ||
			estate_core_hours_parse(b, strlen(b), &ch2, NULL) != ESTATE_OK)
			continue;
		if (strcmp(canon(a), (estate_core_hours_format(&ch2, b), b)) == 0)
		{
			if (ownership_failures++ == 0)
				printf("#   '%s' and its split at midnight print the same\n", a);
		}
	}
	is_int(ownership_failures, 0, "500 night shifts differ from their halves split at midnight");
}

int
main(void)
{
	uint8_t		buf[64];
	const char *detail;

	/* The documented examples, and the default zone. */
	is_canon("Mon-Fri 08:00-18:00", "Mon-Fri 08:00-18:00 Europe/London");
	is_canon("Mon-Fri 08:00-18:00, Sat 09:00-13:00 Europe/London",
			 "Mon-Fri 08:00-18:00, Sat 09:00-13:00 Europe/London");
	is_canon("Mon,Wed,Fri 09:00-17:00 UTC", "Mon,Wed,Fri 09:00-17:00 UTC");
	is_canon("Mon-Sun 00:00-24:00", "Mon-Sun 00:00-24:00 Europe/London");
	is_canon("Mon-Sun 20:00-08:00", "Mon-Sun 20:00-08:00 Europe/London");

	/* Grouping of days: runs of two or more become ranges. */
	is_canon("Mon 09:00-10:00, Tue 09:00-10:00", "Mon-Tue 09:00-10:00 Europe/London");
	is_canon("Thu,Mon,Tue 09:00-10:00", "Mon-Tue,Thu 09:00-10:00 Europe/London");
	is_canon("Mon,Wed-Fri,Sun 09:00-10:00", "Mon,Wed-Fri,Sun 09:00-10:00 Europe/London");
	is_canon("Sat 09:00-10:00; Mon 09:00-10:00", "Mon,Sat 09:00-10:00 Europe/London");
	is_canon("Mon,Mon,Mon-Tue 09:00-10:00", "Mon-Tue 09:00-10:00 Europe/London");

	/* Lists of segments: ascending, touching and overlapping ones merged. */
	is_canon("Mon 13:00-17:00, Mon 08:00-12:00", "Mon 08:00-12:00, Mon 13:00-17:00 Europe/London");
	is_canon("Mon 08:00-12:00, Mon 12:00-17:00", "Mon 08:00-17:00 Europe/London");
	is_canon("Mon 08:00-12:00, Mon 10:00-17:00, Mon 09:00-09:30", "Mon 08:00-17:00 Europe/London");
	is_canon("Mon-Fri 08:00-18:00, Mon 19:00-21:00", "Mon-Fri 08:00-18:00, Mon 19:00-21:00 Europe/London");
	is_canon("Tue 19:00-21:00, Mon-Fri 08:00-18:00",
			 "Mon-Fri 08:00-18:00, Tue 19:00-21:00 Europe/London");
	is_canon("Mon-Fri 08:00-12:00, Mon-Fri 13:00-17:00, Sat 10:00-12:00",
			 "Mon-Fri 08:00-12:00, Mon-Fri 13:00-17:00, Sat 10:00-12:00 Europe/London");

	/*
	 * Past midnight: a segment belongs to the day it starts on, so segments
	 * of different days never merge, even when they touch or overlap.
	 */
	is_canon("Fri 20:00-24:00, Sat 00:00-08:00", "Fri 20:00-24:00, Sat 00:00-08:00 Europe/London");
	is_canon("Fri 20:00-08:00", "Fri 20:00-08:00 Europe/London");
	is_canon("Sun 22:00-06:00", "Sun 22:00-06:00 Europe/London");
	is_canon("Sun 20:00-24:00, Mon 00:00-04:00", "Mon 00:00-04:00, Sun 20:00-24:00 Europe/London");
	is_canon("Sun 20:00-04:00, Mon 00:00-04:00", "Mon 00:00-04:00, Sun 20:00-04:00 Europe/London");
	is_canon("Mon 20:00-00:00", "Mon 20:00-24:00 Europe/London");
	is_canon("Mon 20:00-08:00, Tue 06:00-10:00", "Mon 20:00-08:00, Tue 06:00-10:00 Europe/London");
	is_canon("Mon 22:00-24:00, Tue 00:00-02:00", "Mon 22:00-24:00, Tue 00:00-02:00 Europe/London");
	is_canon("Mon 22:00-02:00, Tue 00:00-02:00", "Mon 22:00-02:00, Tue 00:00-02:00 Europe/London");
	is_canon("Mon 22:00-02:00, Tue 22:00-02:00", "Mon-Tue 22:00-02:00 Europe/London");
	/* Segments of one day merge, before and after its midnight. */
	is_canon("Mon 20:00-24:00, Mon 23:00-02:00", "Mon 20:00-02:00 Europe/London");
	is_canon("Mon 20:00-08:00, Mon 06:00-10:00", "Mon 06:00-10:00, Mon 20:00-08:00 Europe/London");
	is_canon("Mon 20:00-01:00, Mon 22:00-03:00", "Mon 20:00-03:00 Europe/London");
	/* A day's run past midnight of a day or more: two segments meeting at 23:59. */
	is_canon("Mon 00:00-24:00, Mon 23:00-01:00", "Mon 00:00-23:59, Mon 23:59-01:00 Europe/London");
	is_canon("Mon 08:00-12:00, Mon 10:00-09:00", "Mon 08:00-23:59, Mon 23:59-09:00 Europe/London");
	is_canon("Mon 12:00-12:00", NULL);
	is_canon("Mon 12:00-11:59", "Mon 12:00-11:59 Europe/London");
	is_canon("Mon 00:00-23:59, Mon 23:59-01:00", "Mon 00:00-23:59, Mon 23:59-01:00 Europe/London");
	is_canon("Mon 18:00-24:00, Tue 00:00-24:00, Wed 00:00-06:00",
			 "Mon 18:00-24:00, Tue 00:00-24:00, Wed 00:00-06:00 Europe/London");
	is_canon("Mon-Fri 00:00-24:00", "Mon-Fri 00:00-24:00 Europe/London");
	is_canon("Sat-Sun 00:00-24:00, Mon 00:00-24:00", "Mon,Sat-Sun 00:00-24:00 Europe/London");
	is_canon("Mon-Sun 00:00-12:00, Mon-Sun 12:00-24:00", "Mon-Sun 00:00-24:00 Europe/London");

	/* Spelling: case, spaces, one-digit hours, ';' and zones. */
	is_canon("  mon - FRI   8:00 - 18:00 ; sat 09:00-13:00   europe/london  ",
			 "Mon-Fri 08:00-18:00, Sat 09:00-13:00 europe/london");
	is_canon("Mon , Wed 09:00-17:00 America/New_York", "Mon,Wed 09:00-17:00 America/New_York");
	is_canon("Mon 09:00-17:00 Etc/GMT+5", "Mon 09:00-17:00 Etc/GMT+5");
	is_canon("Mon 09:00-17:00 America/Argentina/Buenos_Aires",
			 "Mon 09:00-17:00 America/Argentina/Buenos_Aires");
	is_canon("Mon 00:01-23:59", "Mon 00:01-23:59 Europe/London");

	/* Malformed input. */
	rejected("");
	rejected("   ");
	rejected("Europe/London");
	rejected("Mon");
	rejected("Mon 08:00");
	rejected("Mon 08:00-");
	rejected("Mon08:00-18:00");
	rejected("Monday 08:00-18:00");
	rejected("Mo 08:00-18:00");
	rejected("Fri-Mon 08:00-18:00");
	rejected("Mon- 08:00-18:00");
	rejected("Mon, 08:00-18:00");
	rejected(",Mon 08:00-18:00");
	rejected("Mon 08:00-18:00,");
	rejected("Mon 08:00-18:00;");
	rejected("Mon 08:00-18:00,, Tue 08:00-18:00");
	rejected("Mon 8-18");
	rejected("Mon 08-18:00");
	rejected("Mon 08:0-18:00");
	rejected("Mon 08:000-18:00");
	rejected("Mon 008:00-18:00");
	rejected("Mon 25:00-26:00");
	rejected("Mon 08:60-18:00");
	rejected("Mon 24:00-08:00");
	rejected("Mon 24:30-08:00");
	rejected("Mon 08:00-24:01");
	rejected("Mon 08:00-08:00");
	rejected("Mon 00:00-00:00");
	rejected("Mon 08:00 18:00");
	rejected("Mon 08:00-18:00 Sat 09:00-13:00");
	rejected("Mon 08:00-18:00 Europe/London Tue 08:00-18:00");
	rejected("Mon 08:00-18:00 Europe/London, Tue 08:00-18:00");
	rejected("Mon 08:00-18:00 Europe/London extra");
	rejected("Mon 08:00-18:00 Europe//London");
	rejected("Mon 08:00-18:00 Europe/");
	rejected("Mon 08:00-18:00 /London");
	rejected("Mon 08:00-18:00 Europe/1London");
	rejected("Mon 08:00-18:00 <+03>-3");
	rejected("Mon 08:00-18:00 Europe/Lon:don");
	rejected("Mon 08:00-18:00 1UTC");
	rejected("Mon 08:00-18:00 Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");	/* 65 */
	rejected("Mon 08:00\x01-18:00");
	ok(estate_core_hours_parse("Mon 08:00-18:00\0 UTC", 20, &ch, NULL) == ESTATE_ERR_SYNTAX,
	   "an embedded NUL is not the end of the text");

	/* Zone names: shape only. */
	ok(estate_zone_name_shape_ok("Europe/London", 13), "Europe/London has the shape of a zone");
	ok(estate_zone_name_shape_ok("BST", 3), "BST has the shape (the server rejects it)");
	ok(!estate_zone_name_shape_ok("", 0), "the empty name has not");
	ok(!estate_zone_name_shape_ok("Europe/London/", 14), "a trailing / has not");

	/* Weekly minutes. */
	canon("Mon-Fri 08:00-18:00");
	is_int(estate_core_hours_weekly_minutes(&ch), 5 * 600, "Mon-Fri 08:00-18:00 is 50 hours a week");
	canon("Mon-Sun 20:00-08:00");
	is_int(estate_core_hours_weekly_minutes(&ch), 7 * 720, "Mon-Sun 20:00-08:00 is 84 hours a week");
	canon("Mon-Sun 00:00-24:00");
	is_int(estate_core_hours_weekly_minutes(&ch), 7 * 1440, "the whole week is 168 hours");
	is_int(ch.nsegments, 7, "the whole week is one segment per day");
	canon("Mon 20:00-08:00, Tue 06:00-10:00");
	is_int(estate_core_hours_weekly_minutes(&ch), 14 * 60,
		   "Mon 20:00-08:00, Tue 06:00-10:00 covers 14 hours (Tuesday 06-08 is owned twice, counted once)");

	/* Stored form round trips. */
	ok(encode_decode_same("Mon-Fri 08:00-18:00"), "stored form round trip: weekdays");
	ok(encode_decode_same("Mon-Sun 20:00-08:00 UTC"), "stored form round trip: nights");
	ok(encode_decode_same("Mon-Sun 00:00-24:00"), "stored form round trip: whole week");
	ok(encode_decode_same("Mon 00:00-00:01, Mon 00:02-00:03, Sun 23:59-24:00 Etc/GMT-14"),
	   "stored form round trip: one-minute segments");

	/* The most segments there can be: every other minute of the week. */
	{
		static char many[1 << 20];
		char	   *o = many;

		for (int d = 0; d < 7; d++)
			for (int m = 0; m < 1440; m += 2)
				o += sprintf(o, "%s%s %02d:%02d-%02d:%02d", o == many ? "" : ", ",
							 (const char *[]) {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}[d],
							 m / 60, m % 60, (m + 1) / 60, (m + 1) % 60);
		ok(estate_core_hours_parse(many, strlen(many), &ch, NULL) == ESTATE_OK,
		   "every other minute of the week parses");
		is_int(ch.nsegments, 7 * 720, "into 5040 segments");
		ok(estate_core_hours_format(&ch, text) <= estate_core_hours_text_max(&ch),
		   "whose text fits the bound");
		ok(encode_decode_same(many), "and round trips through the stored form");
	}

	/* Stored forms that binary input must reject. */
	canon("Mon 08:00-18:00 UTC");
	estate_core_hours_encode(&ch, buf);
	ok(estate_core_hours_decode(buf, estate_core_hours_encoded_size(&ch), &ch2, NULL) == ESTATE_OK,
	   "a valid stored form decodes");
	{
		size_t		n = estate_core_hours_encoded_size(&ch);
		uint8_t		bad[64];

		memcpy(bad, buf, n);
		bad[0] = 3;
		ok(estate_core_hours_decode(bad, n, &ch2, &detail) == ESTATE_ERR_BINARY, "unknown version 3: %s", detail);
		bad[0] = 0;
		ok(estate_core_hours_decode(bad, n, &ch2, &detail) == ESTATE_ERR_BINARY, "unknown version 0: %s", detail);
		ok(estate_core_hours_decode(buf, n - 1, &ch2, &detail) == ESTATE_ERR_BINARY, "truncated: %s", detail);
		ok(estate_core_hours_decode(buf, 3, &ch2, &detail) == ESTATE_ERR_BINARY, "shorter than a header: %s", detail);
		memcpy(bad, buf, n);
		bad[4] = '1';
		ok(estate_core_hours_decode(bad, n, &ch2, &detail) == ESTATE_ERR_BINARY, "bad zone: %s", detail);
		/* Segment bytes: day at 7, start at 8-9, end at 10-11. */
		memcpy(bad, buf, n);
		bad[7] = 7;
		ok(estate_core_hours_decode(bad, n, &ch2, &detail) == ESTATE_ERR_BINARY, "day 7: %s", detail);
		memcpy(bad, buf, n);
		bad[10] = 0x80;			/* end 1920 = start 480 + a whole day */
		bad[11] = 0x07;
		ok(estate_core_hours_decode(bad, n, &ch2, &detail) == ESTATE_ERR_BINARY, "end a day after start: %s", detail);
		memcpy(bad, buf, n);
		bad[10] = 0xE0;			/* end 480 = start */
		bad[11] = 0x01;
		ok(estate_core_hours_decode(bad, n, &ch2, &detail) == ESTATE_ERR_BINARY, "empty segment: %s", detail);
		memcpy(bad, buf, n);
		bad[2] = 0;				/* no segments */
		ok(estate_core_hours_decode(bad, 7, &ch2, &detail) == ESTATE_ERR_BINARY, "no segments: %s", detail);
	}
	{
		/* Valid segments that are not canonical. */
		uint8_t		touching[17] = {2, 3, 2, 0, 'U', 'T', 'C',
			0, 0x1E, 0x00, 0x3C, 0x00,	/* Mon 00:30-01:00 */
		0, 0x3C, 0x00, 0x5A, 0x00};	/* Mon 01:00-01:30 */
		uint8_t		unsorted[17] = {2, 3, 2, 0, 'U', 'T', 'C',
			0, 0x78, 0x00, 0xB4, 0x00,	/* Mon 02:00-03:00 */
		0, 0x1E, 0x00, 0x3C, 0x00};	/* Mon 00:30-01:00 */
		uint8_t		sorted[17] = {2, 3, 2, 0, 'U', 'T', 'C',
			0, 0x1E, 0x00, 0x3C, 0x00,	/* Mon 00:30-01:00 */
		0, 0x78, 0x00, 0xB4, 0x00};	/* Mon 02:00-03:00 */

		ok(estate_core_hours_decode(touching, sizeof(touching), &ch2, &detail) == ESTATE_ERR_BINARY,
		   "touching segments are not canonical: %s", detail);
		ok(estate_core_hours_decode(unsorted, sizeof(unsorted), &ch2, &detail) == ESTATE_ERR_BINARY,
		   "unsorted segments are not canonical: %s", detail);
		ok(estate_core_hours_decode(sorted, sizeof(sorted), &ch2, &detail) == ESTATE_OK,
		   "the same segments sorted are");
	}

	/* Version 1 (estate 1.0): read as written, each segment its own day's. */
	{
		uint8_t		night_v1[12] = {1, 3, 1, 0, 'U', 'T', 'C',
			0, 0x28, 0x05, 0x18, 0x06};	/* Mon 22:00-02:00 */
		uint8_t		split_v1[17] = {1, 3, 2, 0, 'U', 'T', 'C',
			0, 0x28, 0x05, 0xA0, 0x05,	/* Mon 22:00-24:00 */
		1, 0x00, 0x00, 0x78, 0x00};	/* Tue 00:00-02:00 */
		uint8_t		day_v1[17] = {1, 3, 2, 0, 'U', 'T', 'C',
			0, 0xD0, 0x02, 0xA0, 0x05,	/* Mon 12:00-24:00 */
		1, 0x00, 0x00, 0xD0, 0x02};	/* Tue 00:00-12:00: a 24-hour run, cut */
		uint8_t		sunday_v1[12] = {1, 3, 1, 0, 'U', 'T', 'C',
			6, 0xB0, 0x04, 0x90, 0x06};	/* Sun 20:00-04:00 */
		uint8_t		v2[64];

		ok(estate_core_hours_decode(night_v1, sizeof(night_v1), &ch2, &detail) == ESTATE_OK &&
		   ch2.nsegments == 1 && ch2.segments[0].day == 0 && ch2.segments[0].end == 1560,
		   "version 1: Mon 22:00-02:00 reads as Monday's night segment");
		canon("Mon 22:00-02:00 UTC");
		estate_core_hours_encode(&ch, v2);
		is_int(v2[0], 2, "which is written as version 2");
		ok(estate_core_hours_same(night_v1, sizeof(night_v1), v2, estate_core_hours_encoded_size(&ch)),
		   "and is the same core hours as the version-2 value");
		ok(memcmp(night_v1 + 1, v2 + 1, sizeof(night_v1) - 1) == 0, "whose bytes differ only in the version");
		ok(estate_core_hours_decode(split_v1, sizeof(split_v1), &ch2, &detail) == ESTATE_ERR_BINARY,
		   "version 1 never wrote Mon 22:00-24:00, Tue 00:00-02:00 (it merged them): %s", detail);
		split_v1[0] = 2;
		ok(estate_core_hours_decode(split_v1, sizeof(split_v1), &ch2, &detail) == ESTATE_OK &&
		   ch2.nsegments == 2, "version 2 keeps them apart");
		canon("Mon 22:00-02:00 UTC");
		estate_core_hours_encode(&ch, v2);
		ok(!estate_core_hours_same(split_v1, sizeof(split_v1), v2, estate_core_hours_encoded_size(&ch)),
		   "and they are not the same core hours as Mon 22:00-02:00");
		ok(estate_core_hours_decode(day_v1, sizeof(day_v1), &ch2, &detail) == ESTATE_OK && ch2.nsegments == 2,
		   "version 1: a 24-hour run cut at midnight reads as two days' segments");
		ok(estate_core_hours_decode(sunday_v1, sizeof(sunday_v1), &ch2, &detail) == ESTATE_OK &&
		   ch2.segments[0].day == 6 && ch2.segments[0].end == 1680,
		   "version 1: Sun 20:00-04:00 reads as Sunday's, running into Monday");
		canon("Mon 00:00-24:00, Mon 23:00-01:00 UTC");
		estate_core_hours_encode(&ch, v2);
		v2[0] = 1;
		ok(estate_core_hours_decode(v2, estate_core_hours_encoded_size(&ch), &ch2, &detail) == ESTATE_ERR_BINARY,
		   "version 1 never wrote two segments meeting at 23:59: %s", detail);
	}

	randomized_ownership();

	return done_testing();
}
