-- Golden output: a fixed corpus of inputs through every function, aggregate
-- and view of the extension, printing text output and, for every type, the
-- binary send output.  Any change to a result shows here as a diff; a change
-- made on purpose updates test/expected/golden.out in the same commit, and the
-- commit message says why.  test/run also checks that every function of the
-- extension is named in this file.  Every ORDER BY is total (ties would
-- come out in an order that varies between PostgreSQL versions), and the
-- output must be the same on every supported major (test/versions/run).
SET client_min_messages = warning;
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
SET extra_float_digits = 1;
SET estate.core_hours = 'Mon-Fri 08:00-18:00 Europe/London';
\pset null '<null>'
-- Operators are found through search_path; functions are called qualified.
SET search_path = public, estate;

-- ---- condition_grade -------------------------------------------------------
SELECT g::text AS grade, estate.condition_grade_send(g) AS bytes,
       estate.needs_backlog(g), estate.failure_likelihood(g),
       estate.condition_grade_hash(g), estate.condition_grade_hash_extended(g, 0),
       estate.condition_grade_hash_extended(g, 42)
FROM unnest('{A,B,"B(C)",C,D,CX,DX}'::estate.condition_grade[]) AS g;
SELECT a::text, b::text, estate.condition_grade_cmp(a, b) AS cmp,
       a < b AS lt, a <= b AS le, a = b AS eq, a <> b AS ne, a >= b AS ge, a > b AS gt,
       estate.condition_grade_smaller(a, b)::text AS smaller, estate.condition_grade_larger(a, b)::text AS larger
FROM unnest('{A,"B(C)",CX,DX}'::estate.condition_grade[]) AS a,
     unnest('{B,CX}'::estate.condition_grade[]) AS b
ORDER BY 1, 2;
SELECT s, s::estate.condition_grade::text FROM unnest(ARRAY['a', ' b(c) ', 'cx', 'Dx']) AS s;
SELECT estate.min(g)::text, estate.max(g)::text
FROM unnest('{C,B,DX,A}'::estate.condition_grade[]) AS g;

-- ---- risk_band ---------------------------------------------------------------
SELECT b::text AS band, estate.risk_band_send(b) AS bytes,
       estate.risk_band_hash(b), estate.risk_band_hash_extended(b, 7)
FROM unnest('{low,moderate,significant,high}'::estate.risk_band[]) AS b;
SELECT a::text, b::text, estate.risk_band_cmp(a, b), a < b, a <= b, a = b, a <> b, a >= b, a > b,
       estate.risk_band_smaller(a, b)::text, estate.risk_band_larger(a, b)::text
FROM unnest('{low,high}'::estate.risk_band[]) AS a, unnest('{moderate,high}'::estate.risk_band[]) AS b
ORDER BY 1, 2;
SELECT estate.min(b)::text, estate.max(b)::text FROM unnest('{moderate,low,significant}'::estate.risk_band[]) AS b;
SELECT l, c, estate.risk_score(l, c), estate.risk_band(l, c)::text
FROM generate_series(1, 5) AS l, generate_series(1, 5) AS c ORDER BY l, c;
SELECT s, estate.risk_band(s)::text FROM unnest(ARRAY[1, 3, 4, 6, 8, 10, 12, 15, 16, 25]) AS s;
SELECT g::text, c, estate.backlog_risk(g, c)::text
FROM unnest('{A,B,"B(C)",C,D,CX,DX}'::estate.condition_grade[]) AS g, unnest(ARRAY[1, 3, 5]) AS c
ORDER BY g, c;

-- ---- backlog -----------------------------------------------------------------
CREATE TEMP TABLE backlogs (b estate.backlog);
INSERT INTO backlogs VALUES
    ('high=1200.50, moderate=300'), ('low=0.004'), ('significant=2.675, unassessed=0.1'),
    ('high=0, significant=0, moderate=0, low=0, unassessed=0'),
    ('unassessed=92233720368547758.07'), ('high=1, significant=2, moderate=3, low=4, unassessed=5');
SELECT b::text, estate.backlog_send(b) AS bytes, estate.backlog_hash(b), estate.backlog_hash_extended(b, 3),
       estate.total(b), estate.unassessed(b), estate.critical_infrastructure_risk(b),
       estate.cost(b, 'high'), estate.cost(b, 'low'), estate.backlog_to_jsonb(b), b::jsonb
FROM backlogs;
SELECT (estate.backlog_rows(b)).* FROM backlogs WHERE estate.total(b) = 15;
SELECT x.b::text, y.b::text, estate.backlog_cmp(x.b, y.b), x.b < y.b, x.b <= y.b, x.b = y.b, x.b <> y.b,
       x.b >= y.b, x.b > y.b
FROM backlogs x, backlogs y WHERE estate.total(x.b) < 100 AND estate.total(y.b) < 100 ORDER BY 1, 2;
SELECT (estate.backlog_add('high=1.10', 'high=2.20, low=3'))::text,
       (estate.backlog_mul('high=10, low=0.03', 0.5))::text,
       (estate.numeric_mul_backlog(1.005, 'moderate=100.01'))::text,
       ('high=1'::estate.backlog + 'high=2'::estate.backlog)::text,
       ('low=3'::estate.backlog * 3)::text, (2 * 'low=3'::estate.backlog)::text,
       estate.delta('high=10, low=5', 'high=4, moderate=1'),
       (estate.jsonb_to_backlog('{"high": 12.345, "low": 1}'))::text,
       ('{"moderate": 7.5}'::jsonb::estate.backlog)::text,
       (estate.backlog(1, 2, 3, 4))::text, (estate.backlog('significant', 99.999))::text;
