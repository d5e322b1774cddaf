-- The shipped ERIC years as test/eric/loader.sh loaded them (database
-- estate_eric): row counts, the published 2015/16 totals to the pound, the
-- Areas section of 2014/15, the later published format, and the views,
-- carbon included.
BEGIN;
SELECT plan(63);
CREATE TEMP VIEW year_on_year_flags AS
    SELECT metric, definition_changed FROM estate.year_on_year WHERE level = 'england' AND financial_year = 2015;

-- Row counts: every site row of each file, with the AGGRE rows; no subtotal or total.
SELECT is((SELECT array_agg(format('%s %s', financial_year, n) ORDER BY financial_year)
           FROM (SELECT financial_year, count(*) AS n FROM estate.eric_site GROUP BY 1) AS s),
          '{"2013 1378","2014 1251","2015 1214","2022 3"}'::text[], 'site returns per year (1380, 1253, 1455 file rows less headers, subtotals, total)');
SELECT is((SELECT array_agg(format('%s %s', financial_year, n) ORDER BY financial_year)
           FROM (SELECT financial_year, count(*) AS n FROM estate.eric_trust GROUP BY 1) AS s),
          '{"2013 251","2014 241","2015 238","2022 2"}'::text[], 'trust returns per year');
SELECT is((SELECT array_agg(format('%s %s', financial_year, n) ORDER BY financial_year)
           FROM (SELECT financial_year, count(*) AS n FROM estate.eric_site WHERE site_code = 'AGGRE' GROUP BY 1) AS s),
          '{"2013 130","2014 135","2015 169","2022 1"}'::text[], 'AGGRE rows are kept, one per trust that has one');
SELECT is((SELECT count(*) FROM estate.eric_site WHERE site_type ILIKE 'aggregate site' AND site_code <> 'AGGRE'), 5::bigint,
          'the five ordinary sites typed AGGREGATE SITE (2013/14 and 2014/15) are sites like any other');
SELECT is((SELECT count(*) FROM estate.site_summary WHERE is_aggregate), 435::bigint, 'site_summary marks AGGRE rows by code, not by type');
SELECT is((SELECT count(*) FROM estate.eric_site WHERE trust_code ~* 'result|total' OR btrim(site_code) = ''), 0::bigint,
          'no subtotal or Grand Total row is a site');

-- 2015/16: the sum of the 1,214 site rows, to the pound (data/README.md).
SELECT is((SELECT (count(*), sum(backlog_high_risk_gbp), sum(backlog_significant_risk_gbp), sum(backlog_moderate_risk_gbp),
                   sum(backlog_low_risk_gbp), sum(gross_internal_floor_area_m2))::text
           FROM estate.eric_site WHERE financial_year = 2015),
          '(1214,775532105,1567896771,1516385648,1114891570,26813998)',
          '2015/16 site rows: high £775,532,105; significant £1,567,896,771; moderate £1,516,385,648; low £1,114,891,570; GIA 26,813,998 m2');
SELECT is((SELECT (backlog_total_gbp, critical_infrastructure_risk_gbp, gross_internal_floor_area_m2)::text
           FROM estate.eric_rollup() WHERE level = 'england' AND financial_year = 2015),
          '(4974706094,2343428876,26813998)', 'England 2015/16: total £4,974,706,094; CIR = high + significant £2,343,428,876');
SELECT is((SELECT sum(backlog_total_gbp) FROM estate.trust_summary WHERE financial_year = 2015), 4974706094.00::numeric,
          'the trust summaries add up to the same total');
SELECT is((SELECT sum(backlog_total_gbp) FROM estate.ics_summary WHERE financial_year = 2015), 4974706094.00::numeric,
          'and so do the ICS summaries');
-- The published Grand Total is lower by exactly R1A's AGGRE row, which R1A's subtotal left out.
SELECT is((SELECT (sum(coalesce(backlog_high_risk_gbp, 0) + coalesce(backlog_significant_risk_gbp, 0)
                       + coalesce(backlog_moderate_risk_gbp, 0) + coalesce(backlog_low_risk_gbp, 0)),
                   sum(gross_internal_floor_area_m2))::text
           FROM estate.eric_site
           WHERE financial_year = 2015 AND NOT (trust_code = 'R1A' AND site_code = 'AGGRE')),
          '(4970892702,26793308)', 'without R1A''s AGGRE row the sum is the published Grand Total (£4,970,892,702; 26,793,308 m2)');
