-- estate.renewal_forecast: hand-computed schedules, inflation,
-- NULLs, bad parameters, the state type's I/O, and parallel plans.
BEGIN;
SELECT plan(59);

\ir include/plan_of.sql
\ir include/binary_copy.sql

-- ---- hand-computed schedules (from 2025) -----------------------------------
SELECT is(estate.renewal_forecast(2010, 30, 1000, 2025, 10), '{0,0,0,0,0,0,0,0,0,0}'::numeric[],
          'not yet due: due 2040, after the horizon (zeros, not NULL)');
SELECT is(estate.renewal_forecast(2010, 20, 1000, 2025, 10), '{0,0,0,0,0,1000,0,0,0,0}'::numeric[],
          'due within the horizon: installed 2010, life 20, due 2030 (year 6)');
SELECT is(estate.renewal_forecast(2000, 25, 1000, 2025, 10), '{1000,0,0,0,0,0,0,0,0,0}'::numeric[],
          'due exactly in from_year');
SELECT is(estate.renewal_forecast(1990, 20, 1000, 2025, 10), '{1000,0,0,0,0,0,0,0,0,0}'::numeric[],
          'overdue: installed 1990, life 20 falls due in 2025');
SELECT is(estate.renewal_forecast(1990, 20, 1000, 2025, 21),
          ('{1000' || repeat(',0', 19) || ',1000}')::numeric[], 'and again 20 years later, in 2045');
SELECT is(estate.renewal_forecast(2020, 3, 10, 2025, 10), '{10,0,0,10,0,0,10,0,0,10}'::numeric[],
          'several renewals within the horizon: overdue in 2023, so 2025, 2028, 2031, 2034');
SELECT is(estate.renewal_forecast(2024, 1, 5, 2025, 3), '{5,5,5}'::numeric[], 'a life of 1 year: every year');
SELECT is(estate.renewal_forecast(2035, 10, 1, 2025, 10), '{0,0,0,0,0,0,0,0,0,0}'::numeric[],
          'installed after from_year: first due 2045');
SELECT is(array_length(estate.renewal_forecast(2000, 10, 1, 2025, 100), 1), 100, 'horizon 100');
SELECT is(estate.renewal_forecast(2020, 3, 100, 2025, 10, 0.1),
          '{100.00,0,0,133.10,0,0,177.16,0,0,235.79}'::numeric[],
          'inflation compounds from from_year: 100 x 1.1^3, ^6 (177.1561), ^9 (235.7947691)');
SELECT is(estate.renewal_forecast(2024, 1, 1, 2025, 3, 0.005), '{1.00,1.01,1.01}'::numeric[],
          'each element-year rounds half away from zero: 1.005 -> 1.01, 1.010025 -> 1.01');
SELECT is(estate.renewal_forecast(2024, 1, 100, 2025, 3, -0.5), '{100.00,50.00,25.00}'::numeric[],
          'a negative inflation (deflation) above -1');
SELECT is((SELECT estate.renewal_forecast(i, l, c, 2025, 5)
           FROM (VALUES (2020, 5, 0.005), (2020, 5, 0.005), (2010, 3, 7.5), (2022, 8, 1)) t(i, l, c)),
          '{7.52,0,0,7.50,0}'::numeric[],
          'a group: rounded per element (0.005 + 0.005 = 0.02), overdue 2013 -> 2025, 2028; 2030 beyond');
SELECT is((SELECT estate.renewal_forecast(i, l, c, 2025, 4, 0.03) FROM (VALUES (2025, 1, 100), (2023, 2, 200)) t(i, l, c)),
          (SELECT estate.renewal_forecast(i, l, c, 2025, 4, 0.030) FROM (VALUES (2025, 1, 100), (2023, 2, 200)) t(i, l, c)),
          '0.03 and 0.030 are the same inflation');
SELECT is((SELECT estate.renewal_forecast(2020, 3, 10, 2025, 10, 0)), estate.renewal_forecast(2020, 3, 10, 2025, 10),
          'inflation 0 equals the 5-argument form');

