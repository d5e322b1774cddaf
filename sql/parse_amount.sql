
-- ---------------------------------------------------------------------------
-- Number formats of published returns
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.parse_amount(amount text) RETURNS numeric
    AS 'MODULE_PATHNAME', 'parse_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.parse_amount(text) IS
    'number as published in estates returns (1,234  £1,234.56  -4913); NULL for blank, N/A, Not Applicable, No Data Provided, -; anything else is 22P02';

CREATE FUNCTION @extschema@.cell_kind(cell text) RETURNS text
    AS 'MODULE_PATHNAME', 'cell_kind' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cell_kind(text) IS
    'what a published cell holds: ''not applicable'' (Not Applicable, N/A: an answer), ''missing'' (NULL, blank, No Data Provided, -: a data gap) or ''value''';
