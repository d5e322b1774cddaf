-- estate.data_quality on two fixture years with planted defects: 2031/32
-- holds exactly one of each (an unmapped trust, a missing return, a site added
-- and one removed, a negative fuel, an energy outlier) and 2030/31 none.
BEGIN;
SELECT plan(14);

-- 2030/31: ZQA (two sites), ZQB, ZQD; energy 100-120 kWh/m2 everywhere.
-- 2031/32: ZQA swaps site ZQA02 for ZQA03 (same size) and reports gas -5;
-- ZQB does not return; ZQC is new and maps to no ICS; ZQD uses 1,000 kWh/m2.
CREATE TEMP TABLE fixture (label text, lines text[]);
INSERT INTO fixture VALUES ('2030/31', ARRAY[
'Trust Code,Trust Name,Commissioning Region,Site Code,Site Name,Site Type,Gross internal floor area (m²),Cost to eradicate high risk backlog (£),Electricity consumed (kWh),Gas consumed (kWh)',
'ZQA,ALPHA,NORTH,ZQA01,A ONE,General acute hospital,10000,100000,1000000,0',
'ZQA,ALPHA,NORTH,ZQA02,A TWO,General acute hospital,10000,100000,1100000,0',
'ZQB,BETA,NORTH,ZQB01,B ONE,General acute hospital,10000,100000,1200000,0',
'ZQD,DELTA,NORTH,ZQD01,D ONE,General acute hospital,10000,100000,1050000,0']),
('2031/32', ARRAY[
'Trust Code,Trust Name,Commissioning Region,Site Code,Site Name,Site Type,Gross internal floor area (m²),Cost to eradicate high risk backlog (£),Electricity consumed (kWh),Gas consumed (kWh)',
'ZQA,ALPHA,NORTH,ZQA01,A ONE,General acute hospital,10000,100000,1000000,-5',
'ZQA,ALPHA,NORTH,ZQA03,A THREE,General acute hospital,10000,100000,1100000,0',
'ZQC,GAMMA,NORTH,ZQC01,C ONE,General acute hospital,5000,50000,550000,0',
'ZQD,DELTA,NORTH,ZQD01,D ONE,General acute hospital,10000,100000,10000000,0']);
SELECT ok(estate.load_eric('site ' || label || '.csv', label, 'site', repeat('c', 64), 'UTF8', lines) > 0, label || ' loads')
FROM fixture ORDER BY label;
INSERT INTO estate.ics_mapping (trust_code, valid_from, ics_code, ics_name)
VALUES ('ZQA', '2000-01-01', 'QAA', 'NHS A ICB'), ('ZQB', '2000-01-01', 'QAA', 'NHS A ICB'), ('ZQD', '2000-01-01', 'QAA', 'NHS A ICB');

SELECT is((SELECT count(*) FROM estate.data_quality WHERE financial_year = 2030), 0::bigint, 'nothing is found in 2030/31');
SELECT is((SELECT array_agg(concat_ws(' ', level, finding, trust_code, site_code, ics_code, column_name, figure)
                            ORDER BY level, finding, site_code)
           FROM estate.data_quality WHERE financial_year = 2031),
          ARRAY['site energy outlier ZQD ZQD01 QAA energy_kwh 1000.00',
                'site negative value ZQA ZQA01 QAA gas_kwh -5.00',
                'site site added ZQA ZQA03 QAA 10000.00',
                'site site removed ZQA ZQA02 QAA 10000.00',
                'trust missing return ZQB QAA 10000.00',
                'trust unmapped trust ZQC 5000.00'],
          '2031/32: each planted defect once, and nothing else');
SELECT is((SELECT reason FROM estate.data_quality WHERE financial_year = 2031 AND finding = 'energy outlier'),
          'ZQD site ZQD01: energy 1000.00 kWh/m2 is 9.09 times the median of its site type (General acute hospital: 110.00 kWh/m2 over 3 sites)',
          'the outlier against its site type''s median: ZQA03 110, ZQC01 110, ZQD01 1000 (ZQA01 left out, its gas is negative); 1000 / 110 = 9.09');
SELECT is((SELECT (sites, floor_area_m2, backlog_gbp, reason)::text FROM estate.data_quality WHERE finding = 'unmapped trust'),
          '(1,5000.00,50000.00,"ZQC (GAMMA) maps to no ICS and counts under NORTH; its 1 site rows, 5000 m2 and GBP 50000 of backlog are in no ICS")',
          'the unmapped trust with the site, floor area and backlog left out of every ICS');
SELECT is((SELECT reason FROM estate.data_quality WHERE finding = 'missing return'),
          'ZQB (BETA) returned 1 site rows (10000 m2) in 2030/31 and none in 2031/32', 'the missing return');
SELECT is((SELECT count(*) FROM estate.data_quality(20, 3) WHERE finding = 'energy outlier'), 0::bigint,
          'outlier_factor 20: 9.09 times the median is no outlier');
SELECT is((SELECT count(*) FROM estate.data_quality(9, 3) WHERE finding = 'energy outlier'), 1::bigint,
          'outlier_factor 9: it is');

-- A jump: ZQD's floor area four times the year before (and then 250 kWh/m2,
-- 2.27 times the median, no outlier).
UPDATE estate.eric_site SET gross_internal_floor_area_m2 = 40000 WHERE financial_year = 2031 AND site_code = 'ZQD01';
SELECT is((SELECT array_agg(format('%s %s %s %s', finding, trust_code, column_name, figure)) FROM estate.data_quality
           WHERE financial_year = 2031 AND finding IN ('year-on-year jump', 'energy outlier')),
          '{"year-on-year jump ZQD gross_internal_floor_area_m2 40000.00"}', 'a floor area 4 times the year before is a jump (factor 3)');
SELECT is((SELECT count(*) FROM estate.data_quality(5, 4.5) WHERE finding = 'year-on-year jump'), 0::bigint,
          'jump_factor 4.5: 4 times is no jump');

SELECT throws_ok($$SELECT * FROM estate.data_quality(1, 3)$$, '22023', 'outlier_factor must be above 1: 1', 'outlier_factor 1 is refused');
SELECT throws_ok($$SELECT * FROM estate.data_quality(5, NULL)$$, '22023', 'jump_factor must be above 1: NULL', 'a NULL jump_factor is refused');
SELECT is((SELECT count(*) FROM pg_attribute AS a JOIN pg_type AS t ON t.oid = a.atttypid
           WHERE a.attrelid = 'estate.data_quality'::regclass AND a.attnum > 0
             AND (t.typname NOT IN ('text', 'numeric', 'integer', 'int4', 'date') OR col_description(a.attrelid, a.attnum) IS NULL)),
          0::bigint, 'data_quality has only BI types, every column commented');

SELECT * FROM finish();
ROLLBACK;
