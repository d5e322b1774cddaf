-- estate.plan_investment: hand-computed plans for every rule, NULLs, every bad
-- input by SQLSTATE, row order (shuffled, parallel, states through text and
-- binary and combined), and a differential test against an independent
-- PL/pgSQL implementation of the rules on random items and scenarios.
BEGIN;
SELECT plan(114);

\ir include/plan_of.sql
\ir include/binary_copy.sql

-- pg_temp.run(rows, scenario): plan_investment (grade form) over
-- VALUES rows (id, grade, consequence, cost).
CREATE FUNCTION pg_temp.run(rows text, s estate.investment_scenario) RETURNS estate.investment_plan
LANGUAGE plpgsql AS $f$
DECLARE p estate.investment_plan;
BEGIN
  EXECUTE 'SELECT estate.plan_investment(id, g::estate.condition_grade, c, cost, $1) FROM (VALUES '
          || rows || ') t(id, g, c, cost)' INTO p USING s;
  RETURN p;
END
$f$;
-- The band form over VALUES rows (id, band, cost).
CREATE FUNCTION pg_temp.run_band(rows text, s estate.investment_scenario) RETURNS estate.investment_plan
LANGUAGE plpgsql AS $f$
DECLARE p estate.investment_plan;
BEGIN
  EXECUTE 'SELECT estate.plan_investment(id, b::estate.risk_band, cost, $1) FROM (VALUES '
          || rows || ') t(id, b, cost)' INTO p USING s;
  RETURN p;
END
$f$;
-- Each item as id@funded_year (- when not funded), in id order.
CREATE FUNCTION pg_temp.funded(p estate.investment_plan) RETURNS text LANGUAGE sql AS $$
  SELECT string_agg(item_id || '@' || coalesce(funded_year::text, '-'), ' ' ORDER BY item_id COLLATE "C")
  FROM estate.plan_items(p)
$$;
-- One year's row.
CREATE FUNCTION pg_temp.yr(p estate.investment_plan, y int) RETURNS SETOF record LANGUAGE sql AS $$
  SELECT * FROM estate.plan_years(p) WHERE year = y
$$;
CREATE FUNCTION pg_temp.spent(p estate.investment_plan) RETURNS text LANGUAGE sql AS $$
  SELECT string_agg(spent::text, ' ' ORDER BY year) FROM estate.plan_years(p)
$$;

-- ---- priority, passing over, strategies -----------------------------------
-- a: C x consequence 5 = score 20, high, 150.00; b: C x 2 = 8, significant,
-- 60.00; c, d: C x 1 = 4, moderate, 30.00 and 20.00.  Budget 100.00.
CREATE TEMP TABLE four AS SELECT $$('a','C',5,150.00),('b','C',2,60.00),('c','C',1,30.00),('d','C',1,20.00)$$::text AS v;
SELECT is(pg_temp.funded(pg_temp.run(v, estate.investment_scenario(from_year => 2025, annual_budget => 100, horizon => 1))),
          'a@- b@2025 c@- d@2025',
          'highest_risk_first: a (150 > 100) passed over; b 60 (40 left); d 20 before c (cheaper; 20 left); c 30 does not fit')
FROM four;
SELECT is((SELECT row(available, spent, items_funded, high, significant, moderate, total, critical_infrastructure_risk, items_waiting)::text
           FROM estate.plan_years(pg_temp.run(v, estate.investment_scenario(from_year => 2025, annual_budget => 100, horizon => 1)))),
          '(100.00,80.00,2,150.00,0.00,30.00,180.00,150.00,2)',
          'year end: spent 80, high 150 + moderate 30 left, CIR 150, 2 waiting') FROM four;
SELECT is(pg_temp.funded(pg_temp.run(v, estate.investment_scenario(from_year => 2025, annual_budget => 70, horizon => 1,
                                                                      strategy => 'strict_risk_order'))),
          'a@- b@2025 c@- d@-',
          'strict_risk_order: a dearer than the whole 70 is passed over; b (10 left); d (20 <= 70) does not fit: stop') FROM four;
SELECT is(pg_temp.funded(pg_temp.run(v, estate.investment_scenario(from_year => 2025, annual_budget => 100, horizon => 1,
                                                                      strategy => 'most_risk_per_pound'))),
          'a@- b@2025 c@- d@2025',
          'most_risk_per_pound: d 4/20 = 0.2 first; a 20/150 = b 8/60 = c 4/30 (exact ties: high a first, 150 > 80 left), then b (20 left)') FROM four;
-- Strict stops where the default goes on (band form).
SELECT is(pg_temp.funded(pg_temp.run_band($$('h','high',50.00),('s','significant',80.00),('l','low',10.00),('x','high',150.00)$$,
                                          estate.investment_scenario(from_year => 2025, annual_budget => 100, horizon => 1))),
          'h@2025 l@2025 s@- x@-', 'default: x (150) and s (80 > 50 left) passed over, l (10) funded');
SELECT is(pg_temp.funded(pg_temp.run_band($$('h','high',50.00),('s','significant',80.00),('l','low',10.00),('x','high',150.00)$$,
                                          estate.investment_scenario(from_year => 2025, annual_budget => 100, horizon => 1,
                                                                     strategy => 'strict_risk_order'))),
          'h@2025 l@- s@- x@-', 'strict: x (150 > the year''s 100) passed over, h, then s (80 <= 100) stops the year: l waits');
