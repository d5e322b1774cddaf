#!/usr/bin/env bash
# Where every aggregate stands, as one markdown table (docs/performance.md).
# For each aggregate, on the same rows:
#   - its time, serial and with one parallel worker (plus the leader), and its
#     cost a row over the bare scan of the same rows (count(*)) in each;
#   - its speed-up with one worker beside PostgreSQL's own aggregate (count
#     and max) over the same rows and grouping, and the ratio of the two;
#   - the plain-SQL way's time over its own (serial);
#   - its serial time over a build of a baseline revision's code, timed in
#     the same run (below).
# Times are medians of BENCH_RUNS (default 5) runs of the server's execution
# time (EXPLAIN ANALYZE, TIMING OFF), each in a new session, taken in rounds
# (each round times every variant of an aggregate once, so that the
# machine's drift weighs on all alike); the plain-SQL way, far slower, is run
# BENCH_SQL_RUNS (default 3) times, or not at all when 0.  JIT off, work_mem 1 GB.  Not a test.
#
#   bench/performance.sh                      (honours ESTATE_SANDBOX like test/run)
#   BENCH_ROWS=200000 BENCH_SENSOR=2000000 bench/performance.sh   # quicker
#   BENCH_ONLY='space|heatmap' bench/performance.sh   # only the rows whose label matches
#
# Rows: BENCH_ROWS (default 1,000,000) survey elements over 1,000 sites and
# bookings over 1,000 rooms; BENCH_SENSOR (default 10,000,000) sensor readings
# of one room.
#
# The baseline: BENCH_BASE (default the merge base of HEAD and main, the code
# before the current branch's changes) is exported with git archive and
# built.  Where its install scripts and control file are the current ones
# byte for byte (only the C changed), its library is timed on the same
# cluster: each baseline run swaps its estate.so into the library directory
# (renamed into place, so a session loads one or the other whole) and the
# current one back after, and new sessions load what is there.  Same
# buffers, same table files: across two clusters, serial ÷ baseline moved
# by a third between runs of unchanged code.  Otherwise it is installed
# into a sandbox of its own, BENCH_BASE_SANDBOX (default
# /tmp/estate-bench-base: a copy of the server's tree, as ESTATE_SANDBOX
# makes), and a second cluster holding the same rows runs from there.
# Either way the baseline's serial run sits beside the current build's in
# each round, so both see the same load.  BENCH_BASE=none skips it.
set -euo pipefail
. "$(dirname "$0")/../tools/lib.sh"
. "$(dirname "$0")/utilisation_sql.sh"
estate_require_root "$@"

ROWS=${BENCH_ROWS:-1000000}
SENSOR=${BENCH_SENSOR:-10000000}
RUNS=${BENCH_RUNS:-5}
SQL_RUNS=${BENCH_SQL_RUNS:-3}
ONLY=${BENCH_ONLY:-}
BASE=${BENCH_BASE:-$(git -C "$ESTATE_ROOT" merge-base HEAD main 2>/dev/null || echo none)}
BASE_SANDBOX=${BENCH_BASE_SANDBOX:-/tmp/estate-bench-base}
OPTS="-c jit=off -c work_mem=1GB -c shared_buffers=512MB -c max_parallel_workers=4"

estate_base_packages
estate_build_install
estate_tmp_create
PORT=$(estate_node_start current 54320 "$OPTS")

LIBDIR=${ESTATE_SANDBOX:+$ESTATE_SANDBOX}$("$PG_CONFIG" --pkglibdir)
SWAP=
BASE_HOW=none
# use_library current|base: that build's estate.so in the library directory.
use_library() {
	cp "$ESTATE_TMP/estate.so.$1" "$LIBDIR/estate.so.swap"
	mv -f "$LIBDIR/estate.so.swap" "$LIBDIR/estate.so"
}
# On exit, the current library back in place before the clusters stop, and
# the script's exit status kept for estate_cluster_stop to exit with.
restore_library() {
	local rc=$?
	use_library current || true
	set +e
	(exit "$rc")
	estate_cluster_stop
}
same_sql() {
	local f
	for f in estate.control estate--*.sql; do
		cmp -s "$ESTATE_ROOT/$f" "$ESTATE_TMP/base-src/$f" || return 1
	done
	for f in "$ESTATE_TMP"/base-src/estate--*.sql; do
		[ -e "$ESTATE_ROOT/$(basename "$f")" ] || return 1
	done
}
if [ "$BASE" != none ]; then
	say "building the baseline $BASE"
	mkdir -p "$ESTATE_TMP/base-src"
	git -C "$ESTATE_ROOT" archive "$BASE" | tar -x -C "$ESTATE_TMP/base-src"
	make -C "$ESTATE_TMP/base-src" -s PG_CONFIG="$PG_CONFIG" >/dev/null
