
-- ---------------------------------------------------------------------------
-- Space utilisation: utilisation = frequency x occupancy from
-- bookings or sensor readings, when space is used, room status and
-- floor-area shares.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.utilisation AS (
    hours_available double precision,
    hours_in_use double precision,
    frequency double precision,
    occupancy double precision,
    rate double precision,
    peak_headcount integer
);
COMMENT ON TYPE @extschema@.utilisation IS
    'utilisation of one room over a span: rate = frequency x occupancy (UK HE Space Management Group)';
COMMENT ON COLUMN @extschema@.utilisation.hours_available IS 'core hours in the span';
COMMENT ON COLUMN @extschema@.utilisation.hours_in_use IS 'core hours in the span during which the room was in use (overlaps counted once)';
COMMENT ON COLUMN @extschema@.utilisation.frequency IS 'hours_in_use / hours_available; NULL when no core hours';
COMMENT ON COLUMN @extschema@.utilisation.occupancy IS 'person-hours / (capacity x hours in use with a known headcount); may exceed 1';
COMMENT ON COLUMN @extschema@.utilisation.rate IS 'person-hours / (capacity x hours_available); 0 for an unused room';
COMMENT ON COLUMN @extschema@.utilisation.peak_headcount IS 'highest simultaneous known headcount in core hours';

CREATE TYPE @extschema@.space_shares AS (
    non_clinical_share double precision,
    unoccupied_share double precision,
    meets_non_clinical_target boolean,
    meets_unoccupied_target boolean
);
COMMENT ON TYPE @extschema@.space_shares IS
    'floor-area shares against Lord Carter''s targets for acute trusts';
COMMENT ON COLUMN @extschema@.space_shares.non_clinical_share IS 'non-clinical / (clinical + non-clinical) floor area';
COMMENT ON COLUMN @extschema@.space_shares.unoccupied_share IS '(empty + under-used) / gross internal floor area';
COMMENT ON COLUMN @extschema@.space_shares.meets_non_clinical_target IS 'non_clinical_share <= target (Carter: 35%)';
COMMENT ON COLUMN @extschema@.space_shares.meets_unoccupied_target IS 'unoccupied_share <= target (Carter: 2.5%)';

-- The aggregate state: a real type, so that Citus can push the aggregates
-- down and ship partial states as text.
CREATE TYPE @extschema@.utilisation_state;

CREATE FUNCTION @extschema@.utilisation_state_in(cstring) RETURNS @extschema@.utilisation_state
    AS 'MODULE_PATHNAME', 'utilisation_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.utilisation_state_out(@extschema@.utilisation_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'utilisation_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.utilisation_state_recv(internal) RETURNS @extschema@.utilisation_state
    AS 'MODULE_PATHNAME', 'utilisation_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.utilisation_state_send(@extschema@.utilisation_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'utilisation_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.utilisation_state (
    INPUT = @extschema@.utilisation_state_in,
    OUTPUT = @extschema@.utilisation_state_out,
    RECEIVE = @extschema@.utilisation_state_recv,
    SEND = @extschema@.utilisation_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);

COMMENT ON TYPE @extschema@.utilisation_state IS
    'partial state of estate.space_utilisation and estate.utilisation_heatmap: a room''s capacity, span, core hours, closed dates and periods in use';
COMMENT ON FUNCTION @extschema@.utilisation_state_in(cstring) IS
    'text input of estate.utilisation_state (the form Citus ships between nodes), validated';
COMMENT ON FUNCTION @extschema@.utilisation_state_out(@extschema@.utilisation_state) IS
    'text output of estate.utilisation_state: integer microseconds, exact round trip';
COMMENT ON FUNCTION @extschema@.utilisation_state_recv(internal) IS
    'binary input of estate.utilisation_state, validated like text input';
COMMENT ON FUNCTION @extschema@.utilisation_state_send(@extschema@.utilisation_state) IS
    'binary output of estate.utilisation_state';

