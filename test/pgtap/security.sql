-- Installation safety: trusted install by a non-superuser, objects
-- planted in schema estate beforehand, a hostile search_path, who may read
-- and write what, and the catalogue rules (no SECURITY DEFINER, writers
-- VOLATILE and PARALLEL UNSAFE, everything else PARALLEL SAFE).
BEGIN;
SELECT plan(43);

DROP EXTENSION estate;
DROP SCHEMA estate;
CREATE ROLE estate_analyst;
CREATE ROLE estate_mallory;
SELECT format('GRANT CREATE ON DATABASE %I TO estate_analyst, estate_mallory', current_database()) \gexec
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
-- ... but a superuser may install there (as pg_restore does, with a warning).
SELECT lives_ok('SET LOCAL client_min_messages = error; CREATE EXTENSION estate',
                'a superuser installs into a schema another role owns (pg_restore keeping owners)');
SELECT is((SELECT extowner::regrole::text FROM pg_extension WHERE extname = 'estate'), 'postgres',
          'and owns the extension');
DROP EXTENSION estate;
DROP SCHEMA estate;

-- 1b. A role whose name would break out of the script's quoting
--     (@extowner@ inside a literal): PostgreSQL refuses to substitute it.
CREATE ROLE "estate_o'brien$$";
SELECT format('GRANT CREATE ON DATABASE %I TO %I', current_database(), 'estate_o''brien$$') \gexec
SET ROLE "estate_o'brien$$";
SELECT throws_ok('CREATE EXTENSION estate', '22P02', NULL,
                 'a role named with a quote and $$ cannot install: no injection through @extowner@');
RESET ROLE;

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

-- 3b. Who may read and write: any other role reads every table and view and
--     runs every function, but writes nothing; the extension's owner writes
--     the tables users fill, and may grant that on; nobody but a superuser
--     changes the reference data the extension ships.
CREATE ROLE estate_reader;
CREATE TEMP VIEW member_relation AS
  SELECT c.oid::regclass AS rel, c.relkind, e.extconfig
  FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'estate';
GRANT SELECT ON member_relation TO PUBLIC;
SELECT is((SELECT string_agg(rel::text, ', ') FROM member_relation
           WHERE relkind IN ('r', 'v', 'm', 'p') AND NOT has_table_privilege('estate_reader', rel, 'SELECT')),
          NULL, 'any role reads every table and view of the extension');
SELECT is((SELECT string_agg(format('%s %s', rel, priv), ', ') FROM member_relation,
                  unnest('{INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES,TRIGGER}'::text[]) AS priv
           WHERE relkind IN ('r', 'p') AND has_table_privilege('estate_reader', rel, priv)),
          NULL, 'no other role may write, truncate, reference or trigger on any of its tables');
SELECT is((SELECT string_agg(rel::text, ', ') FROM member_relation
           WHERE CASE WHEN relkind = 'S' THEN has_sequence_privilege('estate_reader', rel, 'UPDATE') END),
          NULL, 'nor advance its sequences');
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc p
           JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate')
             AND NOT has_function_privilege('estate_reader', p.oid, 'EXECUTE')),
          NULL, 'any role may run every function');
SET ROLE estate_reader;
SELECT throws_ok($$INSERT INTO estate.carbon_factor (category, name, unit, scope, is_total, financial_year, year_label, kg_co2e_per_unit)
                   VALUES ('x', 'x', 'kWh', '1', false, 2030, '2030/31', 1)$$, '42501', NULL, 'reader: carbon factors are read-only');
SELECT throws_ok('DELETE FROM estate.eric_header', '42501', NULL, 'reader: the ERIC header map is read-only');
SELECT throws_ok('TRUNCATE estate.eric_site', '42501', NULL, 'reader: ERIC returns cannot be truncated');
SELECT throws_ok($$UPDATE estate.ics_mapping SET ics_code = 'x'$$, '42501', NULL, 'reader: the ICS mapping is read-only');
SELECT throws_ok($$INSERT INTO estate.rebuild_cost VALUES ('General acute', 3000)$$, '42501', NULL, 'reader: rebuild costs are read-only');
RESET ROLE;
SELECT is((SELECT string_agg(format('%s %s', rel, priv), ', ') FROM member_relation,
                  unnest('{INSERT,UPDATE,DELETE}'::text[]) AS priv
           WHERE rel = ANY (extconfig) AND relkind = 'r'
             AND NOT has_table_privilege('estate_analyst', rel, priv || ' WITH GRANT OPTION')),
          NULL, 'the owner writes every table users fill (the pg_dump-kept ones), and may grant that on');
SELECT is((SELECT string_agg(format('%s %s', rel, priv), ', ') FROM member_relation,
                  unnest('{INSERT,UPDATE,DELETE,TRUNCATE}'::text[]) AS priv
           WHERE NOT rel = ANY (extconfig) AND relkind = 'r' AND has_table_privilege('estate_analyst', rel, priv)),
          NULL, 'the shipped reference tables (carbon factors) are read-only even to the owner');
