#!/usr/bin/env bash
# Benchmark: space utilisation of occupancy-sensor readings on one node and on
# a Citus cluster (a coordinator and two workers) on the same machine.  Prints
# times, the cluster/one-node ratio, rows per second per core, the per-row
# cost of space_utilisation over a bare scan of the same rows, and the bytes
# each shard ships to the coordinator.  Not a test.
#
#   sudo bench/scale_out.sh          (honours ESTATE_SANDBOX like test/run)
#
# BENCH_ROWS (default 20000000) sensor intervals of 15 minutes over
# BENCH_ROOMS (default 10000) rooms; BENCH_RUNS (default 5) runs per query,
# the median is kept; BENCH_SHARDS (default 32, Citus's default) shards.
# Needs Citus installed in the server's tree (see docs/scale_out.md).  The
# machine's load matters: run it on an otherwise idle machine.
set -euo pipefail
. "$(dirname "$0")/../tools/lib.sh"
estate_require_root "$@"

ROWS=${BENCH_ROWS:-20000000}
ROOMS=${BENCH_ROOMS:-10000}
RUNS=${BENCH_RUNS:-5}
SHARDS=${BENCH_SHARDS:-32}
PER_ROOM=$((ROWS / ROOMS))
CORES=$(nproc)
# One node in parallel: the leader and CORES - 1 workers, one process a core.
WORKERS=$((CORES > 1 ? CORES - 1 : 1))

estate_base_packages
estate_build_install
if ! estate_citus_installed; then
	echo "Citus is not installed (no citus.so in $("$PG_BIN/pg_config" --pkglibdir)); see docs/scale_out.md" >&2
	exit 1
fi
# Citus runs one query per shard already: no parallel workers inside them.
# JIT off everywhere, or every shard query pays for its own compilation.
estate_citus_start 2 "-c citus.shard_count=$SHARDS -c max_parallel_workers_per_gather=0 -c jit=off \
-c shared_buffers=512MB -c work_mem=64MB -c max_wal_size=8GB -c checkpoint_timeout=30min" >/dev/null

sql() { estate_psql -At "$@"; }
sql -c 'CREATE EXTENSION estate'

echo "== Citus $(sql -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'"), PostgreSQL $(sql -c 'SHOW server_version'), $CORES cores"
echo "== $((PER_ROOM * ROOMS)) sensor intervals: $ROOMS rooms x $PER_ROOM readings of 15 minutes; $SHARDS shards on 2 workers"

# Rooms: capacity 4-33, mostly weekday core hours, a span that covers the
# readings.  Readings every 15 minutes from the start of the span, people
# present in the daytime only.  One node: schema single, on the coordinator.
# Cluster: schema dist, rooms and readings co-located by room and generated
# on the workers by a pushed-down INSERT ... SELECT; the rooms once more as a
# reference table (a copy on every node).
sql <<SQL >/dev/null
SET client_min_messages = warning;
CREATE SCHEMA single;
CREATE SCHEMA dist;
CREATE TABLE single.room (room_id int, site int, capacity int, core estate.core_hours, span tstzrange);
CREATE TABLE single.sensor (room_id int, period tstzrange, headcount int);
CREATE TABLE dist.room (LIKE single.room);
CREATE TABLE dist.sensor (LIKE single.sensor);
SELECT create_distributed_table('dist.room', 'room_id');
SELECT create_distributed_table('dist.sensor', 'room_id', colocate_with => 'dist.room');
INSERT INTO single.room
SELECT r, r % 100, 4 + (r * 7) % 30,
       (ARRAY['Mon-Fri 08:00-18:00', 'Mon-Fri 08:00-18:00', 'Mon-Fri 07:00-19:00, Sat 09:00-13:00',
              'Mon-Sun 00:00-24:00 UTC'])[1 + r % 4]::estate.core_hours,
       tstzrange('2025-03-03 00:00+00', '2025-03-03 00:00+00'::timestamptz + $PER_ROOM * interval '15 min')
FROM generate_series(1, $ROOMS) AS r;
INSERT INTO dist.room SELECT * FROM single.room;
CREATE TABLE dist.room_ref (LIKE single.room);
SELECT create_reference_table('dist.room_ref');
INSERT INTO dist.room_ref SELECT * FROM single.room;
SQL
READINGS="SELECT r.room_id,
                 tstzrange(lower(r.span) + q * interval '15 min', lower(r.span) + (q + 1) * interval '15 min'),
                 CASE WHEN (q / 4) % 24 BETWEEN 8 AND 17 THEN (r.room_id * 7 + q * 13) % (r.capacity + 3) ELSE 0 END
          FROM room AS r, generate_series(0, $PER_ROOM - 1) AS q"
