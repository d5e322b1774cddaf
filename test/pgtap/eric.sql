-- ERIC in the warehouse: tables, privileges, the loader function on
-- hand-made files, and the BI views on slices small enough to check by hand.
BEGIN;
SELECT plan(91);

-- The extension as a data engineer installs it: an ordinary role owns it.
DROP EXTENSION estate;
DROP SCHEMA estate;
CREATE ROLE eric_owner;
CREATE ROLE eric_reader;
CREATE ROLE eric_etl;
SELECT format('GRANT CREATE ON DATABASE %I TO eric_owner', current_database()) \gexec
SET ROLE eric_owner;
CREATE EXTENSION estate;
RESET ROLE;

-- 1. Tables users fill are dumped with their rows; shipped ones are not.
SELECT is((SELECT array_agg(c::regclass::text ORDER BY c::regclass::text) FROM pg_extension, unnest(extconfig) AS c
           WHERE extname = 'estate' AND c::regclass::text ~ '^estate\.(eric|ics|site_ics)'),
          '{estate.eric_header,estate.eric_header_signature,estate.eric_load,estate.eric_load_id_seq,estate.eric_site,estate.eric_trust,estate.ics_mapping,estate.site_ics}'::text[],
          'eric_load (and its sequence), eric_site, eric_trust, ics_mapping, site_ics, eric_header and eric_header_signature are registered with pg_extension_config_dump');
SELECT is((SELECT array_agg(format('%s %s', c::regclass, x) ORDER BY c::regclass::text)
           FROM pg_extension, unnest(extconfig, extcondition) AS u(c, x)
           WHERE extname = 'estate' AND x <> '' AND c::regclass::text ~ '^estate\.(eric|ics)_'),
          '{"estate.eric_header WHERE NOT shipped","estate.eric_header_signature WHERE NOT shipped"}'::text[],
          'all rows are dumped, but of the header map and the signatures only those users added');
SELECT ok((SELECT count(*) FROM estate.eric_header WHERE shipped) > 100 AND NOT EXISTS (SELECT FROM estate.eric_header WHERE NOT shipped),
          'the header map ships with the extension');
SELECT col_is_pk('estate', 'eric_site', ARRAY['financial_year', 'trust_code', 'site_code'], 'a site return is keyed by year, trust and site');
SELECT col_is_pk('estate', 'eric_trust', ARRAY['financial_year', 'trust_code'], 'a trust return is keyed by year and trust');
SELECT col_type_is('estate', 'eric_site', 'financial_year', 'smallint', 'financial_year is the starting year, smallint');
SELECT col_type_is('estate', 'eric_site', 'backlog_high_risk_gbp', 'numeric', 'backlog columns are numeric');
SELECT has_index('estate', 'eric_site', 'eric_site_site_code_idx', 'site codes are indexed across years');
SELECT is((SELECT string_agg(column_name, ', ' ORDER BY column_name) FROM (SELECT DISTINCT column_name FROM estate.eric_header) AS h
           WHERE column_name NOT IN (SELECT attname FROM pg_attribute WHERE attrelid IN ('estate.eric_site'::regclass, 'estate.eric_trust'::regclass))),
          NULL, 'every column of the header map exists');
SELECT throws_ok($$INSERT INTO estate.eric_header (kind, column_name, header, definition) VALUES ('site', 'load_id', 'Load', 'x')$$,
                 '23514', NULL, 'no header may fill the loader''s own columns');

-- 2. Privileges: everyone reads, the owner writes and may delegate.
SELECT ok(has_table_privilege('eric_reader', 'estate.eric_site', 'SELECT'), 'PUBLIC may read eric_site');
SELECT ok(has_table_privilege('eric_reader', 'estate.site_summary', 'SELECT'), 'PUBLIC may read the views');
SELECT ok(NOT has_table_privilege('eric_reader', 'estate.eric_site', 'INSERT'), 'PUBLIC may not write eric_site');
SELECT ok(has_table_privilege('eric_owner', 'estate.eric_site', 'INSERT, DELETE'), 'the extension owner may write eric_site');
SELECT ok(has_table_privilege('eric_owner', 'estate.ics_mapping', 'INSERT, DELETE'), 'the extension owner may write ics_mapping');
SET ROLE eric_owner;
SELECT lives_ok($$GRANT INSERT, DELETE ON estate.eric_site, estate.eric_load TO eric_etl;
                 GRANT USAGE ON SEQUENCE estate.eric_load_id_seq TO eric_etl$$,
                'the owner may pass writing on to a loading role');
RESET ROLE;

