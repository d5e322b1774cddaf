-- The ERIC demo: headline answers from the shipped years, which tools/demo has
-- loaded with bin/estate-load-eric and mapped to ICSs with bin/estate-load-ics.
\pset footer off
\pset numericlocale on

\echo
\echo '== What was loaded (estate.eric_load): one row per file.'
SELECT kind, year_label, file_name, rows_loaded, rows_skipped
FROM estate.eric_load ORDER BY kind, financial_year;

\echo
\echo '== Critical infrastructure risk (high + significant risk backlog) by commissioning region, 2015/16.'
SELECT commissioning_region,
       count(*)                                   AS trusts,
       sum(critical_infrastructure_risk_gbp)      AS cir_gbp,
       sum(backlog_total_gbp)                     AS backlog_gbp,
       round(100 * sum(critical_infrastructure_risk_gbp) / sum(backlog_total_gbp), 1) AS cir_pct_of_backlog
FROM estate.trust_summary
WHERE financial_year = 2015
GROUP BY commissioning_region
ORDER BY cir_gbp DESC;

\echo
\echo '== The ten ICSs with the most critical infrastructure risk, 2015/16 (trusts grouped by today''s ICBs;'
\echo '== trusts that no ODS trust file lists fall back to their commissioning region: see the last table).'
SELECT ics_name, ics_basis, trusts, sites, critical_infrastructure_risk_gbp AS cir_gbp,
       backlog_per_m2_gbp, backlog_reporting_floor_area_m2 AS over_m2
FROM estate.ics_summary
WHERE financial_year = 2015
ORDER BY critical_infrastructure_risk_gbp DESC NULLS LAST
LIMIT 10;

\echo
\echo '== Carbon of the energy used (kg CO2e, scopes 1-3, UK Government factors of each year), 2015/16:'
\echo '== the five ICSs with the most per m2, over the sites with a figure and their floor area.'
SELECT ics_name, sites, sites_reporting_carbon AS with_carbon,
       round(carbon_kg / 1000) AS carbon_t, carbon_per_m2_kg, carbon_reporting_floor_area_m2 AS over_m2,
       energy_per_m2_kwh
FROM estate.ics_summary
WHERE financial_year = 2015
ORDER BY carbon_per_m2_kg DESC NULLS LAST
LIMIT 5;

\echo
\echo '== Sites without a carbon figure, and why (data_completeness counts them as gaps).'
SELECT year_label, carbon_gap, count(*) AS sites
FROM estate.site_summary
WHERE carbon_gap IS NOT NULL
GROUP BY year_label, carbon_gap
ORDER BY year_label, sites DESC;

\pset numericlocale off
\echo
\echo '== England, year on year: 2015/16 against 2014/15.  definition_changed marks'
\echo '== measures whose columns were published under another definition.'
SELECT metric, unit, previous_value, value, change, round(100 * change_share, 1) AS change_pct, definition_changed
FROM estate.year_on_year
WHERE level = 'england' AND financial_year = 2015
ORDER BY definition_changed, metric;

\echo
\echo '== Trusts that absorbed another, 2015/16: floor area plainly and like for like'
\echo '== (the predecessors'' 2014/15 returns counted with their successor).'
SELECT trust_code, trust_name, predecessors, previous_value, like_for_like_previous_value, value,
       round(100 * change_share, 1) AS change_pct, round(100 * like_for_like_change_share, 1) AS like_for_like_pct
FROM estate.year_on_year
WHERE level = 'trust' AND financial_year = 2015 AND metric = 'gross internal floor area' AND predecessors IS NOT NULL
ORDER BY trust_code;
\pset numericlocale on

\echo
\echo '== The sites in the worst condition, 2015/16: critical infrastructure risk per m2,'
\echo '== sites of at least 5,000 m2 that reported backlog.'
SELECT site_name, trust_name, site_type, gross_internal_floor_area_m2 AS gia_m2,
       critical_infrastructure_risk_gbp AS cir_gbp,
       round(critical_infrastructure_risk_gbp / gross_internal_floor_area_m2, 2) AS cir_per_m2_gbp,
       mean_build_year::text AS mean_build_year
