-- estate.core_hours and estate.available_hours: grammar, canonical
-- output, zones, binary I/O, elapsed hours across clock changes, closed dates.
BEGIN;
SELECT plan(153);

-- Spans below are written in London time.
SET LOCAL timezone = 'Europe/London';

-- Canonical output: days with the same time range grouped, runs of two or
-- more days as ranges, segments ascending and merged, the zone last.  A
-- segment belongs to the day it starts on: segments of different days are
-- never merged, even when they touch at midnight.
SELECT is(s::estate.core_hours::text, canonical, format('%L reads as %L', s, canonical))
FROM (VALUES
  ('Mon-Fri 08:00-18:00', 'Mon-Fri 08:00-18:00 Europe/London'),
  ('Mon-Fri 08:00-18:00, Sat 09:00-13:00 Europe/London', 'Mon-Fri 08:00-18:00, Sat 09:00-13:00 Europe/London'),
  ('Mon,Wed,Fri 09:00-17:00 UTC', 'Mon,Wed,Fri 09:00-17:00 UTC'),
  ('Mon-Sun 00:00-24:00', 'Mon-Sun 00:00-24:00 Europe/London'),
  ('Mon-Sun 20:00-08:00', 'Mon-Sun 20:00-08:00 Europe/London'),
  ('Mon 09:00-10:00; Tue 09:00-10:00', 'Mon-Tue 09:00-10:00 Europe/London'),
  ('Thu,Mon,Tue 09:00-10:00', 'Mon-Tue,Thu 09:00-10:00 Europe/London'),
  ('Sun,Mon,Wed-Fri 09:00-10:00', 'Mon,Wed-Fri,Sun 09:00-10:00 Europe/London'),
  ('Mon 13:00-17:00, Mon 08:00-12:00', 'Mon 08:00-12:00, Mon 13:00-17:00 Europe/London'),
  ('Mon 08:00-12:00, Mon 12:00-17:00', 'Mon 08:00-17:00 Europe/London'),
  ('Mon 08:00-12:00; Mon 10:00-17:00', 'Mon 08:00-17:00 Europe/London'),
  ('Tue 19:00-21:00, Mon-Fri 08:00-18:00', 'Mon-Fri 08:00-18:00, Tue 19:00-21:00 Europe/London'),
  ('Fri 20:00-24:00, Sat 00:00-08:00', 'Fri 20:00-24:00, Sat 00:00-08:00 Europe/London'),
  ('Fri 20:00-08:00', 'Fri 20:00-08:00 Europe/London'),
  ('Sun 20:00-24:00, Mon 00:00-04:00', 'Mon 00:00-04:00, Sun 20:00-24:00 Europe/London'),
  ('Mon 22:00-24:00, Tue 00:00-02:00', 'Mon 22:00-24:00, Tue 00:00-02:00 Europe/London'),
  ('Mon 20:00-08:00, Tue 08:00-20:00', 'Mon 20:00-08:00, Tue 08:00-20:00 Europe/London'),
  ('Mon 20:00-08:00, Tue 06:00-10:00', 'Mon 20:00-08:00, Tue 06:00-10:00 Europe/London'),
  ('Mon 20:00-24:00, Mon 23:00-02:00', 'Mon 20:00-02:00 Europe/London'),
  ('Mon 00:00-24:00, Mon 23:00-01:00', 'Mon 00:00-23:59, Mon 23:59-01:00 Europe/London'),
  ('Mon 20:00-00:00', 'Mon 20:00-24:00 Europe/London'),
  ('Mon 18:00-24:00, Tue 00:00-24:00, Wed 00:00-06:00', 'Mon 18:00-24:00, Tue 00:00-24:00, Wed 00:00-06:00 Europe/London'),
  ('Sat-Sun 00:00-24:00, Mon 00:00-24:00', 'Mon,Sat-Sun 00:00-24:00 Europe/London'),
  ('  mon - FRI  8:00 - 18:00 ; sat 09:00-13:00   europe/london ', 'Mon-Fri 08:00-18:00, Sat 09:00-13:00 Europe/London'),
  ('Mon 09:00-17:00 utc', 'Mon 09:00-17:00 UTC'),
  ('Mon 09:00-17:00 gmt', 'Mon 09:00-17:00 GMT'),
  ('Mon 09:00-17:00 america/new_york', 'Mon 09:00-17:00 America/New_York'),
  ('Mon 09:00-17:00 Etc/GMT+5', 'Mon 09:00-17:00 Etc/GMT+5'),
  ('Mon 09:00-17:00 Australia/Lord_Howe', 'Mon 09:00-17:00 Australia/Lord_Howe')
) AS t(s, canonical);