-- 3. A file in the later published style: a section-heading row, a header
--    repeated in two sections, quoted thousands separators, Not Applicable and
--    No Data Provided, a site type with a numeric prefix, a header row repeated
--    inside the data, subtotal rows, a Grand Total and a blank last line.
CREATE TEMP TABLE fixture_2022 (lines text[]);
INSERT INTO fixture_2022 VALUES (ARRAY[
',,,,,,,Areas,,,,,,Age Profile,,,Quality of Buildings,,,,Energy,,Water Services,,PFI Facilities and Services,',
'Trust Code,Trust Name,Commissioning Region,Integrated Care Board,Site Code,Site Name,Site Type,Gross internal floor area (m²),Occupied floor area (m²),Clinical space (m²),Non-clinical space (m²),Floor area - empty (%),Floor area - under used (%),Age profile - 2015 to present (%),Age profile - 1995 to 2004 (%),Age profile - pre 1948 (%),Cost to eradicate high risk backlog (£),Cost to eradicate significant risk backlog (£),Cost to eradicate moderate risk backlog (£),Cost to eradicate low risk backlog (£),Electricity consumed (kWh),Gas consumed (kWh),Water cost (£),Sewage cost (£),Occupied floor area (m²),Isolation rooms (No.)',
'ZXA,ALPHA TRUST,NORTH,NHS Alpha ICB,ZXA01,ALPHA GENERAL,1. General acute hospital,"10,000","9,000","6,000","3,000",2,1,10,40,50,"1,000,000","2,000,000",500000,250000,"1,200,000","800,000",1000,500,Not Applicable,4',
'ZXA,ALPHA TRUST,NORTH,NHS Alpha ICB,AGGRE,AGGREGATE SITE,Aggregate Site,"1,000",900,Not Applicable,Not Applicable,0,0,0,100,0,0,"10,000",No Data Provided,"50,000",,100,,,Not Applicable,',
'ZXA Result,,,,,,,"11,000","9,900",subtotals are not read,,,,,,,,,,,,,,,,',
'Trust Code,Trust Name,Commissioning Region,Integrated Care Board,Site Code,Site Name,Site Type,Gross internal floor area (m²),Occupied floor area (m²),Clinical space (m²),Non-clinical space (m²),Floor area - empty (%),Floor area - under used (%),Age profile - 2015 to present (%),Age profile - 1995 to 2004 (%),Age profile - pre 1948 (%),Cost to eradicate high risk backlog (£),Cost to eradicate significant risk backlog (£),Cost to eradicate moderate risk backlog (£),Cost to eradicate low risk backlog (£),Electricity consumed (kWh),Gas consumed (kWh),Water cost (£),Sewage cost (£),Occupied floor area (m²),Isolation rooms (No.)',
'ZXB,BETA TRUST,SOUTH,,ZXB01,"BETA COMMUNITY, ""EAST""",Community hospital (with inpatient beds),"5,000","4,000","2,000","2,000",0,0,0,0,100,Not Applicable,Not Applicable,Not Applicable,Not Applicable,"300,000",No Data Provided,-,-,Not Applicable,0',
'ZXB Result,,,,,,,"5,000",,,,,,,,,,,,,,,,,,',
'Grand Total,,,,,,,"16,000",,,,,,,,,,,,,,,,,,',
'']);
-- The year before, in the early format: other headers, other definitions.
CREATE TEMP TABLE fixture_2021 (lines text[]);
INSERT INTO fixture_2021 VALUES (ARRAY[
'Organisation Code,Organisation Name,Commissioning Region,Organisation Type,Site Code,Site Name,Site Type,Gross internal site floor area (m²),Occupied floor area (m²),Patient occupied floor area (m²),Non-patient occupied floor area (m²),Un-utilised space (%),Cost to eradicate high risk backlog (£),Cost to eradicate significant risk backlog (£),Cost to eradicate moderate risk backlog (£),Cost to eradicate low risk backlog (£),Electricity consumed - utility (kWh),Electricity consumed - local (kWh),Gas consumed - utility (kWh)',
'ZXA,ALPHA TRUST,NORTH,ACUTE,ZXA01,ALPHA GENERAL,GENERAL ACUTE HOSPITAL,9000,8000,5000,3000,4,800000,1500000,500000,200000,1000000,100000,700000']);
GRANT SELECT ON fixture_2022, fixture_2021 TO PUBLIC;

SET ROLE eric_owner;
SELECT ok(estate.load_eric('ERIC - 2022_23 - Site data.csv', '2022-23', 'site', repeat('a', 64), 'WIN1252', lines) > 0,
          'the later-format site file loads')
