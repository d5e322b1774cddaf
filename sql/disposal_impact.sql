
-- ---------------------------------------------------------------------------
-- What a disposal programme releases: estate.disposal_impact, an aggregate
-- that also runs as a window over candidates in score order (docs/disposal_impact.md)
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.disposal_impact_state;

CREATE FUNCTION @extschema@.disposal_impact_state_in(cstring) RETURNS @extschema@.disposal_impact_state
    AS 'MODULE_PATHNAME', 'disposal_impact_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disposal_impact_state_out(@extschema@.disposal_impact_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'disposal_impact_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disposal_impact_state_recv(internal) RETURNS @extschema@.disposal_impact_state
    AS 'MODULE_PATHNAME', 'disposal_impact_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disposal_impact_state_send(@extschema@.disposal_impact_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'disposal_impact_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.disposal_impact_state (
    INPUT = @extschema@.disposal_impact_state_in,
    OUTPUT = @extschema@.disposal_impact_state_out,
    RECEIVE = @extschema@.disposal_impact_state_recv,
    SEND = @extschema@.disposal_impact_state_send,
    INTERNALLENGTH = 96,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.disposal_impact_state IS
    'state of estate.disposal_impact: sites, floor area released, backlog, running cost and carbon, exact in hundredths';
COMMENT ON FUNCTION @extschema@.disposal_impact_state_in(cstring) IS
    'text input of @extschema@.disposal_impact_state, as its output writes it';
COMMENT ON FUNCTION @extschema@.disposal_impact_state_out(@extschema@.disposal_impact_state) IS
    'text output of @extschema@.disposal_impact_state';
COMMENT ON FUNCTION @extschema@.disposal_impact_state_recv(internal) IS
    'binary input of @extschema@.disposal_impact_state, validated';
COMMENT ON FUNCTION @extschema@.disposal_impact_state_send(@extschema@.disposal_impact_state) IS
    'binary output of @extschema@.disposal_impact_state';

CREATE TYPE @extschema@.disposal_impact_result AS (
    sites               bigint,
    floor_area_released numeric,
    retained_floor_area numeric,
    backlog_avoided     @extschema@.backlog,
    running_cost_saved  numeric,
    carbon_saved_kg     numeric,
    in_programme        boolean
);
COMMENT ON TYPE @extschema@.disposal_impact_result IS
    'what disposing of the sites so far releases; in_programme is false once the retained floor area would fall below the minimum';

CREATE FUNCTION @extschema@.disposal_impact_trans(@extschema@.disposal_impact_state, numeric,
                                                  @extschema@.backlog, numeric, numeric, numeric, numeric)
    RETURNS @extschema@.disposal_impact_state
    AS 'MODULE_PATHNAME', 'disposal_impact_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.disposal_impact_trans(@extschema@.disposal_impact_state, numeric,
                                                      @extschema@.backlog, numeric, numeric, numeric, numeric) IS
    'transition function of disposal_impact: adds one candidate site';

CREATE FUNCTION @extschema@.disposal_impact_combine(@extschema@.disposal_impact_state, @extschema@.disposal_impact_state)
    RETURNS @extschema@.disposal_impact_state
    AS 'MODULE_PATHNAME', 'disposal_impact_combine' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.disposal_impact_combine(@extschema@.disposal_impact_state, @extschema@.disposal_impact_state) IS
    'combine function of disposal_impact: adds two partial states of the same estate';

CREATE FUNCTION @extschema@.disposal_impact_final(@extschema@.disposal_impact_state)
    RETURNS @extschema@.disposal_impact_result
    AS 'MODULE_PATHNAME', 'disposal_impact_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.disposal_impact_final(@extschema@.disposal_impact_state) IS
    'final function of disposal_impact: the impact so far, and whether the retained floor area still meets the minimum';

-- Aggregates take no defaults or named arguments: call it positionally.
CREATE AGGREGATE @extschema@.disposal_impact(floor_area numeric, backlog @extschema@.backlog, running_cost numeric,
                                             carbon_kg numeric, estate_floor_area numeric,
                                             minimum_retained_area numeric) (
    SFUNC = @extschema@.disposal_impact_trans,
    STYPE = @extschema@.disposal_impact_state,
    FINALFUNC = @extschema@.disposal_impact_final,
    COMBINEFUNC = @extschema@.disposal_impact_combine,
    SSPACE = 96,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.disposal_impact(numeric, @extschema@.backlog, numeric, numeric, numeric, numeric) IS
    'floor area released, backlog avoided, running cost and carbon saved by disposing of the sites; over (ORDER BY score DESC) the running impact, in_programme until the retained floor area would fall below the minimum';