-- Equal meanings give equal stored values, whatever the spelling.
SELECT is(estate.core_hours_send('Mon 08:00-12:00, Mon 12:00-18:00 europe/london'),
          estate.core_hours_send('Mon 08:00-18:00 Europe/London'), 'equal meanings are equal bytes');
SELECT is(get_byte(estate.core_hours_send('Mon-Fri 08:00-18:00'), 0), 2, 'the stored form starts with version byte 2');
SELECT isnt(estate.core_hours_send('Mon 22:00-24:00, Tue 00:00-02:00'), estate.core_hours_send('Mon 22:00-02:00'),
            'which day owns an hour is part of the stored value');

-- Malformed text, abbreviations and POSIX zone strings: 22P02 quoting the value.
SELECT throws_ok(format('SELECT %L::estate.core_hours', s), '22P02',
                 format('invalid input syntax for type estate.core_hours: "%s"', s),
                 format('%L is rejected', s))
FROM unnest(ARRAY[
  '', '   ', 'Europe/London', 'Mon', 'Mon 08:00', 'Mon 08:00-', 'Mon08:00-18:00',
  'Monday 08:00-18:00', 'Fri-Mon 08:00-18:00', 'Mon, 08:00-18:00', 'Mon 08:00-18:00,',
  'Mon 08:00-18:00;', 'Mon 8-18', 'Mon 25:00-26:00', 'Mon 08:60-18:00', 'Mon 24:00-08:00',
  'Mon 08:00-24:01', 'Mon 08:00-08:00', 'Mon 08:00-18:00 Sat 09:00-13:00',
  'Mon 08:00-18:00 Europe/London, Tue 08:00-18:00', 'Mon 08:00-18:00 Europe/London extra',
  'Mon 08:00-18:00 BST', 'Mon 08:00-18:00 bst', 'Mon 08:00-18:00 EST5EDT', 'Mon 08:00-18:00 EST',
  'Mon 08:00-18:00 CET', 'Mon 08:00-18:00 GB', 'Mon 08:00-18:00 UTC+1', 'Mon 08:00-18:00 XYZ5',
  'Mon 08:00-18:00 Etc/XYZ5', 'Mon 08:00-18:00 <+03>-3', 'Mon 08:00-18:00 localtime',
  'Mon 08:00-18:00 posixrules', 'Mon 08:00-18:00 posix/Europe/London',
  'Mon 08:00-18:00 right/Europe/London', 'Mon 08:00-18:00 Mars/Olympus_Mons',
  'Mon 08:00-18:00 Europe//London']) AS s;

SELECT throws_like($$SELECT 'Mon 08:00-18:00 BST'::estate.core_hours$$, '%core_hours%BST%',
                   'the message quotes the value');

-- Binary COPY round trip; binary input is validated like text (22P03).
\ir include/binary_copy.sql
CREATE TEMP TABLE ch(id int, c estate.core_hours);
INSERT INTO ch VALUES (1, 'Mon-Fri 08:00-18:00'), (2, 'Mon-Sun 20:00-08:00 UTC'),
  (3, 'Mon,Wed-Fri,Sun 09:00-10:00, Sat 00:00-24:00 America/New_York'), (4, NULL);
CREATE TEMP TABLE ch2(id int, c estate.core_hours);
SELECT lives_ok($$SELECT pg_temp.copy_binary('ch', 'ch2')$$, 'binary COPY out and in');
SELECT is((SELECT count(*) FROM ch JOIN ch2 USING (id) WHERE ch2.c::text IS NOT DISTINCT FROM ch.c::text), 4::bigint,
          'binary COPY round-trips every value');
TRUNCATE ch2;
SELECT lives_ok(format($$SELECT pg_temp.recv('ch2', %L)$$, encode(estate.core_hours_send('Mon-Fri 08:00-18:00'), 'hex')),
                'valid bytes are accepted');
SELECT is((SELECT c::text FROM ch2), 'Mon-Fri 08:00-18:00 Europe/London', 'and read back');
SELECT throws_ok(format($$SELECT pg_temp.recv('ch2', %L)$$, '03' || substr(encode(estate.core_hours_send('Mon 08:00-18:00'), 'hex'), 3)),
                 '22P03', NULL, 'an unknown version byte is rejected');