-- most_risk_per_pound: a zero cost first, unknown scores last.
SELECT is(pg_temp.funded(pg_temp.run($$('p','C',1,0.00),('q','D',5,10.00),('r','C',NULL,0.01),('s','C',5,1000.00)$$,
                                     estate.investment_scenario(from_year => 2025, annual_budget => 10.00, horizon => 1,
                                                                strategy => 'most_risk_per_pound'))),
          'p@2025 q@2025 r@- s@-',
          'per pound: p (zero cost) first, then q 25/10, s 20/1000 does not fit; r (unknown score) last: nothing left');

-- ---- zero cost, zero budget, do nothing ------------------------------------
SELECT is(pg_temp.funded(pg_temp.run($$('x','D',3,0),('y','D',3,1.00)$$,
                                     estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 2))),
          'x@2025 y@-', 'a zero-cost item fits a zero budget; nothing else does');
SELECT is((SELECT high FROM estate.plan_years(pg_temp.run($$('x','D',3,0),('y','D',3,1.00)$$,
                                     estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 2))) WHERE year = 2026),
          1.00, 'do nothing: y (D x 3 = 15, high) still there in year 2');

-- ---- deterioration, arising, escalation on one step only --------------------
-- Every 2 years, escalation 10%, horizon 5, nothing funded:
--   c: C -> D in 2027 (floor(2/2) = 1 period): 100.00 x 1.1 = 110.00
--   b: B(C) -> C in 2027 (arises at 50.00) -> D in 2029: 55.00 (one step since arising)
--   x: CX -> DX in 2027: 10.00 x 1.1 = 11.00
--   d: D stays D: 7.00, no escalation (no grade change made)
CREATE TEMP TABLE det AS SELECT pg_temp.run($$('b','B(C)',1,50.00),('c','C',1,100.00),('d','D',1,7.00),('x','CX',1,10.00)$$,
    estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 5, years_per_grade => 2, escalation => 0.1)) AS p;
SELECT is((SELECT string_agg(format('%s:%s/%s/%s', year, arising, moderate, items_waiting), ' ' ORDER BY year) FROM det, estate.plan_years(p)),
          '2025:0.00/117.00/3 2026:0.00/117.00/3 2027:50.00/178.00/4 2028:0.00/178.00/4 2029:0.00/183.00/4',
          'years: 100 + 10 + 7 = 117; 2027: 110 + 11 + 7 + 50 arising = 178; 2029: b is D, 55: 183');
SELECT is((SELECT string_agg(format('%s:%s/%s/%s/%s', item_id, entered_year, funded_year, grade, band), ' ' ORDER BY item_id) FROM det, estate.plan_items(p)),
          'b:2027//D/moderate c:2025//D/moderate d:2025//D/moderate x:2025//DX/moderate',
          'items at the horizon''s end: b entered 2027, grades D, D, D, DX (D x 1 = 5: moderate)');
SELECT is((SELECT string_agg(format('%s:%s/%s', item_id, entered_year, band), ' ' ORDER BY item_id)
           FROM estate.plan_items(pg_temp.run($$('b','B(C)',1,50.00),('c','C',NULL,1)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 3, years_per_grade => NULL)))),
          'b:/ c:2025/',
          'no deterioration: B(C) never arises (entered NULL, no band); NULL consequence: unassessed (band NULL)');
SELECT is((SELECT row(cost_paid, grade)::text FROM estate.plan_items(pg_temp.run($$('c','C',5,100.00)$$,
                 estate.investment_scenario(from_year => 2025, budgets => '{0,0,200}', horizon => 3, years_per_grade => 1, escalation => 0.25)))),
          '(125.00,D)', 'funded in year 3 as D: one step of escalation only (100 x 1.25), not one per period');

-- ---- inflation, rounded once per item-year ----------------------------------
-- 1.00 x 1.025 = 1.025 -> 1.03; x 1.050625 -> 1.05 (rounding each year would
-- give 1.03 x 1.025 = 1.05575 -> 1.06); x 1.076890625 -> 1.08.
SELECT is((SELECT string_agg(significant::text, ' ' ORDER BY year) FROM estate.plan_years(pg_temp.run($$('i','C',2,1.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 4, inflation => 0.025, years_per_grade => NULL)))),
          '1.00 1.03 1.05 1.08', 'inflation compounds exactly and each item-year rounds half away from zero once');
SELECT is((SELECT string_agg(significant::text, ' ' ORDER BY year) FROM estate.plan_years(pg_temp.run($$('i','C',2,1.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 4, inflation => -0.5, years_per_grade => NULL)))),
          '1.00 0.50 0.25 0.13', 'deflation: 0.125 rounds half away from zero to 0.13');
SELECT is((SELECT high FROM estate.plan_years(pg_temp.run($$('i','D',5,0.005),('j','D',5,0.004)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 1)))),
          0.01, 'costs are rounded as they enter: 0.005 -> 0.01, 0.004 -> 0.00');

-- ---- carry-over, per-year budgets -------------------------------------------
SELECT is((SELECT string_agg(available || '/' || spent, ' ' ORDER BY year) FROM estate.plan_years(pg_temp.run($$('k','C',5,25.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 10, horizon => 4, carry_over => true)))),
          '10.00/0.00 20.00/0.00 30.00/25.00 15.00/0.00',
          'carry-over accumulates: 10, 20, 30 (25 spent), then 10 + 5 left');
SELECT is((SELECT string_agg(available || '/' || spent, ' ' ORDER BY year) FROM estate.plan_years(pg_temp.run($$('k','C',5,25.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 10, horizon => 3)))),
          '10.00/0.00 10.00/0.00 10.00/0.00', 'without carry-over the item is never funded');
SELECT is(pg_temp.funded(pg_temp.run($$('p','C',5,25.00),('q','C',5,30.00)$$,
                 estate.investment_scenario(from_year => 2025, budgets => '{0,25.00,30}', horizon => 3))),
          'p@2026 q@2027', 'per-year budgets: 0, 25, 30');