CREATE TEMP TABLE survey (site text, grade estate.condition_grade, consequence int, cost numeric);
INSERT INTO survey VALUES
    ('North', 'DX', 5, 250000), ('North', 'CX', 4, 120000.555), ('North', 'C', 2, 4000.004),
    ('North', 'B(C)', 3, 18000), ('North', 'A', 1, NULL), ('North', NULL, 3, 7000),
    ('South', 'D', 1, 1500.50), ('South', 'B', 5, 900), ('South', 'DX', 2, 0.01);
SELECT site, estate.backlog_agg(estate.backlog_risk(grade, consequence), cost)::text AS backlog
FROM survey GROUP BY site ORDER BY site;
SELECT estate.sum(b)::text FROM (SELECT estate.backlog_agg(estate.backlog_risk(grade, consequence), cost) AS b
                                 FROM survey GROUP BY site) s;
SELECT estate.backlog_agg(band, cost)::text FROM (VALUES (NULL::estate.risk_band, 1.0), ('low', NULL)) v(band, cost);
SELECT estate.sum(b)::text FROM backlogs WHERE false;
SELECT estate.backlog_agg_trans('high=1', 'low', 2.5)::text;

-- ---- fci ---------------------------------------------------------------------
SELECT estate.fci(250000, 5000000), estate.fci('high=100000, low=50000'::estate.backlog, 1000000), estate.fci(1, 3);
SELECT f, estate.fci_band(f), estate.fci_band(f, 0.1, 0.2, 0.4)
FROM unnest(ARRAY[0, 0.049, 0.05, 0.0999, 0.1, 0.299, 0.3, 0.5, 2]::numeric[]) AS f;

-- ---- renewal_forecast --------------------------------------------------------
SELECT estate.renewal_forecast(1990, 20, 1000, 2025, 10),
       estate.renewal_forecast(2010, 20, 1000, 2025, 10),
       estate.renewal_forecast(2020, 3, 100, 2025, 10, 0.1);
CREATE TEMP TABLE assets (installed int, life int, cost numeric);
INSERT INTO assets VALUES (1995, 25, 12000), (2005, 15, 8000.50), (2019, 8, 333.33), (2024, 40, 1e6), (2000, 5, 1);
SELECT estate.renewal_forecast(installed, life, cost, 2025, 12) FROM assets;
SELECT estate.renewal_forecast(installed, life, cost, 2025, 12, 0.035) FROM assets;
CREATE AGGREGATE pg_temp.forecast_state(int, int, numeric, int, int) (
    sfunc = estate.renewal_forecast_trans, stype = estate.renewal_forecast_state);
CREATE AGGREGATE pg_temp.forecast_state(int, int, numeric, int, int, numeric) (
    sfunc = estate.renewal_forecast_trans, stype = estate.renewal_forecast_state);
CREATE TEMP TABLE forecast_states AS
SELECT pg_temp.forecast_state(installed, life, cost, 2025, 12) AS s FROM assets
UNION ALL SELECT pg_temp.forecast_state(installed, life, cost, 2025, 3, 0.02) FROM assets WHERE life < 20;
SELECT s::text, estate.renewal_forecast_state_send(s) AS bytes, estate.renewal_forecast_final(s),
       s::text::estate.renewal_forecast_state::text = s::text AS text_round_trip
FROM forecast_states;

-- ---- carbon ------------------------------------------------------------------
SELECT fuel, estate.carbon_kg(fuel, 100000, 2015), estate.carbon_kg(fuel, 100000, 2015, '{1}'),
       estate.carbon_kg(fuel, 100000, 2019, '{2,3}'), estate.carbon_kg(fuel, 100000, 2030)
FROM unnest(ARRAY['electricity', 'gas', 'oil', 'coal', 'steam', 'hot_water', 'renewable_electricity', 'wood_chips']) AS fuel;
SELECT * FROM estate.carbon_fuel_factor() ORDER BY 1, 2 LIMIT 12;
SELECT count(*), min(financial_year), max(financial_year) FROM estate.carbon_factor;
SELECT * FROM estate.carbon_fuel ORDER BY fuel, part;

-- ---- rebuild cost and disposal -----------------------------------------------
SELECT s, estate.site_type_key(s) FROM unnest(ARRAY['1. General acute hospital', ' Mental Health (including Specialist services)',
                                                     'COMMUNITY HOSPITAL (with inpatient beds)', 'Aggregate Site', '']) AS s;
SELECT s, estate.site_type_normalised(s) FROM unnest(ARRAY['1. General acute hospital', 'LONG STAY HOSPITAL', 'Mental Health',
                                                            'SHORT TERM  NON-ACUTE HOSPITAL', 'TREATMENT CENTRE', 'Aggregate Site',
                                                            '12. Unreported sites', '', NULL]) AS s;
INSERT INTO estate.rebuild_cost (site_type, cost_per_m2_gbp, source)
VALUES ('General acute hospital', 4500, 'golden test assumption');
SELECT estate.replacement_value_proxy('General acute hospital', 12000.5),
       estate.replacement_value_proxy('1. General acute hospital', 10),
       estate.replacement_value_proxy('Office', 10);
