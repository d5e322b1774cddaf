
-- ---------------------------------------------------------------------------
-- Facility condition index: backlog cost / current replacement
-- value, and its bands.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.fci(backlog_cost numeric, replacement_value numeric) RETURNS numeric
    AS 'MODULE_PATHNAME', 'fci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fci(numeric, numeric) IS
    'facility condition index: backlog cost / current replacement value, as a ratio';

CREATE FUNCTION @extschema@.fci(backlog @extschema@.backlog, replacement_value numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT @extschema@.fci(@extschema@.total(backlog), replacement_value);
END;
COMMENT ON FUNCTION @extschema@.fci(@extschema@.backlog, numeric) IS
    'facility condition index of a backlog''s total over the current replacement value';

CREATE FUNCTION @extschema@.fci_band(fci numeric, fair_from numeric, poor_from numeric, critical_from numeric)
    RETURNS text
    AS 'MODULE_PATHNAME', 'fci_band' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fci_band(numeric, numeric, numeric, numeric) IS
    'good below fair_from, fair below poor_from, poor below critical_from, else critical';

CREATE FUNCTION @extschema@.fci_band(fci numeric) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT @extschema@.fci_band(fci, 0.05::numeric, 0.10::numeric, 0.30::numeric);
END;
COMMENT ON FUNCTION @extschema@.fci_band(numeric) IS
    'good (< 0.05), fair (0.05 to < 0.10), poor (0.10 to < 0.30) or critical (>= 0.30)';
