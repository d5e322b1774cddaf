#!/usr/bin/env bash
# Benchmark of estate.space_utilisation against the best plain-SQL
# formulation: range_agg multiranges intersected with a generated
# core-hours multirange for the time in use, and a hash join of periods to
# the core segments of their local days for person-hours.  Both compute hours
# available, hours in use, frequency, occupancy and rate per room; the SQL
# leaves out the peak headcount, which would cost it a window sweep.  Prints
# both timings and the ratios, the state's bytes per interval, and 1 parallel
# worker against none.  Not a test.
#
#   sudo bench/space_utilisation.sh                # own throwaway cluster
#   PGHOST=... PGDATABASE=... bench/space_utilisation.sh
#
# Sizes (defaults as in the issue): BOOKINGS over ROOMS in 2024, and one room
# with SENSOR intervals.  Times are the best of three serial runs; JIT off
# and 1 GB work_mem on both sides, nested loops off (the SQL's best plan).
BOOKINGS=${BOOKINGS:-1000000}
ROOMS=${ROOMS:-1000}
SENSOR=${SENSOR:-10000000}
export PGOPTIONS="${PGOPTIONS:-} -c timezone=Europe/London -c jit=off -c work_mem=1GB -c enable_nestloop=off"
. "$(dirname "$0")/lib.sh"

psql_run -c 'CREATE EXTENSION IF NOT EXISTS estate'
echo "generating $BOOKINGS bookings over $ROOMS rooms, and $SENSOR sensor intervals"
psql_run <<SQL
DROP TABLE IF EXISTS bench_bookings, bench_sensor;
-- Bookings of 30 minutes to 3 hours starting between 07:00 and 19:00 local
-- time on any day of 2024; 5% without a headcount.
CREATE TABLE bench_bookings AS
SELECT room, (8 + (room * 37) % 53)::int AS capacity,
       tstzrange(s, s + (30 + 15 * ((i * 31) % 11)) * interval '1 minute') AS period,
       CASE WHEN i % 20 = 0 THEN NULL ELSE ((i * 13) % 60)::int END AS headcount
FROM (SELECT i, 1 + (i * 7919) % $ROOMS AS room,
             (date '2024-01-01' + ((i * 104729) % 366)::int + time '07:00'
              + ((i * 7907) % 48) * interval '15 minutes') AT TIME ZONE 'Europe/London' AS s
      FROM generate_series(1::bigint, $BOOKINGS) AS i) AS g;
-- Sensor intervals of 3 seconds in time order from 1 January 2024; the
-- headcount is 0 for about half of them.
CREATE TABLE bench_sensor AS
SELECT tstzrange(t, t + interval '3 seconds') AS period,
       greatest(((i * 7919) % 11)::int - 5, 0) AS headcount
FROM (SELECT i, timestamptz '2024-01-01 00:00' + i * interval '3 seconds' AS t
      FROM generate_series(0::bigint, $SENSOR - 1) AS i) AS g;
VACUUM ANALYZE bench_bookings;
VACUUM ANALYZE bench_sensor;
SQL

SPAN="[2024-01-01, 2025-01-01)"
CORE="Mon-Fri 08:00-18:00 Europe/London"

# Each query takes the table, and its room and capacity expressions (the
# sensor table is one room: constants).
ext_query() {  # table, room, capacity
	cat <<SQL
SELECT room, (u).hours_available, (u).hours_in_use, (u).frequency, (u).occupancy, (u).rate
FROM (SELECT $2 AS room, estate.space_utilisation(period, headcount, $3, '$CORE', '$SPAN') AS u
      FROM $1 GROUP BY 1) AS s
SQL
}

# The plain-SQL way (bench/lib.sh's utilisation_ctes) to the five measures.
sql_query() {  # table, room, capacity
	utilisation_ctes "$@" "$SPAN"
	cat <<SQL
), measures AS (
  SELECT u.room, u.capacity, c.avail, coalesce(p.person_s, 0) AS person_s,
         (SELECT coalesce(sum(extract(epoch FROM upper(x) - lower(x))), 0) FROM unnest(u.used * c.mr) x) AS in_use,
         (SELECT coalesce(sum(extract(epoch FROM upper(x) - lower(x))), 0) FROM unnest(u.known * c.mr) x) AS known_s
  FROM used u CROSS JOIN core c LEFT JOIN person p USING (room)
)
SELECT room, avail / 3600 AS hours_available, in_use / 3600 AS hours_in_use,
       in_use / nullif(avail, 0) AS frequency, person_s / nullif(capacity * known_s, 0) AS occupancy,
       person_s / nullif(capacity * avail, 0) AS rate
FROM measures
SQL
}

# Rooms on which the two disagree (beyond a relative 1e-9).
disagreements() {  # table, room, capacity
	psql_run -At <<SQL | tail -1
CREATE FUNCTION pg_temp.near(a float8, b numeric) RETURNS boolean LANGUAGE sql AS
  'SELECT (a IS NULL AND b IS NULL) OR abs(a - b) <= 1e-9 * greatest(1, abs(b))';
SELECT count(*) FROM ($(ext_query "$@")) e FULL JOIN ($(sql_query "$@")) s USING (room)
WHERE NOT (pg_temp.near(e.hours_available, s.hours_available) AND pg_temp.near(e.hours_in_use, s.hours_in_use)
           AND pg_temp.near(e.frequency, s.frequency) AND pg_temp.near(e.occupancy, s.occupancy)
           AND pg_temp.near(e.rate, s.rate)) IS NOT FALSE;
SQL
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

compare() {  # label, table, room, capacity
	local label=$1 diff ext sql
	shift
	diff=$(disagreements "$@")
	ext=$(time_query "$(ext_query "$@")")
	sql=$(time_query "$(sql_query "$@")")
	printf '%s: extension %s ms, plain SQL %s ms, ratio %sx (target 20x); disagreements: %s\n' \
		"$label" "$ext" "$sql" "$(ratio "$sql" "$ext")" "$diff"
	[ "$diff" = 0 ]
}

compare "$BOOKINGS bookings over $ROOMS rooms" bench_bookings room capacity
compare "one room, $SENSOR sensor intervals" bench_sensor 1 12

# The state's size: a custom aggregate returns the state itself.
psql_run -At <<SQL
CREATE AGGREGATE pg_temp.util_state(tstzrange, integer, integer, estate.core_hours, tstzrange) (
    SFUNC = estate.utilisation_transfn, STYPE = estate.utilisation_state);
SELECT format('state of one room: %s intervals in use of %s, %s bytes, %s bytes per interval',
              in_use, total, bytes, round(bytes::numeric / in_use, 2))
FROM (SELECT count(*) FILTER (WHERE headcount > 0) AS in_use, count(*) AS total,
             pg_column_size(pg_temp.util_state(period, headcount, 12, '$CORE', '$SPAN')) AS bytes
      FROM bench_sensor) s;
SQL

# 1 parallel worker (plus the leader) against none: best of three each.
PARALLEL="SET max_parallel_workers_per_gather = 1; SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
for args in "bench_bookings room capacity" "bench_sensor 1 12"; do
	set -- $args
	serial=$(time_query "$(ext_query "$@")")
	parallel=$(time_query "$(ext_query "$@")" "$PARALLEL")
	printf '%s: 0 workers %s ms, 1 worker %s ms, speed-up %sx\n' "$1" "$serial" "$parallel" "$(ratio "$serial" "$parallel")"
done
psql_run -c 'DROP TABLE bench_bookings, bench_sensor'
