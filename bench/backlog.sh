#!/usr/bin/env bash
# Benchmark of the backlog aggregates against plain SQL; prints
# times and ratios, it is not a test.
#
#   bench/backlog.sh                 # with PGHOST: against that server
#   sudo bench/backlog.sh            # without: build, install and start a
#                                    # throwaway cluster (bench/lib.sh)
#
# BENCH_ROWS (default 10000000) element rows for backlog_agg; BENCH_ELEMENTS
# (default 1000000) elements for renewal_forecast; BENCH_RUNS (default 3)
# runs per query, the best is kept.  The database needs the estate extension
# (it is created if missing); the bench tables are dropped at the end.
#
# Times are the server's execution time of each query (one result row); with
# 1 worker the plan must launch it.  The machine's load matters: run it on an
# otherwise idle machine.
. "$(dirname "$0")/lib.sh"

ROWS=${BENCH_ROWS:-10000000}
ELEMENTS=${BENCH_ELEMENTS:-1000000}

sql() { psql_run -At -c "$1"; }

echo "== setting up: $ROWS element rows, $ELEMENTS renewal elements"
sql "CREATE EXTENSION IF NOT EXISTS estate"
sql "DROP TABLE IF EXISTS bench_backlog_elements, bench_renewal_elements"
# Costs with two decimals up to about a million pounds; a fifth unbanded.
sql "CREATE TABLE bench_backlog_elements AS
     SELECT (ARRAY['low', 'moderate', 'significant', 'high', NULL])[1 + (i * 7) % 5]::estate.risk_band AS band,
            round((((i::bigint * 2654435761) % 100000007) / 100.0)::numeric, 2) AS cost
     FROM generate_series(1, $ROWS) AS i"
sql "CREATE TABLE bench_renewal_elements AS
     SELECT 1950 + (i * 37) % 80 AS installed_year, 5 + (i * 13) % 56 AS life_years,
            round((((i::bigint * 2654435761) % 100000007) / 100.0)::numeric, 2) AS replacement_cost
     FROM generate_series(1, $ELEMENTS) AS i"
sql "VACUUM ANALYZE bench_backlog_elements"
sql "VACUUM ANALYZE bench_renewal_elements"

AGG="SELECT estate.backlog_agg(band, cost) FROM bench_backlog_elements"
FILTERS="SELECT sum(cost) FILTER (WHERE band OPERATOR(estate.=) 'high'),
                sum(cost) FILTER (WHERE band OPERATOR(estate.=) 'significant'),
                sum(cost) FILTER (WHERE band OPERATOR(estate.=) 'moderate'),
                sum(cost) FILTER (WHERE band OPERATOR(estate.=) 'low'),
                sum(cost) FILTER (WHERE band IS NULL)
         FROM bench_backlog_elements"
BARE="SELECT sum(cost) FROM bench_backlog_elements"

FORECAST="SELECT estate.renewal_forecast(installed_year, life_years, replacement_cost, 2025, 10, 0.03)
          FROM bench_renewal_elements"
# The plain-SQL way: one row per element-year from generate_series, the
# inflated cost rounded per element-year, summed per year.
SERIES="SELECT array_agg(coalesce(s.cost, 0) ORDER BY y)
        FROM generate_series(0, 9) AS y
        LEFT JOIN (SELECT k, sum(round(e.replacement_cost * power(1.03::numeric, k), 2)) AS cost
                   FROM bench_renewal_elements AS e,
                        generate_series(greatest(e.installed_year + e.life_years - 2025, 0), 9, e.life_years) AS k
                   GROUP BY k) AS s ON s.k = y"

# The answers agree before anything is timed.
check() {
	local verdict
	verdict=$(psql_run -At -c "SET max_parallel_workers_per_gather = 0" -c "$1")
	echo "$verdict"
	[ "$verdict" != MISMATCH ] || exit 1
}
check "SELECT CASE WHEN estate.cost(b, 'high') = f.h AND estate.cost(b, 'significant') = f.s
                    AND estate.cost(b, 'moderate') = f.m AND estate.cost(b, 'low') = f.l AND estate.unassessed(b) = f.u
               THEN 'backlog_agg agrees with the five FILTER sums' ELSE 'MISMATCH' END
       FROM ($AGG) AS a(b), ($FILTERS) AS f(h, s, m, l, u)"
check "SELECT CASE WHEN ($FORECAST) = ($SERIES) THEN 'renewal_forecast agrees with the generate_series SQL'
                   ELSE 'MISMATCH' END"

echo
printf '%-44s %12s %12s\n' "query (best of $RUNS)" "0 workers" "1 worker"
declare -A T
for name in AGG FILTERS BARE FORECAST SERIES; do
	for w in 0 1; do
		T[$name.$w]=$(fastest "$w" "${!name}")
	done
	printf '%-44s %9s ms %9s ms\n' "$name" "${T[$name.0]}" "${T[$name.1]}"
done

echo
echo "== ratios (above 1: the estate aggregate is faster)"
for w in 0 1; do
	echo "$w worker(s):"
	echo "  five sum(cost) FILTER / backlog_agg   = $(ratio "${T[FILTERS.$w]}" "${T[AGG.$w]}")   (target >= 1.5)"
	echo "  bare sum(cost) / backlog_agg          = $(ratio "${T[BARE.$w]}" "${T[AGG.$w]}")   (target > 1)"
	echo "  generate_series SQL / renewal_forecast = $(ratio "${T[SERIES.$w]}" "${T[FORECAST.$w]}")   (target >= 10)"
done
echo "1 worker + leader vs 0 workers (above 1: parallel helps):"
echo "  backlog_agg       $(ratio "${T[AGG.0]}" "${T[AGG.1]}")"
echo "  renewal_forecast  $(ratio "${T[FORECAST.0]}" "${T[FORECAST.1]}")"

[ -n "${BENCH_KEEP:-}" ] || sql "DROP TABLE bench_backlog_elements, bench_renewal_elements"
