
-- ---------------------------------------------------------------------------
-- Core hours: the weekly hours a room is meant to be available,
-- in an IANA time zone, and the core hours inside a span.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.core_hours;

CREATE FUNCTION @extschema@.core_hours_in(cstring) RETURNS @extschema@.core_hours
    AS 'MODULE_PATHNAME', 'core_hours_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.core_hours_out(@extschema@.core_hours) RETURNS cstring
    AS 'MODULE_PATHNAME', 'core_hours_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.core_hours_recv(internal) RETURNS @extschema@.core_hours
    AS 'MODULE_PATHNAME', 'core_hours_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.core_hours_send(@extschema@.core_hours) RETURNS bytea
    AS 'MODULE_PATHNAME', 'core_hours_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.core_hours (
    INPUT = @extschema@.core_hours_in,
    OUTPUT = @extschema@.core_hours_out,
    RECEIVE = @extschema@.core_hours_recv,
    SEND = @extschema@.core_hours_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);

COMMENT ON TYPE @extschema@.core_hours IS
    'weekly core hours in an IANA time zone, e.g. ''Mon-Fri 08:00-18:00, Sat 09:00-13:00 Europe/London''';
COMMENT ON FUNCTION @extschema@.core_hours_in(cstring) IS
    'text input of estate.core_hours: groups DAYS HH:MM-HH:MM separated by , or ;, then an optional IANA zone (default Europe/London)';
COMMENT ON FUNCTION @extschema@.core_hours_out(@extschema@.core_hours) IS
    'canonical text output of estate.core_hours (days grouped, segments merged, zone spelled canonically)';
COMMENT ON FUNCTION @extschema@.core_hours_recv(internal) IS
    'binary input of estate.core_hours: the versioned stored form, validated like text input';
COMMENT ON FUNCTION @extschema@.core_hours_send(@extschema@.core_hours) IS
    'binary output of estate.core_hours: the versioned stored form';

CREATE FUNCTION @extschema@.available_hours(span tstzrange, core @extschema@.core_hours)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'available_hours' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.available_hours(tstzrange, @extschema@.core_hours) IS
    'elapsed core hours inside a bounded span, local boundaries converted as AT TIME ZONE does';

CREATE FUNCTION @extschema@.available_hours(span tstzrange, core @extschema@.core_hours, closed date[])
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'available_hours_closed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.available_hours(tstzrange, @extschema@.core_hours, date[]) IS
    'elapsed core hours inside a bounded span, without the segments that start on the closed local dates';
