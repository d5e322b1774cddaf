-- Carbon factors (shipped reference data) and estate.carbon_kg.
BEGIN;
SELECT plan(46);

-- The shipped table: 170 distinct rows of the CSV (172 less 2 repeats) x
-- their non-empty year cells = 2,380 rows, recreated by the install script.
SELECT is((SELECT count(*) FROM estate.carbon_factor), 2380::bigint, '2,380 factor rows');
SELECT is((SELECT count(DISTINCT (category, name)) FROM estate.carbon_factor), 170::bigint, '170 distinct factors');
SELECT is((SELECT count(*) FROM estate.carbon_factor
           WHERE category = 'Anaesthetic Gases' AND name = 'Nitrous oxide with oxygen 50/50 split'), 14::bigint,
          'the duplicated row is loaded once (14 years)');
SELECT is((SELECT count(*) FROM estate.carbon_factor WHERE unit = 'kWH'), 0::bigint, 'kWH is loaded as kWh');
SELECT is((SELECT count(*) FROM estate.carbon_factor WHERE name = 'Gas total' AND unit = 'kWh'), 14::bigint,
          'a kWH total row is there as kWh');
SELECT is((SELECT min(financial_year)::text || '-' || max(financial_year) FROM estate.carbon_factor), '2007-2020',
          'financial years 2007/08 to 2020/21');
SELECT is((SELECT year_label FROM estate.carbon_factor WHERE name = 'Natural gas' AND financial_year = 2015), '2015/16',
          'year label as ERIC writes it');
SELECT is((SELECT comment FROM estate.carbon_factor WHERE name = 'Natural gas' AND financial_year = 2015),
          'Assumed natural gas,gross figure', 'a quoted comment with a comma, without the trailing empty fields');
SELECT is((SELECT comment FROM estate.carbon_factor WHERE name = 'Nitrous oxide' AND financial_year = 2015),
          'SDU carbon work on anaesthetic gases', 'stray cells after the comment are not loaded');
SELECT ok((SELECT kg_co2e_per_unit IS NULL FROM estate.carbon_factor
           WHERE name = 'Fuel Light Power & Water' AND financial_year = 2015), 'the -1 marker is loaded as NULL');
SELECT is((SELECT string_agg(DISTINCT scope, ',' ORDER BY scope) FROM estate.carbon_factor), '1,2,3,N/A,Outside',
          'scopes as published');
SELECT ok((SELECT bool_and(is_total) FROM estate.carbon_factor WHERE scope = 'N/A'), 'scope N/A rows are totals');
SELECT ok((SELECT is_total FROM estate.carbon_factor WHERE name = 'Electricity from Grid total' AND financial_year = 2015),
          'a total published with scope 1 is still a total');
SELECT is((SELECT array_agg(c::regclass::text) FROM pg_extension, unnest(extconfig) AS c
           WHERE extname = 'estate' AND c::regclass::text IN ('estate.rebuild_cost', 'estate.carbon_factor')),
          ARRAY['estate.rebuild_cost'],
          'of the carbon tables only the one users fill is registered for pg_dump; the factors are recreated by the install script');

-- Each fuel: every mapped row exists in every year, and the scope rows add up
-- to the collection's own total row in every year (so neither is counted twice).
SELECT is((SELECT count(*) FROM estate.carbon_fuel m
           WHERE (SELECT count(*) FROM estate.carbon_factor f
                  WHERE f.category = m.category AND f.name = m.name AND f.unit = 'kWh' AND NOT f.is_total) <> 14),
          0::bigint, 'every mapped row is a per-scope kWh factor with 14 years');
CREATE TEMP TABLE fuel_total AS
SELECT t.fuel, f.financial_year, f.kg_co2e_per_unit AS published,
       estate.carbon_kg(t.fuel, 1, f.financial_year) AS summed
