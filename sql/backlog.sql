
-- ---------------------------------------------------------------------------
-- Backlog: @extschema@.backlog, five buckets of whole pence,
-- with operators, casts, accessors and the aggregates backlog_agg and sum.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.backlog;

CREATE FUNCTION @extschema@.backlog_in(cstring) RETURNS @extschema@.backlog
    AS 'MODULE_PATHNAME', 'backlog_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.backlog_out(@extschema@.backlog) RETURNS cstring
    AS 'MODULE_PATHNAME', 'backlog_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.backlog_recv(internal) RETURNS @extschema@.backlog
    AS 'MODULE_PATHNAME', 'backlog_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.backlog_send(@extschema@.backlog) RETURNS bytea
    AS 'MODULE_PATHNAME', 'backlog_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.backlog (
    INPUT = @extschema@.backlog_in,
    OUTPUT = @extschema@.backlog_out,
    RECEIVE = @extschema@.backlog_recv,
    SEND = @extschema@.backlog_send,
    INTERNALLENGTH = 40,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE @extschema@.backlog IS
    'cost to eradicate backlog by risk band (high, significant, moderate, low) plus unassessed cost, in whole pence';
COMMENT ON FUNCTION @extschema@.backlog_in(cstring) IS
    'text input of @extschema@.backlog: key=amount pairs, keys in any order, missing keys 0';
COMMENT ON FUNCTION @extschema@.backlog_out(@extschema@.backlog) IS
    'canonical text output of @extschema@.backlog';
COMMENT ON FUNCTION @extschema@.backlog_recv(internal) IS
    'binary input of @extschema@.backlog: version byte and five int64 pence, validated';
COMMENT ON FUNCTION @extschema@.backlog_send(@extschema@.backlog) IS
    'binary output of @extschema@.backlog: version byte and five int64 pence';

-- Comparison: by total, then high, significant, moderate, low, unassessed.
CREATE FUNCTION @extschema@.backlog_lt(@extschema@.backlog, @extschema@.backlog) RETURNS boolean
    AS 'MODULE_PATHNAME', 'backlog_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.backlog_le(@extschema@.backlog, @extschema@.backlog) RETURNS boolean
    AS 'MODULE_PATHNAME', 'backlog_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.backlog_eq(@extschema@.backlog, @extschema@.backlog) RETURNS boolean
    AS 'MODULE_PATHNAME', 'backlog_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.backlog_ne(@extschema@.backlog, @extschema@.backlog) RETURNS boolean
    AS 'MODULE_PATHNAME', 'backlog_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.backlog_ge(@extschema@.backlog, @extschema@.backlog) RETURNS boolean
    AS 'MODULE_PATHNAME', 'backlog_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.backlog_gt(@extschema@.backlog, @extschema@.backlog) RETURNS boolean
    AS 'MODULE_PATHNAME', 'backlog_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.backlog_cmp(@extschema@.backlog, @extschema@.backlog) RETURNS integer
    AS 'MODULE_PATHNAME', 'backlog_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.backlog_hash(@extschema@.backlog) RETURNS integer
    AS 'MODULE_PATHNAME', 'backlog_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.backlog_hash_extended(@extschema@.backlog, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME', 'backlog_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.backlog_lt(@extschema@.backlog, @extschema@.backlog) IS 'implementation of < for @extschema@.backlog';
COMMENT ON FUNCTION @extschema@.backlog_le(@extschema@.backlog, @extschema@.backlog) IS 'implementation of <= for @extschema@.backlog';
COMMENT ON FUNCTION @extschema@.backlog_eq(@extschema@.backlog, @extschema@.backlog) IS 'implementation of = for @extschema@.backlog (every bucket equal)';
COMMENT ON FUNCTION @extschema@.backlog_ne(@extschema@.backlog, @extschema@.backlog) IS 'implementation of <> for @extschema@.backlog';
COMMENT ON FUNCTION @extschema@.backlog_ge(@extschema@.backlog, @extschema@.backlog) IS 'implementation of >= for @extschema@.backlog';
COMMENT ON FUNCTION @extschema@.backlog_gt(@extschema@.backlog, @extschema@.backlog) IS 'implementation of > for @extschema@.backlog';
COMMENT ON FUNCTION @extschema@.backlog_cmp(@extschema@.backlog, @extschema@.backlog) IS
    'btree comparison of @extschema@.backlog: by total, then high, significant, moderate, low, unassessed';
COMMENT ON FUNCTION @extschema@.backlog_hash(@extschema@.backlog) IS 'hash of @extschema@.backlog for hash joins and aggregation';
COMMENT ON FUNCTION @extschema@.backlog_hash_extended(@extschema@.backlog, bigint) IS 'seeded 64-bit hash of @extschema@.backlog for hash partitioning';

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.backlog, RIGHTARG = @extschema@.backlog,
    FUNCTION = @extschema@.backlog_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.backlog, RIGHTARG = @extschema@.backlog,
    FUNCTION = @extschema@.backlog_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.backlog, RIGHTARG = @extschema@.backlog,
    FUNCTION = @extschema@.backlog_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.backlog, RIGHTARG = @extschema@.backlog,
    FUNCTION = @extschema@.backlog_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.backlog, RIGHTARG = @extschema@.backlog,
    FUNCTION = @extschema@.backlog_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.backlog, RIGHTARG = @extschema@.backlog,
    FUNCTION = @extschema@.backlog_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);

