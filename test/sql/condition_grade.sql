-- Condition grades: every spelling to its canonical form, the order, and the
-- messages for malformed text.
SELECT s AS input, s::estate.condition_grade AS grade
FROM unnest(ARRAY['a', 'B', ' b(c) ', 'c', 'Cx', 'd', 'dx']) AS s;

SELECT g, estate.needs_backlog(g), estate.failure_likelihood(g)
FROM unnest('{DX,D,CX,C,B(C),B,A}'::estate.condition_grade[]) AS g
ORDER BY g;

SELECT estate.min(g), estate.max(g)
FROM unnest('{C,B,NULL,D}'::estate.condition_grade[]) AS g;

\set VERBOSITY default
SELECT 'E'::estate.condition_grade;
SELECT 'B (C)'::estate.condition_grade;
SELECT ''::estate.condition_grade;