SELECT (estate.disposal_assessment(utilisation => 0.08, unoccupied_share => 0.3, fci => 0.35,
                                   functional_suitability => 0.2, running_cost_per_m2 => 240,
                                   benchmark_running_cost_per_m2 => 100, carbon_per_m2 => 150,
                                   benchmark_carbon_per_m2 => 90, protected => false)).*;
SELECT (estate.disposal_assessment(utilisation => 0.7, unoccupied_share => 0.01, fci => 0.02)).*;
SELECT (estate.disposal_assessment(utilisation => 0.3)).*;
SELECT (estate.disposal_assessment(utilisation => 0.05, unoccupied_share => 0.5, fci => 0.5, protected => true,
                                   w_space => 1, w_condition => 1, w_suitability => 0, w_running_cost => 0,
                                   w_carbon => 0, dispose_at => 50, review_at => 20, min_criteria => 2)).*;
CREATE TEMP TABLE candidates (site text, score numeric, area numeric, backlog estate.backlog, running numeric, carbon numeric);
INSERT INTO candidates VALUES
    ('A', 90, 1000.005, 'high=500000', 120000, 40000), ('B', 80, 1500, 'low=20000', 80000.5, NULL),
    ('C', 70, 499.995, NULL, NULL, 1000), ('D', 60, 250, 'moderate=1', 1, 1), ('E', 50, 5000, 'high=1', 1, 1);
SELECT site, (estate.disposal_impact(area, backlog, running, carbon, 10000, 7000)
                  OVER (ORDER BY score DESC, site)).*
FROM candidates ORDER BY score DESC;
SELECT (estate.disposal_impact(area, backlog, running, carbon, 10000, 2000)).* FROM candidates;
SELECT (estate.disposal_impact(area, backlog, running, carbon, 10000, 2000)).* FROM candidates WHERE false;
CREATE AGGREGATE pg_temp.impact_state(numeric, estate.backlog, numeric, numeric, numeric, numeric) (
    sfunc = estate.disposal_impact_trans, stype = estate.disposal_impact_state);
CREATE TEMP TABLE impact_states AS
SELECT pg_temp.impact_state(area, backlog, running, carbon, 10000, 7000) AS s FROM candidates
UNION ALL SELECT pg_temp.impact_state(area, backlog, running, carbon, 10000, 7000) FROM candidates WHERE site IN ('C', 'E');
SELECT s::text, estate.disposal_impact_state_send(s) AS bytes, (estate.disposal_impact_final(s)).*,
       s::text::estate.disposal_impact_state::text = s::text AS text_round_trip
FROM impact_states;

-- ---- parse_amount and cell_kind ----------------------------------------------
SELECT s, estate.parse_amount(s), estate.cell_kind(s)
FROM unnest(ARRAY['1,234', ' 12 ', '£1,000', '-', '', 'Not Applicable', 'No Data Provided',
                  '-12.5', '0', NULL]) AS s;

-- ---- ERIC: header keys, CSV fields, a load, the mapping and the views --------
SELECT s, estate.eric_header_key(s) FROM unnest(ARRAY['Gross internal floor area (m²)', '  Trust  Code ',
                                                       'Cost to eradicate high risk backlog (£)']) AS s;
SELECT estate.eric_csv_fields('a,"b, ""c""",,d ');
SELECT kind, financial_year, year_label, shared, file_keys, signature_keys, similarity
FROM estate.eric_signature_match(ARRAY['Organisation Code', 'Site Code', 'Gross internal floor area (m²)', 'Clinical space (m²)', ' ', 'Not a header'])
ORDER BY kind, financial_year;
SELECT estate.eric_fuel_gap('oil_kwh', 100, 0.25, '{}', true), estate.eric_fuel_gap('oil_kwh', NULL, 0.25, '{}', true),
       estate.eric_fuel_gap('oil_kwh', NULL, 0.25, '{oil_kwh}', true), estate.eric_fuel_gap('oil_kwh', -5, 0.25, '{}', true),
       estate.eric_fuel_gap('oil_kwh', 100, NULL, '{}', false);