FROM (VALUES ('electricity', 'Electricity from Grid', 'Electricity UK total'),
             ('renewable_electricity', 'Electricity Consumed - renewable', 'Electricity from Grid'),
             ('gas', 'Gas', 'Gas total'),
             ('oil', 'Oil', 'Fuel oil total'),
             ('coal', 'Coal', 'Coal (industrial) total'),
             ('steam', 'Imported heat/steam', 'Imported heat/steam total'),
             ('hot_water', 'Imported heat/steam', 'Imported heat/steam total'),
             ('wood_logs', 'Wood logs', 'Wood logs total'),
             ('wood_chips', 'Wood chips', 'Wood chips total'),
             ('wood_pellets', 'Wood pellets', 'Wood pellets total')) AS t(fuel, category, name)
JOIN estate.carbon_factor f ON f.category = t.category AND f.name = t.name;
SELECT is((SELECT count(*) FROM fuel_total), 140::bigint, 'a published total for every fuel and year');
SELECT is((SELECT count(*) FROM fuel_total WHERE abs(summed - published) > 0.000005), 0::bigint,
          'for every fuel and year, 1 kWh gives the published total factor within its rounding');
-- The source's own totals are rounded differently in three fuel-years.
SELECT is((SELECT string_agg(format('%s %s: %s', fuel, financial_year, summed - published), ', '
                             ORDER BY fuel, financial_year)
           FROM fuel_total WHERE summed <> published),
          'gas 2017: -0.000004, hot_water 2013: 0.000001, hot_water 2017: -0.000002, steam 2013: 0.000001, steam 2017: -0.000002',
          'the published totals that differ from their scope rows (source rounding)');
SELECT is((SELECT count(DISTINCT fuel) FROM estate.carbon_fuel), 10::bigint, 'ten fuels');

-- estate.carbon_fuel_factor: the per-kWh factors by scope that carbon_kg and the ERIC views share.
SELECT is((SELECT count(*) FROM estate.carbon_fuel_factor()), 140::bigint, 'a row per fuel and year: 10 x 14');
SELECT is((SELECT array_agg((fuel, year_label, scope_1_kg_per_kwh, scope_2_kg_per_kwh, scope_3_kg_per_kwh)::text ORDER BY fuel)
           FROM estate.carbon_fuel_factor() WHERE financial_year = 2015 AND fuel IN ('electricity', 'gas')),
          '{"(electricity,2015/16,0,0.46219,0.11273)","(gas,2015/16,0.18445,0,0.02483)"}'::text[],
          '2015/16: electricity 0.46219 (2) and 0.03816 + 0.06888 + 0.00569 (3); gas 0.18445 (1) and 0.02483 (3)');
SELECT is((SELECT (scope_1_kg_per_kwh, scope_2_kg_per_kwh, scope_3_kg_per_kwh)::text FROM estate.carbon_fuel_factor()
           WHERE fuel = 'wood_chips' AND financial_year = 2016), '(0,0,0.00792)', 'biomass: the biogenic row is in no scope');
SELECT is((SELECT count(*) FROM estate.carbon_fuel_factor() WHERE financial_year > 2020), 0::bigint, 'no rows after 2020/21');

-- A hand-checked site and year: ERIC 2015/16, R1EE3 Leek Moorlands Hospital
-- (5,391 m2): gas 1,414,392 kWh, oil 26,819 kWh, renewable electricity
-- 584,611 kWh (no other electricity).  2015/16 factors, kg CO2e per kWh:
--   gas   0.18445 (scope 1) + 0.02483 (WTT, 3)                = 0.20928
--   oil   0.26876 (scope 1) + 0.05059 (WTT, 3)                = 0.31935
--   elec  0.46219 (2) + 0.03816 (T&D, 3) + 0.06888 + 0.00569 (WTT, 3) = 0.57492
SELECT is(estate.carbon_kg('gas', 1414392, 2015), 296003.95776, 'gas: 1,414,392 x 0.20928');
SELECT is(estate.carbon_kg('oil', 26819, 2015), 8564.64765, 'oil: 26,819 x 0.31935');
SELECT is(estate.carbon_kg('renewable_electricity', 584611, 2015), 336104.55612, 'renewable electricity: 584,611 x 0.57492');
SELECT is(estate.carbon_kg('gas', 1414392, 2015) + estate.carbon_kg('oil', 26819, 2015)
          + estate.carbon_kg('renewable_electricity', 584611, 2015), 640673.16153, 'the site: 640,673.16153 kg CO2e');