FROM fixture_2022;
SELECT ok(estate.load_eric('eric_2021-22_site.csv', '2021/22', 'site', repeat('b', 64), 'UTF8', lines) > 0,
          'the early-format site file loads')
FROM fixture_2021;
RESET ROLE;

SELECT is((SELECT array_agg(site_code ORDER BY trust_code, site_code) FROM estate.eric_site WHERE financial_year = 2022),
          '{AGGRE,ZXA01,ZXB01}'::text[], 'three returns: the AGGRE row is kept; subtotals, the total, the repeated header and the blank line are not');
SELECT is((SELECT rows_skipped FROM estate.eric_load WHERE financial_year = 2022),
          '{"blank": 1, "subtotal": 2, "grand total": 1, "repeated header": 1}'::jsonb, 'the audit counts the skipped rows by reason');
SELECT is((SELECT (year_label, header_row, rows_loaded, file_encoding, loaded_by)::text FROM estate.eric_load WHERE financial_year = 2022),
          '(2022/23,2,3,WIN1252,eric_owner)', 'the audit holds the canonical year, header row, rows, encoding and role');
SELECT is((SELECT header_mapping->24 FROM estate.eric_load WHERE financial_year = 2022),
          '{"column": 25, "header": "Occupied floor area (m²)", "section": "PFI Facilities and Services", "loaded_as": null}'::jsonb,
          'the audit records each header, its section and where it went');
SELECT is((SELECT (gross_internal_floor_area_m2, occupied_floor_area_m2, clinical_space_m2, non_clinical_space_m2,
                   backlog_high_risk_gbp, backlog_significant_risk_gbp, electricity_kwh, water_sewage_cost_gbp)::text
           FROM estate.eric_site WHERE financial_year = 2022 AND site_code = 'ZXA01'),
          '(10000,9000,6000,3000,1000000,2000000,1200000,1500)',
          'quoted thousands read as numbers; occupied area from Areas, not PFI; water + sewage added up');
SELECT is((SELECT site_type FROM estate.eric_site WHERE financial_year = 2022 AND site_code = 'ZXA01'), 'General acute hospital', 'the numeric prefix of the site type is dropped');
SELECT is((SELECT site_name FROM estate.eric_site WHERE site_code = 'ZXB01'), 'BETA COMMUNITY, "EAST"', 'a quoted field keeps its commas and quotes');
SELECT is((SELECT integrated_care_board FROM estate.eric_site WHERE financial_year = 2022 AND site_code = 'ZXA01'), 'NHS Alpha ICB', 'the published ICB is kept');
SELECT is((SELECT other_items FROM estate.eric_site WHERE financial_year = 2022 AND site_code = 'ZXA01'),
          '{"Isolation rooms (No.)": "4", "PFI Facilities and Services: Occupied floor area (m²)": "Not Applicable"}'::jsonb,
          'unmapped cells are kept, a repeated header qualified by its section');
SELECT is((SELECT not_applicable FROM estate.eric_site WHERE trust_code = 'ZXA' AND site_code = 'AGGRE'),
          '{clinical_space_m2,non_clinical_space_m2}'::text[], 'Not Applicable cells are recorded per row');
SELECT ok((SELECT backlog_moderate_risk_gbp IS NULL AND 'backlog_moderate_risk_gbp' <> ALL (not_applicable)
           FROM estate.eric_site WHERE financial_year = 2022 AND site_code = 'AGGRE'), 'No Data Provided is NULL and a gap, not an answer');
SELECT ok((SELECT electricity_kwh IS NULL FROM estate.eric_site WHERE financial_year = 2022 AND site_code = 'AGGRE'), 'a blank cell is NULL, never 0');
SELECT ok((SELECT water_sewage_cost_gbp IS NULL FROM estate.eric_site WHERE site_code = 'ZXB01'), 'parts that are all - stay NULL');
SELECT is((SELECT electricity_kwh FROM estate.eric_site WHERE financial_year = 2021), 1100000::numeric,
          'utility + local electricity add up (early format)');
SELECT is((SELECT (financial_year, year_label, load_id IS NOT NULL, source_row)::text FROM estate.eric_site WHERE site_code = 'ZXB01'),
          '(2022,2022/23,t,7)', 'each return knows its year, load and row of the file');
SELECT is((SELECT definitions->>'empty_floor_area_pct' FROM estate.eric_load WHERE financial_year = 2021), 'un-utilised space',
          'the audit keeps the definition each column was loaded under');