SELECT throws_ok(format($$SELECT pg_temp.recv('ch2', %L)$$, substr(encode(estate.core_hours_send('Mon 08:00-18:00'), 'hex'), 1, 20)),
                 '22P03', NULL, 'a truncated value is rejected');
-- version 1, zone "BST", one segment Mon 08:00-18:00
SELECT throws_ok($$SELECT pg_temp.recv('ch2', '0103010042535400e0013804')$$,
                 '22P03', NULL, 'an abbreviation as zone is rejected');
-- version 1, zone "UTC", two touching segments Mon 00:30-01:00 and 01:00-01:30
SELECT throws_ok($$SELECT pg_temp.recv('ch2', '01030200555443001e003c00003c005a00')$$,
                 '22P03', NULL, 'valid but non-canonical segments are rejected');
TRUNCATE ch2;
SELECT lives_ok($$SELECT pg_temp.recv('ch2', '0103010075746300e0013804')$$,
                'a zone in another case is accepted');
SELECT is((SELECT c::text FROM ch2), 'Mon 08:00-18:00 UTC', 'and stored with its canonical spelling');
-- Version 1 (estate 1.0) merged segments across midnight; its bytes are read
-- as written, each segment its own day's: what its printed text means now.
TRUNCATE ch2;
-- version 1, zone "UTC", one segment: Monday, 1320-1560 minutes (22:00-02:00)
SELECT lives_ok($$SELECT pg_temp.recv('ch2', '010301005554430028051806')$$, 'version-1 bytes are read');
SELECT is((SELECT c::text FROM ch2), 'Mon 22:00-02:00 UTC', 'as Monday''s night segment');
SELECT is((SELECT get_byte(estate.core_hours_send(c), 0) FROM ch2), 2, 'and stored as version 2');
SELECT is((SELECT estate.available_hours('[2025-06-01 00:00+00, 2025-06-08 00:00+00)', c, '{2025-06-03}') FROM ch2), 4::float8,
          'a version-1 night belongs to the day it starts (closing Tuesday keeps Monday 22:00-02:00: 4 hours)');
-- version 1, zone "UTC", Mon 22:00-24:00 and Tue 00:00-02:00: version 1 never wrote these (it merged them)
SELECT throws_ok($$SELECT pg_temp.recv('ch2', '01030200555443002805a0050100007800')$$,
                 '22P03', NULL, 'version-1 bytes that version 1 could not have written are rejected');
TRUNCATE ch2;
SELECT lives_ok($$SELECT pg_temp.recv('ch2', '02030200555443002805a0050100007800')$$, 'as version 2 they are read');
SELECT is((SELECT c::text FROM ch2), 'Mon 22:00-24:00, Tue 00:00-02:00 UTC', 'as two days'' segments');

-- available_hours: hand-computed, local boundaries as AT TIME ZONE converts them.
SELECT is(estate.available_hours('[2024-01-08, 2024-01-15)', 'Mon-Fri 08:00-18:00'), 50::float8, 'a week of 08:00-18:00 weekdays is 50 hours');
SELECT is(estate.available_hours('[2024-01-08 09:30, 2024-01-08 17:15)', 'Mon-Fri 08:00-18:00'), 7.75::float8, 'a span inside a day counts its overlap');
SELECT is(estate.available_hours('[2024-01-08 18:00, 2024-01-09 08:00)', 'Mon-Fri 08:00-18:00'), 0::float8, 'a span between core hours has none');
SELECT is(estate.available_hours('[2024-01-13, 2024-01-15)', 'Mon-Fri 08:00-18:00'), 0::float8, 'a weekend has none');
SELECT is(estate.available_hours('[2024-03-31, 2024-04-01)', 'Mon-Sun 00:00-03:00'), 2::float8, 'local 00:00-03:00 is 2 hours on the spring change');
SELECT is(estate.available_hours('[2024-10-27, 2024-10-28)', 'Mon-Sun 00:00-03:00'), 4::float8, 'local 00:00-03:00 is 4 hours on the autumn change');
SELECT is(estate.available_hours('[2024-03-31, 2024-04-01)', 'Mon-Sun 08:00-18:00'), 10::float8, '08:00-18:00 is 10 hours on the spring change');
SELECT is(estate.available_hours('[2024-10-27, 2024-10-28)', 'Mon-Sun 08:00-18:00'), 10::float8, '08:00-18:00 is 10 hours on the autumn change');
SELECT is(estate.available_hours('[2024-03-31, 2024-04-01)', 'Mon-Sun 00:00-24:00'), 23::float8, 'the spring-change day has 23 hours');
SELECT is(estate.available_hours('[2024-10-27, 2024-10-28)', 'Mon-Sun 00:00-24:00'), 25::float8, 'the autumn-change day has 25 hours');
SELECT is(estate.available_hours('[2024-03-25, 2024-04-01)', 'Mon-Sun 00:00-24:00'), 167::float8, 'the week of the spring change has 167 hours');
SELECT is(estate.available_hours('[2024-10-21, 2024-10-28)', 'Mon-Sun 00:00-24:00'), 169::float8, 'the week of the autumn change has 169 hours');
SELECT is(estate.available_hours('[2024-01-01, 2025-01-01)', 'Mon-Sun 00:00-24:00'), 8784::float8, 'the leap year 2024 has 8784 hours');
SELECT is(estate.available_hours('[2024-01-01, 2025-01-01)', 'Mon-Fri 08:00-18:00'), 2620::float8, '262 weekdays of 10 hours in 2024');
SELECT is(estate.available_hours('[2024-03-31, 2024-04-01)', 'Sun 01:00-02:00'), 0::float8, 'the skipped hour 01:00-02:00 has no time');
SELECT is(estate.available_hours('[2024-10-27, 2024-10-28)', 'Sun 01:00-02:00'), 1::float8, 'the repeated hour counts once, as AT TIME ZONE resolves it');

