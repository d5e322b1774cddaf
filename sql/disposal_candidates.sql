
-- ---------------------------------------------------------------------------
-- Disposal candidates from the ERIC returns (1.1): each site's figures for
-- estate.disposal_assessment, checked first, so that a figure the function
-- would refuse becomes a NULL criterion (and a data_quality finding) and one
-- bad return never fails a query.
-- ---------------------------------------------------------------------------

-- Every site return (AGGRE rows aside: they are no site) with the figures of
-- the assessment, unrounded.  Benchmarks are the medians of the same year's
-- sites of the same normalised type (at least 3 sites with a figure above 0).
-- Each *_unusable column says why its figure was set to NULL: a share outside
-- 0-1 (a percentage above 100), an FCI above 5 (a percentage where a share is
-- meant, or a rebuild cost in the wrong unit), a negative figure, NaN or
-- infinity, a benchmark that is not above 0.
CREATE OR REPLACE FUNCTION @extschema@.disposal_figures()
    RETURNS TABLE (
        financial_year integer, year_label text, trust_code text, trust_name text,
        site_code text, site_name text, site_type text, site_type_normalised text,
        ics_basis text, ics_code text, ics_name text,
        gross_internal_floor_area_m2 numeric, backlog_total_gbp numeric, critical_infrastructure_risk_gbp numeric,
        running_cost_gbp numeric, carbon_kg numeric, replacement_value_gbp numeric,
        unoccupied_share numeric, fci numeric, functional_suitability numeric,
        running_cost_per_m2_gbp numeric, benchmark_running_cost_per_m2_gbp numeric,
        carbon_per_m2_kg numeric, benchmark_carbon_per_m2_kg numeric,
        floor_area_unusable text, unoccupied_share_unusable text, fci_unusable text, functional_suitability_unusable text,
        running_cost_unusable text, carbon_unusable text,
        raw_unoccupied_share numeric, raw_fci numeric, raw_functional_suitability numeric, raw_running_cost_per_m2_gbp numeric)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH site AS (
        SELECT m.financial_year, m.year_label, m.trust_code, m.trust_name, m.site_code, m.site_name, m.site_type,
               m.site_type_normalised, m.ics_basis, m.ics_code, m.ics_name,
               m.gross_internal_floor_area_m2 AS gia, m.backlog_total_gbp AS backlog, m.critical_infrastructure_risk_gbp AS cir,
               m.running_cost_gbp AS running_cost, m.carbon_kg AS carbon, m.unoccupied_share,
               m.hard_fm_cost_gbp AS hard_fm, m.soft_fm_cost_gbp AS soft_fm, e.not_functionally_suitable_pct AS nfs_pct,
               1::numeric OPERATOR(pg_catalog.-) (e.not_functionally_suitable_pct OPERATOR(pg_catalog./) 100::numeric) AS suitability,
               -- A floor area to divide by: above 0 and finite (NaN sorts above Infinity).
               CASE WHEN m.gross_internal_floor_area_m2 OPERATOR(pg_catalog.>) 0::numeric
                     AND m.gross_internal_floor_area_m2 OPERATOR(pg_catalog.<) 'Infinity'::numeric
                    THEN m.gross_internal_floor_area_m2 END AS area
        FROM @extschema@.eric_measures() AS m
        JOIN @extschema@.eric_site AS e
          ON e.financial_year::integer OPERATOR(pg_catalog.=) m.financial_year AND e.trust_code OPERATOR(pg_catalog.=) m.trust_code
         AND e.site_code OPERATOR(pg_catalog.=) m.site_code
        WHERE m.level OPERATOR(pg_catalog.=) 'site'::text AND NOT m.is_aggregate
    ), raw AS (
        SELECT s.*, v.replacement,
               CASE WHEN v.replacement OPERATOR(pg_catalog.>) 0::numeric AND s.backlog OPERATOR(pg_catalog.<) 'Infinity'::numeric
                    THEN @extschema@.fci(s.backlog, v.replacement) END AS fci,
               s.running_cost OPERATOR(pg_catalog./) s.area AS running_cost_per_m2,
               s.carbon OPERATOR(pg_catalog./) s.area AS carbon_per_m2
        FROM site AS s
        CROSS JOIN LATERAL (
            SELECT CASE WHEN s.area IS NOT NULL THEN @extschema@.replacement_value_proxy(s.site_type, s.area) END AS replacement
        ) AS v
    ), medians AS MATERIALIZED (
        SELECT r.financial_year, r.site_type_normalised,
               (pg_catalog.percentile_cont(0.5::double precision) WITHIN GROUP (ORDER BY r.running_cost_per_m2::double precision)
                    FILTER (WHERE r.running_cost_per_m2 OPERATOR(pg_catalog.>) 0::numeric AND r.running_cost_per_m2 OPERATOR(pg_catalog.<) 1e12))::numeric AS running_cost,
               pg_catalog.count(*) FILTER (WHERE r.running_cost_per_m2 OPERATOR(pg_catalog.>) 0::numeric AND r.running_cost_per_m2 OPERATOR(pg_catalog.<) 1e12) AS running_cost_sites,
               (pg_catalog.percentile_cont(0.5::double precision) WITHIN GROUP (ORDER BY r.carbon_per_m2::double precision)
                    FILTER (WHERE r.carbon_per_m2 OPERATOR(pg_catalog.>) 0::numeric AND r.carbon_per_m2 OPERATOR(pg_catalog.<) 1e12))::numeric AS carbon,
               pg_catalog.count(*) FILTER (WHERE r.carbon_per_m2 OPERATOR(pg_catalog.>) 0::numeric AND r.carbon_per_m2 OPERATOR(pg_catalog.<) 1e12) AS carbon_sites
        FROM raw AS r
        GROUP BY r.financial_year, r.site_type_normalised
    ), checked AS (
        SELECT r.*,
               CASE WHEN r.running_cost_sites OPERATOR(pg_catalog.>=) 3 THEN r.median_running_cost END AS benchmark_running_cost,
               CASE WHEN r.carbon_sites OPERATOR(pg_catalog.>=) 3 THEN r.median_carbon END AS benchmark_carbon,
               CASE WHEN NOT (r.gia OPERATOR(pg_catalog.>=) 0::numeric AND r.gia OPERATOR(pg_catalog.<) 'Infinity'::numeric)
                    THEN pg_catalog.format('gross internal floor area %s m2 is not a floor area: no FCI, running cost or carbon per m2'::text, r.gia) END AS area_problem,
               CASE WHEN NOT (r.unoccupied_share OPERATOR(pg_catalog.>=) 0::numeric AND r.unoccupied_share OPERATOR(pg_catalog.<=) 1::numeric)
                    THEN pg_catalog.format('unoccupied share %s is outside 0-1 (empty + under-used floor area above 100%% or below 0)'::text,
                                           pg_catalog.round(r.unoccupied_share, 4)) END AS unoccupied_problem,
               CASE WHEN NOT (r.fci OPERATOR(pg_catalog.>=) 0::numeric AND r.fci OPERATOR(pg_catalog.<=) 5::numeric)
                    THEN pg_catalog.format('FCI %s is not within 0-5: a percentage where a share is meant, or a rebuild cost in the wrong unit (estate.rebuild_cost)'::text,
                                           pg_catalog.round(r.fci, 4)) END AS fci_problem,
               CASE WHEN NOT (r.suitability OPERATOR(pg_catalog.>=) 0::numeric AND r.suitability OPERATOR(pg_catalog.<=) 1::numeric)
                    THEN pg_catalog.format('functional suitability %s is outside 0-1 (not functionally suitable %s%%)'::text,
                                           pg_catalog.round(r.suitability, 4), pg_catalog.round(r.nfs_pct, 2)) END AS suitability_problem,
               CASE WHEN NOT (r.running_cost_per_m2 OPERATOR(pg_catalog.>=) 0::numeric AND r.running_cost_per_m2 OPERATOR(pg_catalog.<) 1e12)
                    THEN pg_catalog.format('running cost %s GBP/m2 is negative or not finite (hard FM %s + soft FM %s GBP)'::text,
                                           pg_catalog.round(r.running_cost_per_m2, 2), r.hard_fm, r.soft_fm)
                    WHEN r.running_cost_per_m2 IS NOT NULL AND r.running_cost_sites OPERATOR(pg_catalog.>=) 3
                     AND NOT (r.median_running_cost OPERATOR(pg_catalog.>) 0::numeric)
                    THEN 'the running cost benchmark is not above 0'::text END AS running_cost_problem,
               CASE WHEN NOT (r.carbon_per_m2 OPERATOR(pg_catalog.>=) 0::numeric AND r.carbon_per_m2 OPERATOR(pg_catalog.<) 1e12)
                    THEN pg_catalog.format('carbon %s kg CO2e/m2 is negative or not finite'::text, pg_catalog.round(r.carbon_per_m2, 2))
                    WHEN r.carbon_per_m2 IS NOT NULL AND r.carbon_sites OPERATOR(pg_catalog.>=) 3
                     AND NOT (r.median_carbon OPERATOR(pg_catalog.>) 0::numeric)
                    THEN 'the carbon benchmark is not above 0'::text END AS carbon_problem
        FROM (SELECT w.*, d.running_cost AS median_running_cost, d.running_cost_sites, d.carbon AS median_carbon, d.carbon_sites
              FROM raw AS w
              LEFT JOIN medians AS d
                ON d.financial_year OPERATOR(pg_catalog.=) w.financial_year
               AND d.site_type_normalised IS NOT DISTINCT FROM w.site_type_normalised) AS r
    )
    SELECT c.financial_year, c.year_label, c.trust_code, c.trust_name, c.site_code, c.site_name, c.site_type, c.site_type_normalised,
           c.ics_basis, c.ics_code, c.ics_name, c.gia, c.backlog, c.cir,
           -- What a disposal releases counts only figures that can be released.
           CASE WHEN c.running_cost OPERATOR(pg_catalog.>=) 0::numeric AND c.running_cost OPERATOR(pg_catalog.<) 'Infinity'::numeric
                THEN c.running_cost END,
           c.carbon, c.replacement,
           CASE WHEN c.unoccupied_problem IS NULL THEN c.unoccupied_share END,
           CASE WHEN c.fci_problem IS NULL THEN c.fci END,
           CASE WHEN c.suitability_problem IS NULL THEN c.suitability END,
           CASE WHEN c.running_cost_problem IS NULL THEN c.running_cost_per_m2 END,
           CASE WHEN c.running_cost_problem IS NULL THEN c.benchmark_running_cost END,
           CASE WHEN c.carbon_problem IS NULL THEN c.carbon_per_m2 END,
           CASE WHEN c.carbon_problem IS NULL THEN c.benchmark_carbon END,
           c.area_problem, c.unoccupied_problem, c.fci_problem, c.suitability_problem, c.running_cost_problem, c.carbon_problem,
           c.unoccupied_share, c.fci, c.suitability, c.running_cost_per_m2
    FROM checked AS c;