-- 4. Loading a year again replaces it; another year is left alone.
SET ROLE eric_owner;
SELECT estate.load_eric('ERIC - 2022_23 - Site data.csv', '2022/23', 'site', repeat('c', 64), 'UTF8', lines[1:4] || lines[10:10])
FROM fixture_2022;
RESET ROLE;
SELECT is((SELECT count(*) FROM estate.eric_site WHERE financial_year = 2022), 2::bigint, 'a reload replaces the year''s returns');
SELECT is((SELECT count(*) FROM estate.eric_site WHERE financial_year = 2021), 1::bigint, 'other years are untouched');
SELECT is((SELECT count(*) FROM estate.eric_load WHERE financial_year = 2022), 2::bigint, 'the audit keeps both loads');
SELECT is((SELECT count(DISTINCT load_id) FROM estate.eric_site WHERE financial_year = 2022), 1::bigint, 'the returns point at the last load');
SET ROLE eric_owner;
SELECT estate.load_eric('ERIC - 2022_23 - Site data.csv', '2022/23', 'site', repeat('a', 64), 'WIN1252', lines) FROM fixture_2022;
RESET ROLE;

-- 5. A loading role the owner granted may load; a reader may not.
SET ROLE eric_reader;
SELECT throws_ok($$SELECT estate.load_eric('f.csv', '2021/22', 'site', 'x', 'UTF8', ARRAY['Organisation Code,Site Code', 'ZXA,ZXA01'])$$,
                 '42501', NULL, 'a reader cannot load');
RESET ROLE;
SET ROLE eric_etl;
SELECT lives_ok($$SELECT estate.load_eric('f.csv', '2020/21', 'site', 'x', 'UTF8', ARRAY['Organisation Code,Site Code', 'ZXA,ZXA01'])$$,
                'a role the owner granted writing to can load');
RESET ROLE;
DELETE FROM estate.eric_site WHERE financial_year = 2020;
DELETE FROM estate.eric_load WHERE financial_year = 2020;

-- 6. Bad files load nothing and say file, row, column and value.
CREATE FUNCTION pg_temp.load(lines text[], kind text DEFAULT 'site') RETURNS bigint
    LANGUAGE sql AS $$SELECT estate.load_eric('bad.csv', '2019/20', kind, 'x', 'UTF8', lines)$$;
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code,Gross internal floor area (m²)', 'ZXA,ZXA01,"1,000"', 'ZXA,ZXA02,12x4'])$$,
                 '22P02', 'bad.csv row 3, column 3 "Gross internal floor area (m²)": invalid amount: "12x4"', 'a bad number');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code,Gross internal floor area (m²)', 'ZXA,ZXA01,1e9'])$$,
                 '22P02', 'bad.csv row 2, column 3 "Gross internal floor area (m²)": invalid amount: "1e9"', 'an exponent');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code,Gross internal floor area (m²)', 'ZXA,ZXA01,5', 'ZXA,ZXA02'])$$,
                 '22P02', 'bad.csv row 3, column 3 "Gross internal floor area (m²)": missing, the row ends after column 2 (truncated row)',
                 'a truncated row');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code,Gross internal floor area (m²)', 'ZXA,ZXA01,5,,x'])$$,
                 '22P02', 'bad.csv row 2, column 5: "x" is beyond the last headed column', 'a value beyond the headers');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code,Site Name', 'ZXA,ZXA01,"ALPHA'])$$,
                 '22P02', 'bad.csv row 2: malformed CSV quoting', 'an unclosed quote');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code', 'ZXA,ZXA01', 'ZXA,ZXA01'])$$,
                 '23505', 'bad.csv rows 2 and 3 hold the same return (trust ZXA, site ZXA01)', 'the same return twice');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code', ',ZXA01'])$$,
                 '22P02', 'bad.csv row 2, column 1 "Organisation Code": "" is not a code', 'a return without trust code');