-- Segments past midnight belong to the day they start.
SELECT is(estate.available_hours('[2024-01-08, 2024-01-09)', 'Mon-Sun 20:00-08:00'), 12::float8, 'Monday: the end of Sunday night and the start of Monday night');
SELECT is(estate.available_hours('[2024-01-13, 2024-01-14)', 'Fri 20:00-08:00'), 8::float8, 'Saturday holds the end of Friday night');
SELECT is(estate.available_hours('[2024-03-30, 2024-04-01)', 'Sat 22:00-06:00'), 7::float8, 'a night across the spring change is an hour short');
SELECT is(estate.available_hours('[2024-10-26, 2024-10-28)', 'Sat 22:00-06:00'), 9::float8, 'a night across the autumn change is an hour long');

-- Closed dates: local dates whose segments do not apply.
SELECT is(estate.available_hours('[2024-01-08, 2024-01-15)', 'Mon-Fri 08:00-18:00', '{2024-01-08}'), 40::float8, 'one closed weekday');
SELECT is(estate.available_hours('[2024-01-08, 2024-01-15)', 'Mon-Fri 08:00-18:00', '{2024-01-10,2024-01-08,2024-01-08}'), 30::float8, 'closed dates in any order, repeated');
SELECT is(estate.available_hours('[2024-01-08, 2024-01-15)', 'Mon-Fri 08:00-18:00', '{2024-01-13,2023-12-25}'), 50::float8, 'closed dates without core hours change nothing');
SELECT is(estate.available_hours('[2024-01-08, 2024-01-15)', 'Mon-Fri 08:00-18:00', '{}'), 50::float8, 'no closed dates');
SELECT is(estate.available_hours('[2024-01-13, 2024-01-14)', 'Fri 20:00-08:00', '{2024-01-13}'), 8::float8, 'closing Saturday keeps Friday''s night');
SELECT is(estate.available_hours('[2024-01-13, 2024-01-14)', 'Fri 20:00-08:00', '{2024-01-12}'), 0::float8, 'closing Friday removes its night');
SELECT is(estate.available_hours('[2024-12-23, 2024-12-30)', 'Mon-Fri 08:00-18:00', '{2024-12-25,2024-12-26}'), 30::float8, 'Christmas week with two bank holidays');

-- Which day owns which hours (2 June 2025 is a Monday; London is UTC+1 in June).
-- Span = London Mon 2 June 00:00 to Wed 4 June 00:00.  Monday owns 22:00-24:00
-- (2 h), Tuesday 3 June owns 00:00-02:00 and is closed: 2 hours.
SELECT is(estate.available_hours('[2025-06-01 23:00+00, 2025-06-03 23:00+00)', 'Mon 22:00-24:00, Tue 00:00-02:00 Europe/London', '{2025-06-03}'),
          2::float8, 'closing Tuesday removes Tuesday''s 00:00-02:00, not Monday''s 22:00-24:00 (2 h)');
-- Spelled as one Monday night, 22:00-02:00 is all Monday's: 2 + 2 = 4 hours.
SELECT is(estate.available_hours('[2025-06-01 23:00+00, 2025-06-03 23:00+00)', 'Mon 22:00-02:00 Europe/London', '{2025-06-03}'),
          4::float8, 'closing Tuesday keeps Monday''s night 22:00-02:00 (4 h)');