SET ROLE estate_analyst;
GRANT INSERT ON estate.rebuild_cost TO estate_reader;
RESET ROLE;
SET ROLE estate_reader;
SELECT lives_ok($$INSERT INTO estate.rebuild_cost VALUES ('General acute', 3000)$$,
                'a role the owner granted to writes the table');
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
CREATE FUNCTION evil.backlog_lies(estate.backlog, estate.backlog) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR evil.= (LEFTARG = estate.backlog, RIGHTARG = estate.backlog, FUNCTION = evil.backlog_lies);
CREATE FUNCTION evil.backlog_nothing(estate.backlog, estate.backlog) RETURNS estate.backlog LANGUAGE sql AS $$SELECT 'high=0'::estate.backlog$$;
CREATE OPERATOR evil.+ (LEFTARG = estate.backlog, RIGHTARG = estate.backlog, FUNCTION = evil.backlog_nothing);
CREATE FUNCTION evil.backlog_int(estate.backlog, integer) RETURNS estate.backlog LANGUAGE sql AS $$SELECT 'high=0'::estate.backlog$$;
CREATE OPERATOR evil.* (LEFTARG = estate.backlog, RIGHTARG = integer, FUNCTION = evil.backlog_int);
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
SELECT is((SELECT count(DISTINCT b) FROM unnest(ARRAY['high=1', 'low=1', 'high=1']::estate.backlog[]) AS b), 2::bigint,
          'DISTINCT over backlogs uses the type''s own equality, not evil.=');
SELECT is((SELECT estate.sum(b)::text FROM unnest(ARRAY['high=1', 'low=2.50']::estate.backlog[]) AS b),
          'high=1.00, significant=0.00, moderate=0.00, low=2.50, unassessed=0.00', 'estate.sum ignores evil.+');
SELECT is(('high=1.50'::estate.backlog OPERATOR(estate.*) 2)::text,
          'high=3.00, significant=0.00, moderate=0.00, low=0.00, unassessed=0.00',
          'OPERATOR(estate.*) with an integer factor is estate''s, not evil.* (backlog, integer)');
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
             AND p.oid NOT IN ('estate.load_eric(text,text,text,text,text,text[],boolean)'::regprocedure,
                               'estate.load_ics_mapping(regclass,regclass,regclass,date)'::regprocedure)),
          NULL, 'every function but the loaders is PARALLEL SAFE');
SELECT is((SELECT string_agg(format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)), ', ' ORDER BY p.proname)
           FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate') AND d.deptype = 'e'
             AND p.proparallel = 'u' AND p.provolatile = 'v'),
          'load_eric(file_name text, year_label text, kind text, file_sha256 text, file_encoding text, lines text[], force boolean), '
          'load_ics_mapping(trusts regclass, successors regclass, icbs regclass, footprint_date date)',
          'the loaders, and only they, are VOLATILE and PARALLEL UNSAFE');
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate') AND d.deptype = 'e'
             AND obj_description(p.oid, 'pg_proc') IS NULL), NULL, 'every function and aggregate has a comment');


-- 5b. Which functions write is read from their bodies, not from a list:
--     those and only those are VOLATILE and PARALLEL UNSAFE.  SQL functions
--     are parsed at creation (BEGIN ATOMIC); the others pin search_path.
SELECT is((SELECT string_agg(format('%s (writes %s, %s %s)', p.oid::regprocedure, w.writes, p.provolatile, p.proparallel), ', ')
           FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
           CROSS JOIN LATERAL (SELECT coalesce(pg_get_function_sqlbody(p.oid), p.prosrc)
                                      ~* '\m(INSERT|UPDATE|DELETE|TRUNCATE|MERGE|CREATE|DROP|ALTER|COPY|GRANT|REVOKE|nextval|setval|pg_advisory_xact_lock|pg_advisory_lock|set_config)\M'
                                      AND p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'c') AS writes) AS w
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate')
             AND w.writes IS DISTINCT FROM (p.provolatile = 'v' AND p.proparallel = 'u')),
          NULL, 'the functions whose bodies write are exactly the VOLATILE, PARALLEL UNSAFE ones');
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ')
           FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate')
             AND p.prolang NOT IN (SELECT oid FROM pg_language WHERE lanname IN ('c', 'internal'))
             AND p.prosqlbody IS NULL
             AND NOT coalesce(p.proconfig @> '{"search_path=pg_catalog, pg_temp"}', false)),
          NULL, 'every SQL function is BEGIN ATOMIC, every other one runs with search_path = pg_catalog, pg_temp');

-- 6. Views: security_invoker, and only the types BI tools
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
