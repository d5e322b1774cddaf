-- estate.backlog: text and binary I/O, constructors, accessors, operators,
-- casts, and the aggregates backlog_agg and sum, with the fast
-- numeric decode checked against numeric_mul -> numeric_int8.
BEGIN;
SELECT plan(140);

\ir include/plan_of.sql
\ir include/binary_copy.sql

-- ---- text I/O -------------------------------------------------------------
SELECT is(s::estate.backlog::text, canonical, format('%L reads as %s', s, canonical))
FROM (VALUES
  ('high=1200.50, significant=0.00, moderate=300.00, low=0.00, unassessed=0.00',
   'high=1200.50, significant=0.00, moderate=300.00, low=0.00, unassessed=0.00'),
  ('moderate=300, high=1200.5', 'high=1200.50, significant=0.00, moderate=300.00, low=0.00, unassessed=0.00'),
  (E' LOW = 7 ,\tUnassessed=0.1 ', 'high=0.00, significant=0.00, moderate=0.00, low=7.00, unassessed=0.10'),
  ('high=0.004', 'high=0.00, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00'),
  ('high=0.005', 'high=0.01, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00'),
  ('significant=2.675', 'high=0.00, significant=2.68, moderate=0.00, low=0.00, unassessed=0.00'),
  ('low=00012.3456789', 'high=0.00, significant=0.00, moderate=0.00, low=12.35, unassessed=0.00'),
  ('unassessed=92233720368547758.07',
   'high=0.00, significant=0.00, moderate=0.00, low=0.00, unassessed=92233720368547758.07')
) AS t(s, canonical);

SELECT throws_ok(format('SELECT %L::estate.backlog', s), '22P02',
                 format('invalid input syntax for type estate.backlog: "%s"', s),
                 format('%L is malformed', s))
FROM unnest(ARRAY['', '   ', 'high', 'high=', 'high=1,', 'high=1 low=2', 'high=1, high=2', 'High=1, HIGH=1',
                  'medium=1', 'high=-1', 'high=1e3', 'high=1.', 'high=.5', 'high=NaN', 'high=Infinity',
                  'high=1,000', 'high:1', 'total=5']) AS s;
SELECT throws_ok($$SELECT 'low=92233720368547758.08'::estate.backlog$$, '22003',
                 'value out of range for type estate.backlog: "low=92233720368547758.08"',
                 'a bucket beyond int64 pence is 22003');
SELECT throws_ok($$SELECT 'low=92233720368547758.075'::estate.backlog$$, '22003', NULL,
                 'rounding past int64 pence is 22003');

-- ---- binary I/O: a COPY round trip, and validation --------------------------
CREATE TEMP TABLE bl(id int, v estate.backlog);
INSERT INTO bl VALUES (1, 'high=1200.50, moderate=300'), (2, 'unassessed=0.01'), (3, NULL),
  (4, 'high=92233720368547758.07, significant=92233720368547758.07, moderate=92233720368547758.07, low=92233720368547758.07, unassessed=92233720368547758.07'),
  (5, 'low=0');
CREATE TEMP TABLE bl2(id int, v estate.backlog);
SELECT pg_temp.copy_binary('bl', 'bl2');
SELECT is((SELECT count(*) FROM bl JOIN bl2 USING (id) WHERE bl.v::text IS NOT DISTINCT FROM bl2.v::text),
          5::bigint, 'binary COPY round-trips every backlog, NULL included');
SELECT is(encode(estate.backlog_send('high=1, unassessed=0.02'), 'hex'),
          '01' || '0000000000000064' || repeat('0000000000000000', 3) || '0000000000000002',
          'binary form: version 1, then high, significant, moderate, low, unassessed as int64 pence');

-- A bytea field has the wire form of its bytes: write crafted payloads, read them back as backlogs.
TRUNCATE bl2;
SELECT lives_ok($$SELECT pg_temp.recv('bl2', '01' || repeat('0000000000000001', 5))$$, 'a valid crafted payload loads');
SELECT is((SELECT v::text FROM bl2), 'high=0.01, significant=0.01, moderate=0.01, low=0.01, unassessed=0.01',
          'and reads as sent');