SELECT is((SELECT array_agg(f ORDER BY g)::text FROM (
             SELECT g, estate.renewal_forecast(2024, 1, 100, 2025, 3, i) AS f
             FROM (SELECT n % 2 AS g, CASE n % 2 WHEN 0 THEN 0.1 ELSE 0.2 END AS i
                   FROM generate_series(1, 6) n) t GROUP BY g) s),
          '{{300.00,330.00,363.00},{300.00,360.00,432.00}}', 'groups with their own inflation, rows interleaved');

-- A chart-ready (year, cost) table.
SELECT is((SELECT string_agg((2025 + k - 1) || ':' || cost, ' ' ORDER BY k)
           FROM (SELECT estate.renewal_forecast(2020, 3, 10, 2025, 4) AS f) s,
                unnest(s.f) WITH ORDINALITY AS u(cost, k)),
          '2025:10.00 2026:0.00 2027:0.00 2028:10.00', 'unnest WITH ORDINALITY gives (year, cost)');

-- ---- NULLs and empty input ---------------------------------------------------
SELECT is((SELECT estate.renewal_forecast(i, l, c, 2025, 3)
           FROM (VALUES (NULL, 5, 1.0), (2024, NULL, 1.0), (2024, 1, NULL), (2024, 1, 2.0)) t(i, l, c)),
          '{2.00,2.00,2.00}'::numeric[], 'rows with a NULL installed year, life or cost are skipped');
SELECT ok((SELECT estate.renewal_forecast(i, l, c, 2025, 3)
           FROM (VALUES (NULL::int, 5, 1.0), (2024, NULL, 1.0)) t(i, l, c)) IS NULL, 'only skipped rows: NULL');
SELECT ok((SELECT estate.renewal_forecast(2024, 1, 1, 2025, 3) FROM generate_series(1, 3) WHERE false) IS NULL, 'no rows: NULL');

-- ---- bad parameters: 22023 ---------------------------------------------------
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, 1, 2025, 0)$$, '22023', 'horizon 0 is out of range', 'horizon 0');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, 1, 2025, 101)$$, '22023', 'horizon 101 is out of range', 'horizon 101');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 0, 1, 2025, 10)$$, '22023', 'life_years 0 is out of range', 'life 0');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, -5, 1, 2025, 10)$$, '22023', 'life_years -5 is out of range', 'negative life');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, 1, 2025, 10, -1)$$, '22023', 'inflation -1 is out of range', 'inflation -1');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, 1, 2025, 10, 'NaN')$$, '22023', 'inflation NaN is not a finite number', 'inflation NaN');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, 1, 2025, 10, 'Infinity')$$, '22023', NULL, 'inflation Infinity');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, -1, 2025, 10)$$, '22023', 'replacement_cost -1 is negative', 'negative cost');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, 'NaN', 2025, 10)$$, '22023', 'replacement_cost NaN is not a finite number', 'NaN cost');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, 1, NULL, 10)$$, '22023', 'from_year, horizon and inflation must not be NULL', 'NULL from_year');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, 1, 2025, 10, NULL)$$, '22023', 'from_year, horizon and inflation must not be NULL', 'NULL inflation');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, 1, f, 10) FROM (VALUES (2025), (2026)) t(f)$$, '22023',
                 'from_year differs between rows of a group: 2025 and 2026', 'from_year differing between rows');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, 1, 2025, h) FROM (VALUES (10), (5)) t(h)$$, '22023',
                 'horizon differs between rows of a group: 10 and 5', 'horizon differing between rows');
SELECT throws_ok($$SELECT estate.renewal_forecast(2000, 10, 1, 2025, 10, i) FROM (VALUES (0.03), (0.04)) t(i)$$, '22023',
                 'inflation differs between rows of a group: 0.03 and 0.04', 'inflation differing between rows');
SELECT throws_ok($$SELECT estate.renewal_forecast(i, 10, 1, f, 10) FROM (VALUES (NULL::int, 2025), (NULL, 2026)) t(i, f)$$, '22023',
                 'from_year differs between rows of a group: 2025 and 2026', 'checked on skipped rows too');
SELECT throws_ok($$SELECT estate.renewal_forecast(2024, 1, 92233720368547758.07, 2025, 1) FROM generate_series(1, 2)$$,
                 '22003', 'the renewal cost due in 2025 is out of range', 'a year beyond int64 pence');
