-- Carbon in the ERIC views (docs/eric.md, "Carbon"), on hand-made returns
-- whose figures are worked out below from the factors in estate.carbon_factor.
BEGIN;
SELECT plan(27);

-- kg CO2e per kWh, scopes 1-3 (the rows are in test/pgtap/carbon.sql's terms):
--   2015/16  electricity 0.46219 + 0.03816 + 0.06888 + 0.00569      = 0.57492
--            gas 0.18445 + 0.02483 = 0.20928; coal 0.31304 + 0.0526 = 0.36564
--            steam 0.223608 + 0.011769 + 0.026027 + 0.00137         = 0.262774
--   2014/15  electricity 0.49426 + 0.04322 + 0.07527 + 0.00658      = 0.61933
--            gas 0.184973 + 0.02483 = 0.209803; coal 0.315905 + 0.05051 = 0.366415
--            steam 0.24406 + 0.012845 + 0.027067 + 0.001425         = 0.285397
CREATE TEMP TABLE header (line text);
INSERT INTO header VALUES ('Trust Code,Trust Name,Commissioning Region,Site Code,Site Name,Site Type,Gross internal floor area (m²),'
    'Electricity consumed (kWh),Gas consumed (kWh),Oil consumed (kWh),Coal consumed (kWh),Steam consumed (kWh),'
    'Hot water consumed (kWh),Electricity consumed - renewable (kWh),Non-fossil fuel consumed - renewable (kWh)');
-- The header is 2015/16's format: forced in as 2014/15, whose factors are tested.
SELECT ok(estate.load_eric('carbon_2014-15.csv', '2014/15', 'site', repeat('1', 64), 'UTF8', force => true, lines => ARRAY[(SELECT line FROM header),
    'ZCA,CARBON TRUST,NORTH,ZCA01,ONE,General acute hospital,1000,1000,2000,0,10,100,0,500,10000']) > 0, '2014/15 loads');
SELECT ok(estate.load_eric('carbon_2015-16.csv', '2015/16', 'site', repeat('2', 64), 'UTF8', ARRAY[(SELECT line FROM header),
    'ZCA,CARBON TRUST,NORTH,ZCA01,ONE,General acute hospital,1000,1000,2000,Not Applicable,10,100,0,500,10000',
    'ZCA,CARBON TRUST,NORTH,ZCA02,TWO,Mental Health,500,100,-50,0,0,-20,0,0,0',
    'ZCA,CARBON TRUST,NORTH,ZCA03,THREE,Other inpatient,300,Not Applicable,Not Applicable,Not Applicable,Not Applicable,Not Applicable,Not Applicable,Not Applicable,Not Applicable',
    'ZCA,CARBON TRUST,NORTH,ZCA04,FOUR,Mental Health,200,400,,0,0,0,0,0,0']) > 0, '2015/16 loads, with a negative, a blank and a Not Applicable site');
SELECT ok(estate.load_eric('carbon_2021-22.csv', '2021/22', 'site', repeat('3', 64), 'UTF8', ARRAY[(SELECT line FROM header),
    'ZCA,CARBON TRUST,NORTH,ZCA01,ONE,General acute hospital,1000,1000,0,0,0,0,0,0,0']) > 0, '2021/22 loads');

-- Loaded data never makes a view fail, negative kWh included.
SELECT lives_ok($$SELECT * FROM estate.site_summary; SELECT * FROM estate.trust_summary; SELECT * FROM estate.ics_summary;
                  SELECT * FROM estate.year_on_year; SELECT * FROM estate.data_completeness$$,
                'every view reads the returns with negative kWh');

-- A usable return: (1,000 + 500) x 0.57492 + 2,000 x 0.20928 + 10 x 0.36564 + 100 x 0.262774
--   = 862.38 + 418.56 + 3.6564 + 26.2774 = 1,310.8738 kg; oil Not Applicable counts as none,
-- the 10,000 kWh of non-fossil fuel not at all.
SELECT is((SELECT (carbon_kg, carbon_per_m2_kg, carbon_reporting_floor_area_m2, carbon_gap)::text FROM estate.site_summary
           WHERE financial_year = 2015 AND site_code = 'ZCA01'),
          '(1310.87,1.31,1000.00,)', 'ZCA01 2015/16: 1,310.87 kg CO2e, 1.31 kg/m2');
SELECT is((SELECT carbon_kg FROM estate.eric_site_carbon() WHERE financial_year = 2015 AND site_code = 'ZCA01'), 1310.8738,
          'unrounded: 1,310.8738 kg');
SELECT is((SELECT carbon_kg FROM estate.eric_site_carbon() WHERE financial_year = 2015 AND site_code = 'ZCA01'),
          estate.carbon_kg('electricity', 1000, 2015) + estate.carbon_kg('gas', 2000, 2015) + estate.carbon_kg('coal', 10, 2015)
          + estate.carbon_kg('steam', 100, 2015) + estate.carbon_kg('hot_water', 0, 2015) + estate.carbon_kg('renewable_electricity', 500, 2015),
          'the sum of carbon_kg over its fuels, all three scopes (carbon_kg''s default)');
SELECT isnt((SELECT carbon_kg FROM estate.eric_site_carbon() WHERE financial_year = 2015 AND site_code = 'ZCA01'),
            estate.carbon_kg('electricity', 1500, 2015, '{1,2}') + estate.carbon_kg('gas', 2000, 2015, '{1,2}')
            + estate.carbon_kg('coal', 10, 2015, '{1,2}') + estate.carbon_kg('steam', 100, 2015, '{1,2}'),
            'not the scope 1 and 2 figure (1,087.6762 kg)');
-- 2014/15: 1,500 x 0.61933 + 2,000 x 0.209803 + 10 x 0.366415 + 100 x 0.285397
--   = 928.995 + 419.606 + 3.66415 + 28.5397 = 1,380.80485 kg: each year its own factors.
SELECT is((SELECT (carbon_kg, carbon_per_m2_kg)::text FROM estate.site_summary WHERE financial_year = 2014 AND site_code = 'ZCA01'),
          '(1380.80,1.38)', 'ZCA01 2014/15 with the 2014/15 factors: 1,380.80485 kg');

-- Unusable returns: NULL, never a partial figure or a negative taken as 0, and the reason.
SELECT is((SELECT (energy_kwh, carbon_kg, carbon_per_m2_kg, carbon_gap)::text FROM estate.site_summary
           WHERE financial_year = 2015 AND site_code = 'ZCA02'),
          '(30.00,,,"gas_kwh is negative (-50 kWh); steam_kwh is negative (-20 kWh)")',
          'negative gas and steam: no carbon (energy is still the published sum)');
SELECT is((SELECT (carbon_kg, carbon_gap)::text FROM estate.site_summary WHERE financial_year = 2015 AND site_code = 'ZCA04'),
          '(,"gas_kwh is missing")', 'a blank gas cell: no carbon, not the electricity alone');
SELECT is((SELECT (carbon_kg, carbon_gap)::text FROM estate.site_summary WHERE financial_year = 2015 AND site_code = 'ZCA03'),
          '(,"energy not applicable: every fuel answered Not Applicable")', 'every fuel Not Applicable: no carbon');
SELECT is((SELECT (energy_kwh, carbon_kg, carbon_gap)::text FROM estate.site_summary WHERE financial_year = 2021 AND site_code = 'ZCA01'),
          '(1000.00,,"no carbon factors for 2021/22")', '2021/22 has no factors: NULL, never another year''s');

-- The trust: the sites with a figure, and their floor area beside the ratio.
SELECT is((SELECT (sites, sites_reporting_carbon, gross_internal_floor_area_m2, carbon_kg, carbon_reporting_floor_area_m2, carbon_per_m2_kg)::text
           FROM estate.trust_summary WHERE financial_year = 2015 AND trust_code = 'ZCA'),
          '(4,1,2000.00,1310.87,1000.00,1.31)', 'trust ZCA 2015/16: 1 of 4 sites has carbon, over its 1,000 m2');
SELECT is((SELECT (sites, sites_reporting_carbon, carbon_kg)::text FROM estate.ics_summary WHERE financial_year = 2015 AND ics_name = 'NORTH'),
          '(4,1,1310.87)', 'the region (no ICS mapping) likewise');

-- Year on year: -69.93105 kg, -69.93105 / 1,380.80485 = -5.06%.
SELECT is((SELECT (previous_value, value, change, change_share, definition_changed)::text FROM estate.year_on_year
           WHERE level = 'trust' AND trust_code = 'ZCA' AND financial_year = 2015 AND metric = 'carbon emissions'),
          '(1380.8049,1310.8738,-69.9311,-0.0506,f)', 'carbon 2014/15 -> 2015/16');
SELECT is((SELECT (unit, previous_value, value, change)::text FROM estate.year_on_year
           WHERE level = 'trust' AND trust_code = 'ZCA' AND financial_year = 2015 AND metric = 'carbon per m2'),
          '("kg CO2e/m2",1.3808,1.3109,-0.0699)', 'carbon per m2 2014/15 -> 2015/16');
SELECT is((SELECT (previous_value, value, change)::text FROM estate.year_on_year
           WHERE level = 'trust' AND trust_code = 'ZCA' AND financial_year = 2021 AND metric = 'carbon emissions'),
          '(,,)', '2021/22: no carbon to compare');

-- Completeness: a site without carbon is a gap, or not applicable.
SELECT is((SELECT array_agg((financial_year, collected, returns, filled, not_applicable, missing)::text ORDER BY financial_year)
           FROM estate.data_completeness WHERE kind = 'site' AND column_name = 'carbon_kg'),
          '{"(2014,t,1,1,0,0)","(2015,t,4,1,1,2)","(2021,f,1,0,0,1)"}'::text[],
          'data_completeness counts carbon_kg: 2015/16 one figure, one not applicable, two gaps; 2021/22 has no factors');

-- The parts of carbon_gap, one fuel figure at a time.
SELECT is(estate.eric_fuel_gap('gas_kwh', -50, 0.20928, '{}', true), 'gas_kwh is negative (-50 kWh)', 'eric_fuel_gap: negative');
SELECT ok(estate.eric_fuel_gap('oil_kwh', NULL, 0.31935, '{oil_kwh}', true) IS NULL, 'eric_fuel_gap: Not Applicable is usable (no oil burnt)');
SELECT is(estate.eric_fuel_gap('oil_kwh', NULL, 0.31935, NULL, true), 'oil_kwh is missing', 'eric_fuel_gap: NULL without a Not Applicable answer is missing');

-- The shared factors: one fuel without a factor in a year that has factors.
DELETE FROM estate.carbon_factor WHERE name IN ('Coal (industrial)', 'Coal (industrial) WTT') AND financial_year = 2015;
SELECT ok(estate.carbon_kg('coal', 10, 2015) IS NULL, 'carbon_kg: coal has no factor for 2015/16 now');
SELECT is((SELECT (carbon_kg, carbon_gap)::text FROM estate.site_summary WHERE financial_year = 2015 AND site_code = 'ZCA01'),
          '(,"coal_kwh has no carbon factor for the year")', 'so ZCA01 has no carbon, not the other fuels alone');
SELECT is((SELECT carbon_gap FROM estate.site_summary WHERE financial_year = 2015 AND site_code = 'ZCA04'),
          'gas_kwh is missing; coal_kwh has no carbon factor for the year',
          'every reason is given; 0 kWh is a figure too (carbon_kg(''coal'', 0, 2015) is NULL as well)');
SELECT is((SELECT count(*) FROM estate.carbon_fuel_factor() WHERE fuel = 'coal' AND financial_year = 2015), 0::bigint,
          'carbon_fuel_factor has no row for it');
SELECT is((SELECT string_agg(fuel, ',' ORDER BY fuel) FROM estate.carbon_fuel_factor() WHERE financial_year = 2015),
          'electricity,gas,hot_water,oil,renewable_electricity,steam,wood_chips,wood_logs,wood_pellets', 'the other fuels keep theirs');

SELECT * FROM finish();
ROLLBACK;
