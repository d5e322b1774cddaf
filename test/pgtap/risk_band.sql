-- estate.risk_band, risk_score, risk_band(), backlog_risk: the 5x5 matrix.
BEGIN;
SELECT plan(93);

-- Spellings.
SELECT is(s::estate.risk_band::text, canonical, format('%L reads as %s', translate(s, E'\t\n', '→↵'), canonical))
FROM (VALUES ('low', 'low'), ('LOW', 'low'), (' Low ', 'low'), ('moderate', 'moderate'),
             ('MODERATE', 'moderate'), ('significant', 'significant'), ('Significant', 'significant'),
             ('high', 'high'), ('HIGH', 'high'), (E'\thigh\n', 'high')) AS t(s, canonical);
SELECT throws_ok(format('SELECT %L::estate.risk_band', s), '22P02',
                 format('invalid input syntax for type estate.risk_band: "%s"', s),
                 format('%L is rejected', s))
FROM unnest(ARRAY['', 'medium', 'lo', 'very high', 'high-risk', '3']) AS s;
SELECT is((SELECT array_agg(b ORDER BY b)::text
           FROM unnest('{high,low,significant,moderate}'::estate.risk_band[]) AS b),
          '{low,moderate,significant,high}', 'bands sort low < moderate < significant < high');
SELECT is((SELECT estate.max(b)::text FROM unnest('{low,NULL,significant,moderate}'::estate.risk_band[]) AS b),
          'significant', 'max band');
SELECT is((SELECT estate.min(b)::text FROM unnest('{high,significant,NULL}'::estate.risk_band[]) AS b),
          'significant', 'min band');

-- The whole 5x5 matrix, written out by hand (rows: likelihood 1-5; columns: consequence 1-5).
CREATE TEMP TABLE matrix(likelihood int, consequence int, score int, band text);
INSERT INTO matrix VALUES
 (1,1, 1,'low'),     (1,2, 2,'low'),      (1,3, 3,'low'),         (1,4, 4,'moderate'),    (1,5, 5,'moderate'),
 (2,1, 2,'low'),     (2,2, 4,'moderate'), (2,3, 6,'moderate'),    (2,4, 8,'significant'), (2,5,10,'significant'),
 (3,1, 3,'low'),     (3,2, 6,'moderate'), (3,3, 9,'significant'), (3,4,12,'significant'), (3,5,15,'high'),
 (4,1, 4,'moderate'),(4,2, 8,'significant'),(4,3,12,'significant'),(4,4,16,'high'),       (4,5,20,'high'),
 (5,1, 5,'moderate'),(5,2,10,'significant'),(5,3,15,'high'),      (5,4,20,'high'),        (5,5,25,'high');

SELECT is(estate.risk_score(likelihood, consequence), score,
          format('risk_score(%s, %s) = %s', likelihood, consequence, score)) FROM matrix;
SELECT is(estate.risk_band(likelihood, consequence)::text, band,
          format('risk_band(%s, %s) = %s', likelihood, consequence, band)) FROM matrix;

-- Every score 1-25, including those no product reaches (7, 11, 13, 14, ...).
SELECT is((SELECT string_agg(s || ':' || estate.risk_band(s)::text, ' ' ORDER BY s)
           FROM generate_series(1, 25) AS s),
          '1:low 2:low 3:low 4:moderate 5:moderate 6:moderate 7:moderate 8:significant '
          '9:significant 10:significant 11:significant 12:significant 13:significant 14:significant '
          '15:high 16:high 17:high 18:high 19:high 20:high 21:high 22:high 23:high 24:high 25:high',
          'risk_band(score) over 1-25');

-- Out of range: 22003 naming the argument and its value.
SELECT throws_ok('SELECT estate.risk_score(0, 3)', '22003', 'likelihood 0 is out of range', 'likelihood 0');
SELECT throws_ok('SELECT estate.risk_score(6, 3)', '22003', 'likelihood 6 is out of range', 'likelihood 6');
SELECT throws_ok('SELECT estate.risk_score(3, 0)', '22003', 'consequence 0 is out of range', 'consequence 0');
SELECT throws_ok('SELECT estate.risk_score(3, -2147483648)', '22003', 'consequence -2147483648 is out of range', 'consequence INT_MIN');
SELECT throws_ok('SELECT estate.risk_band(1, 6)', '22003', 'consequence 6 is out of range', 'risk_band consequence 6');
SELECT throws_ok('SELECT estate.risk_band(-1, 1)', '22003', 'likelihood -1 is out of range', 'risk_band likelihood -1');
SELECT throws_ok('SELECT estate.risk_band(0)', '22003', 'score 0 is out of range', 'score 0');
SELECT throws_ok('SELECT estate.risk_band(26)', '22003', 'score 26 is out of range', 'score 26');
SELECT throws_ok('SELECT estate.risk_band(2147483647)', '22003', 'score 2147483647 is out of range', 'score INT_MAX');

-- NULL in, NULL out.
SELECT is(estate.risk_score(NULL, 3), NULL, 'risk_score with NULL likelihood');
SELECT ok(estate.risk_band(3, NULL) IS NULL, 'risk_band with NULL consequence');
SELECT ok(estate.risk_band(NULL::int) IS NULL, 'risk_band(NULL score)');

-- Condition-based risk: every grade with every consequence, by hand.
SELECT is((SELECT string_agg(coalesce(estate.backlog_risk(g, c)::text, '-'), ',' ORDER BY c)
           FROM generate_series(1, 5) AS c),
          expected, format('backlog_risk(%s, 1..5)', g))
FROM (VALUES ('A'::estate.condition_grade, '-,-,-,-,-'),
             ('B', '-,-,-,-,-'),
             ('B(C)', '-,-,-,-,-'),
             ('C', 'moderate,significant,significant,high,high'),
             ('CX', 'moderate,significant,significant,high,high'),
             ('D', 'moderate,significant,high,high,high'),
             ('DX', 'moderate,significant,high,high,high')) AS t(g, expected);
SELECT throws_ok($$SELECT estate.backlog_risk('D', 6)$$, '22003', 'consequence 6 is out of range', 'backlog_risk consequence 6');
SELECT throws_ok($$SELECT estate.backlog_risk('A', 0)$$, '22003', 'consequence 0 is out of range',
                 'backlog_risk checks the consequence even for a grade without backlog');
SELECT ok(estate.backlog_risk(NULL, 3) IS NULL, 'backlog_risk(NULL, 3)');
SELECT ok(estate.backlog_risk('D', NULL) IS NULL, 'backlog_risk(D, NULL)');

SELECT * FROM finish();
ROLLBACK;