-- A code is at most 32 characters: a longer one is refused by name before it
-- can reach the primary key's index (whose entries hold at most about 2.7 kB).
SELECT throws_ok(format($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code', 'ZXA,%s'])$$, repeat('S', 33)),
                 '22P02', format('bad.csv row 2, column 2 "Site Code": "%s" is not a code', repeat('S', 33)), 'a 33-character site code');
SELECT throws_ok(format($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code', '%s,ZXA01'])$$, repeat('T', 20000)),
                 '22P02', format('bad.csv row 2, column 1 "Organisation Code": "%s" is not a code', repeat('T', 20000)),
                 'a 20,000-character trust code is refused, naming its row and column');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Name,Site Name', 'ALPHA,ONE'])$$,
                 '22P02', 'bad.csv has no site header row', 'no header row');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Organisation Name', 'ZXA,ALPHA'])$$,
                 '22023', 'bad.csv looks like a trust file, not a site file', 'a trust file loaded as sites');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code', 'ZXA,ZXA01'], 'trust')$$,
                 '22023', 'bad.csv looks like a site file, not a trust file', 'a site file loaded as trusts');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code,Gross internal floor area (m²),Gross internal site floor area (m²)', 'ZXA,ZXA01,1,2'])$$,
                 '22P02', 'bad.csv row 1: column 3 "Gross internal floor area (m²)" and column 4 "Gross internal site floor area (m²)" both map to gross_internal_floor_area_m2',
                 'two headers for one column');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code,Gas consumed (kWh),Gas consumed (kWh)', 'ZXA,ZXA01,1,2'])$$,
                 '22P02', 'bad.csv row 1: header "Gas consumed (kWh)" repeats (sections (no section), (no section)); the header map names no section for it',
                 'a repeated header the map cannot place');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Site Code', 'ZXA Result,', 'Grand Total,'])$$,
                 '22P02', 'bad.csv holds no site returns', 'a file of totals only');
SELECT throws_ok($$SELECT pg_temp.load(ARRAY['Organisation Code,Estates Development Strategy (Yes/No)', 'ZXA,Maybe'], 'trust')$$,
                 '22P02', 'bad.csv row 2, column 2 "Estates Development Strategy (Yes/No)": "Maybe" is not Yes or No', 'a Yes/No column');
SELECT throws_ok($$SELECT estate.load_eric('f.csv', '2019/21', 'site', 'x', 'UTF8', ARRAY['x'])$$,
                 '22023', 'invalid financial year: "2019/21"', 'years must be consecutive');
SELECT throws_ok($$SELECT estate.load_eric('f.csv', '2019/20', 'sites', 'x', 'UTF8', ARRAY['x'])$$,
                 '22023', 'invalid ERIC file kind: "sites"', 'the kind is site or trust');
SELECT is((SELECT count(*) FROM estate.eric_load WHERE financial_year = 2019), 0::bigint, 'failed loads leave no audit row');

-- A trust file of the same year: Yes/No as boolean, thousands in quotes.
SET ROLE eric_owner;
SELECT ok(estate.load_eric('ERIC - 2022_23 - Trust data.csv', '2022/23', 'trust', repeat('d', 64), 'UTF8 with BOM', ARRAY[
    U&'\FEFF,,,,Strategies and Policies,Finance,,',
    'Trust Code,Trust Name,Commissioning Region,Trust Type,Estates Development Strategy (Yes/No),Investment to reduce backlog maintenance (£),Capital investment for new build (£),Capital investment for improving existing buildings (£)',
    'ZXA,ALPHA TRUST,NORTH,ACUTE,Yes,"2,864,738",0,"1,500,000"',
    'ZXB,BETA TRUST,SOUTH,COMMUNITY,no,Not Applicable,,"250,000"']) > 0, 'the trust file loads');
RESET ROLE;
SELECT is((SELECT array_agg((trust_code, estates_development_strategy, backlog_investment_gbp, not_applicable)::text ORDER BY trust_code)
           FROM estate.eric_trust WHERE financial_year = 2022),
          '{"(ZXA,t,2864738,{})","(ZXB,f,,{backlog_investment_gbp})"}'::text[], 'trust returns: booleans, amounts, Not Applicable');

-- 7. The views, on the slices above (values worked out by hand).
-- ZXA is mapped to an ICS until the end of 2022 (so 2021/22, not 2022/23);
-- ZXB has no mapping and no published ICB.
INSERT INTO estate.ics_mapping (trust_code, valid_from, valid_to, ics_code, ics_name)
VALUES ('ZXA', '2000-01-01', '2023-01-01', 'QXA', 'Alpha ICS');

SELECT is((SELECT (gross_internal_floor_area_m2, occupied_floor_area_m2, backlog_total_gbp, critical_infrastructure_risk_gbp,
                   backlog_per_m2_gbp, mean_build_year, non_clinical_share, unoccupied_share,
                   meets_non_clinical_target, meets_unoccupied_target, energy_kwh, energy_per_m2_kwh, is_aggregate)::text
           FROM estate.site_summary WHERE financial_year = 2022 AND site_code = 'ZXA01'),
          '(10000.00,9000.00,3750000.00,3000000.00,375.00,1963.9,0.3333,0.0300,t,f,2000000.00,200.00,f)',
          'site_summary ZXA01: total 3.75m, CIR 3m, 375/m2, build year (10*2019.125+40*2000+50*1924)/100, 3000/9000, 3%');