load_start=$(date +%s.%N)
sql -c "SET search_path = single" -c "INSERT INTO sensor $READINGS" -c 'VACUUM ANALYZE sensor, room'
load_mid=$(date +%s.%N)
sql -c "SET search_path = dist" -c "INSERT INTO sensor $READINGS" -c 'VACUUM ANALYZE sensor, room'
load_end=$(date +%s.%N)
awk -v a="$load_start" -v b="$load_mid" -v c="$load_end" \
	'BEGIN { printf "loaded in %.0f s on one node, %.0f s on the cluster\n", b - a, c - b }'
rows=$(sql -c 'SELECT count(*) FROM dist.sensor')
[ "$rows" -eq "$(sql -c 'SELECT count(*) FROM single.sensor')" ]
echo "table size: one node $(sql -c "SELECT pg_size_pretty(pg_table_size('single.sensor'))"), cluster $(sql -c "SELECT pg_size_pretty(citus_table_size('dist.sensor'))")"

UTIL="SELECT s.room_id, estate.space_utilisation(s.period, s.headcount, r.capacity, r.core, r.span)
      FROM sensor AS s JOIN room AS r USING (room_id) GROUP BY s.room_id"
HEAT="SELECT s.room_id, estate.utilisation_heatmap(s.period, s.headcount, r.capacity, r.core, r.span)
      FROM sensor AS s JOIN room AS r USING (room_id) GROUP BY s.room_id"
# The same rows, joined and grouped the same way, with a trivial aggregate;
# and the bare scan of the readings.
GROUPED="SELECT s.room_id, count(s.period) FROM sensor AS s JOIN room AS r USING (room_id) GROUP BY s.room_id"
SCAN="SELECT count(period) FROM sensor"
# Grouped by the key of the reference table, the cluster cannot see that a
# group lies on one shard: every shard ships one partial state per room (the
# worst case of state shipping: the whole interval list) through Citus's
# worker_partial_agg.
SHIP="SELECT r.room_id, estate.space_utilisation(s.period, s.headcount, r.capacity, r.core, r.span)
      FROM room_ref AS r LEFT JOIN sensor AS s USING (room_id) GROUP BY r.room_id"

# Both set-ups give the same answers before anything is timed.
for q in UTIL HEAT; do
	a=$(sql -c "SET search_path = single" -c "SELECT md5(string_agg(u::text, ';' ORDER BY room_id)) FROM (${!q}) AS t(room_id, u)")
	b=$(sql -c "SET search_path = dist" -c "SELECT md5(string_agg(u::text, ';' ORDER BY room_id)) FROM (${!q}) AS t(room_id, u)")
	[ "$a" = "$b" ] || { echo "one node and cluster disagree on $q" >&2; exit 1; }
done
a=$(sql -c "SET search_path = single" -c "SELECT md5(string_agg(u::text, ';' ORDER BY room_id)) FROM ($UTIL) AS t(room_id, u)")
b=$(sql -c "SET search_path = dist" -c "SELECT md5(string_agg(u::text, ';' ORDER BY room_id)) FROM ($SHIP) AS t(room_id, u)")
[ "$a" = "$b" ] || { echo "partial states shipped to the coordinator give another answer" >&2; exit 1; }
echo "one node and cluster agree on every room (space_utilisation, heatmap, shipped partial states)"

# median_ms SCHEMA PARALLEL_WORKERS QUERY: median wall time of RUNS runs, in ms,
# as psql's \timing reports it (one row per room, discarded).  With parallel
# workers asked for, one EXPLAIN ANALYZE first checks that they ran.
median_ms() {
	local times=() out settings=(-c "SET search_path = $1" -c "SET max_parallel_workers_per_gather = $2" -c "SET work_mem = '1GB'")
	if [ "$2" -gt 0 ]; then
		settings+=(-c 'SET parallel_setup_cost = 0' -c 'SET parallel_tuple_cost = 0')
		out=$(sql "${settings[@]}" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) $3")
		grep -q "Workers Launched: $2" <<<"$out" || { echo "expected $2 parallel workers:" "$out" >&2; exit 1; }
	fi
	for _ in $(seq "$RUNS"); do
		out=$(sql "${settings[@]}" -c '\timing on' -c '\o /dev/null' -c "$3")
		times+=("$(sed -n 's/^Time: \([0-9.]*\) ms.*$/\1/p' <<<"$out")")
	done
	printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
# Bytes of per-room results the workers send the coordinator, as Citus's
# EXPLAIN ANALYZE reports them (rounded like pg_size_pretty).  Citus 13.2's
# EXPLAIN ANALYZE fails on a composite result over the binary protocol and on
# any partial aggregate (citusdata/citus#4043), so: text protocol, results only.
shipped() {
	sql -c "SET search_path = dist" -c 'SET citus.enable_binary_protocol = off' \
		-c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) $1" |
		sed -n 's/.*Tuple data received from nodes: //p'
}