SELECT is((SELECT string_agg(available::text, ' ' ORDER BY year) FROM estate.plan_years(pg_temp.run($$('p','C',5,1)$$,
                 estate.investment_scenario(from_year => 2025, budgets => '{0.005,0.004}', horizon => 2)))),
          '0.01 0.00', 'budgets are rounded to the penny as they enter');

-- ---- unassessed last and every tie-break key -------------------------------
SELECT is(pg_temp.funded(pg_temp.run($$('A','C',1,1.00),('a','C',NULL,0.01)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 1.00, horizon => 1))),
          'A@2025 a@-', 'unassessed (NULL consequence) after every band, however cheap');
SELECT is(pg_temp.funded(pg_temp.run($$('m','D',3,1.00),('n','C',4,9.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 9, horizon => 1))),
          'm@- n@2025', 'within a band, higher score before cheaper: n (C x 4 = 16) takes all 9.00 before m (D x 3 = 15, 1.00)');
-- Waiting: A and B (C, consequence 1) wait from 2025; b arises 2026; every
-- year they deteriorate (years_per_grade 1) so in 2027 all three are D x 1 = 5
-- moderate; A and B have waited 2 years, b 1: A goes first although b is
-- cheaper (0.60 < 1.00).
SELECT is(pg_temp.funded(pg_temp.run($$('A','C',1,1.00),('B','C',1,1.00),('b','B(C)',1,0.60)$$,
                 estate.investment_scenario(from_year => 2025, budgets => '{0,0,1}', horizon => 3, years_per_grade => 1))),
          'A@2027 B@- b@-', 'years waiting before cost; "A" before "B" in byte order');
SELECT is(pg_temp.funded(pg_temp.run($$('a','C',1,1.00),('B','C',1,1.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => 1))),
          'B@2025 a@-', 'the last tie-break is byte order, not collation: "B" (0x42) before "a" (0x61)');
SELECT is(pg_temp.funded(pg_temp.run($$('x','C',1,2.00),('y','C',1,1.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 2, horizon => 1, strategy => 'strict_risk_order'))),
          'x@- y@2025', 'cost ascending before id: y (1.00) first; then x (2.00 > 1.00 left, <= 2): stop');

-- ---- FCI ---------------------------------------------------------------------
SELECT is((SELECT fci FROM estate.plan_years(pg_temp.run($$('f','C',1,1.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 1, replacement_value => 3)))),
          0.333333, 'fci 1.00 / 3.00 = 0.333333');
SELECT is((SELECT fci FROM estate.plan_years(pg_temp.run($$('f','C',1,2.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 1, replacement_value => 3)))),
          0.666667, 'fci 2.00 / 3.00 = 0.6666666... rounds to 0.666667');
SELECT is((SELECT fci FROM estate.plan_years(pg_temp.run($$('f','C',1,0.50)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 1, replacement_value => 1000000)))),
          0.000001, 'fci 0.0000005 rounds half away from zero to 0.000001');
SELECT is((SELECT string_agg(coalesce(fci::text, 'NULL'), ' ' ORDER BY year) FROM estate.plan_years(pg_temp.run($$('f','C',1,1.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 3, inflation => 0.1, years_per_grade => NULL,
                                            replacement_value => 10)))),
          '0.100000 0.100000 0.100000',
          'the replacement value inflates too: 1.10 / 11.00, 1.21 / 12.10');
SELECT is((SELECT string_agg(coalesce(fci::text, 'NULL'), ' ' ORDER BY year) FROM estate.plan_years(pg_temp.run($$('f','C',1,1.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 2, inflation => -0.999,
                                            replacement_value => 0.01)))),
          '100.000000 NULL', 'steep deflation: 0.01 x 0.001 rounds to 0.00, fci NULL');
SELECT ok((SELECT bool_and(fci IS NULL) FROM estate.plan_years(pg_temp.run($$('f','C',1,1.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 2)))),
          'no replacement value: fci NULL');

-- ---- the band form -----------------------------------------------------------
SELECT is((SELECT string_agg(format('%s:%s/%s/%s', item_id, funded_year, grade, band), ' ' ORDER BY item_id)
           FROM estate.plan_items(pg_temp.run_band($$('h','high',5.00),('l','low',1.00),('u',NULL,0.10)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 6, horizon => 2)))),
          'h:2025//high l:2025//low u:2026//',
          'band form: no grade; NULL band is unassessed, funded last (2026)');
SELECT is((SELECT string_agg(high || '/' || unassessed, ' ' ORDER BY year)
           FROM estate.plan_years(pg_temp.run_band($$('h','high',5.00),('u',NULL,0.10)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 3, years_per_grade => 1, escalation => 1, inflation => 0.1)))),
          '5.00/0.10 5.50/0.11 6.05/0.12', 'band form: bands never change and nothing escalates; inflation applies (0.121 -> 0.12)');

-- ---- NULLs and empty input ------------------------------------------------------
SELECT is(pg_temp.funded(pg_temp.run($$('a','C',1,NULL::numeric),(NULL,'C',1,NULL),('b','C',9,NULL),('c','C',1,1.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => 1))),
          'c@2025', 'NULL cost rows are skipped without the item checks (NULL id, consequence 9)');
SELECT is(pg_temp.funded(pg_temp.run($$('a',NULL,1,1.00),('b','A',1,1.00),('c','B',1,1.00),('d','DX',1,1.00),('c','B',1,1.00)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => 1))),
          'd@2025', 'grades NULL, A and B are skipped after their checks (and may repeat ids of each other)');