SELECT throws_ok($$SELECT pg_temp.recv('bl2', repeat('0000000000000001', 5))$$, '22P03',
                 'invalid binary input for type estate.backlog: 40 bytes, expected 41', 'a payload without version');
SELECT throws_ok($$SELECT pg_temp.recv('bl2', '01' || repeat('0000000000000001', 5) || '00')$$, '22P03',
                 'invalid binary input for type estate.backlog: 42 bytes, expected 41', 'a payload too long');
SELECT throws_ok($$SELECT pg_temp.recv('bl2', '02' || repeat('0000000000000001', 5))$$, '22P03',
                 'invalid binary input for type estate.backlog: version 2, expected 1', 'an unknown version');
SELECT throws_ok($$SELECT pg_temp.recv('bl2', '01' || repeat('0000000000000001', 3) || 'ffffffffffffffff' || '0000000000000001')$$,
                 '22P03', 'invalid binary input for type estate.backlog: bucket "low" is negative (-1 pence)',
                 'a negative bucket');
SELECT throws_ok($$SELECT pg_temp.recv('bl2', '')$$, '22P03', NULL, 'an empty payload');
SELECT is((SELECT count(*) FROM bl2), 1::bigint, 'failed binary loads stored nothing');

-- ---- constructors ------------------------------------------------------------
SELECT is(estate.backlog(1200.5, NULL, 300, NULL)::text,
          'high=1200.50, significant=0.00, moderate=300.00, low=0.00, unassessed=0.00', 'backlog(h, s, m, l) with NULL parts');
SELECT ok(estate.backlog(NULL::numeric, NULL, NULL, NULL) IS NULL, 'backlog(NULL, NULL, NULL, NULL) is NULL, not zero');
SELECT is(estate.backlog(0, 0, 0, 0)::text,
          'high=0.00, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00', 'zero is a backlog of 0');
SELECT is(estate.backlog('significant', 12.345)::text,
          'high=0.00, significant=12.35, moderate=0.00, low=0.00, unassessed=0.00', 'backlog(band, cost), rounded');
SELECT is(estate.backlog(NULL::estate.risk_band, 5)::text,
          'high=0.00, significant=0.00, moderate=0.00, low=0.00, unassessed=5.00', 'NULL band is unassessed');
SELECT ok(estate.backlog('high'::estate.risk_band, NULL) IS NULL, 'NULL cost gives NULL');
SELECT throws_ok($$SELECT estate.backlog('high', -0.01)$$, '22023', 'cost -0.01 is negative', 'negative cost');
SELECT throws_ok($$SELECT estate.backlog('high', -0.001)$$, '22023', 'cost -0.001 is negative',
                 'a negative cost that rounds to zero is still negative');
SELECT throws_ok($$SELECT estate.backlog('high', 'NaN')$$, '22023', 'cost NaN is not a finite number', 'NaN cost');
SELECT throws_ok($$SELECT estate.backlog('high', 'Infinity')$$, '22023', 'cost Infinity is not a finite number', 'Infinity cost');
SELECT throws_ok($$SELECT estate.backlog('high', '-Infinity')$$, '22023', 'cost -Infinity is not a finite number', '-Infinity cost');
SELECT throws_ok($$SELECT estate.backlog(1, 2, -3, 4)$$, '22023', 'moderate -3 is negative', 'a negative band names the band');
SELECT throws_ok($$SELECT estate.backlog(NULL, 'NaN', NULL, NULL)$$, '22023', 'significant NaN is not a finite number', 'NaN band');
SELECT throws_ok($$SELECT estate.backlog('low', 92233720368547758.08)$$, '22003',
                 'cost 92233720368547758.08 is out of range', 'cost beyond int64 pence');
