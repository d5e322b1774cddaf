#!/usr/bin/env bash
# A hot standby serving BI: a streaming replica made with pg_basebackup on
# loopback answers every query of the extension as the primary does, byte for
# byte: every view of the extension (read from the catalogue), every
# aggregate (the expressions of test/memory/aggregates.txt, one line per
# aggregate) over a replicated table, serially and with parallel workers
# forced, and the extension's table functions without arguments.  Again
# after the primary reloads a year and the standby has replayed it (replay
# LSN past the primary's).  The loaders refuse on the standby and say to load
# on the primary.  Prints TAP.  Runs as root; the nodes as postgres.
#   test/faults/standby.sh
. "$(dirname "$0")/lib.sh"
estate_require_root "$@"
faults_cluster primary
primary=$PGPORT db=estate_standby
eric="$ESTATE_ROOT/data/eric"

q postgres "CREATE DATABASE $db" && q $db "CREATE EXTENSION estate" || { echo "Bail out! no database"; exit 1; }
# Two years (the trust files whole, the site files' first 400 lines, to keep
# the loads short), so that year_on_year compares.
for year in 2014-15 2015-16; do
	for kind in site trust; do
		if [ $kind = site ]; then head -n 400; else cat; fi <"$eric/eric_${year}_$kind.csv" >"$ESTATE_TMP/eric_${year}_$kind.csv"
		"$ESTATE_ROOT/bin/estate-load-eric" -d $db --year "$year" --kind $kind "$ESTATE_TMP/eric_${year}_$kind.csv" >/dev/null \
			|| { echo "Bail out! cannot load $year $kind"; exit 1; }
	done
done
"$ESTATE_ROOT/bin/estate-load-ics" -d $db "$ESTATE_ROOT"/data/ods/{etr,succ,icb_names_codes_dec_2024}.csv >/dev/null \
	|| { echo "Bail out! cannot load the ICS mapping"; exit 1; }
# The aggregates' input: a table, so that parallel workers can scan it.
q $db "CREATE TABLE agg_input AS SELECT generate_series(1, 20000) AS i; ANALYZE agg_input"

runuser -u postgres -- "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$primary" -U postgres -D "$ESTATE_TMP/standby" \
	-R -X stream -c fast >"$ESTATE_TMP/basebackup.log" 2>&1
ok $? "pg_basebackup over loopback makes a replica $(cat "$ESTATE_TMP/basebackup.log")"
standby=$(estate_free_port $((primary + 1)))
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$ESTATE_TMP/standby" -l "$ESTATE_TMP/standby.log" -w \
	-o "-p $standby -k $ESTATE_TMP -c listen_addresses=127.0.0.1 -c max_worker_processes=16 -c hot_standby=on" start >/dev/null \
	|| { tail -5 "$ESTATE_TMP/standby.log" | sed 's/^/# /'; echo "Bail out! the standby does not start"; exit 1; }
ok 0 "the standby starts (port $standby)"
is "$(q $db "SELECT state FROM pg_stat_replication" 2>&1)" streaming "the primary streams to it"
is "$(PGPORT=$standby q $db "SELECT pg_is_in_recovery()")" t "the standby is in recovery (a hot standby)"

# wait_replay: until the standby has replayed everything the primary wrote.
wait_replay() {
	local target i
	target=$(q postgres "SELECT pg_current_wal_lsn()")
	for ((i = 0; i < 240; i++)); do
		[ "$(PGPORT=$standby q postgres "SELECT pg_last_wal_replay_lsn() >= '$target'::pg_lsn")" = t ] && return 0
		sleep 0.5
	done
	return 1
}

