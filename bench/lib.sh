# bench/lib.sh - the set-up the benchmarks share.  Sourced, not run.
# Without PGHOST: install what is missing, build, install and start a
# throwaway cluster (as root, like tools/demo; ESTATE_SANDBOX as for
# test/run); with PGHOST (and PGDATABASE) use that database.  Then psql_run
# runs psql there; time_query prints the best of BENCH_RUNS (default 3) runs
# of a query, serial or under the settings given as its second argument, and
# fastest the same with up to N parallel workers, in milliseconds of the
# server's execution time; ratio divides two times.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/utilisation_sql.sh"
if [ -z "${PGHOST:-}" ]; then
	. "$(dirname "${BASH_SOURCE[0]}")/../tools/lib.sh"
	estate_require_root "$@"
	estate_base_packages
	estate_build_install
	estate_cluster_start
	PSQL="$PG_BIN/psql"
else
	PSQL=psql
fi
RUNS=${BENCH_RUNS:-3}
psql_run() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }

time_query() {  # query [settings, instead of a serial plan]
	local best= t
	for _ in $(seq "$RUNS"); do
		t=$(psql_run -At <<SQL | sed -n 's/.*Execution Time: \([0-9.]*\) ms.*/\1/p'
${2:-SET max_parallel_workers_per_gather = 0;}
EXPLAIN (ANALYZE, TIMING OFF) $1
SQL
)
		if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then best=$t; fi
	done
	echo "$best"
}

# The settings that give a query up to $1 parallel workers wherever the
# planner can use them (and no JIT, whose compile time would be measured).
parallel_settings() {
	echo "SET jit = off; SET max_parallel_workers_per_gather = $1; SET parallel_setup_cost = 0;
	      SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
}

# fastest WORKERS QUERY: time_query under parallel_settings WORKERS; with
# workers, one EXPLAIN ANALYZE first checks that the plan launches them.
fastest() {
	local plan
	if [ "$1" -gt 0 ]; then
		plan=$(psql_run -At -c "$(parallel_settings "$1")" -c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $2")
		if ! grep -q "Workers Launched: $1" <<<"$plan"; then
			echo "expected $1 parallel worker(s) in the plan of: $2" >&2
			echo "$plan" >&2
			exit 1
		fi
	fi
	time_query "$2" "$(parallel_settings "$1")"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