SELECT throws_ok($$SELECT estate.backlog('low', 1e30)$$, '22003', NULL, 'cost 1e30');

-- ---- accessors ---------------------------------------------------------------
SELECT is(estate.cost('high=1, significant=2, moderate=3, low=4, unassessed=5', b), c, format('cost(.., %s)', b))
FROM (VALUES ('high'::estate.risk_band, 1.00), ('significant', 2.00), ('moderate', 3.00), ('low', 4.00)) AS t(b, c);
SELECT is(estate.unassessed('high=1, unassessed=5.5'), 5.50, 'unassessed');
SELECT is(estate.total('high=1, significant=2, moderate=3, low=4, unassessed=5.05'), 15.05, 'total');
SELECT is(estate.critical_infrastructure_risk('high=1, significant=2, moderate=3, low=4, unassessed=5'), 3.00,
          'critical infrastructure risk is high + significant');
SELECT is(estate.total('high=92233720368547758.07, significant=92233720368547758.07, moderate=92233720368547758.07, low=92233720368547758.07, unassessed=92233720368547758.07'),
          5 * 92233720368547758.07, 'total of five full buckets is exact, beyond int64');
SELECT is(estate.critical_infrastructure_risk('high=92233720368547758.07, significant=92233720368547758.07'),
          2 * 92233720368547758.07, 'critical infrastructure risk of two full buckets is exact');
SELECT is(scale(estate.total('low=0')), 2, 'amounts come back with two decimals');
SELECT is((SELECT array_agg(band || '=' || cost ORDER BY ord)::text
           FROM estate.backlog_rows('high=1, moderate=4.5, unassessed=0.01') WITH ORDINALITY AS r(band, cost, ord)),
          '{high=1.00,significant=0.00,moderate=4.50,low=0.00,unassessed=0.01}', 'backlog_rows: one row per bucket, worst first');
SELECT is((SELECT count(*) FROM estate.backlog_rows(NULL)), 0::bigint, 'backlog_rows(NULL) has no rows');

-- ---- operators -------------------------------------------------------------
SET LOCAL search_path = public, estate;
SELECT is(('high=1, low=2'::estate.backlog + 'high=0.5, unassessed=3')::text,
          'high=1.50, significant=0.00, moderate=0.00, low=2.00, unassessed=3.00', '+ adds bucket by bucket');
SELECT throws_ok($$SELECT 'high=92233720368547758.07'::estate.backlog + 'high=0.01'$$, '22003',
                 'backlog bucket "high" is out of range', '+ beyond int64 pence');
SELECT is(('high=0.01, significant=0.03, moderate=0.05, low=1.00, unassessed=10'::estate.backlog * 0.5)::text,
          'high=0.01, significant=0.02, moderate=0.03, low=0.50, unassessed=5.00',
          '* numeric rounds half away from zero to the penny');
SELECT is((1.03::numeric * 'high=100, low=0.01'::estate.backlog)::text,
          'high=103.00, significant=0.00, moderate=0.00, low=0.01, unassessed=0.00', 'numeric * backlog');
SELECT is(('high=33.33'::estate.backlog * 0)::text,
          'high=0.00, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00', '* 0');
SELECT is(('low=1.00'::estate.backlog * 1.02 ^ 3)::text,
          'high=0.00, significant=0.00, moderate=0.00, low=1.06, unassessed=0.00', '* a compounded factor');
SELECT throws_ok($$SELECT 'high=1'::estate.backlog * -0.5$$, '22023', 'factor -0.5 is negative', 'negative factor');
SELECT throws_ok($$SELECT 'high=1'::estate.backlog * 'NaN'::numeric$$, '22023', 'factor NaN is not a finite number', 'NaN factor');
SELECT throws_ok($$SELECT 'high=1'::estate.backlog * 'Infinity'::numeric$$, '22023', NULL, 'Infinity factor');
SELECT throws_ok($$SELECT 'high=1'::estate.backlog * 1e18$$, '22003', 'backlog bucket "high" is out of range', 'factor too large');

