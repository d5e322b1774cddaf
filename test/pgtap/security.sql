-- Installation safety (SPEC 1): trusted install by a non-superuser, objects
-- planted in schema estate beforehand, and a hostile search_path.
BEGIN;
SELECT plan(23);

DROP EXTENSION estate;
DROP SCHEMA estate;
CREATE ROLE estate_analyst;
CREATE ROLE estate_mallory;
GRANT CREATE ON DATABASE estate_test TO estate_analyst, estate_mallory;
GRANT USAGE ON SCHEMA public TO estate_analyst, estate_mallory;

-- 1. A schema owned by another ordinary role is refused.
SET ROLE estate_mallory;
CREATE SCHEMA estate;
RESET ROLE;
SET ROLE estate_analyst;
SELECT throws_ok('CREATE EXTENSION estate', '42501',
                 'schema "estate" is owned by role "estate_mallory", not by the installing role',
                 'CREATE EXTENSION refuses a schema owned by another role');
RESET ROLE;
DROP SCHEMA estate;

-- 2. A schema a superuser made, where a careless grant let mallory plant
--    look-alike functions and operators.
CREATE SCHEMA estate;
GRANT USAGE, CREATE ON SCHEMA estate TO estate_mallory;
SET ROLE estate_mallory;
CREATE FUNCTION estate.risk_score(bigint, bigint) RETURNS integer LANGUAGE sql AS 'SELECT 999';
CREATE FUNCTION estate.risk_band(numeric) RETURNS text LANGUAGE sql AS $$SELECT 'pwned'$$;
CREATE FUNCTION estate.owner_lies(oid, regrole) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE OPERATOR estate.<> (LEFTARG = oid, RIGHTARG = regrole, FUNCTION = estate.owner_lies);
CREATE FUNCTION estate.oid_lies(oid, regnamespace) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR estate.= (LEFTARG = oid, RIGHTARG = regnamespace, FUNCTION = estate.oid_lies);
RESET ROLE;

-- 3. A non-superuser installs the trusted extension.
SET ROLE estate_analyst;
SELECT lives_ok('CREATE EXTENSION estate', 'a non-superuser can create the (trusted) extension');
SELECT is((SELECT extowner::regrole::text FROM pg_extension WHERE extname = 'estate'), 'estate_analyst',
          'the extension belongs to the role that created it');
SELECT is(estate.risk_score(2, 3), 6, 'risk_score ignores a planted bigint overload');
SELECT is(estate.risk_band(16)::text, 'high', 'risk_band(score) ignores a planted numeric overload');
SELECT is(estate.backlog_risk('D', 3)::text, 'high', 'backlog_risk computes as specified');
SELECT is((SELECT estate.max(g)::text FROM unnest('{B,DX,C}'::estate.condition_grade[]) g), 'DX',
          'max(condition_grade) as the installing user');
RESET ROLE;

-- 4. A hostile search_path: an earlier schema with same-named functions,
--    operators and aggregates.
CREATE SCHEMA evil;
CREATE FUNCTION evil.risk_band(integer, integer) RETURNS text LANGUAGE sql AS $$SELECT 'pwned'$$;
CREATE FUNCTION evil.risk_score(integer, integer) RETURNS integer LANGUAGE sql AS 'SELECT -1';
CREATE FUNCTION evil.grade_lies(estate.condition_grade, estate.condition_grade) RETURNS boolean
    LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR evil.< (LEFTARG = estate.condition_grade, RIGHTARG = estate.condition_grade, FUNCTION = evil.grade_lies);
CREATE OPERATOR evil.= (LEFTARG = estate.condition_grade, RIGHTARG = estate.condition_grade, FUNCTION = evil.grade_lies);
CREATE FUNCTION evil.grade_first(estate.condition_grade, estate.condition_grade) RETURNS estate.condition_grade
    LANGUAGE sql AS 'SELECT $1';
CREATE AGGREGATE evil.max(estate.condition_grade) (SFUNC = evil.grade_first, STYPE = estate.condition_grade);
CREATE FUNCTION evil.text_lies(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.text_lies);
CREATE FUNCTION evil.numeric_lies(numeric, integer) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR evil.< (LEFTARG = numeric, RIGHTARG = integer, FUNCTION = evil.numeric_lies);
CREATE FUNCTION evil.lower(text) RETURNS text LANGUAGE sql AS $$SELECT 'coal'$$;
SET LOCAL search_path = evil, estate, public;

