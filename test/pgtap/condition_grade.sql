-- estate.condition_grade: spellings, order, min/max, backlog rule and likelihood.
BEGIN;
SELECT plan(40);

-- Every valid spelling reaches its canonical output (case-insensitive, trimmed).
SELECT is(s::estate.condition_grade::text, canonical, format('%L reads as %s', translate(s, E'\t\n', '→↵'), canonical))
FROM (VALUES ('A', 'A'), ('a', 'A'), ('  a  ', 'A'), ('B', 'B'), ('b', 'B'),
             ('B(C)', 'B(C)'), ('b(c)', 'B(C)'), ('B(c)', 'B(C)'), (E'\tb(C)\n', 'B(C)'),
             ('C', 'C'), ('c', 'C'), ('CX', 'CX'), ('cx', 'CX'), ('Cx', 'CX'),
             ('D', 'D'), ('d', 'D'), ('DX', 'DX'), ('dx', 'DX'), ('dX', 'DX')) AS t(s, canonical);

-- Malformed text: 22P02 quoting the value.
SELECT throws_ok(format('SELECT %L::estate.condition_grade', s), '22P02',
                 format('invalid input syntax for type estate.condition_grade: "%s"', s),
                 format('%L is rejected', s))
FROM unnest(ARRAY['', ' ', 'E', 'AB', 'B (C)', 'B(C', 'BC', 'C X', 'CXX', 'X', '1', 'B(D)']) AS s;

-- Order: best to worst.
SELECT is((SELECT array_agg(g ORDER BY g)::text
           FROM unnest('{DX,B(C),A,D,CX,B,C}'::estate.condition_grade[]) AS g),
          '{A,B,B(C),C,CX,D,DX}', 'grades sort A < B < B(C) < C < CX < D < DX');

-- min is the best grade, max the worst; NULLs ignored; empty input gives NULL.
SELECT is((SELECT estate.max(g)::text FROM unnest('{B,NULL,D,A}'::estate.condition_grade[]) AS g), 'D', 'max is the worst grade');
SELECT is((SELECT estate.min(g)::text FROM unnest('{B,NULL,D,B(C)}'::estate.condition_grade[]) AS g), 'B', 'min is the best grade');
SELECT ok((SELECT estate.max(g) FROM unnest('{}'::estate.condition_grade[]) AS g) IS NULL, 'max of no rows is NULL');

-- needs_backlog and failure_likelihood for every grade.
SELECT is((SELECT array_agg(estate.needs_backlog(g) ORDER BY g)
           FROM unnest('{A,B,B(C),C,CX,D,DX}'::estate.condition_grade[]) AS g),
          '{f,f,f,t,t,t,t}'::boolean[], 'needs_backlog is true for C, CX, D, DX');
SELECT is((SELECT array_agg(estate.failure_likelihood(g) ORDER BY g)
           FROM unnest('{A,B,B(C),C,CX,D,DX}'::estate.condition_grade[]) AS g),
          '{1,2,3,4,4,5,5}'::int[], 'failure_likelihood maps A..DX to 1,2,3,4,4,5,5');
SELECT is(estate.needs_backlog(NULL), NULL, 'needs_backlog(NULL) is NULL');
SELECT is(estate.failure_likelihood(NULL), NULL, 'failure_likelihood(NULL) is NULL');

-- No implicit cast to text: an unqualified min() must not fall back to min(text).
SELECT is((SELECT count(*) FROM pg_cast
           WHERE castsource = 'estate.condition_grade'::regtype AND castcontext = 'i'), 0::bigint,
          'no implicit cast from condition_grade');

SELECT * FROM finish();
ROLLBACK;