# The queries, one per line, ordered so their output is deterministic.
queries=$(mktemp)
faults_cleanup 'rm -f "$queries"'
{
	q $db "SELECT format('SELECT r::text FROM %s AS r ORDER BY 1;', c.oid::regclass)
	       FROM pg_class AS c WHERE c.relnamespace = 'estate'::regnamespace AND c.relkind = 'v' ORDER BY 1"
	q $db "SELECT format('SELECT r::text FROM %s() AS r ORDER BY 1;', p.oid::regproc)
	       FROM pg_proc AS p JOIN pg_depend AS d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	       WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate')
	         AND p.proretset AND p.pronargs = 0 ORDER BY 1"
	grep -v '^#' "$ESTATE_ROOT/test/memory/aggregates.txt" | cut -f3 | sed 's/.*/SELECT (&)::text FROM agg_input;/'
} >"$queries"
echo "# $(grep -c 'FROM estate\.[a-z_]* AS r' "$queries") views, $(grep -c '() AS r' "$queries") table functions, $(grep -c agg_input "$queries") aggregates"

# compare WHEN: every query's output on both nodes, serially and with
# parallel workers forced; one psql session per node and mode, each query's
# output headed by its number.
compare() {
	local mode node port n
	n=$(wc -l <"$queries")
	for mode in serial parallel; do
		for node in primary standby; do
			port=$primary
			[ $node = standby ] && port=$standby
			{
				if [ $mode = parallel ]; then
					echo "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
					echo "SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;"
				else
					echo "SET max_parallel_workers_per_gather = 0;"
				fi
				awk '{ printf "\\echo query %d\n%s\n", NR, $0 }' "$queries"
			} | PGPORT=$port psql -X -q -At -v ON_ERROR_STOP=1 -d $db >"$ESTATE_TMP/$node.$mode" 2>&1
			ok $? "$1, $mode, $node: all $n queries run"
		done
		diff "$ESTATE_TMP/primary.$mode" "$ESTATE_TMP/standby.$mode" >"$ESTATE_TMP/diff" \
			&& [ "$(grep -c '^query ' "$ESTATE_TMP/primary.$mode")" = "$n" ]
		ok $? "$1, $mode: every output ($(wc -c <"$ESTATE_TMP/primary.$mode") bytes) is byte for byte the primary's"
		head -20 "$ESTATE_TMP/diff" | sed 's/^/# /'
	done
}
ok "$(wait_replay; echo $?)" "the standby has replayed the loads"
compare "after the loads"

# A reload on the primary, seen on the standby once replayed.
rows_before=$(PGPORT=$standby q $db "SELECT count(*) FROM estate.eric_site WHERE financial_year = 2015")
head -n 150 "$eric/eric_2015-16_site.csv" >"$ESTATE_TMP/part.csv"
"$ESTATE_ROOT/bin/estate-load-eric" -d $db --year 2015/16 --kind site "$ESTATE_TMP/part.csv" >/dev/null
ok $? "the primary reloads 2015/16 with fewer returns"
ok "$(wait_replay; echo $?)" "the standby has replayed the reload"
rows_after=$(PGPORT=$standby q $db "SELECT count(*) FROM estate.eric_site WHERE financial_year = 2015")
[ "$rows_after" -lt "$rows_before" ]; ok $? "the standby sees the reload ($rows_before returns, now $rows_after)"
compare "after the reload"

# The loaders on the standby: refused, nothing changed.
before=$(PGPORT=$standby year_state $db site 2015)
out=$(PGPORT=$standby "$ESTATE_ROOT/bin/estate-load-eric" -d $db --year 2015/16 --kind site "$eric/eric_2015-16_site.csv" 2>&1)
rc=$?
[ $rc -ne 0 ]; ok $? "estate-load-eric on the standby fails (exit $rc)"
like "$out" "load on the primary" "and says to load on the primary: $out"
out=$(PGPORT=$standby "$ESTATE_ROOT/bin/estate-load-ics" -d $db "$ESTATE_ROOT"/data/ods/{etr,succ,icb_names_codes_dec_2024}.csv 2>&1)
rc=$?
[ $rc -ne 0 ]; ok $? "estate-load-ics on the standby fails (exit $rc)"
like "$out" "load on the primary" "and says to load on the primary: $out"
is "$(PGPORT=$standby year_state $db site 2015)" "$before" "the standby's year is unchanged"
done_testing
