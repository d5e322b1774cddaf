
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
