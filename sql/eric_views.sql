
-- ---------------------------------------------------------------------------
-- BI views over the ERIC returns: site, trust and ICS
-- summaries, year on year, data completeness.  Only text, numeric(p,s),
-- integer, bigint, boolean and date columns, each with a comment.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.carter_target(measure text) RETURNS double precision
    AS 'MODULE_PATHNAME', 'carter_target' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.carter_target(text) IS
    'Lord Carter''s space target now in force: non_clinical_share (setting estate.target_non_clinical_share) or unoccupied_share (estate.target_unoccupied_share)';

-- Why one fuel figure of a return gives no carbon: negative (carbon_kg refuses
-- it), missing (blank or No Data Provided; Not Applicable is no use of that
-- fuel) or, in a year that has factors, without one for this fuel (a year
-- without any is reported once, by eric_site_carbon).  NULL when the figure is
-- usable.  A plain expression, inlined into eric_site_carbon: no query per call.
CREATE FUNCTION @extschema@.eric_fuel_gap(column_name text, kwh numeric, kg_co2e_per_kwh numeric,
                                          not_applicable text[], year_has_factors boolean)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE WHEN kwh OPERATOR(pg_catalog.<) 0::numeric
                THEN pg_catalog.format('%s is negative (%s kWh)'::text, column_name, kwh)
                WHEN kwh IS NULL AND NOT COALESCE(column_name OPERATOR(pg_catalog.=) ANY (not_applicable), false)
                THEN pg_catalog.format('%s is missing'::text, column_name)
                WHEN kwh IS NOT NULL AND kg_co2e_per_kwh IS NULL AND year_has_factors IS NOT FALSE
                THEN pg_catalog.format('%s has no carbon factor for the year'::text, column_name)
           END;
COMMENT ON FUNCTION @extschema@.eric_fuel_gap(text, numeric, numeric, text[], boolean) IS
    'why an ERIC fuel figure gives no carbon (negative, missing, or no factor for its fuel in a year that has factors), or NULL when it is usable; the parts of site_summary.carbon_gap';

