#!/usr/bin/env bash
# Benchmark: reading N published amounts (default 1M: "2,864,738", "£1,234.56",
# "-4913", "Not Applicable", "No Data Provided", ...) with estate.parse_amount
# against the plain-SQL way (strip £ and commas with regexp_replace, map the
# no-value words to NULL, cast) in the same run.  Prints both timings and the
# ratio.  Not a test.  The plain SQL is more lenient (it accepts "1,23"), so
# only well-formed values are timed.
#
#   sudo bench/parse_amount.sh [ROWS]               # own throwaway cluster
#   PGHOST=... PGDATABASE=... bench/parse_amount.sh # an existing database with estate
ROWS=${1:-1000000}
. "$(dirname "$0")/lib.sh"

psql_run -c 'CREATE EXTENSION IF NOT EXISTS estate'
psql_run <<SQL
DROP TABLE IF EXISTS bench_cell;
CREATE TABLE bench_cell AS
SELECT CASE i % 8
         WHEN 0 THEN to_char(i * 37, 'FM999,999,999,999')
         WHEN 1 THEN '£' || to_char(i * 13 + 0.25, 'FM999,999,990.00')
         WHEN 2 THEN (-(i % 50000))::text
         WHEN 3 THEN 'Not Applicable'
         WHEN 4 THEN 'No Data Provided'
         WHEN 5 THEN (i % 100)::text || '.' || (i % 97)::text
         WHEN 6 THEN ''
         ELSE (i * 3)::text END AS v
FROM generate_series(1, $ROWS) AS i;
VACUUM ANALYZE bench_cell;
SQL

PLAIN="CASE WHEN lower(btrim(v)) IN ('', '-', 'n/a', 'not applicable', 'no data provided') THEN NULL
            ELSE regexp_replace(v, '[£,[:space:]]', '', 'g')::numeric END"

ext=$(time_query "SELECT sum(estate.parse_amount(v)) FROM bench_cell")
plain=$(time_query "SELECT sum($PLAIN) FROM bench_cell")
scan=$(time_query "SELECT count(v) FROM bench_cell")

# Both must agree before their timings mean anything.
diff=$(psql_run -At -c "SELECT count(*) FROM bench_cell WHERE estate.parse_amount(v) IS DISTINCT FROM $PLAIN")
psql_run -c 'DROP TABLE bench_cell'

echo "rows: $ROWS (disagreements between the two formulations: $diff)"
echo "bare scan (count):                    $scan ms"
echo "estate.parse_amount:                  $ext ms"
echo "plain SQL regexp_replace + cast:      $plain ms"
awk "BEGIN { printf \"ratio plain SQL / estate: %.2fx\n\", $plain / $ext }"
[ "$diff" = 0 ]
