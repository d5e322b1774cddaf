# bench/lib.sh - the set-up the benchmarks share.  Sourced, not run.
# Without PGHOST: install what is missing, build, install and start a
# throwaway cluster (as root, like tools/demo); with PGHOST (and PGDATABASE)
# use that database.  Then psql_run runs psql there, and time_query prints
# the best of three serial runs of a query (or runs under the settings given
# as its second argument), in milliseconds.
set -euo pipefail
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
psql_run() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }

time_query() {  # query [settings, instead of a serial plan]
	local best= t
	for _ in 1 2 3; do
		t=$(psql_run -At <<SQL | sed -n 's/.*Execution Time: \([0-9.]*\) ms.*/\1/p'
${2:-SET max_parallel_workers_per_gather = 0;}
EXPLAIN (ANALYZE, TIMING OFF) $1
SQL
)
		if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then best=$t; fi
	done
	echo "$best"
}
