-- estate.disposal_impact: what a disposal programme releases, as a running
-- window over candidates in score order and as a plain aggregate.
BEGIN;
SELECT plan(66);
\ir include/plan_of.sql
\ir include/binary_copy.sql

-- A hand-checked set: an estate of 10,000 m2 that must keep at least 7,000 m2.
-- In score order, cumulative areas 1,000 / 2,500 / 3,000 / 3,400 / 3,500 m2
-- leave 9,000 / 7,500 / 7,000 / 6,600 / 6,500 m2: the programme stops before
-- D (6,600 < 7,000), and E, small as it is, comes after the stop.
CREATE TEMP TABLE candidate(site text, score float8, area numeric, backlog estate.backlog,
                            running numeric, carbon numeric);
INSERT INTO candidate VALUES
    ('A', 80, 1000, 'high=100', 50000, 10000),
    ('B', 70, 1500, 'moderate=200', 30000, NULL),
    ('C', 60, 500, NULL, 20000, 5000.123),
    ('D', 50, 400, 'low=1', 1, 1),
    ('E', 40, 100, NULL, NULL, NULL);
CREATE TEMP VIEW programme AS
SELECT site, (i).*
FROM (SELECT site, score,
             estate.disposal_impact(area, backlog, running, carbon, 10000, 7000)
                 OVER (ORDER BY score DESC ROWS UNBOUNDED PRECEDING) AS i
      FROM candidate) AS s;

SELECT is((SELECT string_agg(format('%s:%s/%s', site, floor_area_released, retained_floor_area), ' ' ORDER BY site)
           FROM programme),
          'A:1000.000000/9000.000000 B:2500.000000/7500.000000 C:3000.000000/7000.000000 D:3400.000000/6600.000000 E:3500.000000/6500.000000',
          'cumulative floor area released and retained, row by row');
SELECT is((SELECT string_agg(site || ':' || in_programme, ' ' ORDER BY site) FROM programme),
          'A:true B:true C:true D:false E:false',
          'in the programme until the retained area would fall below the minimum; exactly the minimum is in');
SELECT is((SELECT string_agg(site, '' ORDER BY site) FROM programme WHERE in_programme), 'ABC',
          'the programme is the rows before the stop');
SELECT is((SELECT string_agg(site || ':' || sites, ' ' ORDER BY site) FROM programme), 'A:1 B:2 C:3 D:4 E:5', 'site count');
SELECT is((SELECT backlog_avoided::text FROM programme WHERE site = 'C'),
          'high=100.00, significant=0.00, moderate=200.00, low=0.00, unassessed=0.00',
          'backlog avoided by A, B, C: an estate.backlog (C has none recorded)');
SELECT is((SELECT estate.total(backlog_avoided) FROM programme WHERE site = 'C'), 300.00::numeric,
          'its total, for BI');
SELECT is((SELECT string_agg(site || ':' || running_cost_saved, ' ' ORDER BY site) FROM programme),
          'A:50000.00 B:80000.00 C:100000.00 D:100001.00 E:100001.00', 'running cost saved; E''s NULL is skipped');
SELECT is((SELECT string_agg(site || ':' || carbon_saved_kg, ' ' ORDER BY site) FROM programme),
          'A:10000.00 B:10000.00 C:15000.12 D:15001.12 E:15001.12', 'carbon saved, to 0.01 kg; NULLs skipped');

-- The programme's totals: the last in_programme row.
SELECT is((SELECT row(sites, floor_area_released, retained_floor_area, running_cost_saved, carbon_saved_kg)::text
           FROM programme WHERE in_programme ORDER BY sites DESC LIMIT 1),
          '(3,3000.000000,7000.000000,100000.00,15000.12)', 'the programme releases 3,000 m2, £100,000 a year, 15,000.12 kg');

-- As a plain aggregate: all candidates.
SELECT is((SELECT estate.disposal_impact(area, backlog, running, carbon, 10000, 7000)::text FROM candidate),
          '(5,3500.000000,6500.000000,"high=100.00, significant=0.00, moderate=200.00, low=1.00, unassessed=0.00",100001.00,15001.12,f)',
          'plain aggregate over every candidate');
SELECT ok((SELECT estate.disposal_impact(area, backlog, running, carbon, 10000, 7000) FROM candidate WHERE false) IS NULL,
          'no candidates: NULL');