SELECT ok(pg_temp.run($$('a','B',1,1.00),('b','C',1,NULL::numeric)$$,
                 estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => 1)) IS NULL, 'no row kept: NULL');
SELECT ok((SELECT estate.plan_investment(id, 'C'::estate.condition_grade, 1, 1.0, estate.investment_scenario(from_year => 2025, annual_budget => 1))
           FROM (SELECT 'x'::text AS id WHERE false) t) IS NULL, 'no rows: NULL');

-- ---- the scenario ----------------------------------------------------------------
SELECT is(estate.investment_scenario(from_year => 2025, annual_budget => 1000000)::text,
          '(2025,1000000,,10,0,5,0,highest_risk_first,f,)', 'defaults: horizon 10, inflation 0, 5 years a grade, no escalation');
SELECT is(estate.investment_scenario(2025, NULL, '{1,2}', 2, 0.03, NULL, 0.1, 'strict_risk_order', true, 5e6)::text,
          '(2025,,"{1,2}",2,0.03,,0.1,strict_risk_order,t,5000000)', 'every field given positionally');
SELECT is(pg_temp.spent(pg_temp.run($$('a','C',1,1.00)$$, estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => 1, inflation => 0.030))),
          pg_temp.spent(pg_temp.run($$('a','C',1,1.00)$$, estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => 1, inflation => 0.03))),
          '0.03 and 0.030 are the same scenario');
SELECT lives_ok($$SELECT estate.plan_investment(id, 'C'::estate.condition_grade, 1, 1.0, s)
                  FROM (VALUES ('a', estate.investment_scenario(from_year => 2025, annual_budget => 1, inflation => 0.03)),
                               ('b', estate.investment_scenario(from_year => 2025, annual_budget => 1, inflation => 0.0300))) t(id, s)$$,
                '0.03 and 0.0300 on two rows of a group: the same scenario by value');

-- Every field's errors, from the constructor.
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => NULL, annual_budget => 1)$$, '22023', 'investment scenario: from_year must not be NULL', 'from_year NULL');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025)$$, '22023', 'investment scenario: annual_budget or budgets must be given', 'no budget');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, budgets => '{1}', horizon => 1)$$, '22023',
                 'investment scenario: annual_budget and budgets must not both be given', 'both budgets');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, budgets => '{1,2}', horizon => 3)$$, '22023',
                 'investment scenario: budgets has 2 elements, the horizon 3 years', 'budgets shorter than the horizon');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, budgets => '{1,NULL}', horizon => 2)$$, '22023',
                 'investment scenario: budgets element 2 is NULL', 'a NULL budgets element');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, budgets => '{1,-0.001}', horizon => 2)$$, '22023',
                 'investment scenario: budgets -0.001 is negative', 'a negative budget (checked before rounding)');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => -1)$$, '22023',
                 'investment scenario: annual_budget -1 is negative', 'negative annual_budget');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 'NaN')$$, '22023',
                 'investment scenario: annual_budget NaN is not a finite number', 'annual_budget NaN');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 'Infinity')$$, '22023', NULL, 'annual_budget Infinity');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 92233720368547758.08)$$, '22003', NULL,
                 'annual_budget beyond int64 pence');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => 0)$$, '22023',
                 'investment scenario: horizon 0 is out of range', 'horizon 0');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => 101)$$, '22023',
                 'investment scenario: horizon 101 is out of range', 'horizon 101');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => NULL)$$, '22023',
                 'investment scenario: horizon must not be NULL', 'horizon NULL');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2147483647, annual_budget => 1, horizon => 2)$$, '22003',
                 'investment scenario: the last year 2147483648 is out of range for integer', 'last year beyond int');
SELECT lives_ok($$SELECT estate.investment_scenario(from_year => 2147483647, annual_budget => 1, horizon => 1)$$, 'last year INT_MAX');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, inflation => -1)$$, '22023',
                 'investment scenario: inflation -1 is out of range', 'inflation -1');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, inflation => 'NaN')$$, '22023',
                 'investment scenario: inflation NaN is not a finite number', 'inflation NaN');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, inflation => NULL)$$, '22023',
                 'investment scenario: inflation must not be NULL', 'inflation NULL');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, years_per_grade => 0)$$, '22023',
                 'investment scenario: years_per_grade 0 is out of range', 'years_per_grade 0');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, escalation => -0.1)$$, '22023',
                 'investment scenario: escalation -0.1 is negative', 'negative escalation');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, escalation => NULL)$$, '22023',
                 'investment scenario: escalation must not be NULL', 'escalation NULL');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, escalation => '-Infinity')$$, '22023',
                 NULL, 'escalation -Infinity');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, strategy => 'Highest_Risk_First')$$, '22023',
                 'investment scenario: unknown strategy "Highest_Risk_First"', 'strategy names are lower case');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, strategy => NULL)$$, '22023',
                 'investment scenario: strategy must not be NULL', 'strategy NULL');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, carry_over => NULL)$$, '22023',
                 'investment scenario: carry_over must not be NULL', 'carry_over NULL');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, replacement_value => 0.009)$$, '22023',
                 'investment scenario: replacement_value 0.009 is out of range', 'replacement_value below 0.01 (before rounding)');
SELECT throws_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, replacement_value => 'NaN')$$, '22023',
                 'investment scenario: replacement_value NaN is not a finite number', 'replacement_value NaN');
SELECT lives_ok($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, replacement_value => 0.01)$$, 'replacement_value 0.01');

-- The aggregates check hand-built scenarios the same way.
SELECT throws_ok($$SELECT estate.plan_investment('a', 'C'::estate.condition_grade, 1, 1.0,
                     ROW(2025, 1, NULL, 0, 0, 5, 0, 'highest_risk_first', false, NULL)::estate.investment_scenario)$$,
                 '22023', 'investment scenario: horizon 0 is out of range', 'a hand-built ROW with horizon 0');
