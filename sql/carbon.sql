
-- ---------------------------------------------------------------------------
-- Carbon: UK Government conversion factors and kWh -> kg CO2e (docs/carbon.md)
-- ---------------------------------------------------------------------------

-- Reference data the extension ships: recreated by this script (the rows
-- follow, generated from data/carbon_factors_*.csv), so not registered with
-- pg_extension_config_dump.
CREATE TABLE @extschema@.carbon_factor (
    category         text NOT NULL,
    name             text NOT NULL,
    unit             text NOT NULL,
    scope            text NOT NULL,
    is_total         boolean NOT NULL,
    financial_year   smallint NOT NULL,
    year_label       text NOT NULL,
    kg_co2e_per_unit numeric,
    comment          text,
    PRIMARY KEY (category, name, financial_year)
);
COMMENT ON TABLE @extschema@.carbon_factor IS
    'UK Government greenhouse-gas conversion factors by financial year 2007/08-2020/21 (OGL v3.0), as collected in tstephen/srp (Apache-2.0); shipped with the extension';
COMMENT ON COLUMN @extschema@.carbon_factor.category IS 'category as published (e.g. Gaseous fuels, WTT - gaseous fuels)';
COMMENT ON COLUMN @extschema@.carbon_factor.name IS 'factor name as published (e.g. Natural gas); unique within its category';
COMMENT ON COLUMN @extschema@.carbon_factor.unit IS 'activity unit the factor applies to (kWh, litres, tonnes, km, ...); kWH is loaded as kWh';
COMMENT ON COLUMN @extschema@.carbon_factor.scope IS 'GHG Protocol scope as published: 1, 2, 3, Outside (biogenic, never counted) or N/A (pre-summed totals)';
COMMENT ON COLUMN @extschema@.carbon_factor.is_total IS 'true for the pre-summed rows (scope N/A or a name ending in total): add them or the scope rows, never both';
COMMENT ON COLUMN @extschema@.carbon_factor.financial_year IS 'starting year of the financial year (2015 = 2015/16, 1 April to 31 March)';
COMMENT ON COLUMN @extschema@.carbon_factor.year_label IS 'financial year as written in ERIC, e.g. 2015/16';
COMMENT ON COLUMN @extschema@.carbon_factor.kg_co2e_per_unit IS 'kg CO2e per unit; NULL where the source has its -1 marker (spend categories counted through their own factors)';
COMMENT ON COLUMN @extschema@.carbon_factor.comment IS 'the collection''s note on the row';
GRANT SELECT ON @extschema@.carbon_factor TO PUBLIC;

-- Which factor rows make up each fuel's kWh factor: the per-scope rows (the
-- source's own "... total" rows are their sums; a test checks that).  ERIC's
-- energy columns name these fuels.
CREATE TABLE @extschema@.carbon_fuel (
    fuel     text NOT NULL,
    category text NOT NULL,
    name     text NOT NULL,
    part     text NOT NULL,
    PRIMARY KEY (fuel, category, name)
);
COMMENT ON TABLE @extschema@.carbon_fuel IS
    'the per-scope rows of estate.carbon_factor that make up each fuel''s factor per kWh; shipped with the extension';
COMMENT ON COLUMN @extschema@.carbon_fuel.fuel IS 'fuel as estate.carbon_kg takes it';
COMMENT ON COLUMN @extschema@.carbon_fuel.part IS 'what the row covers: combustion, generation, transmission and distribution, well-to-tank, distribution losses, biogenic';
GRANT SELECT ON @extschema@.carbon_fuel TO PUBLIC;