SELECT is((SELECT row((i).backlog_avoided IS NULL, (i).running_cost_saved IS NULL, (i).carbon_saved_kg IS NULL)::text
           FROM (SELECT estate.disposal_impact(area, NULL, NULL, NULL, 10000, 7000) AS i FROM candidate) s),
          '(t,t,t)', 'measures never given are NULL, not 0 (as sum)');
SELECT is((SELECT (estate.disposal_impact(area, NULL, NULL, NULL, 10000, 7000)).floor_area_released FROM candidate),
          3500.00::numeric, 'floor area alone');
SELECT is((SELECT (estate.disposal_impact(0.005, NULL, 0.004, 0.005, 1, 0)).floor_area_released::text),
          '0.005000', 'areas are kept exactly, to the millionth of a square metre');
SELECT is((SELECT (estate.disposal_impact(0.005, NULL, 0.004, 0.005, 1, 0)).running_cost_saved),
          0.00::numeric, 'costs round to the penny');
SELECT is((SELECT (estate.disposal_impact(area, NULL, NULL, NULL, 10000, 20000)).in_programme FROM candidate WHERE site = 'A'),
          false, 'a minimum above the estate''s area: nothing can go');
SELECT is((SELECT (estate.disposal_impact(area, NULL, NULL, NULL, 3500, 0)).retained_floor_area FROM candidate),
          0.00::numeric, 'disposing of the whole estate leaves 0');

-- Areas are kept as given and compared exactly.  Sites of 1,000.005, 1,500
-- and 499.995 m2 in an estate of 10,000 m2 that must keep 7,000 m2:
-- 1000.005 + 1500 + 499.995 = 3000 released, 10000 - 3000 = 7000 retained,
-- exactly the minimum, so the third site is in the programme (rounding each
-- area to 0.01 m2 first, 1000.01 + 1500 + 500.00 = 3000.01, said it was not).
-- A fourth site of 0.000001 m2 leaves 6999.999999 < 7000: out.
SELECT is((SELECT string_agg(format('%s:%s/%s/%s', site, (i).floor_area_released, (i).retained_floor_area, (i).in_programme),
                             ' ' ORDER BY site)
           FROM (SELECT site, estate.disposal_impact(area, NULL, NULL, NULL, 10000, 7000)
                              OVER (ORDER BY site ROWS UNBOUNDED PRECEDING) AS i
                 FROM (VALUES ('1', 1000.005), ('2', 1500), ('3', 499.995), ('4', 0.000001)) AS v(site, area)) s),
          '1:1000.005000/8999.995000/t 2:2500.005000/7499.995000/t 3:3000.000000/7000.000000/t '
          '4:3000.000001/6999.999999/f',
          'sites of 1000.005, 1500 and 499.995 m2 leave exactly 7,000 m2: the third is in the programme');
-- The same, with the areas in the estate and minimum given to the millionth:
-- 10000.000001 - 3000.000001 = 7000 >= 7000.
SELECT is((SELECT (estate.disposal_impact(area, NULL, NULL, NULL, 10000.000001, 7000)).in_programme
           FROM (VALUES (1000.005), (1500), (499.995), (0.000001)) AS v(area)), true,
          'a millionth of a square metre of estate more keeps the fourth site in');

-- One aggregate per estate: PARTITION BY / GROUP BY.
CREATE TEMP TABLE two_estates(ics text, site text, score float8, area numeric, estate_area numeric, minimum numeric);
INSERT INTO two_estates VALUES ('north', 'n1', 90, 600, 1000, 300), ('north', 'n2', 80, 300, 1000, 300),
                               ('south', 's1', 70, 50, 200, 100), ('south', 's2', 60, 60, 200, 100);
SELECT is((SELECT string_agg(format('%s:%s', site, (i).in_programme), ' ' ORDER BY site)
           FROM (SELECT site, estate.disposal_impact(area, NULL, NULL, NULL, estate_area, minimum)
                              OVER (PARTITION BY ics ORDER BY score DESC ROWS UNBOUNDED PRECEDING) AS i
                 FROM two_estates) s),
          'n1:t n2:f s1:t s2:f', 'a running programme per ICS');
SELECT is((SELECT string_agg(format('%s:%s', ics, (i).floor_area_released), ' ' ORDER BY ics)
           FROM (SELECT ics, estate.disposal_impact(area, NULL, NULL, NULL, estate_area, minimum) AS i
                 FROM two_estates GROUP BY ics) s),
          'north:900.000000 south:110.000000', 'GROUP BY estate');