SELECT throws_ok($$SELECT estate.plan_investment('a', 'high'::estate.risk_band, 1.0,
                     ROW(2025, 1, NULL, 10, 0, 5, 0, 'cheapest', false, NULL)::estate.investment_scenario)$$,
                 '22023', 'investment scenario: unknown strategy "cheapest"', 'a hand-built ROW with an unknown strategy (band form)');
SELECT throws_ok($$SELECT estate.plan_investment('a', 'C'::estate.condition_grade, 1, 1.0, NULL::estate.investment_scenario)$$,
                 '22023', 'investment scenario: the scenario must not be NULL', 'NULL scenario');
SELECT throws_ok($$SELECT estate.plan_investment('a', 'C'::estate.condition_grade, 1, NULL, NULL::estate.investment_scenario)$$,
                 '22023', 'investment scenario: the scenario must not be NULL', 'NULL scenario on a NULL-cost row');
SELECT throws_ok($$SELECT estate.plan_investment('a', 'high'::estate.risk_band, 1.0,
                     estate.investment_scenario(from_year => 2025, annual_budget => 1, strategy => 'most_risk_per_pound'))$$,
                 '22023', 'investment scenario: strategy most_risk_per_pound needs risk scores', 'most_risk_per_pound in the band form');
SELECT throws_ok($$SELECT estate.plan_investment(id, 'C'::estate.condition_grade, 1, cost, estate.investment_scenario(from_year => 2025, annual_budget => b))
                  FROM (VALUES ('a', 1.0, 1), ('b', 1.0, 2)) t(id, cost, b)$$,
                 '22023', 'the scenario must be the same on every row of a group', 'a differing scenario');
SELECT throws_ok($$SELECT estate.plan_investment(id, 'C'::estate.condition_grade, 1, cost, estate.investment_scenario(from_year => 2025, annual_budget => b))
                  FROM (VALUES ('a', 1.0, 1), ('b', NULL, 2)) t(id, cost, b)$$,
                 '22023', 'the scenario must be the same on every row of a group', 'a differing scenario on a NULL-cost row');
SELECT throws_ok($$SELECT estate.plan_investment(id, 'high'::estate.risk_band, cost, estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => h))
                  FROM (VALUES ('a', 1.0, 1), ('b', 1.0, 2)) t(id, cost, h)$$,
                 '22023', 'the scenario must be the same on every row of a group', 'a differing scenario (band form)');

-- Item errors.
SELECT throws_ok($$SELECT pg_temp.run($q$('a','C',1,1.00),('a','D',2,2.00)$q$, estate.investment_scenario(from_year => 2025, annual_budget => 1))$$,
                 '22023', 'item_id "a" is repeated in the group', 'a repeated item_id');
SELECT throws_ok($$SELECT pg_temp.run_band($q$('a','high',1.00),('a',NULL,2.00)$q$, estate.investment_scenario(from_year => 2025, annual_budget => 1))$$,
                 '22023', 'item_id "a" is repeated in the group', 'a repeated item_id (band form)');
SELECT throws_ok($$SELECT pg_temp.run($q$(NULL,'C',1,1.00)$q$, estate.investment_scenario(from_year => 2025, annual_budget => 1))$$,
                 '22023', 'item_id must not be NULL', 'a NULL item_id');
SELECT throws_ok($$SELECT pg_temp.run($q$('a','A',1,-0.01)$q$, estate.investment_scenario(from_year => 2025, annual_budget => 1))$$,
                 '22023', 'cost -0.01 is negative', 'a negative cost (even on a grade A row)');
SELECT throws_ok($$SELECT pg_temp.run($q$('a','C',1,'NaN'::numeric)$q$, estate.investment_scenario(from_year => 2025, annual_budget => 1))$$,
                 '22023', NULL, 'a NaN cost');
SELECT throws_ok($$SELECT pg_temp.run($q$('a','C',0,1.00)$q$, estate.investment_scenario(from_year => 2025, annual_budget => 1))$$,
                 '22003', 'consequence 0 is out of range', 'consequence 0');
SELECT throws_ok($$SELECT pg_temp.run($q$('a','B',6,1.00)$q$, estate.investment_scenario(from_year => 2025, annual_budget => 1))$$,
                 '22003', 'consequence 6 is out of range', 'consequence 6 (even on a grade B row)');

-- Overflow: 22003.
SELECT throws_ok($$SELECT pg_temp.run($q$('a','C',1,92233720368547758.08)$q$, estate.investment_scenario(from_year => 2025, annual_budget => 1))$$,
                 '22003', NULL, 'a cost beyond int64 pence');
SELECT throws_ok($$SELECT pg_temp.run($q$('a','C',1,50000000000000000)$q$, estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 2, inflation => 1))$$,
                 '22003', 'investment plan out of range', 'a cost inflated beyond int64 pence');
SELECT throws_ok($$SELECT pg_temp.run($q$('a','C',1,50000000000000000),('b','C',1,50000000000000000)$q$, estate.investment_scenario(from_year => 2025, annual_budget => 0, horizon => 1))$$,
                 '22003', 'investment plan out of range', 'a year''s backlog beyond int64 pence');
SELECT throws_ok($$SELECT pg_temp.run($q$('a','C',1,1)$q$, estate.investment_scenario(from_year => 2025, annual_budget => 50000000000000000, horizon => 2, carry_over => true))$$,
                 '22003', 'investment plan out of range', 'carried-over money beyond int64 pence');

