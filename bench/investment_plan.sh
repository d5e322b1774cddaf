#!/usr/bin/env bash
# Benchmark of estate.plan_investment.  Prints, each the median of 5 runs in
# one session after a run not counted (see median_query):
#   - the plan over ROWS survey rows (16-character ids, horizon 10,
#     highest_risk_first) against the same rows sorted by the priority keys in
#     plain SQL (the floor: a plan needs at least that sort); target at most 3x;
#   - the plan against the PL/pgSQL implementation of the same rules that the
#     differential test uses (test/pgtap/include/investment_plan_reference.sql,
#     unchanged) on REF_ROWS rows; target at least 100x;
#   - a scenario sweep: SWEEP budgets over SWEEP_ROWS items, one GROUP BY;
#   - 1 parallel worker (plus the leader) against none;
#   - the state's bytes per item (target at most 48 with 16-character ids).
# Not a test.
#
#   sudo bench/investment_plan.sh                # own throwaway cluster
#   PGHOST=... PGDATABASE=... bench/investment_plan.sh
ROWS=${ROWS:-1000000}
REF_ROWS=${REF_ROWS:-100000}
SWEEP=${SWEEP:-20}
SWEEP_ROWS=${SWEEP_ROWS:-100000}
RUNS=${RUNS:-5}
export PGOPTIONS="${PGOPTIONS:-} -c jit=off -c work_mem=1GB"
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.."

psql_run -c 'CREATE EXTENSION IF NOT EXISTS estate'
echo "generating $ROWS survey rows"
psql_run <<SQL
DROP TABLE IF EXISTS bench_survey;
-- Grades B(C) to DX (and some A and B rows, skipped), a consequence 1-5 (5%
-- not assessed), costs from 1.00 to 500,000.00.
CREATE TABLE bench_survey AS
SELECT 'el-' || lpad(i::text, 13, '0') AS id,
       (ARRAY['A','B','B(C)','B(C)','C','C','C','CX','D','DX'])[1 + (i * 7919) % 10]::estate.condition_grade AS grade,
       CASE WHEN i % 20 = 0 THEN NULL ELSE 1 + ((i * 104729) % 5)::int END AS consequence,
       round(1 + ((i * 7907) % 50000000) / 100.0, 2) AS cost
FROM generate_series(1::bigint, $ROWS) AS i;
VACUUM ANALYZE bench_survey;
SQL

