
-- ---------------------------------------------------------------------------
-- Investment scenarios: what a budget does to backlog and risk year by year,
-- and what is funded first.  A scenario (composite), the aggregate
-- plan_investment in a grade form and a band form over a real state type,
-- the plan it returns, and plan_years / plan_items to read it.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.investment_scenario AS (
    from_year integer,
    annual_budget numeric,
    budgets numeric[],
    horizon integer,
    inflation numeric,
    years_per_grade integer,
    escalation numeric,
    strategy text,
    carry_over boolean,
    replacement_value numeric
);
COMMENT ON TYPE @extschema@.investment_scenario IS
    'an investment scenario for estate.plan_investment: build it with estate.investment_scenario(from_year => ..., annual_budget => ...)';
COMMENT ON COLUMN @extschema@.investment_scenario.from_year IS 'first year of the plan (2025 stands for 2025/26 in NHS financial years)';
COMMENT ON COLUMN @extschema@.investment_scenario.annual_budget IS 'the same budget every year, cash in each year''s prices (or NULL with budgets)';
COMMENT ON COLUMN @extschema@.investment_scenario.budgets IS 'one budget per year, horizon elements (or NULL with annual_budget)';
COMMENT ON COLUMN @extschema@.investment_scenario.horizon IS 'years planned, 1-100';
COMMENT ON COLUMN @extschema@.investment_scenario.inflation IS 'yearly cost inflation above -1, e.g. 0.03';
COMMENT ON COLUMN @extschema@.investment_scenario.years_per_grade IS 'years an unfunded item takes to fall one grade (B(C) to C to D, CX to DX); NULL: no deterioration';
COMMENT ON COLUMN @extschema@.investment_scenario.escalation IS 'cost increase when an item in backlog falls a grade (C to D, CX to DX), >= 0';
COMMENT ON COLUMN @extschema@.investment_scenario.strategy IS 'highest_risk_first, strict_risk_order or most_risk_per_pound';
COMMENT ON COLUMN @extschema@.investment_scenario.carry_over IS 'whether money left unspent is added to the next year (optimistic for NHS capital)';
COMMENT ON COLUMN @extschema@.investment_scenario.replacement_value IS 'current replacement value at from_year prices for the FCI, >= 0.01, or NULL';

CREATE FUNCTION @extschema@.investment_scenario(from_year integer,
        annual_budget numeric DEFAULT NULL::numeric,
        budgets numeric[] DEFAULT NULL::numeric[],
        horizon integer DEFAULT 10,
        inflation numeric DEFAULT 0::numeric,
        years_per_grade integer DEFAULT 5,
        escalation numeric DEFAULT 0::numeric,
        strategy text DEFAULT 'highest_risk_first'::text,
        carry_over boolean DEFAULT false,
        replacement_value numeric DEFAULT NULL::numeric)
    RETURNS @extschema@.investment_scenario
    AS 'MODULE_PATHNAME', 'investment_scenario' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.investment_scenario(integer, numeric, numeric[], integer, numeric, integer, numeric, text, boolean, numeric) IS
    'a validated investment scenario (call with named arguments; exactly one of annual_budget and budgets)';

-- The aggregate state: a real type, so Citus can push the aggregates down
-- and ship partial states as text.
CREATE TYPE @extschema@.investment_plan_state;