-- Each site return's carbon, set-based: the year's factor per kWh of each fuel
-- (estate.carbon_fuel_factor, the rows carbon_kg uses, all three scopes as
-- carbon_kg counts by default) joined once by year, then the fuel columns
-- multiplied and added, so the figure is exactly the sum of carbon_kg over the
-- fuels, without a query per site.  Never a partial figure: NULL, with the
-- reasons, where a fuel figure is unusable (eric_fuel_gap), or where every fuel
-- was answered Not Applicable.  Non-fossil fuel is left out: ERIC does not say
-- which biomass was burnt, and its biogenic CO2 is outside the scopes.
CREATE FUNCTION @extschema@.eric_site_carbon()
    RETURNS TABLE (financial_year smallint, trust_code text, site_code text,
                   carbon_kg numeric, carbon_gap text, energy_not_applicable boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT e.financial_year, e.trust_code, e.site_code,
           CASE WHEN g.gap IS NULL AND NOT g.not_applicable
                THEN COALESCE(e.electricity_kwh OPERATOR(pg_catalog.*) f.electricity, 0::numeric)
                     OPERATOR(pg_catalog.+) COALESCE(e.gas_kwh OPERATOR(pg_catalog.*) f.gas, 0::numeric)
                     OPERATOR(pg_catalog.+) COALESCE(e.oil_kwh OPERATOR(pg_catalog.*) f.oil, 0::numeric)
                     OPERATOR(pg_catalog.+) COALESCE(e.coal_kwh OPERATOR(pg_catalog.*) f.coal, 0::numeric)
                     OPERATOR(pg_catalog.+) COALESCE(e.steam_kwh OPERATOR(pg_catalog.*) f.steam, 0::numeric)
                     OPERATOR(pg_catalog.+) COALESCE(e.hot_water_kwh OPERATOR(pg_catalog.*) f.hot_water, 0::numeric)
                     OPERATOR(pg_catalog.+) COALESCE(e.renewable_electricity_kwh OPERATOR(pg_catalog.*) f.renewable_electricity, 0::numeric)
           END,
           CASE WHEN g.not_applicable THEN 'energy not applicable: every fuel answered Not Applicable'::text ELSE g.gap END,
           g.not_applicable
    FROM @extschema@.eric_site AS e
    LEFT JOIN (
        SELECT k.financial_year,
               pg_catalog.max(k.kg) FILTER (WHERE k.fuel OPERATOR(pg_catalog.=) 'electricity'::text) AS electricity,
               pg_catalog.max(k.kg) FILTER (WHERE k.fuel OPERATOR(pg_catalog.=) 'gas'::text) AS gas,
               pg_catalog.max(k.kg) FILTER (WHERE k.fuel OPERATOR(pg_catalog.=) 'oil'::text) AS oil,
               pg_catalog.max(k.kg) FILTER (WHERE k.fuel OPERATOR(pg_catalog.=) 'coal'::text) AS coal,
               pg_catalog.max(k.kg) FILTER (WHERE k.fuel OPERATOR(pg_catalog.=) 'steam'::text) AS steam,
               pg_catalog.max(k.kg) FILTER (WHERE k.fuel OPERATOR(pg_catalog.=) 'hot_water'::text) AS hot_water,
               pg_catalog.max(k.kg) FILTER (WHERE k.fuel OPERATOR(pg_catalog.=) 'renewable_electricity'::text) AS renewable_electricity
        FROM (SELECT ff.fuel, ff.financial_year,
                     ff.scope_1_kg_per_kwh OPERATOR(pg_catalog.+) ff.scope_2_kg_per_kwh
                     OPERATOR(pg_catalog.+) ff.scope_3_kg_per_kwh AS kg
              FROM @extschema@.carbon_fuel_factor() AS ff) AS k
        GROUP BY k.financial_year
    ) AS f ON f.financial_year OPERATOR(pg_catalog.=) e.financial_year
    CROSS JOIN LATERAL (
        SELECT NULLIF(pg_catalog.concat_ws('; '::text,
                   'no carbon factors for '::text OPERATOR(pg_catalog.||) CASE WHEN f.financial_year IS NULL THEN e.year_label END,
                   @extschema@.eric_fuel_gap('electricity_kwh'::text, e.electricity_kwh, f.electricity, e.not_applicable, f.financial_year IS NOT NULL),
                   @extschema@.eric_fuel_gap('gas_kwh'::text, e.gas_kwh, f.gas, e.not_applicable, f.financial_year IS NOT NULL),
                   @extschema@.eric_fuel_gap('oil_kwh'::text, e.oil_kwh, f.oil, e.not_applicable, f.financial_year IS NOT NULL),
                   @extschema@.eric_fuel_gap('coal_kwh'::text, e.coal_kwh, f.coal, e.not_applicable, f.financial_year IS NOT NULL),
                   @extschema@.eric_fuel_gap('steam_kwh'::text, e.steam_kwh, f.steam, e.not_applicable, f.financial_year IS NOT NULL),
                   @extschema@.eric_fuel_gap('hot_water_kwh'::text, e.hot_water_kwh, f.hot_water, e.not_applicable, f.financial_year IS NOT NULL),
                   @extschema@.eric_fuel_gap('renewable_electricity_kwh'::text, e.renewable_electricity_kwh, f.renewable_electricity,
                                             e.not_applicable, f.financial_year IS NOT NULL)), ''::text) AS gap,
               e.not_applicable OPERATOR(pg_catalog.@>)
                   '{electricity_kwh,gas_kwh,oil_kwh,coal_kwh,steam_kwh,hot_water_kwh,renewable_electricity_kwh}'::text[] AS not_applicable
    ) AS g;
END;
COMMENT ON FUNCTION @extschema@.eric_site_carbon() IS
    'kg CO2e of each ERIC site return (scopes 1-3, = the sum of estate.carbon_kg over its electricity, gas, oil, coal, steam, hot water and renewable electricity); NULL with carbon_gap saying why where a fuel figure is negative, missing or has no factor that year, or every fuel was answered Not Applicable';

-- Every measure of the summaries, at four levels at once (site, trust, ICS,
-- England), unrounded; the views round.  Ratios are taken over the sites that
-- reported both parts, and the floor area they cover is given beside them.
CREATE FUNCTION @extschema@.eric_rollup()
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
    WITH s AS (
        SELECT e.financial_year::integer AS financial_year, e.year_label, e.trust_code, e.trust_name,
               e.commissioning_region, g.ics_basis, g.ics_code, g.ics_name,
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
               s.ics_basis, s.ics_code, s.ics_name, s.site_code,
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
               CASE WHEN GROUPING(s.site_code) OPERATOR(pg_catalog.=) 0 THEN pg_catalog.min(s.carbon_gap) END AS carbon_gap
        FROM s
        GROUP BY GROUPING SETS (
            (s.financial_year, s.year_label, s.ics_basis, s.ics_code, s.ics_name, s.trust_code, s.site_code),
            (s.financial_year, s.year_label, s.ics_basis, s.ics_code, s.ics_name, s.trust_code),
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
           t.carbon_of_area OPERATOR(pg_catalog./) NULLIF(t.carbon_area, 0::numeric), t.carbon_gap
    FROM t;
END;
COMMENT ON FUNCTION @extschema@.eric_rollup() IS
    'every measure of the ERIC summary views at site, trust, ICS and England level, unrounded (estate.site_summary, trust_summary, ics_summary and year_on_year read it)';

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
         ', r.carbon_gap FROM @extschema@.eric_rollup() AS r', 'r.trust_code, r.site_code'),
        ('trust_summary', 'trust',
         'r.financial_year, r.year_label, r.trust_code, r.trust_name, r.commissioning_region, ' || grouping ||
         ', r.sites::integer AS sites, r.sites_reporting_backlog::integer AS sites_reporting_backlog,
         r.sites_reporting_carbon::integer AS sites_reporting_carbon',
         $x$, t.backlog_investment_gbp::numeric(16,2) AS backlog_investment_gbp,
            t.capital_new_build_gbp::numeric(16,2) AS capital_new_build_gbp,
            t.capital_existing_buildings_gbp::numeric(16,2) AS capital_existing_buildings_gbp
         FROM @extschema@.eric_rollup() AS r
         LEFT JOIN @extschema@.eric_trust AS t
           ON t.financial_year::integer OPERATOR(pg_catalog.=) r.financial_year AND t.trust_code OPERATOR(pg_catalog.=) r.trust_code$x$,
         'r.trust_code'),
        ('ics_summary', 'ics',
         'r.financial_year, r.year_label, ' || grouping ||
         ', r.trusts::integer AS trusts, r.sites::integer AS sites, r.sites_reporting_backlog::integer AS sites_reporting_backlog,
         r.sites_reporting_carbon::integer AS sites_reporting_carbon',
         '', 'r.ics_basis, r.ics_name')
    ) AS x(name, level, ids, extra, ord) LOOP
        EXECUTE format($f$
            CREATE VIEW @extschema@.%1$I WITH (security_invoker = true) AS
            SELECT %3$s, %4$s %5$s
            WHERE r.level OPERATOR(pg_catalog.=) %2$L::text
            ORDER BY r.financial_year, %6$s
        $f$, v.name, v.level, v.ids, measures,
             CASE WHEN v.extra = '' THEN 'FROM @extschema@.eric_rollup() AS r' ELSE v.extra END, v.ord);
        EXECUTE format($c$
            COMMENT ON COLUMN @extschema@.%1$I.financial_year IS 'starting year of the financial year (2015 for 2015/16)';
            COMMENT ON COLUMN @extschema@.%1$I.year_label IS 'financial year, e.g. 2015/16';
            COMMENT ON COLUMN @extschema@.%1$I.ics_basis IS 'what ics_name is: ICS (from estate.ics_mapping), ICB as published, or commissioning region where no mapping exists';
            COMMENT ON COLUMN @extschema@.%1$I.ics_code IS 'ODS code of the ICB (NULL where grouped by published ICB name or commissioning region)';
            COMMENT ON COLUMN @extschema@.%1$I.ics_name IS 'ICB name, or the commissioning region where no mapping exists';
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
        IF v.level <> 'ics' THEN
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
COMMENT ON COLUMN @extschema@.ics_summary.trusts IS 'trusts with site rows';

CREATE VIEW @extschema@.year_on_year WITH (security_invoker = true) AS
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

CREATE VIEW @extschema@.data_completeness WITH (security_invoker = true) AS
WITH current_load AS (
    SELECT DISTINCT ON (l.kind, l.financial_year) l.kind, l.financial_year, l.year_label, l.definitions
    FROM @extschema@.eric_load AS l
    ORDER BY l.kind, l.financial_year, l.load_id DESC
), columns AS (
    SELECT DISTINCT h.kind, h.column_name, NULL::text AS derived FROM @extschema@.eric_header AS h
    UNION ALL
    SELECT 'site'::text, 'carbon_kg'::text,
           'derived: kg CO2e of the energy columns by the year''s UK Government factors, scopes 1-3 (estate.eric_site_carbon)'::text
), cells AS (
    -- Every column of every return as a key of its JSON form, counted per year.
    SELECT x.kind, x.financial_year, j.key AS column_name,
           pg_catalog.count(*) AS returns,
           pg_catalog.count(*) FILTER (WHERE j.value OPERATOR(pg_catalog.<>) 'null'::jsonb) AS filled,
           pg_catalog.count(*) FILTER (WHERE j.key OPERATOR(pg_catalog.=) ANY (x.not_applicable)) AS not_applicable
    FROM (SELECT 'site'::text AS kind, e.financial_year, e.not_applicable,
                 pg_catalog.to_jsonb(e.*) OPERATOR(pg_catalog.-) 'other_items'::text AS j
          FROM @extschema@.eric_site AS e
          UNION ALL
          SELECT 'trust'::text, e.financial_year, e.not_applicable,
                 pg_catalog.to_jsonb(e.*) OPERATOR(pg_catalog.-) 'other_items'::text
          FROM @extschema@.eric_trust AS e) AS x,
         pg_catalog.jsonb_each(x.j) AS j
    GROUP BY x.kind, x.financial_year, j.key
    UNION ALL
    -- The site carbon figure counted like a column: a site whose every fuel
    -- was answered Not Applicable is not applicable; one with a negative,
    -- missing or unfactored fuel figure is missing.
    SELECT 'site'::text, c.financial_year, 'carbon_kg'::text, pg_catalog.count(*), pg_catalog.count(c.carbon_kg),
           pg_catalog.count(*) FILTER (WHERE c.energy_not_applicable)
    FROM @extschema@.eric_site_carbon() AS c
    GROUP BY c.financial_year
)
SELECT l.kind, l.financial_year::integer AS financial_year, l.year_label, c.column_name,
       CASE WHEN c.derived IS NULL THEN l.definitions OPERATOR(pg_catalog.?) c.column_name
            ELSE EXISTS (SELECT FROM @extschema@.carbon_fuel_factor() AS k
                         WHERE k.financial_year OPERATOR(pg_catalog.=) l.financial_year) END AS collected,
       COALESCE(c.derived, l.definitions OPERATOR(pg_catalog.->>) c.column_name) AS definition,
       COALESCE(x.returns, 0::bigint) AS returns,
       COALESCE(x.filled, 0::bigint) AS filled,
       COALESCE(x.not_applicable, 0::bigint) AS not_applicable,
       COALESCE(x.returns OPERATOR(pg_catalog.-) x.filled OPERATOR(pg_catalog.-) x.not_applicable, 0::bigint) AS missing,
       (x.filled::numeric OPERATOR(pg_catalog./) NULLIF(x.returns, 0::bigint)::numeric)::numeric(5,4) AS filled_share
FROM current_load AS l
JOIN columns AS c ON c.kind OPERATOR(pg_catalog.=) l.kind
LEFT JOIN cells AS x
  ON x.kind OPERATOR(pg_catalog.=) l.kind AND x.financial_year OPERATOR(pg_catalog.=) l.financial_year
 AND x.column_name OPERATOR(pg_catalog.=) c.column_name
ORDER BY l.kind, l.financial_year, c.column_name;
COMMENT ON VIEW @extschema@.data_completeness IS
    'per ERIC column and financial year: returns filled, answered Not Applicable, and missing (blank or No Data Provided)';
COMMENT ON COLUMN @extschema@.data_completeness.kind IS 'site or trust returns';
COMMENT ON COLUMN @extschema@.data_completeness.financial_year IS 'starting year of the financial year (2015 for 2015/16)';
COMMENT ON COLUMN @extschema@.data_completeness.year_label IS 'financial year, e.g. 2015/16';
COMMENT ON COLUMN @extschema@.data_completeness.column_name IS 'column of estate.eric_site or estate.eric_trust, or carbon_kg: the carbon figure of the site summaries, derived from the energy columns';
COMMENT ON COLUMN @extschema@.data_completeness.collected IS 'the year''s file had a header for the column (false: every return is missing it); for carbon_kg: the year has carbon factors';
COMMENT ON COLUMN @extschema@.data_completeness.definition IS 'definition the column was published under that year (estate.eric_header); for carbon_kg, how it is derived';
COMMENT ON COLUMN @extschema@.data_completeness.returns IS 'returns of the year';
COMMENT ON COLUMN @extschema@.data_completeness.filled IS 'returns with a value';
COMMENT ON COLUMN @extschema@.data_completeness.not_applicable IS 'returns that answered Not Applicable (or N/A); for carbon_kg, to every fuel';
COMMENT ON COLUMN @extschema@.data_completeness.missing IS 'returns without a value: blank, No Data Provided or -, or the column not collected; for carbon_kg, a fuel figure negative, missing or without a factor';
COMMENT ON COLUMN @extschema@.data_completeness.filled_share IS 'filled / returns';

GRANT SELECT ON @extschema@.site_summary, @extschema@.trust_summary, @extschema@.ics_summary,
                @extschema@.year_on_year, @extschema@.data_completeness TO PUBLIC;