-- Bad input: 22023 naming the argument and quoting the value.
SELECT throws_ok($$SELECT estate.disposal_impact(NULL, NULL, NULL, NULL, 10000, 7000)$$, '22023',
                 'floor_area must not be NULL', 'a candidate without a floor area');
SELECT throws_ok($$SELECT estate.disposal_impact(1, NULL, NULL, NULL, NULL, 7000)$$, '22023',
                 'estate_floor_area must not be NULL', 'no estate floor area');
SELECT throws_ok($$SELECT estate.disposal_impact(1, NULL, NULL, NULL, 10000, NULL)$$, '22023',
                 'minimum_retained_area must not be NULL', 'no minimum');
SELECT throws_ok($$SELECT estate.disposal_impact(-5, NULL, NULL, NULL, 10000, 7000)$$, '22023',
                 'floor_area -5 is negative', 'negative floor area');
SELECT throws_ok($$SELECT estate.disposal_impact(1, NULL, -0.01, NULL, 10000, 7000)$$, '22023',
                 'running_cost -0.01 is negative', 'negative running cost');
SELECT throws_ok($$SELECT estate.disposal_impact(1, NULL, NULL, -2, 10000, 7000)$$, '22023',
                 'carbon_kg -2 is negative', 'negative carbon');
SELECT throws_ok($$SELECT estate.disposal_impact(1, NULL, NULL, 'NaN', 10000, 7000)$$, '22023',
                 'carbon_kg NaN is not a finite number', 'NaN carbon');
SELECT throws_ok($$SELECT estate.disposal_impact(1, NULL, NULL, NULL, 'Infinity', 7000)$$, '22023',
                 'estate_floor_area Infinity is not a finite number', 'infinite estate');
SELECT throws_ok($$SELECT estate.disposal_impact(1, NULL, NULL, NULL, 10000, -1)$$, '22023',
                 'minimum_retained_area -1 is negative', 'negative minimum');
SELECT throws_ok($$SELECT estate.disposal_impact(area, NULL, NULL, NULL, (10000 + score)::numeric, 7000) FROM candidate$$, '22023',
                 'estate_floor_area 10070.000000 differs from 10080.000000 on an earlier row', 'estate floor area changes between rows');
SELECT throws_ok($$SELECT estate.disposal_impact(area, NULL, NULL, NULL, 10000, score::numeric) FROM candidate$$, '22023',
                 'minimum_retained_area 70.000000 differs from 80.000000 on an earlier row', 'minimum changes between rows');
SELECT throws_ok($$SELECT estate.disposal_impact(area, NULL, NULL, NULL, 3000, 0) FROM candidate$$, '22023',
                 'floor area released 3400.000000 exceeds the estate''s floor area 3000.000000', 'more released than the estate has');
SELECT throws_ok($$SELECT estate.disposal_impact(9223372036854.775807, NULL, NULL, NULL, 9223372036854.775807, 0)
                   FROM generate_series(1, 2)$$, '22003', 'disposal impact out of range', 'a floor area sum beyond 64 bits');
SELECT throws_ok($$SELECT estate.disposal_impact(0, NULL, 92233720368547758.07, NULL, 1, 0) FROM generate_series(1, 2)$$,
                 '22003', 'disposal impact out of range', 'a running cost sum beyond 64 bits');
SELECT throws_ok($$SELECT estate.disposal_impact(9223372036854.775808, NULL, NULL, NULL, 1, 0)$$,
                 '22003', 'floor_area 9223372036854.775808 is out of range', 'an area beyond 64 bits of millionths');
SELECT throws_ok($$SELECT estate.disposal_impact(1000.0000001, NULL, NULL, NULL, 10000, 7000)$$,
                 '22023', 'floor_area 1000.0000001 has more than six decimals', 'an area with a seventh decimal');
SELECT throws_ok($$SELECT estate.disposal_impact(1, NULL, NULL, NULL, 1e-7, 0)$$,
                 '22023', 'estate_floor_area 0.0000001 has more than six decimals', 'an estate area of 10^-7 m2');
SELECT throws_ok($$SELECT estate.disposal_impact(1, NULL, NULL, NULL, 10000, 'NaN')$$,
                 '22023', 'minimum_retained_area NaN is not a finite number', 'a NaN minimum');