-- ---- the types' text and binary forms --------------------------------------------
CREATE TEMP TABLE plans(id int, p estate.investment_plan);
INSERT INTO plans SELECT 1, p FROM det;
INSERT INTO plans SELECT 2, pg_temp.run_band($$('x"y','high',5.00),('',NULL,0.10)$$,
                 estate.investment_scenario(from_year => -5, annual_budget => 5, horizon => 2, replacement_value => 7));
CREATE TEMP TABLE plans2(id int, p estate.investment_plan);
SELECT pg_temp.copy_binary('plans', 'plans2');
SELECT is((SELECT count(*) FROM plans JOIN plans2 USING (id)
           WHERE estate.investment_plan_send(plans.p) = estate.investment_plan_send(plans2.p)
             AND plans.p::text = plans2.p::text
             AND estate.investment_plan_send(plans.p::text::estate.investment_plan) = estate.investment_plan_send(plans.p)),
          2::bigint, 'plans round-trip through text and binary COPY to the same bytes');
SELECT is((SELECT p::text FROM plans WHERE id = 2),
          'from_year=-5, horizon=2, form=band; years={(5.00 5.00 1 0.00 0.00 0.00 0.00 0.00 0.10 1 0.014286), (5.00 0.10 1 0.00 0.00 0.00 0.00 0.00 0.00 0 0.000000)}; items={("" -5 -4 0.10 - -), ("x""y" -5 -5 5.00 - high)}',
          'a plan''s text: ids quoted, fci 0.10 / 7.00 = 0.0142857 -> 0.014286');
SELECT throws_ok($$SELECT 'from_year=2025, horizon=1, form=band; years={(1.00 1.00 0 0.00 0.00 0.00 0.00 0.00 0.00 0 -)}; items={}'::estate.investment_plan$$,
                 '22P02', NULL, 'a plan whose spending disagrees with its items');
SELECT throws_ok($$SELECT 'from_year=2025'::estate.investment_plan$$, '22P02', NULL, 'a truncated plan');
SELECT throws_ok($$SELECT pg_temp.recv('plans2', '02')$$, '22P03', 'invalid binary input for type estate.investment_plan', 'a plan of an unknown version');
SELECT throws_ok($$SELECT pg_temp.recv('plans2', '0101000007e900000001')$$, '22P03', 'invalid binary input for type estate.investment_plan', 'a truncated binary plan');

-- The state: a real type with exact text and binary I/O.
CREATE AGGREGATE pg_temp.plan_state(text, estate.condition_grade, integer, numeric, estate.investment_scenario) (
    SFUNC = estate.investment_plan_transfn, STYPE = estate.investment_plan_state, COMBINEFUNC = estate.investment_plan_combine);
CREATE AGGREGATE pg_temp.combine_states(estate.investment_plan_state) (
    SFUNC = estate.investment_plan_combine, STYPE = estate.investment_plan_state, FINALFUNC = estate.investment_plan_final);
SELECT is((SELECT pg_temp.plan_state(id, g::estate.condition_grade, c, cost,
                     estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => 2, years_per_grade => NULL))::text
           FROM (VALUES ('a"b', 'C', 3, 1.20), ('z', 'B(C)', NULL, 0.05), ('skip', 'A', 1, 9)) t(id, g, c, cost)),
          'from_year=2025, horizon=2, annual_budget=1.00, inflation=0, years_per_grade=-, escalation=0, strategy=highest_risk_first, carry_over=false, replacement_value=-; form=grade; items={("a""b" C 3 1.20), ("z" B(C) - 0.05)}',
          'a state''s text: the scenario, the form and the items kept');
CREATE TEMP TABLE states(id int, s estate.investment_plan_state);
INSERT INTO states VALUES (1, 'from_year=2025, horizon=2, budgets={1.00, 2.50}, inflation=-0.025, years_per_grade=3, escalation=0.1, strategy=most_risk_per_pound, carry_over=true, replacement_value=10.00; form=grade; items={("a" C 3 1.20), ("b" DX - 0.05)}'),
  (2, 'from_year=0, horizon=1, annual_budget=0.00, inflation=0, years_per_grade=-, escalation=0, strategy=strict_risk_order, carry_over=false, replacement_value=-; form=band; items={("x" high 1.00), ("y" - 0.00)}'),
  (3, 'from_year=1, horizon=1, annual_budget=0.00, inflation=0, years_per_grade=-, escalation=0, strategy=highest_risk_first, carry_over=false, replacement_value=-; form=band; items={}');
CREATE TEMP TABLE states2(id int, s estate.investment_plan_state);
SELECT pg_temp.copy_binary('states', 'states2');
SELECT is((SELECT count(*) FROM states JOIN states2 USING (id) WHERE states.s::text = states2.s::text
             AND states.s::text::estate.investment_plan_state::text = states.s::text),
          3::bigint, 'states round-trip through text and binary COPY');
SELECT throws_ok($$SELECT 'from_year=2025, horizon=1, annual_budget=0.00, inflation=0.50, years_per_grade=-, escalation=0, strategy=highest_risk_first, carry_over=false, replacement_value=-; form=band; items={}'::estate.investment_plan_state$$,
                 '22P02', NULL, 'a state with a rate not in canonical form');
SELECT throws_ok($$SELECT 'from_year=2025, horizon=1, annual_budget=0.00, inflation=0, years_per_grade=-, escalation=0, strategy=most_risk_per_pound, carry_over=false, replacement_value=-; form=band; items={}'::estate.investment_plan_state$$,
                 '22P02', NULL, 'a band-form state with most_risk_per_pound');
