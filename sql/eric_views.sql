
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

GRANT SELECT ON @extschema@.data_completeness TO PUBLIC;