fi
if [ "$BASE" != none ] && same_sql; then
	say "the baseline's SQL is the current one: its library is timed on the same cluster"
	SWAP=1
	BASE_HOW="$BASE, its library on the same cluster"
	cp "$LIBDIR/estate.so" "$ESTATE_TMP/estate.so.current"
	cp "$ESTATE_TMP/base-src/estate.so" "$ESTATE_TMP/estate.so.base"
	trap restore_library EXIT
elif [ "$BASE" != none ]; then
	say "installing the baseline into $BASE_SANDBOX, with a cluster of its own"
	BASE_HOW="$BASE, on a cluster of its own"
	for d in lib share; do
		mkdir -p "$BASE_SANDBOX/usr/$d/postgresql/$PG_MAJOR"
		cp -a "/usr/$d/postgresql/$PG_MAJOR/." "$BASE_SANDBOX/usr/$d/postgresql/$PG_MAJOR/"
	done
	make -C "$ESTATE_TMP/base-src" -s PG_CONFIG="$PG_CONFIG" DESTDIR="$BASE_SANDBOX" install >/dev/null
	BASE_PORT=$(PG_BIN=$BASE_SANDBOX/usr/lib/postgresql/$PG_MAJOR/bin estate_node_start base $((PORT + 1)) "$OPTS")
fi

# q PORT SQL...: psql on one cluster.
q() { local port=$1; shift; "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$ESTATE_TMP" -p "$port" -U postgres -d postgres "$@"; }
ports() { echo "$PORT" ${BASE_PORT:-}; }

say "generating $ROWS elements and bookings, and $SENSOR sensor readings, on each cluster"
for p in $(ports); do
	q "$p" <<SQL
SET timezone = 'Europe/London';
CREATE EXTENSION estate;
-- Survey elements of 1,000 sites: a band (a fifth unbanded), a grade, a cost
-- up to about a million pounds, an installation year and a life.
CREATE TABLE bench_el AS
SELECT i AS id, 1 + (i * 7919) % 1000 AS site,
       (ARRAY['low', 'moderate', 'significant', 'high', NULL])[1 + (i * 7) % 5]::estate.risk_band AS band,
       (ARRAY['A','B','B(C)','B(C)','C','C','C','CX','D','DX'])[1 + (i * 7919) % 10]::estate.condition_grade AS grade,
       CASE WHEN i % 20 = 0 THEN NULL ELSE 1 + ((i * 104729) % 5)::int END AS consequence,
       round((((i::bigint * 2654435761) % 100000007) / 100.0)::numeric, 2) AS cost,
       (1950 + (i * 37) % 80)::int AS installed_year, (5 + (i * 13) % 56)::int AS life_years,
       (100 + (i::bigint * 7919) % 20000)::numeric AS area,
       round((((i::bigint * 104729) % 100000007) / 100.0)::numeric, 2) AS running_cost,
       round((((i::bigint * 1299709) % 10000019) / 10.0)::numeric, 1) AS carbon_kg
FROM generate_series(1::bigint, $ROWS) AS i;
-- Renewal elements alone, as bench/backlog.sh has them: the forecast's
-- comparison with plain SQL is on its own narrow rows.
CREATE TABLE bench_renewal AS
SELECT (1950 + (i * 37) % 80)::int AS installed_year, (5 + (i * 13) % 56)::int AS life_years,
       round((((i::bigint * 2654435761) % 100000007) / 100.0)::numeric, 2) AS replacement_cost
