
-- ---------------------------------------------------------------------------
-- Risk scores and bands and condition-based risk
-- ---------------------------------------------------------------------------

COMMENT ON TYPE @extschema@.risk_band IS
    'NHS backlog risk category: low < moderate < significant < high';

CREATE FUNCTION @extschema@.risk_score(likelihood integer, consequence integer) RETURNS integer
    AS 'MODULE_PATHNAME', 'risk_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_score(integer, integer) IS
    'risk score likelihood x consequence (each 1-5), 1-25';

CREATE FUNCTION @extschema@.risk_band(likelihood integer, consequence integer) RETURNS @extschema@.risk_band
    AS 'MODULE_PATHNAME', 'risk_band_of_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_band(integer, integer) IS
    'risk band of likelihood x consequence on the NHS 5x5 matrix (low 1-3, moderate 4-6, significant 8-12, high 15-25)';

CREATE FUNCTION @extschema@.risk_band(score integer) RETURNS @extschema@.risk_band
    AS 'MODULE_PATHNAME', 'risk_band_of_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_band(integer) IS
    'risk band of a score 1-25 (low <= 3, moderate <= 7, significant <= 14, high >= 15)';

CREATE FUNCTION @extschema@.backlog_risk(grade @extschema@.condition_grade, consequence integer)
    RETURNS @extschema@.risk_band
    AS 'MODULE_PATHNAME', 'backlog_risk' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.backlog_risk(@extschema@.condition_grade, integer) IS
    'condition-based risk band: risk_band(failure_likelihood(grade), consequence); NULL for grades without condition backlog (A, B, B(C))';