CREATE FUNCTION @extschema@.investment_plan_state_in(cstring) RETURNS @extschema@.investment_plan_state
    AS 'MODULE_PATHNAME', 'investment_plan_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.investment_plan_state_out(@extschema@.investment_plan_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'investment_plan_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.investment_plan_state_recv(internal) RETURNS @extschema@.investment_plan_state
    AS 'MODULE_PATHNAME', 'investment_plan_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.investment_plan_state_send(@extschema@.investment_plan_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'investment_plan_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.investment_plan_state (
    INPUT = @extschema@.investment_plan_state_in,
    OUTPUT = @extschema@.investment_plan_state_out,
    RECEIVE = @extschema@.investment_plan_state_recv,
    SEND = @extschema@.investment_plan_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.investment_plan_state IS
    'partial state of estate.plan_investment: the scenario, the form and the items kept';
COMMENT ON FUNCTION @extschema@.investment_plan_state_in(cstring) IS
    'text input of estate.investment_plan_state (the form Citus ships between nodes), validated';
COMMENT ON FUNCTION @extschema@.investment_plan_state_out(@extschema@.investment_plan_state) IS
    'text output of estate.investment_plan_state: exact round trip';
COMMENT ON FUNCTION @extschema@.investment_plan_state_recv(internal) IS
    'binary input of estate.investment_plan_state, validated like text input';
COMMENT ON FUNCTION @extschema@.investment_plan_state_send(@extschema@.investment_plan_state) IS
    'binary output of estate.investment_plan_state';

CREATE TYPE @extschema@.investment_plan;

CREATE FUNCTION @extschema@.investment_plan_in(cstring) RETURNS @extschema@.investment_plan
    AS 'MODULE_PATHNAME', 'investment_plan_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.investment_plan_out(@extschema@.investment_plan) RETURNS cstring
    AS 'MODULE_PATHNAME', 'investment_plan_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.investment_plan_recv(internal) RETURNS @extschema@.investment_plan
    AS 'MODULE_PATHNAME', 'investment_plan_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.investment_plan_send(@extschema@.investment_plan) RETURNS bytea
    AS 'MODULE_PATHNAME', 'investment_plan_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.investment_plan (
    INPUT = @extschema@.investment_plan_in,
    OUTPUT = @extschema@.investment_plan_out,
    RECEIVE = @extschema@.investment_plan_recv,
    SEND = @extschema@.investment_plan_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.investment_plan IS
    'the result of estate.plan_investment: money and backlog per year, and each item''s outcome; read it with estate.plan_years and estate.plan_items';
COMMENT ON FUNCTION @extschema@.investment_plan_in(cstring) IS
    'text input of estate.investment_plan, validated (the years must agree with the items)';
COMMENT ON FUNCTION @extschema@.investment_plan_out(@extschema@.investment_plan) IS
    'text output of estate.investment_plan: exact round trip';
COMMENT ON FUNCTION @extschema@.investment_plan_recv(internal) IS
    'binary input of estate.investment_plan, validated like text input';
COMMENT ON FUNCTION @extschema@.investment_plan_send(@extschema@.investment_plan) IS
    'binary output of estate.investment_plan';

-- Transition functions, one per form; not STRICT: a NULL cost skips the row
-- but its scenario is still checked, and NULL item data is reported.
CREATE FUNCTION @extschema@.investment_plan_transfn(state @extschema@.investment_plan_state,
        item_id text, grade @extschema@.condition_grade, consequence integer, cost numeric,
        scenario @extschema@.investment_scenario)
    RETURNS @extschema@.investment_plan_state
    AS 'MODULE_PATHNAME', 'investment_plan_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.investment_plan_transfn(@extschema@.investment_plan_state, text, @extschema@.condition_grade, integer, numeric, @extschema@.investment_scenario) IS
    'transition function of estate.plan_investment over survey rows (grade and consequence)';
CREATE FUNCTION @extschema@.investment_plan_transfn(state @extschema@.investment_plan_state,
        item_id text, band @extschema@.risk_band, cost numeric,
        scenario @extschema@.investment_scenario)
    RETURNS @extschema@.investment_plan_state
    AS 'MODULE_PATHNAME', 'investment_plan_band_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.investment_plan_transfn(@extschema@.investment_plan_state, text, @extschema@.risk_band, numeric, @extschema@.investment_scenario) IS
    'transition function of estate.plan_investment over rows whose risk band is known';
CREATE FUNCTION @extschema@.investment_plan_combine(@extschema@.investment_plan_state, @extschema@.investment_plan_state)
    RETURNS @extschema@.investment_plan_state
    AS 'MODULE_PATHNAME', 'investment_plan_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.investment_plan_combine(@extschema@.investment_plan_state, @extschema@.investment_plan_state) IS
    'combine function of estate.plan_investment (parallel and distributed): the items of both, one scenario';
CREATE FUNCTION @extschema@.investment_plan_final(@extschema@.investment_plan_state)
    RETURNS @extschema@.investment_plan
    AS 'MODULE_PATHNAME', 'investment_plan_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.investment_plan_final(@extschema@.investment_plan_state) IS
    'final function of estate.plan_investment: simulates the years; NULL when no row was kept';

CREATE AGGREGATE @extschema@.plan_investment(item_id text, grade @extschema@.condition_grade,
        consequence integer, cost numeric, scenario @extschema@.investment_scenario) (
    SFUNC = @extschema@.investment_plan_transfn,
    STYPE = @extschema@.investment_plan_state,
    SSPACE = 2048,
    COMBINEFUNC = @extschema@.investment_plan_combine,
    FINALFUNC = @extschema@.investment_plan_final,
    FINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.plan_investment(text, @extschema@.condition_grade, integer, numeric, @extschema@.investment_scenario) IS
    'what the scenario''s budget does to backlog and risk year by year, over survey rows (cost to bring back to B at from_year prices); grades deteriorate';
CREATE AGGREGATE @extschema@.plan_investment(item_id text, band @extschema@.risk_band,
        cost numeric, scenario @extschema@.investment_scenario) (
    SFUNC = @extschema@.investment_plan_transfn,
    STYPE = @extschema@.investment_plan_state,
    SSPACE = 2048,
    COMBINEFUNC = @extschema@.investment_plan_combine,
    FINALFUNC = @extschema@.investment_plan_final,
    FINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.plan_investment(text, @extschema@.risk_band, numeric, @extschema@.investment_scenario) IS
    'what the scenario''s budget does to backlog and risk year by year, over rows whose band is known (e.g. ERIC items); bands never change';

CREATE FUNCTION @extschema@.plan_years(plan @extschema@.investment_plan)
    RETURNS TABLE (year integer, available numeric, spent numeric, items_funded bigint,
                   arising numeric, high numeric, significant numeric, moderate numeric,
                   low numeric, unassessed numeric, total numeric,
                   critical_infrastructure_risk numeric, items_waiting bigint, fci numeric)
    AS 'MODULE_PATHNAME', 'plan_years' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION @extschema@.plan_years(@extschema@.investment_plan) IS
    'one row per year of a plan: money available and spent, backlog arising, backlog left at year end by band, CIR, items waiting, FCI';

CREATE FUNCTION @extschema@.plan_items(plan @extschema@.investment_plan)
    RETURNS TABLE (item_id text, entered_year integer, funded_year integer, cost_paid numeric,
                   grade @extschema@.condition_grade, band @extschema@.risk_band)
    AS 'MODULE_PATHNAME', 'plan_items' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.plan_items(@extschema@.investment_plan) IS
    'one row per item of a plan, in item_id byte order: when it entered the backlog, when it was funded and at what cost, its grade and band then or at the horizon''s end';

-- ERIC as items: each site return's four band costs, one item each, so an
-- ICS can plan from the national return with the band form of
-- plan_investment, one financial year at a time.
CREATE VIEW @extschema@.eric_backlog_items WITH (security_invoker = true) AS
SELECT s.financial_year::integer AS financial_year, s.year_label, s.trust_code, s.site_code,
       s.trust_code OPERATOR(pg_catalog.||) ':'::text OPERATOR(pg_catalog.||) s.site_code
           OPERATOR(pg_catalog.||) ':'::text OPERATOR(pg_catalog.||) b.band AS item_id,
       b.band, b.cost::numeric(16,2) AS cost_gbp
FROM @extschema@.eric_site AS s
CROSS JOIN LATERAL (VALUES ('high'::text, s.backlog_high_risk_gbp),
                           ('significant'::text, s.backlog_significant_risk_gbp),
                           ('moderate'::text, s.backlog_moderate_risk_gbp),
                           ('low'::text, s.backlog_low_risk_gbp)) AS b(band, cost);
COMMENT ON VIEW @extschema@.eric_backlog_items IS
    'ERIC site returns as backlog items, one per site and risk band, for estate.plan_investment(item_id, band::estate.risk_band, cost_gbp, scenario) over one financial year';
COMMENT ON COLUMN @extschema@.eric_backlog_items.financial_year IS 'starting year of the financial year (2015 for 2015/16)';
COMMENT ON COLUMN @extschema@.eric_backlog_items.year_label IS 'financial year as published, e.g. 2015/16';
COMMENT ON COLUMN @extschema@.eric_backlog_items.trust_code IS 'ODS code of the trust';
COMMENT ON COLUMN @extschema@.eric_backlog_items.site_code IS 'ODS site code; AGGRE is the trust''s aggregate of small sites';
COMMENT ON COLUMN @extschema@.eric_backlog_items.item_id IS 'trust code:site code:band, unique within a financial year';
COMMENT ON COLUMN @extschema@.eric_backlog_items.band IS 'risk band of the cost: high, significant, moderate or low';
COMMENT ON COLUMN @extschema@.eric_backlog_items.cost_gbp IS 'cost to eradicate the site''s backlog in that band, GBP (NULL when not reported)';
GRANT SELECT ON @extschema@.eric_backlog_items TO PUBLIC;