SELECT m, estate.carter_target(m) FROM unnest(ARRAY['non_clinical_share', 'unoccupied_share']) AS m;
-- Headers as 2013/14 and 2014/15 published them: loaded as 2015/16 by force.
SELECT estate.load_eric('eric_2015-16_site.csv', '2015/16', 'site', repeat('a', 64), 'UTF8', force => true, lines => ARRAY[
'Organisation Code,Organisation Name,Commissioning Region,Organisation Type,Site Code,Site Name,Site Type,Gross internal site floor area (m²),Occupied floor area (m²),Patient occupied floor area (m²),Non-patient occupied floor area (m²),Un-utilised space (%),Cost to eradicate high risk backlog (£),Cost to eradicate significant risk backlog (£),Cost to eradicate moderate risk backlog (£),Cost to eradicate low risk backlog (£),Electricity consumed - utility (kWh),Gas consumed - utility (kWh)',
'ZXA,ALPHA TRUST,NORTH,ACUTE,ZXA01,ALPHA GENERAL,GENERAL ACUTE HOSPITAL,9000,8000,5000,3000,4,800000,1500000,500000,200000,1000000,700000',
'ZXA,ALPHA TRUST,NORTH,ACUTE,ZXA02,ALPHA CLINIC,COMMUNITY HOSPITAL (WITH INPATIENT BEDS),1200,1100,900,200,0,0,"10,000",-,Not Applicable,200000,No Data Provided',
'ZXB,BETA TRUST,SOUTH,ACUTE,ZXB01,BETA GENERAL,GENERAL ACUTE HOSPITAL,20000,19000,15000,4000,1,100,200,300,400,3000000,2000000']);
SELECT estate.load_eric('eric_2014-15_site.csv', '2014/15', 'site', repeat('b', 64), 'UTF8', ARRAY[
'Organisation Code,Organisation Name,Commissioning Region,Organisation Type,Site Code,Site Name,Site Type,Gross internal site floor area (m²),Occupied floor area (m²),Cost to eradicate high risk backlog (£),Cost to eradicate significant risk backlog (£),Cost to eradicate moderate risk backlog (£),Cost to eradicate low risk backlog (£),Electricity consumed - utility (kWh)',
'ZXA,ALPHA TRUST,NORTH,ACUTE,ZXA01,ALPHA GENERAL,GENERAL ACUTE HOSPITAL,9000,8000,700000,1400000,500000,100000,900000',
'ZXB,BETA TRUST,SOUTH,ACUTE,ZXB01,BETA GENERAL,GENERAL ACUTE HOSPITAL,20000,19000,0,0,0,0,2500000']);
SELECT financial_year, trust_code, site_code, site_type, gross_internal_floor_area_m2, backlog_high_risk_gbp,
       backlog_significant_risk_gbp, backlog_moderate_risk_gbp, backlog_low_risk_gbp, electricity_kwh, gas_kwh,
       not_applicable, source_row
FROM estate.eric_site ORDER BY 1, 2, 3;
SELECT financial_year, year_label, kind, file_name, header_row, rows_loaded, rows_skipped FROM estate.eric_load ORDER BY load_id;
CREATE TEMP TABLE ods_trusts (code text, icb_code text, open_date text, close_date text);
CREATE TEMP TABLE ods_successors (old_code text, new_code text, effective_date text);
CREATE TEMP TABLE ods_icbs (code text, name text);
INSERT INTO ods_trusts VALUES ('ZXA', 'QAA', '20000401', ''), ('ZXC', 'QBB', '20000401', '20160331'), ('ZXD', '', '20000401', '');
INSERT INTO ods_successors VALUES ('ZXC', 'ZXA', '20160401'), ('ZXD', 'ZXA', '20300101');
INSERT INTO ods_icbs VALUES ('QAA', 'NHS Alpha Integrated Care Board'), ('QBB', 'NHS Beta Integrated Care Board');
SELECT * FROM estate.eric_grouping('ZXA', 2015, NULL, 'NORTH');
SELECT estate.load_ics_mapping('pg_temp.ods_trusts', 'pg_temp.ods_successors', 'pg_temp.ods_icbs');
SELECT trust_code, valid_from, valid_to, ics_code, ics_name, source, rule FROM estate.ics_mapping ORDER BY 1, 2;
SELECT * FROM estate.eric_grouping('ZXA', 2015, NULL, 'NORTH');
SELECT * FROM estate.eric_grouping('ZXB', 2015, 'NHS Beta ICB', 'SOUTH');
SELECT * FROM estate.eric_grouping('ZXB', 2015, NULL, 'SOUTH');
SELECT * FROM estate.site_summary ORDER BY financial_year, trust_code, site_code;
SELECT * FROM estate.trust_summary ORDER BY financial_year, trust_code;
SELECT * FROM estate.ics_summary ORDER BY 1, 2, 3;
SELECT * FROM estate.england_summary ORDER BY 1;
INSERT INTO estate.site_ics VALUES ('ZXB', 'ZXB01', 'QAA', NULL, 'golden: counted with Alpha');
SELECT * FROM estate.trust_summary ORDER BY financial_year, trust_code;
SELECT * FROM estate.ics_summary ORDER BY 1, 2, 3;
SELECT * FROM estate.eric_measures() ORDER BY level, financial_year, trust_code, ics_name, site_code;
DELETE FROM estate.site_ics;
SELECT * FROM estate.year_on_year ORDER BY level, financial_year, trust_code, site_code, ics_name, metric;
SELECT count(*) FROM estate.year_on_year_rows();
SELECT * FROM estate.disposal_figures() ORDER BY financial_year, trust_code, site_code;
SELECT * FROM estate.disposal_candidates ORDER BY ics_basis, ics_name, programme_rank, site_code;
SELECT * FROM estate.data_completeness ORDER BY kind, financial_year, column_name;
SELECT * FROM estate.data_quality;
SELECT * FROM estate.data_quality(1.5, 1.1) ORDER BY 1, 3, 4, 5, 6, 8;
SELECT * FROM estate.eric_site_carbon() ORDER BY 1, 2, 3;
SELECT * FROM estate.eric_rollup() ORDER BY level, financial_year, trust_code, ics_name, site_code;

-- ---- core_hours ----------------------------------------------------------------
CREATE TEMP TABLE cores (c estate.core_hours);
INSERT INTO cores VALUES ('Mon-Fri 08:00-18:00'), ('sat 09:00-13:00; Tue 19:00-21:00, mon-fri 8:00-18:00 europe/london'),
    ('Fri 20:00-08:00'), ('Mon 22:00-24:00, Tue 00:00-02:00 UTC'), ('Mon-Sun 00:00-24:00 America/New_York'),
    ('Mon 20:00-08:00, Tue 08:00-20:00 UTC'), ('Wed 07:30-19:30 Asia/Kolkata');
