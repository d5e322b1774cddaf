-- Text input of every estate type: malformed text is an error with its
-- SQLSTATE (22P02, 22003 for a value out of range) and, from PostgreSQL 16
-- on, a soft error: pg_input_is_valid and pg_input_error_info report it
-- without raising, with the same SQLSTATE, message and detail as the cast.
-- On 15, which has no soft errors, those checks are skipped.
BEGIN;
SET LOCAL client_min_messages = warning;

-- 'valid', or the error a cast of input to t raises.
CREATE FUNCTION pg_temp.cast_error(t regtype, input text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
  code text;
  msg text;
  det text;
BEGIN
  EXECUTE format('SELECT %L::%s', input, t);
  RETURN 'valid';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
  RETURN code || ': ' || msg || coalesce(' (' || nullif(det, '') || ')', '');
END
$f$;

-- 'valid', or the error pg_input_error_info reports, in the same form.  Only
-- called on 16+ (EXECUTE: the function does not exist before).
CREATE FUNCTION pg_temp.soft_error(t regtype, input text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
  r record;
  valid boolean;
BEGIN
  EXECUTE 'SELECT pg_catalog.pg_input_is_valid($1, $2)' INTO valid USING input, t::text;
  EXECUTE 'SELECT * FROM pg_catalog.pg_input_error_info($1, $2)' INTO r USING input, t::text;
  IF valid <> (r.sql_error_code IS NULL) THEN
    RETURN 'pg_input_is_valid and pg_input_error_info disagree';
  END IF;
  IF valid THEN
    RETURN 'valid';
  END IF;
  RETURN r.sql_error_code || ': ' || r.message || coalesce(' (' || nullif(r.detail, '') || ')', '');
END
$f$;

CREATE TEMP TABLE cases(t regtype, input text, expected text);
INSERT INTO cases VALUES
  -- Valid text of every type.
  ('estate.condition_grade', 'B(C)', 'valid'),
  ('estate.risk_band', 'significant', 'valid'),
  ('estate.backlog', 'high=1200.50, low=3', 'valid'),
  ('estate.renewal_forecast_state', 'from_year=2025, horizon=3, inflation=0.025, elements=2, due={120.00,0.00,35.10}', 'valid'),
  ('estate.disposal_impact_state', 'sites=0, floor_area=0.00, estate_floor_area=0.00, minimum_retained_area=0.00', 'valid'),
  ('estate.core_hours', 'Mon-Fri 08:00-18:00 Europe/London', 'valid'),
  ('estate.utilisation_state', 'v3 capacity=20 span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 Europe/London" '
                               || 'closed={} unit=3600000000 steps=4:9K1L1110', 'valid'),
  -- Older forms of the state still read: version 2, and version 1 (estate 1.0).
  ('estate.utilisation_state', 'v2 capacity=20 span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 Europe/London" '
                               || 'closed={} periods={32400000000+7200000000*10,36000000000+7200000000*?}', 'valid'),
  ('estate.utilisation_state', 'v1 capacity=20 span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 Europe/London" '
                               || 'closed={} periods={32400000000+7200000000*10}', 'valid'),
  ('estate.investment_plan_state', 'from_year=2025, horizon=1, annual_budget=0.00, inflation=0.025, years_per_grade=5, '
                                   || 'escalation=7, strategy=most_risk_per_pound, carry_over=false, replacement_value=0.01; form=grade; items={}',
   'valid'),
  ('estate.investment_plan', 'from_year=2025, horizon=1, form=grade; years={(0.00 0.00 0 0.00 0.00 0.00 0.00 0.00 0.00 0 -)}; '
                             || 'items={("a" - - - B(C) -)}', 'valid'),
  -- Malformed text and values out of range.
  ('estate.condition_grade', 'E', '22P02'),
  ('estate.condition_grade', '', '22P02'),
  ('estate.risk_band', 'extreme', '22P02'),
  ('estate.backlog', 'high=-1', '22P02'),
  ('estate.backlog', 'high=1, high=2', '22P02'),
  ('estate.backlog', 'unassessed=92233720368547758.08', '22003'),
  ('estate.renewal_forecast_state', 'nonsense', '22P02'),
  -- The inflation must be above -1.
  ('estate.renewal_forecast_state', 'from_year=2025, horizon=1, inflation=-1, elements=0, due={0.00}', '22003'),
  -- 140000 digits: more than numeric holds (131072 before the point).
  ('estate.renewal_forecast_state', 'from_year=2025, horizon=1, inflation=' || repeat('9', 140000)
                                    || ', elements=0, due={0.00}', '22003'),
  ('estate.disposal_impact_state', 'x', '22P02'),
  ('estate.core_hours', 'Mon-Fri 08:00-18:00 BST', '22P02'),
  ('estate.core_hours', 'Funday 08:00-18:00', '22P02'),
  ('estate.utilisation_state', 'garbage', '22P02'),
  -- Version 3: a digit outside the alphabet, a count beyond the text, a
  -- level that does not return to 0, steps beyond the span.
  ('estate.utilisation_state', 'v3 capacity=20 span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 Europe/London" '
                               || 'closed={} unit=3600000000 steps=4:9K1L111!', '22P02'),
  ('estate.utilisation_state', 'v3 capacity=20 span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 Europe/London" '
                               || 'closed={} unit=3600000000 steps=5:9K1L1110', '22P02'),
  ('estate.utilisation_state', 'v3 capacity=20 span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 Europe/London" '
                               || 'closed={} unit=3600000000 steps=4:9K1L1112', '22P02'),
  ('estate.utilisation_state', 'v3 capacity=20 span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 Europe/London" '
                               || 'closed={} unit=3600000000 steps=4:9K1L11O0', '22P02'),
  ('estate.investment_plan_state', 'nonsense', '22P02'),
  ('estate.investment_plan_state', 'from_year=2025, horizon=1, annual_budget=0.00, inflation=0.025, years_per_grade=5, '
                                   || 'escalation=7, strategy=cheapest_first, carry_over=false, replacement_value=0.01; form=grade; items={}',
   '22P02'),
  ('estate.investment_plan', 'nonsense', '22P02'),
  -- Well-formed but for a zone the server's time-zone database lacks.
  ('estate.utilisation_state', 'v1 capacity=20 span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 Mars/Olympus_Mons" '
                               || 'closed={} periods={32400000000+7200000000*10}', '22P02');

SELECT plan(2 * (SELECT count(*)::int FROM cases) + 1);

SELECT is((SELECT count(DISTINCT t)::int FROM cases),
          (SELECT count(*)::int FROM pg_type WHERE typnamespace = 'estate'::regnamespace AND typtype = 'b' AND typcategory <> 'A'),
          'every base type of the extension has cases');

SELECT is(left(pg_temp.cast_error(t, input), 5), left(expected, 5),
          format('%s %s: %s', t, left(input, 60), expected))
FROM cases ORDER BY t::text, input;

SELECT CASE WHEN current_setting('server_version_num')::int >= 160000
            THEN is(pg_temp.soft_error(t, input), pg_temp.cast_error(t, input),
                    format('%s %s: the soft error is the cast''s error', t, left(input, 60)))
            ELSE skip('soft input errors are PostgreSQL 16 and later')
       END
FROM cases ORDER BY t::text, input;

SELECT * FROM finish();
ROLLBACK;
