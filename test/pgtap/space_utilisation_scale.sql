-- The state at scale: a million groups under HashAggregate
-- stay flat (one memory context per group would make the executor's memory
-- accounting quadratic: minutes, not seconds), and one group of many
-- periods is an expanded object that survives text I/O and parallel plans.
-- The periods of an aggregate's large groups share one arena per aggregate
-- memory context: results stay the same where the executor resets that
-- context (a spilling hash aggregate, a rescanned subquery, an error) and
-- where more contexts than the process keeps arenas for are live at once.
BEGIN;
SELECT plan(16);

SET LOCAL timezone = 'UTC';

-- 1M rooms of 2 bookings each, all in one hash table (enough work_mem that
-- nothing spills).  The statement timeout turns the quadratic trap into a
-- failure instead of a hung test; the flat path takes seconds.
SET LOCAL enable_sort = off;
SET LOCAL work_mem = '2GB';
SET LOCAL max_parallel_workers_per_gather = 0;
\ir include/plan_of.sql
-- Room g / 2 has bookings at 09:00 + (g % 7) hours, 1 hour each, with
-- 1 + g % 3 people, capacity 2, on Monday 1 January 2024 (core 08:00-18:00).
CREATE TEMP VIEW million AS
SELECT g / 2 AS room,
       tstzrange(timestamptz '2024-01-01 09:00' + (g % 7) * interval '1 hour',
                 timestamptz '2024-01-01 10:00' + (g % 7) * interval '1 hour') AS period,
       1 + g % 3 AS headcount
FROM generate_series(0, 1999999) AS g;
SELECT ok(pg_temp.plan_of($$SELECT room, estate.space_utilisation(period, headcount, 2, 'Mon-Fri 08:00-18:00 UTC', '[2024-01-01,2024-01-02)')
                           FROM million GROUP BY room$$) ~ 'HashAggregate', 'a million groups are aggregated by hash');
SET LOCAL statement_timeout = '120s';
CREATE TEMP TABLE million_result AS
SELECT room, estate.space_utilisation(period, headcount, 2, 'Mon-Fri 08:00-18:00 UTC', '[2024-01-01,2024-01-02)') AS u
FROM million GROUP BY room;
RESET statement_timeout;
SELECT is((SELECT count(*) FROM million_result), 1000000::bigint, 'a million groups, in bounded time');
-- Person-hours: over 2,000,000 bookings of one hour, sum of 1 + g % 3 is
-- 666,667 x 1 + 666,667 x 2 + 666,666 x 3 = 3,999,999; a room's rate is
-- its person-hours / (2 x 10).
SELECT is((SELECT sum(round(((u).rate * 20)::numeric, 9)) FROM million_result), 3999999::numeric,
          'and every group''s person-hours are right');
SELECT is((SELECT count(*) FROM million_result WHERE (u).hours_in_use <> 2), 0::bigint,
          'each room is in use for its two separate hours');
RESET enable_sort;
RESET work_mem;

-- One room with 200,000 sensor intervals of 2 minutes (an expanded state).
CREATE TABLE estate_test_sensor AS
SELECT tstzrange(t, t + interval '2 minutes') AS period, (i * 7) % 5 AS headcount
FROM (SELECT i, timestamptz '2024-01-01' + i * interval '2 minutes' AS t FROM generate_series(0, 199999) i) s;
ANALYZE estate_test_sensor;
CREATE TEMP TABLE sensor_serial AS
SELECT estate.space_utilisation(period, headcount, 8, 'Mon-Fri 07:00-19:00', '[2024-01-01,2024-10-01)')::text AS u,
       estate.utilisation_heatmap(period, headcount, 8, 'Mon-Fri 07:00-19:00', '[2024-01-01,2024-10-01)')::text AS h
FROM estate_test_sensor;
CREATE AGGREGATE pg_temp.util_state(tstzrange, integer, integer, estate.core_hours, tstzrange) (
    SFUNC = estate.utilisation_transfn, STYPE = estate.utilisation_state, COMBINEFUNC = estate.utilisation_combine);
SELECT is((SELECT estate.utilisation_final(pg_temp.util_state(period, headcount, 8, 'Mon-Fri 07:00-19:00', '[2024-01-01,2024-10-01)')::text::estate.utilisation_state)::text
           FROM estate_test_sensor), (SELECT u FROM sensor_serial), 'a large state survives its text form');
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT ok(pg_temp.plan_of($$SELECT estate.space_utilisation(period, headcount, 8, 'Mon-Fri 07:00-19:00', '[2024-01-01,2024-10-01)') FROM estate_test_sensor$$)
          ~ 'Partial Aggregate', 'the sensor query runs in parallel');
SELECT is((SELECT estate.space_utilisation(period, headcount, 8, 'Mon-Fri 07:00-19:00', '[2024-01-01,2024-10-01)')::text
           FROM estate_test_sensor), (SELECT u FROM sensor_serial), '200,000 intervals: parallel equals serial');
SELECT is((SELECT estate.utilisation_heatmap(period, headcount, 8, 'Mon-Fri 07:00-19:00', '[2024-01-01,2024-10-01)')::text
           FROM estate_test_sensor), (SELECT h FROM sensor_serial), 'and so does the heatmap');

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- 300 rooms of 250 bookings each (large groups: expanded, their periods in
-- the arena).  Room r's booking k starts at 08:00 + (k * 7 + r) % 10 hours
-- on day k % 50 of 2024, for 1 to 3 hours, headcount (k + r) % 6.
CREATE TEMP TABLE arena_bookings AS
SELECT r AS room,
       tstzrange(timestamptz '2024-01-01 08:00' + (k % 50) * interval '1 day' + ((k * 7 + r) % 10) * interval '1 hour',
                 timestamptz '2024-01-01 09:00' + (k % 50) * interval '1 day' + ((k * 7 + r) % 10 + k % 3) * interval '1 hour') AS period,
       (k + r) % 6 AS headcount, k