SELECT c::text, estate.core_hours_send(c) AS bytes, c::text::estate.core_hours::text = c::text AS text_round_trip
FROM cores;
SELECT c::text, estate.available_hours('[2025-06-01 00:00+00, 2025-06-15 00:00+00)', c),
       estate.available_hours('[2025-06-01 00:00+00, 2025-06-15 00:00+00)', c, '{2025-06-03,2025-06-09}'),
       estate.available_hours('[2024-03-25 00:00+00, 2024-04-01 00:00+00)', c),
       estate.available_hours('[2024-10-21 00:00+00, 2024-11-04 00:00+00)', c, '{}')
FROM cores;
SELECT estate.available_hours('[2025-06-01 23:00+00, 2025-06-03 23:00+00)',
                              'Mon 22:00-24:00, Tue 00:00-02:00 Europe/London', '{2025-06-03}'),
       estate.available_hours('[2025-06-01 00:00+00, 2025-06-10 00:00+00)',
                              'Mon 20:00-08:00, Tue 08:00-20:00 UTC', '{2025-06-03}');

-- ---- space utilisation -----------------------------------------------------------
CREATE TEMP TABLE bookings (room text, capacity int, period tstzrange, headcount int);
INSERT INTO bookings VALUES
    ('S1', 20, '[2025-01-13 09:00+00, 2025-01-13 12:00+00)', 18), ('S1', 20, '[2025-01-13 13:00+00, 2025-01-13 17:00+00)', 15),
    ('S1', 20, '[2025-01-14 09:00+00, 2025-01-14 17:00+00)', 20), ('S1', 20, '[2025-01-15 09:00+00, 2025-01-15 12:00+00)', 12),
    ('S1', 20, '[2025-01-17 09:00+00, 2025-01-17 11:00+00)', NULL),
    ('B1', 16, '[2025-01-13 10:00+00, 2025-01-13 12:00+00)', 14), ('B1', 16, '[2025-01-13 11:00+00, 2025-01-13 13:00+00)', 6),
    ('B1', 16, '[2025-01-15 16:00+00, 2025-01-15 19:00+00)', 10), ('B1', 16, '[2025-01-18 10:00+00, 2025-01-18 11:00+00)', 3),
    ('L1', 24, '[2025-01-13 08:00+00, 2025-01-17 18:00+00)', 30), ('Q1', 6, NULL, NULL),
    ('N1', 4, '[2025-01-13 20:00+00, 2025-01-14 07:00+00)', 2), ('N1', 4, '[2025-01-14 23:00+00, 2025-01-15 01:00+00)', 4);
SELECT room, (estate.space_utilisation(period, headcount, capacity, 'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)')).*
FROM bookings GROUP BY room ORDER BY room;
SELECT room, (estate.space_utilisation(period, headcount, capacity, 'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)',
                                       '{2025-01-15}')).*
FROM bookings GROUP BY room ORDER BY room;
SELECT room, (estate.space_utilisation(period, headcount, capacity, '[2025-01-13, 2025-01-20)')).*
FROM bookings GROUP BY room ORDER BY room;
SELECT room, (estate.space_utilisation(period, headcount, capacity, 'Mon 20:00-08:00, Tue 08:00-20:00 UTC',
                                       '[2025-01-13, 2025-01-20)', '{2025-01-14}')).*
FROM bookings GROUP BY room ORDER BY room;
SELECT room, u::text, estate.room_status(u), estate.room_status(u, 0.5)
FROM (SELECT room, estate.space_utilisation(period, headcount, capacity, 'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)') AS u
      FROM bookings GROUP BY room) s ORDER BY room;
SELECT room, estate.utilisation_heatmap(period, headcount, capacity, 'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)')
FROM bookings WHERE room IN ('S1', 'B1') GROUP BY room ORDER BY room;
SELECT room, estate.utilisation_heatmap(period, headcount, capacity, 'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)', '{2025-01-13}')
FROM bookings WHERE room = 'S1' GROUP BY room;
SELECT room, estate.utilisation_heatmap(period, headcount, capacity, '[2025-01-13, 2025-01-20)')
FROM bookings WHERE room = 'N1' GROUP BY room;
SELECT h.* FROM (SELECT estate.utilisation_heatmap(period, headcount, capacity, 'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)') AS m
                 FROM bookings WHERE room = 'B1') s, estate.heatmap_rows(s.m) AS h
WHERE h.rate IS NOT NULL AND h.rate > 0;
CREATE AGGREGATE pg_temp.utilisation_state(tstzrange, int, int, estate.core_hours, tstzrange) (
    sfunc = estate.utilisation_transfn, stype = estate.utilisation_state);
CREATE AGGREGATE pg_temp.utilisation_state(tstzrange, int, int, estate.core_hours, tstzrange, date[]) (
    sfunc = estate.utilisation_transfn, stype = estate.utilisation_state);
CREATE AGGREGATE pg_temp.utilisation_state(tstzrange, int, int, tstzrange) (
    sfunc = estate.utilisation_transfn, stype = estate.utilisation_state);
CREATE TEMP TABLE utilisation_states AS
SELECT room, pg_temp.utilisation_state(period, headcount, capacity, 'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)') AS s
FROM bookings GROUP BY room
UNION ALL
SELECT room || ' closed', pg_temp.utilisation_state(period, headcount, capacity, 'Mon 20:00-08:00, Tue 08:00-20:00 UTC',
                                                    '[2025-01-13, 2025-01-20)', '{2025-01-14}')