-- Order: by total, then high, significant, moderate, low, unassessed.
CREATE TEMP TABLE ordered(rank int, v estate.backlog);
INSERT INTO ordered VALUES (1, 'low=0'), (2, 'unassessed=0.01'), (3, 'low=0.01'), (4, 'moderate=0.01'),
  (5, 'significant=0.01'), (6, 'high=0.01'), (7, 'low=0.02'), (8, 'high=0.01, low=0.01'), (9, 'high=0.02'),
  (10, 'high=92233720368547758.07, significant=92233720368547758.07'),
  (11, 'high=92233720368547758.07, significant=92233720368547758.07, unassessed=0.01');
SELECT is((SELECT array_agg(rank ORDER BY v) FROM ordered), '{1,2,3,4,5,6,7,8,9,10,11}'::int[],
          'ORDER BY backlog: by total, then by band worst first, beyond int64 totals');
SELECT is((SELECT count(*) FROM ordered a JOIN ordered b ON a.v < b.v), 55::bigint, '< agrees with the order');
SELECT is((SELECT count(*) FROM ordered a JOIN ordered b ON a.v <= b.v), 66::bigint, '<= agrees');
SELECT is((SELECT count(*) FROM ordered a JOIN ordered b ON a.v > b.v), 55::bigint, '> agrees');
SELECT is((SELECT count(*) FROM ordered a JOIN ordered b ON a.v >= b.v), 66::bigint, '>= agrees');
SELECT is((SELECT count(*) FROM ordered a JOIN ordered b ON a.v <> b.v), 110::bigint, '<> agrees');
SELECT ok('high=1, low=2'::estate.backlog = 'low=2, high=1', '= compares buckets, not spellings');
SELECT ok(NOT ('high=1'::estate.backlog = 'low=1'), 'equal totals in different bands are not equal');

-- DISTINCT, GROUP BY and UNION by hash and by sort; indexes; hash partitioning.
CREATE TEMP TABLE many AS
  SELECT i, (ARRAY['high=1', 'low=1', 'high=1, low=1', 'unassessed=2', 'low=0'])[1 + i % 5]::estate.backlog AS v
  FROM generate_series(1, 1000) AS i;
ANALYZE many;
SET LOCAL enable_hashagg = off;
SELECT is((SELECT count(*) FROM (SELECT DISTINCT v FROM many) s), 5::bigint, 'DISTINCT by sort');
SET LOCAL enable_hashagg = on;
SET LOCAL enable_sort = off;
SELECT is((SELECT count(*) FROM (SELECT DISTINCT v FROM many) s), 5::bigint, 'DISTINCT by hash');
SELECT is((SELECT string_agg(v::text || '#' || n, ' | ' ORDER BY v) FROM (SELECT v, count(*) n FROM many GROUP BY v) s),
          'high=0.00, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00#200 | '
          'high=0.00, significant=0.00, moderate=0.00, low=1.00, unassessed=0.00#200 | '
          'high=1.00, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00#200 | '
          'high=0.00, significant=0.00, moderate=0.00, low=0.00, unassessed=2.00#200 | '
          'high=1.00, significant=0.00, moderate=0.00, low=1.00, unassessed=0.00#200',
          'GROUP BY by hash');
RESET enable_sort;
SELECT is((SELECT count(*) FROM (SELECT v FROM many UNION SELECT 'high=1'::estate.backlog) s), 5::bigint, 'UNION');
CREATE INDEX ON many USING btree (v);
CREATE INDEX ON many USING hash (v);
SET LOCAL enable_seqscan = off;
SET LOCAL enable_bitmapscan = off;
SELECT is((SELECT count(*) FROM many WHERE v = 'low=1'), 200::bigint, 'index equality');
SELECT ok(pg_temp.plan_of($$SELECT count(*) FROM many WHERE v = 'low=1'$$) ~ 'Index', 'equality uses an index');
SELECT is((SELECT count(*) FROM many WHERE v > 'high=1'), 400::bigint, 'btree range scan');
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT ok(bool_and((estate.backlog_hash_extended(v, 0) & 4294967295) = (estate.backlog_hash(v)::bigint & 4294967295))
          AND bool_and(estate.backlog_hash_extended(v, 0) <> estate.backlog_hash_extended(v, 7)),
          'extended hash with seed 0 matches the standard hash; other seeds differ')
