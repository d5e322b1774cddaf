-- estate.disposal_assessment: hand-computed scores, reasons and
-- every bad argument.
BEGIN;
CREATE FUNCTION pg_temp.hint_of(statement text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    hint text;
BEGIN
    EXECUTE statement;
    RETURN NULL;
EXCEPTION WHEN invalid_parameter_value THEN
    GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT;
    RETURN hint;
END
$f$;
SELECT plan(94);

-- A helper: the assessment of five figures (utilisation, FCI, suitability,
-- running cost and carbon as ratios to a benchmark of 100 and 50).
CREATE FUNCTION pg_temp.five(u float8, f numeric, s float8, rc numeric, c float8)
RETURNS estate.disposal_assessment_result LANGUAGE sql AS $$
    SELECT estate.disposal_assessment(utilisation => u, fci => f, functional_suitability => s,
                                      running_cost_per_m2 => 100 * rc, benchmark_running_cost_per_m2 => 100,
                                      carbon_per_m2 => 50 * c, benchmark_carbon_per_m2 => 50)
$$;

-- The composite and its defaults.
SELECT has_type('estate', 'disposal_assessment_result', 'composite disposal_assessment_result');
SELECT is((SELECT provolatile FROM pg_proc WHERE proname = 'disposal_assessment'), 'i', 'IMMUTABLE');
SELECT is((SELECT pronargdefaults FROM pg_proc WHERE proname = 'disposal_assessment'), 29::int2,
          'every argument has a default');
SELECT is((SELECT pg_get_function_arguments(oid) ~ 'w_space double precision DEFAULT 0.35'
           FROM pg_proc WHERE proname = 'disposal_assessment'), true, 'w_space defaults to 0.35');

-- At the thresholds.
SELECT is((pg_temp.five(0.60, 0.05, 1.0, 1.0, 1.0)).score, 0::float8, 'every criterion at keep: 0');
SELECT is((pg_temp.five(0.60, 0.05, 1.0, 1.0, 1.0)).recommendation, 'retain', 'every criterion at keep: retain');
SELECT is((pg_temp.five(0.60, 0.05, 1.0, 1.0, 1.0)).reasons, '{}'::text[], 'every criterion at keep: no reasons');
SELECT is((pg_temp.five(0.10, 0.30, 0.0, 2.0, 2.0)).score, 100::float8, 'every criterion at dispose: 100');
SELECT is((pg_temp.five(0.10, 0.30, 0.0, 2.0, 2.0)).recommendation, 'dispose', 'every criterion at dispose: dispose');
SELECT is((pg_temp.five(0.10, 0.30, 0.0, 2.0, 2.0)).criteria_used, 5, 'five criteria used');
SELECT is((pg_temp.five(0.10, 0.30, 0.0, 2.0, 2.0)).reasons,
          ARRAY['utilisation 10% (dispose at ≤ 10%, keep at ≥ 60%)',
                'FCI 30% (dispose at ≥ 30%, keep at ≤ 5%)',
                'functionally suitable 0% (dispose at ≤ 0%, keep at ≥ 100%)',
                'running cost 2× benchmark (dispose at ≥ 2×, keep at ≤ 1×)',
                'carbon 2× benchmark (dispose at ≥ 2×, keep at ≤ 1×)'],
          'reasons by weighted contribution: 0.35, 0.25, 0.15, 0.15 (table order), 0.10');
-- Space and condition at dispose, the rest at keep: (0.35 + 0.25) / 1.00 = 60, on dispose_at.
SELECT is((pg_temp.five(0.10, 0.30, 1.0, 1.0, 1.0)).score, 60::float8, 'space and condition at dispose: 60');
SELECT is((pg_temp.five(0.10, 0.30, 1.0, 1.0, 1.0)).recommendation, 'dispose', 'a score equal to dispose_at disposes');
-- Space at dispose, carbon midway: 0.35 + 0.10 x 0.5 = 40, on review_at; carbon 1.49: 39.9.
SELECT is((pg_temp.five(0.10, 0.05, 1.0, 1.0, 1.5)).score, 40::float8, 'space 1, carbon 0.5: 40');
SELECT is((pg_temp.five(0.10, 0.05, 1.0, 1.0, 1.5)).recommendation, 'review', 'a score equal to review_at reviews');
SELECT is((pg_temp.five(0.10, 0.05, 1.0, 1.0, 1.49)).recommendation, 'retain', '39.9 retains');

-- Between: utilisation 0.12 -> 0.96, FCI 0.22 -> 0.68, suitability 0.55 ->
-- 0.45, running cost 1.8 -> 0.8, carbon 1.3 -> 0.3:
-- 0.336 + 0.17 + 0.0675 + 0.12 + 0.03 = 0.7235 -> 72.35.
SELECT is(round((pg_temp.five(0.12, 0.22, 0.55, 1.8, 1.3)).score::numeric, 9), 72.35, 'between: 72.35');
SELECT is((pg_temp.five(0.12, 0.22, 0.55, 1.8, 1.3)).reasons,
          ARRAY['utilisation 12% (dispose at ≤ 10%, keep at ≥ 60%)',
                'FCI 22% (dispose at ≥ 30%, keep at ≤ 5%)',
                'running cost 1.8× benchmark (dispose at ≥ 2×, keep at ≤ 1×)'],
          'between: only sub-scores of 0.5 or more, by contribution (0.336, 0.17, 0.12)');
-- Midway on all: every sub-score 0.5 (FCI 0.175 included), 50, review.
SELECT is((pg_temp.five(0.35, 0.175, 0.5, 1.5, 1.5)).score, 50::float8, 'midway: 50');
SELECT is(cardinality((pg_temp.five(0.35, 0.175, 0.5, 1.5, 1.5)).reasons), 5, 'midway: a sub-score of 0.5 is a reason');
-- Contribution, not sub-score, orders: suitability 0.8 x 0.15 = 0.12 before carbon 1 x 0.10.
SELECT is((pg_temp.five(0.60, 0.05, 0.2, 1.0, 2.5)).reasons,
          ARRAY['functionally suitable 20% (dispose at ≤ 0%, keep at ≥ 100%)',
                'carbon 2.5× benchmark (dispose at ≥ 2×, keep at ≤ 1×)'],
          'order of weighted contribution');
SELECT is((pg_temp.five(0.60, 0.05, 0.2, 1.0, 2.5)).score, 22::float8, '0.12 + 0.10 = 22');

-- Beyond the thresholds: clamped.
SELECT is((pg_temp.five(0.0, 0.95, 0.0, 7.5, 3.0)).score, 100::float8, 'beyond dispose: 100');
SELECT is((pg_temp.five(0.99, 0.0, 1.0, 0.4, 0.0)).score, 0::float8, 'beyond keep: 0');
SELECT is((estate.disposal_assessment(utilisation => 1.7)).score, 0::float8, 'over-capacity utilisation 1.7: 0');

-- Renormalisation when criteria are NULL: utilisation 0.10 (1), FCI 0.05 (0): 100 x 0.35/0.60.
SELECT is(round((estate.disposal_assessment(utilisation => 0.10, fci => 0.05)).score::numeric, 9),
          58.333333333, 'two known: 100 x 0.35 / 0.60');
SELECT is((estate.disposal_assessment(utilisation => 0.10, fci => 0.05)).reasons,
          ARRAY['utilisation 10% (dispose at ≤ 10%, keep at ≥ 60%)', 'only 2 of 5 criteria known'],
          'two known: the count phrase');
-- Fewer than 3 criteria: 100 is review, not dispose.
SELECT is((estate.disposal_assessment(utilisation => 0.05, fci => 0.5)).score, 100::float8, 'two known at dispose: 100');
SELECT is((estate.disposal_assessment(utilisation => 0.05, fci => 0.5)).recommendation, 'review', 'two known: never dispose');
SELECT is((estate.disposal_assessment(utilisation => 0.05, fci => 0.5, min_criteria => 2)).recommendation, 'dispose',
          'min_criteria 2 allows it');
SELECT is((estate.disposal_assessment(utilisation => 0.05, fci => 0.5, functional_suitability => 0)).recommendation,
          'dispose', 'three known at 100: dispose');
-- Half a ratio is not a criterion; NULLs everywhere are tolerated.
SELECT is((estate.disposal_assessment(running_cost_per_m2 => 300, benchmark_carbon_per_m2 => 40,
                                      utilisation => NULL, fci => NULL)).criteria_used, 0,
          'a figure without its benchmark is unknown');
SELECT ok((estate.disposal_assessment()).score IS NULL, 'no data: score NULL');
SELECT is(estate.disposal_assessment()::text, '(,review,"{""only 0 of 5 criteria known""}",0)', 'no data: review and why');
-- Unoccupied share when there is no utilisation rate: (0.1375 - 0.025) / 0.225 = 0.5.
SELECT is(round((estate.disposal_assessment(unoccupied_share => 0.1375, fci => 0.05, functional_suitability => 1)).score::numeric, 9),
          23.333333333, 'unoccupied share: 100 x 0.5 x 0.35 / 0.75');
SELECT is((estate.disposal_assessment(unoccupied_share => 0.1375, fci => 0.05, functional_suitability => 1)).reasons,
          ARRAY['unoccupied or under-used 13.8% (dispose at ≥ 25%, keep at ≤ 2.5%)'], 'unoccupied share phrase');
SELECT is((estate.disposal_assessment(utilisation => 0.6, unoccupied_share => 0.25, fci => 0.05,
                                      functional_suitability => 1)).score, 0::float8,
          'a utilisation rate takes precedence over the unoccupied share');

-- Protected sites.
SELECT is((estate.disposal_assessment(utilisation => 0.05, fci => 0.5, functional_suitability => 0,
                                      protected => true))::text,
          '(100,retain,"{""utilisation 5% (dispose at ≤ 10%, keep at ≥ 60%)"",""FCI 50% (dispose at ≥ 30%, keep at ≤ 5%)"",""functionally suitable 0% (dispose at ≤ 0%, keep at ≥ 100%)"",""protected site""}",3)',
          'protected: retain, score still shown, the phrase last');
SELECT is((estate.disposal_assessment(protected => true))::text,
          '(,retain,"{""protected site"",""only 0 of 5 criteria known""}",0)', 'protected without data: retain');
SELECT is((estate.disposal_assessment(utilisation => 0.05, fci => 0.5, functional_suitability => 0,
                                      protected => false)).recommendation, 'dispose', 'protected false');

-- Weights express local objectives: net zero at 40% instead of 10%.
SELECT is(round((estate.disposal_assessment(utilisation => 0.35, fci => 0.05, functional_suitability => 1,
                                            carbon_per_m2 => 100, benchmark_carbon_per_m2 => 50,
                                            w_carbon => 0.40)).score::numeric, 9),
          50.000000000, 'w_carbon 0.40, running cost unknown: (0.175 + 0.40) / (0.35 + 0.25 + 0.15 + 0.40)');
SELECT is((estate.disposal_assessment(utilisation => 0.2, w_carbon => 0)).reasons[2],
          'only 1 of 4 criteria known', 'a zero weight drops the criterion from the count');
SELECT is((estate.disposal_assessment(utilisation => 0.30, fci => 0.05, functional_suitability => 1,
                                      utilisation_keep => 0.5, utilisation_dispose => 0.3)).reasons,
          ARRAY['utilisation 30% (dispose at ≤ 30%, keep at ≥ 50%)'], 'user thresholds appear in the reason');
SELECT is(round((estate.disposal_assessment(fci => 0.2, fci_keep => 0.1, fci_dispose => 0.2, utilisation => 0.6,
                                            functional_suitability => 1)).score::numeric, 9),
          33.333333333, 'numeric thresholds: fci_dispose 0.2, 100 x 0.25 / 0.75');
SELECT is((estate.disposal_assessment(utilisation => 0.35, fci => 0.05, functional_suitability => 1,
                                      dispose_at => 20, review_at => 10)).recommendation,
          'dispose', 'dispose_at 20: 0.175/0.75 = 23.3 disposes');

-- NULL for a weight or threshold is an error, not the default.
SELECT throws_ok(format('SELECT estate.disposal_assessment(%I => NULL)', a), '22023',
                 format('%s must not be NULL', a), format('%s => NULL', a))
FROM unnest(ARRAY['w_space', 'w_condition', 'w_suitability', 'w_running_cost', 'w_carbon',
                  'utilisation_keep', 'utilisation_dispose', 'unoccupied_share_keep', 'unoccupied_share_dispose',
                  'fci_keep', 'fci_dispose', 'suitability_keep', 'suitability_dispose',
                  'running_cost_keep', 'running_cost_dispose', 'carbon_keep', 'carbon_dispose',
                  'dispose_at', 'review_at', 'min_criteria']) AS a;

-- Every bad value: 22023 quoting it.
SELECT throws_ok(format('SELECT estate.disposal_assessment(%s)', call), '22023', message, call)
FROM (VALUES
    ('utilisation => -0.01', 'invalid utilisation: -0.01'),
    ('utilisation => ''NaN''', 'invalid utilisation: NaN'),
    ('utilisation => ''Infinity''', 'invalid utilisation: Infinity'),
    ('unoccupied_share => 1.5', 'invalid unoccupied_share: 1.5'),
    ('unoccupied_share => -0.1', 'invalid unoccupied_share: -0.1'),
    ('fci => -0.10', 'invalid fci: -0.10'),
    ('fci => ''NaN''', 'invalid fci: NaN'),
    ('fci => 12', 'invalid fci: 12'),
    ('fci => 5.01', 'invalid fci: 5.01'),
    ('utilisation => 12', 'invalid utilisation: 12'),
    ('functional_suitability => 1.01', 'invalid functional_suitability: 1.01'),
    ('running_cost_per_m2 => -5', 'invalid running_cost_per_m2: -5'),
    ('benchmark_running_cost_per_m2 => 0', 'invalid benchmark_running_cost_per_m2: 0'),
    ('carbon_per_m2 => -1', 'invalid carbon_per_m2: -1'),
    ('benchmark_carbon_per_m2 => -3', 'invalid benchmark_carbon_per_m2: -3'),
    ('w_condition => -0.25', 'invalid w_condition: -0.25'),
    ('w_carbon => ''Infinity''', 'invalid w_carbon: Infinity'),
    ('fci_keep => -0.05', 'invalid fci_keep: -0.05'),
    ('suitability_keep => 2', 'invalid suitability_keep: 2'),
    ('carbon_keep => 2', 'invalid carbon_dispose: 2'),
    ('fci_keep => 0.3', 'invalid fci_dispose: 0.30'),
    ('dispose_at => 101', 'invalid dispose_at: 101'),
    ('review_at => -1', 'invalid review_at: -1'),
    ('review_at => 70', 'invalid review_at: 70'),
    ('min_criteria => 6', 'invalid min_criteria: 6'),
    ('min_criteria => -1', 'invalid min_criteria: -1')) AS t(call, message);

-- A percentage given where a share is meant: refused with a hint; 5 is the most.
SELECT throws_ok('SELECT estate.disposal_assessment(utilisation => 12)', '22023', 'invalid utilisation: 12',
                 'utilisation 12 (12%?) is refused');
SELECT is(pg_temp.hint_of('SELECT estate.disposal_assessment(fci => 30)'),
          'It is a share, from 0 to 5: give 0.12 for 12%.', 'with the hint');
SELECT is((estate.disposal_assessment(utilisation => 5, fci => 5)).criteria_used, 2, 'utilisation and fci of 5 are allowed');

SELECT * FROM finish();
ROLLBACK;