SELECT is((SELECT sum(risk_adjusted_backlog_gbp) FROM estate.eric_site WHERE financial_year = 2015), 2383251874::numeric,
          'the risk-adjusted backlog is its own column, not in the total');

-- 2014/15: occupied floor area from "Areas", the PFI one kept aside.
SELECT is((SELECT sum(occupied_floor_area_m2) FROM estate.eric_site WHERE financial_year = 2014), 24306321::numeric,
          '2014/15 occupied floor area from the Areas section: 24,306,321 m2');
SELECT is((SELECT sum(estate.parse_amount(other_items->>'PFI  Facilities and Services: Occupied floor area (m²)'))
           FROM estate.eric_site WHERE financial_year = 2014), 4573241::numeric,
          'the PFI section''s occupied floor area (4,573,241 m2) is kept under its qualified header');
SELECT is((SELECT count(*) FROM estate.eric_site WHERE financial_year = 2014 AND other_items ? 'PFI  Facilities and Services: Occupied floor area (m²)'
             AND other_items->>'PFI  Facilities and Services: Occupied floor area (m²)' = 'Not Applicable'), 1104::bigint,
          'mostly Not Applicable');

-- Values as published: negatives kept, gaps NULL, parts that add up.
SELECT is((SELECT maintenance_cost_gbp FROM estate.eric_site WHERE financial_year = 2015 AND site_code = 'RGDT3'), -18554::numeric,
          'a negative published value is kept');
SELECT ok((SELECT coal_kwh IS NULL AND electricity_kwh IS NULL AND gas_kwh IS NOT NULL FROM estate.eric_site
           WHERE financial_year = 2013 AND site_code = 'NQL10'),
          'No Data Provided is NULL; electricity with its local part unknown is unknown, not the utility part alone');
SELECT is((SELECT electricity_kwh FROM estate.eric_site WHERE financial_year = 2013 AND site_code = 'NAX03'), 282827::numeric,
          'utility + local electricity (282,827 + 0)');
SELECT is((SELECT (returns, filled, not_applicable, missing)::text FROM estate.data_completeness
           WHERE kind = 'site' AND financial_year = 2013 AND column_name = 'coal_kwh'),
          '(1378,1376,0,2)', 'data_completeness: the two No Data Provided coal cells of 2013/14');
SELECT is((SELECT (filled, not_applicable, missing)::text FROM estate.data_completeness
           WHERE kind = 'site' AND financial_year = 2015 AND column_name = 'backlog_high_risk_gbp'),
          '(1067,147,0)', 'data_completeness: 147 sites answered Not Applicable to backlog in 2015/16');
SELECT is((SELECT string_agg(column_name, ', ' ORDER BY column_name) FROM estate.data_completeness
           WHERE kind = 'site' AND financial_year = 2015 AND NOT collected),
          'available_beds_count, integrated_care_board, non_patient_occupied_floor_area_m2, occupied_beds_count, patient_occupied_floor_area_m2',
          'site columns not collected in 2015/16: beds, patient/non-patient areas (now clinical/non-clinical), the ICB');

-- The later format, through the shell loader: Windows-1252 £ and m², CRLF.
SELECT is((SELECT (gross_internal_floor_area_m2, occupied_floor_area_m2, backlog_high_risk_gbp, water_sewage_cost_gbp, site_type)::text
           FROM estate.eric_site WHERE financial_year = 2022 AND site_code = 'ZXA01'),
          '(10000,9000,1000000,1500,"General acute hospital")',
          '2022/23 ZXA01: "£1,000,000" and £1000 + £500 read from Windows-1252; the Areas occupied area');
SELECT is((SELECT site_name FROM estate.eric_site WHERE financial_year = 2022 AND site_code = 'ZXB01'), 'BETA COMMUNITY, "EAST"',
          'quotes and commas inside a field');