FROM generate_series(1, 300) AS r, generate_series(1, 250) AS k
ORDER BY r, k;
ANALYZE arena_bookings;
-- The reference: sorted groups, one at a time.
SET LOCAL enable_hashagg = off;
CREATE TEMP TABLE arena_sorted AS
SELECT room, estate.space_utilisation(period, headcount, 10, 'Mon-Fri 08:00-18:00 UTC', '[2024-01-01,2024-03-01)')::text AS u
FROM arena_bookings GROUP BY room;
RESET enable_hashagg;
CREATE FUNCTION pg_temp.arena_digest(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE d text;
BEGIN
  EXECUTE 'SELECT md5(string_agg(room || '':'' || u, '','' ORDER BY room)) FROM (' || q || ') s' INTO d;
  RETURN d;
END
$f$;
-- A hash aggregate over 64 kB spills to disk and resets its memory between
-- batches, arena and all.
SET LOCAL enable_sort = off;
SET LOCAL work_mem = '64kB';
CREATE FUNCTION pg_temp.hash_batches(q text) RETURNS integer LANGUAGE plpgsql AS $f$
DECLARE plan json;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON, TIMING OFF, COSTS OFF) ' || q INTO plan;
  RETURN (plan -> 0 -> 'Plan' ->> 'HashAgg Batches')::integer;
END
$f$;
SELECT cmp_ok(pg_temp.hash_batches($$SELECT room, estate.space_utilisation(period, headcount, 10, 'Mon-Fri 08:00-18:00 UTC', '[2024-01-01,2024-03-01)')
                                      FROM arena_bookings GROUP BY room$$), '>', 1, 'a hash aggregate in 64 kB of work_mem spills');
SELECT is(pg_temp.arena_digest($$SELECT room, estate.space_utilisation(period, headcount, 10, 'Mon-Fri 08:00-18:00 UTC', '[2024-01-01,2024-03-01)')::text AS u
                                 FROM arena_bookings GROUP BY room$$),
          (SELECT md5(string_agg(room || ':' || u, ',' ORDER BY room)) FROM arena_sorted),
          'the spilling hash aggregate gives the sorted one''s 300 results');
RESET enable_sort;
RESET work_mem;
-- A correlated subquery: its aggregate is rescanned, and its memory reset,
-- for every room.
SELECT is(pg_temp.arena_digest($$SELECT r.room, (SELECT estate.space_utilisation(period, headcount, 10, 'Mon-Fri 08:00-18:00 UTC', '[2024-01-01,2024-03-01)')::text
                                                  FROM arena_bookings b WHERE b.room = r.room) AS u
                                 FROM generate_series(1, 300) AS r(room)$$),
          (SELECT md5(string_agg(room || ':' || u, ',' ORDER BY room)) FROM arena_sorted),
          'a subquery rescanned for each room gives the same 300 results');
-- An error on the last row of a large group (the table's last row), then the
-- same query without it.
SELECT throws_ok($$SELECT room, estate.space_utilisation(period, headcount, CASE WHEN room = 300 AND k = 250 THEN 11 ELSE 10 END,
                                                         'Mon-Fri 08:00-18:00 UTC', '[2024-01-01,2024-03-01)')
                   FROM arena_bookings GROUP BY room$$,
                 '22023', NULL, 'a capacity that changes on a large group''s last row is an error');
SELECT is(pg_temp.arena_digest($$SELECT room, estate.space_utilisation(period, headcount, 10, 'Mon-Fri 08:00-18:00 UTC', '[2024-01-01,2024-03-01)')::text AS u
                                 FROM arena_bookings GROUP BY room$$),
          (SELECT md5(string_agg(room || ':' || u, ',' ORDER BY room)) FROM arena_sorted),
          'after the error, the 300 results are the same');
-- ROLLUP over 70 constant keys: 71 grouping sets in one sort order, so 71
-- aggregate memory contexts live at once, more than the 64 arenas a process
-- keeps (the rest grow their periods on their own).  Each set has one group,
-- room 7's 250 bookings.
CREATE FUNCTION pg_temp.rollup_results() RETURNS SETOF text LANGUAGE plpgsql AS $f$
DECLARE keys text;
BEGIN
  SELECT string_agg(format('(room + %s)', i), ', ') INTO keys FROM generate_series(1, 70) AS i;
  RETURN QUERY EXECUTE 'SELECT estate.space_utilisation(period, headcount, 10, ''Mon-Fri 08:00-18:00 UTC'', ''[2024-01-01,2024-03-01)'')::text
                        FROM arena_bookings WHERE room = 7 GROUP BY ROLLUP (' || keys || ')';
END
$f$;
SET LOCAL enable_hashagg = off;
CREATE TEMP TABLE arena_rollup AS SELECT u FROM pg_temp.rollup_results() AS u;
RESET enable_hashagg;
SELECT is((SELECT count(*) FROM arena_rollup), 71::bigint, 'ROLLUP over 70 keys: 71 grouping sets');
SELECT is((SELECT count(DISTINCT u) FROM arena_rollup), 1::bigint, 'all 71 give the same result');
SELECT is((SELECT min(u) FROM arena_rollup), (SELECT u FROM arena_sorted WHERE room = 7), 'room 7''s own');

SELECT * FROM finish();
ROLLBACK;
