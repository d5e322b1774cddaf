-- The worked example of docs/disposal.md: disposal candidates among sixteen
-- London sites of ERIC 2015/16, with their reasons.
-- Figures from ERIC 2015/16 (site data), NHS Digital: contains public sector
-- information licensed under the Open Government Licence v3.0.
\pset footer off
CREATE TABLE london_2015 (
    site_code                 text PRIMARY KEY,
    site_name                 text,
    site_type                 text,
    gia_m2                    numeric,
    hard_fm_gbp               numeric,
    soft_fm_gbp               numeric,
    not_suitable_pct          numeric,
    empty_pct                 numeric,
    under_used_pct            numeric,
    backlog_high_gbp          numeric,
    backlog_significant_gbp   numeric,
    backlog_moderate_gbp      numeric,
    backlog_low_gbp           numeric,
    electricity_kwh           numeric,
    gas_kwh                   numeric,
    oil_kwh                   numeric,
    coal_kwh                  numeric,
    steam_kwh                 numeric,
    hot_water_kwh             numeric,
    renewable_electricity_kwh numeric,
    non_fossil_kwh            numeric
);
INSERT INTO london_2015 VALUES
    ('R1HKH', 'Whipps Cross University Hospital', 'General acute hospital', 96033, 6014547, 10376696, 48, 15.49, 24, 17955234, 26952156, 19697164, 14743833, 12990983, 29307144, 0, 0, 0, 0, 0, 0),
    ('R1K02', 'Central Middlesex Hospital', 'Mixed service hospital', 47477, 2963976, 3128253, 8, 11, 50, 62580, 156450, 726450, 233632, 6955576, 9165346, 60916, 0, 0, 0, 0, 0),
    ('R1K68', 'Clayponds Hospital', 'Community hospital (with inpatient beds)', 3580, 275874, 772084, 14, 11, 15, 0, 0, 0, 11699, 40371, 938306, 0, 0, 0, 0, 0, 0),
    ('RAL01', 'Royal Free Hospital', 'General acute hospital', 172827, 13961883, 22671625, 6, 0, 1, 2600000, 2400000, 3200000, 9600000, 11280932, 112646856, 40000, 0, 0, 0, 0, 0),
    ('RALC7', 'Chase Farm Hospital', 'General acute hospital', 42312, 5409907, 4453738, 4, 0, 4, 0, 4700000, 7800000, 10800000, 7189525, 600000, 19712368, 0, 0, 0, 0, 0),
    ('RAS02', 'Mount Vernon Hospital', 'General acute hospital', 49942, 2318411, 1643395, 24, 24, 18, 306900, 4815750, 7260425, 4195456, 3611289, 8744140, 0, 0, 0, 0, 0, 0),
    ('RJ121', 'Guy''s Hospital', 'General acute hospital', 118856, 10502461, 13416054, 2.83, 1.23, 3.75, 1118364, 665445, 1556621, 204578, 12487320, 83552962, 0, 0, 0, 0, 2035433, 0),
    ('RKL67', 'St Bernard''s Hospital', 'Mental Health', 43768, 1425388, 4621085, 57, 0, 0, 9780, 3154446, 3183250, 505850, 1785867, 5842015, 0, 0, 0, 0, 0, 0),
    ('RQY01', 'Springfield University Hospital', 'Mental Health', 55336, 908701, 1395692, 60, 30, 30, 185566, 5108469, 6141501, 2337611, 3644221, 9656112, 0, 0, 0, 0, 0, 0),
    ('RQY08', 'Tolworth Hospital', 'Mixed service hospital', 15140, 329166, 216222, 40, 20, 20, 349156, 548935, 347400, 294484, 1062411, 3724988, 0, 0, 0, 0, 0, 0),
    ('RT301', 'Harefield Hospital', 'Specialist hospital (acute only)', 32450, 2509620, 4499930, 40, 8, 3, 374000, 1480000, 2840000, 3288000, 6638060, 12264370, 0, 0, 0, 0, 0, 0),
    ('RV346', 'Gordon Hospital', 'Mental Health', 5038, 373342, 698564, 60, 13, 0, 0, 0, 320000, 25000, 392809, 1362982, 0, 0, 0, 0, 0, 0),
    ('RV3CA', 'Kingswood Centre', 'Learning Disabilities', 2556, 193338, 386183, 20, 20, 0, 0, 0, 20000, 0, 273248, 708278, 0, 0, 0, 0, 60096, 0),
    ('RV504', 'Maudsley Hospital', 'Mental Health', 36586, 2078028, 3307549, 0, 14, 0, 0, 1328438, 190841, 144160, 2604305, 7119427, 0, 0, 0, 0, 0, 0),
    ('RVR05', 'St Helier Hospital', 'General acute hospital', 57424, 4627679, 14628373, 63, 0.5, 5, 6988848, 10437108, 11541211, 1004082, 9154441, 16848822, 199899, 0, 0, 0, 0, 0),
    ('RVR50', 'Epsom General Hospital', 'General acute hospital', 48311, 3401654, 6554627, 42, 0.5, 5, 4785890, 6898206, 2641059, 1198696, 7326837, 13918625, 131606, 0, 0, 0, 0, 0);