SELECT is((SELECT (backlog_investment_gbp, estates_development_strategy)::text FROM estate.eric_trust
           WHERE financial_year = 2022 AND trust_code = 'ZXA'), '(2864738,t)', 'the BOM trust file: "£2,864,738", Yes');
SELECT is((SELECT (backlog_total_gbp, critical_infrastructure_risk_gbp, backlog_per_m2_gbp)::text FROM estate.trust_summary
           WHERE financial_year = 2022 AND trust_code = 'ZXA'), '(3810000.00,3010000.00,346.36)', 'and its trust summary');

-- Grouping: every site row in exactly one ICS or region.
SELECT is((SELECT array_agg(format('%s %s', financial_year, n) ORDER BY financial_year)
           FROM (SELECT financial_year, sum(sites) AS n FROM estate.ics_summary GROUP BY 1) AS s),
          '{"2013 1378","2014 1251","2015 1214","2022 3"}'::text[], 'the ICS summaries hold every site row once');
SELECT is((SELECT count(DISTINCT ics_code) FROM estate.ics_summary WHERE ics_basis = 'ICS' AND financial_year = 2015), 42::bigint,
          'the 2015/16 returns fall into the 42 ICSs');
SELECT is((SELECT string_agg(DISTINCT t.trust_code, ',' ORDER BY t.trust_code) FROM estate.trust_summary AS t
           WHERE t.ics_basis = 'commissioning region' AND t.financial_year = 2013), 'NAX,NLY,NNV,NQ7,NQL,NR5',
          'with the care-trust file loaded, only the independent providers of 2013/14 fall back to their commissioning region');
SELECT is((SELECT ics_code FROM estate.trust_summary WHERE financial_year = 2015 AND trust_code = 'TAE'), 'QOP',
          'a care trust that etr.csv does not list (TAE) follows succ.csv to its successor RXV''s ICB');
SELECT is((SELECT ics_code FROM estate.trust_summary WHERE financial_year = 2015 AND trust_code = 'RJX'), 'QYG',
          'Calderstones (RJX, merged into Mersey Care RW4 in 2016) counts towards its successor''s ICS');
SELECT is((SELECT ics_code FROM estate.trust_summary WHERE financial_year = 2013 AND trust_code = 'RJD'), 'QNC',
          'Mid Staffordshire (RJD, no successor in ODS) keeps its own ICB');
SELECT is((SELECT (ics_basis, ics_name)::text FROM estate.trust_summary WHERE financial_year = 2022 AND trust_code = 'ZXA'),
          '("ICB as published","NHS Alpha ICB")', 'a 2022/23 trust without mapping falls back to the ICB it published');

-- Year on year, England.
SELECT is((SELECT (previous_value, value, change, definition_changed)::text FROM estate.year_on_year
           WHERE level = 'england' AND financial_year = 2015 AND metric = 'backlog, total'),
          '(4337919576.0000,4974706094.0000,636786518.0000,f)', 'England backlog 2014/15 -> 2015/16: +£636,786,518');
SELECT is((SELECT definition_changed FROM year_on_year_flags WHERE metric = 'unoccupied share'), true,
          'un-utilised space (2014/15) vs empty + under-used (2015/16) is flagged');
SELECT is((SELECT definition_changed FROM year_on_year_flags WHERE metric = 'gross internal floor area'), false,
          'gross internal (site) floor area is the same definition');
SELECT is((SELECT count(*) FROM estate.year_on_year WHERE level = 'trust' AND financial_year = 2015 AND metric = 'backlog, total'
             AND previous_value IS NOT NULL), 237::bigint, '237 of the 238 trusts of 2015/16 have a 2014/15 return to compare with');
SELECT is((SELECT count(*) FROM estate.site_summary WHERE financial_year = 2015 AND meets_non_clinical_target IS NOT NULL), 1171::bigint,
          'the non-clinical share where clinical and non-clinical space were reported and are not both 0 (1,171 of 1,214 sites)');