SELECT is((SELECT (estate.disposal_impact(1000.0050000000, NULL, NULL, NULL, 10000, 7000)).floor_area_released::text),
          '1000.005000', 'zeros beyond the sixth decimal are fine');

-- The state type: text round trip and validation.
SELECT is(('v2 sites=2, floor_area=2500.000001, estate_floor_area=10000.000000, minimum_retained_area=7000.000000, '
           'backlog=(high=100.00, significant=0.00, moderate=200.00, low=0.00, unassessed=0.00), running_cost=80000.00'
           ::estate.disposal_impact_state)::text,
          'v2 sites=2, floor_area=2500.000001, estate_floor_area=10000.000000, minimum_retained_area=7000.000000, '
          'backlog=(high=100.00, significant=0.00, moderate=200.00, low=0.00, unassessed=0.00), running_cost=80000.00',
          'text round trip');
SELECT is(estate.disposal_impact_final('v2 sites=1, floor_area=1.5, estate_floor_area=10, minimum_retained_area=8, carbon_kg=3')::text,
          '(1,1.500000,8.500000,,,3.00,t)', 'the final function of a parsed state');
-- Version 1's text (estate 1.0, areas in hundredths, no "v2") is still read.
SELECT is(('sites=2, floor_area=2500.00, estate_floor_area=10000.00, minimum_retained_area=7000.00, running_cost=80000.00'
           ::estate.disposal_impact_state)::text,
          'v2 sites=2, floor_area=2500.000000, estate_floor_area=10000.000000, minimum_retained_area=7000.000000, running_cost=80000.00',
          'version 1''s text is read, and written as version 2');
SELECT throws_ok($$SELECT 'v2 sites=1, floor_area=0.0000001, estate_floor_area=1, minimum_retained_area=0'::estate.disposal_impact_state$$,
                 '22P02', NULL, 'a seventh decimal in the text form is 22P02');
SELECT throws_ok(format('SELECT %L::estate.disposal_impact_state', s), '22P02',
                 format('invalid input syntax for type estate.disposal_impact_state: "%s"', s), format('%L rejected', s))
FROM unnest(ARRAY['', 'sites=1', 'sites=1, floor_area=2, estate_floor_area=1, minimum_retained_area=0',
                  'sites=1, floor_area=1, estate_floor_area=1, minimum_retained_area=0, colour=1',
                  'sites=-1, floor_area=1, estate_floor_area=1, minimum_retained_area=0']) AS s;
SELECT throws_ok($$SELECT 'v2 sites=1, floor_area=9223372036854.775808, estate_floor_area=1, minimum_retained_area=0'::estate.disposal_impact_state$$,
                 '22003', NULL, 'a quantity beyond 64 bits is 22003');
SELECT throws_ok($$SELECT 'sites=1, floor_area=1, estate_floor_area=922337203685477.59, minimum_retained_area=0'::estate.disposal_impact_state$$,
                 '22003', NULL, 'a version-1 area beyond the range of millionths is 22003');

-- Binary: the COPY round trip, the layout, and validation of crafted payloads.
CREATE TEMP TABLE st(id int, s estate.disposal_impact_state);
INSERT INTO st VALUES (1, 'sites=1, floor_area=1000.00, estate_floor_area=10000.00, minimum_retained_area=7000.00, '
                          'backlog=(high=100.00, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00), '
                          'running_cost=50000.00, carbon_kg=10000.50');
INSERT INTO st VALUES (2, 'sites=0, floor_area=0, estate_floor_area=0, minimum_retained_area=0'), (3, NULL);
CREATE TEMP TABLE st2(id int, s estate.disposal_impact_state);
SELECT pg_temp.copy_binary('st', 'st2');
SELECT is((SELECT count(*) FROM st JOIN st2 USING (id) WHERE st.s::text IS NOT DISTINCT FROM st2.s::text), 3::bigint,
          'binary COPY round-trips, NULL included');
-- Areas in millionths: 0.000001 m2 is 1, 0.01 m2 is 10,000 (0x2710), 0.02 m2 20,000 (0x4e20).
SELECT is(encode(estate.disposal_impact_state_send('v2 sites=1, floor_area=0.01, estate_floor_area=0.02, minimum_retained_area=0.000001, running_cost=0.03'), 'hex'),
          '02' || '0000000000000001' || '0000000000002710' || '0000000000004e20' || '0000000000000001'
          || '0000000000000003' || '0000000000000000' || repeat('0000000000000000', 5) || '00000002',
          'binary form: version 2, sites, areas in millionths, running cost, carbon, backlog buckets, flags');