SELECT throws_ok($$SELECT 'from_year=2025, horizon=1, annual_budget=0.00, inflation=0, years_per_grade=-, escalation=0, strategy=highest_risk_first, carry_over=false, replacement_value=-; form=grade; items={("a" B 1 1.00)}'::estate.investment_plan_state$$,
                 '22P02', NULL, 'a state item of grade B');
SELECT throws_ok($$SELECT pg_temp.recv('states2', '02')$$, '22P03', 'invalid binary input for type estate.investment_plan_state', 'a state of an unknown version');
SELECT throws_ok($$SELECT pg_temp.recv('states2', '010100000000')$$, '22P03', 'invalid binary input for type estate.investment_plan_state', 'a state with an empty scenario');

-- ---- row order never matters -----------------------------------------------------
-- 6,000 survey items in one group; the same plan's bytes however the rows come.
CREATE TABLE estate_test_survey AS
SELECT 'el-' || lpad(i::text, 6, '0') AS id,
       (ARRAY['A','B','B(C)','C','CX','D','DX'])[1 + (i * 3) % 7]::estate.condition_grade AS grade,
       CASE WHEN i % 11 = 0 THEN NULL ELSE 1 + (i * 13) % 5 END AS consequence,
       CASE WHEN i % 23 = 0 THEN NULL ELSE round(((i * 7919) % 100000) / 100.0 + (i % 3) * 1000, 2) END AS cost
FROM generate_series(1, 6000) i;
ANALYZE estate_test_survey;
CREATE TEMP TABLE sc AS SELECT estate.investment_scenario(from_year => 2025, annual_budget => 250000, horizon => 10, inflation => 0.031,
    years_per_grade => 3, escalation => 0.15, replacement_value => 40000000) AS s;
CREATE TEMP TABLE serial_plan AS SELECT estate.investment_plan_send(estate.plan_investment(id, grade, consequence, cost, s)) AS b
FROM estate_test_survey, sc;
SELECT is((SELECT estate.investment_plan_send(estate.plan_investment(id, grade, consequence, cost, s ORDER BY random())) FROM estate_test_survey, sc),
          (SELECT b FROM serial_plan), 'shuffled input gives the same bytes');
SELECT is((SELECT estate.investment_plan_send(estate.plan_investment(id, grade, consequence, cost, s ORDER BY id DESC)) FROM estate_test_survey, sc),
          (SELECT b FROM serial_plan), 'reversed input gives the same bytes');
-- Two halves' states, through text and through binary, combined.
CREATE TEMP TABLE halves AS
SELECT (i % 2) AS half, pg_temp.plan_state(id, grade, consequence, cost, s) AS st
FROM (SELECT row_number() OVER () AS i, * FROM estate_test_survey) t, sc GROUP BY i % 2;
CREATE TEMP TABLE halves_bin(half bigint, st estate.investment_plan_state);
SELECT pg_temp.copy_binary('halves', 'halves_bin');
SELECT is((SELECT estate.investment_plan_send(pg_temp.combine_states(st::text::estate.investment_plan_state ORDER BY half DESC)) FROM halves),
          (SELECT b FROM serial_plan), 'states through text, combined in either order: the same bytes');
SELECT is((SELECT estate.investment_plan_send(pg_temp.combine_states(st)) FROM halves_bin),
          (SELECT b FROM serial_plan), 'states through binary COPY, combined: the same bytes');
SELECT is((SELECT estate.investment_plan_send(estate.investment_plan_final(st)) FROM (SELECT pg_temp.plan_state(id, grade, consequence, cost, s) AS st FROM estate_test_survey, sc) x),
          (SELECT b FROM serial_plan), 'the final function called directly on a large (expanded) state');
-- Stored, a large state holds its records packed; read back, the same plan.
CREATE TEMP TABLE whole AS SELECT pg_temp.plan_state(id, grade, consequence, cost, s) AS st FROM estate_test_survey, sc;
SELECT is((SELECT estate.investment_plan_send(estate.investment_plan_final(st)) FROM whole),
          (SELECT b FROM serial_plan), 'the final function called directly on a stored (packed) state');
-- Packed, 200 items "k-0001".."k-0200" (C, 3, 1.00: 100 pence, one varint
-- byte; per item shared length, rest length, the rest, grade, consequence,
-- cost) take: the first 1 + 1 + 6 + 2 + 1 = 11; one sharing "k-000" with the
-- previous 1 + 1 + 1 + 2 + 1 = 6 (179 of them); at a new ten, sharing 4
-- bytes, 7 (18: 10..90 and 110..190); at a new hundred, sharing "k-0", 8
-- (100 and 200): 11 + 179 * 6 + 18 * 7 + 2 * 8 = 1227 bytes, where unpacked
-- they take 200 * (14 + 6) = 4000.  Beyond the header and scenario of a
-- state with no items.
SELECT is((SELECT pg_column_size(pg_temp.plan_state('k-' || lpad(i::text, 4, '0'), 'C', 3, 1.00, s)) FROM generate_series(1, 200) i, sc)
        - (SELECT pg_column_size(pg_temp.plan_state('x', 'C', 3, NULL, s)) FROM sc),
          1227, 'a large state leaves its process packed: 200 items in 1,227 bytes instead of 4,000');
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
SELECT ok(pg_temp.plan_of($$SELECT estate.plan_investment(id, grade, consequence, cost,
            estate.investment_scenario(from_year => 2025, annual_budget => 250000)) FROM estate_test_survey$$) ~ 'Partial Aggregate',
          'a forced parallel plan has a Partial Aggregate');
SELECT is((SELECT estate.investment_plan_send(estate.plan_investment(id, grade, consequence, cost,
              estate.investment_scenario(from_year => 2025, annual_budget => 250000, horizon => 10, inflation => 0.031,
                  years_per_grade => 3, escalation => 0.15, replacement_value => 40000000))) FROM estate_test_survey),
          (SELECT b FROM serial_plan), 'a forced parallel plan gives the same bytes');