SELECT is((SELECT (backlog_total_gbp, critical_infrastructure_risk_gbp, backlog_per_m2_gbp, mean_build_year,
                   non_clinical_share, space_basis, energy_kwh, is_aggregate)::text
           FROM estate.site_summary WHERE financial_year = 2022 AND trust_code = 'ZXA' AND site_code = 'AGGRE'),
          '(60000.00,10000.00,60.00,2000.0,,,100.00,t)', 'site_summary AGGRE: 0 + 10,000 + 50,000; no space basis where Not Applicable');
SELECT is((SELECT (backlog_total_gbp, backlog_per_m2_gbp, mean_build_year, non_clinical_share, unoccupied_share,
                   meets_unoccupied_target, energy_kwh)::text
           FROM estate.site_summary WHERE financial_year = 2022 AND site_code = 'ZXB01'),
          '(,,1924.0,0.5000,0.0000,t,300000.00)', 'site_summary ZXB01: no backlog reported is NULL, not 0');
SELECT is((SELECT (sites, sites_reporting_backlog, gross_internal_floor_area_m2, occupied_floor_area_m2,
                   backlog_high_risk_gbp, backlog_significant_risk_gbp, backlog_moderate_risk_gbp, backlog_low_risk_gbp,
                   backlog_total_gbp, critical_infrastructure_risk_gbp, backlog_reporting_floor_area_m2, backlog_per_m2_gbp,
                   mean_build_year, non_clinical_share, unoccupied_share, energy_kwh, energy_per_m2_kwh,
                   backlog_investment_gbp, capital_existing_buildings_gbp)::text
           FROM estate.trust_summary WHERE financial_year = 2022 AND trust_code = 'ZXA'),
          '(2,2,11000.00,9900.00,1000000.00,2010000.00,500000.00,300000.00,3810000.00,3010000.00,11000.00,346.36,1967.2,0.3333,0.0273,2000100.00,181.83,2864738.00,1500000.00)',
          'trust_summary ZXA 2022/23: sums of ZXA01 and AGGRE; 3.81m/11,000 m2; (10,000*1963.9125+1,000*2000)/11,000; 300/11,000');
SELECT is((SELECT (ics_basis, ics_code, ics_name) FROM estate.trust_summary WHERE financial_year = 2021 AND trust_code = 'ZXA')::text,
          '(ICS,QXA,"Alpha ICS")', 'a trust maps to its ICS while the mapping is valid on 31 March');
SELECT is((SELECT (ics_basis, ics_code, ics_name) FROM estate.trust_summary WHERE financial_year = 2022 AND trust_code = 'ZXA')::text,
          '("ICB as published",,"NHS Alpha ICB")', 'after it, the published ICB');
SELECT is((SELECT (ics_basis, ics_code, ics_name) FROM estate.trust_summary WHERE financial_year = 2022 AND trust_code = 'ZXB')::text,
          '("commissioning region",,SOUTH)', 'with neither, the commissioning region');
SELECT is((SELECT array_agg((ics_basis, ics_name, trusts, sites, backlog_total_gbp)::text ORDER BY ics_name)
           FROM estate.ics_summary WHERE financial_year = 2022),
          '{"(\"ICB as published\",\"NHS Alpha ICB\",1,2,3810000.00)","(\"commissioning region\",SOUTH,1,1,)"}'::text[],
          'ics_summary groups by ICS, else region');
SELECT is((SELECT (sites, gross_internal_floor_area_m2, backlog_total_gbp, energy_kwh)::text
           FROM estate.ics_summary WHERE financial_year = 2021),
          '(1,9000.00,3000000.00,1800000.00)', 'ics_summary 2021/22: the one site; 1.1m electricity + 0.7m gas');

-- Year on year, ZXA and England, 2022/23 against 2021/22.
SELECT is((SELECT (previous_year_label, value, previous_value, change, change_share, definition_changed)::text
           FROM estate.year_on_year WHERE level = 'trust' AND trust_code = 'ZXA' AND financial_year = 2022
             AND metric = 'gross internal floor area'),
          '(2021/22,11000.0000,9000.0000,2000.0000,0.2222,f)', 'floor area 9,000 -> 11,000: +2,000, +22%, same definition');
SELECT is((SELECT (value, previous_value, change, change_share, definition_changed)::text
           FROM estate.year_on_year WHERE level = 'trust' AND trust_code = 'ZXA' AND financial_year = 2022 AND metric = 'backlog, total'),
          '(3810000.0000,3000000.0000,810000.0000,0.2700,f)', 'backlog 3.0m -> 3.81m: +27%');