FROM ordered;
CREATE TEMP TABLE parts(v estate.backlog) PARTITION BY HASH (v);
CREATE TEMP TABLE parts0 PARTITION OF parts FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TEMP TABLE parts1 PARTITION OF parts FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO parts SELECT v FROM many;
SELECT is((SELECT count(*) FROM parts WHERE v = 'unassessed=2'), 200::bigint, 'hash partitioned by backlog');

-- ---- jsonb -------------------------------------------------------------------
SELECT is('high=1200.50, moderate=300, unassessed=0.01'::estate.backlog::jsonb,
          '{"high": 1200.50, "significant": 0.00, "moderate": 300.00, "low": 0.00, "unassessed": 0.01, "total": 1500.51, "critical_infrastructure_risk": 1200.50}'::jsonb,
          'backlog -> jsonb with total and critical infrastructure risk, as numbers');
SELECT is(jsonb_typeof('high=1'::estate.backlog::jsonb -> 'high'), 'number', 'numbers, not strings');
SELECT is(('{"high": 1.005, "low": 2, "moderate": null}'::jsonb::estate.backlog)::text,
          'high=1.01, significant=0.00, moderate=0.00, low=2.00, unassessed=0.00', 'jsonb -> backlog: missing or null = 0, rounded');
SELECT is(('high=1, significant=2, moderate=3, low=4, unassessed=92233720368547758.07'::estate.backlog::jsonb::estate.backlog)::text,
          'high=1.00, significant=2.00, moderate=3.00, low=4.00, unassessed=92233720368547758.07', 'jsonb round trip');
SELECT throws_ok($$SELECT '{"high": 1, "medium": 2}'::jsonb::estate.backlog$$, '22023', 'unknown key "medium" in a backlog', 'unknown key');
SELECT throws_ok($$SELECT '{"HIGH": 1}'::jsonb::estate.backlog$$, '22023', 'unknown key "HIGH" in a backlog', 'JSON keys are exact');
SELECT throws_ok($$SELECT '{"high": "1"}'::jsonb::estate.backlog$$, '22023', 'key "high" is not a number', 'a string amount');
SELECT throws_ok($$SELECT '{"high": -1}'::jsonb::estate.backlog$$, '22023', 'high -1 is negative', 'a negative amount');
SELECT throws_ok($$SELECT '[1, 2]'::jsonb::estate.backlog$$, '22023', 'a backlog in JSON must be an object', 'an array');
SELECT throws_ok($$SELECT '{"high": 1, "total": 2}'::jsonb::estate.backlog$$, '22023',
                 'key "total" is 2, but the bands give 1.00', 'an inconsistent total');
SELECT throws_ok($$SELECT '{"high": 1e30}'::jsonb::estate.backlog$$, '22003', NULL, 'an amount beyond int64 pence');
SELECT is(estate.delta('high=5, low=1', 'high=7, low=0.50, unassessed=1'),
          '{"high": -2.00, "significant": 0.00, "moderate": 0.00, "low": 0.50, "unassessed": -1.00, "total": -2.50, "critical_infrastructure_risk": -2.00}'::jsonb,
          'delta: signed change per band, newer minus older');
SELECT is(estate.delta('low=0', 'high=92233720368547758.07, significant=92233720368547758.07') ->> 'total',
          '-184467440737095516.14', 'delta of totals beyond int64');
SELECT is((SELECT string_agg(c.castcontext::text, ',') FROM pg_cast c
           WHERE c.castsource = 'estate.backlog'::regtype OR c.casttarget = 'estate.backlog'::regtype),
          'e,e', 'both jsonb casts are explicit');