FROM bookings WHERE room = 'N1' GROUP BY room
UNION ALL
SELECT room || ' sensor', pg_temp.utilisation_state(period, headcount, capacity, '[2025-01-13, 2025-01-20)')
FROM bookings WHERE room = 'B1' GROUP BY room;
SELECT room, s::text, estate.utilisation_state_send(s) AS bytes, (estate.utilisation_final(s))::text,
       s::text::estate.utilisation_state::text = s::text AS text_round_trip
FROM utilisation_states ORDER BY room;
SELECT room, estate.heatmap_final(s) FROM utilisation_states WHERE room IN ('S1', 'N1 closed') ORDER BY room;

-- ---- space_profile ------------------------------------------------------------
SELECT (estate.space_profile(10000, 6000, 4000, 200, 300)).*;
SELECT (estate.space_profile(10000, 6000, 3000, 0, 0, 0.3, 0.05)).*;
SELECT (estate.space_profile(5000, NULL, 1500, NULL, 10)).*;

-- ---- the combine functions: the aggregates in parallel plans -----------------
-- A table of the database, not a temporary one: workers cannot read those.
CREATE TABLE golden_many AS
SELECT i, (i % 7)::int AS room, tstzrange(timestamptz '2025-01-06 00:00+00' + (i % 500) * interval '37 minutes',
                                         timestamptz '2025-01-06 00:00+00' + (i % 500) * interval '37 minutes' + interval '50 minutes') AS period,
       (i % 13) AS headcount, (1990 + i % 30) AS installed, (5 + i % 40) AS life, (i % 1000) * 1.37 AS cost,
       (ARRAY['low', 'moderate', 'significant', 'high'])[1 + i % 4]::estate.risk_band AS band
FROM generate_series(1, 20000) AS i;
ALTER TABLE golden_many SET (parallel_workers = 2);
ANALYZE golden_many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
CREATE FUNCTION pg_temp.partial_aggregate(query text) RETURNS boolean LANGUAGE plpgsql AS $f$
DECLARE
    line text;
    found boolean := false;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        found := found OR line LIKE '%Partial%Aggregate%';
    END LOOP;
    RETURN found;
END
$f$;
SELECT pg_temp.partial_aggregate($$SELECT estate.renewal_forecast(installed, life, cost, 2025, 10) FROM golden_many$$),
       pg_temp.partial_aggregate($$SELECT room, estate.space_utilisation(period, headcount, 12, '[2025-01-06, 2025-01-20)') FROM golden_many GROUP BY room$$);
SELECT estate.backlog_agg(band, cost)::text, estate.sum(estate.backlog(band, cost))::text, estate.min(band)::text,
       estate.renewal_forecast(installed, life, cost, 2025, 10),
       (estate.disposal_impact(cost, NULL, NULL, NULL, 1e9, 0)).floor_area_released
FROM golden_many;
SELECT room, (estate.space_utilisation(period, headcount, 12, 'Mon-Fri 08:00-18:00', '[2025-01-06, 2025-01-20)')).*
FROM golden_many GROUP BY room ORDER BY room;
SELECT room, estate.utilisation_heatmap(period, headcount, 12, '[2025-01-06, 2025-01-20)')
FROM golden_many WHERE room = 3 GROUP BY room;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE golden_many;

-- ---- errors: SQLSTATE, message, detail and hint ------------------------------
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    state text; message text; detail text; hint text;
BEGIN
    EXECUTE statement;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL,
                            hint = PG_EXCEPTION_HINT;
    RETURN concat_ws(E'\n  ', state || ': ' || message, 'DETAIL: ' || nullif(detail, ''), 'HINT: ' || nullif(hint, ''));