-- Illustrative rebuild costs per m2 (placeholders for the example, not a
-- published rate): the replacement-value proxy is an assumption.
INSERT INTO estate.rebuild_cost (site_type, cost_per_m2_gbp, price_base, source) VALUES
    ('General acute hospital', 3000, '2015/16', 'illustrative'),
    ('Specialist hospital (acute only)', 3000, '2015/16', 'illustrative'),
    ('Mixed service hospital', 2600, '2015/16', 'illustrative'),
    ('Community hospital (with inpatient beds)', 2400, '2015/16', 'illustrative'),
    ('Mental Health', 2400, '2015/16', 'illustrative'),
    ('Learning Disabilities', 2400, '2015/16', 'illustrative');

-- Each site's figures: unoccupied share (empty + under-used), functional
-- suitability, FCI against the proxy, FM running cost and carbon per m2.
CREATE VIEW london_measures AS
SELECT s.site_code, s.site_name, s.gia_m2,
       estate.backlog(s.backlog_high_gbp, s.backlog_significant_gbp, s.backlog_moderate_gbp, s.backlog_low_gbp) AS backlog,
       s.hard_fm_gbp + s.soft_fm_gbp AS running_cost_gbp,
       round((s.empty_pct + s.under_used_pct) / 100, 4) AS unoccupied_share,
       round(1 - s.not_suitable_pct / 100, 4) AS functional_suitability,
       round(estate.fci(estate.backlog(s.backlog_high_gbp, s.backlog_significant_gbp,
                                       s.backlog_moderate_gbp, s.backlog_low_gbp),
                        estate.replacement_value_proxy(s.site_type, s.gia_m2)), 4) AS fci,
       round((s.hard_fm_gbp + s.soft_fm_gbp) / s.gia_m2, 2) AS running_cost_per_m2,
       round((estate.carbon_kg('electricity', s.electricity_kwh, 2015)
              + estate.carbon_kg('gas', s.gas_kwh, 2015)
              + estate.carbon_kg('oil', s.oil_kwh, 2015)
              + estate.carbon_kg('coal', s.coal_kwh, 2015)
              + estate.carbon_kg('steam', s.steam_kwh, 2015)
              + estate.carbon_kg('hot_water', s.hot_water_kwh, 2015)
              + estate.carbon_kg('renewable_electricity', s.renewable_electricity_kwh, 2015))
             / s.gia_m2, 2) AS carbon_per_m2
FROM london_2015 AS s;

SELECT site_code, unoccupied_share, functional_suitability, fci, running_cost_per_m2, carbon_per_m2
FROM london_measures ORDER BY site_code;

