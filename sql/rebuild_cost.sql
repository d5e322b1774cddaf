
-- ---------------------------------------------------------------------------
-- A replacement-value proxy for FCI where none is held (an assumption,
-- docs/disposal.md)
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.site_type_key(site_type text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    RETURN pg_catalog.lower(pg_catalog.btrim(
        pg_catalog.regexp_replace(site_type, '^\s*[0-9]+\s*[.)]\s*'::text, ''::text)));
END;
COMMENT ON FUNCTION @extschema@.site_type_key(text) IS
    'a site type as a matching key: lower case, trimmed, without a numbered prefix such as "1. " (ERIC spells types differently between years)';

-- Filled by the user: a rebuild cost per m2 of gross internal floor area for
-- each site type.  Registered with pg_extension_config_dump so pg_dump keeps
-- its rows; DROP EXTENSION drops them.
CREATE TABLE @extschema@.rebuild_cost (
    site_type       text PRIMARY KEY,
    cost_per_m2_gbp numeric(12, 2) NOT NULL CHECK (cost_per_m2_gbp OPERATOR(pg_catalog.>) 0::numeric),
    price_base      text,
    source          text
);
CREATE UNIQUE INDEX rebuild_cost_site_type_key ON @extschema@.rebuild_cost (@extschema@.site_type_key(site_type));
COMMENT ON TABLE @extschema@.rebuild_cost IS
    'rebuild cost per m2 of gross internal floor area by site type, filled by the user, for estate.replacement_value_proxy (an assumption, not a valuation)';
COMMENT ON COLUMN @extschema@.rebuild_cost.site_type IS 'site type as in ERIC; matched by estate.site_type_key (case, spaces and a numbered prefix ignored)';
COMMENT ON COLUMN @extschema@.rebuild_cost.cost_per_m2_gbp IS 'rebuild cost in pounds per m2 of gross internal floor area, above 0';
COMMENT ON COLUMN @extschema@.rebuild_cost.price_base IS 'the date or index the cost is priced at, e.g. 2024 Q1';
COMMENT ON COLUMN @extschema@.rebuild_cost.source IS 'where the figure comes from';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.rebuild_cost'::pg_catalog.regclass, ''::text);
GRANT SELECT ON @extschema@.rebuild_cost TO PUBLIC;
GRANT INSERT, UPDATE, DELETE, TRUNCATE ON @extschema@.rebuild_cost TO @extowner@ WITH GRANT OPTION;

CREATE FUNCTION @extschema@.replacement_value_proxy(site_type text, gross_internal_floor_area_m2 numeric)
    RETURNS numeric
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- NaN sorts above Infinity, so the second test catches both.
    IF gross_internal_floor_area_m2 OPERATOR(pg_catalog.<) 0::numeric
       OR gross_internal_floor_area_m2 OPERATOR(pg_catalog.>=) 'Infinity'::numeric THEN
        RAISE EXCEPTION 'invalid gross internal floor area: % m2', gross_internal_floor_area_m2
            USING ERRCODE = 'invalid_parameter_value', HINT = 'A floor area is a finite number of m2, 0 or more.';
    END IF;
    RETURN (SELECT pg_catalog.round(r.cost_per_m2_gbp OPERATOR(pg_catalog.*) gross_internal_floor_area_m2, 2)
              FROM @extschema@.rebuild_cost AS r
             WHERE @extschema@.site_type_key(r.site_type) OPERATOR(pg_catalog.=) @extschema@.site_type_key(replacement_value_proxy.site_type));
END
$$;
COMMENT ON FUNCTION @extschema@.replacement_value_proxy(text, numeric) IS
    'ASSUMPTION, not a valuation: floor area x the rebuild cost per m2 of the site type from estate.rebuild_cost, to the penny; NULL when the type has no cost';
