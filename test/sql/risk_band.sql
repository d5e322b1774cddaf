-- The NHS 5x5 risk matrix as printed by estate.risk_score and estate.risk_band,
-- and the messages a user sees for bad input.
SELECT l AS likelihood,
       string_agg(lpad(estate.risk_score(l, c)::text, 2) || ' ' || rpad(estate.risk_band(l, c)::text, 11), ' | ' ORDER BY c) AS "consequence 1 .. 5"
FROM generate_series(1, 5) AS l, generate_series(1, 5) AS c
GROUP BY l ORDER BY l DESC;

-- Condition-based risk: grade x consequence.
SELECT g AS grade, estate.failure_likelihood(g) AS likelihood,
       string_agg(coalesce(estate.backlog_risk(g, c)::text, '-'), ', ' ORDER BY c) AS "consequence 1 .. 5"
FROM unnest('{A,B,B(C),C,CX,D,DX}'::estate.condition_grade[]) AS g, generate_series(1, 5) AS c
GROUP BY g ORDER BY g;

-- Bad input: the messages quote the value and say what is allowed.
\set VERBOSITY default
SELECT estate.risk_score(0, 3);
SELECT estate.risk_band(3, 9);
SELECT estate.risk_band(30);
SELECT estate.backlog_risk('C', 0);
SELECT 'severe'::estate.risk_band;
SELECT '{low,HIGH, Moderate ,significant}'::estate.risk_band[];
