# bench/utilisation_sql.sh - the plain-SQL way to space utilisation, shared by
# bench/space_utilisation.sh (through bench/lib.sh) and bench/performance.sh,
# which starts clusters of its own and so cannot source bench/lib.sh.
# Sourced, not run.

# The plain-SQL way to space utilisation, up to its measures: core segments
# per local weekday (Mon-Fri 08:00-18:00 Europe/London) within SPAN and the
# core multirange; time in use (and with a known headcount) from range_agg;
# person-seconds from joining each period to the segments of the local days
# it touches.  The caller appends the closing parenthesis and its SELECT.
utilisation_ctes() {  # table, room, capacity, span
	cat <<SQL
WITH segs AS MATERIALIZED (
  SELECT d::date AS day,
         tstzrange((d::date + time '08:00') AT TIME ZONE 'Europe/London',
                   (d::date + time '18:00') AT TIME ZONE 'Europe/London') * tstzrange('$4') AS seg
  FROM generate_series(date '2023-12-31', date '2025-01-01', interval '1 day') AS d
  WHERE extract(isodow FROM d) < 6
), core AS MATERIALIZED (
  SELECT range_agg(seg) AS mr, sum(extract(epoch FROM upper(seg) - lower(seg))) AS avail
  FROM segs WHERE NOT isempty(seg)
), person AS (
  SELECT $2 AS room, sum(b.headcount * extract(epoch FROM upper(b.period * s.seg) - lower(b.period * s.seg))) AS person_s
  FROM $1 b
  CROSS JOIN LATERAL generate_series(-1, (upper(b.period) AT TIME ZONE 'Europe/London')::date
                                         - (lower(b.period) AT TIME ZONE 'Europe/London')::date) AS k
  JOIN segs s ON s.day = (lower(b.period) AT TIME ZONE 'Europe/London')::date + k
  WHERE b.headcount > 0 AND s.seg && b.period
  GROUP BY 1
), used AS (
  SELECT $2 AS room, max($3) AS capacity,
         range_agg(period) FILTER (WHERE headcount IS NULL OR headcount > 0) AS used,
         range_agg(period) FILTER (WHERE headcount > 0) AS known
  FROM $1 GROUP BY 1
SQL
}
