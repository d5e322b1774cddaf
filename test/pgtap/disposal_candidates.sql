-- estate.disposal_candidates on a fixture year: five general acute sites of
-- one trust, 10,000 m2 each, one with an FCI above 5 (a percentage where a
-- share is meant) and one with a negative soft FM cost.  The bad figures
-- become NULL criteria and data_quality findings; the view never fails.
BEGIN;
SELECT plan(17);

SELECT is((SELECT count(*) FROM estate.disposal_candidates), 0::bigint, 'no returns: no candidates');

-- 2015/16 (its carbon factors: electricity 0.57492 kg CO2e/kWh, scopes 1-3).
-- ZDA01 20% unoccupied, 20% not suitable, backlog 600,000;
-- ZDA02 30% empty, 50% not suitable, backlog 4,500,000, twice the energy;
-- ZDA03 5% under-used, backlog 1,500,000; ZDA04 backlog 200,000,000;
-- ZDA05 soft FM -3,000,000.  Rebuild cost 3,000 GBP/m2: 30,000,000 a site.
CREATE TEMP TABLE fixture (lines text[]);
INSERT INTO fixture VALUES (ARRAY[
'Trust Code,Trust Name,Commissioning Region,Site Code,Site Name,Site Type,Gross internal floor area (m²),Occupied floor area (m²),Not functionally suitable - occupied floor area (%),Floor area - empty (%),Floor area - under used (%),Age profile - 2005 to 2014 (%),Age profile - pre 1948 (%),Cost to eradicate high risk backlog (£),Cost to eradicate significant risk backlog (£),Cost to eradicate moderate risk backlog (£),Cost to eradicate low risk backlog (£),Electricity consumed (kWh),Gas consumed (kWh),Oil consumed (kWh),Coal consumed (kWh),Steam consumed (kWh),Hot water consumed (kWh),Electricity consumed - renewable (kWh),Hard FM (Estates) costs (£),Soft FM (Hotel Services) costs (£)',
'ZDA,DELTA,NORTH,ZDA01,D ONE,1. General acute hospital,10000,10000,20,10,10,50,50,600000,0,0,0,1000000,0,0,0,0,0,0,1000000,1000000',
'ZDA,DELTA,NORTH,ZDA02,D TWO,1. General acute hospital,10000,10000,50,30,0,100,0,4500000,0,0,0,2000000,0,0,0,0,0,0,1500000,1500000',
'ZDA,DELTA,NORTH,ZDA03,D THREE,1. General acute hospital,10000,10000,0,0,5,75,25,1500000,0,0,0,1500000,0,0,0,0,0,0,1250000,1250000',
'ZDA,DELTA,NORTH,ZDA04,D FOUR,1. General acute hospital,10000,10000,0,0,0,100,0,200000000,0,0,0,1000000,0,0,0,0,0,0,1000000,1000000',
'ZDA,DELTA,NORTH,ZDA05,D FIVE,1. General acute hospital,10000,10000,0,0,0,100,0,0,0,0,0,1000000,0,0,0,0,0,0,1000000,-3000000']);
SELECT ok(estate.load_eric('fixture 2015-16.csv', '2015/16', 'site', repeat('d', 64), 'UTF8', lines) > 0, 'the fixture loads')
FROM fixture;
INSERT INTO estate.ics_mapping (trust_code, valid_from, ics_code, ics_name) VALUES ('ZDA', '2000-01-01', 'QDA', 'NHS D ICB');
INSERT INTO estate.rebuild_cost (site_type, cost_per_m2_gbp, source) VALUES ('General acute hospital', 3000, 'test');

SELECT is((SELECT string_agg(site_code, ',' ORDER BY site_code) FROM estate.disposal_candidates), 'ZDA01,ZDA02,ZDA03,ZDA04,ZDA05',
          'one row per site, with the bad figures too');