-- ---- backlog_agg ---------------------------------------------------------------
CREATE TEMP TABLE survey(site text, band estate.risk_band, cost numeric);
INSERT INTO survey VALUES
  ('A', 'high', 1000.004), ('A', 'high', 0.005), ('A', 'significant', 250), ('A', NULL, 99.99),
  ('A', 'low', NULL), ('B', 'moderate', 12.5), ('B', 'low', 0), ('C', 'high', NULL), ('C', NULL, NULL);
SELECT is((SELECT string_agg(site || ': ' || coalesce(b::text, 'NULL'), ' | ' ORDER BY site)
           FROM (SELECT site, estate.backlog_agg(band, cost) b FROM survey GROUP BY site) s),
          'A: high=1000.01, significant=250.00, moderate=0.00, low=0.00, unassessed=99.99 | '
          'B: high=0.00, significant=0.00, moderate=12.50, low=0.00, unassessed=0.00 | C: NULL',
          'backlog_agg per site: per-row rounding, NULL band unassessed, NULL cost skipped, no cost gives NULL');
SELECT ok((SELECT estate.backlog_agg(band, cost) FROM survey WHERE false) IS NULL, 'no rows: NULL');
SELECT is((SELECT estate.backlog_agg('low', 0.005) FROM generate_series(1, 3))::text,
          'high=0.00, significant=0.00, moderate=0.00, low=0.03, unassessed=0.00', 'each row is rounded as it enters');
SELECT is((SELECT estate.backlog_agg('low', 0.004) FROM generate_series(1, 1000))::text,
          'high=0.00, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00', '1,000 rows of 0.004 sum to 0.00');
SELECT is((SELECT estate.backlog_agg('moderate', 0.01) FROM generate_series(1, 1000000))::text,
          'high=0.00, significant=0.00, moderate=10000.00, low=0.00, unassessed=0.00',
          'a million rows of 0.01 sum to exactly 10000.00');
SELECT throws_ok($$SELECT estate.backlog_agg(b, c) FROM (VALUES ('high'::estate.risk_band, 1), ('low', -2)) t(b, c)$$,
                 '22023', 'cost -2 is negative', 'backlog_agg: negative cost');
SELECT throws_ok($$SELECT estate.backlog_agg('high', c) FROM (VALUES (1::numeric), ('NaN')) t(c)$$,
                 '22023', 'cost NaN is not a finite number', 'backlog_agg: NaN');
SELECT throws_ok($$SELECT estate.backlog_agg('high', c) FROM (VALUES (1::numeric), ('Infinity')) t(c)$$,
                 '22023', 'cost Infinity is not a finite number', 'backlog_agg: Infinity');
SELECT throws_ok($$SELECT estate.backlog_agg('high', 92233720368547758.07) FROM generate_series(1, 2)$$,
                 '22003', 'backlog bucket "high" is out of range', 'backlog_agg: a bucket beyond int64 pence');
SELECT is((SELECT estate.total(estate.backlog_agg(b, 92233720368547758.07))
           FROM unnest('{high,significant,moderate,low,NULL}'::estate.risk_band[]) b),
          5 * 92233720368547758.07, 'five full buckets: total stays exact');
SELECT is((SELECT array_agg(estate.total(r))::text FROM (
             SELECT estate.backlog_agg(band, cost) OVER (ORDER BY ord) r
             FROM (VALUES (1, 'high'::estate.risk_band, 1), (2, 'low', 2), (3, NULL, 3)) t(ord, band, cost)) s),
          '{1.00,3.00,6.00}', 'backlog_agg as a running window aggregate');
SELECT is(estate.backlog_agg_trans('high=1', NULL, 2)::text,
          'high=1.00, significant=0.00, moderate=0.00, low=0.00, unassessed=2.00',
          'the transition function called directly returns a new value');