COMMENT ON OPERATOR @extschema@.< (@extschema@.backlog, @extschema@.backlog) IS 'backlog order (total first): less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.backlog, @extschema@.backlog) IS 'backlog order (total first): less than or equal';
COMMENT ON OPERATOR @extschema@.= (@extschema@.backlog, @extschema@.backlog) IS 'backlogs are equal in every bucket';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.backlog, @extschema@.backlog) IS 'backlogs differ in some bucket';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.backlog, @extschema@.backlog) IS 'backlog order (total first): greater than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.backlog, @extschema@.backlog) IS 'backlog order (total first): greater than';

CREATE OPERATOR CLASS @extschema@.backlog_ops
    DEFAULT FOR TYPE @extschema@.backlog USING btree AS
        OPERATOR 1 @extschema@.<,
        OPERATOR 2 @extschema@.<=,
        OPERATOR 3 @extschema@.=,
        OPERATOR 4 @extschema@.>=,
        OPERATOR 5 @extschema@.>,
        FUNCTION 1 @extschema@.backlog_cmp(@extschema@.backlog, @extschema@.backlog);

CREATE OPERATOR CLASS @extschema@.backlog_hash_ops
    DEFAULT FOR TYPE @extschema@.backlog USING hash AS
        OPERATOR 1 @extschema@.=,
        FUNCTION 1 @extschema@.backlog_hash(@extschema@.backlog),
        FUNCTION 2 @extschema@.backlog_hash_extended(@extschema@.backlog, bigint);

COMMENT ON OPERATOR CLASS @extschema@.backlog_ops USING btree IS
    'default btree operator class of @extschema@.backlog (by total, then by band, worst first)';
COMMENT ON OPERATOR CLASS @extschema@.backlog_hash_ops USING hash IS
    'default hash operator class of @extschema@.backlog (with extended hash for partitioning)';

-- Arithmetic.
CREATE FUNCTION @extschema@.backlog_add(@extschema@.backlog, @extschema@.backlog) RETURNS @extschema@.backlog
    AS 'MODULE_PATHNAME', 'backlog_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.backlog_add(@extschema@.backlog, @extschema@.backlog) IS
    'bucket-wise sum of two backlogs (22003 when a bucket leaves the int64 range of pence)';
CREATE FUNCTION @extschema@.backlog_mul(@extschema@.backlog, numeric) RETURNS @extschema@.backlog
    AS 'MODULE_PATHNAME', 'backlog_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.backlog_mul(@extschema@.backlog, numeric) IS
    'every bucket times a factor >= 0, rounded half away from zero to the penny';
CREATE FUNCTION @extschema@.numeric_mul_backlog(numeric, @extschema@.backlog) RETURNS @extschema@.backlog
    AS 'MODULE_PATHNAME', 'numeric_mul_backlog' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_mul_backlog(numeric, @extschema@.backlog) IS
    'a factor >= 0 times every bucket, rounded half away from zero to the penny';

CREATE OPERATOR @extschema@.+ (
    LEFTARG = @extschema@.backlog, RIGHTARG = @extschema@.backlog,
    FUNCTION = @extschema@.backlog_add, COMMUTATOR = OPERATOR(@extschema@.+)
);
CREATE OPERATOR @extschema@.* (
    LEFTARG = @extschema@.backlog, RIGHTARG = numeric,
    FUNCTION = @extschema@.backlog_mul, COMMUTATOR = OPERATOR(@extschema@.*)
);
CREATE OPERATOR @extschema@.* (
    LEFTARG = numeric, RIGHTARG = @extschema@.backlog,
    FUNCTION = @extschema@.numeric_mul_backlog, COMMUTATOR = OPERATOR(@extschema@.*)
);
COMMENT ON OPERATOR @extschema@.+ (@extschema@.backlog, @extschema@.backlog) IS 'bucket-wise sum of two backlogs';
COMMENT ON OPERATOR @extschema@.* (@extschema@.backlog, numeric) IS 'backlog scaled by a factor >= 0 (inflation), to the penny';
COMMENT ON OPERATOR @extschema@.* (numeric, @extschema@.backlog) IS 'backlog scaled by a factor >= 0 (inflation), to the penny';

CREATE FUNCTION @extschema@.delta(newer @extschema@.backlog, older @extschema@.backlog) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'backlog_delta' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.delta(@extschema@.backlog, @extschema@.backlog) IS
    'signed change per band from older to newer, with total and critical_infrastructure_risk, as jsonb numbers';

-- Casts to and from jsonb (explicit only: no implicit cast to text or numbers).
CREATE FUNCTION @extschema@.backlog_to_jsonb(@extschema@.backlog) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'backlog_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.backlog_to_jsonb(@extschema@.backlog) IS
    'the backlog as a jsonb object of numbers: the five buckets, total and critical_infrastructure_risk';
