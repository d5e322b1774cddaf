-- Binary input of every estate type.
-- Each receive function gets the wire form of sample values (which must read
-- back as the same value), every truncation and extension of it, and the
-- boundary values of each of its fields; anything it cannot accept must be
-- 22P03, never another error, a crash or a different value.  The random
-- counterpart is test/fuzz/recv.c (run by test/run).
BEGIN;
SELECT plan(30);
SET LOCAL client_min_messages = warning;

\ir include/binary_copy.sql

-- The outcome of receiving payload (hex) as type t: 'ok <text form>', or
-- the SQLSTATE of the error.
CREATE FUNCTION pg_temp.received(t regtype, payload text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
  target text := 'recv_' || replace(t::text, '.', '_');
  state text;
  got text;
BEGIN
  EXECUTE format('CREATE TEMP TABLE IF NOT EXISTS %I (id int, v %s)', target, t);
  EXECUTE format('TRUNCATE %I', target);
  PERFORM pg_temp.recv(target::regclass, payload);
  EXECUTE format('SELECT v::text FROM %I', target) INTO got;
  RETURN 'ok ' || got;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE;
  RETURN state;
END
$f$;
CREATE FUNCTION pg_temp.hex4(v bigint) RETURNS text LANGUAGE sql AS $$SELECT encode(int4send(v::int), 'hex')$$;
CREATE FUNCTION pg_temp.hex8(v bigint) RETURNS text LANGUAGE sql AS $$SELECT encode(int8send(v), 'hex')$$;

-- Sample values of every type, in canonical text form: the wire form of each
-- is the starting point of the cases below.
CREATE TEMP TABLE sample(t regtype, v text);
INSERT INTO sample VALUES
  ('estate.condition_grade', 'A'), ('estate.condition_grade', 'B(C)'), ('estate.condition_grade', 'DX'),
  ('estate.risk_band', 'low'), ('estate.risk_band', 'high'),
  ('estate.backlog', 'high=0.00, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00'),
  ('estate.backlog', 'high=1200.50, significant=0.01, moderate=300.00, low=0.00, unassessed=92233720368547758.07'),
  ('estate.renewal_forecast_state', 'from_year=2025, horizon=3, inflation=0.025, elements=2, due={120.00,0.00,35.10}'),
  ('estate.renewal_forecast_state', 'from_year=-2147483648, horizon=1, inflation=-0.999, elements=0, due={0.00}'),
  ('estate.renewal_forecast_state', 'from_year=2147483647, horizon=100, inflation=123456789.123456789, elements=9223372036854775807, due={'
                                    || array_to_string(array_fill('92233720368547758.07'::text, ARRAY[100]), ',') || '}'),
  ('estate.core_hours', 'Mon-Fri 08:00-18:00 Europe/London'),
  ('estate.core_hours', 'Mon,Wed,Fri 09:00-17:00, Sat 09:00-13:00 UTC'),
  ('estate.core_hours', 'Mon-Sun 20:00-08:00 America/New_York'),
  ('estate.core_hours', 'Mon 22:00-24:00, Tue 00:00-02:00, Wed 00:00-23:59, Wed 23:59-01:00 UTC'),
  ('estate.utilisation_state', 'v3 capacity=20 span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 Europe/London" '
                               || 'closed={} unit=3600000000 steps=4:9K1L1110'),
  ('estate.utilisation_state', 'v3 capacity=2147483647 span=-1577880000000000,1577880000000000 core="Mon-Sun 20:00-08:00 Asia/Kolkata" '
                               || 'closed={8000,8001,9000} unit=1 steps=6:02104+/////32//////331b30'),
  ('estate.utilisation_state', 'v3 capacity=7 span=757987200000000,758073600000000 core="Mon-Sun 00:00-24:00 UTC" closed={} '
                               || 'unit=1000000 steps=6:06iy1q2eS1eS0pXq2Y/////710'),
  ('estate.disposal_impact_state', 'v2 sites=0, floor_area=0.000000, estate_floor_area=0.000000, minimum_retained_area=0.000000'),
  ('estate.disposal_impact_state', 'v2 sites=9223372036854775807, floor_area=0.000000, estate_floor_area=9223372036854.775807, '
                                   || 'minimum_retained_area=0.000000'),
  ('estate.disposal_impact_state', 'v2 sites=2, floor_area=1500.000001, estate_floor_area=10000.000000, minimum_retained_area=7000.000000, '
                                   || 'backlog=(high=100.00, significant=0.00, moderate=0.00, low=0.00, unassessed=0.01), '
                                   || 'running_cost=50000.00, carbon_kg=10000.50'),
  ('estate.investment_plan_state', 'from_year=2025, horizon=3, annual_budget=100.00, inflation=0.025, years_per_grade=5, escalation=0.1, '
                                   || 'strategy=highest_risk_first, carry_over=false, replacement_value=1000.00; form=grade; '
                                   || 'items={("a" C 3 1.20), ("b""c" B(C) - 0.05), ("" DX 5 92233720368547758.07)}'),
  ('estate.investment_plan_state', 'from_year=-2147483648, horizon=2, budgets={0.00, 92233720368547758.07}, inflation=-0.999, '
                                   || 'years_per_grade=-, escalation=0, strategy=strict_risk_order, carry_over=true, replacement_value=-; '
                                   || 'form=band; items={("x" high 0.00), ("y" - 1.00)}'),
  ('estate.investment_plan_state', 'from_year=2147483647, horizon=1, annual_budget=0.00, inflation=123.456, years_per_grade=2147483647, '
                                   || 'escalation=7, strategy=most_risk_per_pound, carry_over=false, replacement_value=0.01; form=grade; items={}'),
  ('estate.investment_plan', 'from_year=-5, horizon=2, form=band; years={(5.00 5.00 1 0.00 0.00 0.00 0.00 0.00 0.10 1 0.014286), '
                             || '(5.00 0.10 1 0.00 0.00 0.00 0.00 0.00 0.00 0 0.000000)}; items={("" -5 -4 0.10 - -), ("x""y" -5 -5 5.00 - high)}'),
  ('estate.investment_plan', 'from_year=2025, horizon=1, form=grade; years={(0.00 0.00 0 0.00 0.00 0.00 0.00 0.00 0.00 0 -)}; '
                             || 'items={("a" - - - B(C) -)}'),
  ('estate.investment_plan', 'from_year=2147483647, horizon=1, form=grade; years={(92233720368547758.07 92233720368547758.07 1 0.00 '
                             || '0.00 92233720368547758.07 0.00 0.00 0.00 1 92233720368547758.070000)}; '
                             || 'items={("a" 2147483647 2147483647 92233720368547758.07 D high), ("b" 2147483647 - - CX significant)}');
-- The wire form, by the type's own send function.
CREATE FUNCTION pg_temp.wire(t regtype, v text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
  result bytea;
BEGIN
  EXECUTE format('SELECT %s(%L::%s)', (SELECT typsend FROM pg_type WHERE oid = t), v, t) INTO result;
  RETURN encode(result, 'hex');
END
$f$;
CREATE TEMP TABLE wired AS SELECT t, v, pg_temp.wire(t, v) AS hex FROM sample;

-- ---- every type is covered ------------------------------------------------
SELECT is((SELECT string_agg(t.oid::regtype::text, ', ' ORDER BY t.typname)
           FROM pg_type t JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate') AND t.typtype = 'b'
             -- On 17 and 18 (not on 15) the array types are members of the extension too.
             AND t.typcategory <> 'A' AND t.typreceive <> 0 AND t.typsend <> 0),
          (SELECT string_agg(DISTINCT t::text, ', ') FROM sample),
          'every base type of the extension has binary I/O, and this file has samples of each');

-- ---- round trips, truncations, extensions ---------------------------------
SELECT is((SELECT string_agg(format('%s %L: %s', t, v, got), '; ')
           FROM wired, pg_temp.received(t, hex) AS got WHERE got IS DISTINCT FROM 'ok ' || v),
          NULL, 'every sample reads back from its wire form as the same value');
SELECT is((SELECT string_agg(DISTINCT format('%s: %s', t, got), '; ')
           FROM wired, generate_series(0, length(hex) / 2 - 1) AS n,
                pg_temp.received(t, left(hex, 2 * n)) AS got
           WHERE (n < 64 OR n >= length(hex) / 2 - 32) AND got <> '22P03'),
          NULL, 'every truncation of every sample (down to no bytes; the first 64 and last 32 of the longest) is 22P03');
SELECT is((SELECT string_agg(DISTINCT format('%s: %s', t, got), '; ')
           FROM wired, unnest(ARRAY['00', 'ff', '0000000000000000']) AS extra,
                pg_temp.received(t, hex || extra) AS got WHERE got <> '22P03'),
          NULL, 'trailing bytes after every sample are 22P03');
SELECT is((SELECT string_agg(DISTINCT format('%s: %s', t, got), '; ')
           FROM (SELECT DISTINCT t FROM sample) AS s, unnest(ARRAY['', '00', 'ff', repeat('ff', 64), repeat('00', 1000)]) AS junk,
                pg_temp.received(t, junk) AS got
           WHERE got <> '22P03'
             AND NOT (t = 'estate.condition_grade'::regtype AND junk = '00')
             AND NOT (t = 'estate.risk_band'::regtype AND junk = '00')),
          NULL, 'empty, one-byte, all-ones and long zero payloads are 22P03 (a zero byte is a valid ordinal)');

-- ---- one-byte ordered types -------------------------------------------------
SELECT is((SELECT string_agg(pg_temp.received('estate.condition_grade', lpad(to_hex(b), 2, '0')), ',' ORDER BY b)
           FROM generate_series(0, 6) AS b),
          'ok A,ok B,ok B(C),ok C,ok CX,ok D,ok DX', 'condition_grade: bytes 0-6 are the grades, best first');
SELECT is((SELECT string_agg(DISTINCT pg_temp.received('estate.condition_grade', lpad(to_hex(b), 2, '0')), ',')
           FROM generate_series(7, 255) AS b), '22P03', 'condition_grade: bytes 7-255 are 22P03');
SELECT is((SELECT string_agg(pg_temp.received('estate.risk_band', lpad(to_hex(b), 2, '0')), ',' ORDER BY b)
           FROM generate_series(0, 3) AS b),
          'ok low,ok moderate,ok significant,ok high', 'risk_band: bytes 0-3 are the bands, lowest first');
SELECT is((SELECT string_agg(DISTINCT pg_temp.received('estate.risk_band', lpad(to_hex(b), 2, '0')), ',')
           FROM generate_series(4, 255) AS b), '22P03', 'risk_band: bytes 4-255 are 22P03');

-- ---- backlog: version, then five int64 buckets -------------------------------
SELECT is((SELECT string_agg(DISTINCT pg_temp.received('estate.backlog', lpad(to_hex(version), 2, '0') || repeat('00', 40)), ',')
           FROM generate_series(0, 255) AS version WHERE version <> 1), '22P03', 'backlog: every version but 1 is 22P03');
SELECT is((SELECT string_agg(DISTINCT pg_temp.received('estate.backlog',
                                '01' || repeat('00', 8 * k) || pg_temp.hex8(bad) || repeat('00', 8 * (4 - k))), ',')
           FROM generate_series(0, 4) AS k, unnest(ARRAY[-1, -9223372036854775808]) AS bad),
          '22P03', 'backlog: a negative bucket, in any position, is 22P03');
SELECT is(pg_temp.received('estate.backlog', '01' || repeat(pg_temp.hex8(9223372036854775807), 5)),
          'ok high=92233720368547758.07, significant=92233720368547758.07, moderate=92233720368547758.07, '
          'low=92233720368547758.07, unassessed=92233720368547758.07',
          'backlog: every bucket at the int64 maximum is valid');

-- ---- disposal_impact_state: version, six int64, five buckets, flags -----------
-- A consistent version-1 payload (areas in hundredths, as estate 1.0 sent
-- them) with the field at position k replaced by v.
CREATE FUNCTION pg_temp.impact(k int, v text) RETURNS text LANGUAGE sql AS $$
  SELECT '01' || string_agg(CASE WHEN i = k THEN v ELSE f END, '' ORDER BY i)
  FROM unnest(ARRAY[pg_temp.hex8(1), pg_temp.hex8(100), pg_temp.hex8(1000), pg_temp.hex8(0), pg_temp.hex8(5), pg_temp.hex8(7),
                    pg_temp.hex8(1), pg_temp.hex8(0), pg_temp.hex8(0), pg_temp.hex8(0), pg_temp.hex8(0), pg_temp.hex4(7)])
       WITH ORDINALITY AS x(f, i)
$$;
SELECT is(pg_temp.received('estate.disposal_impact_state', pg_temp.impact(0, NULL)),
          'ok v2 sites=1, floor_area=1.000000, estate_floor_area=10.000000, minimum_retained_area=0.000000, '
          'backlog=(high=0.01, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00), running_cost=0.05, carbon_kg=0.07',
          'disposal_impact_state: a crafted version-1 payload reads as sent, its areas (100 and 1000) in hundredths');
SELECT is(pg_temp.received('estate.disposal_impact_state', '02' || substr(pg_temp.impact(0, NULL), 3)),
          'ok v2 sites=1, floor_area=0.000100, estate_floor_area=0.001000, minimum_retained_area=0.000000, '
          'backlog=(high=0.01, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00), running_cost=0.05, carbon_kg=0.07',
          'disposal_impact_state: as version 2 its areas are millionths');
SELECT is((SELECT string_agg(DISTINCT pg_temp.received('estate.disposal_impact_state', '02' || substr(pg_temp.impact(k, pg_temp.hex8(bad)), 3)), ',')
           FROM generate_series(1, 11) AS k, unnest(ARRAY[-1, -9223372036854775808]) AS bad),
          '22P03', 'disposal_impact_state: a negative count, area, cost, carbon or bucket in version 2 is 22P03');
SELECT is(pg_temp.received('estate.disposal_impact_state', pg_temp.impact(2, pg_temp.hex8(922337203685478))),
          '22P03', 'disposal_impact_state: a version-1 area beyond the millionths'' range is 22P03');
SELECT is((SELECT string_agg(DISTINCT pg_temp.received('estate.disposal_impact_state', pg_temp.impact(k, pg_temp.hex8(bad))), ',')
           FROM generate_series(1, 11) AS k, unnest(ARRAY[-1, -9223372036854775808]) AS bad),
          '22P03', 'disposal_impact_state: a negative count, area, cost, carbon or bucket in version 1 is 22P03');
SELECT is((SELECT string_agg(format('%s: %s', why, pg_temp.received('estate.disposal_impact_state', payload)), ', ' ORDER BY why)
           FROM (VALUES ('version 0', '00' || substr(pg_temp.impact(0, NULL), 3)),
                        ('version 3', '03' || substr(pg_temp.impact(0, NULL), 3)),
                        ('unknown flag 8', pg_temp.impact(12, pg_temp.hex4(15))),
                        ('negative flags', pg_temp.impact(12, pg_temp.hex4(-1))),
                        ('unknown measure not 0', pg_temp.impact(12, pg_temp.hex4(0))),
                        ('released beyond the estate', pg_temp.impact(2, pg_temp.hex8(1001))),
                        ('released by no site', pg_temp.impact(1, pg_temp.hex8(0)))) AS c(why, payload)),
          'negative flags: 22P03, released beyond the estate: 22P03, released by no site: 22P03, '
          'unknown flag 8: 22P03, unknown measure not 0: 22P03, version 0: 22P03, version 3: 22P03',
          'disposal_impact_state: bad versions, flags and inconsistent states are 22P03');

-- ---- renewal_forecast_state: version, from_year, horizon, elements, a numeric, amounts
-- A payload: horizon years, inflation as numeric's wire form (hex), then amounts.
CREATE FUNCTION pg_temp.renewal(version int, horizon int, elements bigint, inflation text, amounts bigint[]) RETURNS text
LANGUAGE sql AS $$
  SELECT lpad(to_hex(version), 2, '0') || pg_temp.hex4(2025) || pg_temp.hex4(horizon) || pg_temp.hex8(elements)
         || pg_temp.hex4(length(inflation) / 2) || inflation
         || coalesce((SELECT string_agg(pg_temp.hex8(a), '' ORDER BY i) FROM unnest(amounts) WITH ORDINALITY AS u(a, i)), '')
$$;
-- numeric's wire form: ndigits, weight, sign, display scale, base-10000 digits.
CREATE FUNCTION pg_temp.num(ndigits int, weight int, sign int, dscale int, VARIADIC digits int[] DEFAULT '{}') RETURNS text
LANGUAGE sql AS $$
  SELECT right(pg_temp.hex4(ndigits), 4) || right(pg_temp.hex4(weight), 4) || right(pg_temp.hex4(sign), 4)
         || right(pg_temp.hex4(dscale), 4) || coalesce((SELECT string_agg(right(pg_temp.hex4(d), 4), '') FROM unnest(digits) AS d), '')
$$;
SELECT is(pg_temp.received('estate.renewal_forecast_state', pg_temp.renewal(1, 2, 1, encode(numeric_send(0.02), 'hex'), '{100,200}')),
          'ok from_year=2025, horizon=2, inflation=0.02, elements=1, due={1.00,2.00}',
          'renewal_forecast_state: a crafted payload reads as sent');
SELECT is((SELECT string_agg(format('%s: %s', why, pg_temp.received('estate.renewal_forecast_state', payload)), ', ' ORDER BY why)
           FROM (VALUES ('version 2', pg_temp.renewal(2, 1, 1, encode(numeric_send(0), 'hex'), '{1}')),
                        ('horizon 0', pg_temp.renewal(1, 0, 1, encode(numeric_send(0), 'hex'), '{}')),
                        ('horizon 101', pg_temp.renewal(1, 101, 1, encode(numeric_send(0), 'hex'), array_fill(0::bigint, ARRAY[101]))),
                        ('horizon -1', pg_temp.renewal(1, -1, 1, encode(numeric_send(0), 'hex'), '{}')),
                        ('elements -1', pg_temp.renewal(1, 1, -1, encode(numeric_send(0), 'hex'), '{0}')),
                        ('nothing seen, something due', pg_temp.renewal(1, 2, 0, encode(numeric_send(0), 'hex'), '{0,1}')),
                        ('amount -1', pg_temp.renewal(1, 1, 1, encode(numeric_send(0), 'hex'), '{-1}')),
                        ('one amount short', pg_temp.renewal(1, 2, 1, encode(numeric_send(0), 'hex'), '{1}')),
                        ('one amount over', pg_temp.renewal(1, 1, 1, encode(numeric_send(0), 'hex'), '{1,1}')),
                        ('inflation NaN', pg_temp.renewal(1, 1, 1, encode(numeric_send('NaN'), 'hex'), '{1}')),
                        ('inflation Infinity', pg_temp.renewal(1, 1, 1, encode(numeric_send('Infinity'), 'hex'), '{1}')),
                        ('inflation -1', pg_temp.renewal(1, 1, 1, encode(numeric_send(-1), 'hex'), '{1}')),
                        ('inflation -2.5', pg_temp.renewal(1, 1, 1, encode(numeric_send(-2.5), 'hex'), '{1}')),
                        ('inflation: no bytes', pg_temp.renewal(1, 1, 1, '', '{1}')),
                        ('inflation: 6 bytes', pg_temp.renewal(1, 1, 1, '000000000000', '{1}')),
                        ('inflation: a digit missing', pg_temp.renewal(1, 1, 1, pg_temp.num(2, 0, 0, 0, 1), '{1}')),
                        ('inflation: digit 10000', pg_temp.renewal(1, 1, 1, pg_temp.num(1, 0, 0, 0, 10000), '{1}')),
                        ('inflation: negative digit count', pg_temp.renewal(1, 1, 1, pg_temp.num(-1, 0, 0, 0), '{1}')),
                        ('inflation: unknown sign', pg_temp.renewal(1, 1, 1, pg_temp.num(1, 0, 4660, 0, 1), '{1}')),
                        ('inflation: display scale too large', pg_temp.renewal(1, 1, 1, pg_temp.num(1, 0, 0, 65535, 1), '{1}')),
                        ('inflation length -1', left(pg_temp.renewal(1, 1, 1, '', '{}'), -8) || 'ffffffff' || pg_temp.hex8(1)),
                        ('inflation length beyond the value', left(pg_temp.renewal(1, 1, 1, '', '{}'), -8) || '7fffffff' || pg_temp.hex8(1))
                ) AS c(why, payload)),
          'amount -1: 22P03, elements -1: 22P03, horizon -1: 22P03, horizon 0: 22P03, horizon 101: 22P03, '
          'inflation -1: 22P03, inflation -2.5: 22P03, inflation Infinity: 22P03, inflation NaN: 22P03, '
          'inflation length -1: 22P03, inflation length beyond the value: 22P03, inflation: 6 bytes: 22P03, '
          'inflation: a digit missing: 22P03, inflation: digit 10000: 22P03, inflation: display scale too large: 22P03, '
          'inflation: negative digit count: 22P03, inflation: no bytes: 22P03, inflation: unknown sign: 22P03, '
          'nothing seen, something due: 22P03, one amount over: 22P03, one amount short: 22P03, version 2: 22P03',
          'renewal_forecast_state: bad fields, a malformed inflation and inconsistent states are 22P03');
SELECT is(pg_temp.received('estate.renewal_forecast_state', pg_temp.renewal(1, 1, 1, pg_temp.num(3, 1, 0, 4, 0, 5, 2500), '{1}'))
          || ' / ' || pg_temp.received('estate.renewal_forecast_state', pg_temp.renewal(1, 1, 1, pg_temp.num(2, -32768, 0, 0, 0, 1), '{1}')),
          'ok from_year=2025, horizon=1, inflation=5.2500, elements=1, due={0.01} / '
          'ok from_year=2025, horizon=1, inflation=0, elements=1, due={0.01}',
          'renewal_forecast_state: an unnormalised inflation (a leading zero digit; digits below the display scale) reads as numeric reads it');

-- ---- core_hours: version, zone, segments (the stored form) ----------------------
-- The wire form of Mon-Fri 08:00-18:00 Europe/London with one byte range replaced.
CREATE FUNCTION pg_temp.core(at int, bytes text) RETURNS text LANGUAGE sql AS $$
  SELECT encode(overlay(estate.core_hours_send('Mon-Fri 08:00-18:00 Europe/London') PLACING decode(bytes, 'hex') FROM at), 'hex')
$$;
-- Bytes: version, zone length, segment count (2, little-endian), the zone,
-- then per segment the weekday (0 = Monday), start and end minutes (2 each).
SELECT is((SELECT string_agg(format('%s: %s', why, pg_temp.received('estate.core_hours', payload)), ', ' ORDER BY why)
           FROM (VALUES ('version 3', pg_temp.core(1, '03')),
                        ('a zone the server does not know', pg_temp.core(5, encode(convert_to('Mars/Olympus!', 'UTF8'), 'hex'))),
                        ('a zone length beyond the value', pg_temp.core(2, 'ff')),
                        ('more segments than follow', pg_temp.core(3, '0600')),
                        ('a segment of a day or more', pg_temp.core(21, 'e007')),
                        ('a segment ending before it starts', pg_temp.core(21, 'df01')),
                        ('weekday 7', pg_temp.core(18, '07')),
                        ('a segment repeated', pg_temp.core(23, '00'))) AS c(why, payload)),
          'a segment ending before it starts: 22P03, a segment of a day or more: 22P03, a segment repeated: 22P03, '
          'a zone length beyond the value: 22P03, '
          'a zone the server does not know: 22P03, more segments than follow: 22P03, version 3: 22P03, weekday 7: 22P03',
          'core_hours: bad versions, zones, counts and segments are 22P03');
SELECT is(pg_temp.received('estate.core_hours', pg_temp.core(21, 'a105')), 'ok Mon 08:00-00:01, Tue-Fri 08:00-18:00 Europe/London',
          'core_hours: a segment may run past midnight (an end of 1441 minutes is 00:01 the next day)');
-- Version 1 (estate 1.0): the same layout; it merged segments across midnight.
SELECT is(pg_temp.received('estate.core_hours', pg_temp.core(1, '01')), 'ok Mon-Fri 08:00-18:00 Europe/London',
          'core_hours: version-1 bytes are read');
SELECT is(pg_temp.received('estate.core_hours', '01' || substr(encode(estate.core_hours_send('Mon 20:00-08:00 UTC'), 'hex'), 3))
          || ', ' || pg_temp.received('estate.core_hours', '01' || substr(encode(estate.core_hours_send('Mon 20:00-24:00, Tue 00:00-08:00 UTC'), 'hex'), 3))
          || ', ' || pg_temp.received('estate.core_hours', '01' || substr(encode(estate.core_hours_send('Mon 00:00-24:00, Mon 23:00-01:00 UTC'), 'hex'), 3)),
          'ok Mon 20:00-08:00 UTC, 22P03, 22P03',
          'core_hours: version 1''s night segment is read as Monday''s; segments it merged or could not write are 22P03');

-- ---- utilisation_state: version, capacity, span, core, closed dates, steps -----
-- Version 2: version byte, capacity (4 bytes), span (8 + 8), core hours
-- (length and bytes), closed dates (count and dates), then the step count
-- (8) and each step's instant and level (8 + 8).
CREATE FUNCTION pg_temp.util(at int, bytes bytea) RETURNS text LANGUAGE sql AS $$
  SELECT encode(overlay(estate.utilisation_state_send('v3 capacity=20 span=757987200000000,758073600000000 '
                        'core="Mon-Fri 08:00-18:00 Europe/London" closed={} unit=3600000000 steps=2:9K20')
                        PLACING bytes FROM at), 'hex')
$$;
-- The steps of that sample start after 1 + 4 + 16 + 4 + 42 + 4 + 8 = 79 bytes:
-- (9 hours, level 20), (11 hours, level 0).
SELECT is((SELECT string_agg(format('%s: %s', why, pg_temp.received('estate.utilisation_state', payload)), ', ' ORDER BY why)
           FROM (VALUES ('version 3', pg_temp.util(1, '\x03')),
                        ('capacity 0', pg_temp.util(2, int4send(0))),
                        ('capacity -1', pg_temp.util(2, int4send(-1))),
                        ('span reversed', pg_temp.util(6, int8send(758073600000001))),
                        ('span over 100 years', pg_temp.util(14, int8send(757987200000000 + 3155760000000001))),
                        ('span to the end of time', pg_temp.util(14, int8send(9223372036854775807))),
                        ('core length beyond the value', pg_temp.util(22, int4send(1000000))),
                        ('core length -1', pg_temp.util(22, int4send(-1))),
                        ('step count -1', pg_temp.util(72, int8send(-1))),
                        ('steps out of order', pg_temp.util(80, int8send(757987200000000 + 39600000000))),
                        ('a step before the span', pg_temp.util(80, int8send(757987200000000 - 1))),
                        ('a step after the span', pg_temp.util(96, int8send(758073600000001))),
                        ('a level repeated', pg_temp.util(104, int8send(20))),
                        ('a last level above 0', pg_temp.util(104, int8send(4))),
                        ('a negative level', pg_temp.util(88, int8send(-2))),
                        ('a level of 2^61 + 2 (known headcount 2^60 + 1)', pg_temp.util(88, int8send(2305843009213693954)))) AS c(why, payload)),
          'a last level above 0: 22P03, a level of 2^61 + 2 (known headcount 2^60 + 1): 22P03, a level repeated: 22P03, '
          'a negative level: 22P03, a step after the span: 22P03, a step before the span: 22P03, capacity -1: 22P03, capacity 0: 22P03, '
          'core length -1: 22P03, core length beyond the value: 22P03, span over 100 years: 22P03, span reversed: 22P03, '
          'span to the end of time: 22P03, step count -1: 22P03, steps out of order: 22P03, version 3: 22P03',
          'utilisation_state: bad capacities, spans (over 100 years too), lengths and steps are 22P03');
SELECT is(pg_temp.received('estate.utilisation_state', pg_temp.util(14, int8send(757987200000000 + 3155760000000000))),
          'ok v3 capacity=20 span=757987200000000,3913747200000000 core="Mon-Fri 08:00-18:00 Europe/London" closed={} '
          'unit=3600000000 steps=2:9K20', 'utilisation_state: a span of exactly 100 years is read');
-- Version 1 (estate 1.0) sent the periods: their count, then each period's
-- start, end and headcount (-1 unknown).  Samples of what 1.0 sent still read,
-- as the same state: 10 people 09:00-11:00 and an unknown headcount
-- 10:00-12:00 on 8 January 2024, and 5 people on a Monday night in UTC.
SELECT is(pg_temp.received('estate.utilisation_state',
                           '01000000140002b162a5cce0000002b176c3a440000000002a020d05004575726f70652f4c6f6e646f6e00e001380401e00138'
                           '0402e001380403e001380404e00138040000000000000000000000020002b16a30fda4000002b16bde24ec000000000a0002b1'
                           '6b079148000002b16cb4b89000ffffffff')
          || ', ' || pg_temp.received('estate.utilisation_state',
                                      '01000000140002b162a5cce0000002b176c3a440000000000c0103010055544300280518060000000000000000000000'
                                      '010002b175167cf8000002b176c3a4400000000005'),
          'ok v3 capacity=20 span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 Europe/London" closed={} '
          'unit=3600000000 steps=4:9K1L1110, '
          'ok v3 capacity=20 span=757987200000000,758073600000000 core="Mon 22:00-02:00 UTC" closed={} unit=7200000000 steps=2:BA10',
          'utilisation_state: version 1''s wire form (estate 1.0, the periods listed) is read');
SELECT is(pg_temp.received('estate.utilisation_state',
                           '01000000140002b162a5cce0000002b176c3a440000000000c0103010055544300280518060000000000000000000000'
                           '010002b175167cf8000002b176c3a44000fffffffe')
          || ', ' || pg_temp.received('estate.utilisation_state',
                                      '01000000140002b162a5cce0000002b176c3a440000000000c0103010055544300280518060000000000000000000000'
                                      '010002b176c3a440000002b176c3a4400000000005'),
          '22P03, 22P03', 'utilisation_state: version 1 with a headcount of -2 or an empty period is 22P03');

-- Received values are stored as received: a table of every sample, written
-- and read back in binary, is unchanged.
CREATE TEMP TABLE every_type(id int, grade estate.condition_grade, band estate.risk_band, b estate.backlog,
                             r estate.renewal_forecast_state, d estate.disposal_impact_state,
                             c estate.core_hours, u estate.utilisation_state,
                             ps estate.investment_plan_state, p estate.investment_plan);
INSERT INTO every_type
SELECT i, g::estate.condition_grade, rb::estate.risk_band, b::estate.backlog, r::estate.renewal_forecast_state,
       d::estate.disposal_impact_state, c::estate.core_hours, u::estate.utilisation_state,
       ps::estate.investment_plan_state, p::estate.investment_plan
FROM (SELECT row_number() OVER () AS i, * FROM
        (SELECT v FROM sample WHERE t = 'estate.condition_grade'::regtype) AS g(g)
        CROSS JOIN (SELECT v FROM sample WHERE t = 'estate.risk_band'::regtype) AS rb(rb)
        CROSS JOIN (SELECT v FROM sample WHERE t = 'estate.backlog'::regtype) AS b(b)
        CROSS JOIN (SELECT v FROM sample WHERE t = 'estate.renewal_forecast_state'::regtype) AS r(r)
        CROSS JOIN (SELECT v FROM sample WHERE t = 'estate.disposal_impact_state'::regtype) AS d(d)
        CROSS JOIN (SELECT v FROM sample WHERE t = 'estate.core_hours'::regtype) AS c(c)
        CROSS JOIN (SELECT v FROM sample WHERE t = 'estate.utilisation_state'::regtype) AS u(u)
        CROSS JOIN (SELECT v FROM sample WHERE t = 'estate.investment_plan_state'::regtype) AS ps(ps)
        CROSS JOIN (SELECT v FROM sample WHERE t = 'estate.investment_plan'::regtype) AS p(p)) AS x;
INSERT INTO every_type VALUES (0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TEMP TABLE every_type2 (LIKE every_type);
SELECT pg_temp.copy_binary('every_type', 'every_type2');
SELECT is((SELECT count(*) FROM every_type a JOIN every_type2 b USING (id)
           WHERE (a.*)::text = (b.*)::text), (SELECT count(*) FROM every_type),
          'a binary COPY of a table with a column of every type round-trips every row');

SELECT * FROM finish();
ROLLBACK;
