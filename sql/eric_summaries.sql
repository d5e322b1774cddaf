
-- ---------------------------------------------------------------------------
-- The ERIC summaries (1.1): every site counts in exactly one ICS (its
-- estate.site_ics row, else its trust's), ICS and England figures are sums of
-- site rows, and the views are shaped for BI tools (year dates, England).
-- Written with CREATE OR REPLACE, columns of 1.0's views kept in order and new
-- ones appended, so one definition serves a fresh install and the update.
-- ---------------------------------------------------------------------------

-- One vocabulary of site types across the years (docs/eric.md has the table):
-- 2013/14 and 2014/15 typed sites by length of stay (LONG STAY HOSPITAL,
-- SHORT TERM NON-ACUTE HOSPITAL, ...), 2015/16 on by service (Mental Health,
-- Other inpatient, ...), each in its own spelling and some years with a
-- numbered prefix.  Each label of the shipped years maps to the group of the
-- later vocabulary nearest in meaning (several later labels share a group, so
-- the groups hold in every year): the group at the position of the label's
-- key in the second list.  A label it does not know is kept as published
-- (without prefix), never lost.  A plain expression, so that the planner
-- inlines it (not STRICT for that reason: NULL gives NULL all the same).
CREATE OR REPLACE FUNCTION @extschema@.site_type_normalised(site_type text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN COALESCE(
        (ARRAY[
          'General acute hospital',
          'Specialist hospital',
          'Specialist hospital',
          'Mixed service hospital',
          'Mixed service hospital',
          'Mental health and learning disabilities',
          'Mental health and learning disabilities',
          'Mental health and learning disabilities',
          'Mental health and learning disabilities',
          'Community hospital',
          'Community hospital',
          'Other inpatient',
          'Other inpatient',
          'Other inpatient',
          'Non-inpatient',
          'Non-inpatient',
          'Non-inpatient',
          'Support facility',
          'Aggregate site']::text[])[pg_catalog.array_position(ARRAY[
          'general acute hospital',
          'specialist hospital',
          'specialist hospital (acute only)',
          'multi-service hospital',
          'mixed service hospital',
          'long stay hospital',
          'mental health',
          'learning disabilities',
          'mental health and learning disabilities',
          'community hospital',
          'community hospital (with inpatient beds)',
          'short term non-acute hospital',
          'hospice',
          'other inpatient',
          'non-hospital (patient)',
          'treatment centre',
          'dental surgery',
          'support facility',
          'aggregate site']::text[],
            pg_catalog.regexp_replace(@extschema@.site_type_key(site_type), '\s+'::text, ' '::text, 'g'::text))],
        NULLIF(pg_catalog.btrim(pg_catalog.regexp_replace(site_type, '^\s*[0-9]+\s*[.)]\s*'::text, ''::text)), ''::text));
COMMENT ON FUNCTION @extschema@.site_type_normalised(text) IS
    'an ERIC site type of any year in one vocabulary: General acute hospital, Specialist hospital, Mixed service hospital, Mental health and learning disabilities, Community hospital, Other inpatient, Non-inpatient, Support facility, Aggregate site (docs/eric.md); a type it does not know as published, without numbered prefix; NULL for a blank type';

-- Every measure of the summaries, at four levels at once (site, trust, ICS,
-- England), unrounded; the views round.  A site counts in its own ICS (its
-- estate.site_ics row, else its trust's): ICS and England rows sum sites, the
-- trust row stays where the trust maps and counts the sites it has elsewhere.  Ratios are taken over the sites that
-- reported both parts, and the floor area they cover is given beside them
-- (energy_reporting_floor_area_m2, space_by_use_m2 and
-- unoccupied_reporting_floor_area_m2 weigh energy per m2, the non-clinical
-- share and the unoccupied share, so a ratio over other groupings is
-- recomputed from parts).  Version 1.1 appends the normalised site type, FM
-- and running costs, and the not functionally suitable and pre-1948 floor
-- areas with their weights and shares.
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
        year_start date, year_end date, ics_override_note text, moved_sites bigint, moved_to text,
        energy_reporting_floor_area_m2 numeric, space_by_use_m2 numeric, unoccupied_reporting_floor_area_m2 numeric,
        site_type_normalised text, hard_fm_cost_gbp numeric, soft_fm_cost_gbp numeric, running_cost_gbp numeric,
        sites_reporting_running_cost bigint, running_cost_reporting_floor_area_m2 numeric, running_cost_per_m2_gbp numeric,
        not_functionally_suitable_floor_area_m2 numeric, functional_suitability_floor_area_m2 numeric,
        not_functionally_suitable_share numeric, pre_1948_floor_area_m2 numeric, pre_1948_share numeric)
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
               e.site_code, e.site_name, e.site_type, @extschema@.site_type_normalised(e.site_type) AS type_normalised,
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
               c.carbon_kg AS carbon, c.carbon_gap,
               e.hard_fm_cost_gbp AS hard_fm, e.soft_fm_cost_gbp AS soft_fm, rc.running_cost,
               -- Not functionally suitable is a share of the occupied floor area.
               e.not_functionally_suitable_pct OPERATOR(pg_catalog./) 100::numeric OPERATOR(pg_catalog.*) e.occupied_floor_area_m2 AS nfs,
               CASE WHEN e.not_functionally_suitable_pct IS NOT NULL THEN e.occupied_floor_area_m2 END AS nfs_area,
               -- The pre-1948 band as a share of the bands given (as the mean build year weighs them).
               COALESCE(e.age_pre_1948_pct, 0::numeric) OPERATOR(pg_catalog./) NULLIF(y.age_pct, 0::numeric) AS pre_1948_share
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
                   NULLIF(pg_catalog.sum(a.pct), 0::numeric) AS build_year,
                   pg_catalog.sum(a.pct) AS age_pct
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
        -- Running cost: hard + soft FM, never a partial figure (a part answered
        -- Not Applicable counts as 0, a missing part leaves it unknown).
        CROSS JOIN LATERAL (
            SELECT CASE WHEN pg_catalog.num_nonnulls(e.hard_fm_cost_gbp, e.soft_fm_cost_gbp) OPERATOR(pg_catalog.>) 0
                         AND (e.hard_fm_cost_gbp IS NOT NULL OR 'hard_fm_cost_gbp'::text OPERATOR(pg_catalog.=) ANY (e.not_applicable))
                         AND (e.soft_fm_cost_gbp IS NOT NULL OR 'soft_fm_cost_gbp'::text OPERATOR(pg_catalog.=) ANY (e.not_applicable))
                        THEN COALESCE(e.hard_fm_cost_gbp, 0::numeric) OPERATOR(pg_catalog.+) COALESCE(e.soft_fm_cost_gbp, 0::numeric)
                   END AS running_cost
        ) AS rc
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
               pg_catalog.string_agg(DISTINCT s.ics_name, ', '::text) FILTER (WHERE s.moved) AS moved_to,
               CASE WHEN GROUPING(s.site_code) OPERATOR(pg_catalog.=) 0 THEN pg_catalog.min(s.type_normalised) END AS type_normalised,
               pg_catalog.sum(s.hard_fm) AS hard_fm, pg_catalog.sum(s.soft_fm) AS soft_fm,
               pg_catalog.sum(s.running_cost) AS running_cost, pg_catalog.count(s.running_cost) AS sites_reporting_running_cost,
               pg_catalog.sum(s.area) FILTER (WHERE s.running_cost IS NOT NULL) AS running_cost_area,
               pg_catalog.sum(s.running_cost) FILTER (WHERE s.area IS NOT NULL) AS running_cost_of_area,
               pg_catalog.sum(s.nfs) AS nfs, pg_catalog.sum(s.nfs_area) FILTER (WHERE s.nfs IS NOT NULL) AS nfs_area,
               pg_catalog.sum(s.area OPERATOR(pg_catalog.*) s.pre_1948_share) AS pre_1948
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
           t.ics_override_note, t.moved_sites, t.moved_to,
           t.energy_area, t.occupied_by_use, t.unoccupied_area,
           t.type_normalised, t.hard_fm, t.soft_fm, t.running_cost, t.sites_reporting_running_cost,
           t.running_cost_area, t.running_cost_of_area OPERATOR(pg_catalog./) NULLIF(t.running_cost_area, 0::numeric),
           t.nfs, t.nfs_area, t.nfs OPERATOR(pg_catalog./) NULLIF(t.nfs_area, 0::numeric),
           t.pre_1948, t.pre_1948 OPERATOR(pg_catalog./) NULLIF(t.age_area, 0::numeric)
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
    -- Measures 1.1 added, after each view's last 1.0 column.
    measures_1_1 text := $m$
        r.hard_fm_cost_gbp::numeric(16,2) AS hard_fm_cost_gbp,
        r.soft_fm_cost_gbp::numeric(16,2) AS soft_fm_cost_gbp,
        r.running_cost_gbp::numeric(16,2) AS running_cost_gbp,
        r.running_cost_reporting_floor_area_m2::numeric(14,2) AS running_cost_reporting_floor_area_m2,
        r.running_cost_per_m2_gbp::numeric(12,2) AS running_cost_per_m2_gbp,
        r.not_functionally_suitable_floor_area_m2::numeric(14,2) AS not_functionally_suitable_floor_area_m2,
        r.functional_suitability_floor_area_m2::numeric(14,2) AS functional_suitability_floor_area_m2,
        r.not_functionally_suitable_share::numeric(7,4) AS not_functionally_suitable_share,
        r.pre_1948_floor_area_m2::numeric(14,2) AS pre_1948_floor_area_m2,
        r.pre_1948_share::numeric(7,4) AS pre_1948_share$m$;
    grouping text := 'r.ics_basis, r.ics_code, r.ics_name';
    v record;
BEGIN
    FOR v IN SELECT * FROM (VALUES
        ('site_summary', 'site',
         'r.financial_year, r.year_label, r.trust_code, r.trust_name, r.commissioning_region, ' || grouping ||
         ', r.site_code, r.site_name, r.site_type, r.is_aggregate',
         ', r.carbon_gap, r.year_start, r.year_end, r.ics_override_note, r.site_type_normalised',
         'FROM @extschema@.eric_measures() AS r', 'r.trust_code, r.site_code'),
        ('trust_summary', 'trust',
         'r.financial_year, r.year_label, r.trust_code, r.trust_name, r.commissioning_region, ' || grouping ||
         ', r.sites::integer AS sites, r.sites_reporting_backlog::integer AS sites_reporting_backlog,
         r.sites_reporting_carbon::integer AS sites_reporting_carbon',
         $x$, t.backlog_investment_gbp::numeric(16,2) AS backlog_investment_gbp,
            t.capital_new_build_gbp::numeric(16,2) AS capital_new_build_gbp,
            t.capital_existing_buildings_gbp::numeric(16,2) AS capital_existing_buildings_gbp,
            r.year_start, r.year_end, r.moved_sites::integer AS sites_counted_elsewhere, r.moved_to AS counted_elsewhere_in,
            r.sites_reporting_running_cost::integer AS sites_reporting_running_cost$x$,
         $x$FROM @extschema@.eric_measures() AS r
         LEFT JOIN @extschema@.eric_trust AS t
           ON t.financial_year::integer OPERATOR(pg_catalog.=) r.financial_year AND t.trust_code OPERATOR(pg_catalog.=) r.trust_code$x$,
         'r.trust_code'),
        ('ics_summary', 'ics',
         'r.financial_year, r.year_label, ' || grouping ||
         ', r.trusts::integer AS trusts, r.sites::integer AS sites, r.sites_reporting_backlog::integer AS sites_reporting_backlog,
         r.sites_reporting_carbon::integer AS sites_reporting_carbon',
         ', r.year_start, r.year_end, r.moved_sites::integer AS sites_moved_in,
         r.sites_reporting_running_cost::integer AS sites_reporting_running_cost',
         'FROM @extschema@.eric_measures() AS r', 'r.ics_basis, r.ics_name'),
        ('england_summary', 'england',
         'r.financial_year, r.year_label, r.year_start, r.year_end, r.trusts::integer AS trusts, r.sites::integer AS sites,
         r.sites_reporting_backlog::integer AS sites_reporting_backlog, r.sites_reporting_carbon::integer AS sites_reporting_carbon',
         ', r.sites_reporting_running_cost::integer AS sites_reporting_running_cost',
         'FROM @extschema@.eric_measures() AS r', 'r.year_label')
    ) AS x(name, level, ids, extra, source, ord) LOOP
        EXECUTE format($f$
            CREATE OR REPLACE VIEW @extschema@.%1$I WITH (security_invoker = true) AS
            SELECT %3$s, %4$s %5$s, %6$s
            %7$s
            WHERE r.level OPERATOR(pg_catalog.=) %2$L::text
            ORDER BY r.financial_year, %8$s
        $f$, v.name, v.level, v.ids, measures, v.extra, measures_1_1, v.source, v.ord);
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
            COMMENT ON COLUMN @extschema@.%1$I.hard_fm_cost_gbp IS 'hard FM (estates) costs, GBP (from 2014/15)';
            COMMENT ON COLUMN @extschema@.%1$I.soft_fm_cost_gbp IS 'soft FM (hotel services) costs, GBP (from 2014/15)';
            COMMENT ON COLUMN @extschema@.%1$I.running_cost_gbp IS 'running cost: hard + soft FM costs, GBP, summed over the sites that gave both (a part answered Not Applicable counts as 0)';
            COMMENT ON COLUMN @extschema@.%1$I.running_cost_reporting_floor_area_m2 IS 'floor area of the sites with a running cost, m2: the denominator of running_cost_per_m2_gbp';
            COMMENT ON COLUMN @extschema@.%1$I.running_cost_per_m2_gbp IS 'running cost per m2 of floor area, over the sites with a running cost and floor area, GBP/m2';
            COMMENT ON COLUMN @extschema@.%1$I.not_functionally_suitable_floor_area_m2 IS 'occupied floor area not functionally suitable, m2 (the published %% of each site''s occupied floor area)';
            COMMENT ON COLUMN @extschema@.%1$I.functional_suitability_floor_area_m2 IS 'occupied floor area of the sites that reported functional suitability, m2: the denominator of not_functionally_suitable_share';
            COMMENT ON COLUMN @extschema@.%1$I.not_functionally_suitable_share IS 'share of the occupied floor area not functionally suitable (0-1), over the sites that reported it';
            COMMENT ON COLUMN @extschema@.%1$I.pre_1948_floor_area_m2 IS 'floor area built before 1948, m2 (each site''s pre-1948 share of its age profile times its floor area)';
            COMMENT ON COLUMN @extschema@.%1$I.pre_1948_share IS 'share of the floor area built before 1948 (0-1), over the sites with an age profile: pre_1948_floor_area_m2 / age_profile_floor_area_m2';
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
                COMMENT ON COLUMN @extschema@.%1$I.sites_reporting_running_cost IS 'site rows with a running cost (hard and soft FM costs)';
            $c$, v.name);
        END IF;
    END LOOP;
END
$views$;

COMMENT ON VIEW @extschema@.site_summary IS 'ERIC per site and financial year: floor area, backlog, age, space, energy and carbon, for BI tools';
COMMENT ON COLUMN @extschema@.site_summary.site_code IS 'ODS site code; AGGRE is the trust''s aggregate of small sites';
COMMENT ON COLUMN @extschema@.site_summary.site_name IS 'site name as published';
COMMENT ON COLUMN @extschema@.site_summary.site_type IS 'site type as published, without numeric prefix';
COMMENT ON COLUMN @extschema@.site_summary.site_type_normalised IS 'the site type in one vocabulary across the years (estate.site_type_normalised; docs/eric.md has the table)';
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


-- Year on year at every level.  The plain comparison takes the same key the
-- year before (site: trust and site code; trust; ICS; England).  The
-- like-for-like one re-keys last year's site rows first: a trust with a return
-- last year and none this year counts with its successor, the first code after
-- it on its ODS successor path (estate.ics_mapping.rule) that has a return this
-- year; a moved site counts in the ICS it counts in this year.  Sums are summed
-- and ratios recomputed from their weighted parts, never averaged.
-- Unrounded; the view year_on_year rounds.  Every step is materialised once
-- and joined by hashing: the row estimates of the inlined eric_measures are
-- tiny (a self-join on three key columns), so the planner would otherwise
-- loop over tens of thousands of rows once per row (seconds to minutes on
-- the shipped years).
CREATE OR REPLACE FUNCTION @extschema@.year_on_year_rows()
    RETURNS TABLE (
        level text, financial_year integer, year_label text, previous_year_label text,
        trust_code text, trust_name text, metric text, unit text,
        value numeric, previous_value numeric, change numeric, change_share numeric,
        definition_changed boolean, definition_note text,
        site_code text, ics_basis text, ics_code text, ics_name text,
        like_for_like_previous_value numeric, like_for_like_change numeric, like_for_like_change_share numeric,
        predecessors text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET enable_nestloop = off SET jit = off
BEGIN ATOMIC
WITH current_load AS (
    SELECT DISTINCT ON (l.financial_year) l.financial_year::integer AS financial_year, l.definitions
    FROM @extschema@.eric_load AS l
    WHERE l.kind OPERATOR(pg_catalog.=) 'site'::text
    ORDER BY l.financial_year, l.load_id DESC
), r AS MATERIALIZED (
    SELECT r.* FROM @extschema@.eric_measures() AS r
), returned AS MATERIALIZED (
    SELECT DISTINCT r.financial_year, r.trust_code FROM r WHERE r.level OPERATOR(pg_catalog.=) 'trust'::text
), path AS MATERIALIZED (
    -- The successor path ODS gives a trust: 'ICB of successor X (P -> Q -> X)'.
    SELECT DISTINCT ON (i.trust_code) i.trust_code,
           pg_catalog.string_to_array(pg_catalog.substring(i.rule, '^ICB of successor \S+ \(([^)]*)\)'::text), ' -> '::text) AS codes
    FROM @extschema@.ics_mapping AS i
    WHERE i.rule OPERATOR(pg_catalog.~) '^ICB of successor \S+ \('::text
    ORDER BY i.trust_code, i.valid_from DESC
), holder AS MATERIALIZED (
    -- Who holds last year's returns of each trust this year.
    SELECT p.financial_year OPERATOR(pg_catalog.+) 1 AS financial_year, p.trust_code,
           COALESCE(CASE WHEN EXISTS (SELECT FROM returned AS n
                                      WHERE n.financial_year OPERATOR(pg_catalog.=) (p.financial_year OPERATOR(pg_catalog.+) 1)
                                        AND n.trust_code OPERATOR(pg_catalog.=) p.trust_code)
                         THEN p.trust_code END,
                    (SELECT c.code
                     FROM path AS pa
                     CROSS JOIN LATERAL pg_catalog.unnest(pa.codes) WITH ORDINALITY AS c(code, n)
                     JOIN returned AS n ON n.trust_code OPERATOR(pg_catalog.=) c.code
                                       AND n.financial_year OPERATOR(pg_catalog.=) (p.financial_year OPERATOR(pg_catalog.+) 1)
                     WHERE pa.trust_code OPERATOR(pg_catalog.=) p.trust_code AND c.n OPERATOR(pg_catalog.>) 1
                     ORDER BY c.n LIMIT 1),
                    p.trust_code) AS holder
    FROM returned AS p
), m AS MATERIALIZED (
    -- One row per measure; a ratio carries its weight (the floor area or
    -- space it is taken over) so that it can be recomputed over another group.
    SELECT r.level, r.financial_year, r.year_label, r.trust_code, r.trust_name, r.site_code,
           r.ics_basis, r.ics_code, r.ics_name,
           CASE r.level WHEN 'site'::text THEN r.trust_code OPERATOR(pg_catalog.||) '/'::text OPERATOR(pg_catalog.||) r.site_code
                        WHEN 'trust'::text THEN r.trust_code
                        WHEN 'ics'::text THEN r.ics_basis OPERATOR(pg_catalog.||) '/'::text OPERATOR(pg_catalog.||) r.ics_name
                        ELSE ''::text END AS key,
           x.metric, x.unit, x.value, x.weight, x.columns
    FROM r
    CROSS JOIN LATERAL (VALUES
        ('gross internal floor area'::text, 'm2'::text, r.gross_internal_floor_area_m2, NULL::numeric, ARRAY['gross_internal_floor_area_m2']::text[]),
        ('occupied floor area', 'm2', r.occupied_floor_area_m2, NULL, ARRAY['occupied_floor_area_m2']),
        ('backlog, total', 'GBP', r.backlog_total_gbp, NULL,
         ARRAY['backlog_high_risk_gbp', 'backlog_significant_risk_gbp', 'backlog_moderate_risk_gbp', 'backlog_low_risk_gbp']),
        ('critical infrastructure risk', 'GBP', r.critical_infrastructure_risk_gbp, NULL,
         ARRAY['backlog_high_risk_gbp', 'backlog_significant_risk_gbp']),
        ('backlog, high risk', 'GBP', r.backlog_high_risk_gbp, NULL, ARRAY['backlog_high_risk_gbp']),
        ('backlog, significant risk', 'GBP', r.backlog_significant_risk_gbp, NULL, ARRAY['backlog_significant_risk_gbp']),
        ('backlog, moderate risk', 'GBP', r.backlog_moderate_risk_gbp, NULL, ARRAY['backlog_moderate_risk_gbp']),
        ('backlog, low risk', 'GBP', r.backlog_low_risk_gbp, NULL, ARRAY['backlog_low_risk_gbp']),
        ('backlog per m2', 'GBP/m2', r.backlog_per_m2_gbp, r.backlog_reporting_floor_area_m2,
         ARRAY['backlog_high_risk_gbp', 'backlog_significant_risk_gbp', 'backlog_moderate_risk_gbp', 'backlog_low_risk_gbp',
               'gross_internal_floor_area_m2']),
        ('mean build year', 'year', r.mean_build_year, r.age_profile_floor_area_m2,
         ARRAY['age_2015_on_pct', 'age_2005_2014_pct', 'age_1995_2004_pct', 'age_1985_1994_pct', 'age_1975_1984_pct',
               'age_1965_1974_pct', 'age_1955_1964_pct', 'age_1948_1954_pct', 'age_pre_1948_pct', 'gross_internal_floor_area_m2']),
        ('non-clinical share', 'share', r.non_clinical_share, r.space_by_use_m2,
         ARRAY['clinical_space_m2', 'non_clinical_space_m2', 'patient_occupied_floor_area_m2', 'non_patient_occupied_floor_area_m2']),
        ('unoccupied share', 'share', r.unoccupied_share, r.unoccupied_reporting_floor_area_m2,
         ARRAY['empty_floor_area_pct', 'underused_floor_area_pct', 'gross_internal_floor_area_m2']),
        ('energy consumed', 'kWh', r.energy_kwh, NULL,
         ARRAY['electricity_kwh', 'gas_kwh', 'oil_kwh', 'coal_kwh', 'steam_kwh', 'hot_water_kwh',
               'renewable_electricity_kwh', 'non_fossil_fuel_kwh']),
        ('energy per m2', 'kWh/m2', r.energy_per_m2_kwh, r.energy_reporting_floor_area_m2,
         ARRAY['electricity_kwh', 'gas_kwh', 'oil_kwh', 'coal_kwh', 'steam_kwh', 'hot_water_kwh',
               'renewable_electricity_kwh', 'non_fossil_fuel_kwh', 'gross_internal_floor_area_m2']),
        ('carbon emissions', 'kg CO2e', r.carbon_kg, NULL,
         ARRAY['electricity_kwh', 'gas_kwh', 'oil_kwh', 'coal_kwh', 'steam_kwh', 'hot_water_kwh', 'renewable_electricity_kwh']),
        ('carbon per m2', 'kg CO2e/m2', r.carbon_per_m2_kg, r.carbon_reporting_floor_area_m2,
         ARRAY['electricity_kwh', 'gas_kwh', 'oil_kwh', 'coal_kwh', 'steam_kwh', 'hot_water_kwh', 'renewable_electricity_kwh',
               'gross_internal_floor_area_m2'])
    ) AS x(metric, unit, value, weight, columns)
), moved AS (
    -- Last year's site rows under this year's keys: the holder's trust, the
    -- site's ICS this year (else the holder's, else its own last year).
    SELECT m.financial_year OPERATOR(pg_catalog.+) 1 AS financial_year, m.metric, m.value, m.weight,
           m.trust_code, h.holder, m.site_code,
           COALESCE(ks.ics_basis, kt.ics_basis, m.ics_basis) AS new_ics_basis,
           COALESCE(ks.ics_name, kt.ics_name, m.ics_name) AS new_ics_name
    FROM m
    JOIN holder AS h ON h.financial_year OPERATOR(pg_catalog.=) (m.financial_year OPERATOR(pg_catalog.+) 1)
                    AND h.trust_code OPERATOR(pg_catalog.=) m.trust_code
    LEFT JOIN r AS ks ON ks.level OPERATOR(pg_catalog.=) 'site'::text
                     AND ks.financial_year OPERATOR(pg_catalog.=) (m.financial_year OPERATOR(pg_catalog.+) 1)
                     AND ks.trust_code OPERATOR(pg_catalog.=) h.holder AND ks.site_code OPERATOR(pg_catalog.=) m.site_code
    LEFT JOIN r AS kt ON kt.level OPERATOR(pg_catalog.=) 'trust'::text
                     AND kt.financial_year OPERATOR(pg_catalog.=) (m.financial_year OPERATOR(pg_catalog.+) 1)
                     AND kt.trust_code OPERATOR(pg_catalog.=) h.holder
    WHERE m.level OPERATOR(pg_catalog.=) 'site'::text
), like_for_like AS (
    SELECT k.level, mv.financial_year, k.key, mv.metric,
           CASE WHEN pg_catalog.bool_and(mv.weight IS NULL)
                THEN pg_catalog.sum(mv.value)
                ELSE pg_catalog.sum(mv.value OPERATOR(pg_catalog.*) mv.weight) OPERATOR(pg_catalog./)
                     NULLIF(pg_catalog.sum(mv.weight) FILTER (WHERE mv.value IS NOT NULL), 0::numeric) END AS value,
           pg_catalog.string_agg(DISTINCT mv.trust_code, ', '::text) FILTER (WHERE mv.trust_code OPERATOR(pg_catalog.<>) mv.holder) AS predecessors
    FROM moved AS mv
    CROSS JOIN LATERAL (VALUES
        ('site'::text, mv.holder OPERATOR(pg_catalog.||) '/'::text OPERATOR(pg_catalog.||) mv.site_code),
        ('trust', mv.holder),
        ('ics', mv.new_ics_basis OPERATOR(pg_catalog.||) '/'::text OPERATOR(pg_catalog.||) mv.new_ics_name),
        ('england', '')) AS k(level, key)
    GROUP BY k.level, mv.financial_year, k.key, mv.metric
), notes AS MATERIALIZED (
    -- Per year and measure, not per row: a column collected under another
    -- definition, or only in one of the years.
    SELECT k.financial_year, k.metric, d.changed, d.note
    FROM (SELECT DISTINCT m.financial_year, m.metric, m.columns FROM m) AS k
    LEFT JOIN current_load AS ln ON ln.financial_year OPERATOR(pg_catalog.=) k.financial_year
    LEFT JOIN current_load AS lp ON lp.financial_year OPERATOR(pg_catalog.=) (k.financial_year OPERATOR(pg_catalog.-) 1)
    CROSS JOIN LATERAL (
        SELECT CASE WHEN lp.definitions IS NOT NULL
                    THEN pg_catalog.bool_or((ln.definitions OPERATOR(pg_catalog.->>) c) IS DISTINCT FROM (lp.definitions OPERATOR(pg_catalog.->>) c)) END AS changed,
               pg_catalog.string_agg(pg_catalog.format('%s: %s -> %s'::text, c,
                                                       COALESCE(lp.definitions OPERATOR(pg_catalog.->>) c, 'not collected'::text),
                                                       COALESCE(ln.definitions OPERATOR(pg_catalog.->>) c, 'not collected'::text)), '; '::text ORDER BY u.n)
                   FILTER (WHERE lp.definitions IS NOT NULL
                             AND (ln.definitions OPERATOR(pg_catalog.->>) c) IS DISTINCT FROM (lp.definitions OPERATOR(pg_catalog.->>) c)) AS note
        FROM pg_catalog.unnest(k.columns) WITH ORDINALITY AS u(c, n)
    ) AS d
)
SELECT cur.level, cur.financial_year, cur.year_label, prev.year_label,
       cur.trust_code, cur.trust_name, cur.metric, cur.unit,
       cur.value, prev.value, cur.value OPERATOR(pg_catalog.-) prev.value,
       -- A share of a build year means nothing: its change is in years only.
       CASE WHEN cur.unit OPERATOR(pg_catalog.<>) 'year'::text
            THEN (cur.value OPERATOR(pg_catalog.-) prev.value) OPERATOR(pg_catalog./)
                 NULLIF(pg_catalog.abs(prev.value), 0::numeric) END,
       d.changed, d.note,
       cur.site_code, cur.ics_basis, cur.ics_code, cur.ics_name,
       l.value, cur.value OPERATOR(pg_catalog.-) l.value,
       CASE WHEN cur.unit OPERATOR(pg_catalog.<>) 'year'::text
            THEN (cur.value OPERATOR(pg_catalog.-) l.value) OPERATOR(pg_catalog./)
                 NULLIF(pg_catalog.abs(l.value), 0::numeric) END,
       l.predecessors
FROM m AS cur
LEFT JOIN m AS prev
  ON prev.level OPERATOR(pg_catalog.=) cur.level
 AND prev.key OPERATOR(pg_catalog.=) cur.key
 AND prev.metric OPERATOR(pg_catalog.=) cur.metric
 AND prev.financial_year OPERATOR(pg_catalog.=) (cur.financial_year OPERATOR(pg_catalog.-) 1)
LEFT JOIN like_for_like AS l
  ON l.level OPERATOR(pg_catalog.=) cur.level
 AND l.key OPERATOR(pg_catalog.=) cur.key
 AND l.metric OPERATOR(pg_catalog.=) cur.metric
 AND l.financial_year OPERATOR(pg_catalog.=) cur.financial_year
JOIN notes AS d ON d.financial_year OPERATOR(pg_catalog.=) cur.financial_year AND d.metric OPERATOR(pg_catalog.=) cur.metric;
END;
COMMENT ON FUNCTION @extschema@.year_on_year_rows() IS
    'the rows of estate.year_on_year, unrounded and unordered (the view rounds and orders them)';

CREATE OR REPLACE VIEW @extschema@.year_on_year WITH (security_invoker = true) AS
SELECT y.level, y.financial_year, y.year_label, y.previous_year_label, y.trust_code, y.trust_name, y.metric, y.unit,
       y.value::numeric(18,4) AS value, y.previous_value::numeric(18,4) AS previous_value,
       y.change::numeric(18,4) AS change, y.change_share::numeric(12,4) AS change_share,
       y.definition_changed, y.definition_note, y.site_code, y.ics_basis, y.ics_code, y.ics_name,
       y.like_for_like_previous_value::numeric(18,4) AS like_for_like_previous_value,
       y.like_for_like_change::numeric(18,4) AS like_for_like_change,
       y.like_for_like_change_share::numeric(12,4) AS like_for_like_change_share,
       y.predecessors
FROM @extschema@.year_on_year_rows() AS y
ORDER BY y.level, y.trust_code, y.site_code, y.ics_name, y.metric, y.financial_year;
COMMENT ON VIEW @extschema@.year_on_year IS
    'ERIC measures per site, trust, ICS and for England against the previous financial year, plainly and like for like (merged trusts counted with their successor), flagging columns whose definition changed between the years';
COMMENT ON COLUMN @extschema@.year_on_year.level IS 'site, trust, ics, or england (all site rows of the year)';
COMMENT ON COLUMN @extschema@.year_on_year.financial_year IS 'starting year of the financial year (2015 for 2015/16)';
COMMENT ON COLUMN @extschema@.year_on_year.year_label IS 'financial year, e.g. 2015/16';
COMMENT ON COLUMN @extschema@.year_on_year.previous_year_label IS 'the previous financial year, where the trust (or England) has it';
COMMENT ON COLUMN @extschema@.year_on_year.trust_code IS 'ODS code of the trust (NULL at ics and england level)';
COMMENT ON COLUMN @extschema@.year_on_year.trust_name IS 'trust name as published (NULL at ics and england level)';
COMMENT ON COLUMN @extschema@.year_on_year.metric IS 'the measure, as in estate.trust_summary';
COMMENT ON COLUMN @extschema@.year_on_year.unit IS 'unit of value: m2, GBP, GBP/m2, year, share (0-1), kWh, kWh/m2, kg CO2e (scopes 1-3), kg CO2e/m2';
COMMENT ON COLUMN @extschema@.year_on_year.value IS 'the measure in this financial year';
COMMENT ON COLUMN @extschema@.year_on_year.previous_value IS 'the measure in the previous financial year';
COMMENT ON COLUMN @extschema@.year_on_year.change IS 'value - previous_value';
COMMENT ON COLUMN @extschema@.year_on_year.change_share IS 'change / |previous_value| (0.1 is 10% up); NULL for a mean build year, whose change is in years';
COMMENT ON COLUMN @extschema@.year_on_year.definition_changed IS 'a column behind the measure was published under another definition (or not at all) in one of the two years: compare with care';
COMMENT ON COLUMN @extschema@.year_on_year.definition_note IS 'which columns changed definition: column: previous -> current';
COMMENT ON COLUMN @extschema@.year_on_year.site_code IS 'ODS site code (site level; NULL at the other levels)';
COMMENT ON COLUMN @extschema@.year_on_year.ics_basis IS 'what ics_name is: ICS, ICB as published, or commissioning region (NULL at england level)';
COMMENT ON COLUMN @extschema@.year_on_year.ics_code IS 'ODS code of the ICB (NULL at england level and where ics_basis is not ICS)';
COMMENT ON COLUMN @extschema@.year_on_year.ics_name IS 'the ICS the row counts in (for a trust: the trust''s ICS)';
COMMENT ON COLUMN @extschema@.year_on_year.like_for_like_previous_value IS 'the measure in the previous financial year with the returns of trusts merged since counted with their successor and sites in this year''s ICS (sums summed, ratios recomputed from their parts)';
COMMENT ON COLUMN @extschema@.year_on_year.like_for_like_change IS 'value - like_for_like_previous_value';
COMMENT ON COLUMN @extschema@.year_on_year.like_for_like_change_share IS 'like_for_like_change / |like_for_like_previous_value| (NULL for a mean build year)';
COMMENT ON COLUMN @extschema@.year_on_year.predecessors IS 'trusts with a return last year and none this year whose returns count here in like_for_like_previous_value';

GRANT SELECT ON @extschema@.site_summary, @extschema@.trust_summary, @extschema@.ics_summary,
                @extschema@.england_summary, @extschema@.year_on_year TO PUBLIC;
