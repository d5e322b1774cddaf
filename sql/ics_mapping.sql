
-- ---------------------------------------------------------------------------
-- Trust -> ICS mapping: users fill it, from ODS files or by hand.
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.ics_mapping (
    trust_code  text NOT NULL,
    valid_from  date NOT NULL,
    valid_to    date,
    ics_code    text NOT NULL,
    ics_name    text,
    source      text NOT NULL DEFAULT 'user' CHECK (source OPERATOR(pg_catalog.=) ANY (ARRAY['user', 'ods']::text[])),
    rule        text,
    PRIMARY KEY (trust_code, valid_from),
    CHECK (valid_to IS NULL OR valid_to OPERATOR(pg_catalog.>) valid_from)
);
COMMENT ON TABLE @extschema@.ics_mapping IS
    'trust -> Integrated Care System: the returns of a trust for a financial year ending (31 March) in [valid_from, valid_to) count towards ics_code';
COMMENT ON COLUMN @extschema@.ics_mapping.trust_code IS 'ODS code of the trust as it appears in the returns';
COMMENT ON COLUMN @extschema@.ics_mapping.valid_from IS 'first day the mapping applies to (the trust''s ODS open date for rows from ODS)';
COMMENT ON COLUMN @extschema@.ics_mapping.valid_to IS 'day the mapping stops applying (exclusive; the day after the ODS close date), NULL while open';
COMMENT ON COLUMN @extschema@.ics_mapping.ics_code IS 'ODS code of the ICB (e.g. QOP)';
COMMENT ON COLUMN @extschema@.ics_mapping.ics_name IS 'name of the ICB';
COMMENT ON COLUMN @extschema@.ics_mapping.source IS 'ods (made by estate.load_ics_mapping, replaced when it runs again) or user (kept, and wins)';
COMMENT ON COLUMN @extschema@.ics_mapping.rule IS 'why the trust maps to this ICS (own ICB, or the ICB of its successor)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ics_mapping', '');
GRANT SELECT ON @extschema@.ics_mapping TO PUBLIC;
GRANT INSERT, UPDATE, DELETE, TRUNCATE ON @extschema@.ics_mapping TO @extowner@ WITH GRANT OPTION;

-- Where the returns of a trust for a financial year count: the mapping valid
-- at the end of that year (31 March), else the ICB the return names (files
-- from 2022/23), else its commissioning region.
CREATE FUNCTION @extschema@.eric_grouping(trust_code text, financial_year integer,
                                          integrated_care_board text, commissioning_region text)
    RETURNS TABLE (ics_basis text, ics_code text, ics_name text)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN m.ics_code IS NOT NULL THEN 'ICS'::text
                WHEN pg_catalog.btrim(integrated_care_board) OPERATOR(pg_catalog.<>) ''::text THEN 'ICB as published'::text
                ELSE 'commissioning region'::text END,
           m.ics_code,
           COALESCE(m.ics_name, m.ics_code, pg_catalog.btrim(integrated_care_board), commissioning_region)
    FROM (SELECT) AS one
    LEFT JOIN LATERAL (
        SELECT i.ics_code, i.ics_name
        FROM @extschema@.ics_mapping AS i
        WHERE i.trust_code OPERATOR(pg_catalog.=) eric_grouping.trust_code
          AND i.valid_from OPERATOR(pg_catalog.<=) pg_catalog.make_date(financial_year OPERATOR(pg_catalog.+) 1, 3, 31)
          AND (i.valid_to IS NULL OR i.valid_to OPERATOR(pg_catalog.>) pg_catalog.make_date(financial_year OPERATOR(pg_catalog.+) 1, 3, 31))
        ORDER BY i.valid_from DESC
        LIMIT 1
    ) AS m ON true;
END;
COMMENT ON FUNCTION @extschema@.eric_grouping(text, integer, text, text) IS
    'ICS a trust''s returns of a financial year count towards (estate.ics_mapping valid on 31 March), else the published ICB, else the commissioning region';

