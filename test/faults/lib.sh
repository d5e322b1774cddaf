# test/faults/lib.sh - what the fault tests share: a throwaway cluster of
# their own (tools/lib.sh), TAP output (test/lib/tap.sh), restarting a node
# after a crash, and a fingerprint of one year's loaded returns.  Sourced by
# test/faults/*.sh, which run as root (the clusters as postgres).
. "$(dirname "${BASH_SOURCE[0]}")/../../tools/lib.sh"
. "$ESTATE_ROOT/test/lib/tap.sh"
set +e
export PATH="$PG_BIN:$PATH" PGUSER=postgres PGDATABASE=postgres
# The loads' NOTICEs (the headers kept in other_items, listed on every load)
# would fill the log; warnings and errors still show.
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
# Longer campaigns: ESTATE_FAULT_RUNS multiplies every test's run count.
runs_factor=${ESTATE_FAULT_RUNS:-1}
seed=${ESTATE_FAULT_SEED:-$$}
RANDOM=$seed

# faults_cluster NAME [SERVER OPTIONS]: a fresh cluster; PG* point at it.
faults_cluster() {
	estate_tmp_create
	PGPORT=$(estate_node_start "$1" 54400 "${2:-}") || exit 1
	export PGHOST=$ESTATE_TMP PGPORT
	echo "# cluster $1 in $ESTATE_TMP (port $PGPORT); ESTATE_FAULT_SEED=$seed replays the random choices"
}

# faults_wait_ready: until the server accepts connections again (after a
# crash the postmaster recovers first), at most 120 s.
faults_wait_ready() {
	local i
	for ((i = 0; i < 240; i++)); do
		psql -X -q -At -c 'SELECT 1' >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	return 1
}

# faults_restart NAME: start node NAME again with the options it last had
# (pg_ctl restart reads postmaster.opts; a stopped server is just started).
faults_restart() {
	runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$ESTATE_TMP/$1" -l "$ESTATE_TMP/$1.log" -w restart >/dev/null 2>&1
	faults_wait_ready
}

# year_state DB KIND YEAR: what a load of that year left, as
# "rows|loads among them|content fingerprint|audit's last load id for the
# year|audit's rows_loaded of that load|rows' load id".  The fingerprint is
# an md5 of the rows without their load_id, so two loads of one file agree.
year_state() {
	local table=estate.eric_$2
	q "$1" "SELECT count(*), count(DISTINCT t.load_id),
	               md5(coalesce(string_agg((to_jsonb(t) - 'load_id')::text, E'\n' ORDER BY (to_jsonb(t) - 'load_id')::text), '')),
	               (SELECT max(load_id) FROM estate.eric_load WHERE kind = '$2' AND financial_year = $3),
	               (SELECT rows_loaded FROM estate.eric_load WHERE load_id = (SELECT max(load_id) FROM estate.eric_load
	                                                                          WHERE kind = '$2' AND financial_year = $3)),
	               max(t.load_id)
	        FROM $table AS t WHERE t.financial_year = $3"
}

# faults_cleanup COMMAND: on exit, run COMMAND, then stop the clusters; the
# script's exit status is kept.
faults_cleanup() {
	trap "rc=\$?; $1; (exit \$rc); estate_cluster_stop" EXIT
}
