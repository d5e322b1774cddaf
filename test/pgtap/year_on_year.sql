-- estate.year_on_year at site, trust, ICS and England level on a hand-made
-- merger: ZMD merged into ZMB, ZMB into ZMA; in 2031/32 ZMA reports ZMB's
-- site and neither ZMB nor ZMD returns.  ZMC, in another ICS, is untouched.
BEGIN;
SELECT plan(18);

-- 2030/31: ZMA01 10000 m2, GBP 100000 high risk, 1,000,000 kWh, all pre-1948;
--          ZMB01  5000 m2, GBP  50000, 1,000,000 kWh, all 2005-2014;
--          ZMD01  1000 m2, GBP  40000, no energy, no age profile;
--          ZMC01  2000 m2, GBP  20000.
-- 2031/32: ZMA01 10000 m2, GBP 110000, 1,000,000 kWh, pre-1948;
--          ZMB01 (now ZMA's) 5000 m2, GBP 40000, 800,000 kWh, 2005-2014;
--          ZMC01  2000 m2, GBP  20000.
CREATE TEMP TABLE fixture (label text, lines text[]);
INSERT INTO fixture VALUES ('2030/31', ARRAY[
'Trust Code,Trust Name,Commissioning Region,Site Code,Site Name,Site Type,Gross internal floor area (m²),Cost to eradicate high risk backlog (£),Electricity consumed (kWh),Age profile - pre 1948 (%),Age profile - 2005 to 2014 (%)',
'ZMA,ALPHA,NORTH,ZMA01,A ONE,General acute hospital,10000,100000,1000000,100,0',
'ZMB,BETA,NORTH,ZMB01,B ONE,General acute hospital,5000,50000,1000000,0,100',
'ZMD,DELTA,NORTH,ZMD01,D ONE,General acute hospital,1000,40000,,,',
'ZMC,GAMMA,SOUTH,ZMC01,C ONE,General acute hospital,2000,20000,,,']),
('2031/32', ARRAY[
'Trust Code,Trust Name,Commissioning Region,Site Code,Site Name,Site Type,Gross internal floor area (m²),Cost to eradicate high risk backlog (£),Electricity consumed (kWh),Age profile - pre 1948 (%),Age profile - 2005 to 2014 (%)',
'ZMA,ALPHA,NORTH,ZMA01,A ONE,General acute hospital,10000,110000,1000000,100,0',
'ZMA,ALPHA,NORTH,ZMB01,B ONE,General acute hospital,5000,40000,800000,0,100',
'ZMC,GAMMA,SOUTH,ZMC01,C ONE,General acute hospital,2000,20000,,,']);
SELECT ok(estate.load_eric('site ' || label || '.csv', label, 'site', repeat('c', 64), 'UTF8', lines) > 0, label || ' loads')
FROM fixture ORDER BY label;
-- As estate.load_ics_mapping writes a merger: the successor path in the rule.
INSERT INTO estate.ics_mapping (trust_code, valid_from, ics_code, ics_name, source, rule) VALUES
('ZMA', '2000-01-01', 'QAA', 'NHS A ICB', 'ods', 'own ICB'),
('ZMB', '2000-01-01', 'QAA', 'NHS A ICB', 'ods', 'ICB of successor ZMA (ZMB -> ZMA)'),
('ZMD', '2000-01-01', 'QAA', 'NHS A ICB', 'ods', 'ICB of successor ZMA (ZMD -> ZMB -> ZMA)'),
('ZMC', '2000-01-01', 'QCC', 'NHS C ICB', 'ods', 'own ICB');

CREATE TEMP VIEW y AS
SELECT concat_ws('/', level, trust_code, site_code, ics_name) AS k, metric, value, previous_value, change, change_share,
       like_for_like_previous_value AS lfl, like_for_like_change AS lfl_change, like_for_like_change_share AS lfl_share, predecessors
FROM estate.year_on_year WHERE financial_year = 2031;

-- ZMA's floor area: 10000 + 5000 = 15000; plainly against its own 10000
-- (+5000, +50%); like for like against ZMA 10000 + ZMB 5000 + ZMD 1000 = 16000
-- (-1000, -1000/16000 = -0.0625).
SELECT is((SELECT (value, previous_value, change, change_share, lfl, lfl_change, lfl_share, predecessors)::text
           FROM y WHERE k = 'trust/ZMA/NHS A ICB' AND metric = 'gross internal floor area'),
          '(15000.0000,10000.0000,5000.0000,0.5000,16000.0000,-1000.0000,-0.0625,"ZMB, ZMD")',
          'trust floor area: +50% plainly, -6.25% like for like with ZMB and ZMD');
-- Backlog 110000 + 40000 = 150000; plain 100000 (+0.5); like for like
-- 100000 + 50000 + 40000 = 190000: -40000 / 190000 = -0.210526.
SELECT is((SELECT (value, previous_value, change_share, lfl, lfl_change, lfl_share)::text
           FROM y WHERE k = 'trust/ZMA/NHS A ICB' AND metric = 'backlog, total'),
          '(150000.0000,100000.0000,0.5000,190000.0000,-40000.0000,-0.2105)', 'trust backlog, both ways');
-- Backlog per m2 recomputed from parts: 150000 / 15000 = 10; like for like
-- 190000 / 16000 = 11.875 (not the mean of 10, 10 and 40).
SELECT is((SELECT (value, previous_value, lfl)::text FROM y WHERE k = 'trust/ZMA/NHS A ICB' AND metric = 'backlog per m2'),
          '(10.0000,10.0000,11.8750)', 'backlog per m2 like for like is 190000 / 16000');
-- Energy per m2: 1,800,000 / 15000 = 120; plain 1,000,000 / 10000 = 100; like
-- for like over the sites that reported energy only: 2,000,000 / 15000 = 133.3333.
SELECT is((SELECT (value, previous_value, lfl)::text FROM y WHERE k = 'trust/ZMA/NHS A ICB' AND metric = 'energy per m2'),
          '(120.0000,100.0000,133.3333)', 'energy per m2 like for like leaves out ZMD01, which reported no energy');
-- Mean build year: (10000 * 1924 + 5000 * 2010) / 15000 = 1952.6667; plain
-- 1924 (+28.6667 years); like for like the same two sites (ZMD01 has no
-- profile): 1952.6667, no change.  No percentage of a year.
SELECT is((SELECT (value, previous_value, change, change_share, lfl, lfl_change, lfl_share)::text
           FROM y WHERE k = 'trust/ZMA/NHS A ICB' AND metric = 'mean build year'),
          '(1952.6667,1924.0000,28.6667,,1952.6667,0.0000,)', 'mean build year: a change in years, never a share');
SELECT is((SELECT count(*) FROM estate.year_on_year WHERE unit = 'year' AND (change_share IS NOT NULL OR like_for_like_change_share IS NOT NULL)),
          0::bigint, 'no percentage change of a build year at any level');

-- The site that moved trust: no plain previous year (ZMA had no ZMB01), like
-- for like ZMB's 5000 m2.
SELECT is((SELECT (value, previous_value, lfl, lfl_change, predecessors)::text
           FROM y WHERE k = 'site/ZMA/ZMB01/NHS A ICB' AND metric = 'gross internal floor area'),
          '(5000.0000,,5000.0000,0.0000,ZMB)', 'a site taken over compares like for like with its predecessor''s return');
SELECT is((SELECT (value, previous_value, lfl, predecessors)::text
           FROM y WHERE k = 'site/ZMA/ZMA01/NHS A ICB' AND metric = 'backlog, total'),
          '(110000.0000,100000.0000,100000.0000,)', 'an unchanged site: plain and like for like agree');

-- ICS QAA: 15000 now; last year ZMA + ZMB + ZMD = 16000 both ways (the ICS
-- had all three); ZMC's ICS unchanged at 2000.
SELECT is((SELECT (value, previous_value, lfl, lfl_share, predecessors)::text
           FROM y WHERE k = 'ics/NHS A ICB' AND metric = 'gross internal floor area'),
          '(15000.0000,16000.0000,16000.0000,-0.0625,"ZMB, ZMD")', 'ICS: the merger inside it changes nothing');
SELECT is((SELECT (value, previous_value, lfl, predecessors)::text
           FROM y WHERE k = 'ics/NHS C ICB' AND metric = 'gross internal floor area'),
          '(2000.0000,2000.0000,2000.0000,)', 'the other ICS');
-- England: 17000 against 18000 both ways.
SELECT is((SELECT (value, previous_value, lfl, lfl_share)::text FROM y WHERE k = 'england' AND metric = 'gross internal floor area'),
          '(17000.0000,18000.0000,18000.0000,-0.0556)', 'England: 17000 against 18000 (-1000 / 18000 = -0.0556)');
SELECT is((SELECT (value, previous_value, lfl, predecessors)::text FROM y WHERE k = 'trust/ZMC/NHS C ICB' AND metric = 'backlog, total'),
          '(20000.0000,20000.0000,20000.0000,)', 'a trust without mergers: the two agree');
-- Without the successor rows the merged trusts' returns count nowhere this year.
DELETE FROM estate.ics_mapping WHERE trust_code IN ('ZMB', 'ZMD');
SELECT is((SELECT (lfl, predecessors)::text FROM y WHERE k = 'trust/ZMA/NHS A ICB' AND metric = 'gross internal floor area'),
          '(10000.0000,)', 'no successor path: ZMA compares with its own return only');
SELECT is((SELECT count(*) FROM estate.year_on_year WHERE financial_year = 2030 AND like_for_like_previous_value IS NOT NULL),
          0::bigint, 'the first year has nothing to compare with');
SELECT is((SELECT count(*) FROM pg_attribute AS a
           WHERE a.attrelid = 'estate.year_on_year'::regclass AND a.attnum > 0 AND col_description(a.attrelid, a.attnum) IS NULL),
          0::bigint, 'every column of year_on_year is commented');

SELECT is((SELECT string_agg(format_type(atttypid, atttypmod), ' ' ORDER BY attnum) FROM pg_attribute
           WHERE attrelid = 'estate.year_on_year'::regclass AND attname IN ('change_share', 'like_for_like_change_share')),
          'numeric(12,4) numeric(12,4)', 'the shares keep their precision and scale for BI clients');

SELECT * FROM finish();
ROLLBACK;
