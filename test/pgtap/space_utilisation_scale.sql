-- The state at scale: a million groups under HashAggregate
-- stay flat (one memory context per group would make the executor's memory
-- accounting quadratic: minutes, not seconds), and one group of many
-- periods is an expanded object that survives text I/O and parallel plans.
BEGIN;
SELECT plan(8);

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

SELECT * FROM finish();
ROLLBACK;