TRUNCATE st2;
SELECT lives_ok($$SELECT pg_temp.recv('st2', '02' || '0000000000000001' || '0000000000000001' || '0000000000000002'
                                      || repeat('0000000000000000', 8) || '00000000')$$, 'a crafted payload loads');
SELECT is((SELECT s::text FROM st2 WHERE id = 1),
          'v2 sites=1, floor_area=0.000001, estate_floor_area=0.000002, minimum_retained_area=0.000000', 'and reads as sent');
-- Version 1 (estate 1.0): the same layout with areas in hundredths.
TRUNCATE st2;
SELECT lives_ok($$SELECT pg_temp.recv('st2', '01' || '0000000000000001' || '0000000000000001' || '0000000000000002'
                                      || repeat('0000000000000000', 8) || '00000000')$$, 'a version-1 payload loads');
SELECT is((SELECT s::text FROM st2 WHERE id = 1),
          'v2 sites=1, floor_area=0.010000, estate_floor_area=0.020000, minimum_retained_area=0.000000',
          'its areas read as hundredths of m2');
SELECT throws_ok($$SELECT pg_temp.recv('st2', '01' || '0000000000000001' || '0000000000000001' || '000346dc5d638866'
                                       || repeat('0000000000000000', 8) || '00000000')$$, '22P03', NULL,
                 'a version-1 payload with an area beyond the range of millionths is 22P03');
SELECT throws_ok($$SELECT pg_temp.recv('st2', '03' || repeat('0000000000000000', 11) || '00000000')$$, '22P03',
                 'invalid binary input for type estate.disposal_impact_state: version 3, expected 1 to 2', 'an unknown version');
SELECT throws_ok($$SELECT pg_temp.recv('st2', '01' || repeat('0000000000000000', 11))$$, '22P03',
                 'invalid binary input for type estate.disposal_impact_state: 89 bytes, expected 93', 'too short');
SELECT throws_ok($$SELECT pg_temp.recv('st2', '01' || 'ffffffffffffffff' || repeat('0000000000000000', 10) || '00000000')$$, '22P03',
                 'invalid binary input for type estate.disposal_impact_state', 'negative sites');
SELECT throws_ok($$SELECT pg_temp.recv('st2', '01' || '0000000000000001' || '0000000000000005' || '0000000000000002'
                                       || repeat('0000000000000000', 8) || '00000000')$$, '22P03',
                 'invalid binary input for type estate.disposal_impact_state', 'released beyond the estate');
SELECT throws_ok($$SELECT pg_temp.recv('st2', '01' || repeat('0000000000000000', 11) || '00000010')$$, '22P03',
                 'invalid binary input for type estate.disposal_impact_state', 'an unknown flag');

-- Combine: parallel plans, and the same answer with and without workers.
-- A regular table: parallel workers cannot read temporary ones.
CREATE TABLE disposal_impact_many AS
SELECT g AS id, (g % 97)::numeric AS area, estate.backlog('high', g % 13) AS backlog, (g % 1000)::numeric / 7 AS running,
       (g % 31)::numeric AS carbon
FROM generate_series(1, 100000) AS g;
ANALYZE disposal_impact_many;
CREATE TEMP TABLE serial_result AS
SELECT estate.disposal_impact(area, backlog, running, carbon, 100000000, 0)::text AS r FROM disposal_impact_many;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT ok(pg_temp.plan_of('SELECT estate.disposal_impact(area, backlog, running, carbon, 100000000, 0) FROM disposal_impact_many')
          ~ 'Partial Aggregate', 'a Partial Aggregate plan when parallelism is forced');
SELECT is((SELECT estate.disposal_impact(area, backlog, running, carbon, 100000000, 0)::text FROM disposal_impact_many),
          (SELECT r FROM serial_result), 'parallel result equals the serial one');
SELECT is(estate.disposal_impact_combine('sites=1, floor_area=1, estate_floor_area=10, minimum_retained_area=0',
                                         'v2 sites=2, floor_area=3, estate_floor_area=10, minimum_retained_area=0, carbon_kg=1')::text,
          'v2 sites=3, floor_area=4.000000, estate_floor_area=10.000000, minimum_retained_area=0.000000, carbon_kg=1.00',
          'combine adds two partial states, version 1''s text and version 2''s');

SELECT * FROM finish();
ROLLBACK;