SELECT is(round((estate.carbon_kg('gas', 1414392, 2015) + estate.carbon_kg('oil', 26819, 2015)
                 + estate.carbon_kg('renewable_electricity', 584611, 2015)) / 5391, 2), 118.84, '118.84 kg CO2e per m2');
-- Scopes 1 and 2 only: 1,414,392 x 0.18445 + 26,819 x 0.26876 + 584,611 x 0.46219.
SELECT is(estate.carbon_kg('gas', 1414392, 2015, '{1,2}') + estate.carbon_kg('oil', 26819, 2015, '{1,2}')
          + estate.carbon_kg('renewable_electricity', 584611, 2015, '{1,2}'), 538293.83693, 'the site, scopes 1 and 2');
SELECT is(estate.carbon_kg('electricity', 1000, 2020, '{1}'), 0::numeric, 'electricity has no scope 1 emissions: 0, not NULL');
SELECT is(estate.carbon_kg('electricity', 1000, 2020, '{3}'), 1000 * (0.02005 + 0.03217 + 0.00277), 'electricity scope 3, 2020/21');
SELECT is(estate.carbon_kg('wood_chips', 1000, 2016), 7.92000, 'biomass: only its well-to-tank counts (biogenic is outside the scopes)');
SELECT is(estate.carbon_kg('hot_water', 100, 2010), estate.carbon_kg('steam', 100, 2010), 'hot water as steam (district heat)');
SELECT is(estate.carbon_kg(' Gas ', 10, 2015), 2.09280, 'fuel is case-insensitive and trimmed');
SELECT is(estate.carbon_kg('gas', 0, 2015), 0.00000, '0 kWh');

-- No factors after 2020/21 or before 2007/08: NULL, never another year's.
SELECT ok(estate.carbon_kg('gas', 1000, 2021) IS NULL, '2021/22 has no factors: NULL');
SELECT ok(estate.carbon_kg('gas', 1000, 2006) IS NULL, '2006/07 has no factors: NULL');
SELECT ok(estate.carbon_kg('gas', NULL, 2015) IS NULL, 'NULL kWh: NULL');
SELECT ok(estate.carbon_kg(NULL, 1, 2015) IS NULL, 'NULL fuel: NULL');

-- Bad arguments.
SELECT throws_ok($$SELECT estate.carbon_kg('petrol', 1, 2015)$$, '22023', 'unknown fuel: "petrol"', 'unknown fuel');
SELECT throws_ok($$SELECT estate.carbon_kg('gas', -1, 2015)$$, '22023', 'invalid energy use: -1 kWh', 'negative kWh');
SELECT throws_ok($$SELECT estate.carbon_kg('gas', 'NaN', 2015)$$, '22023', 'invalid energy use: NaN kWh', 'NaN kWh');
SELECT throws_ok($$SELECT estate.carbon_kg('gas', 'Infinity', 2015)$$, '22023', 'invalid energy use: Infinity kWh', 'infinite kWh');
SELECT throws_ok($$SELECT estate.carbon_kg('gas', 1, 2015, '{}')$$, '22023', 'invalid scopes: {}', 'no scopes');
SELECT throws_ok($$SELECT estate.carbon_kg('gas', 1, 2015, '{1,4}')$$, '22023', 'invalid scopes: {1,4}', 'scope 4');
SELECT throws_ok($$SELECT estate.carbon_kg('gas', 1, 2015, '{NULL}')$$, '22023', 'invalid scopes: {NULL}', 'a NULL scope');

SELECT * FROM finish();
ROLLBACK;
