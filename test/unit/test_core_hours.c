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

static void
is_canon(const char *input, const char *expected)
{
	const char *got = canon(input);

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

	/* Past midnight, and touching across midnight. */
	is_canon("Fri 20:00-24:00, Sat 00:00-08:00", "Fri 20:00-08:00 Europe/London");
	is_canon("Sun 22:00-06:00", "Sun 22:00-06:00 Europe/London");
	is_canon("Sun 20:00-24:00, Mon 00:00-04:00", "Sun 20:00-04:00 Europe/London");
	is_canon("Mon 20:00-00:00", "Mon 20:00-24:00 Europe/London");
	is_canon("Mon 20:00-08:00, Tue 06:00-10:00", "Mon 20:00-10:00 Europe/London");
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
		bad[0] = 2;
		ok(estate_core_hours_decode(bad, n, &ch2, &detail) == ESTATE_ERR_BINARY, "unknown version: %s", detail);
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
		uint8_t		touching[17] = {1, 3, 2, 0, 'U', 'T', 'C',
			0, 0x1E, 0x00, 0x3C, 0x00,	/* Mon 00:30-01:00 */
		0, 0x3C, 0x00, 0x5A, 0x00};	/* Mon 01:00-01:30 */
		uint8_t		unsorted[17] = {1, 3, 2, 0, 'U', 'T', 'C',
			0, 0x78, 0x00, 0xB4, 0x00,	/* Mon 02:00-03:00 */
		0, 0x1E, 0x00, 0x3C, 0x00};	/* Mon 00:30-01:00 */
		uint8_t		sorted[17] = {1, 3, 2, 0, 'U', 'T', 'C',
			0, 0x1E, 0x00, 0x3C, 0x00,	/* Mon 00:30-01:00 */
		0, 0x78, 0x00, 0xB4, 0x00};	/* Mon 02:00-03:00 */

		ok(estate_core_hours_decode(touching, sizeof(touching), &ch2, &detail) == ESTATE_ERR_BINARY,
		   "touching segments are not canonical: %s", detail);
		ok(estate_core_hours_decode(unsorted, sizeof(unsorted), &ch2, &detail) == ESTATE_ERR_BINARY,
		   "unsorted segments are not canonical: %s", detail);
		ok(estate_core_hours_decode(sorted, sizeof(sorted), &ch2, &detail) == ESTATE_OK,
		   "the same segments sorted are");
	}

	return done_testing();
}
