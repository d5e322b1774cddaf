-- The look-alikes a hostile role plants in schema estate before CREATE
-- EXTENSION or ALTER EXTENSION UPDATE (test/upgrade/run --hostile), as SQL
-- statements: run this where the extension is installed, then run its output
-- as the planting role in the target database.
--   psql -X -At -v builtin_only=true|false -f test/upgrade/plant.sql
-- Each look-alike is a better match than the real object for a call or an
-- operator whose arguments are not cast to the exact types: an overload of
-- every extension function and operator with integer where the real one takes
-- numeric, bigint, smallint, real or double precision, and comparison and
-- arithmetic operators between built-in types that pg_catalog only serves
-- through an implicit cast (oid <> regrole, numeric = integer, ...).  Every
-- look-alike records its call in public.estate_hijacked and returns NULL: the
-- install or update script must never call one.
-- With builtin_only (before CREATE EXTENSION) only look-alikes over built-in
-- types are made, since the extension's types do not exist yet.  Look-alikes
-- that already exist (planted earlier) are not made again.
\set ON_ERROR_STOP 1
-- Immune to what the hostile mode planted on the database's search_path.
SET search_path = pg_catalog, pg_temp;
WITH ext AS (SELECT oid, extnamespace FROM pg_extension WHERE extname = 'estate'),
widened AS (
    -- integer where the real argument is another number type
    SELECT t::regtype AS t FROM unnest('{numeric,bigint,smallint,real,double precision}'::regtype[]) AS t
),
func AS (
    SELECT DISTINCT ON (p.proname, planted)
           p.proname, planted, format_type(p.prorettype, NULL) AS rettype,
           p.proargtypes::regtype[] || p.prorettype::regtype AS every_type
    FROM pg_proc AS p
    JOIN pg_depend AS d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    CROSS JOIN LATERAL (
        SELECT string_agg(CASE WHEN a IN (SELECT t FROM widened) THEN 'integer' ELSE format_type(a, NULL) END, ', ' ORDER BY i) AS planted,
               bool_or(a IN (SELECT t FROM widened)) AS widens
        FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS x(a, i)) AS w
    WHERE d.refobjid = (SELECT oid FROM ext) AND p.prokind = 'f' AND NOT p.proretset AND w.widens
      AND NOT EXISTS (SELECT FROM unnest(p.proargtypes::oid[] || p.prorettype) AS a
                      JOIN pg_type AS t ON t.oid = a WHERE t.typtype = 'p')
),
oper AS (
    -- the extension's operators, widened
    SELECT o.oprname, format_type(o.oprleft, NULL) AS lt, format_type(o.oprright, NULL) AS rt,
           CASE WHEN o.oprleft IN (SELECT t FROM widened) THEN 'integer' ELSE format_type(o.oprleft, NULL) END AS plt,
           CASE WHEN o.oprright IN (SELECT t FROM widened) THEN 'integer' ELSE format_type(o.oprright, NULL) END AS prt,
           format_type(o.oprresult, NULL) AS rettype, ARRAY[o.oprleft, o.oprright, o.oprresult]::regtype[] AS every_type
    FROM pg_operator AS o
    JOIN pg_depend AS d ON d.classid = 'pg_operator'::regclass AND d.objid = o.oid AND d.deptype = 'e'
    WHERE d.refobjid = (SELECT oid FROM ext) AND o.oprkind = 'b'
      AND (o.oprleft IN (SELECT t FROM widened) OR o.oprright IN (SELECT t FROM widened))
    UNION
    -- built-in pairs pg_catalog compares only through an implicit cast
    SELECT op, l, r, l, r, CASE WHEN op IN ('+', '-', '*', '/') THEN l ELSE 'boolean' END, '{}'
    FROM unnest('{=,<>,<,<=,>,>=}'::text[]) AS op,
         (VALUES ('oid', 'regrole'), ('oid', 'regnamespace'), ('oid', 'regclass'), ('oid', 'regtype'),
                 ('oid', 'regprocedure'), ('regrole', 'oid'), ('regnamespace', 'oid'), ('numeric', 'integer'),
                 ('integer', 'numeric'), ('numeric', 'bigint'), ('double precision', 'integer'),
                 ('character varying', 'text'), ('text', 'character varying')) AS pair(l, r)
    UNION
    SELECT op, l, r, l, r, l, '{}'
    FROM unnest('{+,-,*,/}'::text[]) AS op, (VALUES ('numeric', 'integer'), ('integer', 'numeric')) AS pair(l, r)
),
builtin AS (
    SELECT t FROM unnest(ARRAY(SELECT oid::regtype FROM pg_type WHERE typnamespace = (SELECT extnamespace FROM ext)
                               OR typelem IN (SELECT oid FROM pg_type WHERE typnamespace = (SELECT extnamespace FROM ext)))) AS t
)
SELECT format('CREATE FUNCTION estate.%I(%s) RETURNS %s LANGUAGE sql AS %L;', proname, planted, rettype,
              format('INSERT INTO public.estate_hijacked VALUES (%L); SELECT NULL::%s',
                     format('estate.%s(%s)', proname, planted), rettype))
FROM func
WHERE (NOT :builtin_only OR NOT every_type && ARRAY(SELECT t FROM builtin))
  AND to_regprocedure(format('estate.%I(%s)', proname, planted)) IS NULL
UNION ALL
SELECT format('CREATE FUNCTION estate.%I(%s, %s) RETURNS %s LANGUAGE sql AS %L; '
              'CREATE OPERATOR estate.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = estate.%I);',
              fn, plt, prt, rettype,
              format('INSERT INTO public.estate_hijacked VALUES (%L); SELECT NULL::%s',
                     format('OPERATOR(estate.%s)(%s, %s)', oprname, plt, prt), rettype),
              oprname, plt, prt, fn)
FROM (SELECT *, format('hijack_%s', md5(format('%s %s %s', oprname, plt, prt))) AS fn FROM oper
      WHERE (plt, prt) IS DISTINCT FROM (lt, rt) OR every_type = '{}') AS o
WHERE (NOT :builtin_only OR NOT every_type && ARRAY(SELECT t FROM builtin))
  AND to_regoperator(format('estate.%s(%s, %s)', oprname, plt, prt)) IS NULL;
