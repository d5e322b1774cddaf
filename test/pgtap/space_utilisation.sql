-- estate.space_utilisation, estate.utilisation_heatmap, estate.heatmap_rows,
-- estate.room_status and estate.space_profile: hand-computed
-- cases, serial against parallel, the state type, every bad argument.
BEGIN;
SELECT plan(135);

SET LOCAL timezone = 'Europe/London';

-- One room's utilisation from arrays of periods and headcounts.
CREATE FUNCTION pg_temp.u(p tstzrange[], h int[], cap int, core text, span tstzrange)
RETURNS estate.utilisation LANGUAGE sql AS $f$
  SELECT estate.space_utilisation(t.p, t.h, cap, core::estate.core_hours, span) FROM unnest(p, h) AS t(p, h)
$f$;
CREATE FUNCTION pg_temp.uc(p tstzrange[], h int[], cap int, core text, span tstzrange, closed date[])
RETURNS estate.utilisation LANGUAGE sql AS $f$
  SELECT estate.space_utilisation(t.p, t.h, cap, core::estate.core_hours, span, closed) FROM unnest(p, h) AS t(p, h)
$f$;

-- Monday 8 January 2024, core hours 08:00-18:00 (10 hours), capacity 20.
-- Overlapping bookings: the union is in use (09:00-12:00, 3 h), headcounts
-- add (10 x 2 h + 5 x 2 h = 30 person-hours).
SELECT is(pg_temp.u('{"[2024-01-08 09:00,2024-01-08 11:00)","[2024-01-08 10:00,2024-01-08 12:00)"}', '{10,5}',
                    20, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')::text,
          '(10,3,0.3,0.5,0.15,15)', 'overlapping bookings: union for frequency, added headcounts for occupancy');

-- A booking without a headcount is in use; occupancy uses the known part.
SELECT is(pg_temp.u('{"[2024-01-08 09:00,2024-01-08 11:00)","[2024-01-08 10:00,2024-01-08 12:00)"}', '{NULL,4}',
                    20, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')::text,
          '(10,3,0.3,0.2,0.04,4)', 'a booking without headcount: in use, occupancy 8 / (20 x 2), rate 8 / (20 x 10)');
SELECT is(pg_temp.u('{"[2024-01-08 09:00,2024-01-08 11:00)"}', '{NULL}', 20, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')::text,
          '(10,2,0.2,,0,0)', 'only unknown headcounts: occupancy NULL, rate 0, peak 0');

-- Periods crossing the span's and the core hours' edges.  Span Monday
-- 12:00 to Tuesday 12:00: 6 + 4 = 10 core hours.  In core and span:
-- 12:00-13:00 (10 people), 17:30-18:00 and 08:00-09:00 (2), 11:00-12:00 (6).
CREATE TEMP TABLE edges AS
SELECT * FROM pg_temp.u('{"[2024-01-08 07:00,2024-01-08 13:00)","[2024-01-08 17:30,2024-01-09 09:00)","[2024-01-09 11:00,2024-01-09 14:00)"}',
                        '{10,2,6}', 20, 'Mon-Fri 08:00-18:00', '[2024-01-08 12:00,2024-01-09 12:00)');
SELECT is((SELECT hours_available FROM edges), 10::float8, 'edges: 10 core hours in the span');
SELECT is((SELECT hours_in_use FROM edges), 3.5::float8, 'edges: 3.5 hours in use inside span and core hours');
SELECT is((SELECT frequency FROM edges), 0.35::float8, 'edges: frequency 0.35');
SELECT is((SELECT occupancy FROM edges), 19::float8 / 70, 'edges: occupancy 19 / (20 x 3.5)');
SELECT is((SELECT rate FROM edges), 19::float8 / 200, 'edges: rate 19 / (20 x 10)');
SELECT is((SELECT peak_headcount FROM edges), 10, 'edges: peak 10');

-- Night segments past midnight: Monday holds the end of Sunday night
-- (00:00-08:00) and the start of Monday night (20:00-24:00).
SELECT is(pg_temp.u('{"[2024-01-08 06:00,2024-01-08 07:00)","[2024-01-08 22:00,2024-01-09 02:00)"}', '{2,1}',
                    4, 'Mon-Sun 20:00-08:00', '[2024-01-08,2024-01-09)')::text,
          format('(12,3,0.25,%s,%s,2)', (4::float8 / 12)::text, (4::float8 / 48)::text),
          'night segments: 3 of 12 hours in use, 4 person-hours');

-- Closed dates: Tuesday is closed, so its booking is outside core hours.
SELECT is(pg_temp.uc('{"[2024-01-08 09:00,2024-01-08 10:00)","[2024-01-09 09:00,2024-01-09 10:00)"}', '{5,5}',
                     20, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-13)', '{2024-01-09}')::text,
          '(40,1,0.025,0.25,0.00625,5)', 'closed dates: 40 core hours, the closed day''s booking not counted');
SELECT is(pg_temp.uc('{"[2024-01-08 09:00,2024-01-08 10:00)"}', '{5}', 20, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-13)', '{}')::text,
          pg_temp.u('{"[2024-01-08 09:00,2024-01-08 10:00)"}', '{5}', 20, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-13)')::text,
          'no closed dates is the 5-argument form');

-- The weeks of the clock changes in Europe/London: 167 and 169 hours; the
-- Sundays have 23 and 25.
SELECT is(pg_temp.u('{"[2024-03-31,2024-04-01)"}', '{1}', 1, 'Mon-Sun 00:00-24:00', '[2024-03-25,2024-04-01)')::text,
          format('(167,23,%s,1,%s,1)', (23::float8 / 167)::text, (23::float8 / 167)::text), 'the spring-change week');
SELECT is(pg_temp.u('{"[2024-10-27,2024-10-28)"}', '{1}', 1, 'Mon-Sun 00:00-24:00', '[2024-10-21,2024-10-28)')::text,
          format('(169,25,%s,1,%s,1)', (25::float8 / 169)::text, (25::float8 / 169)::text), 'the autumn-change week');
SELECT is(pg_temp.u('{"[2024-03-31 00:00,2024-03-31 03:00)"}', '{2}', 4, 'Mon-Sun 00:00-03:00', '[2024-03-25,2024-04-01)')::text,
          '(20,2,0.1,0.5,0.05,2)', 'spring week, 00:00-03:00: 6 x 3 + 2 core hours');
SELECT is(pg_temp.u('{"[2024-10-27 00:00,2024-10-27 03:00)"}', '{2}', 4, 'Mon-Sun 00:00-03:00', '[2024-10-21,2024-10-28)')::text,
          format('(22,4,%s,0.5,%s,2)', (4::float8 / 22)::text, (8::float8 / 88)::text), 'autumn week, 00:00-03:00: 6 x 3 + 4 core hours');
SELECT is(pg_temp.u('{"[2024-03-25 09:00,2024-03-25 10:00)","[2024-04-01 09:00,2024-04-01 10:00)"}', '{3,3}', 6,
                    'Mon-Fri 08:00-18:00', '[2024-03-25,2024-04-08)')::text,
          '(100,2,0.02,0.5,0.01,3)', 'weekdays either side of the spring change are 10 hours each');

-- Another zone: New York changed on 10 March 2024, London on 31 March.
SELECT is(pg_temp.u(ARRAY[tstzrange('2024-03-11 09:00 America/New_York', '2024-03-11 17:00 America/New_York')], '{3}', 3,
                    'Mon-Fri 09:00-17:00 America/New_York',
                    tstzrange('2024-03-11 00:00 America/New_York', '2024-03-16 00:00 America/New_York'))::text,
          '(40,8,0.2,1,0.2,3)', 'New York core hours over a New York week');
SELECT is(pg_temp.u('{"[2024-03-11 13:00,2024-03-11 14:00)","[2024-03-11 21:00,2024-03-11 22:00)"}', '{1,1}', 1,
                    'Mon-Fri 09:00-17:00 America/New_York', '[2024-03-11,2024-03-12)')::text,
          '(8,1,0.125,1,0.125,1)',
          '13:00 in London is 09:00 in New York that week, 21:00 is 17:00, after core hours');

-- The whole week.
SELECT is(pg_temp.u('{"[2024-01-08 23:00,2024-01-09 01:00)"}', '{2}', 4, 'Mon-Sun 00:00-24:00', '[2024-01-08,2024-01-10)')::text,
          format('(48,2,%s,0.5,%s,2)', (2::float8 / 48)::text, (1::float8 / 48)::text), 'Mon-Sun 00:00-24:00 across midnight');

-- Over capacity.
SELECT is(pg_temp.u('{"[2024-01-08 09:00,2024-01-08 10:00)"}', '{15}', 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')::text,
          '(10,1,0.1,1.5,0.15,15)', 'occupancy above 1 when over capacity');

-- Sensor intervals with zero headcounts are not in use.
SELECT is(pg_temp.u('{"[2024-01-08 09:00,2024-01-08 09:15)","[2024-01-08 09:15,2024-01-08 09:30)","[2024-01-08 09:30,2024-01-08 09:45)","[2024-01-08 09:45,2024-01-08 10:00)"}',
                    '{0,3,0,2}', 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')::text,
          '(10,0.5,0.05,0.25,0.0125,3)', 'zero-headcount intervals are not in use');
SELECT is(pg_temp.u('{"[2024-01-08 09:00,2024-01-08 09:15)","[2024-01-08 09:15,2024-01-08 09:30)"}', '{0,0}',
                    10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')::text,
          '(10,0,0,,0,0)', 'only zero headcounts: unused');

-- Empty and unbounded periods; NULL periods make the group.
SELECT is(pg_temp.u('{empty,"[2024-01-08 17:00,)"}', '{5,5}', 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')::text,
          '(10,1,0.1,0.5,0.05,5)', 'an empty period is nothing; an unbounded one is clipped to the span');
SELECT is(pg_temp.u('{NULL}', '{7}', 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')::text,
          '(10,0,0,,0,0)', 'a NULL period makes an unused room');
SELECT ok((SELECT estate.space_utilisation(p, 1, 1, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')
           FROM (SELECT NULL::tstzrange AS p WHERE false) s) IS NULL, 'no rows: NULL');

-- A span without core hours: frequency, occupancy and rate are NULL.
SELECT is(pg_temp.u('{"[2024-01-13 09:00,2024-01-13 10:00)"}', '{5}', 10, 'Mon-Fri 08:00-18:00', '[2024-01-13,2024-01-15)')::text,
          '(0,0,,,,0)', 'a weekend span has no core hours');

-- A LEFT JOIN from rooms: a room without bookings has a rate of 0, not a missing row.
CREATE TEMP TABLE rooms(room text, capacity int);
INSERT INTO rooms VALUES ('A', 20), ('B', 10);
CREATE TEMP TABLE bookings(room text, period tstzrange, headcount int);
INSERT INTO bookings VALUES ('A', '[2024-01-08 09:00,2024-01-08 11:00)', 10);
SELECT is((SELECT string_agg(room || ' ' || u::text, '; ' ORDER BY room)
           FROM (SELECT r.room, estate.space_utilisation(b.period, b.headcount, r.capacity, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)') u
                 FROM rooms r LEFT JOIN bookings b USING (room) GROUP BY r.room) s),
          'A (10,2,0.2,0.5,0.1,10); B (10,0,0,,0,0)', 'a LEFT JOINed room with no bookings: rate 0, row present');

-- Which day owns which hours (London, UTC+1 in June; 2 June 2025 is a Monday).
-- Span Mon 2 June 00:00 to Wed 4 June 00:00, Tuesday 3 June closed, capacity
-- 10, one booking Mon 23:00 to Tue 01:00 of 5 people.
-- 'Mon 22:00-24:00, Tue 00:00-02:00': Tuesday's 00:00-02:00 is closed, so 2 h
-- available (Mon 22-24), 1 h in use (23-24): frequency 1/2, occupancy
-- 5 x 1 / (10 x 1) = 0.5, rate 5 x 1 / (10 x 2) = 0.25.
SELECT is(pg_temp.uc('{"[2025-06-02 23:00,2025-06-03 01:00)"}', '{5}', 10, 'Mon 22:00-24:00, Tue 00:00-02:00',
                     '[2025-06-02,2025-06-04)', '{2025-06-03}')::text,
          '(2,1,0.5,0.5,0.25,5)', 'closing Tuesday removes Tuesday''s 00:00-02:00 only');
-- 'Mon 22:00-02:00' is all Monday's: 4 h available, 2 h in use,
-- occupancy 5 x 2 / (10 x 2) = 0.5, rate 5 x 2 / (10 x 4) = 0.25.
SELECT is(pg_temp.uc('{"[2025-06-02 23:00,2025-06-03 01:00)"}', '{5}', 10, 'Mon 22:00-02:00',
                     '[2025-06-02,2025-06-04)', '{2025-06-03}')::text,
          '(4,2,0.5,0.5,0.25,5)', 'closing Tuesday keeps Monday''s night 22:00-02:00');
-- The same in the heatmap, cells Mon 22, Mon 23, Tue 00, Tue 01 (1-based 23-26):
-- Mon 22 has core time and nobody (0), Mon 23 has 5 of 10 (0.5); Tuesday's
-- hours are closed (NULL) in the first spelling, Monday's in the second
-- (00:00-01:00 5 of 10, 01:00-02:00 empty).
SELECT is((SELECT h[23:26]::text FROM (SELECT estate.utilisation_heatmap(p, 5, 10, c::estate.core_hours, '[2025-06-02,2025-06-04)', '{2025-06-03}') h
           FROM (VALUES ('[2025-06-02 23:00,2025-06-03 01:00)'::tstzrange)) v(p), (VALUES ('Mon 22:00-24:00, Tue 00:00-02:00')) w(c)
           GROUP BY c) x), '{0,0.5,NULL,NULL}', 'the heatmap leaves the closed Tuesday''s hours out');
SELECT is((SELECT h[23:26]::text FROM (SELECT estate.utilisation_heatmap(p, 5, 10, c::estate.core_hours, '[2025-06-02,2025-06-04)', '{2025-06-03}') h
           FROM (VALUES ('[2025-06-02 23:00,2025-06-03 01:00)'::tstzrange)) v(p), (VALUES ('Mon 22:00-02:00')) w(c)
           GROUP BY c) x), '{0,0.5,0.5,0}', 'and keeps Monday''s night into Tuesday');

-- The heatmap: Monday 09:30-10:30, 10 people in a room for 10.
CREATE TEMP TABLE hm AS
SELECT estate.utilisation_heatmap(p, 10, 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-13)') AS h
FROM (VALUES (tstzrange('2024-01-08 09:30', '2024-01-08 10:30'))) v(p);
SELECT is((SELECT array_length(h, 1) FROM hm), 168, 'the heatmap has 7 x 24 cells');
SELECT is((SELECT h[1 + 9] FROM hm), 0.5::float8, 'Monday 09:00: half an hour of a full room');
SELECT is((SELECT h[1 + 10] FROM hm), 0.5::float8, 'Monday 10:00: half an hour of a full room');
SELECT is((SELECT h[1 + 8] FROM hm), 0::float8, 'Monday 08:00: core time, unused');
SELECT ok((SELECT h[1 + 18] IS NULL AND h[1 + 7] IS NULL AND h[1 + 5 * 24 + 10] IS NULL FROM hm), 'no core time: NULL cells');
SELECT is((SELECT count(*) FROM hm, unnest(h) c WHERE c IS NOT NULL), 50::bigint, '5 days x 10 hours have core time');
SELECT is((SELECT count(*) FROM hm, estate.heatmap_rows(h)), 168::bigint, 'heatmap_rows gives 168 rows');
SELECT is((SELECT format('%s %s %s %s', weekday, weekday_name, hour, rate) FROM hm, estate.heatmap_rows(h) WHERE rate > 0 ORDER BY weekday, hour LIMIT 1),
          '1 Monday 9 0.5', 'heatmap_rows: weekday 1 is Monday, hours 0-23');
SELECT is((SELECT string_agg(DISTINCT weekday || weekday_name, ',') FROM hm, estate.heatmap_rows(h) WHERE hour = 0),
          '1Monday,2Tuesday,3Wednesday,4Thursday,5Friday,6Saturday,7Sunday', 'heatmap_rows names the weekdays');

-- Clock changes: the repeated autumn hour adds to its cell; the skipped
-- spring hour stays empty.
SELECT is((SELECT h[1 + 6 * 24 + 1] FROM (SELECT estate.utilisation_heatmap(p, 1, 1, 'Mon-Sun 00:00-24:00', '[2024-10-27,2024-10-28)') h
          FROM (VALUES (tstzrange('2024-10-27 00:00+00', '2024-10-27 01:00+00'))) v(p)) s), 0.5::float8,
          'autumn: the first 01:00-02:00 of two fills half of Sunday''s 01:00 cell');
SELECT is((SELECT h[1 + 6 * 24 + 0] FROM (SELECT estate.utilisation_heatmap(p, 1, 1, 'Mon-Sun 00:00-24:00', '[2024-10-27,2024-10-28)') h
          FROM (VALUES (tstzrange('2024-10-27 00:00+00', '2024-10-27 01:00+00'))) v(p)) s), 0::float8,
          'autumn: Sunday 00:00 (23:00 UTC) is unused');
SELECT ok((SELECT h[1 + 6 * 24 + 1] IS NULL AND h[1 + 6 * 24 + 2] = 1 AND h[1 + 6 * 24] = 1
           FROM (SELECT estate.utilisation_heatmap(p, 1, 1, 'Mon-Sun 00:00-24:00', '[2024-03-31,2024-04-01)') h
                 FROM (VALUES (tstzrange('2024-03-31', '2024-04-01'))) v(p)) s),
          'spring: Sunday 01:00 has no time; 00:00 and 02:00 are full');
SELECT is((SELECT count(*) FROM (SELECT estate.utilisation_heatmap(p, 1, 1, 'Mon-Sun 00:00-24:00', '[2024-03-31,2024-04-01)') h
           FROM (VALUES (tstzrange('2024-03-31', '2024-04-01'))) v(p)) s, unnest(h) c WHERE c IS NOT NULL), 23::bigint,
          'spring: 23 cells have core time');
SELECT is((SELECT h FROM (SELECT estate.utilisation_heatmap(p, 5, 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-13)', '{2024-01-08}') h
           FROM (VALUES (tstzrange('2024-01-08 09:00', '2024-01-08 10:00'))) v(p)) s)[1 + 9], NULL::float8,
          'the closed-dates heatmap leaves a closed Monday out');
SELECT throws_ok($$SELECT * FROM estate.heatmap_rows(array_fill(0::float8, ARRAY[167]))$$, '22023',
                 'a heatmap is a one-dimensional array of 168 cells, not 167', 'heatmap_rows rejects a wrong length');
SELECT throws_ok($$SELECT * FROM estate.heatmap_rows(array_fill(0::float8, ARRAY[7, 24]))$$, '22023',
                 NULL, 'heatmap_rows rejects a 7 x 24 two-dimensional array');

-- The shared state: a final function must leave it as the other aggregate
-- needs it.  Periods arrive out of order, so the first final sorts them.
CREATE TEMP TABLE many AS
SELECT i, tstzrange(t, t + interval '50 minutes') AS p, (i % 5) AS h
FROM (SELECT i, timestamptz '2024-01-08 08:00' + ((i * 7919) % 2000) * interval '3 minutes' AS t
      FROM generate_series(1, 2000) i) s;
SELECT is((SELECT estate.space_utilisation(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)')::text
                  || estate.utilisation_heatmap(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)')::text FROM many),
          (SELECT estate.space_utilisation(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)')::text FROM many)
          || (SELECT estate.utilisation_heatmap(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)')::text FROM many),
          'two aggregates sharing one state give what each gives alone');
SELECT is((SELECT estate.utilisation_heatmap(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)')::text
                  || estate.space_utilisation(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)')::text FROM many),
          (SELECT estate.utilisation_heatmap(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)')::text FROM many)
          || (SELECT estate.space_utilisation(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)')::text FROM many),
          'in either order');
-- As a window function: the last running value is the aggregate.
SELECT is((SELECT u::text FROM (SELECT i, estate.space_utilisation(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)')
                                  OVER (ORDER BY i ROWS UNBOUNDED PRECEDING) AS u FROM many) s WHERE i = 2000),
          (SELECT estate.space_utilisation(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)')::text FROM many),
          'as a running window aggregate');

-- Serial and forced-parallel plans give identical results (integer
-- accumulation): 30 rooms, 60,000 bookings, unsorted.
CREATE TABLE estate_test_bookings AS
SELECT 1 + (i * 7) % 30 AS room, 10 + (i * 7) % 30 AS capacity,
       tstzrange(t, t + ((15 + (i * 13) % 180) * interval '1 minute')) AS period,
       CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 31) % 45 END AS headcount
FROM (SELECT i, timestamptz '2024-03-18 07:00' + ((i::bigint * 104729) % 20160) * interval '1 minute' AS t
      FROM generate_series(1, 60000) i) s;
ANALYZE estate_test_bookings;
CREATE TEMP TABLE serial_result AS
SELECT room, estate.space_utilisation(period, headcount, capacity, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')::text AS u,
       estate.space_utilisation(period, headcount, capacity, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)', '{2024-03-29,2024-04-01}')::text AS uc,
       estate.utilisation_heatmap(period, headcount, capacity, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')::text AS h
FROM estate_test_bookings GROUP BY room;
CREATE TEMP TABLE serial_one AS
SELECT estate.space_utilisation(period, headcount, 30, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')::text AS u
FROM estate_test_bookings;
CREATE AGGREGATE pg_temp.util_state_of(tstzrange, integer, integer, estate.core_hours, tstzrange) (
    SFUNC = estate.utilisation_transfn, STYPE = estate.utilisation_state, COMBINEFUNC = estate.utilisation_combine,
    PARALLEL = SAFE);
CREATE TEMP TABLE serial_state AS
SELECT pg_temp.util_state_of(period, headcount, 30, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')::text AS s
FROM estate_test_bookings;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
\ir include/plan_of.sql
SELECT ok(pg_temp.plan_of($$SELECT room, estate.space_utilisation(period, headcount, capacity, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')
                           FROM estate_test_bookings GROUP BY room$$) ~ 'Partial', 'the parallel plan has a Partial Aggregate');
SELECT is((SELECT string_agg(room || u || uc || h, ';' ORDER BY room) FROM (
             SELECT room, estate.space_utilisation(period, headcount, capacity, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')::text AS u,
                    estate.space_utilisation(period, headcount, capacity, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)', '{2024-03-29,2024-04-01}')::text AS uc,
                    estate.utilisation_heatmap(period, headcount, capacity, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')::text AS h
             FROM estate_test_bookings GROUP BY room) s),
          (SELECT string_agg(room || u || uc || h, ';' ORDER BY room) FROM serial_result),
          'a forced parallel plan gives results identical to the serial one');
SELECT is((SELECT estate.space_utilisation(period, headcount, 30, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')::text
           FROM estate_test_bookings),
          (SELECT u FROM serial_one), 'one group of 60,000 periods, parallel and serial');
-- The leader's partial state too: three to combine, where the combined
-- state keeps two workers' step functions as they came and merges a third.
SET LOCAL parallel_leader_participation = on;
SELECT is((SELECT estate.space_utilisation(period, headcount, 30, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')::text
           FROM estate_test_bookings),
          (SELECT u FROM serial_one), 'one group, three partial states (two workers and the leader), parallel and serial');
-- A combined state written out (an aggregate without a final function):
-- the step functions kept as they came are merged into its text form.
SELECT ok(pg_temp.plan_of($$SELECT pg_temp.util_state_of(period, headcount, 30, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')
                           FROM estate_test_bookings$$) ~ 'Partial', 'a state''s own aggregate has a parallel plan');
SELECT is((SELECT pg_temp.util_state_of(period, headcount, 30, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')::text
           FROM estate_test_bookings),
          (SELECT s FROM serial_state), 'a combined state''s text form is the serial state''s');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- The state type: a real type with exact text and binary I/O.
CREATE AGGREGATE pg_temp.util_state(tstzrange, integer, integer, estate.core_hours, tstzrange) (
    SFUNC = estate.utilisation_transfn, STYPE = estate.utilisation_state, COMBINEFUNC = estate.utilisation_combine);
SELECT is((SELECT pg_temp.util_state(p, h, 20, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')::text
           FROM (VALUES ('[2024-01-08 09:00+00,2024-01-08 11:00+00)'::tstzrange, 10), ('[2024-01-08 10:00+00,2024-01-08 12:00+00)', NULL),
                        ('[2024-01-08 12:00+00,2024-01-08 13:00+00)', 0)) v(p, h)),
          'v3 capacity=20 span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 Europe/London" closed={} '
          || 'unit=3600000000 steps=4:9K1L1110',
          -- Steps 9, 1, 1 and 1 hours after the one before (the unit: an hour
          -- in microseconds): 10 people (level 20), and an unknown headcount
          -- too (21), the unknown alone (1), nobody (0); the 0 headcount is
          -- not in use.
          'the text form: the step function, in units that divide every step''s offset from the span start');
CREATE TEMP TABLE states AS
SELECT 'small' AS kind, pg_temp.util_state(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)') AS s FROM many WHERE h < 2 AND lower(p) < '2024-01-08 09:00'
UNION ALL
SELECT 'large', pg_temp.util_state(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)') FROM many;
SELECT is((SELECT count(*) FROM states WHERE s::text::estate.utilisation_state::text = s::text), 2::bigint,
          'text output and input round-trip small and large states');
SELECT is((SELECT estate.utilisation_final(s)::text FROM states WHERE kind = 'large'),
          (SELECT estate.space_utilisation(p, h, 4, 'Mon-Sun 08:00-18:00', '[2024-01-08,2024-01-15)')::text FROM many),
          'the final function of a stored state gives the aggregate');
SELECT is((SELECT estate.utilisation_final(s::text::estate.utilisation_state)::text FROM states WHERE kind = 'large'),
          (SELECT estate.utilisation_final(s)::text FROM states WHERE kind = 'large'), 'and so does its text round trip');
\ir include/binary_copy.sql
CREATE TEMP TABLE states2 (LIKE states);
SELECT lives_ok($$SELECT pg_temp.copy_binary('states', 'states2')$$, 'binary COPY of states out and in');
SELECT is((SELECT count(*) FROM states JOIN states2 USING (kind) WHERE states.s::text = states2.s::text), 2::bigint,
          'binary COPY round-trips states');

SELECT throws_ok(format('SELECT %L::estate.utilisation_state', s), '22P02', NULL, format('bad state text %s is rejected', n))
FROM (VALUES (1, ''), (2, 'v4 capacity=1 span=0,10 core="Mon 08:00-18:00 UTC" closed={} unit=1 steps=0:'),
             (3, 'v1 capacity=0 span=0,10 core="Mon 08:00-18:00 UTC" closed={} periods={}'),
             (4, 'v1 capacity=1 span=10,0 core="Mon 08:00-18:00 UTC" closed={} periods={}'),
             (5, 'v1 capacity=1 span=0,10 core="Mon 08:00-18:00 BST" closed={} periods={}'),
             (6, 'v1 capacity=1 span=0,10 core="Mon 08:00-18:00 UTC" closed={3,2} periods={}'),
             (7, 'v1 capacity=1 span=0,10 core="Mon 08:00-18:00 UTC" closed={} periods={5+6*1}'),
             (8, 'v1 capacity=1 span=0,10 core="Mon 08:00-18:00 UTC" closed={} periods={0+1*0}'),
             (9, 'v1 capacity=1 span=0,10 core="Mon 08:00-18:00 UTC" closed={} periods={0+1*-1}'),
             (10, 'v1 capacity=1 span=0,10 core="Mon 08:00-18:00 UTC" closed={} periods={0+1*1} ')) AS t(n, s);
SELECT lives_ok($$SELECT 'v1 capacity=1 span=0,10 core="mon 08:00-18:00 utc" closed={} periods={0+1*1}'::estate.utilisation_state$$,
                'a state with non-canonical core hours is accepted');
-- Version 1's text (estate 1.0) printed core hours merged across midnight: it
-- is read as printed, a night segment belonging to the day it starts on.
SELECT is('v1 capacity=1 span=0,10 core="Mon 22:00-02:00 UTC" closed={} periods={1+2*3}'::estate.utilisation_state::text,
          'v3 capacity=1 span=0,10 core="Mon 22:00-02:00 UTC" closed={} unit=1 steps=2:1620', 'version 1''s text is read, and written as version 3');
SELECT is('v2 capacity=1 span=0,10 core="Mon 22:00-24:00, Tue 00:00-02:00 UTC" closed={} periods={1+2*3}'::estate.utilisation_state::text,
          'v3 capacity=1 span=0,10 core="Mon 22:00-24:00, Tue 00:00-02:00 UTC" closed={} unit=1 steps=2:1620',
          'version 2''s text is read; each day''s segments stay apart in the text form');
SELECT is(encode(estate.utilisation_state_send('v2 capacity=1 span=0,10 core="Mon 22:00-24:00, Tue 00:00-02:00 UTC" closed={} periods={1+2*3}'), 'hex'),
          '02' || encode(int4send(1), 'hex') || encode(int8send(0), 'hex') || encode(int8send(10), 'hex')
          || encode(int4send(17), 'hex') || encode(estate.core_hours_send('Mon 22:00-24:00, Tue 00:00-02:00 UTC'), 'hex')
          || encode(int4send(0), 'hex') || encode(int8send(2), 'hex')
          || encode(int8send(1), 'hex') || encode(int8send(6), 'hex') || encode(int8send(3), 'hex') || encode(int8send(0), 'hex'),
          'the binary form (version 2) embeds the core hours'' own versioned bytes, then the steps');

CREATE TEMP TABLE state_in (id int, s estate.utilisation_state);
CREATE TEMP TABLE good AS SELECT encode(estate.utilisation_state_send(s), 'hex') AS b FROM states WHERE kind = 'small';
SELECT lives_ok($$SELECT pg_temp.recv('state_in', (SELECT b FROM good))$$, 'a sent state is received');
SELECT is((SELECT s::text FROM state_in), (SELECT s::text FROM states WHERE kind = 'small'), 'unchanged');
SELECT throws_ok($$SELECT pg_temp.recv('state_in', '03' || substr((SELECT b FROM good), 3))$$, '22P03', NULL, 'bad version byte');
SELECT throws_ok($$SELECT pg_temp.recv('state_in', substr((SELECT b FROM good), 1, length((SELECT b FROM good)) - 2))$$, '22P03', NULL, 'truncated');
SELECT throws_ok($$SELECT pg_temp.recv('state_in', (SELECT b FROM good) || '00')$$, '22P03', NULL, 'trailing bytes');
-- bytes: version (1), capacity (4), span start (8), span end (8), ...
SELECT throws_ok($$SELECT pg_temp.recv('state_in', '01' || '00000000' || substr((SELECT b FROM good), 11))$$, '22P03', NULL, 'capacity 0');
SELECT throws_ok($$SELECT pg_temp.recv('state_in', substr((SELECT b FROM good), 1, 26) || '0000000000000000' || substr((SELECT b FROM good), 43))$$,
                 '22P03', NULL, 'span ending before it starts');
SELECT throws_ok($$SELECT pg_temp.recv('state_in', substr((SELECT b FROM good), 1, length((SELECT b FROM good)) - 16) || 'fffffffffffffffe')$$,
                 '22P03', NULL, 'a negative level');

-- Partial states leave a node swept: their text form holds the step function
-- of their periods, sorted and merged; combining states merges steps, and the
-- results are the serial ones byte for byte, for both aggregates, with and
-- without closed dates.
CREATE AGGREGATE pg_temp.util_state(tstzrange, integer, integer, estate.core_hours, tstzrange, date[]) (
    SFUNC = estate.utilisation_transfn, STYPE = estate.utilisation_state, COMBINEFUNC = estate.utilisation_combine);
CREATE AGGREGATE pg_temp.util_combined(estate.utilisation_state) (
    SFUNC = estate.utilisation_combine, STYPE = estate.utilisation_state);
CREATE TEMP TABLE parts AS
SELECT room, part, count(*) FILTER (WHERE headcount IS DISTINCT FROM 0) AS in_use,
       pg_temp.util_state(period, headcount, capacity, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)')::text AS s,
       pg_temp.util_state(period, headcount, capacity, 'Mon-Fri 08:00-18:00, Sat 09:00-13:00', '[2024-03-18,2024-04-08)',
                          '{2024-03-29,2024-04-01}')::text AS sc
FROM (SELECT *, abs(hashtext(period::text)) % 4 AS part FROM estate_test_bookings) b GROUP BY room, part;
SELECT is((SELECT string_agg(room || u || uc || h, ';' ORDER BY room) FROM (
             SELECT room, estate.utilisation_final(pg_temp.util_combined(s::estate.utilisation_state ORDER BY part))::text AS u,
                    estate.utilisation_final(pg_temp.util_combined(sc::estate.utilisation_state ORDER BY part))::text AS uc,
                    estate.heatmap_final(pg_temp.util_combined(s::estate.utilisation_state ORDER BY part DESC))::text AS h
             FROM parts GROUP BY room) x),
          (SELECT string_agg(room || u || uc || h, ';' ORDER BY room) FROM serial_result),
          'partial states of four parts of each room, shipped as text and combined, give the serial results byte for byte');
SELECT is((SELECT count(*) FROM parts WHERE s !~ '^v3 .* unit=[1-9][0-9]*0000000 steps=[0-9]+:[0-9A-Va-zW-Z+/]*$'), 0::bigint,
          'each is written as version 3, in a unit of whole minutes (the bookings'' granularity)');
SELECT cmp_ok((SELECT sum(octet_length(substr(s, strpos(s, ' steps=')))) / sum(in_use) FROM parts), '<', 8::numeric,
              'under 8 bytes of text per period in use (version 2 took about 26)');
-- A state in an older text form (its periods listed) combines with a swept
-- one: 2 people 00:00-02:00 and an unknown headcount 00:30-01:30 on
-- 1 January 2000 (UTC), with 3 people 01:00-03:00 from rows.
SELECT is((SELECT estate.utilisation_final(pg_temp.util_combined(s ORDER BY k))::text
           FROM (VALUES (1, 'v2 capacity=4 span=0,36000000000 core="Mon-Sun 00:00-24:00 UTC" closed={} '
                            'periods={0+7200000000*2,1800000000+3600000000*?}'::estate.utilisation_state),
                        (2, (SELECT pg_temp.util_state(p, 3, 4, 'Mon-Sun 00:00-24:00 UTC', tstzrange('2000-01-01 00:00+00', '2000-01-01 10:00+00'))::text::estate.utilisation_state
                             FROM (VALUES (tstzrange('2000-01-01 01:00+00', '2000-01-01 03:00+00'))) v(p)))) AS v(k, s)),
          -- 10 hours; in use 0-3 (3 h); person-hours 2x2 + 3x2 = 10 over capacity 4
          -- x 3 known hours = 0.8333, rate 10/40 = 0.25; peak 2 + 3 = 5
          '(10,3,0.3,0.8333333333333334,0.25,5)', 'a version-2 state combines with a version-3 one');

-- Rows of one group must agree (22023); bad values (22023).
SELECT throws_ok($$SELECT estate.space_utilisation(p, 1, c, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')
                   FROM (VALUES ('[2024-01-08 09:00,2024-01-08 10:00)'::tstzrange, 10), (NULL, 20)) v(p, c)$$, '22023',
                 'capacity must be the same on every row of a group', 'capacity differing within a group');
SELECT throws_ok($$SELECT estate.space_utilisation(p, 1, 10, c::estate.core_hours, '[2024-01-08,2024-01-09)')
                   FROM (VALUES ('[2024-01-08 09:00,2024-01-08 10:00)'::tstzrange, 'Mon-Fri 08:00-18:00'), (NULL, 'Mon-Fri 08:00-17:00')) v(p, c)$$, '22023',
                 'core must be the same on every row of a group', 'core hours differing within a group');
SELECT throws_ok($$SELECT estate.space_utilisation(p, 1, 10, 'Mon-Fri 08:00-18:00', s)
                   FROM (VALUES ('[2024-01-08 09:00,2024-01-08 10:00)'::tstzrange, '[2024-01-08,2024-01-09)'::tstzrange), (NULL, '[2024-01-08,2024-01-10)')) v(p, s)$$, '22023',
                 'span must be the same on every row of a group', 'span differing within a group');
SELECT throws_ok($$SELECT estate.space_utilisation(p, 1, 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)', c)
                   FROM (VALUES ('[2024-01-08 09:00,2024-01-08 10:00)'::tstzrange, '{2024-01-01}'::date[]), (NULL, '{2024-01-02}')) v(p, c)$$, '22023',
                 'closed must be the same on every row of a group', 'closed dates differing within a group');
SELECT lives_ok($$SELECT estate.space_utilisation(p, 1, 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)', c)
                  FROM (VALUES ('[2024-01-08 09:00,2024-01-08 10:00)'::tstzrange, '{2024-01-02,2024-01-01}'::date[]), (NULL, '{2024-01-01,2024-01-02,2024-01-01}')) v(p, c)$$,
                'the same closed dates in another order and repeated are the same');
SELECT throws_ok($$SELECT estate.utilisation_heatmap('[2024-01-08 09:00,2024-01-08 10:00)', 1, 10, 'Mon-Sun 00:00-24:00', '[2024-01-08,230000-01-01)')$$,
                 '22023', NULL, 'a span over 100 years (a heatmap over 228,000 years asked for gigabytes)');
SELECT throws_ok($$SELECT 'v1 capacity=1 span=0,3155760000000001 core="Mon 08:00-18:00 UTC" closed={} periods={}'::estate.utilisation_state$$,
                 '22P02', NULL, 'a state whose span is over 100 years');
SELECT throws_ok($$SELECT estate.space_utilisation('[2024-01-08 09:00,2024-01-08 10:00)', -1, 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')$$,
                 '22023', 'headcount must not be negative: -1', 'a negative headcount');
SELECT throws_ok($$SELECT estate.space_utilisation('[2024-01-08 09:00,2024-01-08 10:00)', 1, 0, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')$$,
                 '22023', 'capacity must be positive: 0', 'capacity 0');
SELECT throws_ok($$SELECT estate.space_utilisation('[2024-01-08 09:00,2024-01-08 10:00)', 1, -5, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')$$,
                 '22023', 'capacity must be positive: -5', 'a negative capacity');
SELECT throws_ok($$SELECT estate.space_utilisation('[2024-01-08 09:00,2024-01-08 10:00)', 1, NULL, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')$$,
                 '22023', 'capacity must not be NULL', 'a NULL capacity');
SELECT throws_ok($$SELECT estate.space_utilisation('[2024-01-08 09:00,2024-01-08 10:00)', 1, 10, NULL, '[2024-01-08,2024-01-09)')$$,
                 '22023', 'core hours must not be NULL', 'NULL core hours');
SELECT throws_ok($$SELECT estate.space_utilisation('[2024-01-08 09:00,2024-01-08 10:00)', 1, 10, 'Mon-Fri 08:00-18:00', NULL)$$,
                 '22023', 'span must not be NULL', 'a NULL span');
SELECT throws_ok($$SELECT estate.space_utilisation('[2024-01-08 09:00,2024-01-08 10:00)', 1, 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,)')$$,
                 '22023', NULL, 'an unbounded span');
SELECT throws_ok($$SELECT estate.space_utilisation('[2024-01-08 09:00,2024-01-08 10:00)', 1, 10, 'Mon-Fri 08:00-18:00', 'empty')$$,
                 '22023', NULL, 'an empty span');
SELECT throws_ok($$SELECT estate.space_utilisation('[2024-01-08 09:00,2024-01-08 10:00)', 1, 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)', '{NULL}')$$,
                 '22023', 'closed dates must not contain NULL', 'a NULL closed date');
SELECT throws_ok($$SELECT estate.utilisation_transfn(NULL, '[2024-01-08 09:00,2024-01-08 10:00)', 1, 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')$$,
                 '0A000', NULL, 'the transition function outside an aggregate');
SELECT is(pg_temp.u('{"[2024-01-08 09:00,2024-01-08 10:00)"}', '{NULL}', 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09]')::text,
          pg_temp.u('{"[2024-01-08 09:00,2024-01-08 10:00)"}', '{NULL}', 10, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)')::text,
          'an inclusive upper bound measures the same');

-- Room status: first match of unused, over-capacity, under-used, well-used.
SELECT is(estate.room_status(ROW(10, 0, 0, NULL, 0, 0)::estate.utilisation, 0.25), 'unused', 'unused');
SELECT is(estate.room_status(ROW(10, 1, 0.1, 1.5, 0.15, 15)::estate.utilisation, 0.25), 'over-capacity', 'over-capacity comes before under-used');
SELECT is(estate.room_status(ROW(10, 4, 0.4, 0.5, 0.2, 10)::estate.utilisation, 0.25), 'under-used', 'rate 0.2 is under-used at 0.25');
SELECT is(estate.room_status(ROW(10, 5, 0.5, 0.5, 0.25, 10)::estate.utilisation, 0.25), 'well-used', 'rate 0.25 is not below 0.25');
SELECT is(estate.room_status(ROW(10, 4, 0.4, 0.5, 0.2, 10)::estate.utilisation, 0.1), 'well-used', 'a threshold given as argument');
SELECT is(estate.room_status(ROW(10, 2, 0.2, NULL, 0, 0)::estate.utilisation, 0.25), 'under-used', 'in use with unknown headcounts: rate 0');
SELECT is(estate.room_status(ROW(10, 4, 0.4, 0.5, 0.2, 10)::estate.utilisation), 'under-used', 'the STABLE form reads estate.underused_rate');
SET LOCAL estate.underused_rate = 0.15;
SELECT is(estate.room_status(ROW(10, 4, 0.4, 0.5, 0.2, 10)::estate.utilisation), 'well-used', 'and follows it');
SELECT ok(estate.room_status(NULL::estate.utilisation, 0.25) IS NULL, 'NULL utilisation gives NULL');
SELECT throws_ok($$SELECT estate.room_status(ROW(10, 4, 0.4, 0.5, 0.2, 10)::estate.utilisation, 'NaN')$$, '22023',
                 'underused_rate must be between 0 and 1: NaN', 'NaN threshold');
SELECT throws_ok($$SELECT estate.room_status(ROW(10, 4, 0.4, 0.5, 0.2, 10)::estate.utilisation, -0.1)$$, '22023', NULL, 'negative threshold');
SELECT throws_ok($$SELECT estate.room_status(ROW(10, 4, 0.4, 0.5, 0.2, 10)::estate.utilisation, 1.5)$$, '22023', NULL, 'threshold above 1');
SELECT is((SELECT string_agg(room || ' ' || estate.room_status(u, 0.25), ', ' ORDER BY room)
           FROM (SELECT r.room, estate.space_utilisation(b.period, b.headcount, r.capacity, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-09)') u
                 FROM rooms r LEFT JOIN bookings b USING (room) GROUP BY r.room) s),
          'A under-used, B unused', 'statuses straight from the aggregate');

-- Floor-area shares against Carter's targets (35%, 2.5%).
SELECT is(estate.space_profile(1000, 650, 350, 20, 5)::text, '(0.35,0.025,t,t)', 'exactly at both targets meets them');
SELECT is(estate.space_profile(1000, 600, 400, 30, 0)::text, '(0.4,0.03,f,f)', 'above both targets');
SELECT is(estate.space_profile(1000, 600, 400, 30, 0, 0.5, 0.05)::text, '(0.4,0.03,t,t)', 'targets given as arguments');
SELECT is(estate.space_profile(2000.5, 1200.2, 300.05, 0, 0)::text, '(0.2,0,t,t)', 'fractional areas; nothing unoccupied');
SELECT is((estate.space_profile(900, 0, 300, 900, 0)).unoccupied_share, 1::float8, 'everything empty');
SET LOCAL estate.target_non_clinical_share = 0.45;
SELECT is(estate.space_profile(1000, 600, 400, 30, 0)::text, '(0.4,0.03,t,f)', 'the STABLE form reads the targets');
SELECT ok(estate.space_profile(NULL, 600, 400, 30, 0) IS NULL, 'NULL area gives NULL');
SELECT throws_ok($$SELECT estate.space_profile(1000, -1, 400, 30, 0)$$, '22023', 'clinical_area must be a non-negative area in m²: -1', 'negative area');
SELECT throws_ok($$SELECT estate.space_profile('NaN', 600, 400, 30, 0)$$, '22023', NULL, 'NaN area');
SELECT throws_ok($$SELECT estate.space_profile(1000, 600, 'Infinity', 30, 0)$$, '22023', NULL, 'infinite area');
SELECT throws_ok($$SELECT estate.space_profile(1000, 0, 0, 30, 0)$$, '22023', 'clinical_area + non_clinical_area must be positive', 'no occupied area');
SELECT throws_ok($$SELECT estate.space_profile(0, 600, 400, 0, 0)$$, '22023', 'gross_internal_area must be positive', 'no gross internal area');
SELECT throws_ok($$SELECT estate.space_profile(1000, 600, 400, 800, 300)$$, '22023',
                 'empty_area + underused_area (1100 m²) exceeds gross_internal_area (1000 m²)', 'more unoccupied than there is');
SELECT throws_ok($$SELECT estate.space_profile(1000, 600, 400, 30, 0, 1.5, 0.025)$$, '22023', NULL, 'target above 1');
SELECT throws_ok($$SELECT estate.space_profile(1000, 600, 400, 30, 0, 0.35, 'NaN')$$, '22023', NULL, 'NaN target');

SELECT * FROM finish();
ROLLBACK;