SELECT is(estate.risk_band(3, 4)::text, 'significant', 'qualified risk_band under a hostile search_path');
SELECT is(estate.risk_score(3, 4), 12, 'qualified risk_score under a hostile search_path');
SELECT is((SELECT estate.max(g)::text FROM unnest('{B,DX,C}'::estate.condition_grade[]) g), 'DX',
          'qualified max under a hostile search_path');
SELECT is((SELECT array_agg(g ORDER BY g)::text FROM unnest('{D,A,C}'::estate.condition_grade[]) g),
          '{A,C,D}', 'ORDER BY uses the type''s own btree class, not evil.<');
CREATE TEMP TABLE graded(g estate.condition_grade);
INSERT INTO graded SELECT (ARRAY['A','B','C','D'])[1 + i % 4]::estate.condition_grade FROM generate_series(1, 400) i;
CREATE INDEX ON graded(g);
SELECT is((SELECT count(*) FROM (SELECT DISTINCT g FROM graded) s), 4::bigint,
          'DISTINCT uses the type''s own equality, not evil.=');
SELECT is((SELECT count(*) FROM graded WHERE g OPERATOR(estate.>=) 'C'), 200::bigint,
          'OPERATOR(estate.>=) under a hostile search_path');
SELECT is((SELECT count(*) FROM graded WHERE g OPERATOR(estate.=) 'B'), 100::bigint,
          'OPERATOR(estate.=) under a hostile search_path');
SELECT is(estate.carbon_kg('gas', 1000, 2015), 209.28000, 'carbon_kg ignores planted =, < and lower');
SELECT is((estate.disposal_assessment(utilisation => 0.1, fci => 0.3, functional_suitability => 1)).score,
          80::float8, 'disposal_assessment under a hostile search_path: (0.35 + 0.25) / 0.75');

-- 5. Nothing is SECURITY DEFINER; every function is PARALLEL SAFE except the
--    loaders, which write and are VOLATILE and PARALLEL UNSAFE; every
--    function has a comment.
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate') AND p.prosecdef), 0::bigint,
          'no SECURITY DEFINER function');
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate') AND d.deptype = 'e'
             AND p.proparallel <> 's'
             AND p.oid NOT IN ('estate.load_eric(text,text,text,text,text,text[])'::regprocedure,
                               'estate.load_ics_mapping(regclass,regclass,regclass,date)'::regprocedure)),
          NULL, 'every function but the loaders is PARALLEL SAFE');
SELECT is((SELECT string_agg(format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)), ', ' ORDER BY p.proname)
           FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate') AND d.deptype = 'e'
             AND p.proparallel = 'u' AND p.provolatile = 'v'),
          'load_eric(file_name text, year_label text, kind text, file_sha256 text, file_encoding text, lines text[]), '
          'load_ics_mapping(trusts regclass, successors regclass, icbs regclass, footprint_date date)',
          'the loaders, and only they, are VOLATILE and PARALLEL UNSAFE');
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate') AND d.deptype = 'e'
             AND obj_description(p.oid, 'pg_proc') IS NULL), NULL, 'every function and aggregate has a comment');


-- 6. Views (SPEC 0, 1): security_invoker, and only the types BI tools
--    understand (numeric with its precision and scale), each column commented.
SELECT is((SELECT string_agg(c.oid::regclass::text, ', ') FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate') AND d.deptype = 'e'
             AND c.relkind = 'v' AND NOT coalesce(c.reloptions @> '{security_invoker=true}', false)),
          NULL, 'every view is security_invoker');
SELECT is((SELECT string_agg(format('%s.%s %s', c.oid::regclass, a.attname, format_type(a.atttypid, a.atttypmod)), ', ')
           FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate') AND d.deptype = 'e' AND c.relkind = 'v'
             AND NOT (a.atttypid IN ('text'::regtype, 'integer'::regtype, 'bigint'::regtype, 'double precision'::regtype,
                                     'boolean'::regtype, 'date'::regtype)
                      OR (a.atttypid = 'numeric'::regtype AND a.atttypmod <> -1))),
          NULL, 'view columns are text, numeric(p,s), integer, bigint, double precision, boolean or date');
SELECT is((SELECT string_agg(format('%s.%s', c.oid::regclass, a.attname), ', ')
           FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate') AND d.deptype = 'e' AND c.relkind = 'v'
             AND col_description(c.oid, a.attnum) IS NULL),
          NULL, 'every view column has a comment');

SELECT * FROM finish();
ROLLBACK;