-- Carbon: every site row of every loaded year against estate.carbon_kg, fuel
-- by fuel, under the views' rule (docs/eric.md): a figure only where every
-- fuel is 0 or more, or answered Not Applicable, and at least one has a figure.
CREATE TEMP TABLE carbon_reference AS
SELECT s.financial_year::integer AS financial_year, s.trust_code, s.site_code,
       CASE WHEN bool_and(CASE WHEN f.kwh IS NULL THEN f.col = ANY (s.not_applicable) ELSE f.kwh >= 0 END) AND count(f.kwh) > 0
            THEN sum(CASE WHEN f.kwh >= 0 THEN estate.carbon_kg(f.fuel, f.kwh, s.financial_year) END) END AS carbon_kg
FROM estate.eric_site AS s,
     LATERAL (VALUES ('electricity', 'electricity_kwh', s.electricity_kwh), ('gas', 'gas_kwh', s.gas_kwh),
                     ('oil', 'oil_kwh', s.oil_kwh), ('coal', 'coal_kwh', s.coal_kwh), ('steam', 'steam_kwh', s.steam_kwh),
                     ('hot_water', 'hot_water_kwh', s.hot_water_kwh),
                     ('renewable_electricity', 'renewable_electricity_kwh', s.renewable_electricity_kwh)) AS f(fuel, col, kwh)
GROUP BY s.financial_year, s.trust_code, s.site_code;
SELECT is((SELECT count(*) FROM carbon_reference AS c
           JOIN estate.eric_rollup() AS r
             ON r.level = 'site' AND (r.financial_year, r.trust_code, r.site_code) = (c.financial_year, c.trust_code, c.site_code)
           WHERE r.carbon_kg IS DISTINCT FROM c.carbon_kg), 0::bigint,
          'every site row of every year: the views'' carbon is the sum of carbon_kg over its fuels, exactly');
SELECT is((SELECT count(*) FROM carbon_reference AS c
           JOIN estate.site_summary AS v ON (v.financial_year, v.trust_code, v.site_code) = (c.financial_year, c.trust_code, c.site_code)
           WHERE v.carbon_kg IS DISTINCT FROM round(c.carbon_kg, 2)), 0::bigint, 'and site_summary has it to 0.01 kg');
SELECT is((SELECT array_agg(format('%s %s of %s', financial_year, filled, n) ORDER BY financial_year)
           FROM (SELECT financial_year, count(carbon_kg) AS filled, count(*) AS n FROM carbon_reference GROUP BY 1) AS s),
          '{"2013 1376 of 1378","2014 1250 of 1251","2015 1076 of 1214","2022 0 of 3"}'::text[], 'site rows with a carbon figure, per year');
SELECT is((SELECT (carbon_kg, carbon_per_m2_kg, carbon_reporting_floor_area_m2, carbon_gap)::text FROM estate.site_summary
           WHERE financial_year = 2015 AND site_code = 'R1EE3'),
          '(640673.16,118.84,5391.00,)', 'Leek Moorlands (R1EE3) 2015/16: 640,673.16 kg CO2e, 118.84 kg/m2, as worked out by hand');
SELECT is((SELECT carbon_kg FROM estate.eric_rollup() WHERE level = 'site' AND financial_year = 2015 AND site_code = 'R1EE3'),
          640673.16153, 'unrounded: 1,414,392 x 0.20928 + 26,819 x 0.31935 + 584,611 x 0.57492');
SELECT is((SELECT (energy_kwh, carbon_kg, carbon_gap)::text FROM estate.site_summary WHERE financial_year = 2014 AND site_code = 'RR813'),
          '(53259909.00,,"electricity_kwh is negative (-10390105 kWh); steam_kwh is negative (-81220768 kWh)")',
          'St James''s (RR813) 2014/15 published negative local electricity and steam: no carbon, and why');
SELECT is((SELECT (sites, sites_reporting_carbon, gross_internal_floor_area_m2, carbon_reporting_floor_area_m2)::text
           FROM estate.trust_summary WHERE financial_year = 2014 AND trust_code = 'RR8'),
          '(6,5,560048.00,306713.00)', 'so Leeds (RR8) 2014/15 has carbon for 5 of its 6 sites, and says so');
SELECT is((SELECT carbon_gap FROM estate.site_summary WHERE financial_year = 2013 AND site_code = 'NQL03'),
          'coal_kwh is missing', 'a No Data Provided coal cell (NQL03 2013/14): no carbon, not the other fuels alone');