SELECT is((SELECT (value, previous_value, change, definition_changed)::text
           FROM estate.year_on_year WHERE level = 'trust' AND trust_code = 'ZXA' AND financial_year = 2022 AND metric = 'energy consumed'),
          '(2000100.0000,1800000.0000,200100.0000,f)', 'energy 1.8m -> 2.0001m kWh; utility + local electricity is the same definition');
SELECT is((SELECT (definition_changed, definition_note)::text
           FROM estate.year_on_year WHERE level = 'trust' AND trust_code = 'ZXA' AND financial_year = 2022 AND metric = 'unoccupied share'),
          '(t,"empty_floor_area_pct: un-utilised space -> empty floor area; underused_floor_area_pct: not collected -> under-used floor area")',
          'un-utilised space became empty floor area: flagged');
SELECT is((SELECT definition_changed FROM estate.year_on_year
           WHERE level = 'trust' AND trust_code = 'ZXA' AND financial_year = 2022 AND metric = 'non-clinical share'),
          true, 'patient/non-patient became clinical/non-clinical: flagged');
SELECT is((SELECT (previous_value, definition_changed)::text FROM estate.year_on_year
           WHERE level = 'trust' AND trust_code = 'ZXB' AND financial_year = 2022 AND metric = 'gross internal floor area'),
          '(,f)', 'a trust without the previous year has no previous value');
SELECT is((SELECT (value, previous_value)::text FROM estate.year_on_year
           WHERE level = 'england' AND financial_year = 2022 AND metric = 'gross internal floor area'),
          '(16000.0000,9000.0000)', 'England: every site row of each year');
SELECT is((SELECT (previous_year_label, definition_changed)::text FROM estate.year_on_year
           WHERE level = 'england' AND financial_year = 2021 AND metric = 'backlog, total'),
          '(,)', 'the first year has nothing to compare with');

-- Completeness: filled, Not Applicable, missing per column and year.
SELECT is((SELECT array_agg((column_name, collected, returns, filled, not_applicable, missing, filled_share)::text ORDER BY column_name)
           FROM estate.data_completeness
           WHERE kind = 'site' AND financial_year = 2022
             AND column_name IN ('gas_kwh', 'clinical_space_m2', 'water_sewage_cost_gbp', 'backlog_high_risk_gbp',
                                 'risk_adjusted_backlog_gbp', 'underused_floor_area_pct')),
          ARRAY['(backlog_high_risk_gbp,t,3,2,1,0,0.6667)', '(clinical_space_m2,t,3,2,1,0,0.6667)',
                '(gas_kwh,t,3,2,0,1,0.6667)', '(risk_adjusted_backlog_gbp,f,3,0,0,3,0.0000)',
                '(underused_floor_area_pct,t,3,3,0,0,1.0000)', '(water_sewage_cost_gbp,t,3,1,0,2,0.3333)'],
          'data_completeness 2022/23: answers and gaps counted apart; a column not collected is all missing');
SELECT is((SELECT (collected, returns, filled, missing)::text FROM estate.data_completeness
           WHERE kind = 'site' AND financial_year = 2021 AND column_name = 'underused_floor_area_pct'),
          '(f,1,0,1)', 'under-used floor area was not collected in the early format');
SELECT is((SELECT (returns, filled, not_applicable)::text FROM estate.data_completeness
           WHERE kind = 'trust' AND financial_year = 2022 AND column_name = 'backlog_investment_gbp'),
          '(2,1,1)', 'trust columns too');

-- The targets follow the settings.
SET LOCAL estate.target_unoccupied_share = 0.05;
SELECT is((SELECT meets_unoccupied_target FROM estate.site_summary WHERE financial_year = 2022 AND site_code = 'ZXA01'),
          true, 'a looser unoccupied target (5%) is met by 3%');
SELECT is(estate.carter_target('non_clinical_share'), 0.35::double precision, 'carter_target reads the setting');
SELECT throws_ok($$SELECT estate.carter_target('beds')$$, '22023', 'unknown space target: "beds"', 'unknown target');

-- 8. The ICS mapping from ODS-shaped tables: the successor rule.
CREATE TEMP TABLE t_org (code text, icb_code text, open_date text, close_date text);
INSERT INTO t_org VALUES ('RA1', 'QAA', '19930401', '20160630'), ('RB1', 'QBB', '20010401', ''),
                         ('RC1', 'QAA', '19990401', '20140930'), ('RC2', 'QAA', '20141001', ''),
                         ('RD1', 'QCC', '19930401', '20171031'), ('RE1', 'QCC', '19930401', '20200331'),
                         ('RE2', 'QDD', '20200401', ''), ('RE3', 'QCC', '20200401', ''), ('RW1', '', '19930401', ''),
                         ('RF1', 'QAA', '19930401', '20150131');
