
-- ---------------------------------------------------------------------------
-- Condition grades
-- ---------------------------------------------------------------------------

COMMENT ON TYPE @extschema@.condition_grade IS
    'six-facet survey condition grade, best to worst: A < B < B(C) < C < CX < D < DX';

CREATE FUNCTION @extschema@.needs_backlog(grade @extschema@.condition_grade) RETURNS boolean
    AS 'MODULE_PATHNAME', 'needs_backlog' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.needs_backlog(@extschema@.condition_grade) IS
    'true for grades that carry condition backlog (C, CX, D, DX)';

CREATE FUNCTION @extschema@.failure_likelihood(grade @extschema@.condition_grade) RETURNS integer
    AS 'MODULE_PATHNAME', 'failure_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.failure_likelihood(@extschema@.condition_grade) IS
    'likelihood of failure 1-5 derived from a condition grade (A 1, B 2, B(C) 3, C/CX 4, D/DX 5; a modelling assumption)';