FROM generate_series(1, $ROWS) AS i;
ALTER TABLE bench_el ADD COLUMN backlog estate.backlog;
UPDATE bench_el SET backlog = estate.backlog(cost, cost / 2, cost / 3, cost / 4);
-- Bookings of 30 minutes to 3 hours between 07:00 and 19:00 on any day of
-- 2024 over 1,000 rooms, 5% without a headcount (as bench/space_utilisation.sh).
CREATE TABLE bench_bookings AS
SELECT room, (8 + (room * 37) % 53)::int AS capacity,
       tstzrange(s, s + (30 + 15 * ((i * 31) % 11)) * interval '1 minute') AS period,
       CASE WHEN i % 20 = 0 THEN NULL ELSE ((i * 13) % 60)::int END AS headcount
FROM (SELECT i, 1 + (i * 7919) % 1000 AS room,
             (date '2024-01-01' + ((i * 104729) % 366)::int + time '07:00'
              + ((i * 7907) % 48) * interval '15 minutes') AT TIME ZONE 'Europe/London' AS s
      FROM generate_series(1::bigint, $ROWS) AS i) AS g;
-- One room's readings every 3 seconds, about half of them empty.
CREATE TABLE bench_sensor AS
SELECT tstzrange(t, t + interval '3 seconds') AS period, greatest(((i * 7919) % 11)::int - 5, 0) AS headcount
FROM (SELECT i, timestamptz '2024-01-01 00:00' + i * interval '3 seconds' AS t
      FROM generate_series(0::bigint, $SENSOR - 1) AS i) AS g;
VACUUM ANALYZE bench_el, bench_renewal, bench_bookings, bench_sensor;
SQL
done

SPAN="'[2024-01-01, 2025-01-01)'"
CORE="'Mon-Fri 08:00-18:00 Europe/London'"
SCENARIO="estate.investment_scenario(from_year => 2025, annual_budget => 20000000000, inflation => 0.03, years_per_grade => 3)"
GRADES="ARRAY['A','B','B(C)','C','CX','D','DX']"
# The plain-SQL way for space_utilisation: bench/space_utilisation.sh's.
util_sql() {  # table, room, capacity
	utilisation_ctes "$@" "[2024-01-01, 2025-01-01)"
	cat <<SQL
)
SELECT u.room, c.avail / 3600,
       (SELECT coalesce(sum(extract(epoch FROM upper(x) - lower(x))), 0) FROM unnest(u.used * c.mr) x) / 3600,
       coalesce(p.person_s, 0) / nullif(u.capacity * c.avail, 0)
FROM used u CROSS JOIN core c LEFT JOIN person p USING (room)
SQL
}

# Each aggregate: a label, its table and grouping, the aggregate query,
# PostgreSQL's own aggregate over the same rows and grouping, and the plain-SQL
# way ('' when there is none to compare).
LABELS=() TABLES=() AGGS=() OWNS=() PLAINS=()
add() {
	[[ -z "$ONLY" || "$1" =~ $ONLY ]] || return 0
	LABELS+=("$1"); TABLES+=("$2"); AGGS+=("$3"); OWNS+=("$4"); PLAINS+=("$5")
}
BY_SITE="SELECT site, count(cost), max(cost) FROM bench_el GROUP BY site"
WHOLE="SELECT count(cost), max(cost) FROM bench_el"
BY_ROOM="SELECT room, count(period), max(headcount) FROM bench_bookings GROUP BY room"
add "backlog_agg, per site" bench_el \
	"SELECT site, estate.backlog_agg(band, cost) FROM bench_el GROUP BY site" "$BY_SITE" \
	"SELECT site, sum(cost) FILTER (WHERE band OPERATOR(estate.=) 'high'), sum(cost) FILTER (WHERE band OPERATOR(estate.=) 'significant'),
	        sum(cost) FILTER (WHERE band OPERATOR(estate.=) 'moderate'), sum(cost) FILTER (WHERE band OPERATOR(estate.=) 'low'),
	        sum(cost) FILTER (WHERE band IS NULL) FROM bench_el GROUP BY site"
add "sum(backlog), per site" bench_el \
	"SELECT site, estate.sum(backlog) FROM bench_el GROUP BY site" "$BY_SITE" \
	"SELECT site, sum(estate.cost(backlog, 'high')), sum(estate.cost(backlog, 'significant')), sum(estate.cost(backlog, 'moderate')),
	        sum(estate.cost(backlog, 'low')), sum(estate.unassessed(backlog)) FROM bench_el GROUP BY site"
