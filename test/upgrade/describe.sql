-- The installed extension estate, described for comparison between two
-- databases: one line per object, "kind<TAB>identity<TAB>definition", sorted,
-- with no OIDs (every reference by name).  Used by test/upgrade/run.
--   psql -X -At -f test/upgrade/describe.sql
-- Objects owned by the role :'ignore_owner' (planted by the hostile mode) are
-- left out of the schema's non-member list.
\set ON_ERROR_STOP 1
-- Immune to what the hostile mode planted on the database's search_path.
SET search_path = pg_catalog, pg_temp;
-- Count and checksum of the rows of rel that a pg_extension_config_dump
-- condition (cond, "WHERE ...") leaves to the install script; all rows when
-- the table is not registered (cond NULL).
CREATE FUNCTION pg_temp.shipped_rows(rel regclass, cond text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    result text;
BEGIN
    EXECUTE format($q$SELECT format('%%s rows, md5 %%s', count(*), md5(string_agg(t::text, E'\n' ORDER BY t::text)))
                      FROM %s AS t %s$q$,
                   rel, CASE WHEN cond IS NULL THEN '' ELSE 'WHERE NOT (' || regexp_replace(cond, '^\s*WHERE', '', 'i') || ')' END)
        INTO result;
    RETURN result;
END
$f$;
WITH ext AS (
    SELECT e.oid, e.extname, e.extversion, e.extrelocatable, e.extnamespace, e.extconfig, e.extcondition
    FROM pg_extension AS e WHERE e.extname = 'estate'
),
member AS (
    SELECT d.classid, d.objid, d.objsubid
    FROM pg_depend AS d, ext
    WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
),
lines (kind, identity, definition) AS (
    -- The extension itself: version, schema and the tables pg_dump keeps.
    SELECT 'extension', extname,
           format('version %s, relocatable %s, schema %s, config %s', extversion, extrelocatable,
                  extnamespace::regnamespace,
                  (SELECT string_agg(format('%s %L', c::regclass, cond), ', ' ORDER BY c::regclass::text)
                   FROM unnest(extconfig, extcondition) AS x(c, cond)))
    FROM ext
    -- Its schema's owner and privileges.
    UNION ALL
    SELECT 'schema', n.nspname, format('owner %s, acl %s', n.nspowner::regrole, n.nspacl)
    FROM pg_namespace AS n, ext WHERE n.oid = ext.extnamespace
    -- Every member: its identity, and its comment.
    UNION ALL
    SELECT 'member', o.type || ' ' || o.identity,
           coalesce('comment ' || quote_literal(obj_description(m.objid, m.classid::regclass::name)), 'no comment')
    FROM member AS m, pg_identify_object(m.classid, m.objid, m.objsubid) AS o
    -- Functions and procedures: the whole definition, privileges and the initial privileges pg_dump compares with.
    UNION ALL
    SELECT 'function', p.oid::regprocedure::text,
           pg_get_functiondef(p.oid) || format(E'\nacl %s, initial %s', p.proacl,
                                               (SELECT i.initprivs FROM pg_init_privs AS i
                                                WHERE i.classoid = 'pg_proc'::regclass AND i.objoid = p.oid))
    FROM member AS m JOIN pg_proc AS p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
    WHERE p.prokind IN ('f', 'p')
    -- Aggregates: every field of pg_aggregate, by name.
    UNION ALL
    SELECT 'aggregate', p.oid::regprocedure::text,
           format('kind %s, direct %s, returns %s, parallel %s, sfunc %s, stype %s, sspace %s, final %s (extra %s, modify %s), '
                  'combine %s, serial %s, deserial %s, msfunc %s, minvfunc %s, mstype %s, msspace %s, mfinal %s (extra %s, modify %s), '
                  'initcond %L, minitcond %L, sortop %s, strict %s, acl %s',
                  a.aggkind, a.aggnumdirectargs, format_type(p.prorettype, NULL), p.proparallel,
                  a.aggtransfn::regprocedure, format_type(a.aggtranstype, NULL), a.aggtransspace,
                  nullif(a.aggfinalfn, 0)::regprocedure, a.aggfinalextra, a.aggfinalmodify,
                  nullif(a.aggcombinefn, 0)::regprocedure, nullif(a.aggserialfn, 0)::regprocedure,
                  nullif(a.aggdeserialfn, 0)::regprocedure, nullif(a.aggmtransfn, 0)::regprocedure,
                  nullif(a.aggminvtransfn, 0)::regprocedure, format_type(nullif(a.aggmtranstype, 0), NULL), a.aggmtransspace,
                  nullif(a.aggmfinalfn, 0)::regprocedure, a.aggmfinalextra, a.aggmfinalmodify,
                  a.agginitval, a.aggminitval, nullif(a.aggsortop, 0)::regoperator, p.proisstrict, p.proacl)
    FROM member AS m JOIN pg_proc AS p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
    JOIN pg_aggregate AS a ON a.aggfnoid = p.oid
    -- Types: storage, support functions, and the attributes of composites.
    UNION ALL
    SELECT 'type', format_type(t.oid, NULL),
           format('type %s, len %s, byval %s, category %s, preferred %s, delim %s, input %s, output %s, receive %s, send %s, '
                  'modin %s, modout %s, analyze %s, subscript %s, element %s, array %s, align %s, storage %s, notnull %s, '
                  'base %s, typmod %s, ndims %s, collation %s, default %L, acl %s, attributes (%s)',
                  t.typtype, t.typlen, t.typbyval, t.typcategory, t.typispreferred, t.typdelim,
                  t.typinput::regproc, t.typoutput::regproc, t.typreceive::regproc, t.typsend::regproc,
                  t.typmodin::regproc, t.typmodout::regproc, t.typanalyze::regproc, t.typsubscript::regproc,
                  format_type(nullif(t.typelem, 0), NULL), format_type(nullif(t.typarray, 0), NULL), t.typalign, t.typstorage,
                  t.typnotnull, format_type(nullif(t.typbasetype, 0), NULL), t.typtypmod, t.typndims, t.typcollation,
                  t.typdefault, t.typacl,
                  (SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
                   FROM pg_attribute AS a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped))
    FROM member AS m JOIN pg_type AS t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
    -- Operators.
    UNION ALL
    SELECT 'operator', o.oid::regoperator::text,
           format('returns %s, function %s, commutator %s, negator %s, restrict %s, join %s, hashes %s, merges %s',
                  format_type(o.oprresult, NULL), o.oprcode::regprocedure, nullif(o.oprcom, 0)::regoperator,
                  nullif(o.oprnegate, 0)::regoperator, nullif(o.oprrest, 0)::regproc, nullif(o.oprjoin, 0)::regproc,
                  o.oprcanhash, o.oprcanmerge)
    FROM member AS m JOIN pg_operator AS o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
    -- Operator classes and families, with every operator and support function in them.
    UNION ALL
    SELECT 'opclass', format('%s using %s', c.opcname, am.amname),
           format('for %s, default %s, key %s, family %s', format_type(c.opcintype, NULL), c.opcdefault,
                  format_type(nullif(c.opckeytype, 0), NULL), f.opfname)
    FROM member AS m JOIN pg_opclass AS c ON m.classid = 'pg_opclass'::regclass AND c.oid = m.objid
    JOIN pg_am AS am ON am.oid = c.opcmethod JOIN pg_opfamily AS f ON f.oid = c.opcfamily
    UNION ALL
    SELECT 'opfamily', format('%s using %s', f.opfname, am.amname),
           format('operators (%s), functions (%s)',
                  (SELECT string_agg(format('%s %s %s %s', o.amopstrategy, o.amopopr::regoperator, o.amoppurpose,
                                            coalesce(sf.opfname, '')), ', ' ORDER BY o.amopstrategy, o.amopopr::regoperator::text)
                   FROM pg_amop AS o LEFT JOIN pg_opfamily AS sf ON sf.oid = o.amopsortfamily WHERE o.amopfamily = f.oid),
                  (SELECT string_agg(format('%s %s (%s, %s)', p.amprocnum, p.amproc::regprocedure,
                                            format_type(p.amproclefttype, NULL), format_type(p.amprocrighttype, NULL)),
                                     ', ' ORDER BY p.amprocnum, p.amproc::regprocedure::text)
                   FROM pg_amproc AS p WHERE p.amprocfamily = f.oid))
    FROM pg_opfamily AS f JOIN pg_am AS am ON am.oid = f.opfmethod
    WHERE f.oid IN (SELECT objid FROM member WHERE classid = 'pg_opfamily'::regclass)
       OR f.oid IN (SELECT c.opcfamily FROM member AS m JOIN pg_opclass AS c ON m.classid = 'pg_opclass'::regclass AND c.oid = m.objid)
    -- Casts.
    UNION ALL
    SELECT 'cast', format('%s as %s', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)),
           format('function %s, context %s, method %s', nullif(c.castfunc, 0)::regprocedure, c.castcontext, c.castmethod)
    FROM member AS m JOIN pg_cast AS c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
    -- Relations: kind, options, privileges (and initial ones), columns, constraints,
    -- indexes, view definitions, sequences, triggers and policies.
    UNION ALL
    SELECT 'relation', r.oid::regclass::text,
           format('kind %s, persistence %s, options %s, rls %s, owner is the extension''s %s, acl %s, initial %s',
                  r.relkind, r.relpersistence, r.reloptions, r.relrowsecurity,
                  r.relowner = (SELECT extowner FROM pg_extension WHERE extname = 'estate'), r.relacl,
                  (SELECT i.initprivs FROM pg_init_privs AS i
                   WHERE i.classoid = 'pg_class'::regclass AND i.objoid = r.oid AND i.objsubid = 0))
    FROM member AS m JOIN pg_class AS r ON m.classid = 'pg_class'::regclass AND r.oid = m.objid
    UNION ALL
    SELECT 'column', format('%s.%I', r.oid::regclass, a.attname),
           format('%s, position %s, not null %s, default %s, identity %L, generated %L, comment %L, acl %s',
                  format_type(a.atttypid, a.atttypmod), a.attnum, a.attnotnull,
                  pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,
                  col_description(r.oid, a.attnum), a.attacl)
    FROM member AS m JOIN pg_class AS r ON m.classid = 'pg_class'::regclass AND r.oid = m.objid
    JOIN pg_attribute AS a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef AS ad ON ad.adrelid = r.oid AND ad.adnum = a.attnum
    UNION ALL
    SELECT 'constraint', format('%s on %s', c.conname, c.conrelid::regclass),
           pg_get_constraintdef(c.oid) || coalesce(' comment ' || quote_literal(obj_description(c.oid, 'pg_constraint')), '')
    FROM member AS m JOIN pg_constraint AS c ON m.classid = 'pg_class'::regclass AND c.conrelid = m.objid
    UNION ALL
    SELECT 'index', i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
    FROM member AS m JOIN pg_index AS i ON m.classid = 'pg_class'::regclass AND i.indrelid = m.objid
    UNION ALL
    SELECT 'view', r.oid::regclass::text, pg_get_viewdef(r.oid)
    FROM member AS m JOIN pg_class AS r ON m.classid = 'pg_class'::regclass AND r.oid = m.objid
    WHERE r.relkind IN ('v', 'm')
    UNION ALL
    SELECT 'sequence', s.seqrelid::regclass::text,
           format('%s start %s increment %s min %s max %s cache %s cycle %s', format_type(s.seqtypid, NULL), s.seqstart,
                  s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
    FROM member AS m JOIN pg_sequence AS s ON m.classid = 'pg_class'::regclass AND s.seqrelid = m.objid
    UNION ALL
    SELECT 'trigger', format('%s on %s', t.tgname, t.tgrelid::regclass), pg_get_triggerdef(t.oid)
    FROM member AS m JOIN pg_trigger AS t ON m.classid = 'pg_class'::regclass AND t.tgrelid = m.objid AND NOT t.tgisinternal
    UNION ALL
    SELECT 'policy', format('%s on %s', p.polname, p.polrelid::regclass),
           format('%s %s to %s using %s check %s', p.polcmd, p.polpermissive, p.polroles::regrole[],
                  pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
    FROM member AS m JOIN pg_policy AS p ON m.classid = 'pg_class'::regclass AND p.polrelid = m.objid
    -- Anything in the schema that is not a member (an update script that forgot
    -- an object, or left one behind), except what the hostile mode planted.
    UNION ALL
    SELECT 'not a member', pg_describe_object(x.classid, x.objid, 0), ''
    FROM (SELECT 'pg_class'::regclass AS classid, oid AS objid, relnamespace AS nsp, relowner AS owner FROM pg_class
          WHERE relkind NOT IN ('i', 'I', 't', 'c') AND NOT (relkind = 'S' AND EXISTS (
              SELECT FROM pg_depend AS dd WHERE dd.classid = 'pg_class'::regclass AND dd.objid = pg_class.oid AND dd.deptype IN ('a', 'i')))
          UNION ALL SELECT 'pg_proc'::regclass, oid, pronamespace, proowner FROM pg_proc
          UNION ALL SELECT 'pg_type'::regclass, oid, typnamespace, typowner FROM pg_type
                    WHERE typrelid = 0 AND NOT (typcategory = 'A' AND EXISTS (SELECT FROM pg_type AS e WHERE e.typarray = pg_type.oid))
          UNION ALL SELECT 'pg_operator'::regclass, oid, oprnamespace, oprowner FROM pg_operator
          UNION ALL SELECT 'pg_opfamily'::regclass, oid, opfnamespace, opfowner FROM pg_opfamily
          UNION ALL SELECT 'pg_opclass'::regclass, oid, opcnamespace, opcowner FROM pg_opclass) AS x, ext
    WHERE x.nsp = ext.extnamespace
      AND NOT EXISTS (SELECT FROM member AS m WHERE m.classid = x.classid AND m.objid = x.objid)
      AND x.owner IS DISTINCT FROM to_regrole(:'ignore_owner')
    -- The rows the install script ships in its tables (not the users' rows,
    -- which pg_dump keeps): a count and checksum per table.
    UNION ALL
    SELECT 'shipped rows', r.oid::regclass::text, pg_temp.shipped_rows(r.oid, c.cond)
    FROM member AS m JOIN pg_class AS r ON m.classid = 'pg_class'::regclass AND r.oid = m.objid AND r.relkind = 'r'
    CROSS JOIN ext
    LEFT JOIN LATERAL (SELECT x.cond FROM unnest(ext.extconfig, ext.extcondition) AS x(c, cond) WHERE x.c = r.oid) AS c ON true
    WHERE c.cond IS DISTINCT FROM ''
)
SELECT kind || E'\t' || identity || E'\t' || replace(coalesce(definition, 'NULL'), E'\n', E'\n\t\t')
FROM lines
ORDER BY kind, identity, definition;