# Other work on the machine skews the times: say how busy it was.
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)
declare -A T
for q in UTIL HEAT GROUPED SCAN; do
	T[$q.serial]=$(median_ms single 0 "${!q}")
	T[$q.parallel]=$(median_ms single "$WORKERS" "${!q}")
	T[$q.citus]=$(median_ms dist 0 "${!q}")
done
T[SHIP.citus]=$(median_ms dist 0 "$SHIP")

per_core() { awk -v r="$rows" -v ms="$1" -v c="$2" 'BEGIN { printf "%.2f", r / (ms / 1000) / c / 1e6 }'; }
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-21s %14s %14s %14s %12s %12s\n' "query (median of $RUNS)" "1 node serial" "1 node $WORKERS+leader" \
	"Citus" "serial/Citus" "paral./Citus"
for q in UTIL HEAT GROUPED SCAN; do
	printf '%-21s %11.0f ms %11.0f ms %11.0f ms %11sx %11sx\n' "$q" "${T[$q.serial]}" "${T[$q.parallel]}" "${T[$q.citus]}" \
		"$(ratio "${T[$q.serial]}" "${T[$q.citus]}")" "$(ratio "${T[$q.parallel]}" "${T[$q.citus]}")"
done
printf '%-21s %14s %14s %11.0f ms %12s %12s\n' "UTIL, states shipped" "" "" "${T[SHIP.citus]}" "" ""
echo "states shipped (grouped by the rooms reference table's key) / co-located (grouped by the distribution column):" \
	"$(ratio "${T[SHIP.citus]}" "${T[UTIL.citus]}")x (target at most 3x)"
echo "(a ratio above 1 means the cluster is faster; load average $load_before before the timings, $(load) after)"
echo
echo "million rows per second per core (serial on 1 core; parallel and Citus over $CORES cores):"
for q in UTIL HEAT GROUPED SCAN; do
	printf '  %-7s serial %s   one node parallel %s   Citus %s\n' "$q" "$(per_core "${T[$q.serial]}" 1)" \
		"$(per_core "${T[$q.parallel]}" "$CORES")" "$(per_core "${T[$q.citus]}" "$CORES")"
done
echo
echo "per-row cost of the aggregates (serial, one node), over the bare scan and over the same join and grouping:"
for q in UTIL HEAT; do
	awk -v a="${T[$q.serial]}" -v s="${T[SCAN.serial]}" -v g="${T[GROUPED.serial]}" -v r="$rows" -v n="$q" \
		'BEGIN { printf "  %-6s %4.0f ns a row over the scan (%.2fx its time), %4.0f ns over the grouping (%.2fx)\n",
		         n, (a - s) * 1e6 / r, a / s, (a - g) * 1e6 / r, a / g }'
done
echo
echo "data the workers send the coordinator:"
echo "  per-room results (grouped by the distribution column): $(shipped "$UTIL") in all"
# The exact text of each room's partial state, which is what
# worker_partial_agg ships, summed by the shard the room lies on.
in_use=$(sql -c 'SELECT count(*) FROM single.sensor WHERE headcount IS DISTINCT FROM 0')
sql -c "SELECT format('  partial states: %s bytes per room, %s per sensor interval, %s per period in use ($in_use in use); per shard %s bytes on average, %s at most',
                      round(sum(bytes) / $ROOMS), round(sum(bytes) / $rows::numeric, 1), round(sum(bytes) / $in_use::numeric, 1),
                      round(avg(bytes)), max(bytes))
        FROM (SELECT shard, sum(bytes) AS bytes
              FROM (SELECT get_shard_id_for_distribution_column('dist.sensor', s.room_id) AS shard,
                           octet_length(worker_partial_agg(
                             'estate.space_utilisation(tstzrange,integer,integer,estate.core_hours,tstzrange)'::regprocedure,
                             ROW(s.period, s.headcount, r.capacity, r.core, r.span))::text) AS bytes
                    FROM single.sensor AS s JOIN single.room AS r USING (room_id) GROUP BY s.room_id) AS per_room
              GROUP BY shard) AS per_shard"
