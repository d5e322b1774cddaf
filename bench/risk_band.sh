#!/usr/bin/env bash
# Benchmark: condition-based risk banding of N element rows (default 10M) with
# estate.backlog_risk against the plain-SQL CASE expression that gives the same
# answer, in the same run.  Prints both timings and the ratio.  Not a test.
#
#   sudo bench/risk_band.sh [ROWS]              # own throwaway cluster
#   PGHOST=... PGDATABASE=... bench/risk_band.sh  # an existing database with estate
ROWS=${1:-10000000}
. "$(dirname "$0")/lib.sh"

psql_run -c 'CREATE EXTENSION IF NOT EXISTS estate'
psql_run <<SQL
DROP TABLE IF EXISTS bench_element;
CREATE TABLE bench_element AS
SELECT ((ARRAY['A','B','B(C)','C','CX','D','DX'])[1 + i % 7])::estate.condition_grade AS grade,
       (ARRAY['A','B','B(C)','C','CX','D','DX'])[1 + i % 7] AS grade_text,
       1 + (i * 7) % 5 AS consequence
FROM generate_series(1, $ROWS) AS i;
VACUUM ANALYZE bench_element;
SQL

# The same banding written out in SQL over a text grade.
PLAIN="CASE WHEN grade_text IN ('C','CX','D','DX') THEN
  CASE WHEN (CASE WHEN grade_text IN ('C','CX') THEN 4 ELSE 5 END) * consequence <= 3 THEN 'low'
       WHEN (CASE WHEN grade_text IN ('C','CX') THEN 4 ELSE 5 END) * consequence <= 7 THEN 'moderate'
       WHEN (CASE WHEN grade_text IN ('C','CX') THEN 4 ELSE 5 END) * consequence <= 14 THEN 'significant'
       ELSE 'high' END END"

ext=$(time_query "SELECT count(estate.backlog_risk(grade, consequence)) FROM bench_element")
plain=$(time_query "SELECT count($PLAIN) FROM bench_element")
scan=$(time_query "SELECT count(consequence) FROM bench_element")

# Both formulations must agree before their timings mean anything.
diff=$(psql_run -At -c "SELECT count(*) FROM bench_element WHERE
  estate.backlog_risk(grade, consequence)::text IS DISTINCT FROM $PLAIN")
psql_run -c 'DROP TABLE bench_element'

echo "rows: $ROWS (disagreements between the two formulations: $diff)"
echo "bare scan (count):                    $scan ms"
echo "estate.backlog_risk:                  $ext ms"
echo "plain SQL CASE on a text grade:       $plain ms"
awk "BEGIN { printf \"ratio plain SQL / estate: %.2fx\n\", $plain / $ext }"
[ "$diff" = 0 ]