SELECT is(estate.available_hours('[2025-06-01 23:00+00, 2025-06-03 23:00+00)', 'Mon 22:00-24:00, Tue 00:00-02:00 Europe/London'),
          4::float8, 'with nothing closed both spellings give 4 hours');
-- Sun 1 June to Tue 10 June UTC.  Monday 2 June's night 20:00-08:00 is Monday's
-- (12 h); Tuesday 3 June 08:00-20:00 is closed; Monday 9 June 20:00-24:00 is in
-- the span (4 h): 12 + 4 = 16 hours.
SELECT is(estate.available_hours('[2025-06-01 00:00+00, 2025-06-10 00:00+00)', 'Mon 20:00-08:00, Tue 08:00-20:00 UTC', '{2025-06-03}'),
          16::float8, 'closing Tuesday keeps Monday''s night shift (12 + 4 = 16 h)');
-- Closing both Mondays leaves Tuesday 3 June 08:00-20:00: 12 hours.
SELECT is(estate.available_hours('[2025-06-01 00:00+00, 2025-06-10 00:00+00)', 'Mon 20:00-08:00, Tue 08:00-20:00 UTC', '{2025-06-02,2025-06-09}'),
          12::float8, 'closing the Mondays leaves Tuesday''s day shift (12 h)');
-- Mon 20:00-08:00 and Tue 06:00-10:00 overlap on Tuesday 06:00-08:00: open
-- both, Mon 20:00 to Tue 10:00 = 14 h; close Tuesday, Monday's 12 h stay;
-- close Monday, Tuesday's 4 h stay.
SELECT is(estate.available_hours('[2025-06-02 00:00+00, 2025-06-04 00:00+00)', 'Mon 20:00-08:00, Tue 06:00-10:00 UTC'),
          14::float8, 'overlapping segments of two days count once (14 h)');
SELECT is(estate.available_hours('[2025-06-02 00:00+00, 2025-06-04 00:00+00)', 'Mon 20:00-08:00, Tue 06:00-10:00 UTC', '{2025-06-03}'),
          12::float8, 'closing Tuesday leaves Monday''s 12 h');
SELECT is(estate.available_hours('[2025-06-02 00:00+00, 2025-06-04 00:00+00)', 'Mon 20:00-08:00, Tue 06:00-10:00 UTC', '{2025-06-02}'),
          4::float8, 'closing Monday leaves Tuesday''s 4 h');
-- Monday owns Mon 00:00 to Tue 01:00 (25 h), written as two segments meeting at 23:59.
SELECT is(estate.available_hours('[2025-06-02 00:00+00, 2025-06-04 00:00+00)', 'Mon 00:00-24:00, Mon 23:00-01:00 UTC', '{2025-06-03}'),
          25::float8, 'a Monday of 25 hours survives closing Tuesday');
SELECT is(estate.available_hours('[2025-06-02 00:00+00, 2025-06-04 00:00+00)', 'Mon 00:00-24:00, Mon 23:00-01:00 UTC', '{2025-06-02}'),
          0::float8, 'and goes with Monday');