-- Benchmarks: running cost per m2 above 0 of ZDA01-04 (ZDA05's is negative):
-- 200, 300, 250, 200, median (200 + 250) / 2 = 225; carbon per m2 of all five
-- (1,000,000 kWh x 0.57492 / 10,000 m2 = 57.492, ZDA02 114.984, ZDA03 86.238):
-- median 57.492.
SELECT is((SELECT (benchmark_running_cost_per_m2_gbp, benchmark_carbon_per_m2_kg)::text FROM estate.disposal_candidates WHERE site_code = 'ZDA02'),
          '(225.00,57.49)', 'benchmarks: the medians of the year''s sites of the same normalised type');
-- ZDA02 by hand: unoccupied 0.30 >= 0.25: 1 x 0.35 = 0.35; FCI 4,500,000 /
-- 30,000,000 = 0.15: (0.15 - 0.05) / 0.25 = 0.4 x 0.25 = 0.10; suitable 0.5:
-- 0.5 x 0.15 = 0.075; running cost 300 / 225 = 1.333: 0.333 x 0.15 = 0.05;
-- carbon 114.984 / 57.492 = 2: 1 x 0.10 = 0.10.  Sum 0.675 of weight 1: 67.5.
SELECT is((SELECT (score, recommendation, criteria_used, unoccupied_share, fci, functional_suitability, replacement_value_gbp)::text
           FROM estate.disposal_candidates WHERE site_code = 'ZDA02'),
          '(67.50,dispose,5,0.3000,0.1500,0.5000,30000000.00)', 'ZDA02: score 67.5 as computed by hand, dispose');
SELECT is((SELECT reasons FROM estate.disposal_candidates WHERE site_code = 'ZDA02'),
          'unoccupied or under-used 30% (dispose at ≥ 25%, keep at ≤ 2.5%); carbon 2× benchmark (dispose at ≥ 2×, keep at ≤ 1×); functionally suitable 50% (dispose at ≤ 0%, keep at ≥ 100%)',
          'its reasons as text, strongest first');
-- ZDA01: unoccupied 0.20: (0.20 - 0.025) / 0.225 = 0.7778 x 0.35 = 0.2722;
-- FCI 0.02: 0; suitable 0.8: 0.2 x 0.15 = 0.03; 200 / 225 < 1: 0; carbon 1: 0.
SELECT is((SELECT score FROM estate.disposal_candidates WHERE site_code = 'ZDA01'), 30.22, 'ZDA01: 0.2722 + 0.03 = 30.22');

-- The planted bad figures: NULL criteria, said why, and found by data_quality.
SELECT is((SELECT (fci, criteria_used, unusable_figures)::text FROM estate.disposal_candidates WHERE site_code = 'ZDA04'),
          '(,4,"FCI 6.6667 is not within 0-5: a percentage where a share is meant, or a rebuild cost in the wrong unit (estate.rebuild_cost)")',
          'ZDA04: FCI 200,000,000 / 30,000,000 = 6.67 is left out, the other four criteria count');
SELECT is((SELECT (running_cost_per_m2_gbp, benchmark_running_cost_per_m2_gbp, running_cost_gbp, criteria_used, unusable_figures)::text
           FROM estate.disposal_candidates WHERE site_code = 'ZDA05'),
          '(,,,4,"running cost -200.00 GBP/m2 is negative or not finite (hard FM 1000000 + soft FM -3000000 GBP)")',
          'ZDA05: a negative running cost is left out, and releases nothing');
SELECT is((SELECT array_agg(concat_ws(' ', finding, site_code, column_name, figure, unit) ORDER BY finding, site_code)
           FROM estate.data_quality WHERE financial_year = 2015),
          ARRAY['negative value ZDA05 soft_fm_cost_gbp -3000000.00',
                'unusable disposal figure ZDA04 fci 6.67 share',
                'unusable disposal figure ZDA05 running_cost_per_m2_gbp -200.00 GBP/m2'],
          'data_quality: each left-out figure once, beside the negative value, and nothing else');

-- The programme in score order: ZDA02 67.5, ZDA01 30.22, ZDA03, then the two at 0.
SELECT is((SELECT array_agg(concat_ws(' ', programme_rank, site_code, cumulative_floor_area_m2, cumulative_backlog_gbp,
                                      cumulative_running_cost_gbp, cumulative_floor_area_share) ORDER BY programme_rank)
           FROM estate.disposal_candidates),
          ARRAY['1 ZDA02 10000.00 4500000.00 3000000.00 0.2000', '2 ZDA01 20000.00 5100000.00 5000000.00 0.4000',
                '3 ZDA03 30000.00 6600000.00 7500000.00 0.6000', '4 ZDA04 40000.00 206600000.00 9500000.00 0.8000',
                '5 ZDA05 50000.00 206600000.00 9500000.00 1.0000'],
          'the ICS''s programme adds up floor area, backlog and running cost in score order');
SELECT is((SELECT cumulative_carbon_kg FROM estate.disposal_candidates WHERE programme_rank = 5),
          (SELECT carbon_kg FROM estate.ics_summary WHERE ics_code = 'QDA'), 'the whole programme releases the ICS''s carbon');

-- NaN where a cost should be: the criterion and the release are left out.
UPDATE estate.eric_site SET hard_fm_cost_gbp = 'NaN' WHERE site_code = 'ZDA03';
SELECT lives_ok('SELECT * FROM estate.disposal_candidates', 'a NaN cost fails no query');
SELECT is((SELECT (running_cost_per_m2_gbp, running_cost_gbp, unusable_figures)::text FROM estate.disposal_candidates WHERE site_code = 'ZDA03'),
          '(,,"running cost NaN GBP/m2 is negative or not finite (hard FM NaN + soft FM 1250000 GBP)")', 'ZDA03: NaN running cost left out');
SELECT is((SELECT benchmark_running_cost_per_m2_gbp FROM estate.disposal_candidates WHERE site_code = 'ZDA01'), 200.00,
          'and out of the benchmark: the median of 200, 300, 200');

-- A share above 1: empty + under-used 120%.
UPDATE estate.eric_site SET empty_floor_area_pct = 100, underused_floor_area_pct = 20 WHERE site_code = 'ZDA01';
SELECT is((SELECT (unoccupied_share, unusable_figures)::text FROM estate.disposal_candidates WHERE site_code = 'ZDA01'),
          '(,"unoccupied share 1.2000 is outside 0-1 (empty + under-used floor area above 100% or below 0)")',
          'ZDA01: an unoccupied share of 1.2 is left out');
SELECT is((SELECT count(*) FROM estate.data_quality WHERE finding = 'unusable disposal figure'), 4::bigint,
          'data_quality has the four left-out figures');

SELECT * FROM finish();
ROLLBACK;