SELECT throws_ok($$SELECT estate.renewal_forecast(2024, 1, 92233720368547758.07, 2025, 2, 0.5)$$,
                 '22003', NULL, 'an inflated cost beyond int64 pence');

-- ---- against an exact plain-SQL formulation on random elements -------------------
CREATE TABLE estate_renewal_elements AS
  SELECT i AS id, 1950 + (i * 37) % 80 AS installed_year, 1 + (i * 13) % 60 AS life_years,
         round(((i * 7919) % 1000003) / 3.0, 3) AS replacement_cost
  FROM generate_series(1, 50000) i;
ANALYZE estate_renewal_elements;
-- Exact factors (1.03^k) by repeated multiplication, then rounded per element-year.
CREATE TEMP TABLE reference AS
  WITH RECURSIVE f(k, factor) AS (SELECT 0, 1::numeric UNION ALL SELECT k + 1, factor * 1.03 FROM f WHERE k < 14),
  due AS (
    SELECT k, round(e.replacement_cost * f.factor, 2) AS cost
    FROM estate_renewal_elements e
    CROSS JOIN LATERAL generate_series(greatest(e.installed_year + e.life_years - 2025, 0), 14, e.life_years) AS k
    JOIN f USING (k))
  SELECT array_agg(coalesce(s.cost, 0) ORDER BY y) AS forecast
  FROM generate_series(0, 14) y LEFT JOIN (SELECT k, sum(cost) AS cost FROM due GROUP BY k) s ON s.k = y;
SELECT is((SELECT estate.renewal_forecast(installed_year, life_years, replacement_cost, 2025, 15, 0.03) FROM estate_renewal_elements),
          (SELECT forecast FROM reference), '50,000 elements, 15 years, 3% inflation: equal to exact plain SQL');
-- Costs of whole pence are inflated in integers while the factor has 64-bit
-- numerator and power-of-ten divisor (1.03^k up to k = 9: 103^9 / 10^18),
-- through numeric digits after; both agree with exact SQL.
SELECT is((SELECT estate.renewal_forecast(installed_year, life_years, round(replacement_cost, 2), 2025, 15, 0.03) FROM estate_renewal_elements),
          (WITH RECURSIVE f(k, factor) AS (SELECT 0, 1::numeric UNION ALL SELECT k + 1, factor * 1.03 FROM f WHERE k < 14),
           due AS (
             SELECT k, round(round(e.replacement_cost, 2) * f.factor, 2) AS cost
             FROM estate_renewal_elements e
             CROSS JOIN LATERAL generate_series(greatest(e.installed_year + e.life_years - 2025, 0), 14, e.life_years) AS k
             JOIN f USING (k))
           SELECT array_agg(coalesce(s.cost, 0) ORDER BY y)
           FROM generate_series(0, 14) y LEFT JOIN (SELECT k, sum(cost) AS cost FROM due GROUP BY k) s ON s.k = y),
          'whole pence, 15 years, 3% inflation: equal to exact plain SQL in both ways of multiplying');

CREATE TEMP TABLE serial_groups AS
  SELECT id % 7 AS g, estate.renewal_forecast(installed_year, life_years, replacement_cost, 2025, 10) AS f
  FROM estate_renewal_elements GROUP BY id % 7;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
SELECT ok(pg_temp.plan_of('SELECT estate.renewal_forecast(installed_year, life_years, replacement_cost, 2025, 15, 0.03) FROM estate_renewal_elements')
          ~ 'Partial Aggregate', 'the forced plan is a Partial Aggregate');
SELECT is((SELECT estate.renewal_forecast(installed_year, life_years, replacement_cost, 2025, 15, 0.03) FROM estate_renewal_elements),
          (SELECT forecast FROM reference), 'parallel = serial = plain SQL');
SELECT is((SELECT count(*) FROM (
             SELECT id % 7 AS g, estate.renewal_forecast(installed_year, life_years, replacement_cost, 2025, 10) AS f
             FROM estate_renewal_elements GROUP BY id % 7) p
           JOIN serial_groups s USING (g) WHERE p.f = s.f), 7::bigint, 'grouped: parallel = serial');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- ---- the state type: text and binary I/O, combine ---------------------------------