-- ---- Randomized: spellings that mean the same under the ownership rule -----
-- Random core hours as segments (day 0 = Monday, start and end in minutes of
-- the day's line: an end past 1440 runs into the next day).  Each case is
-- spelled twice: as generated, and cut, with repeated parts, shuffled.  Both
-- must give the same value and the same hours for random spans and closed
-- dates, equal to an independent plain-SQL answer: every open date's
-- segments as instants (timestamp AT TIME ZONE), united with range_agg.
SELECT setseed(0.2025);
CREATE TEMP TABLE rnd_case AS
SELECT c, (ARRAY['UTC', 'Europe/London', 'America/New_York'])[1 + floor(random() * 3)::int] AS zone,
       -- spans of 1-20 days, some across the 2024 clock changes
       (ARRAY[timestamp '2024-03-25', timestamp '2024-10-21', timestamp '2025-06-02'])[1 + floor(random() * 3)::int]
         + make_interval(days => floor(random() * 10)::int, mins => floor(random() * 1440)::int) AS lo,
       make_interval(days => 1 + floor(random() * 20)::int, mins => floor(random() * 1440)::int) AS len
FROM generate_series(1, 120) AS c;
CREATE TEMP TABLE rnd_seg AS
SELECT c, floor(random() * 7)::int AS day, st, st + len AS en
FROM (SELECT c, (floor(random() * 96) * 15)::int AS st,
             CASE WHEN random() < 0.1 THEN 1440 ELSE (15 * (1 + floor(random() * 95)))::int END AS len
      FROM rnd_case, generate_series(1, 1 + floor(random() * 4)::int)) AS g
WHERE NOT (len = 1440 AND st <> 0);
DELETE FROM rnd_case WHERE c NOT IN (SELECT c FROM rnd_seg);
CREATE FUNCTION pg_temp.hhmm(m int) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$SELECT lpad((m / 60)::text, 2, '0') || ':' || lpad((m % 60)::text, 2, '0')$$;
CREATE FUNCTION pg_temp.spell(day int, st int, en int) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$SELECT (ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'])[day + 1] || ' ' || pg_temp.hhmm(st) || '-'
           || pg_temp.hhmm(CASE WHEN en > 1440 THEN en - 1440 ELSE en END)$$;
-- The second spelling: each segment cut before its day's midnight, some
-- repeated in part, in random order.
CREATE TEMP TABLE rnd_cut AS
SELECT *, CASE WHEN least(en, 1440) - st > 1 THEN st + 1 + floor(random() * (least(en, 1440) - st - 1))::int END AS cut
FROM rnd_seg;
CREATE TEMP TABLE rnd_alt AS
SELECT c, day, st, en FROM (
  SELECT c, day, st, cut AS en FROM rnd_cut WHERE cut IS NOT NULL
  UNION ALL SELECT c, day, cut, en FROM rnd_cut WHERE cut IS NOT NULL
  UNION ALL SELECT c, day, st, en FROM rnd_cut WHERE cut IS NULL
  UNION ALL SELECT c, day, st, st + 1 + floor(random() * (en - st - 1))::int FROM rnd_seg WHERE en - st > 1 AND random() < 0.5
) a ORDER BY random();
CREATE TEMP TABLE rnd_spelling AS
SELECT c, (SELECT string_agg(pg_temp.spell(day, st, en), ', ') FROM rnd_seg s WHERE s.c = k.c) || ' ' || zone AS a,
       (SELECT string_agg(pg_temp.spell(day, st, en), '; ') FROM rnd_alt s WHERE s.c = k.c) || ' ' || zone AS b,
       tstzrange(lo AT TIME ZONE zone, (lo + len) AT TIME ZONE zone) AS span,
       ARRAY(SELECT lo::date + i FROM generate_series(-1, (lo + len)::date - lo::date) AS i
             WHERE random() < 0.3) AS closed,
       zone
FROM rnd_case k;
-- The independent answer: segments of open dates as instants, united.
CREATE FUNCTION pg_temp.oracle_hours(k int, span tstzrange, closed date[]) RETURNS float8 LANGUAGE sql AS $$
  SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0)::float8 / 3600
  FROM (SELECT unnest(range_agg(p)) AS r FROM (
    SELECT tstzrange(greatest(s, lower(span)), least(e, upper(span))) AS p
    FROM (SELECT (d + make_interval(mins => g.st)) AT TIME ZONE c.zone AS s,
                 (d + make_interval(mins => g.en)) AT TIME ZONE c.zone AS e
          FROM rnd_case c JOIN rnd_seg g USING (c),
               LATERAL (SELECT (lower(span) AT TIME ZONE c.zone)::date + i AS d
                        FROM generate_series(-2, (upper(span) AT TIME ZONE c.zone)::date
                                                 - (lower(span) AT TIME ZONE c.zone)::date + 1) AS i) AS dates
          WHERE c.c = k AND extract(isodow FROM d) - 1 = g.day AND d <> ALL (closed)) x
    WHERE greatest(s, lower(span)) < least(e, upper(span))) y) z
$$;
SELECT is((SELECT count(*) FROM rnd_spelling WHERE a::estate.core_hours::text <> b::estate.core_hours::text), 0::bigint,
          format('%s random core hours and their respellings read as the same value', (SELECT count(*) FROM rnd_spelling)));
SELECT is((SELECT string_agg(format('%s / %s over %s closed %s: %s, %s, oracle %s', a, b, span, closed, ha, hb, ho), E'\n')
           FROM (SELECT *, estate.available_hours(span, a::estate.core_hours, closed) AS ha,
                           estate.available_hours(span, b::estate.core_hours, closed) AS hb,
                           pg_temp.oracle_hours(c, span, closed) AS ho
                 FROM rnd_spelling) x
           WHERE ha <> hb OR round(ha::numeric, 9) <> round(ho::numeric, 9)), NULL,
          'both spellings give the same hours with random closed dates, equal to the plain-SQL answer');
SELECT ok((SELECT count(*) FROM rnd_spelling WHERE cardinality(closed) > 0
           AND estate.available_hours(span, a::estate.core_hours, closed) < estate.available_hours(span, a::estate.core_hours)) > 50,
          'and the closed dates matter in most cases (the test has teeth)');

-- Spellings that differ only in ownership: a night shift "D s-e" against
-- "D s-24:00, D+1 00:00-e".  With nothing closed they cover the same
-- minutes; closing the next day's date (in June, no clock change) costs
-- the split spelling its e minutes after midnight, and the night shift none.
CREATE TEMP TABLE rnd_night AS
SELECT n, day, st, en, (ARRAY['UTC', 'Europe/London', 'America/New_York'])[1 + floor(random() * 3)::int] AS zone
FROM (SELECT n, floor(random() * 7)::int AS day, 15 * (1 + floor(random() * 95))::int AS st FROM generate_series(1, 60) AS n) g,
     LATERAL (SELECT 15 * (1 + floor(random() * (st / 15 - 1)))::int AS en) e
WHERE st > 15;
SELECT is((SELECT string_agg(format('%s: %s %s, %s %s', n, whole, split, whole_closed, split_closed), E'\n')
           FROM (SELECT n, en,
                        estate.available_hours(span, night, '{}') AS whole, estate.available_hours(span, halves, '{}') AS split,
                        estate.available_hours(span, night, closed) AS whole_closed,
                        estate.available_hours(span, halves, closed) AS split_closed
                 FROM (SELECT n, en,
                              (pg_temp.spell(day, st, en + 1440) || ' ' || zone)::estate.core_hours AS night,
                              (pg_temp.spell(day, st, 1440) || ', ' || pg_temp.spell((day + 1) % 7, 0, en) || ' ' || zone)::estate.core_hours AS halves,
                              tstzrange('2025-06-02'::timestamp AT TIME ZONE zone, '2025-06-16'::timestamp AT TIME ZONE zone) AS span,
                              ARRAY[date '2025-06-02' + day + 1] AS closed
                       FROM rnd_night) q) x
           WHERE whole <> split OR whole_closed - split_closed <> en / 60.0 OR whole_closed = split_closed), NULL,
          format('%s night shifts and their halves split at midnight: the same hours with nothing closed, '
                 'the night''s hours after midnight apart with the next day closed', (SELECT count(*) FROM rnd_night)));

-- Other zones.
SELECT is(estate.available_hours(tstzrange('2024-03-10 00:00 America/New_York', '2024-03-11 00:00 America/New_York'),
                                 'Mon-Sun 00:00-03:00 America/New_York'), 2::float8, 'New York''s spring change');
SELECT is(estate.available_hours(tstzrange('2024-04-07 00:00 Australia/Lord_Howe', '2024-04-08 00:00 Australia/Lord_Howe'),
                                 'Mon-Sun 00:00-24:00 Australia/Lord_Howe'), 24.5::float8, 'Lord Howe Island''s half-hour change');
SELECT is(estate.available_hours('[2024-01-08, 2024-01-15)', 'Mon-Fri 09:00-17:00 Asia/Kolkata'), 40::float8, 'a half-hour offset zone');
SELECT is(estate.available_hours('[2024-01-08 03:00, 2024-01-08 04:00)', 'Mon 09:00-17:00 Asia/Kolkata'), 0.5::float8,
          '09:00 in Kolkata is 03:30 in London in January');
SELECT is(estate.available_hours('[2024-01-01, 2025-01-01)', 'Mon-Sun 00:00-24:00 UTC'), 8784::float8, 'UTC has no changes');

-- Exactly as AT TIME ZONE: every day of 2024 against SQL's own conversion,
-- for several zones and core hours (including segments that a spring gap
-- inverts, which count as nothing).
CREATE FUNCTION pg_temp.by_sql(z text, s time, e time, days int) RETURNS float8 LANGUAGE sql AS $f$
  SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0) / 3600
  FROM unnest((SELECT range_agg(tstzrange(a, b))
               FROM (SELECT (d + s) AT TIME ZONE z AS a,
                            (d + e + CASE WHEN e <= s THEN interval '1 day' ELSE interval '0' END) AT TIME ZONE z AS b
                     FROM generate_series(date '2023-12-30', date '2025-01-02', interval '1 day') AS g(d0),
                          LATERAL (SELECT d0::date AS d) x
                     WHERE extract(isodow FROM d) <= days) segs
               WHERE b > a) * tstzmultirange(tstzrange('2024-01-01 00:00 UTC', '2025-01-01 00:00 UTC'))) AS r