-- sum(backlog): roll-ups equal backlog_agg over the elements.
SELECT is((SELECT estate.sum(b)::text FROM (SELECT estate.backlog_agg(band, cost) b FROM survey GROUP BY site) s),
          (SELECT estate.backlog_agg(band, cost)::text FROM survey), 'sum of per-site backlogs = backlog_agg over the elements');
SELECT ok((SELECT estate.sum(b) FROM (VALUES (NULL::estate.backlog)) t(b)) IS NULL, 'sum of NULLs is NULL');
SELECT ok((SELECT estate.sum(b) FROM (VALUES ('high=1'::estate.backlog)) t(b) WHERE false) IS NULL, 'sum of nothing is NULL');
SELECT throws_ok($$SELECT estate.sum(b) FROM (VALUES ('low=92233720368547758.07'::estate.backlog), ('low=0.01')) t(b)$$,
                 '22003', 'backlog bucket "low" is out of range', 'sum beyond int64 pence');

-- ---- the fast decode equals numeric_mul -> numeric_int8 -----------------------
-- Each value in its own group, so every row goes through the transition's
-- decode of the stored (1-byte header, unaligned) numeric.
CREATE TEMP TABLE amounts(id serial, v numeric);
SELECT setseed(0.4242);
INSERT INTO amounts(v)      -- random magnitudes and scales
  SELECT round((random() * 10 ^ (random() * 16))::numeric, (random() * 8)::int) FROM generate_series(1, 100000);
INSERT INTO amounts(v)      -- every value 0.000 .. 200.000, so every half-penny
  SELECT i / 1000.0 FROM generate_series(0, 200000) i;
INSERT INTO amounts(v)      -- weights 4 and beyond (the checked path), up to the int64 edge
  SELECT 92233720368547758.07 - i / 1000.0 FROM generate_series(0, 20000) i;
INSERT INTO amounts(v) VALUES (92233720368547758.07), (92233720368547758.074999), (9999999999999999.995),
  (10000000000000000), (0.00499999999), (0.005), (1e-300), (0);
CREATE FUNCTION pg_temp.decode_mismatches(q text) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE n bigint;
BEGIN
  EXECUTE format($$SELECT count(*) FROM (
                     SELECT estate.unassessed(estate.backlog_agg(NULL, v)) * 100 AS fast, (v * 100)::bigint AS oracle
                     FROM (%s) s GROUP BY id, v) g
                   WHERE fast IS DISTINCT FROM oracle$$, q) INTO n;
  RETURN n;
END
$f$;
SELECT is(pg_temp.decode_mismatches('SELECT id, v FROM amounts'), 0::bigint,
          'fast decode = numeric_mul -> numeric_int8 on 320,000 stored values (random, dense, near int64)');
SELECT is((SELECT count(*) FROM amounts), 320010::bigint, 'all of them');
SELECT is(pg_temp.decode_mismatches('SELECT id, round(v, 70 + id % 30) AS v FROM amounts WHERE id % 10 = 0'), 0::bigint,
          'the same with display scales above 63 (the long header)');
SELECT ok((SELECT bool_and(pg_column_size(round(v, 70)) >= pg_column_size(v)) FROM amounts WHERE id < 100),
          'long-header values are at least as large');

-- Toasted values: digits far beyond the point make a numeric of some 2.5 kB,
-- stored compressed (default storage) or out of line (external).
CREATE TEMP TABLE toasted(id int, inline_v numeric, external_v numeric);
ALTER TABLE toasted ALTER COLUMN external_v SET STORAGE EXTERNAL;
INSERT INTO toasted
  SELECT i, w, w FROM (
    SELECT i, (i / 1000.0) + CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END * ('1e-' || 5000)::numeric AS w
    FROM generate_series(1, 2000) i) s;