-- The mapping from ODS reference files, by the documented successor rule:
-- a trust maps to the ICB of the organisation that holds its services on
-- footprint_date (its last successor by then, following succ.csv), so the
-- same buildings stay in the same ICS before and after a merger.
CREATE FUNCTION @extschema@.load_ics_mapping(trusts regclass, successors regclass, icbs regclass,
                                             footprint_date date DEFAULT '2026-03-31')
    RETURNS integer
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $ics$
DECLARE
    n integer;
BEGIN
    PERFORM pg_advisory_xact_lock(1162037571, -1);
    EXECUTE format($q$
        CREATE TEMP TABLE estate_ods_org ON COMMIT DROP AS
        SELECT btrim(code) AS code, nullif(btrim(icb_code), '') AS icb_code,
               to_date(nullif(btrim(open_date), ''), 'YYYYMMDD') AS open_date,
               to_date(nullif(btrim(close_date), ''), 'YYYYMMDD') AS close_date
        FROM %s;
        CREATE TEMP TABLE estate_ods_succ ON COMMIT DROP AS
        SELECT btrim(old_code) AS old_code, btrim(new_code) AS new_code
        FROM %s
        WHERE to_date(btrim(effective_date), 'YYYYMMDD') <= %L::date;
        CREATE TEMP TABLE estate_ods_icb ON COMMIT DROP AS
        SELECT btrim(code) AS code, btrim(name) AS name FROM %s;
    $q$, trusts, successors, footprint_date, icbs);

    DELETE FROM @extschema@.ics_mapping WHERE source = 'ods';
    WITH RECURSIVE chain (code, holder, depth, path) AS (
        SELECT o.code, o.code, 0, ARRAY[o.code] FROM pg_temp.estate_ods_org AS o
        UNION ALL
        SELECT c.code, s.new_code, c.depth + 1, c.path || s.new_code
        FROM chain AS c
        CROSS JOIN LATERAL (
            -- A split: the successor in the same ICB, else the lowest code.
            SELECT x.new_code
            FROM pg_temp.estate_ods_succ AS x
            LEFT JOIN pg_temp.estate_ods_org AS here ON here.code = x.old_code
            LEFT JOIN pg_temp.estate_ods_org AS there ON there.code = x.new_code
            WHERE x.old_code = c.holder
            ORDER BY there.icb_code IS NOT DISTINCT FROM here.icb_code DESC, x.new_code
            LIMIT 1
        ) AS s
        WHERE c.depth < 50 AND NOT s.new_code = ANY (c.path)
    ), last_holder AS (
        SELECT DISTINCT ON (code) code, holder, path FROM chain ORDER BY code, depth DESC
    )
    INSERT INTO @extschema@.ics_mapping (trust_code, valid_from, valid_to, ics_code, ics_name, source, rule)
    SELECT o.code, coalesce(o.open_date, '-infinity'::date), o.close_date + 1,
           coalesce(h.icb_code, o.icb_code), i.name, 'ods',
           CASE WHEN l.holder = o.code THEN 'own ICB'
                WHEN h.icb_code IS NULL THEN format('own ICB (successor %s has none)', l.holder)
                ELSE format('ICB of successor %s (%s)', l.holder, array_to_string(l.path, ' -> ')) END
    FROM pg_temp.estate_ods_org AS o
    JOIN last_holder AS l ON l.code = o.code
    LEFT JOIN pg_temp.estate_ods_org AS h ON h.code = l.holder
    LEFT JOIN pg_temp.estate_ods_icb AS i ON i.code = coalesce(h.icb_code, o.icb_code)
    WHERE coalesce(h.icb_code, o.icb_code) IS NOT NULL
    ON CONFLICT (trust_code, valid_from) DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    DROP TABLE pg_temp.estate_ods_org, pg_temp.estate_ods_succ, pg_temp.estate_ods_icb;
    RETURN n;
END
$ics$;
COMMENT ON FUNCTION @extschema@.load_ics_mapping(regclass, regclass, regclass, date) IS
    'replace the ODS-made rows of estate.ics_mapping from tables of NHS trusts (etr), successors (succ) and ICBs; returns the rows made (used by estate-load-ics)';