$f$;
SELECT is(estate.available_hours(tstzrange('2024-01-01 00:00 UTC', '2025-01-01 00:00 UTC'),
                                 format('Mon-%s %s-%s %s', CASE days WHEN 7 THEN 'Sun' ELSE 'Fri' END,
                                        to_char(s, 'HH24:MI'), CASE WHEN e = '00:00' THEN '24:00' ELSE to_char(e, 'HH24:MI') END, z)::estate.core_hours),
          pg_temp.by_sql(z, s, e, days),
          format('%s %s-%s on %s days: as AT TIME ZONE', z, s, e, days))
FROM (VALUES ('Europe/London', '00:00'::time, '03:00'::time, 7), ('Europe/London', '01:30', '02:30', 7),
             ('Europe/London', '22:00', '02:00', 7), ('America/New_York', '01:00', '04:00', 7),
             ('America/Santiago', '23:00', '01:00', 7), ('Australia/Lord_Howe', '01:00', '03:00', 7),
             ('Asia/Kolkata', '08:00', '18:00', 5), ('Europe/Dublin', '00:00', '00:00', 7)) AS t(z, s, e, days);

-- Bad arguments: 22023 quoting the value; NULL gives NULL.
SELECT throws_ok($$SELECT estate.available_hours('[2024-01-01,)', 'Mon-Fri 08:00-18:00')$$, '22023',
                 'span must be a bounded, non-empty range: "["2024-01-01 00:00:00+00",)"', 'an unbounded span is rejected');