add "max(condition_grade), per site" bench_el \
	"SELECT site, estate.max(grade) FROM bench_el GROUP BY site" "$BY_SITE" \
	"SELECT site, ($GRADES)[max(array_position($GRADES, grade::text))] FROM bench_el GROUP BY site"
add "renewal_forecast, 10 years at 3%, whole table" bench_renewal \
	"SELECT estate.renewal_forecast(installed_year, life_years, replacement_cost, 2025, 10, 0.03) FROM bench_renewal" \
	"SELECT count(replacement_cost), max(replacement_cost) FROM bench_renewal" \
	"SELECT array_agg(coalesce(s.cost, 0) ORDER BY y) FROM generate_series(0, 9) AS y
	 LEFT JOIN (SELECT k, sum(round(e.replacement_cost * power(1.03::numeric, k), 2)) AS cost FROM bench_renewal AS e,
	                   generate_series(greatest(e.installed_year + e.life_years - 2025, 0), 9, e.life_years) AS k
	            GROUP BY k) AS s ON s.k = y"
add "disposal_impact, per site" bench_el \
	"SELECT site, estate.disposal_impact(area, backlog, running_cost, carbon_kg, 1000000000, 0) FROM bench_el GROUP BY site" "$BY_SITE" \
	"SELECT site, count(*), sum(area), 1000000000 - sum(area), sum(estate.total(backlog)), sum(running_cost), sum(carbon_kg)
	 FROM bench_el GROUP BY site"
add "plan_investment, whole table" bench_el \
	"SELECT estate.plan_investment(id::text, grade, consequence, cost, $SCENARIO) FROM bench_el" "$WHOLE" \
	"SELECT id FROM bench_el WHERE estate.needs_backlog(grade) AND cost IS NOT NULL
	 ORDER BY estate.backlog_risk(grade, consequence) DESC NULLS LAST,
	          estate.failure_likelihood(grade) * consequence DESC NULLS LAST, cost, id"
add "space_utilisation, bookings per room" bench_bookings \
	"SELECT room, estate.space_utilisation(period, headcount, capacity, $CORE, $SPAN) FROM bench_bookings GROUP BY room" "$BY_ROOM" \
	"$(util_sql bench_bookings room capacity)"
add "utilisation_heatmap, bookings per room" bench_bookings \
	"SELECT room, estate.utilisation_heatmap(period, headcount, capacity, $CORE, $SPAN) FROM bench_bookings GROUP BY room" "$BY_ROOM" ""
add "space_utilisation, one room's sensor readings" bench_sensor \
	"SELECT estate.space_utilisation(period, headcount, 12, $CORE, $SPAN) FROM bench_sensor" \
	"SELECT count(period), max(headcount) FROM bench_sensor" "$(util_sql bench_sensor 1 12)"
add "utilisation_heatmap, one room's sensor readings" bench_sensor \
	"SELECT estate.utilisation_heatmap(period, headcount, 12, $CORE, $SPAN) FROM bench_sensor" \
	"SELECT count(period), max(headcount) FROM bench_sensor" ""

