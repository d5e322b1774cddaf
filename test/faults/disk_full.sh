#!/usr/bin/env bash
# A full disk during an ERIC load: the database's default tablespace on a
# small tmpfs (its WAL stays in the data directory, whose filling stops
# PostgreSQL itself and is not this test), filled with a file of root's until
# less is free than the load must write (its staging table alone takes more
# than the CSV file's size).  The load fails with PostgreSQL's disk-full error
# (53100: "No space left on device", or a block written in part), nothing of it remains (rows, audit,
# temporary files), the server stays up, and once the file is removed the
# same load succeeds.  Each run leaves a random amount free, from nothing to
# just under the file's size.  Prints TAP.  Runs as root (it mounts).
#   test/faults/disk_full.sh     (ESTATE_FAULT_RUNS=N for N times the 3 runs)
. "$(dirname "$0")/lib.sh"
estate_require_root "$@"
faults_cluster disk
db=estate_disk
load="$ESTATE_ROOT/bin/estate-load-eric"
# The first 400 lines of the 2014/15 site file, to keep the loads short.
file=$ESTATE_TMP/eric_2014-15_site.csv
head -n 400 "$ESTATE_ROOT/data/eric/eric_2014-15_site.csv" >"$file"
mnt=$(mktemp -d /tmp/estate-disk.XXXXXX)
# The server goes before the file system it writes to.
unmount() {
	runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$ESTATE_TMP/disk" -m fast -w stop >/dev/null 2>&1
	umount "$mnt" 2>/dev/null && rmdir "$mnt"
}
faults_cleanup unmount
mount -t tmpfs -o size=256m,mode=0755 estate-disk "$mnt" || { echo "Bail out! cannot mount a tmpfs on $mnt"; exit 1; }
install -d -o postgres -g postgres "$mnt/ts"

q postgres "CREATE TABLESPACE small LOCATION '$mnt/ts'" && q postgres "CREATE DATABASE $db TABLESPACE small" \
	&& q $db "CREATE EXTENSION estate" || { echo "Bail out! no database on the small tablespace"; exit 1; }
is "$(q $db "SELECT spcname FROM pg_tablespace WHERE oid = (SELECT dattablespace FROM pg_database WHERE datname = '$db')")" small \
	"the database's default tablespace is on the tmpfs"
"$load" -d $db --year 2014/15 --kind site "$file" >/dev/null
ok $? "the 2014/15 site returns (first 400 lines) load while there is room"
dbdir=$(ls -d "$mnt"/ts/PG_*/"$(q $db "SELECT oid FROM pg_database WHERE datname = '$db'")")
size=$(stat -c %s "$file")

for ((r = 1; r <= 3 * runs_factor; r++)); do
	before=$(year_state $db site 2014)
	audit=$(q $db "SELECT count(*) FROM estate.eric_load")
	q $db "CHECKPOINT" >/dev/null
	avail=$(($(df --output=avail -B1 "$mnt" | tail -1)))
	free=$(((RANDOM * 32768 + RANDOM) % size))
	[ "$r" = 1 ] && free=0
	fallocate -l $((avail > free ? avail - free : 0)) "$mnt/filler"
	out=$("$load" -d $db --year 2014/15 --kind site "$file" 2>&1)
	rc=$?
	[ $rc -ne 0 ]; ok $? "run $r, $free bytes free: the load fails (exit $rc)"
	# PostgreSQL's disk-full errors (53100): a write that failed outright, or
	# a block written in part.
	case $out in
		*"No space left on device"* | *"could not extend file"*"Check free disk space"*) ok 0 "run $r: with PostgreSQL's disk-full error: $(echo "$out" | head -2 | tr '\n' ' ')" ;;
		*) ok 1 "run $r: with PostgreSQL's disk-full error"; echo "$out" | sed 's/^/#   /' ;;
	esac
	is "$(q postgres "SELECT 1")" 1 "run $r: the server is up"
	rm -f "$mnt/filler"
	is "$(year_state $db site 2014)|$(q $db "SELECT count(*) FROM estate.eric_load")" "$before|$audit" \
		"run $r: nothing of the load remains: the year and the audit are as before"
	is "$(find "$dbdir" -name 't[0-9]*' | wc -l)" 0 "run $r: no temporary table's file is left"
	out=$("$load" -d $db --year 2014/15 --kind site "$file" 2>&1)
	ok $? "run $r: with the space freed the same load succeeds: $out"
	IFS='|' read -r n loads fp audit_id audit_rows row_id <<<"$(year_state $db site 2014)"
	is "$n|$loads|$fp|$audit_rows" "$(echo "$before" | cut -d'|' -f1-3,5)" "run $r: the year holds the file's returns once, as before"
	[ "$audit_id" = "$row_id" ] && [ "$row_id" -gt "$(echo "$before" | cut -d'|' -f6)" ]
	ok $? "run $r: from the new load (load $row_id)"
done
done_testing