-- Transition functions, one per form; not STRICT, so that a row with a NULL
-- period still makes its group (a room with no bookings has a rate of 0).
CREATE FUNCTION @extschema@.utilisation_transfn(state @extschema@.utilisation_state,
        period tstzrange, headcount integer, capacity integer,
        core @extschema@.core_hours, span tstzrange)
    RETURNS @extschema@.utilisation_state
    AS 'MODULE_PATHNAME', 'utilisation_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.utilisation_transfn(state @extschema@.utilisation_state,
        period tstzrange, headcount integer, capacity integer,
        core @extschema@.core_hours, span tstzrange, closed date[])
    RETURNS @extschema@.utilisation_state
    AS 'MODULE_PATHNAME', 'utilisation_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.utilisation_transfn(state @extschema@.utilisation_state,
        period tstzrange, headcount integer, capacity integer, span tstzrange)
    RETURNS @extschema@.utilisation_state
    AS 'MODULE_PATHNAME', 'utilisation_transfn_setting' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.utilisation_combine(@extschema@.utilisation_state, @extschema@.utilisation_state)
    RETURNS @extschema@.utilisation_state
    AS 'MODULE_PATHNAME', 'utilisation_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.utilisation_final(@extschema@.utilisation_state)
    RETURNS @extschema@.utilisation
    AS 'MODULE_PATHNAME', 'utilisation_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.heatmap_final(@extschema@.utilisation_state)
    RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'heatmap_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.utilisation_transfn(@extschema@.utilisation_state, tstzrange, integer, integer, @extschema@.core_hours, tstzrange) IS
    'transition function of estate.space_utilisation and estate.utilisation_heatmap';
COMMENT ON FUNCTION @extschema@.utilisation_transfn(@extschema@.utilisation_state, tstzrange, integer, integer, @extschema@.core_hours, tstzrange, date[]) IS
    'transition function of the closed-dates forms of estate.space_utilisation and estate.utilisation_heatmap';
COMMENT ON FUNCTION @extschema@.utilisation_transfn(@extschema@.utilisation_state, tstzrange, integer, integer, tstzrange) IS
    'transition function of the forms that read the setting estate.core_hours';
COMMENT ON FUNCTION @extschema@.utilisation_combine(@extschema@.utilisation_state, @extschema@.utilisation_state) IS
    'combine function of estate.space_utilisation and estate.utilisation_heatmap (parallel and distributed)';
COMMENT ON FUNCTION @extschema@.utilisation_final(@extschema@.utilisation_state) IS
    'final function of estate.space_utilisation: sweeps the periods against core hours';
COMMENT ON FUNCTION @extschema@.heatmap_final(@extschema@.utilisation_state) IS
    'final function of estate.utilisation_heatmap: utilisation rate per local weekday-hour';

CREATE FUNCTION @extschema@.heatmap_rows(heatmap double precision[])
    RETURNS TABLE (weekday integer, weekday_name text, hour integer, rate double precision)
    AS 'MODULE_PATHNAME', 'heatmap_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 168;
COMMENT ON FUNCTION @extschema@.heatmap_rows(double precision[]) IS
    'one row per heatmap cell (weekday 1 = Monday .. 7 = Sunday, local clock hour 0-23), for BI tools';

CREATE FUNCTION @extschema@.room_status(u @extschema@.utilisation, underused_rate double precision)
    RETURNS text
    AS 'MODULE_PATHNAME', 'room_status' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.room_status(@extschema@.utilisation, double precision) IS
    'unused, over-capacity, under-used (rate below the threshold) or well-used: the first that applies';

CREATE FUNCTION @extschema@.room_status(u @extschema@.utilisation)
    RETURNS text
    AS 'MODULE_PATHNAME', 'room_status_setting' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.room_status(@extschema@.utilisation) IS
    'room status with the threshold of the setting estate.underused_rate (default 0.25, a local-policy default)';

CREATE FUNCTION @extschema@.space_profile(gross_internal_area numeric, clinical_area numeric,
        non_clinical_area numeric, empty_area numeric, underused_area numeric,
        target_non_clinical_share double precision, target_unoccupied_share double precision)
    RETURNS @extschema@.space_shares
    AS 'MODULE_PATHNAME', 'space_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.space_profile(numeric, numeric, numeric, numeric, numeric, double precision, double precision) IS
    'non-clinical and unoccupied floor-area shares (areas in m2) against the given targets';

CREATE FUNCTION @extschema@.space_profile(gross_internal_area numeric, clinical_area numeric,
        non_clinical_area numeric, empty_area numeric, underused_area numeric)
    RETURNS @extschema@.space_shares
    AS 'MODULE_PATHNAME', 'space_profile_setting' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.space_profile(numeric, numeric, numeric, numeric, numeric) IS
    'floor-area shares against the settings estate.target_non_clinical_share and estate.target_unoccupied_share (Carter: 35%, 2.5%)';