CREATE FUNCTION @extschema@.jsonb_to_backlog(jsonb) RETURNS @extschema@.backlog
    AS 'MODULE_PATHNAME', 'jsonb_to_backlog' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.jsonb_to_backlog(jsonb) IS
    'a backlog from a jsonb object with the five band keys (missing or null = 0); total and critical_infrastructure_risk, if present, must match';
CREATE CAST (@extschema@.backlog AS jsonb) WITH FUNCTION @extschema@.backlog_to_jsonb(@extschema@.backlog);
CREATE CAST (jsonb AS @extschema@.backlog) WITH FUNCTION @extschema@.jsonb_to_backlog(jsonb);

-- Constructors.
CREATE FUNCTION @extschema@.backlog(high numeric, significant numeric, moderate numeric, low numeric)
    RETURNS @extschema@.backlog
    AS 'MODULE_PATHNAME', 'backlog_of_bands' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.backlog(numeric, numeric, numeric, numeric) IS
    'a backlog from its four band costs: NULL when all four are NULL, otherwise NULL parts count as 0';
CREATE FUNCTION @extschema@.backlog(band @extschema@.risk_band, cost numeric) RETURNS @extschema@.backlog
    AS 'MODULE_PATHNAME', 'backlog_of_cost' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.backlog(@extschema@.risk_band, numeric) IS
    'a backlog of one cost in one band: NULL band is unassessed, NULL cost gives NULL';

-- Accessors.
CREATE FUNCTION @extschema@.cost(backlog @extschema@.backlog, band @extschema@.risk_band) RETURNS numeric
    AS 'MODULE_PATHNAME', 'backlog_cost' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cost(@extschema@.backlog, @extschema@.risk_band) IS
    'the cost in one risk band, in pounds';
CREATE FUNCTION @extschema@.unassessed(backlog @extschema@.backlog) RETURNS numeric
    AS 'MODULE_PATHNAME', 'backlog_unassessed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unassessed(@extschema@.backlog) IS
    'the cost whose risk band is not known, in pounds';
CREATE FUNCTION @extschema@.total(backlog @extschema@.backlog) RETURNS numeric
    AS 'MODULE_PATHNAME', 'backlog_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.total(@extschema@.backlog) IS
    'all five buckets together, in pounds (exact, never overflows)';
CREATE FUNCTION @extschema@.critical_infrastructure_risk(backlog @extschema@.backlog) RETURNS numeric
    AS 'MODULE_PATHNAME', 'backlog_critical' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.critical_infrastructure_risk(@extschema@.backlog) IS
    'critical infrastructure risk as ERIC defines it: high + significant, in pounds';

CREATE FUNCTION @extschema@.backlog_rows(backlog @extschema@.backlog) RETURNS TABLE(band text, cost numeric)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT r.band, r.cost
    FROM (VALUES (1, 'high'::text, @extschema@.cost(backlog, 'high'::@extschema@.risk_band)),
                 (2, 'significant'::text, @extschema@.cost(backlog, 'significant'::@extschema@.risk_band)),
                 (3, 'moderate'::text, @extschema@.cost(backlog, 'moderate'::@extschema@.risk_band)),
                 (4, 'low'::text, @extschema@.cost(backlog, 'low'::@extschema@.risk_band)),
                 (5, 'unassessed'::text, @extschema@.unassessed(backlog))) AS r(k, band, cost)
    ORDER BY r.k;
END;
COMMENT ON FUNCTION @extschema@.backlog_rows(@extschema@.backlog) IS
    'one row per bucket (high, significant, moderate, low, unassessed) with its cost, for BI pivots';

-- Aggregates: the state is the backlog itself, updated in place.
CREATE FUNCTION @extschema@.backlog_agg_trans(@extschema@.backlog, @extschema@.risk_band, numeric)
    RETURNS @extschema@.backlog
    AS 'MODULE_PATHNAME', 'backlog_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.backlog_agg_trans(@extschema@.backlog, @extschema@.risk_band, numeric) IS
    'transition function of backlog_agg: adds one cost to its band (NULL band: unassessed; NULL cost: skipped)';

CREATE AGGREGATE @extschema@.backlog_agg(band @extschema@.risk_band, cost numeric) (
    SFUNC = @extschema@.backlog_agg_trans,
    STYPE = @extschema@.backlog,
    COMBINEFUNC = @extschema@.backlog_add,
    SSPACE = 40,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.backlog_agg(@extschema@.risk_band, numeric) IS
    'backlog by risk band over element rows, exact to the penny; NULL when no cost is given';

CREATE AGGREGATE @extschema@.sum(@extschema@.backlog) (
    SFUNC = @extschema@.backlog_add,
    STYPE = @extschema@.backlog,
    COMBINEFUNC = @extschema@.backlog_add,
    SSPACE = 40,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.sum(@extschema@.backlog) IS
    'bucket-wise sum of backlogs, for roll-ups (site, trust, ICS)';
