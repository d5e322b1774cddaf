
-- ---------------------------------------------------------------------------
-- The ERIC summaries (1.1): every site counts in exactly one ICS (its
-- estate.site_ics row, else its trust's), ICS and England figures are sums of
-- site rows, and the views are shaped for BI tools (year dates, England).
-- Written with CREATE OR REPLACE, columns of 1.0's views kept in order and new
-- ones appended, so one definition serves a fresh install and the update.
-- ---------------------------------------------------------------------------

-- Every measure of the summaries, at four levels at once (site, trust, ICS,
-- England), unrounded; the views round.  A site counts in its own ICS (its
-- estate.site_ics row, else its trust's): ICS and England rows sum sites, the
-- trust row stays where the trust maps and counts the sites it has elsewhere.  Ratios are taken over the sites that
-- reported both parts, and the floor area they cover is given beside them.
CREATE OR REPLACE FUNCTION @extschema@.eric_measures()
    RETURNS TABLE (
        level text, financial_year integer, year_label text,
        trust_code text, trust_name text, commissioning_region text,
        ics_basis text, ics_code text, ics_name text,
        site_code text, site_name text, site_type text, is_aggregate boolean,
        trusts bigint, sites bigint, sites_reporting_backlog bigint,
        gross_internal_floor_area_m2 numeric, occupied_floor_area_m2 numeric,
        backlog_high_risk_gbp numeric, backlog_significant_risk_gbp numeric,
        backlog_moderate_risk_gbp numeric, backlog_low_risk_gbp numeric,
        backlog_total_gbp numeric, critical_infrastructure_risk_gbp numeric, risk_adjusted_backlog_gbp numeric,
        backlog_reporting_floor_area_m2 numeric, backlog_per_m2_gbp numeric,
        mean_build_year numeric, age_profile_floor_area_m2 numeric,
        space_basis text, non_clinical_share numeric, unoccupied_share numeric,
        meets_non_clinical_target boolean, meets_unoccupied_target boolean,
        electricity_kwh numeric, gas_kwh numeric, oil_kwh numeric, coal_kwh numeric, steam_kwh numeric,
        hot_water_kwh numeric, renewable_electricity_kwh numeric, non_fossil_fuel_kwh numeric,
        energy_kwh numeric, energy_per_m2_kwh numeric,
        carbon_kg numeric, sites_reporting_carbon bigint, carbon_reporting_floor_area_m2 numeric, carbon_per_m2_kg numeric,
        carbon_gap text,
        year_start date, year_end date, ics_override_note text, moved_sites bigint, moved_to text)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH s AS (
        SELECT e.financial_year::integer AS financial_year, e.year_label, e.trust_code, e.trust_name,
               e.commissioning_region, g.ics_basis AS t_ics_basis, g.ics_code AS t_ics_code, g.ics_name AS t_ics_name,
               CASE WHEN o.ics_code IS NOT NULL THEN 'ICS'::text ELSE g.ics_basis END AS ics_basis,
               COALESCE(o.ics_code, g.ics_code) AS ics_code,
               CASE WHEN o.ics_code IS NOT NULL
                    THEN COALESCE(o.ics_name,
                                  (SELECT pg_catalog.min(m.ics_name) FROM @extschema@.ics_mapping AS m
                                   WHERE m.ics_code OPERATOR(pg_catalog.=) o.ics_code),
                                  o.ics_code)
                    ELSE g.ics_name END AS ics_name,
               o.note AS ics_override_note,
               o.ics_code IS NOT NULL AND o.ics_code IS DISTINCT FROM g.ics_code AS moved,
               e.site_code, e.site_name, e.site_type,
               e.site_code OPERATOR(pg_catalog.=) 'AGGRE'::text AS is_aggregate,
               e.gross_internal_floor_area_m2 AS gia,
               CASE WHEN e.gross_internal_floor_area_m2 OPERATOR(pg_catalog.>) 0::numeric
                    THEN e.gross_internal_floor_area_m2 END AS area,
               e.occupied_floor_area_m2 AS occupied,
               e.backlog_high_risk_gbp AS high, e.backlog_significant_risk_gbp AS significant,
               e.backlog_moderate_risk_gbp AS moderate, e.backlog_low_risk_gbp AS low,
               e.risk_adjusted_backlog_gbp AS risk_adjusted,
               b.total AS backlog, b.cir,
               y.build_year, sp.basis, sp.clinical, sp.non_clinical, u.unoccupied_share,
               e.electricity_kwh, e.gas_kwh, e.oil_kwh, e.coal_kwh, e.steam_kwh, e.hot_water_kwh,
               e.renewable_electricity_kwh, e.non_fossil_fuel_kwh, en.energy,
               c.carbon_kg AS carbon, c.carbon_gap
        FROM @extschema@.eric_site AS e
        JOIN @extschema@.eric_site_carbon() AS c
          ON c.financial_year OPERATOR(pg_catalog.=) e.financial_year AND c.trust_code OPERATOR(pg_catalog.=) e.trust_code
         AND c.site_code OPERATOR(pg_catalog.=) e.site_code
        CROSS JOIN LATERAL @extschema@.eric_grouping(e.trust_code, e.financial_year::integer,
                                                     e.integrated_care_board, e.commissioning_region) AS g
        LEFT JOIN @extschema@.site_ics AS o
          ON o.trust_code OPERATOR(pg_catalog.=) e.trust_code AND o.site_code OPERATOR(pg_catalog.=) e.site_code
        -- No band reported is no data, not a zero backlog.
        CROSS JOIN LATERAL (
            SELECT CASE WHEN pg_catalog.num_nonnulls(e.backlog_high_risk_gbp, e.backlog_significant_risk_gbp,
                                                     e.backlog_moderate_risk_gbp, e.backlog_low_risk_gbp) OPERATOR(pg_catalog.>) 0
                        THEN COALESCE(e.backlog_high_risk_gbp, 0::numeric) OPERATOR(pg_catalog.+) COALESCE(e.backlog_significant_risk_gbp, 0::numeric)
                             OPERATOR(pg_catalog.+) COALESCE(e.backlog_moderate_risk_gbp, 0::numeric) OPERATOR(pg_catalog.+) COALESCE(e.backlog_low_risk_gbp, 0::numeric)
                   END AS total,
                   CASE WHEN pg_catalog.num_nonnulls(e.backlog_high_risk_gbp, e.backlog_significant_risk_gbp,
                                                     e.backlog_moderate_risk_gbp, e.backlog_low_risk_gbp) OPERATOR(pg_catalog.>) 0
                        THEN COALESCE(e.backlog_high_risk_gbp, 0::numeric) OPERATOR(pg_catalog.+) COALESCE(e.backlog_significant_risk_gbp, 0::numeric)
                   END AS cir
        ) AS b
        -- Mean build year of the site: each age band at its middle (the open
        -- band up to the end of the return's year, pre-1948 taken as 1900-1947).
        CROSS JOIN LATERAL (
            SELECT pg_catalog.sum(a.pct OPERATOR(pg_catalog.*) a.year) OPERATOR(pg_catalog./)
                   NULLIF(pg_catalog.sum(a.pct), 0::numeric) AS build_year
            FROM (VALUES (e.age_2015_on_pct, (2015::numeric OPERATOR(pg_catalog.+) e.financial_year::numeric OPERATOR(pg_catalog.+) 1.25) OPERATOR(pg_catalog./) 2::numeric),
                         (e.age_2005_2014_pct, 2010::numeric), (e.age_1995_2004_pct, 2000::numeric),
                         (e.age_1985_1994_pct, 1990::numeric), (e.age_1975_1984_pct, 1980::numeric),
                         (e.age_1965_1974_pct, 1970::numeric), (e.age_1955_1964_pct, 1960::numeric),
                         (e.age_1948_1954_pct, 1951.5), (e.age_pre_1948_pct, 1924::numeric)) AS a(pct, year)
        ) AS y
        -- Clinical / non-clinical space from 2015/16; patient / non-patient before.
        CROSS JOIN LATERAL (
            SELECT CASE WHEN e.clinical_space_m2 IS NOT NULL AND e.non_clinical_space_m2 IS NOT NULL THEN 'clinical/non-clinical'::text
                        WHEN e.patient_occupied_floor_area_m2 IS NOT NULL AND e.non_patient_occupied_floor_area_m2 IS NOT NULL
                             THEN 'patient/non-patient'::text END AS basis,
                   CASE WHEN e.clinical_space_m2 IS NOT NULL AND e.non_clinical_space_m2 IS NOT NULL THEN e.clinical_space_m2
                        WHEN e.non_patient_occupied_floor_area_m2 IS NOT NULL THEN e.patient_occupied_floor_area_m2 END AS clinical,
                   CASE WHEN e.clinical_space_m2 IS NOT NULL AND e.non_clinical_space_m2 IS NOT NULL THEN e.non_clinical_space_m2
                        WHEN e.patient_occupied_floor_area_m2 IS NOT NULL THEN e.non_patient_occupied_floor_area_m2 END AS non_clinical
        ) AS sp
        CROSS JOIN LATERAL (
            SELECT CASE WHEN pg_catalog.num_nonnulls(e.empty_floor_area_pct, e.underused_floor_area_pct) OPERATOR(pg_catalog.>) 0
                        THEN (COALESCE(e.empty_floor_area_pct, 0::numeric) OPERATOR(pg_catalog.+) COALESCE(e.underused_floor_area_pct, 0::numeric))
                             OPERATOR(pg_catalog./) 100::numeric END AS unoccupied_share
        ) AS u
        CROSS JOIN LATERAL (
            SELECT CASE WHEN pg_catalog.num_nonnulls(e.electricity_kwh, e.gas_kwh, e.oil_kwh, e.coal_kwh, e.steam_kwh, e.hot_water_kwh,
                                                     e.renewable_electricity_kwh, e.non_fossil_fuel_kwh) OPERATOR(pg_catalog.>) 0
                        THEN COALESCE(e.electricity_kwh, 0::numeric) OPERATOR(pg_catalog.+) COALESCE(e.gas_kwh, 0::numeric)
                             OPERATOR(pg_catalog.+) COALESCE(e.oil_kwh, 0::numeric) OPERATOR(pg_catalog.+) COALESCE(e.coal_kwh, 0::numeric)
                             OPERATOR(pg_catalog.+) COALESCE(e.steam_kwh, 0::numeric) OPERATOR(pg_catalog.+) COALESCE(e.hot_water_kwh, 0::numeric)
                             OPERATOR(pg_catalog.+) COALESCE(e.renewable_electricity_kwh, 0::numeric)
                             OPERATOR(pg_catalog.+) COALESCE(e.non_fossil_fuel_kwh, 0::numeric) END AS energy
        ) AS en
    ), r AS (
        SELECT CASE WHEN GROUPING(s.site_code) OPERATOR(pg_catalog.=) 0 THEN 'site'::text
                    WHEN GROUPING(s.trust_code) OPERATOR(pg_catalog.=) 0 THEN 'trust'::text
                    WHEN GROUPING(s.ics_name) OPERATOR(pg_catalog.=) 0 THEN 'ics'::text
                    ELSE 'england'::text END AS level,
               s.financial_year, s.year_label, s.trust_code,
               CASE WHEN GROUPING(s.trust_code) OPERATOR(pg_catalog.=) 0 THEN pg_catalog.min(s.trust_name) END AS trust_name,
               CASE WHEN GROUPING(s.trust_code) OPERATOR(pg_catalog.=) 0 THEN pg_catalog.min(s.commissioning_region) END AS commissioning_region,
               COALESCE(s.ics_basis, s.t_ics_basis) AS ics_basis, COALESCE(s.ics_code, s.t_ics_code) AS ics_code,
               COALESCE(s.ics_name, s.t_ics_name) AS ics_name, s.site_code,
               pg_catalog.min(s.site_name) AS site_name, pg_catalog.min(s.site_type) AS site_type,
               pg_catalog.bool_and(s.is_aggregate) AS is_aggregate,
               pg_catalog.count(DISTINCT s.trust_code) AS trusts, pg_catalog.count(*) AS sites,
               pg_catalog.count(s.backlog) AS sites_reporting_backlog,
               pg_catalog.sum(s.gia) AS gia, pg_catalog.sum(s.occupied) AS occupied,
               pg_catalog.sum(s.high) AS high, pg_catalog.sum(s.significant) AS significant,
               pg_catalog.sum(s.moderate) AS moderate, pg_catalog.sum(s.low) AS low,
               pg_catalog.sum(s.backlog) AS backlog, pg_catalog.sum(s.cir) AS cir,
               pg_catalog.sum(s.risk_adjusted) AS risk_adjusted,
               pg_catalog.sum(s.area) FILTER (WHERE s.backlog IS NOT NULL) AS backlog_area,
               pg_catalog.sum(s.backlog) FILTER (WHERE s.area IS NOT NULL) AS backlog_of_area,
               pg_catalog.sum(s.area) FILTER (WHERE s.build_year IS NOT NULL) AS age_area,
               pg_catalog.sum(s.area OPERATOR(pg_catalog.*) s.build_year) AS build_year_area,
               CASE WHEN pg_catalog.min(s.basis) OPERATOR(pg_catalog.=) pg_catalog.max(s.basis) THEN pg_catalog.min(s.basis)
                    WHEN pg_catalog.min(s.basis) IS NOT NULL THEN 'mixed'::text END AS basis,
               pg_catalog.sum(s.non_clinical) AS non_clinical,
               pg_catalog.sum(s.clinical OPERATOR(pg_catalog.+) s.non_clinical) AS occupied_by_use,
               pg_catalog.sum(s.area OPERATOR(pg_catalog.*) s.unoccupied_share) AS unoccupied,
               pg_catalog.sum(s.area) FILTER (WHERE s.unoccupied_share IS NOT NULL) AS unoccupied_area,
               pg_catalog.sum(s.electricity_kwh) AS electricity, pg_catalog.sum(s.gas_kwh) AS gas,
               pg_catalog.sum(s.oil_kwh) AS oil, pg_catalog.sum(s.coal_kwh) AS coal,
               pg_catalog.sum(s.steam_kwh) AS steam, pg_catalog.sum(s.hot_water_kwh) AS hot_water,
               pg_catalog.sum(s.renewable_electricity_kwh) AS renewable, pg_catalog.sum(s.non_fossil_fuel_kwh) AS non_fossil,
               pg_catalog.sum(s.energy) AS energy,
               pg_catalog.sum(s.energy) FILTER (WHERE s.area IS NOT NULL) AS energy_of_area,
               pg_catalog.sum(s.area) FILTER (WHERE s.energy IS NOT NULL) AS energy_area,
               pg_catalog.sum(s.carbon) AS carbon, pg_catalog.count(s.carbon) AS sites_reporting_carbon,
               pg_catalog.sum(s.area) FILTER (WHERE s.carbon IS NOT NULL) AS carbon_area,
               pg_catalog.sum(s.carbon) FILTER (WHERE s.area IS NOT NULL) AS carbon_of_area,
               CASE WHEN GROUPING(s.site_code) OPERATOR(pg_catalog.=) 0 THEN pg_catalog.min(s.carbon_gap) END AS carbon_gap,
               CASE WHEN GROUPING(s.site_code) OPERATOR(pg_catalog.=) 0 THEN pg_catalog.min(s.ics_override_note) END AS ics_override_note,
               pg_catalog.count(*) FILTER (WHERE s.moved) AS moved_sites,
               pg_catalog.string_agg(DISTINCT s.ics_name, ', '::text) FILTER (WHERE s.moved) AS moved_to
        FROM s
        GROUP BY GROUPING SETS (
            (s.financial_year, s.year_label, s.ics_basis, s.ics_code, s.ics_name, s.trust_code, s.site_code),
            (s.financial_year, s.year_label, s.t_ics_basis, s.t_ics_code, s.t_ics_name, s.trust_code),
            (s.financial_year, s.year_label, s.ics_basis, s.ics_code, s.ics_name),
            (s.financial_year, s.year_label))
    ), t AS (
        SELECT r.*,
               r.non_clinical OPERATOR(pg_catalog./) NULLIF(r.occupied_by_use, 0::numeric) AS non_clinical_share,
               r.unoccupied OPERATOR(pg_catalog./) NULLIF(r.unoccupied_area, 0::numeric) AS unoccupied_share
        FROM r
    )
    SELECT t.level, t.financial_year, t.year_label, t.trust_code, t.trust_name, t.commissioning_region,
           t.ics_basis, t.ics_code, t.ics_name, t.site_code, t.site_name, t.site_type, t.is_aggregate,
           t.trusts, t.sites, t.sites_reporting_backlog, t.gia, t.occupied,
           t.high, t.significant, t.moderate, t.low, t.backlog, t.cir, t.risk_adjusted,
           t.backlog_area, t.backlog_of_area OPERATOR(pg_catalog./) NULLIF(t.backlog_area, 0::numeric),
           t.build_year_area OPERATOR(pg_catalog./) NULLIF(t.age_area, 0::numeric), t.age_area,
           t.basis, t.non_clinical_share, t.unoccupied_share,
           t.non_clinical_share::double precision OPERATOR(pg_catalog.<=) @extschema@.carter_target('non_clinical_share'::text),
           t.unoccupied_share::double precision OPERATOR(pg_catalog.<=) @extschema@.carter_target('unoccupied_share'::text),
           t.electricity, t.gas, t.oil, t.coal, t.steam, t.hot_water, t.renewable, t.non_fossil,
           t.energy, t.energy_of_area OPERATOR(pg_catalog./) NULLIF(t.energy_area, 0::numeric),
           t.carbon, t.sites_reporting_carbon, t.carbon_area,
           t.carbon_of_area OPERATOR(pg_catalog./) NULLIF(t.carbon_area, 0::numeric), t.carbon_gap,
           pg_catalog.make_date(t.financial_year, 4, 1), pg_catalog.make_date(t.financial_year OPERATOR(pg_catalog.+) 1, 3, 31),
           t.ics_override_note, t.moved_sites, t.moved_to
    FROM t;
END;
COMMENT ON FUNCTION @extschema@.eric_measures() IS
    'every measure of the ERIC summary views at site, trust, ICS and England level, unrounded, each site in one ICS (its estate.site_ics row, else its trust''s); estate.site_summary, trust_summary, ics_summary, england_summary and year_on_year read it';

-- The 1.0 interface: the same rows, without the columns 1.1 added.
CREATE OR REPLACE FUNCTION @extschema@.eric_rollup()
    RETURNS TABLE (
        level text, financial_year integer, year_label text,
        trust_code text, trust_name text, commissioning_region text,
        ics_basis text, ics_code text, ics_name text,
        site_code text, site_name text, site_type text, is_aggregate boolean,
        trusts bigint, sites bigint, sites_reporting_backlog bigint,
        gross_internal_floor_area_m2 numeric, occupied_floor_area_m2 numeric,
        backlog_high_risk_gbp numeric, backlog_significant_risk_gbp numeric,
        backlog_moderate_risk_gbp numeric, backlog_low_risk_gbp numeric,
        backlog_total_gbp numeric, critical_infrastructure_risk_gbp numeric, risk_adjusted_backlog_gbp numeric,
        backlog_reporting_floor_area_m2 numeric, backlog_per_m2_gbp numeric,
        mean_build_year numeric, age_profile_floor_area_m2 numeric,
        space_basis text, non_clinical_share numeric, unoccupied_share numeric,
        meets_non_clinical_target boolean, meets_unoccupied_target boolean,
        electricity_kwh numeric, gas_kwh numeric, oil_kwh numeric, coal_kwh numeric, steam_kwh numeric,
        hot_water_kwh numeric, renewable_electricity_kwh numeric, non_fossil_fuel_kwh numeric,
        energy_kwh numeric, energy_per_m2_kwh numeric,
        carbon_kg numeric, sites_reporting_carbon bigint, carbon_reporting_floor_area_m2 numeric, carbon_per_m2_kg numeric,
        carbon_gap text)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT m.level, m.financial_year, m.year_label, m.trust_code, m.trust_name, m.commissioning_region,
           m.ics_basis, m.ics_code, m.ics_name, m.site_code, m.site_name, m.site_type, m.is_aggregate,
           m.trusts, m.sites, m.sites_reporting_backlog, m.gross_internal_floor_area_m2, m.occupied_floor_area_m2,
           m.backlog_high_risk_gbp, m.backlog_significant_risk_gbp, m.backlog_moderate_risk_gbp, m.backlog_low_risk_gbp,
           m.backlog_total_gbp, m.critical_infrastructure_risk_gbp, m.risk_adjusted_backlog_gbp,
           m.backlog_reporting_floor_area_m2, m.backlog_per_m2_gbp, m.mean_build_year, m.age_profile_floor_area_m2,
           m.space_basis, m.non_clinical_share, m.unoccupied_share, m.meets_non_clinical_target, m.meets_unoccupied_target,
           m.electricity_kwh, m.gas_kwh, m.oil_kwh, m.coal_kwh, m.steam_kwh, m.hot_water_kwh,
           m.renewable_electricity_kwh, m.non_fossil_fuel_kwh, m.energy_kwh, m.energy_per_m2_kwh,
           m.carbon_kg, m.sites_reporting_carbon, m.carbon_reporting_floor_area_m2, m.carbon_per_m2_kg, m.carbon_gap
    FROM @extschema@.eric_measures() AS m;
END;
COMMENT ON FUNCTION @extschema@.eric_rollup() IS
    'the measures of estate.eric_measures() without the columns version 1.1 added (kept for queries written against 1.0)';

-- The three summaries share their measures; one template makes all three.
DO $views$
DECLARE
    measures text := $m$
        r.gross_internal_floor_area_m2::numeric(14,2) AS gross_internal_floor_area_m2,
        r.occupied_floor_area_m2::numeric(14,2) AS occupied_floor_area_m2,
        r.backlog_high_risk_gbp::numeric(16,2) AS backlog_high_risk_gbp,
        r.backlog_significant_risk_gbp::numeric(16,2) AS backlog_significant_risk_gbp,
        r.backlog_moderate_risk_gbp::numeric(16,2) AS backlog_moderate_risk_gbp,
        r.backlog_low_risk_gbp::numeric(16,2) AS backlog_low_risk_gbp,
        r.backlog_total_gbp::numeric(16,2) AS backlog_total_gbp,
        r.critical_infrastructure_risk_gbp::numeric(16,2) AS critical_infrastructure_risk_gbp,
        r.risk_adjusted_backlog_gbp::numeric(16,2) AS risk_adjusted_backlog_gbp,
        r.backlog_reporting_floor_area_m2::numeric(14,2) AS backlog_reporting_floor_area_m2,
        r.backlog_per_m2_gbp::numeric(12,2) AS backlog_per_m2_gbp,
        r.mean_build_year::numeric(6,1) AS mean_build_year,
        r.age_profile_floor_area_m2::numeric(14,2) AS age_profile_floor_area_m2,
        r.space_basis,
        r.non_clinical_share::numeric(7,4) AS non_clinical_share,
        r.unoccupied_share::numeric(7,4) AS unoccupied_share,
        r.meets_non_clinical_target, r.meets_unoccupied_target,
        r.electricity_kwh::numeric(16,2) AS electricity_kwh, r.gas_kwh::numeric(16,2) AS gas_kwh,
        r.oil_kwh::numeric(16,2) AS oil_kwh, r.coal_kwh::numeric(16,2) AS coal_kwh,
        r.steam_kwh::numeric(16,2) AS steam_kwh, r.hot_water_kwh::numeric(16,2) AS hot_water_kwh,
        r.renewable_electricity_kwh::numeric(16,2) AS renewable_electricity_kwh,
        r.non_fossil_fuel_kwh::numeric(16,2) AS non_fossil_fuel_kwh,
        r.energy_kwh::numeric(16,2) AS energy_kwh,
        r.energy_per_m2_kwh::numeric(12,2) AS energy_per_m2_kwh,
        r.carbon_kg::numeric(16,2) AS carbon_kg,
        r.carbon_reporting_floor_area_m2::numeric(14,2) AS carbon_reporting_floor_area_m2,
        r.carbon_per_m2_kg::numeric(12,2) AS carbon_per_m2_kg$m$;
    grouping text := 'r.ics_basis, r.ics_code, r.ics_name';
    v record;
BEGIN
    FOR v IN SELECT * FROM (VALUES
        ('site_summary', 'site',
         'r.financial_year, r.year_label, r.trust_code, r.trust_name, r.commissioning_region, ' || grouping ||
         ', r.site_code, r.site_name, r.site_type, r.is_aggregate',
         ', r.carbon_gap, r.year_start, r.year_end, r.ics_override_note FROM @extschema@.eric_measures() AS r', 'r.trust_code, r.site_code'),
        ('trust_summary', 'trust',
         'r.financial_year, r.year_label, r.trust_code, r.trust_name, r.commissioning_region, ' || grouping ||
         ', r.sites::integer AS sites, r.sites_reporting_backlog::integer AS sites_reporting_backlog,
         r.sites_reporting_carbon::integer AS sites_reporting_carbon',
         $x$, t.backlog_investment_gbp::numeric(16,2) AS backlog_investment_gbp,
            t.capital_new_build_gbp::numeric(16,2) AS capital_new_build_gbp,
            t.capital_existing_buildings_gbp::numeric(16,2) AS capital_existing_buildings_gbp,
            r.year_start, r.year_end, r.moved_sites::integer AS sites_counted_elsewhere, r.moved_to AS counted_elsewhere_in
         FROM @extschema@.eric_measures() AS r
         LEFT JOIN @extschema@.eric_trust AS t
           ON t.financial_year::integer OPERATOR(pg_catalog.=) r.financial_year AND t.trust_code OPERATOR(pg_catalog.=) r.trust_code$x$,
         'r.trust_code'),
        ('ics_summary', 'ics',
         'r.financial_year, r.year_label, ' || grouping ||
         ', r.trusts::integer AS trusts, r.sites::integer AS sites, r.sites_reporting_backlog::integer AS sites_reporting_backlog,
         r.sites_reporting_carbon::integer AS sites_reporting_carbon',
         ', r.year_start, r.year_end, r.moved_sites::integer AS sites_moved_in FROM @extschema@.eric_measures() AS r',
         'r.ics_basis, r.ics_name'),
        ('england_summary', 'england',
         'r.financial_year, r.year_label, r.year_start, r.year_end, r.trusts::integer AS trusts, r.sites::integer AS sites,
         r.sites_reporting_backlog::integer AS sites_reporting_backlog, r.sites_reporting_carbon::integer AS sites_reporting_carbon',
         ' FROM @extschema@.eric_measures() AS r', 'r.year_label')
    ) AS x(name, level, ids, extra, ord) LOOP
        EXECUTE format($f$
            CREATE OR REPLACE VIEW @extschema@.%1$I WITH (security_invoker = true) AS
            SELECT %3$s, %4$s %5$s
            WHERE r.level OPERATOR(pg_catalog.=) %2$L::text
            ORDER BY r.financial_year, %6$s
        $f$, v.name, v.level, v.ids, measures, v.extra, v.ord);
        EXECUTE format($c$
            COMMENT ON COLUMN @extschema@.%1$I.financial_year IS 'starting year of the financial year (2015 for 2015/16)';
            COMMENT ON COLUMN @extschema@.%1$I.year_label IS 'financial year, e.g. 2015/16';
            COMMENT ON COLUMN @extschema@.%1$I.year_start IS 'first day of the financial year (1 April)';
            COMMENT ON COLUMN @extschema@.%1$I.year_end IS 'last day of the financial year (31 March)';
        $c$, v.name);
        IF v.level <> 'england' THEN
            EXECUTE format($c$
            COMMENT ON COLUMN @extschema@.%1$I.ics_basis IS 'what ics_name is: ICS (from estate.ics_mapping), ICB as published, or commissioning region where no mapping exists';
            COMMENT ON COLUMN @extschema@.%1$I.ics_code IS 'ODS code of the ICB (NULL where grouped by published ICB name or commissioning region)';
            COMMENT ON COLUMN @extschema@.%1$I.ics_name IS 'ICB name, or the commissioning region where no mapping exists';
            $c$, v.name);
        END IF;
        EXECUTE format($c$
            COMMENT ON COLUMN @extschema@.%1$I.gross_internal_floor_area_m2 IS 'gross internal floor area, m2';
            COMMENT ON COLUMN @extschema@.%1$I.occupied_floor_area_m2 IS 'occupied floor area, m2';
            COMMENT ON COLUMN @extschema@.%1$I.backlog_high_risk_gbp IS 'cost to eradicate high risk backlog, GBP';
            COMMENT ON COLUMN @extschema@.%1$I.backlog_significant_risk_gbp IS 'cost to eradicate significant risk backlog, GBP';
            COMMENT ON COLUMN @extschema@.%1$I.backlog_moderate_risk_gbp IS 'cost to eradicate moderate risk backlog, GBP';
            COMMENT ON COLUMN @extschema@.%1$I.backlog_low_risk_gbp IS 'cost to eradicate low risk backlog, GBP';
            COMMENT ON COLUMN @extschema@.%1$I.backlog_total_gbp IS 'backlog, all four risk bands, GBP (NULL where no band was reported)';
            COMMENT ON COLUMN @extschema@.%1$I.critical_infrastructure_risk_gbp IS 'critical infrastructure risk: high + significant risk backlog, GBP';
            COMMENT ON COLUMN @extschema@.%1$I.risk_adjusted_backlog_gbp IS 'risk-adjusted backlog as published (until 2015/16), GBP; not part of the total';
            COMMENT ON COLUMN @extschema@.%1$I.backlog_reporting_floor_area_m2 IS 'floor area of the sites that reported backlog, m2: the denominator of backlog_per_m2_gbp';
            COMMENT ON COLUMN @extschema@.%1$I.backlog_per_m2_gbp IS 'backlog per m2 of floor area, over the sites that reported backlog and floor area, GBP/m2';
            COMMENT ON COLUMN @extschema@.%1$I.mean_build_year IS 'age profile: floor-area-weighted mean build year (each age band at its middle; pre-1948 as 1900-1947)';
            COMMENT ON COLUMN @extschema@.%1$I.age_profile_floor_area_m2 IS 'floor area of the sites with an age profile, m2: the weight of mean_build_year';
            COMMENT ON COLUMN @extschema@.%1$I.space_basis IS 'clinical/non-clinical space (from 2015/16) or patient/non-patient occupied area (before), which non_clinical_share uses';
            COMMENT ON COLUMN @extschema@.%1$I.non_clinical_share IS 'non-clinical share of the occupied floor area (Carter target: at most estate.target_non_clinical_share)';
            COMMENT ON COLUMN @extschema@.%1$I.unoccupied_share IS 'share of the floor area empty or under-used (Carter target: at most estate.target_unoccupied_share)';
            COMMENT ON COLUMN @extschema@.%1$I.meets_non_clinical_target IS 'non_clinical_share is within Lord Carter''s target (35%% unless estate.target_non_clinical_share says otherwise)';
            COMMENT ON COLUMN @extschema@.%1$I.meets_unoccupied_target IS 'unoccupied_share is within Lord Carter''s target (2.5%% unless estate.target_unoccupied_share says otherwise)';
            COMMENT ON COLUMN @extschema@.%1$I.electricity_kwh IS 'electricity consumed, kWh';
            COMMENT ON COLUMN @extschema@.%1$I.gas_kwh IS 'gas consumed, kWh';
            COMMENT ON COLUMN @extschema@.%1$I.oil_kwh IS 'oil consumed, kWh';
            COMMENT ON COLUMN @extschema@.%1$I.coal_kwh IS 'coal consumed, kWh';
            COMMENT ON COLUMN @extschema@.%1$I.steam_kwh IS 'steam consumed, kWh';
            COMMENT ON COLUMN @extschema@.%1$I.hot_water_kwh IS 'hot water consumed, kWh';
            COMMENT ON COLUMN @extschema@.%1$I.renewable_electricity_kwh IS 'renewable electricity consumed, kWh';
            COMMENT ON COLUMN @extschema@.%1$I.non_fossil_fuel_kwh IS 'non-fossil fuel consumed, kWh';
            COMMENT ON COLUMN @extschema@.%1$I.energy_kwh IS 'energy consumed: electricity, gas, oil, coal, steam, hot water, renewable electricity and non-fossil fuel, kWh';
            COMMENT ON COLUMN @extschema@.%1$I.energy_per_m2_kwh IS 'energy consumed per m2 of floor area, over the sites that reported energy and floor area, kWh/m2';
            COMMENT ON COLUMN @extschema@.%1$I.carbon_kg IS 'carbon emissions of the energy consumed, kg CO2e, scopes 1-3 by the UK Government factors of the year (= the sum of estate.carbon_kg over electricity, gas, oil, coal, steam, hot water and renewable electricity; non-fossil fuel not counted), summed over the sites with a figure';
            COMMENT ON COLUMN @extschema@.%1$I.carbon_reporting_floor_area_m2 IS 'floor area of the sites with a carbon figure, m2: the denominator of carbon_per_m2_kg';
            COMMENT ON COLUMN @extschema@.%1$I.carbon_per_m2_kg IS 'carbon per m2 of floor area, over the sites with a carbon figure and floor area, kg CO2e/m2';
        $c$, v.name);
        IF v.level IN ('site', 'trust') THEN
            EXECUTE format($c$
                COMMENT ON COLUMN @extschema@.%1$I.trust_code IS 'ODS code of the trust';
                COMMENT ON COLUMN @extschema@.%1$I.trust_name IS 'trust name as published';
                COMMENT ON COLUMN @extschema@.%1$I.commissioning_region IS 'NHS England commissioning region as published';
            $c$, v.name);
        END IF;
        IF v.level <> 'site' THEN
            EXECUTE format($c$
                COMMENT ON COLUMN @extschema@.%1$I.sites IS 'site rows (including AGGRE aggregate rows)';
                COMMENT ON COLUMN @extschema@.%1$I.sites_reporting_backlog IS 'site rows that reported backlog in at least one band';
                COMMENT ON COLUMN @extschema@.%1$I.sites_reporting_carbon IS 'site rows with a carbon figure (site_summary.carbon_gap says why the others have none)';
            $c$, v.name);
        END IF;
    END LOOP;
END
$views$;

COMMENT ON VIEW @extschema@.site_summary IS 'ERIC per site and financial year: floor area, backlog, age, space, energy and carbon, for BI tools';
COMMENT ON COLUMN @extschema@.site_summary.site_code IS 'ODS site code; AGGRE is the trust''s aggregate of small sites';
COMMENT ON COLUMN @extschema@.site_summary.site_name IS 'site name as published';
COMMENT ON COLUMN @extschema@.site_summary.site_type IS 'site type as published, without numeric prefix';
COMMENT ON COLUMN @extschema@.site_summary.is_aggregate IS 'the row is the trust''s AGGRE row carrying its small sites';
COMMENT ON COLUMN @extschema@.site_summary.carbon_gap IS 'why carbon_kg is NULL: negative kWh, missing fuel figures (blank or No Data Provided), no carbon factors for the year, or every fuel Not Applicable; NULL when carbon_kg has a figure';
COMMENT ON VIEW @extschema@.trust_summary IS 'ERIC per trust and financial year, summed from its site rows, for BI tools';
COMMENT ON COLUMN @extschema@.trust_summary.backlog_investment_gbp IS 'investment to reduce backlog maintenance, from the trust return, GBP';
COMMENT ON COLUMN @extschema@.trust_summary.capital_new_build_gbp IS 'capital investment for new build, from the trust return, GBP';
COMMENT ON COLUMN @extschema@.trust_summary.capital_existing_buildings_gbp IS 'capital investment for improving existing buildings, from the trust return, GBP';
COMMENT ON VIEW @extschema@.ics_summary IS 'ERIC per ICS (or commissioning region where no trust mapping exists) and financial year, for BI tools';
COMMENT ON COLUMN @extschema@.ics_summary.trusts IS 'trusts with site rows counted in the ICS';
COMMENT ON COLUMN @extschema@.site_summary.ics_basis IS 'what ics_name is: ICS (from estate.site_ics or estate.ics_mapping), ICB as published, or commissioning region where no mapping exists';
COMMENT ON COLUMN @extschema@.site_summary.ics_override_note IS 'the note of the site''s estate.site_ics row where it sets the site''s ICS (NULL: the site counts in its trust''s ICS)';
COMMENT ON COLUMN @extschema@.trust_summary.ics_basis IS 'what ics_name is, for the trust: ICS (from estate.ics_mapping), ICB as published, or commissioning region where no mapping exists';
COMMENT ON COLUMN @extschema@.trust_summary.sites_counted_elsewhere IS 'site rows of the trust that estate.site_ics counts in another ICS than the trust''s (its figures still include them)';
COMMENT ON COLUMN @extschema@.trust_summary.counted_elsewhere_in IS 'the ICSs those sites count in (NULL when none)';
COMMENT ON COLUMN @extschema@.ics_summary.sites_moved_in IS 'site rows counted here by estate.site_ics although their trust maps elsewhere';
COMMENT ON VIEW @extschema@.england_summary IS 'ERIC for England per financial year: every site row summed, for BI tools';
COMMENT ON COLUMN @extschema@.england_summary.trusts IS 'trusts with site rows';


CREATE OR REPLACE VIEW @extschema@.year_on_year WITH (security_invoker = true) AS
WITH current_load AS (
    SELECT DISTINCT ON (l.financial_year) l.financial_year::integer AS financial_year, l.definitions
    FROM @extschema@.eric_load AS l
    WHERE l.kind OPERATOR(pg_catalog.=) 'site'::text
    ORDER BY l.financial_year, l.load_id DESC
), m AS (
    SELECT r.level, r.financial_year, r.year_label, r.trust_code, r.trust_name, x.metric, x.unit, x.value, x.columns
    FROM @extschema@.eric_rollup() AS r
    CROSS JOIN LATERAL (VALUES
        ('gross internal floor area'::text, 'm2'::text, r.gross_internal_floor_area_m2, ARRAY['gross_internal_floor_area_m2']::text[]),
        ('occupied floor area', 'm2', r.occupied_floor_area_m2, ARRAY['occupied_floor_area_m2']),
        ('backlog, total', 'GBP', r.backlog_total_gbp,
         ARRAY['backlog_high_risk_gbp', 'backlog_significant_risk_gbp', 'backlog_moderate_risk_gbp', 'backlog_low_risk_gbp']),
        ('critical infrastructure risk', 'GBP', r.critical_infrastructure_risk_gbp,
         ARRAY['backlog_high_risk_gbp', 'backlog_significant_risk_gbp']),
        ('backlog, high risk', 'GBP', r.backlog_high_risk_gbp, ARRAY['backlog_high_risk_gbp']),
        ('backlog, significant risk', 'GBP', r.backlog_significant_risk_gbp, ARRAY['backlog_significant_risk_gbp']),
        ('backlog, moderate risk', 'GBP', r.backlog_moderate_risk_gbp, ARRAY['backlog_moderate_risk_gbp']),
        ('backlog, low risk', 'GBP', r.backlog_low_risk_gbp, ARRAY['backlog_low_risk_gbp']),
        ('backlog per m2', 'GBP/m2', r.backlog_per_m2_gbp,
         ARRAY['backlog_high_risk_gbp', 'backlog_significant_risk_gbp', 'backlog_moderate_risk_gbp', 'backlog_low_risk_gbp',
               'gross_internal_floor_area_m2']),
        ('mean build year', 'year', r.mean_build_year,
         ARRAY['age_2015_on_pct', 'age_2005_2014_pct', 'age_1995_2004_pct', 'age_1985_1994_pct', 'age_1975_1984_pct',
               'age_1965_1974_pct', 'age_1955_1964_pct', 'age_1948_1954_pct', 'age_pre_1948_pct', 'gross_internal_floor_area_m2']),
        ('non-clinical share', 'share', r.non_clinical_share,
         ARRAY['clinical_space_m2', 'non_clinical_space_m2', 'patient_occupied_floor_area_m2', 'non_patient_occupied_floor_area_m2']),
        ('unoccupied share', 'share', r.unoccupied_share,
         ARRAY['empty_floor_area_pct', 'underused_floor_area_pct', 'gross_internal_floor_area_m2']),
        ('energy consumed', 'kWh', r.energy_kwh,
         ARRAY['electricity_kwh', 'gas_kwh', 'oil_kwh', 'coal_kwh', 'steam_kwh', 'hot_water_kwh',
               'renewable_electricity_kwh', 'non_fossil_fuel_kwh']),
        ('energy per m2', 'kWh/m2', r.energy_per_m2_kwh,
         ARRAY['electricity_kwh', 'gas_kwh', 'oil_kwh', 'coal_kwh', 'steam_kwh', 'hot_water_kwh',
               'renewable_electricity_kwh', 'non_fossil_fuel_kwh', 'gross_internal_floor_area_m2']),
        ('carbon emissions', 'kg CO2e', r.carbon_kg,
         ARRAY['electricity_kwh', 'gas_kwh', 'oil_kwh', 'coal_kwh', 'steam_kwh', 'hot_water_kwh', 'renewable_electricity_kwh']),
        ('carbon per m2', 'kg CO2e/m2', r.carbon_per_m2_kg,
         ARRAY['electricity_kwh', 'gas_kwh', 'oil_kwh', 'coal_kwh', 'steam_kwh', 'hot_water_kwh', 'renewable_electricity_kwh',
               'gross_internal_floor_area_m2'])
    ) AS x(metric, unit, value, columns)
    WHERE r.level OPERATOR(pg_catalog.=) ANY (ARRAY['trust', 'england']::text[])
)
SELECT cur.level, cur.financial_year, cur.year_label, prev.year_label AS previous_year_label,
       cur.trust_code, cur.trust_name, cur.metric, cur.unit,
       cur.value::numeric(18,4) AS value, prev.value::numeric(18,4) AS previous_value,
       (cur.value OPERATOR(pg_catalog.-) prev.value)::numeric(18,4) AS change,
       ((cur.value OPERATOR(pg_catalog.-) prev.value) OPERATOR(pg_catalog./)
        NULLIF(pg_catalog.abs(prev.value), 0::numeric))::numeric(12,4) AS change_share,
       d.changed AS definition_changed, d.note AS definition_note
FROM m AS cur
LEFT JOIN m AS prev
  ON prev.level OPERATOR(pg_catalog.=) cur.level
 AND prev.trust_code IS NOT DISTINCT FROM cur.trust_code
 AND prev.metric OPERATOR(pg_catalog.=) cur.metric
 AND prev.financial_year OPERATOR(pg_catalog.=) (cur.financial_year OPERATOR(pg_catalog.-) 1)
LEFT JOIN current_load AS ln ON ln.financial_year OPERATOR(pg_catalog.=) cur.financial_year
LEFT JOIN current_load AS lp ON lp.financial_year OPERATOR(pg_catalog.=) (cur.financial_year OPERATOR(pg_catalog.-) 1)
CROSS JOIN LATERAL (
    -- A column collected under another definition, or only in one of the years.
    SELECT CASE WHEN lp.definitions IS NOT NULL
                THEN pg_catalog.bool_or((ln.definitions OPERATOR(pg_catalog.->>) c) IS DISTINCT FROM (lp.definitions OPERATOR(pg_catalog.->>) c)) END AS changed,
           pg_catalog.string_agg(pg_catalog.format('%s: %s -> %s'::text, c,
                                                   COALESCE(lp.definitions OPERATOR(pg_catalog.->>) c, 'not collected'::text),
                                                   COALESCE(ln.definitions OPERATOR(pg_catalog.->>) c, 'not collected'::text)), '; '::text ORDER BY u.n)
               FILTER (WHERE lp.definitions IS NOT NULL
                         AND (ln.definitions OPERATOR(pg_catalog.->>) c) IS DISTINCT FROM (lp.definitions OPERATOR(pg_catalog.->>) c)) AS note
    FROM pg_catalog.unnest(cur.columns) WITH ORDINALITY AS u(c, n)
) AS d
ORDER BY cur.level, cur.trust_code, cur.metric, cur.financial_year;
COMMENT ON VIEW @extschema@.year_on_year IS
    'ERIC measures per trust and for England against the previous financial year, flagging columns whose definition changed between the years';
COMMENT ON COLUMN @extschema@.year_on_year.level IS 'trust, or england (all site rows of the year)';
COMMENT ON COLUMN @extschema@.year_on_year.financial_year IS 'starting year of the financial year (2015 for 2015/16)';
COMMENT ON COLUMN @extschema@.year_on_year.year_label IS 'financial year, e.g. 2015/16';
COMMENT ON COLUMN @extschema@.year_on_year.previous_year_label IS 'the previous financial year, where the trust (or England) has it';
COMMENT ON COLUMN @extschema@.year_on_year.trust_code IS 'ODS code of the trust (NULL at england level)';
COMMENT ON COLUMN @extschema@.year_on_year.trust_name IS 'trust name as published (NULL at england level)';
COMMENT ON COLUMN @extschema@.year_on_year.metric IS 'the measure, as in estate.trust_summary';
COMMENT ON COLUMN @extschema@.year_on_year.unit IS 'unit of value: m2, GBP, GBP/m2, year, share (0-1), kWh, kWh/m2, kg CO2e (scopes 1-3), kg CO2e/m2';
COMMENT ON COLUMN @extschema@.year_on_year.value IS 'the measure in this financial year';
COMMENT ON COLUMN @extschema@.year_on_year.previous_value IS 'the measure in the previous financial year';
COMMENT ON COLUMN @extschema@.year_on_year.change IS 'value - previous_value';
COMMENT ON COLUMN @extschema@.year_on_year.change_share IS 'change / |previous_value| (0.1 is 10% up)';
COMMENT ON COLUMN @extschema@.year_on_year.definition_changed IS 'a column behind the measure was published under another definition (or not at all) in one of the two years: compare with care';
COMMENT ON COLUMN @extschema@.year_on_year.definition_note IS 'which columns changed definition: column: previous -> current';

GRANT SELECT ON @extschema@.site_summary, @extschema@.trust_summary, @extschema@.ics_summary,
                @extschema@.england_summary, @extschema@.year_on_year TO PUBLIC;