SELECT throws_ok($$SELECT estate.available_hours('empty', 'Mon-Fri 08:00-18:00')$$, '22023',
                 'span must be a bounded, non-empty range: "empty"', 'an empty span is rejected');
SELECT throws_ok($$SELECT estate.available_hours('[2024-01-01, infinity)', 'Mon-Fri 08:00-18:00')$$, '22023',
                 NULL, 'an infinite bound is rejected');
-- A span is at most 100 years (36,525 days): core time is worked out day by
-- day, and 290,000 years asked for gigabytes.
SELECT is(estate.available_hours(tstzrange('2000-01-01 00:00+00', '2000-01-01 00:00+00'::timestamptz + interval '36525 days'),
                                 'Mon-Sun 00:00-24:00 UTC'), 876600::float8, 'a span of exactly 100 years (36,525 days of 24 hours)');
SELECT throws_ok($$SELECT estate.available_hours(tstzrange('2000-01-01 00:00+00', '2100-01-01 00:00:00.000001+00'), 'Mon-Fri 08:00-18:00')$$,
                 '22023', 'span is longer than 100 years: "["2000-01-01 00:00:00+00","2100-01-01 00:00:00.000001+00")"',
                 'a span one microsecond over 100 years is rejected');
SELECT throws_ok($$SELECT estate.available_hours('[2024-01-01, 200000-01-01)', 'Mon-Sun 00:00-24:00')$$, '22023', NULL,
                 'so is a span of 198,000 years');
SELECT throws_ok($$SELECT estate.available_hours('[2024-01-01, 2024-02-01)', 'Mon-Fri 08:00-18:00', '{2024-01-08,NULL}')$$, '22023',
                 'closed dates must not contain NULL', 'a NULL closed date is rejected');
SELECT throws_ok($$SELECT estate.available_hours('[2024-01-01, 2024-02-01)', 'Mon-Fri 08:00-18:00', '{infinity}')$$, '22023',
                 'closed date "infinity" is not a calendar date', 'an infinite closed date is rejected');
SELECT ok(estate.available_hours(NULL, 'Mon-Fri 08:00-18:00') IS NULL, 'NULL span gives NULL');
SELECT ok(estate.available_hours('[2024-01-01, 2024-02-01)', NULL) IS NULL, 'NULL core hours give NULL');
SELECT ok(estate.available_hours('[2024-01-01, 2024-02-01)', 'Mon-Fri 08:00-18:00', NULL) IS NULL, 'NULL closed dates give NULL');

-- No implicit cast to text.
SELECT is((SELECT count(*) FROM pg_cast WHERE castsource = 'estate.core_hours'::regtype AND castcontext = 'i'), 0::bigint,
          'no implicit cast from core_hours');

SELECT * FROM finish();
ROLLBACK;