# The median of RUNS serial runs of a query (or under the settings given as
# the second argument), in milliseconds, in one session after a run that is
# not counted: a new backend first pays for mapping shared buffers and
# loading catalogs, which is no part of the query, and the reference below is
# timed in a session that has done that already.  first_query is the median
# of RUNS new sessions' first runs, for comparison.
median_query() {  # query [settings]
	{
		echo "${2:-SET max_parallel_workers_per_gather = 0;}"
		for _ in $(seq $((RUNS + 1))); do echo "EXPLAIN (ANALYZE, TIMING OFF) $1;"; done
	} | psql_run -At | sed -n 's/.*Execution Time: \([0-9.]*\) ms.*/\1/p' | tail -n +2 |
		sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
first_query() {  # query
	for _ in $(seq "$RUNS"); do
		psql_run -At -c 'SET max_parallel_workers_per_gather = 0' -c "EXPLAIN (ANALYZE, TIMING OFF) $1" |
			sed -n 's/.*Execution Time: \([0-9.]*\) ms.*/\1/p'
	done | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

SCENARIO="estate.investment_scenario(from_year => 2025, annual_budget => 20000000000, inflation => 0.03,
                                     years_per_grade => 3, escalation => 0.1, replacement_value => 5000000000000)"
PLAN="SELECT estate.plan_investment(id, grade, consequence, cost, $SCENARIO) FROM bench_survey"
# The first year's priority order: band (high first, unassessed last), risk
# score, cost, id in byte order, over the rows a plan keeps.
SORT="SELECT id FROM bench_survey WHERE estate.needs_backlog(grade) AND cost IS NOT NULL
      ORDER BY estate.backlog_risk(grade, consequence) DESC NULLS LAST,
               estate.failure_likelihood(grade) * consequence DESC NULLS LAST, cost, id COLLATE \"C\""
plan=$(median_query "$PLAN")
sort=$(median_query "$SORT")
printf '%s rows, horizon 10, highest_risk_first: plan_investment %s ms, plain SQL sort by the priority keys %s ms, ratio %sx (target at most 3x)\n' \
	"$ROWS" "$plan" "$sort" "$(ratio "$plan" "$sort")"

# Against the PL/pgSQL reference on REF_ROWS rows, in one session (its
# functions are temporary); one run of the reference (it is slow), the median
# of RUNS of the extension.
ref_ms=$(psql_run -At <<SQL | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
\i test/pgtap/include/investment_plan_reference.sql
CREATE TEMP TABLE ref_in AS
SELECT 1 AS grp, id, grade, consequence AS cons, NULL::estate.risk_band AS band, cost
FROM bench_survey ORDER BY id LIMIT $REF_ROWS;
\timing on
SELECT length(pg_temp.reference_plan(1, $SCENARIO, false)) > 0;
SQL
)
psql_run -c "DROP TABLE IF EXISTS bench_ref" -c "CREATE TABLE bench_ref AS SELECT * FROM bench_survey ORDER BY id LIMIT $REF_ROWS"
REF_PLAN="SELECT estate.plan_investment(id, grade, consequence, cost, $SCENARIO) FROM bench_ref"
ext_ms=$(median_query "$REF_PLAN")
first_ms=$(first_query "$REF_PLAN")
printf '%s rows: PL/pgSQL reference %s ms, plan_investment %s ms, ratio %sx (target at least 100x); as a new session'"'"'s first query %s ms, %sx\n' \
	"$REF_ROWS" "$ref_ms" "$ext_ms" "$(ratio "$ref_ms" "$ext_ms")" "$first_ms" "$(ratio "$ref_ms" "$first_ms")"

# A scenario sweep: SWEEP budgets over SWEEP_ROWS items in one GROUP BY.
sweep=$(median_query "SELECT b, estate.plan_investment(id, grade, consequence, cost,
                        estate.investment_scenario(from_year => 2025, annual_budget => b * 100000000::numeric, inflation => 0.03))
                      FROM (SELECT * FROM bench_survey ORDER BY id LIMIT $SWEEP_ROWS) AS s
                      CROSS JOIN generate_series(1, $SWEEP) AS b GROUP BY b")
printf 'scenario sweep: %s budgets x %s items in %s ms (%s ms a plan)\n' "$SWEEP" "$SWEEP_ROWS" "$sweep" \
	"$(awk -v a="$sweep" -v n="$SWEEP" 'BEGIN { printf "%.1f", a / n }')"

# 1 parallel worker (plus the leader) against none.
PARALLEL="SET max_parallel_workers_per_gather = 1; SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
parallel=$(median_query "$PLAN" "$PARALLEL")
printf '%s rows: 0 workers %s ms, 1 worker %s ms, speed-up %sx (the final function, serial, is most of the time)\n' \
	"$ROWS" "$plan" "$parallel" "$(ratio "$plan" "$parallel")"

# The state's size: a custom aggregate returns the state itself.
psql_run -At <<SQL
CREATE AGGREGATE pg_temp.plan_state(text, estate.condition_grade, integer, numeric, estate.investment_scenario) (
    SFUNC = estate.investment_plan_transfn, STYPE = estate.investment_plan_state);
SELECT format('state of %s items kept (16-character ids): %s bytes, %s bytes per item (target at most 48)',
              kept, bytes, round(bytes::numeric / kept, 2))
FROM (SELECT count(*) FILTER (WHERE estate.needs_backlog(grade) OR grade::text = 'B(C)') AS kept,
             pg_column_size(pg_temp.plan_state(id, grade, consequence, cost, $SCENARIO)) AS bytes
      FROM bench_survey) s;
SQL
psql_run -c 'DROP TABLE bench_survey, bench_ref'