SELECT is('from_year=2025, horizon=3, inflation=0.025, elements=2, due={120.00,0.00,35.10}'::estate.renewal_forecast_state::text,
          'from_year=2025, horizon=3, inflation=0.025, elements=2, due={120.00,0.00,35.10}', 'state text round trip');
SELECT is(estate.renewal_forecast_final(' from_year = 2025 ,horizon=2, inflation=0, elements=1, due={ 1.5 , 2 }'),
          '{1.50,2.00}'::numeric[], 'a state read from text finalises');
SELECT ok(estate.renewal_forecast_final('from_year=2025, horizon=2, inflation=0, elements=0, due={0,0}') IS NULL,
          'a state of no elements finalises to NULL');
SELECT is(estate.renewal_forecast_combine('from_year=2025, horizon=2, inflation=0.03, elements=1, due={1.00,2.00}',
                                          'from_year=2025, horizon=2, inflation=0.030, elements=2, due={0.50,0.01}')::text,
          'from_year=2025, horizon=2, inflation=0.03, elements=3, due={1.50,2.01}', 'combine adds states with the same parameters');
SELECT throws_ok($$SELECT estate.renewal_forecast_combine('from_year=2025, horizon=1, inflation=0, elements=1, due={1}',
                                                         'from_year=2026, horizon=1, inflation=0, elements=1, due={1}')$$,
                 '22023', 'from_year differs between rows of a group: 2025 and 2026', 'combine refuses different parameters');
SELECT throws_ok(format('SELECT %L::estate.renewal_forecast_state', s), code, NULL, format('state text %L is rejected', s))
FROM (VALUES ('', '22P02'), ('from_year=2025, horizon=2, inflation=0, elements=0, due={0}', '22P02'),
             ('from_year=2025, horizon=1, inflation=x, elements=0, due={0}', '22P02'),
             ('from_year=2025, horizon=1, inflation=0, elements=0, due={-1}', '22P02'),
             ('from_year=2025, horizon=0, inflation=0, elements=0, due={}', '22003'),
             ('from_year=2025, horizon=1, inflation=-1, elements=0, due={0}', '22003')) AS t(s, code);

CREATE TEMP TABLE states(id int, s estate.renewal_forecast_state);
INSERT INTO states VALUES (1, 'from_year=2025, horizon=3, inflation=0.025, elements=2, due={120.00,0.00,35.10}'),
  (2, 'from_year=-7, horizon=1, inflation=-0.999, elements=9223372036854775807, due={92233720368547758.07}'), (3, NULL);
CREATE TEMP TABLE states2(id int, s estate.renewal_forecast_state);
SELECT pg_temp.copy_binary('states', 'states2');
SELECT is((SELECT count(*) FROM states JOIN states2 USING (id) WHERE states.s::text IS NOT DISTINCT FROM states2.s::text),
          3::bigint, 'binary COPY round-trips states');
-- Version 1, from 2025, horizon 1, 1 element, inflation 0 (numeric_send of 0: 8 bytes), then the amount.
SELECT lives_ok($$SELECT pg_temp.recv('states2', '01' || '000007e9' || '00000001' || '0000000000000001' || '00000008' || '0000000000000000' || '0000000000000064')$$,
                'a crafted state loads');
SELECT throws_ok($$SELECT pg_temp.recv('states2', '02' || '000007e9' || '00000001' || '0000000000000001' || '00000008' || '0000000000000000' || '0000000000000064')$$,
                 '22P03', 'invalid binary input for type estate.renewal_forecast_state', 'an unknown version');
SELECT throws_ok($$SELECT pg_temp.recv('states2', '01' || '000007e9' || '00000065' || '0000000000000001' || '00000008' || '0000000000000000' || '0000000000000064')$$,
                 '22P03', NULL, 'horizon 101');
SELECT throws_ok($$SELECT pg_temp.recv('states2', '01' || '000007e9' || '00000001' || '0000000000000001' || '00000008' || '0000000000000000' || 'ffffffffffffffff')$$,
                 '22P03', NULL, 'a negative amount due');
SELECT throws_ok($$SELECT pg_temp.recv('states2', '01' || '000007e9' || '00000001' || '0000000000000001' || '00000008' || '0000000000000000' || '0000000000000064' || '00')$$,
                 '22P03', NULL, 'a trailing byte');

SELECT * FROM finish();
ROLLBACK;
