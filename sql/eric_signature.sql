
-- ---------------------------------------------------------------------------
-- The loader's guards: each year's header signature, which tells a file's
-- vintage from its headers, and the audit of loads forced past a guard.  Run
-- by the fresh install and by the update from 1.0 alike.
-- ---------------------------------------------------------------------------

ALTER TABLE @extschema@.eric_load ADD COLUMN forced text;
COMMENT ON COLUMN @extschema@.eric_load.forced IS
    'what --force (force => true) loaded past: the refusal the file would otherwise have met, e.g. that it looks like another year; NULL when no guard objected';

-- One row per column of a year's published header row.  The year's
-- signature is the set of their header keys.
CREATE TABLE @extschema@.eric_header_signature (
    kind            text NOT NULL CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['site', 'trust']::text[])),
    financial_year  smallint NOT NULL,
    column_no       integer NOT NULL CHECK (column_no OPERATOR(pg_catalog.>) 0),
    header          text NOT NULL,
    shipped         boolean NOT NULL DEFAULT false,
    header_key      text NOT NULL GENERATED ALWAYS AS (@extschema@.eric_header_key(header)) STORED,
    PRIMARY KEY (kind, financial_year, column_no)
);
COMMENT ON TABLE @extschema@.eric_header_signature IS
    'the column headers each year''s ERIC file was published with; a year''s header signature is the set of their header keys, by which the loader tells a file''s year; users may add a year';
COMMENT ON COLUMN @extschema@.eric_header_signature.kind IS 'site or trust file';
COMMENT ON COLUMN @extschema@.eric_header_signature.financial_year IS 'starting year of the financial year (2015 for 2015/16)';
COMMENT ON COLUMN @extschema@.eric_header_signature.column_no IS 'column of the published file, from 1';
COMMENT ON COLUMN @extschema@.eric_header_signature.header IS 'header as published';
COMMENT ON COLUMN @extschema@.eric_header_signature.shipped IS 'the row ships with the extension (recreated by the install script, not dumped); rows users add are dumped';
COMMENT ON COLUMN @extschema@.eric_header_signature.header_key IS 'header as matched (estate.eric_header_key)';

-- How well a file's headers match each known year's signature: Jaccard
-- similarity of the two sets of header keys (blank headers aside).
CREATE FUNCTION @extschema@.eric_signature_match(headers text[])
    RETURNS TABLE (kind text, financial_year smallint, year_label text, shared integer, file_keys integer,
                   signature_keys integer, similarity numeric)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    WITH f AS (
        SELECT DISTINCT @extschema@.eric_header_key(u.h) AS header_key
        FROM pg_catalog.unnest(headers) AS u(h)
        WHERE pg_catalog.btrim(u.h) OPERATOR(pg_catalog.<>) ''::text
    ), s AS (
        SELECT DISTINCT g.kind, g.financial_year, g.header_key FROM @extschema@.eric_header_signature AS g
    ), c AS (
        SELECT s.kind, s.financial_year, pg_catalog.count(*)::integer AS signature_keys,
               pg_catalog.count(f.header_key)::integer AS shared
        FROM s LEFT JOIN f ON f.header_key OPERATOR(pg_catalog.=) s.header_key
        GROUP BY s.kind, s.financial_year
    )
    SELECT c.kind, c.financial_year,
           pg_catalog.format('%s/%s'::text, c.financial_year,
                             pg_catalog.lpad(((c.financial_year OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.%) 100)::text, 2, '0'::text)),
           c.shared, n.file_keys, c.signature_keys,
           pg_catalog.round(c.shared::numeric OPERATOR(pg_catalog./)
                            (n.file_keys OPERATOR(pg_catalog.+) c.signature_keys OPERATOR(pg_catalog.-) c.shared)::numeric, 3)
    FROM c CROSS JOIN (SELECT pg_catalog.count(*)::integer AS file_keys FROM f) AS n;
END;
COMMENT ON FUNCTION @extschema@.eric_signature_match(text[]) IS
    'how well a file''s header row matches each year''s header signature (estate.eric_header_signature): header keys shared, and the Jaccard similarity shared / (file_keys + signature_keys - shared) to 3 decimals';

-- Signatures users add for new years are theirs to keep; the shipped ones are recreated.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.eric_header_signature', 'WHERE NOT shipped');
GRANT SELECT ON @extschema@.eric_header_signature TO PUBLIC;
GRANT INSERT, UPDATE, DELETE ON @extschema@.eric_header_signature TO @extowner@ WITH GRANT OPTION;