SELECT is((SELECT string_agg(estate.investment_plan_send(p)::text, ',' ORDER BY g) FROM (
             SELECT consequence AS g, estate.plan_investment(id, grade, consequence, cost,
               estate.investment_scenario(from_year => 2025, annual_budget => 5000)) AS p FROM estate_test_survey GROUP BY consequence) x),
          (SELECT string_agg(estate.investment_plan_send(p)::text, ',' ORDER BY g) FROM (
             SELECT g, pg_temp.combine_states(st) AS p FROM (
               SELECT consequence AS g, pg_temp.plan_state(id, grade, consequence, cost, estate.investment_scenario(from_year => 2025, annual_budget => 5000)) AS st
               FROM estate_test_survey GROUP BY consequence) y GROUP BY g) x),
          'grouped, in parallel: each group as a serial plan would give it');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- ---- differential test: an independent PL/pgSQL implementation -------------------
-- The rules written again, plainly: numeric arithmetic, SQL sorts, a table
-- of items.  Reads pg_temp table ref_in(grp, id, grade, cons, band, cost) for
-- one group; returns the plan as text, in the same shape as pg_temp.as_text.
\ir include/investment_plan_reference.sql

CREATE FUNCTION pg_temp.as_text(p estate.investment_plan) RETURNS text LANGUAGE sql AS $$
  SELECT coalesce((SELECT string_agg(concat_ws('|', year, available, spent, items_funded, arising, high, significant,
                                     moderate, low, unassessed, total, critical_infrastructure_risk, items_waiting,
                                     coalesce(fci::text, '-')), E'\n' ORDER BY year) FROM estate.plan_years(p)), '') || E'\n' ||
         coalesce((SELECT string_agg(concat_ws('|', item_id, coalesce(entered_year::text, '-'), coalesce(funded_year::text, '-'),
                                     coalesce(cost_paid::text, '-'), coalesce(grade::text, '-'), coalesce(band::text, '-')),
                                     E'\n' ORDER BY item_id COLLATE "C") FROM estate.plan_items(p)), '')
$$;

SELECT setseed(0.4242);
CREATE TEMP TABLE groups AS
SELECT g, (g % 5 = 0) AS band_form,
       estate.investment_scenario(
         from_year => 2020 + g % 7,
         annual_budget => CASE WHEN g % 4 <> 1 THEN round((random() * 4000)::numeric, 2) END,
         budgets => CASE WHEN g % 4 = 1 THEN (SELECT array_agg(round((random() * 3000)::numeric, 3)) FROM generate_series(1, 1 + g % 12)) END,
         horizon => 1 + g % 12,
         inflation => (ARRAY[0, 0.025, -0.1, 0.5, 0.0375])[1 + g % 5],
         years_per_grade => (ARRAY[NULL, 1, 2, 3, 5])[1 + (g / 5) % 5],
         escalation => (ARRAY[0, 0.1, 0.25])[1 + g % 3],
         strategy => CASE WHEN g % 5 = 0 THEN (ARRAY['highest_risk_first', 'strict_risk_order'])[1 + (g / 5) % 2]
                          ELSE (ARRAY['highest_risk_first', 'strict_risk_order', 'most_risk_per_pound'])[1 + (g / 2) % 3] END,
         carry_over => g % 3 = 0,
         replacement_value => CASE WHEN g % 2 = 0 THEN round((1000 + random() * 100000)::numeric, 2) END) AS s
FROM generate_series(1, 60) g;
CREATE TEMP TABLE ref_in AS
SELECT g AS grp, 'i' || n || (CASE WHEN n % 9 = 0 THEN 'Z' ELSE 'a' END) AS id,
       (ARRAY['A','B','B(C)','C','CX','D','DX', NULL])[1 + floor(random() * 8)::int]::estate.condition_grade AS grade,
       CASE WHEN random() < 0.15 THEN NULL ELSE 1 + floor(random() * 5)::int END AS cons,
       (ARRAY['low','moderate','significant','high', NULL])[1 + floor(random() * 5)::int]::estate.risk_band AS band,
       CASE WHEN random() < 0.05 THEN NULL WHEN random() < 0.05 THEN 0
            ELSE round((random() * random() * 2000)::numeric, (ARRAY[0, 2, 3])[1 + floor(random() * 3)::int]) END AS cost
FROM generate_series(1, 60) g, generate_series(1, 50 + (g * 37) % 100) n;
CREATE TEMP TABLE diffs AS
SELECT g, pg_temp.as_text(CASE WHEN band_form
            THEN (SELECT estate.plan_investment(id, band, cost, s) FROM ref_in WHERE grp = g)
            ELSE (SELECT estate.plan_investment(id, grade, cons, cost, s) FROM ref_in WHERE grp = g) END) AS got,
       pg_temp.reference_plan(g, s, band_form) AS expected
FROM groups;
SELECT is((SELECT count(*) FROM ref_in), (SELECT sum(50 + (g * 37) % 100) FROM generate_series(1, 60) g),
          'the differential corpus: thousands of random rows in 60 random scenarios');
SELECT is((SELECT string_agg(g::text, ',') FROM diffs WHERE got IS DISTINCT FROM expected), NULL,
          'every group''s plan equals the PL/pgSQL reference''s, year by year and item by item');
SELECT ok((SELECT count(*) FROM diffs WHERE got LIKE '%|20__|%') > 30, 'and the corpus funds items in most groups');

SELECT * FROM finish();
ROLLBACK;
