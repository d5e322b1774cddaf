
-- ---------------------------------------------------------------------------
-- ICS membership (1.1): the ODS files followed to the end, and single sites
-- moved by the user.  Written with CREATE OR REPLACE so the one definition
-- serves a fresh install and the update from 1.0.
-- ---------------------------------------------------------------------------

-- The mapping from ODS reference files, by the documented successor rule:
-- a code maps to the ICB of the organisation that holds its services on
-- footprint_date (its last successor by then, following succ.csv), so the
-- same buildings stay in the same ICS before and after a merger.  Codes the
-- trust files do not list (care trusts, predecessors) are followed too, and
-- a closed trust's row stays valid after its close when it has a successor:
-- the successor is responsible for its last returns.
CREATE OR REPLACE FUNCTION @extschema@.load_ics_mapping(trusts regclass, successors regclass, icbs regclass,
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
        SELECT DISTINCT ON (btrim(code)) btrim(code) AS code, nullif(btrim(icb_code), '') AS icb_code,
               to_date(nullif(btrim(open_date), ''), 'YYYYMMDD') AS open_date,
               to_date(nullif(btrim(close_date), ''), 'YYYYMMDD') AS close_date,
               true AS listed
        FROM %s
        ORDER BY btrim(code), nullif(btrim(close_date), '') DESC NULLS FIRST;
        CREATE TEMP TABLE estate_ods_succ ON COMMIT DROP AS
        SELECT btrim(old_code) AS old_code, btrim(new_code) AS new_code
        FROM %s
        WHERE to_date(btrim(effective_date), 'YYYYMMDD') <= %L::date;
        CREATE TEMP TABLE estate_ods_icb ON COMMIT DROP AS
        SELECT btrim(code) AS code, btrim(name) AS name FROM %s;
    $q$, trusts, successors, footprint_date, icbs);
    -- Codes known only from the successions (a care trust merged into an NHS
    -- trust, a predecessor the trust files no longer list).
    INSERT INTO pg_temp.estate_ods_org
    SELECT DISTINCT x.old_code, NULL::text, NULL::date, NULL::date, false
    FROM pg_temp.estate_ods_succ AS x
    WHERE NOT EXISTS (SELECT FROM pg_temp.estate_ods_org AS o WHERE o.code = x.old_code);
    -- Thousands of codes walk the successions: look each step up by index.
    CREATE INDEX ON pg_temp.estate_ods_org (code);
    CREATE INDEX ON pg_temp.estate_ods_succ (old_code);
    ANALYZE pg_temp.estate_ods_org;
    ANALYZE pg_temp.estate_ods_succ;

    DELETE FROM @extschema@.ics_mapping WHERE source = 'ods';
    WITH RECURSIVE chain (code, holder, depth, path) AS (
        SELECT o.code, o.code, 0, ARRAY[o.code] FROM pg_temp.estate_ods_org AS o
        UNION ALL
        SELECT c.code, s.new_code, c.depth + 1, c.path || s.new_code
        FROM chain AS c
        CROSS JOIN LATERAL (
            -- A split: the successor in the same ICB (for a code without
            -- one: a successor that has one), else the lowest code.
            SELECT x.new_code
            FROM pg_temp.estate_ods_succ AS x
            LEFT JOIN pg_temp.estate_ods_org AS here ON here.code = x.old_code
            LEFT JOIN pg_temp.estate_ods_org AS there ON there.code = x.new_code
            WHERE x.old_code = c.holder
            ORDER BY CASE WHEN here.icb_code IS NULL THEN there.icb_code IS NOT NULL
                          ELSE there.icb_code IS NOT DISTINCT FROM here.icb_code END DESC,
                     x.new_code
            LIMIT 1
        ) AS s
        WHERE c.depth < 50 AND NOT s.new_code = ANY (c.path)
    ), last_holder AS (
        SELECT DISTINCT ON (code) code, holder, path FROM chain ORDER BY code, depth DESC
    )
    INSERT INTO @extschema@.ics_mapping (trust_code, valid_from, valid_to, ics_code, ics_name, source, rule)
    SELECT o.code, coalesce(o.open_date, '-infinity'::date),
           CASE WHEN l.holder = o.code THEN o.close_date + 1 END,
           coalesce(h.icb_code, o.icb_code), i.name, 'ods',
           CASE WHEN l.holder = o.code THEN 'own ICB'
                WHEN h.icb_code IS NULL THEN format('own ICB (successor %s has none)', l.holder)
                ELSE format('ICB of successor %s (%s)', l.holder, array_to_string(l.path, ' -> ')) END
           || CASE WHEN NOT o.listed THEN '; not in the trust files, known from the successions' ELSE '' END
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
    'replace the ODS-made rows of estate.ics_mapping from tables of NHS trusts and care trusts (etr, ect), successors (succ) and ICBs, following successors also from codes only the successions name; returns the rows made (used by estate-load-ics)';

-- Single sites in another ICS than their trust's: the user's word, for every
-- year.  A trust whose hospitals lie in two ICSs keeps its trust row; each
-- site counts in one ICS.
CREATE TABLE @extschema@.site_ics (
    trust_code  text NOT NULL,
    site_code   text NOT NULL,
    ics_code    text NOT NULL CHECK (pg_catalog.btrim(ics_code) OPERATOR(pg_catalog.<>) ''::text),
    ics_name    text,
    note        text,
    PRIMARY KEY (trust_code, site_code)
);
COMMENT ON TABLE @extschema@.site_ics IS
    'site -> Integrated Care System where a site counts elsewhere than its trust''s ICS (filled by users; applies to every year)';
COMMENT ON COLUMN @extschema@.site_ics.trust_code IS 'ODS code of the trust as it appears in the returns';
COMMENT ON COLUMN @extschema@.site_ics.site_code IS 'ODS site code as it appears in the returns';
COMMENT ON COLUMN @extschema@.site_ics.ics_code IS 'ODS code of the ICB the site counts in';
COMMENT ON COLUMN @extschema@.site_ics.ics_name IS 'name of the ICB (NULL: the name estate.ics_mapping gives the code, else the code)';
COMMENT ON COLUMN @extschema@.site_ics.note IS 'why the site counts there (shown in site_summary.ics_override_note)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.site_ics', '');
GRANT SELECT ON @extschema@.site_ics TO PUBLIC;
GRANT INSERT, UPDATE, DELETE, TRUNCATE ON @extschema@.site_ics TO @extowner@ WITH GRANT OPTION;