CREATE TEMP TABLE t_succ (old_code text, new_code text, effective_date text);
INSERT INTO t_succ VALUES ('RA1', 'RB1', '20160701'), ('RC1', 'RC2', '20141001'),
                          ('RE1', 'RE2', '20200401'), ('RE1', 'RE3', '20200401'), ('RB1', 'RZ9', '20260401'),
                          ('TX1', 'RB1', '20150201'), ('GP1', 'GP2', '20150201');
CREATE TEMP TABLE t_icb (code text, name text);
INSERT INTO t_icb VALUES ('QAA', 'NHS A ICB'), ('QBB', 'NHS B ICB'), ('QCC', 'NHS C ICB'), ('QDD', 'NHS D ICB');
GRANT SELECT ON t_org, t_succ, t_icb TO PUBLIC;
INSERT INTO estate.ics_mapping (trust_code, valid_from, ics_code, ics_name) VALUES ('RD1', '1993-04-01', 'QXX', 'user''s choice');
SET ROLE eric_owner;
SELECT is(estate.load_ics_mapping('pg_temp.t_org', 'pg_temp.t_succ', 'pg_temp.t_icb'), 9,
          'nine codes mapped: seven trusts and RF1 (RW1 has no ICB; RD1 is the user''s), and TX1, known only as RB1''s predecessor (GP1 -> GP2 reach no ICB)');
RESET ROLE;
SELECT is((SELECT array_agg((trust_code, valid_from, valid_to, ics_code, ics_name, source, rule)::text ORDER BY trust_code)
           FROM estate.ics_mapping WHERE trust_code ~ '^R[A-E]'),
          ARRAY['(RA1,1993-04-01,,QBB,"NHS B ICB",ods,"ICB of successor RB1 (RA1 -> RB1)")',
                '(RB1,2001-04-01,,QBB,"NHS B ICB",ods,"own ICB")',
                '(RC1,1999-04-01,,QAA,"NHS A ICB",ods,"ICB of successor RC2 (RC1 -> RC2)")',
                '(RC2,2014-10-01,,QAA,"NHS A ICB",ods,"own ICB")',
                '(RD1,1993-04-01,,QXX,"user''s choice",user,)',
                '(RE1,1993-04-01,,QCC,"NHS C ICB",ods,"ICB of successor RE3 (RE1 -> RE3)")',
                '(RE2,2020-04-01,,QDD,"NHS D ICB",ods,"own ICB")',
                '(RE3,2020-04-01,,QCC,"NHS C ICB",ods,"own ICB")'],
          'merged trusts take their successor''s ICB and stay valid after their close (the successor answers for their last returns); a split prefers the successor in the same ICB; later successions and user rows are left alone');
SET ROLE eric_owner;
SELECT is((SELECT (valid_to, ics_code, rule)::text FROM estate.ics_mapping WHERE trust_code = 'RF1'),
          '(2015-02-01,QAA,"own ICB")', 'a trust closed without a successor stops counting at its close');
SELECT is((SELECT (valid_from, valid_to, ics_code, rule)::text FROM estate.ics_mapping WHERE trust_code = 'TX1'),
          '(-infinity,,QBB,"ICB of successor RB1 (TX1 -> RB1); not in the trust files, known from the successions")',
          'a code only succ.csv names follows its successors');
SELECT is((SELECT array_agg(g.ics_basis || ' ' || coalesce(g.ics_code, g.ics_name) ORDER BY v.code, v.y)
           FROM (VALUES ('RC1', 2013), ('RC1', 2014), ('RF1', 2013), ('RF1', 2014), ('TX1', 2014)) AS v(code, y),
                estate.eric_grouping(v.code, v.y, NULL, 'REGION') AS g),
          '{"ICS QAA","ICS QAA","ICS QAA","commissioning region REGION","ICS QBB"}'::text[],
          'a return for year Y counts where the organisation responsible on 31 March Y+1 does: RC1 (closed September 2014) through RC2, RF1 nowhere after its close');
SET ROLE eric_owner;
SELECT is(estate.load_ics_mapping('pg_temp.t_org', 'pg_temp.t_succ', 'pg_temp.t_icb', '2026-04-30'), 8,
          'running it again replaces its rows (TX1 now reaches RZ9, which has no ICB)');
RESET ROLE;
SELECT is((SELECT (ics_code, rule) FROM estate.ics_mapping WHERE trust_code = 'RA1')::text,
          '(QAA,"own ICB (successor RZ9 has none)")', 'a later footprint date follows later successions');

SELECT * FROM finish();
ROLLBACK;