SELECT is((SELECT count(*) FROM estate.site_summary WHERE financial_year = 2022 AND carbon_kg IS NULL
             AND carbon_gap LIKE 'no carbon factors for 2022/23;%'), 3::bigint, '2022/23 has no factors: every site NULL');
SELECT is((SELECT array_agg((financial_year, collected, returns, filled, not_applicable, missing)::text ORDER BY financial_year)
           FROM estate.data_completeness WHERE kind = 'site' AND column_name = 'carbon_kg'),
          '{"(2013,t,1378,1376,0,2)","(2014,t,1251,1250,0,1)","(2015,t,1214,1076,138,0)","(2022,f,3,0,0,3)"}'::text[],
          'data_completeness counts the carbon gaps: 138 sites of 2015/16 answered Not Applicable to every fuel');
SELECT is((SELECT count(*) FROM (SELECT r.financial_year, r.level, sum(r.carbon_kg) AS kg FROM estate.eric_rollup() AS r
                                 WHERE r.level <> 'england' GROUP BY 1, 2) AS l
           JOIN (SELECT financial_year, sum(carbon_kg) AS kg FROM carbon_reference GROUP BY 1) AS c USING (financial_year)
           JOIN estate.year_on_year AS y ON y.level = 'england' AND y.financial_year = c.financial_year AND y.metric = 'carbon emissions'
           WHERE l.kg = c.kg AND y.value = round(c.kg, 4)), 9::bigint,
          'sites, trusts and ICSs add up to the England carbon of year_on_year in each year with factors');

-- ICS figures are built from sites: for every additive measure of every year,
-- each ICS is the sum of the site rows counted in it, and England the sum of
-- all site rows (unrounded, estate.eric_measures); a site moved by
-- estate.site_ics leaves one ICS and enters another, counted once.
CREATE TEMP TABLE additive (c text);
INSERT INTO additive VALUES ('gross_internal_floor_area_m2'), ('occupied_floor_area_m2'), ('backlog_high_risk_gbp'),
    ('backlog_significant_risk_gbp'), ('backlog_moderate_risk_gbp'), ('backlog_low_risk_gbp'), ('backlog_total_gbp'),
    ('critical_infrastructure_risk_gbp'), ('risk_adjusted_backlog_gbp'), ('backlog_reporting_floor_area_m2'),
    ('age_profile_floor_area_m2'), ('electricity_kwh'), ('gas_kwh'), ('oil_kwh'), ('coal_kwh'), ('steam_kwh'),
    ('hot_water_kwh'), ('renewable_electricity_kwh'), ('non_fossil_fuel_kwh'), ('energy_kwh'), ('carbon_kg'),
    ('carbon_reporting_floor_area_m2'), ('sites'), ('sites_reporting_backlog'), ('sites_reporting_carbon'),
    ('hard_fm_cost_gbp'), ('soft_fm_cost_gbp'), ('running_cost_gbp'), ('running_cost_reporting_floor_area_m2'),
    ('sites_reporting_running_cost'), ('not_functionally_suitable_floor_area_m2'), ('functional_suitability_floor_area_m2'),
    ('pre_1948_floor_area_m2');
CREATE TEMP VIEW sum_mismatches AS
    WITH m AS (SELECT m.level, m.financial_year, m.ics_basis, coalesce(m.ics_code, '-') AS ics_code, m.ics_name, a.c,
                      CASE WHEN m.level = 'site' THEN CASE a.c WHEN 'sites' THEN 1 WHEN 'sites_reporting_backlog' THEN
                           (m.backlog_total_gbp IS NOT NULL)::int WHEN 'sites_reporting_carbon' THEN (m.carbon_kg IS NOT NULL)::int
                           WHEN 'sites_reporting_running_cost' THEN (m.running_cost_gbp IS NOT NULL)::int END
                      END AS site_count,
                      (to_jsonb(m) ->> a.c)::numeric AS v
               FROM estate.eric_measures() AS m, additive AS a),
         by_site AS (SELECT financial_year, ics_basis, ics_code, ics_name, c, sum(coalesce(site_count, v)) AS v, count(v) + count(site_count) AS n
                     FROM m WHERE level = 'site' GROUP BY 1, 2, 3, 4, 5)
    SELECT 'ics' AS level, financial_year, ics_name, c FROM by_site AS s
    FULL JOIN (SELECT * FROM m WHERE level = 'ics') AS i USING (financial_year, ics_basis, ics_code, ics_name, c)
    WHERE CASE WHEN s.n = 0 THEN i.v IS NOT NULL ELSE s.v IS DISTINCT FROM i.v END
    UNION ALL
    SELECT 'england', financial_year, NULL, c
    FROM (SELECT financial_year, c, sum(v) AS v, count(v) AS n FROM by_site GROUP BY 1, 2) AS s
    FULL JOIN (SELECT * FROM m WHERE level = 'england') AS e USING (financial_year, c)
    WHERE CASE WHEN s.n = 0 THEN e.v IS NOT NULL ELSE s.v IS DISTINCT FROM e.v END;
