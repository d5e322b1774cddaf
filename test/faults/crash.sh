#!/usr/bin/env bash
# Crashes during an ERIC load: bin/estate-load-eric replaces a year's site
# returns while the backend running it is killed (kill -9: the postmaster
# then restarts every backend) or the whole server stops at once (pg_ctl -m
# immediate), at a random moment between the connection and just after the
# commit.  After recovery the year holds the old returns or the new ones,
# complete, never a mix; estate.eric_load agrees with the rows; and the same
# load then succeeds.  Two files alternate as old and new: the first 400 and
# the first 150 lines of the 2015/16 site file (other returns, other totals).
# Prints TAP.  Runs as root; the cluster (its own) as postgres.
#   test/faults/crash.sh     (ESTATE_FAULT_RUNS=N for N times the 3 runs per way)
. "$(dirname "$0")/lib.sh"
estate_require_root "$@"
faults_cluster crash
db=estate_crash
load="$ESTATE_ROOT/bin/estate-load-eric"
files=$(mktemp -d)
faults_cleanup 'rm -rf "$files"'
head -n 400 "$ESTATE_ROOT/data/eric/eric_2015-16_site.csv" >"$files/full.csv"
head -n 150 "$ESTATE_ROOT/data/eric/eric_2015-16_site.csv" >"$files/part.csv"

q postgres "CREATE DATABASE $db" && q $db "CREATE EXTENSION estate" || { echo "Bail out! no database"; exit 1; }

# The state each file leaves, without the load ids.
declare -A content rows elapsed_ms
for f in part full; do
	start=$(date +%s%N)
	"$load" -d $db --year 2015/16 --kind site "$files/$f.csv" >/dev/null || { echo "Bail out! $f.csv does not load"; exit 1; }
	elapsed_ms[$f]=$((($(date +%s%N) - start) / 1000000))
	IFS='|' read -r n _ fp _ <<<"$(year_state $db site 2015)"
	content[$f]=$fp rows[$f]=$n
	echo "# $f.csv holds ${rows[$f]} returns; its load takes ${elapsed_ms[$f]} ms"
done
[ "${rows[full]}" != "${rows[part]}" ] && [ "${content[full]}" != "${content[part]}" ]
ok $? "the two files give different years (${rows[full]} and ${rows[part]} returns)"

# check_year CURRENT-FILE TARGET-FILE WHAT: the year is one of the two, whole.
check_year() {
	local n loads fp audit_id audit_rows row_id got=
	IFS='|' read -r n loads fp audit_id audit_rows row_id <<<"$(year_state $db site 2015)"
	[ "$fp" = "${content[$1]}" ] && got=$1
	[ "$fp" = "${content[$2]}" ] && got=$2
	[ -n "$got" ] && [ "$n" = "${rows[$got]}" ] && [ "$loads" = 1 ]
	ok $? "$3: the year holds the ${got:-MIXED} returns, whole ($n rows from $loads load)"
	is "$audit_id $audit_rows" "$row_id $n" "$3: eric_load's last load of the year is the rows' load, with their count"
	outcome=$got
}

declare -A outcomes
# crash WAY RUN: load the file the year does not hold and crash it.
crash() {
	local way=$1 run=$2 from=$current to pid delay phase= waited app=estate_fault_load_$RANDOM
	[ "$current" = full ] && to=part || to=full
	# A random moment from 0 to 1.2 times the load: some land after the commit.
	delay=$(((RANDOM * 32768 + RANDOM) % (${elapsed_ms[$to]} * 12 / 10 + 1)))
	PGAPPNAME=$app "$load" -d $db --year 2015/16 --kind site "$files/$to.csv" >"$files/out" 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' $((delay % 1000)))"; sleep $((delay / 1000))
	if [ "$way" = kill ]; then
		IFS="|" read -r backend phase <<<"$(q postgres "SELECT pid, CASE WHEN query ~ 'load_eric' THEN 'in load_eric'
		                                                            WHEN query ~* 'copy' THEN 'in copy' ELSE 'between statements' END
		                                        FROM pg_stat_activity WHERE application_name = '$app'")"
		if [ -n "$backend" ]; then
			kill -9 "$backend"
		else
			phase="before connecting or after the commit"
		fi
	else
		phase=$(q postgres "SELECT CASE WHEN query ~ 'load_eric' THEN 'in load_eric' WHEN query ~* 'copy' THEN 'in copy'
		                                ELSE 'between statements' END FROM pg_stat_activity WHERE application_name = '$app'")
		[ -n "$phase" ] || phase="before connecting or after the commit"
		runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$ESTATE_TMP/crash" -m immediate -w stop >/dev/null
	fi
	wait $pid
	waited=$?
	if [ "$way" = immediate ]; then faults_restart crash; else faults_wait_ready; fi
	ok $? "$way run $run ($to.csv over $from.csv, ${delay} ms, $phase): the server accepts connections again"
	check_year "$from" "$to" "$way run $run"
	key="$way: $([ "$outcome" = "$to" ] && echo new || echo old) returns"
	outcomes[$key]=$((${outcomes[$key]:-0} + 1))
	# A loader that reported success has its returns in (one that failed may
	# have lost the connection after the commit).
	[ "$waited" -ne 0 ] || [ "$outcome" = "$to" ]
	ok $? "$way run $run: the loader's exit status ($waited) agrees with the $outcome returns in the year"
	# The same load again, undisturbed.
	"$load" -d $db --year 2015/16 --kind site "$files/$to.csv" >"$files/out" 2>&1
	ok $? "$way run $run: the same load then succeeds $(grep -v loaded "$files/out")"
	check_year "$to" "$to" "$way run $run, loaded again"
	current=$to
}

current=full
# Each way loads either file in turn.
for ((r = 1; r <= 3 * runs_factor; r++)); do
	if ((r % 2)); then
		crash kill $r
		crash immediate $r
	else
		crash immediate $r
		crash kill $r
	fi
done
# No crash leaves the catalogue or the indexes of the tables damaged.
q $db "CREATE EXTENSION amcheck" >/dev/null
checked=$(q $db "SELECT count(*) FROM (SELECT bt_index_parent_check(i.indexrelid, true)::text FROM pg_index AS i
                  WHERE i.indrelid IN ('estate.eric_site'::regclass, 'estate.eric_load'::regclass)) AS c" 2>&1)
is "$checked" "$(q $db "SELECT count(*) FROM pg_index WHERE indrelid IN ('estate.eric_site'::regclass, 'estate.eric_load'::regclass)")" "amcheck: the indexes of eric_site and eric_load match their tables"
for k in "${!outcomes[@]}"; do echo "# $k: ${outcomes[$k]}"; done | sort
done_testing