# time1 PORT WORKERS QUERY: one execution time in ms, serial or with WORKERS
# parallel workers forced (the plan must launch them).
time1() {
	local set="SET max_parallel_workers_per_gather = $2;"
	[ "$2" -eq 0 ] || set+=" SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
	q "$1" -At -c "SET timezone = 'Europe/London'" -c "$set" -c "EXPLAIN (ANALYZE, TIMING OFF) $3" |
		awk -v w="$2" '/Workers Launched/ { l = $NF } /Execution Time/ { t = $3 }
		               END { if (w > 0 && l != w) { print "no parallel worker launched" > "/dev/stderr"; exit 1 } print t }'
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# med PORT WORKERS QUERY [RUNS]: the median of RUNS runs.
med() { for _ in $(seq "${4:-$RUNS}"); do time1 "$1" "$2" "$3"; done | median; }
# rounds AGG OWN: RUNS rounds, each timing in turn the aggregate serial on the
# current build and on the baseline (in alternating order), with one worker,
# and PostgreSQL's own aggregate serial and with one worker; prints the five
# medians.  Rounds rather than five runs of one query after another, so that
# the machine's drift (on a shared virtual machine, scans vary by a third
# from minute to minute) weighs on the times a ratio compares alike.
rounds() {
	local a0=() b0=() a1=() o0=() o1=() r
	for r in $(seq "$RUNS"); do
		# The baseline first in every other round: whichever runs second
		# finds the memory the first has just freed.
		[ $((r % 2)) -eq 1 ] || base_serial "$1" b0
		a0+=("$(time1 "$PORT" 0 "$1")")
		[ $((r % 2)) -eq 0 ] || base_serial "$1" b0
		a1+=("$(time1 "$PORT" 1 "$1")")
		o0+=("$(time1 "$PORT" 0 "$2")")
		o1+=("$(time1 "$PORT" 1 "$2")")
	done
	local m
	for m in a0 b0 a1 o0 o1; do
		local -n arr=$m
		if [ "${#arr[@]}" -eq 0 ]; then printf '%s ' -; else printf '%s\n' "${arr[@]}" | median | tr '\n' ' '; fi
	done
	echo
}
# base_serial QUERY ARRAY: one serial run of the baseline, added to ARRAY.
base_serial() {
	local -n into=$2
	if [ -n "$SWAP" ]; then
		use_library base
		into+=("$(time1 "$PORT" 0 "$1")")
		use_library current
	elif [ -n "${BASE_PORT:-}" ]; then
		into+=("$(time1 "$BASE_PORT" 0 "$1")")
	fi
}
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == "-" || a == "-" || b == 0) print "–"; else printf "%.2f", a / b }'; }
per_row() { awk -v a="$1" -v s="$2" -v n="$3" 'BEGIN { printf "%.0f", (a - s) * 1e6 / n }'; }

declare -A SCAN0 SCAN1 NROWS
for t in bench_el bench_renewal bench_bookings bench_sensor; do
	SCAN0[$t]=$(med "$PORT" 0 "SELECT count(*) FROM $t")
	SCAN1[$t]=$(med "$PORT" 1 "SELECT count(*) FROM $t")
	NROWS[$t]=$(q "$PORT" -At -c "SELECT count(*) FROM $t")
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "| aggregate | rows | serial | a row over the scan | 1 worker | a row over the scan | speed-up | PostgreSQL's speed-up | ratio | plain SQL ÷ aggregate | serial ÷ baseline |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for i in "${!LABELS[@]}"; do
	t=${TABLES[$i]}
	read -r a0 b0 a1 o0 o1 < <(rounds "${AGGS[$i]}" "${OWNS[$i]}")
	plain=–
	[ -z "${PLAINS[$i]}" ] || [ "$SQL_RUNS" -eq 0 ] || plain="$(div "$(med "$PORT" 0 "${PLAINS[$i]}" "$SQL_RUNS")" "$a0")×"
	printf '| %s | %s | %.0f ms | %s ns | %.0f ms | %s ns | %s× | %s× | %s | %s | %s |\n' \
		"${LABELS[$i]}" "${NROWS[$t]}" "$a0" "$(per_row "$a0" "${SCAN0[$t]}" "${NROWS[$t]}")" \
		"$a1" "$(per_row "$a1" "${SCAN1[$t]}" "${NROWS[$t]}")" "$(div "$a0" "$a1")" "$(div "$o0" "$o1")" \
		"$(div "$(div "$a0" "$a1")" "$(div "$o0" "$o1")")" "$plain" "$(div "$a0" "$b0")"
done
echo
echo "Bare scans (count(*)), serial / 1 worker: elements ${SCAN0[bench_el]} / ${SCAN1[bench_el]} ms," \
	"renewal elements ${SCAN0[bench_renewal]} / ${SCAN1[bench_renewal]} ms," \
	"bookings ${SCAN0[bench_bookings]} / ${SCAN1[bench_bookings]} ms, sensor ${SCAN0[bench_sensor]} / ${SCAN1[bench_sensor]} ms."
echo "Baseline: $BASE_HOW. Medians of $RUNS runs ($SQL_RUNS of the plain SQL); load average $load_before before the timings," \
	"$(cut -d' ' -f1-3 /proc/loadavg) after, on $(nproc) cores."