-- Benchmarks: the medians of the group.
CREATE VIEW london_benchmark AS
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY running_cost_per_m2)::numeric AS running_cost_per_m2,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY carbon_per_m2) AS carbon_per_m2
FROM london_measures;
SELECT * FROM london_benchmark;

-- The assessment with the default weights; the top five candidates.
CREATE VIEW london_assessment AS
SELECT m.site_code, m.site_name, m.gia_m2, m.backlog, m.running_cost_gbp,
       m.carbon_per_m2 * m.gia_m2 AS carbon_kg, a.*
FROM london_measures AS m CROSS JOIN london_benchmark AS b,
     LATERAL estate.disposal_assessment(
         unoccupied_share => m.unoccupied_share::float8,
         fci => m.fci,
         functional_suitability => m.functional_suitability::float8,
         running_cost_per_m2 => m.running_cost_per_m2,
         benchmark_running_cost_per_m2 => b.running_cost_per_m2,
         carbon_per_m2 => m.carbon_per_m2::float8,
         benchmark_carbon_per_m2 => b.carbon_per_m2,
         protected => m.site_code = 'RAL01') AS a;

SELECT site_code, site_name, round(score::numeric, 1) AS score, recommendation, criteria_used
FROM london_assessment ORDER BY score DESC, site_code LIMIT 5;

SELECT site_code, unnest(reasons) AS reason
FROM (SELECT * FROM london_assessment ORDER BY score DESC, site_code LIMIT 3) AS top;

-- What disposing of the candidates (review or dispose) in score order would
-- release, as a BI tool would plot it: the group must keep 75% of its floor area.
WITH estate_area AS (SELECT sum(gia_m2) AS m2 FROM london_2015)
SELECT site_code,
       (i).sites,
       (i).floor_area_released::numeric(12, 2) AS released_m2,
       (i).retained_floor_area::numeric(12, 2) AS retained_m2,
       estate.total((i).backlog_avoided)::numeric(14, 2) AS backlog_avoided_gbp,
       estate.critical_infrastructure_risk((i).backlog_avoided)::numeric(14, 2) AS cir_avoided_gbp,
       (i).running_cost_saved::numeric(14, 2) AS running_cost_saved_gbp,
       round((i).carbon_saved_kg / 1000, 1) AS carbon_saved_t,
       (i).in_programme
FROM (SELECT c.site_code,
             estate.disposal_impact(c.gia_m2, c.backlog, c.running_cost_gbp, c.carbon_kg, e.m2, 0.75 * e.m2)
                 OVER (ORDER BY c.score DESC, c.site_code ROWS UNBOUNDED PRECEDING) AS i
      FROM london_assessment AS c CROSS JOIN estate_area AS e
      WHERE c.recommendation <> 'retain') AS p
ORDER BY (i).sites;

-- The same sites with net zero weighted at 40% instead of 10%.
SELECT m.site_code, round((a).score::numeric, 1) AS score, (a).recommendation, (a).reasons[1] AS first_reason
FROM (SELECT m.site_code,
             estate.disposal_assessment(
                 unoccupied_share => m.unoccupied_share::float8, fci => m.fci,
                 functional_suitability => m.functional_suitability::float8,
                 running_cost_per_m2 => m.running_cost_per_m2,
                 benchmark_running_cost_per_m2 => b.running_cost_per_m2,
                 carbon_per_m2 => m.carbon_per_m2::float8, benchmark_carbon_per_m2 => b.carbon_per_m2,
                 w_carbon => 0.40) AS a
      FROM london_measures AS m CROSS JOIN london_benchmark AS b) AS m
ORDER BY (a).score DESC, m.site_code LIMIT 5;

DROP VIEW london_assessment, london_benchmark, london_measures;
DROP TABLE london_2015;
DELETE FROM estate.rebuild_cost;