INSERT INTO @extschema@.carbon_fuel (fuel, category, name, part) VALUES
    ('electricity', 'Electricity generated', 'Electricity: UK', 'generation'),
    ('electricity', 'T&D- UK electricity', 'Electricity: UK TD', 'transmission and distribution'),
    ('electricity', 'WTT- UK electricity (generation)', 'Electricity: UK WTT', 'well-to-tank of generation'),
    ('electricity', 'WTT- UK electricity (T&D)', 'Electricity: UK TD WTT', 'well-to-tank of transmission and distribution'),
    -- Location-based, as the collection's own row for renewable electricity
    -- says ("same as grid factor in line with Defra environmental reporting").
    ('renewable_electricity', 'Electricity generated', 'Electricity: UK', 'generation'),
    ('renewable_electricity', 'T&D- UK electricity', 'Electricity: UK TD', 'transmission and distribution'),
    ('renewable_electricity', 'WTT- UK electricity (generation)', 'Electricity: UK WTT', 'well-to-tank of generation'),
    ('renewable_electricity', 'WTT- UK electricity (T&D)', 'Electricity: UK TD WTT', 'well-to-tank of transmission and distribution'),
    ('gas', 'Gaseous fuels', 'Natural gas', 'combustion (gross calorific value)'),
    ('gas', 'WTT - gaseous fuels', 'Natural gas WTT', 'well-to-tank'),
    ('oil', 'Liquid fuels', 'Fuel oil', 'combustion (gross calorific value)'),
    ('oil', 'WTT - liquid fuels', 'Fuel oil WTT', 'well-to-tank'),
    ('coal', 'Solid fuels', 'Coal (industrial)', 'combustion (gross calorific value)'),
    ('coal', 'WTT - solid fuels', 'Coal (industrial) WTT', 'well-to-tank'),
    ('steam', 'Heat and steam', 'District heat and steam', 'generation'),
    ('steam', 'Distribution - district heat & steam', '5% loss', 'distribution losses'),
    ('steam', 'WTT- heat and steam', 'District heat and steam', 'well-to-tank of generation'),
    ('steam', 'WTT- district heat & steam distribution', '5% loss', 'well-to-tank of distribution losses'),
    ('hot_water', 'Heat and steam', 'District heat and steam', 'generation'),
    ('hot_water', 'Distribution - district heat & steam', '5% loss', 'distribution losses'),
    ('hot_water', 'WTT- heat and steam', 'District heat and steam', 'well-to-tank of generation'),
    ('hot_water', 'WTT- district heat & steam distribution', '5% loss', 'well-to-tank of distribution losses'),
    ('wood_logs', 'Biomass', 'Wood logs', 'biogenic (outside the scopes)'),
    ('wood_logs', 'WTT - biomass', 'Wood logs WTT', 'well-to-tank'),
    ('wood_chips', 'Biomass', 'Wood chips', 'biogenic (outside the scopes)'),
    ('wood_chips', 'WTT - biomass', 'Wood chips WTT', 'well-to-tank'),
    ('wood_pellets', 'Biomass', 'Wood pellets', 'biogenic (outside the scopes)'),
    ('wood_pellets', 'WTT - biomass', 'Wood pellets WTT', 'well-to-tank');

-- Each fuel's factor per kWh by year and scope, from the rows carbon_fuel
-- names: the one place that adds them up, so estate.carbon_kg and the ERIC
-- views (which join it once per query, not once per site) cannot disagree.
-- A fuel and year without any factor row has no row here.
CREATE FUNCTION @extschema@.carbon_fuel_factor()
    RETURNS TABLE (fuel text, financial_year smallint, year_label text,
                   scope_1_kg_per_kwh numeric, scope_2_kg_per_kwh numeric, scope_3_kg_per_kwh numeric)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    -- Scope rows only: the total rows are their sums.  A scope without rows is
    -- 0 (electricity burns nothing on site), not NULL.
    SELECT m.fuel, f.financial_year, pg_catalog.min(f.year_label),
           COALESCE(pg_catalog.sum(f.kg_co2e_per_unit) FILTER (WHERE f.scope OPERATOR(pg_catalog.=) '1'::text), 0::numeric),
           COALESCE(pg_catalog.sum(f.kg_co2e_per_unit) FILTER (WHERE f.scope OPERATOR(pg_catalog.=) '2'::text), 0::numeric),
           COALESCE(pg_catalog.sum(f.kg_co2e_per_unit) FILTER (WHERE f.scope OPERATOR(pg_catalog.=) '3'::text), 0::numeric)
    FROM @extschema@.carbon_fuel AS m
    JOIN @extschema@.carbon_factor AS f
      ON f.category OPERATOR(pg_catalog.=) m.category AND f.name OPERATOR(pg_catalog.=) m.name
    GROUP BY m.fuel, f.financial_year;