SELECT ok((SELECT bool_and(pg_column_compression(inline_v) IS NOT NULL) FROM toasted), 'the inline values are compressed');
SELECT ok((SELECT bool_and(pg_column_size(external_v) > 2000) FROM toasted), 'the external values are large and uncompressed');
SELECT is(pg_temp.decode_mismatches('SELECT id, inline_v AS v FROM toasted'), 0::bigint, 'compressed values decode like the oracle');
SELECT is(pg_temp.decode_mismatches('SELECT id, external_v AS v FROM toasted'), 0::bigint, 'out-of-line values decode like the oracle');
SELECT is((SELECT array_agg(estate.unassessed(estate.backlog(NULL, external_v)) ORDER BY id) FROM toasted WHERE id IN (5, 6, 14)),
          '{0.00,0.01,0.01}'::numeric[], '0.005 - 1e-5000 rounds down, 0.006 + 1e-5000 and 0.014 + 1e-5000 do not change the penny');
SELECT throws_ok($$SELECT estate.backlog_agg(NULL, v) FROM (VALUES (92233720368547758.08)) t(v)$$, '22003',
                 'cost 92233720368547758.08 is out of range', 'one penny past the int64 edge: 22003');
SELECT throws_ok($$SELECT (92233720368547758.08 * 100)::bigint$$, '22003', NULL, 'as the oracle');

-- ---- parallel: the same answers serially and in a forced parallel plan ----------
CREATE TABLE estate_backlog_elements AS
  SELECT i % 97 AS site,
         (ARRAY['low', 'moderate', 'significant', 'high', NULL])[1 + i % 5]::estate.risk_band AS band,
         CASE WHEN i % 11 = 0 THEN NULL ELSE round((i % 100000) / 7.0, 3) END AS cost
  FROM generate_series(1, 200000) i;
ANALYZE estate_backlog_elements;
CREATE TEMP TABLE serial_result AS
  SELECT site, estate.backlog_agg(band, cost) b FROM estate_backlog_elements GROUP BY site;
CREATE TEMP TABLE serial_total AS SELECT estate.backlog_agg(band, cost) b FROM estate_backlog_elements;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
SELECT ok(pg_temp.plan_of('SELECT estate.backlog_agg(band, cost) FROM estate_backlog_elements') ~ 'Partial Aggregate',
          'backlog_agg: the forced plan is a Partial Aggregate');
SELECT is((SELECT estate.backlog_agg(band, cost)::text FROM estate_backlog_elements), (SELECT b::text FROM serial_total),
          'backlog_agg: parallel = serial');
SELECT is((SELECT count(*) FROM (SELECT site, estate.backlog_agg(band, cost) b FROM estate_backlog_elements GROUP BY site) p
           JOIN serial_result s USING (site) WHERE p.b = s.b), 97::bigint, 'backlog_agg per site: parallel = serial');
SELECT ok(pg_temp.plan_of('SELECT estate.sum(b) FROM (SELECT estate.backlog(band, cost) b FROM estate_backlog_elements) s') ~ 'Partial Aggregate',
          'sum(backlog): the forced plan is a Partial Aggregate');
SELECT is((SELECT estate.sum(estate.backlog(band, cost))::text FROM estate_backlog_elements), (SELECT b::text FROM serial_total),
          'sum(backlog(band, cost)) in parallel = backlog_agg serially');

-- ---- SQL bodies are bound at creation, not through search_path ----------------
CREATE SCHEMA evil;
CREATE FUNCTION evil.cost(estate.backlog, estate.risk_band) RETURNS numeric LANGUAGE sql AS 'SELECT 999::numeric';
CREATE FUNCTION evil.total(estate.backlog) RETURNS numeric LANGUAGE sql AS 'SELECT 999::numeric';
SET LOCAL search_path = evil, estate, public;
SELECT is((SELECT string_agg(cost::text, ',') FROM estate.backlog_rows('high=1, low=2')), '1.00,0.00,0.00,2.00,0.00',
          'backlog_rows under a hostile search_path');
SELECT is(estate.fci('high=1'::estate.backlog, 10), 0.1, 'fci(backlog) under a hostile search_path');

SELECT * FROM finish();
ROLLBACK;