SELECT is((SELECT count(*) FROM additive), 33::bigint, '33 additive measures checked');
SELECT is((SELECT array_agg(format('%s %s %s %s', level, financial_year, ics_name, c)) FROM sum_mismatches), NULL,
          'each ICS is the sum of its sites and England the sum of all sites, for every additive measure in every year');
SELECT is((SELECT array_agg(financial_year::text || ' ' || trust_code) FROM estate.trust_summary GROUP BY financial_year, trust_code HAVING count(*) > 1),
          NULL, 'trust_summary has one row per trust and year');
-- Shares and per-m2 figures are recomputed from the summed parts at every level.
SELECT is((SELECT count(*) FROM estate.eric_measures()
           WHERE running_cost_per_m2_gbp IS DISTINCT FROM
                 (SELECT sum(s.running_cost_gbp) FILTER (WHERE s.gross_internal_floor_area_m2 > 0)
                         / NULLIF(sum(s.gross_internal_floor_area_m2) FILTER (WHERE s.running_cost_gbp IS NOT NULL AND s.gross_internal_floor_area_m2 > 0), 0)
                  FROM estate.eric_measures() AS s
                  WHERE s.level = 'site' AND s.financial_year = eric_measures.financial_year
                    AND (eric_measures.level = 'england'
                         OR (eric_measures.level = 'ics' AND (s.ics_basis, s.ics_name) = (eric_measures.ics_basis, eric_measures.ics_name))
                         OR (eric_measures.level IN ('trust', 'site') AND s.trust_code = eric_measures.trust_code
                             AND (eric_measures.level = 'trust' OR s.site_code = eric_measures.site_code))))
             OR not_functionally_suitable_share IS DISTINCT FROM not_functionally_suitable_floor_area_m2 / NULLIF(functional_suitability_floor_area_m2, 0)
             OR pre_1948_share IS DISTINCT FROM pre_1948_floor_area_m2 / NULLIF(age_profile_floor_area_m2, 0)), 0::bigint,
          'running cost per m2, not functionally suitable share and pre-1948 share are their summed parts divided, at every level');
SELECT is((SELECT (running_cost_gbp, running_cost_per_m2_gbp, not_functionally_suitable_share, pre_1948_share)::text
           FROM estate.england_summary WHERE financial_year = 2015),
          '(4864827481.00,183.38,0.1286,0.1389)', 'England 2015/16: £4,864,827,481 of hard and soft FM costs, £183.38/m2; 12.86% not functionally suitable; 13.89% built before 1948');
-- One vocabulary of site types: every type published in a shipped year maps
-- to one of the nine groups (docs/eric.md), and a blank type to none.
SELECT is((SELECT array_agg(DISTINCT format('%s %s', financial_year, site_type)) FROM estate.site_summary
           WHERE financial_year BETWEEN 2013 AND 2015 AND btrim(site_type) <> ''
             AND NOT coalesce(site_type_normalised = ANY (ARRAY['General acute hospital', 'Specialist hospital', 'Mixed service hospital',
                 'Mental health and learning disabilities', 'Community hospital', 'Other inpatient', 'Non-inpatient', 'Support facility',
                 'Aggregate site']), false)),
          NULL, 'every published site type of 2013/14, 2014/15 and 2015/16 has a normalised type');