END;
COMMENT ON FUNCTION @extschema@.carbon_fuel_factor() IS
    'kg CO2e per kWh of each fuel of estate.carbon_kg by financial year and GHG scope (sums of the rows estate.carbon_fuel names; biogenic rows count in no scope); no row for a year without factors';

-- A plpgsql function because it must raise errors; every reference is still
-- qualified, and search_path is pinned besides.
CREATE FUNCTION @extschema@.carbon_kg(fuel text, kwh numeric, financial_year integer,
                                      scopes integer[] DEFAULT '{1,2,3}')
    RETURNS numeric
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    wanted text := pg_catalog.lower(pg_catalog.btrim(fuel));
    factor numeric;
BEGIN
    -- NaN sorts above Infinity, so the second test catches both.
    IF kwh OPERATOR(pg_catalog.<) 0::numeric OR kwh OPERATOR(pg_catalog.>=) 'Infinity'::numeric THEN
        RAISE EXCEPTION 'invalid energy use: % kWh', kwh
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Energy use is a finite number of kWh, 0 or more.';
    END IF;
    IF pg_catalog.cardinality(scopes) OPERATOR(pg_catalog.=) 0
       OR EXISTS (SELECT FROM pg_catalog.unnest(scopes) AS s(scope)
                  WHERE s.scope IS NULL OR s.scope OPERATOR(pg_catalog.<) 1 OR s.scope OPERATOR(pg_catalog.>) 3) THEN
        RAISE EXCEPTION 'invalid scopes: %', scopes
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Scopes are 1, 2 and 3, e.g. ''{1,2}''; biogenic emissions are outside the scopes and never counted.';
    END IF;
    IF NOT EXISTS (SELECT FROM @extschema@.carbon_fuel AS m WHERE m.fuel OPERATOR(pg_catalog.=) wanted) THEN
        RAISE EXCEPTION 'unknown fuel: "%"', fuel
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Fuels: ' OPERATOR(pg_catalog.||) (SELECT pg_catalog.string_agg(DISTINCT m.fuel, ', ' ORDER BY m.fuel) FROM @extschema@.carbon_fuel AS m) OPERATOR(pg_catalog.||) '.';
    END IF;

    SELECT CASE WHEN 1 OPERATOR(pg_catalog.=) ANY (scopes) THEN k.scope_1_kg_per_kwh ELSE 0::numeric END
           OPERATOR(pg_catalog.+) CASE WHEN 2 OPERATOR(pg_catalog.=) ANY (scopes) THEN k.scope_2_kg_per_kwh ELSE 0::numeric END
           OPERATOR(pg_catalog.+) CASE WHEN 3 OPERATOR(pg_catalog.=) ANY (scopes) THEN k.scope_3_kg_per_kwh ELSE 0::numeric END
      INTO factor
      FROM @extschema@.carbon_fuel_factor() AS k
     WHERE k.fuel OPERATOR(pg_catalog.=) wanted
       AND k.financial_year OPERATOR(pg_catalog.=) carbon_kg.financial_year;
    -- No factor rows for the year (after 2020/21, before 2007/08): NULL, never
    -- another year's factor.
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    RETURN kwh OPERATOR(pg_catalog.*) factor;
END
$$;
COMMENT ON FUNCTION @extschema@.carbon_kg(text, numeric, integer, integer[]) IS
    'kg CO2e of energy use in kWh of a fuel (case-insensitive: electricity, renewable_electricity, gas, oil, coal, steam, hot_water, wood_logs, wood_chips, wood_pellets) in a financial year (2015 = 2015/16), by the UK Government factors; scopes 1-3 by default; NULL for a year without factors';