END;
COMMENT ON FUNCTION @extschema@.disposal_figures() IS
    'each ERIC site return''s figures for estate.disposal_assessment (unoccupied share, FCI against estate.rebuild_cost, functional suitability, running cost and carbon per m2 with the same year''s medians of its normalised site type); a figure the assessment would refuse is NULL and its *_unusable column says why';

-- Each site's latest return assessed with the defaults of
-- estate.disposal_assessment, what disposing of it releases, and the
-- programme of its ICS: its sites of the latest year in score order, the
-- releases added up.
CREATE OR REPLACE VIEW @extschema@.disposal_candidates WITH (security_invoker = true) AS
WITH latest AS (
    SELECT DISTINCT ON (f.site_code) f.*
    FROM @extschema@.disposal_figures() AS f
    ORDER BY f.site_code, f.financial_year DESC, f.trust_code
), assessed AS (
    SELECT l.*, a.score, a.recommendation, a.reasons, a.criteria_used,
           l.financial_year OPERATOR(pg_catalog.=) (SELECT pg_catalog.max(e.financial_year)::integer FROM @extschema@.eric_site AS e) AS in_latest_year
    FROM latest AS l
    CROSS JOIN LATERAL @extschema@.disposal_assessment(
        unoccupied_share => l.unoccupied_share::double precision,
        fci => l.fci,
        functional_suitability => l.functional_suitability::double precision,
        running_cost_per_m2 => l.running_cost_per_m2_gbp,
        benchmark_running_cost_per_m2 => l.benchmark_running_cost_per_m2_gbp,
        carbon_per_m2 => l.carbon_per_m2_kg::double precision,
        benchmark_carbon_per_m2 => l.benchmark_carbon_per_m2_kg::double precision) AS a
), ranked AS (
    -- The programme is of this year's estate: sites with a score in the latest year.
    SELECT s.*,
           CASE WHEN s.score IS NOT NULL AND s.in_latest_year
                THEN pg_catalog.row_number() OVER (PARTITION BY s.ics_basis, s.ics_name, s.score IS NOT NULL AND s.in_latest_year
                                                   ORDER BY s.score DESC, s.site_code, s.trust_code) END AS programme_rank,
           pg_catalog.sum(s.gross_internal_floor_area_m2) FILTER (WHERE s.in_latest_year)
               OVER (PARTITION BY s.ics_basis, s.ics_name) AS ics_area
    FROM assessed AS s
), programme AS (
    SELECT r.*,
           pg_catalog.sum(r.gross_internal_floor_area_m2) OVER w AS cum_area,
           pg_catalog.sum(r.backlog_total_gbp) OVER w AS cum_backlog,
           pg_catalog.sum(r.running_cost_gbp) OVER w AS cum_running_cost,
           pg_catalog.sum(r.carbon_kg) OVER w AS cum_carbon
    FROM ranked AS r
    WINDOW w AS (PARTITION BY r.ics_basis, r.ics_name, r.programme_rank IS NULL ORDER BY r.programme_rank
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT p.ics_basis, p.ics_code, p.ics_name, p.trust_code, p.trust_name, p.site_code, p.site_name,
       p.site_type, p.site_type_normalised, p.financial_year, p.year_label, p.in_latest_year,
       p.score::numeric(6,2) AS score, p.recommendation,
       pg_catalog.array_to_string(p.reasons, '; '::text) AS reasons, p.criteria_used,
       p.unoccupied_share::numeric(7,4) AS unoccupied_share, p.fci::numeric(9,4) AS fci,
       p.functional_suitability::numeric(7,4) AS functional_suitability,
       p.running_cost_per_m2_gbp::numeric(12,2) AS running_cost_per_m2_gbp,
       p.benchmark_running_cost_per_m2_gbp::numeric(12,2) AS benchmark_running_cost_per_m2_gbp,
       p.carbon_per_m2_kg::numeric(12,2) AS carbon_per_m2_kg,
       p.benchmark_carbon_per_m2_kg::numeric(12,2) AS benchmark_carbon_per_m2_kg,
       p.replacement_value_gbp::numeric(16,2) AS replacement_value_gbp,
       NULLIF(pg_catalog.concat_ws('; '::text, p.floor_area_unusable, p.unoccupied_share_unusable, p.fci_unusable,
                                   p.functional_suitability_unusable, p.running_cost_unusable, p.carbon_unusable), ''::text) AS unusable_figures,
       p.gross_internal_floor_area_m2::numeric(14,2) AS gross_internal_floor_area_m2,
       p.backlog_total_gbp::numeric(16,2) AS backlog_total_gbp,
       p.critical_infrastructure_risk_gbp::numeric(16,2) AS critical_infrastructure_risk_gbp,
       p.running_cost_gbp::numeric(16,2) AS running_cost_gbp,
       p.carbon_kg::numeric(16,2) AS carbon_kg,
       p.programme_rank::integer AS programme_rank,
       CASE WHEN p.programme_rank IS NOT NULL THEN p.cum_area END::numeric(14,2) AS cumulative_floor_area_m2,
       CASE WHEN p.programme_rank IS NOT NULL THEN p.cum_backlog END::numeric(16,2) AS cumulative_backlog_gbp,
       CASE WHEN p.programme_rank IS NOT NULL THEN p.cum_running_cost END::numeric(16,2) AS cumulative_running_cost_gbp,
       CASE WHEN p.programme_rank IS NOT NULL THEN p.cum_carbon END::numeric(16,2) AS cumulative_carbon_kg,
       CASE WHEN p.programme_rank IS NOT NULL
            THEN p.cum_area OPERATOR(pg_catalog./) NULLIF(p.ics_area, 0::numeric) END::numeric(7,4) AS cumulative_floor_area_share
FROM programme AS p
ORDER BY p.ics_basis, p.ics_name, p.programme_rank, p.site_code, p.trust_code;
COMMENT ON VIEW @extschema@.disposal_candidates IS
    'each ERIC site''s latest return through estate.disposal_assessment (default weights and thresholds; FCI against estate.rebuild_cost; benchmarks the same year''s medians of its normalised site type): score, recommendation, reasons, the figures used, what disposing of it releases, and its ICS''s programme in score order with the releases added up, for BI tools';
COMMENT ON COLUMN @extschema@.disposal_candidates.ics_basis IS 'what ics_name is: ICS, ICB as published, or commissioning region where no mapping exists';
COMMENT ON COLUMN @extschema@.disposal_candidates.ics_code IS 'ODS code of the ICB the site counts in (its estate.site_ics row, else its trust''s)';
COMMENT ON COLUMN @extschema@.disposal_candidates.ics_name IS 'the ICS the site counts in: the programme columns run within it';
COMMENT ON COLUMN @extschema@.disposal_candidates.trust_code IS 'ODS code of the trust that made the return';
COMMENT ON COLUMN @extschema@.disposal_candidates.trust_name IS 'trust name as published';
COMMENT ON COLUMN @extschema@.disposal_candidates.site_code IS 'ODS site code (AGGRE rows of small sites are left out: they are no site)';
COMMENT ON COLUMN @extschema@.disposal_candidates.site_name IS 'site name as published';
COMMENT ON COLUMN @extschema@.disposal_candidates.site_type IS 'site type as published, without numeric prefix';
COMMENT ON COLUMN @extschema@.disposal_candidates.site_type_normalised IS 'the site type in one vocabulary across the years: the benchmarks are the medians of this type';
COMMENT ON COLUMN @extschema@.disposal_candidates.financial_year IS 'starting year of the financial year of the site''s latest return (2015 for 2015/16)';
COMMENT ON COLUMN @extschema@.disposal_candidates.year_label IS 'financial year of the site''s latest return, e.g. 2015/16';
COMMENT ON COLUMN @extschema@.disposal_candidates.in_latest_year IS 'the return is of the latest year loaded (false: the site has not returned since, and may be gone)';
COMMENT ON COLUMN @extschema@.disposal_candidates.score IS 'disposal score 0-100 (higher: a stronger candidate), over the criteria known; NULL when none is';
COMMENT ON COLUMN @extschema@.disposal_candidates.recommendation IS 'dispose, review or retain (review at most on fewer than 3 known criteria)';
COMMENT ON COLUMN @extschema@.disposal_candidates.reasons IS 'the criteria that weigh towards disposal, with their figures and thresholds, strongest first, separated by "; "';
COMMENT ON COLUMN @extschema@.disposal_candidates.criteria_used IS 'criteria known, of the five (space, condition, suitability, running cost, carbon)';
COMMENT ON COLUMN @extschema@.disposal_candidates.unoccupied_share IS 'share of the floor area empty or under-used (0-1), the space criterion; NULL where not reported or unusable';
COMMENT ON COLUMN @extschema@.disposal_candidates.fci IS 'facility condition index: backlog / replacement_value_gbp, the condition criterion; NULL without a rebuild cost for the type or where unusable';
COMMENT ON COLUMN @extschema@.disposal_candidates.functional_suitability IS 'share of the occupied floor area functionally suitable (0-1): 1 - not functionally suitable % / 100';
COMMENT ON COLUMN @extschema@.disposal_candidates.running_cost_per_m2_gbp IS 'running cost (hard + soft FM costs) per m2 of gross internal floor area, GBP/m2';
COMMENT ON COLUMN @extschema@.disposal_candidates.benchmark_running_cost_per_m2_gbp IS 'median running cost per m2 of the same year''s sites of the same normalised type (at least 3 with a figure above 0), GBP/m2';
COMMENT ON COLUMN @extschema@.disposal_candidates.carbon_per_m2_kg IS 'carbon of the energy used per m2 of gross internal floor area, kg CO2e/m2 (scopes 1-3, as site_summary)';
COMMENT ON COLUMN @extschema@.disposal_candidates.benchmark_carbon_per_m2_kg IS 'median carbon per m2 of the same year''s sites of the same normalised type (at least 3 with a figure above 0), kg CO2e/m2';
COMMENT ON COLUMN @extschema@.disposal_candidates.replacement_value_gbp IS 'ASSUMPTION, not a valuation: floor area x the rebuild cost per m2 of the site type in estate.rebuild_cost (estate.replacement_value_proxy); NULL where the type has no cost';
COMMENT ON COLUMN @extschema@.disposal_candidates.unusable_figures IS 'figures left out because the assessment would refuse them (a share outside 0-1, an FCI above 5, a negative figure, NaN), and why; also in estate.data_quality';
COMMENT ON COLUMN @extschema@.disposal_candidates.gross_internal_floor_area_m2 IS 'gross internal floor area, m2: released by disposing of the site';
COMMENT ON COLUMN @extschema@.disposal_candidates.backlog_total_gbp IS 'backlog, all four risk bands, GBP: avoided by disposing of the site';
COMMENT ON COLUMN @extschema@.disposal_candidates.critical_infrastructure_risk_gbp IS 'critical infrastructure risk (high + significant risk backlog), GBP';
COMMENT ON COLUMN @extschema@.disposal_candidates.running_cost_gbp IS 'running cost (hard + soft FM costs) a year, GBP: saved by disposing of the site (NULL where negative)';
COMMENT ON COLUMN @extschema@.disposal_candidates.carbon_kg IS 'carbon of the energy used a year, kg CO2e (scopes 1-3): saved by disposing of the site';
COMMENT ON COLUMN @extschema@.disposal_candidates.programme_rank IS 'place in its ICS''s disposal programme: the ICS''s sites of the latest year with a score, in score order (then site code), 1 first; NULL without a score or for a site whose latest return is older';
COMMENT ON COLUMN @extschema@.disposal_candidates.cumulative_floor_area_m2 IS 'floor area released by disposing of the ICS''s sites ranked 1 to programme_rank, m2';
COMMENT ON COLUMN @extschema@.disposal_candidates.cumulative_backlog_gbp IS 'backlog avoided by disposing of the ICS''s sites ranked 1 to programme_rank, GBP';
COMMENT ON COLUMN @extschema@.disposal_candidates.cumulative_running_cost_gbp IS 'running cost saved a year by disposing of the ICS''s sites ranked 1 to programme_rank, GBP';
COMMENT ON COLUMN @extschema@.disposal_candidates.cumulative_carbon_kg IS 'carbon saved a year by disposing of the ICS''s sites ranked 1 to programme_rank, kg CO2e';
COMMENT ON COLUMN @extschema@.disposal_candidates.cumulative_floor_area_share IS 'cumulative_floor_area_m2 as a share of the floor area of all the ICS''s sites of the latest year in this view (0-1)';
GRANT SELECT ON @extschema@.disposal_candidates TO PUBLIC;