END
$f$;
SELECT pg_temp.error_of($$SELECT 'E'::estate.condition_grade$$);
SELECT pg_temp.error_of($$SELECT 'B (C)'::estate.condition_grade$$);
SELECT pg_temp.error_of($$SELECT 'extreme'::estate.risk_band$$);
SELECT pg_temp.error_of($$SELECT estate.risk_score(0, 3)$$);
SELECT pg_temp.error_of($$SELECT estate.risk_band(26)$$);
SELECT pg_temp.error_of($$SELECT estate.backlog_risk('C', 6)$$);
SELECT pg_temp.error_of($$SELECT 'high=-1'::estate.backlog$$);
SELECT pg_temp.error_of($$SELECT 'high=1, high=2'::estate.backlog$$);
SELECT pg_temp.error_of($$SELECT 'unassessed=92233720368547758.08'::estate.backlog$$);
SELECT pg_temp.error_of($$SELECT 'unassessed=92233720368547758.07'::estate.backlog + 'unassessed=0.01'::estate.backlog$$);
SELECT pg_temp.error_of($$SELECT estate.backlog(-1, 0, 0, 0)$$);
SELECT pg_temp.error_of($$SELECT estate.jsonb_to_backlog('{"critical": 1}')$$);
SELECT pg_temp.error_of($$SELECT estate.fci(-1, 100)$$);
SELECT pg_temp.error_of($$SELECT * FROM estate.data_quality(0.5, 3)$$);
SELECT pg_temp.error_of($$SELECT estate.fci_band(0.1, 0.3, 0.2, 0.4)$$);
SELECT pg_temp.error_of($$SELECT estate.renewal_forecast(2000, 0, 100, 2025, 10)$$);
SELECT pg_temp.error_of($$SELECT estate.renewal_forecast(2000, 10, 100, 2025, 0)$$);
SELECT pg_temp.error_of($$SELECT 'nonsense'::estate.renewal_forecast_state$$);
SELECT pg_temp.error_of($$SELECT estate.carbon_kg('peat', 1, 2015)$$);
SELECT pg_temp.error_of($$SELECT estate.carbon_kg('gas', 1, 2015, '{4}')$$);
SELECT pg_temp.error_of($$SELECT estate.disposal_assessment(utilisation => -0.1)$$);
SELECT pg_temp.error_of($$SELECT estate.disposal_assessment(fci => 12)$$);
SELECT pg_temp.error_of($$SELECT estate.disposal_assessment(w_space => -1)$$);
SELECT pg_temp.error_of($$SELECT (estate.disposal_impact(area, NULL, NULL, NULL, 100, 200)).* FROM (VALUES (1::numeric)) v(area)$$);
SELECT pg_temp.error_of($$SELECT (estate.disposal_impact(area, NULL, NULL, NULL, 100, 50)).* FROM (VALUES (-1::numeric)) v(area)$$);
SELECT pg_temp.error_of($$SELECT 'x'::estate.disposal_impact_state$$);
SELECT pg_temp.error_of($$SELECT estate.parse_amount('12%')$$);
SELECT pg_temp.error_of($$SELECT estate.parse_amount('"1,234.50"')$$);
SELECT pg_temp.error_of($$SELECT estate.parse_amount('1,23')$$);
SELECT pg_temp.error_of($$SELECT estate.cell_kind('abc')$$);
SELECT pg_temp.error_of($$SELECT estate.carter_target('other')$$);
SELECT pg_temp.error_of($$SELECT estate.load_eric('f.csv', '2019/21', 'site', 'x', 'UTF8', ARRAY['x'])$$);
SELECT pg_temp.error_of($$SELECT estate.load_eric('f.csv', '2019/20', 'sites', 'x', 'UTF8', ARRAY['x'])$$);
SELECT pg_temp.error_of($$SELECT estate.load_eric('f_2018-19.csv', '2019/20', 'site', 'x', 'UTF8', ARRAY['Organisation Code,Site Code', 'ZXA,ZXA01'])$$);
SELECT pg_temp.error_of($$SELECT estate.load_eric('f.csv', '2014/15', 'site', 'x', 'UTF8', ARRAY['Organisation Code,Site Code,Clinical space (m²)', 'ZXA,ZXA01,1'])$$);
SELECT pg_temp.error_of($$SELECT estate.load_eric('f.csv', '2019/20', 'trust', 'x', 'UTF8', ARRAY['Organisation Code,Site Code', 'ZXA,ZXA01'])$$);
SELECT pg_temp.error_of($$SELECT estate.load_eric('f.csv', '2019/20', 'site', 'x', 'UTF8', ARRAY['Trust Code,Trust Name', 'ZXA,ALPHA'])$$);
SELECT pg_temp.error_of($$SELECT 'Mon-Fri 08:00-18:00 BST'::estate.core_hours$$);
SELECT pg_temp.error_of($$SELECT 'Mon-Fri 18:00-08:00, Tue 07:00-09:00'::estate.core_hours$$);
SELECT pg_temp.error_of($$SELECT 'Funday 08:00-18:00'::estate.core_hours$$);
SELECT pg_temp.error_of($$SELECT 'Mon 25:00-26:00'::estate.core_hours$$);
SELECT pg_temp.error_of($$SELECT estate.available_hours('empty', 'Mon-Fri 08:00-18:00')$$);
SELECT pg_temp.error_of($$SELECT estate.available_hours('[2000-01-01, 2200-01-01)', 'Mon-Fri 08:00-18:00')$$);
SELECT pg_temp.error_of($$SELECT estate.space_utilisation(period, 1, 0, '[2025-01-01, 2025-02-01)') FROM (VALUES (tstzrange('2025-01-02', '2025-01-03'))) v(period)$$);
SELECT pg_temp.error_of($$SELECT estate.space_utilisation(period, -1, 5, '[2025-01-01, 2025-02-01)') FROM (VALUES (tstzrange('2025-01-02', '2025-01-03'))) v(period)$$);
SELECT pg_temp.error_of($$SELECT estate.space_utilisation(period, 1, c, '[2025-01-01, 2025-02-01)') FROM (VALUES (tstzrange('2025-01-02', '2025-01-03'), 5), (tstzrange('2025-01-04', '2025-01-05'), 6)) v(period, c)$$);
SELECT pg_temp.error_of($$SELECT 'garbage'::estate.utilisation_state$$);
SELECT pg_temp.error_of($$SELECT estate.room_status(NULL::estate.utilisation, 2)$$);
SELECT pg_temp.error_of($$SELECT estate.space_profile(0, 0, 0, 0, 0)$$);
SELECT pg_temp.error_of($$SELECT estate.space_profile(100, 50, 50, 200, 0)$$);
SELECT pg_temp.error_of($$SET estate.core_hours = 'whenever'$$);

