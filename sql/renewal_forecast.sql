
-- ---------------------------------------------------------------------------
-- Renewal forecast: cost falling due per year over a horizon,
-- as numeric[], with a real state type and a combine function.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.renewal_forecast_state;

CREATE FUNCTION @extschema@.renewal_forecast_state_in(cstring) RETURNS @extschema@.renewal_forecast_state
    AS 'MODULE_PATHNAME', 'renewal_forecast_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.renewal_forecast_state_out(@extschema@.renewal_forecast_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'renewal_forecast_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.renewal_forecast_state_recv(internal) RETURNS @extschema@.renewal_forecast_state
    AS 'MODULE_PATHNAME', 'renewal_forecast_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.renewal_forecast_state_send(@extschema@.renewal_forecast_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'renewal_forecast_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Plain storage: a state is never packed or compressed, so it is always
-- aligned and updated in place.
CREATE TYPE @extschema@.renewal_forecast_state (
    INPUT = @extschema@.renewal_forecast_state_in,
    OUTPUT = @extschema@.renewal_forecast_state_out,
    RECEIVE = @extschema@.renewal_forecast_state_recv,
    SEND = @extschema@.renewal_forecast_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE @extschema@.renewal_forecast_state IS
    'partial state of renewal_forecast: parameters, element count and pence due per year';
COMMENT ON FUNCTION @extschema@.renewal_forecast_state_in(cstring) IS
    'text input of @extschema@.renewal_forecast_state';
COMMENT ON FUNCTION @extschema@.renewal_forecast_state_out(@extschema@.renewal_forecast_state) IS
    'text output of @extschema@.renewal_forecast_state';
COMMENT ON FUNCTION @extschema@.renewal_forecast_state_recv(internal) IS
    'binary input of @extschema@.renewal_forecast_state, validated';
COMMENT ON FUNCTION @extschema@.renewal_forecast_state_send(@extschema@.renewal_forecast_state) IS
    'binary output of @extschema@.renewal_forecast_state';

CREATE FUNCTION @extschema@.renewal_forecast_trans(@extschema@.renewal_forecast_state,
        installed_year integer, life_years integer, replacement_cost numeric,
        from_year integer, horizon integer)
    RETURNS @extschema@.renewal_forecast_state
    AS 'MODULE_PATHNAME', 'renewal_forecast_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.renewal_forecast_trans(@extschema@.renewal_forecast_state, integer, integer, numeric, integer, integer) IS
    'transition function of renewal_forecast without inflation';
CREATE FUNCTION @extschema@.renewal_forecast_trans(@extschema@.renewal_forecast_state,
        installed_year integer, life_years integer, replacement_cost numeric,
        from_year integer, horizon integer, inflation numeric)
    RETURNS @extschema@.renewal_forecast_state
    AS 'MODULE_PATHNAME', 'renewal_forecast_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.renewal_forecast_trans(@extschema@.renewal_forecast_state, integer, integer, numeric, integer, integer, numeric) IS
    'transition function of renewal_forecast with yearly inflation';
CREATE FUNCTION @extschema@.renewal_forecast_combine(@extschema@.renewal_forecast_state, @extschema@.renewal_forecast_state)
    RETURNS @extschema@.renewal_forecast_state
    AS 'MODULE_PATHNAME', 'renewal_forecast_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.renewal_forecast_combine(@extschema@.renewal_forecast_state, @extschema@.renewal_forecast_state) IS
    'combine function of renewal_forecast: adds two partial states with the same parameters';
CREATE FUNCTION @extschema@.renewal_forecast_final(@extschema@.renewal_forecast_state) RETURNS numeric[]
    AS 'MODULE_PATHNAME', 'renewal_forecast_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.renewal_forecast_final(@extschema@.renewal_forecast_state) IS
    'final function of renewal_forecast: cost due per year as numeric[], NULL when no element was given';

CREATE AGGREGATE @extschema@.renewal_forecast(installed_year integer, life_years integer,
        replacement_cost numeric, from_year integer, horizon integer) (
    SFUNC = @extschema@.renewal_forecast_trans,
    STYPE = @extschema@.renewal_forecast_state,
    FINALFUNC = @extschema@.renewal_forecast_final,
    COMBINEFUNC = @extschema@.renewal_forecast_combine,
    SSPACE = 160,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.renewal_forecast(integer, integer, numeric, integer, integer) IS
    'renewal cost falling due in each year from_year .. from_year + horizon - 1 (overdue renewals in the first year)';

CREATE AGGREGATE @extschema@.renewal_forecast(installed_year integer, life_years integer,
        replacement_cost numeric, from_year integer, horizon integer, inflation numeric) (
    SFUNC = @extschema@.renewal_forecast_trans,
    STYPE = @extschema@.renewal_forecast_state,
    FINALFUNC = @extschema@.renewal_forecast_final,
    COMBINEFUNC = @extschema@.renewal_forecast_combine,
    SSPACE = 160,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.renewal_forecast(integer, integer, numeric, integer, integer, numeric) IS
    'renewal cost falling due in each year, compounded by (1 + inflation)^(year - from_year), to the penny per element-year';