SELECT is((SELECT array_agg(DISTINCT format('%s %s', site_type_normalised, is_aggregate) ORDER BY format('%s %s', site_type_normalised, is_aggregate))
           FROM estate.site_summary WHERE site_type_normalised IN ('Aggregate site') OR btrim(coalesce(site_type, '')) = ''),
          '{" f","Aggregate site f","Aggregate site t"}'::text[], 'AGGREGATE SITE and Aggregate Site become one type (AGGRE rows and the five sites so typed); the two blank types stay NULL');

-- Move Aintree University Hospital (REM, site REM21) into Greater Manchester (QOP).
CREATE TEMP TABLE before AS
    SELECT level, financial_year, ics_code, trust_code, site_code, gross_internal_floor_area_m2 AS gia, backlog_total_gbp AS backlog, sites
    FROM estate.eric_measures() WHERE level <> 'site';
INSERT INTO estate.site_ics (trust_code, site_code, ics_code, note) VALUES ('REM', 'REM21', 'QOP', 'test: counted in Greater Manchester');
SELECT is((SELECT array_agg(format('%s %s %s', level, ics_code, ics_override_note)) FROM estate.eric_measures()
           WHERE level = 'site' AND financial_year = 2015 AND trust_code = 'REM' AND site_code = 'REM21'),
          '{"site QOP test: counted in Greater Manchester"}', 'the site counts in the ICS site_ics names, with its note');
SELECT is((SELECT array_agg(format('%s %s', (a.gross_internal_floor_area_m2 - b.gia)::text, a.sites - b.sites) ORDER BY a.ics_code)
           FROM before AS b JOIN estate.eric_measures() AS a USING (level, financial_year, ics_code)
           WHERE a.level = 'ics' AND a.financial_year = 2015 AND a.ics_code IN ('QOP', 'QYG')),
          (SELECT ARRAY[format('%s 1', gross_internal_floor_area_m2), format('%s -1', -gross_internal_floor_area_m2)]
           FROM estate.eric_site WHERE financial_year = 2015 AND trust_code = 'REM' AND site_code = 'REM21'),
          'Greater Manchester (QOP) gains the site''s floor area and Cheshire and Merseyside (QYG) loses it');
SELECT is((SELECT format('%s of %s changed', count(*) FILTER (WHERE (a.gross_internal_floor_area_m2, a.backlog_total_gbp, a.sites)
                                                                   IS DISTINCT FROM (b.gia, b.backlog, b.sites)), count(*))
           FROM before AS b JOIN estate.eric_measures() AS a
             ON a.level = b.level AND a.financial_year = b.financial_year AND a.trust_code IS NOT DISTINCT FROM b.trust_code
           WHERE a.level IN ('england', 'trust')),
          (SELECT format('0 of %s changed', count(*)) FROM before WHERE level IN ('england', 'trust')),
          'England and every trust keep their figures');
SELECT is((SELECT (ics_code, sites_counted_elsewhere, counted_elsewhere_in)::text FROM estate.trust_summary WHERE financial_year = 2015 AND trust_code = 'REM'),
          '(QYG,1,"NHS Greater Manchester Integrated Care Board")', 'the trust stays in its ICS and says one site counts elsewhere');
SELECT is((SELECT sites_moved_in FROM estate.ics_summary WHERE financial_year = 2015 AND ics_code = 'QOP'), 1, 'and the ICS that took it says so');
SELECT is((SELECT array_agg(format('%s %s %s %s', level, financial_year, ics_name, c)) FROM sum_mismatches), NULL,
          'with the site moved, each ICS is still the sum of its sites and England of all sites');
SELECT is((SELECT (sum(gross_internal_floor_area_m2), sum(backlog_total_gbp))::text FROM estate.ics_summary WHERE financial_year = 2015),
          (SELECT (gross_internal_floor_area_m2, backlog_total_gbp)::text FROM estate.england_summary WHERE financial_year = 2015),
          'the ICS summaries add up to england_summary');
SELECT is((SELECT (year_start, year_end, backlog_total_gbp)::text FROM estate.england_summary WHERE financial_year = 2015),
          '(2015-04-01,2016-03-31,4974706094.00)', 'england_summary 2015/16: 1 April to 31 March, the published site total');

SELECT * FROM finish();
ROLLBACK;