-- ---- investment_plan ---------------------------------------------------------
SELECT estate.investment_scenario(from_year => 2025, annual_budget => 100000, horizon => 3, inflation => 0.03,
                                  replacement_value => 2000000),
       estate.investment_scenario(from_year => 2025, budgets => '{0, 50000.004}', horizon => 2, years_per_grade => NULL,
                                  escalation => 0.2, strategy => 'strict_risk_order', carry_over => true);
CREATE TEMP TABLE golden_survey (id text, grade estate.condition_grade, consequence int, cost numeric);
INSERT INTO golden_survey VALUES ('roof-1', 'C', 5, 80000), ('roof-2', 'D', 4, 120000.50), ('boiler', 'B(C)', 5, 45000),
  ('lift', 'CX', 3, 60000), ('windows', 'C', NULL, 15000.005), ('floor', 'B', 2, 9999), ('wiring', 'DX', 5, 250000),
  ('doors', 'C', 1, 0), ('paint', NULL, 1, 100), ('drains', 'D', 2, NULL);
CREATE TEMP TABLE golden_plans AS
SELECT strategy, estate.plan_investment(id, grade, consequence, cost,
         estate.investment_scenario(from_year => 2025, annual_budget => 150000, horizon => 4, inflation => 0.03,
                                    years_per_grade => 2, escalation => 0.1, strategy => strategy,
                                    replacement_value => 3000000)) AS p
FROM golden_survey, unnest(ARRAY['highest_risk_first', 'strict_risk_order', 'most_risk_per_pound']) AS strategy
GROUP BY strategy
UNION ALL
SELECT 'band form', estate.plan_investment(id, estate.backlog_risk(grade, consequence), cost,
         estate.investment_scenario(from_year => 2025, annual_budget => 150000, horizon => 2, carry_over => true))
FROM golden_survey WHERE estate.needs_backlog(grade);
SELECT strategy, p::text, estate.investment_plan_send(p) AS bytes,
       p::text::estate.investment_plan::text = p::text AS text_round_trip
FROM golden_plans ORDER BY 1;
SELECT strategy, y.* FROM golden_plans, estate.plan_years(p) AS y ORDER BY 1, 2;
SELECT strategy, i.* FROM golden_plans, estate.plan_items(p) AS i ORDER BY 1, 2;
CREATE AGGREGATE pg_temp.investment_state(text, estate.condition_grade, integer, numeric, estate.investment_scenario) (
    sfunc = estate.investment_plan_transfn, stype = estate.investment_plan_state);
CREATE AGGREGATE pg_temp.investment_state(text, estate.risk_band, numeric, estate.investment_scenario) (
    sfunc = estate.investment_plan_transfn, stype = estate.investment_plan_state);
CREATE TEMP TABLE investment_states AS
SELECT pg_temp.investment_state(id, grade, consequence, cost, estate.investment_scenario(from_year => 2025, annual_budget => 1000, horizon => 2)) AS s
FROM golden_survey
UNION ALL
SELECT pg_temp.investment_state(id, estate.backlog_risk(grade, consequence), cost,
         estate.investment_scenario(from_year => 2025, budgets => '{1, 2.5}', horizon => 2, strategy => 'strict_risk_order'))
FROM golden_survey;
SELECT s::text, estate.investment_plan_state_send(s) AS bytes, estate.investment_plan_final(s)::text AS plan,
       s::text::estate.investment_plan_state::text = s::text AS text_round_trip
FROM investment_states;
ALTER TABLE golden_survey SET (parallel_workers = 2);
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SELECT estate.plan_investment(id, grade, consequence, cost,
         estate.investment_scenario(from_year => 2025, annual_budget => 150000, horizon => 4, inflation => 0.03,
                                    years_per_grade => 2, escalation => 0.1, replacement_value => 3000000))::text
       = (SELECT p::text FROM golden_plans WHERE strategy = 'highest_risk_first') AS parallel_equals_serial
FROM golden_survey;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT pg_temp.error_of($$SELECT estate.investment_scenario(from_year => 2025)$$);
SELECT pg_temp.error_of($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, horizon => 0)$$);
SELECT pg_temp.error_of($$SELECT estate.investment_scenario(from_year => 2147483647, annual_budget => 1, horizon => 2)$$);
SELECT pg_temp.error_of($$SELECT estate.investment_scenario(from_year => 2025, annual_budget => 1, strategy => 'random')$$);
SELECT pg_temp.error_of($$SELECT estate.plan_investment(id, 'C'::estate.condition_grade, 1, 1.0, estate.investment_scenario(from_year => 2025, annual_budget => b)) FROM (VALUES ('a', 1), ('b', 2)) v(id, b)$$);
SELECT pg_temp.error_of($$SELECT estate.plan_investment(id, 'C'::estate.condition_grade, 1, 1.0, estate.investment_scenario(from_year => 2025, annual_budget => 1)) FROM (VALUES ('a'), ('a')) v(id)$$);
SELECT pg_temp.error_of($$SELECT estate.plan_investment('a', 'C'::estate.condition_grade, 7, 1.0, estate.investment_scenario(from_year => 2025, annual_budget => 1))$$);
SELECT pg_temp.error_of($$SELECT estate.plan_investment('a', 'C'::estate.condition_grade, 1, 60000000000000000, estate.investment_scenario(from_year => 2025, annual_budget => 1, inflation => 1, horizon => 2))$$);
SELECT pg_temp.error_of($$SELECT 'nonsense'::estate.investment_plan_state$$);
SELECT pg_temp.error_of($$SELECT 'nonsense'::estate.investment_plan$$);