FROM estate.site_summary
WHERE financial_year = 2015 AND NOT is_aggregate
  AND gross_internal_floor_area_m2 >= 5000 AND backlog_total_gbp IS NOT NULL
ORDER BY critical_infrastructure_risk_gbp / gross_internal_floor_area_m2 DESC
LIMIT 10;

\echo
\echo '== Data gaps, 2015/16 site returns: columns collected that year with answers missing'
\echo '== (blank or No Data Provided), apart from those answered Not Applicable.'
SELECT column_name, returns, filled, not_applicable, missing, filled_share
FROM estate.data_completeness
WHERE kind = 'site' AND financial_year = 2015 AND collected AND (missing > 0 OR not_applicable > 0)
ORDER BY missing DESC, not_applicable DESC, column_name
LIMIT 12;

\echo
\echo '== Columns not collected at all in some years (compare across years with care).'
SELECT column_name, string_agg(year_label, ', ' ORDER BY financial_year) AS not_collected_in
FROM estate.data_completeness
WHERE kind = 'site' AND NOT collected AND financial_year < 2022
GROUP BY column_name
ORDER BY column_name;

\echo
\echo '== One ICS: NHS Cheshire and Merseyside (QYG), year by year, summed from its sites.'
SELECT year_label, trusts, sites, gross_internal_floor_area_m2 AS gia_m2, backlog_total_gbp AS backlog_gbp,
       round(100 * (backlog_total_gbp / lag(backlog_total_gbp) OVER (ORDER BY financial_year) - 1), 1) AS backlog_change_pct,
       backlog_per_m2_gbp, mean_build_year::text AS mean_build_year
FROM estate.ics_summary
WHERE ics_code = 'QYG'
ORDER BY financial_year;

\echo
\echo '== Its trusts, 2015/16 (a predecessor''s returns count with the ICS of its successor).'
SELECT trust_code, trust_name, sites, gross_internal_floor_area_m2 AS gia_m2, backlog_total_gbp AS backlog_gbp,
       sites_counted_elsewhere
FROM estate.trust_summary
WHERE ics_code = 'QYG' AND financial_year = 2015
ORDER BY backlog_total_gbp DESC NULLS LAST;

\echo
\echo '== Its gaps (estate.data_quality): findings per year.'
SELECT year_label, finding, count(*) AS findings, string_agg(DISTINCT trust_code, ', ') AS trusts
FROM estate.data_quality
WHERE ics_code = 'QYG'
GROUP BY year_label, finding
ORDER BY year_label, finding;

\echo
\echo '== What no ICS holds: trusts that map to none, with their sites, floor area and backlog.'
SELECT year_label, trust_code, sites, floor_area_m2, backlog_gbp
FROM estate.data_quality
WHERE finding = 'unmapped trust'
ORDER BY financial_year, trust_code;

\echo
\echo '== Disposal candidates in Cheshire and Merseyside (estate.disposal_candidates), against'
\echo '== illustrative rebuild costs (placeholders, not published rates): the top of its'
\echo '== programme in score order, and what it releases as it goes.'
INSERT INTO estate.rebuild_cost (site_type, cost_per_m2_gbp, price_base, source) VALUES
    ('General acute hospital', 3000, '2015/16', 'illustrative'), ('Specialist hospital (acute only)', 3000, '2015/16', 'illustrative'),
    ('Mixed service hospital', 2600, '2015/16', 'illustrative'), ('Community hospital (with inpatient beds)', 2400, '2015/16', 'illustrative'),
    ('Mental Health', 2400, '2015/16', 'illustrative')
ON CONFLICT DO NOTHING;
SELECT programme_rank AS rank, site_code, site_name, site_type_normalised, score, recommendation,
       cumulative_floor_area_m2 AS released_m2, round(100 * cumulative_floor_area_share, 1) AS released_pct,
       cumulative_backlog_gbp AS backlog_avoided_gbp, cumulative_running_cost_gbp AS running_cost_saved_gbp
FROM estate.disposal_candidates
WHERE ics_code = 'QYG' AND in_latest_year
ORDER BY programme_rank
LIMIT 8;
SELECT site_code, unusable_figures FROM estate.disposal_candidates WHERE unusable_figures IS NOT NULL ORDER BY site_code;
