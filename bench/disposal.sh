#!/usr/bin/env bash
# Benchmark of the disposal functions against plain SQL; prints times and
# ratios (plain SQL time / estate time, above 1 means estate is faster).  It is
# not a test.
#
#   bench/disposal.sh                # with PGHOST: against that server
#   sudo bench/disposal.sh           # without: build, install and start a
#                                    # throwaway cluster (bench/lib.sh)
#
# BENCH_ROWS (default 1000000) candidate sites in BENCH_ESTATES (default 100)
# estates; BENCH_RUNS (default 3) runs per query, the fastest is kept.  The
# bench table is dropped at the end.
. "$(dirname "$0")/lib.sh"

ROWS=${BENCH_ROWS:-1000000}
ESTATES=${BENCH_ESTATES:-100}

echo "== $ROWS candidate sites in $ESTATES estates"
psql_run <<SQL
CREATE EXTENSION IF NOT EXISTS estate;
DROP TABLE IF EXISTS bench_disposal;
CREATE TABLE bench_disposal AS
SELECT i AS id, i % $ESTATES AS estate_id,
       ((i::bigint * 2654435761) % 1000) / 10.0 AS score,
       (100 + (i::bigint * 7919) % 20000)::numeric AS area,
       round((((i::bigint * 40503) % 1000003) / 100.0)::numeric, 2) AS high,
       round((((i::bigint * 9973) % 1000003) / 100.0)::numeric, 2) AS significant,
       round((((i::bigint * 7727) % 1000003) / 100.0)::numeric, 2) AS moderate,
       round((((i::bigint * 6007) % 1000003) / 100.0)::numeric, 2) AS low,
       round((((i::bigint * 104729) % 100000007) / 100.0)::numeric, 2) AS running_cost,
       round((((i::bigint * 1299709) % 10000019) / 10.0)::numeric, 1) AS carbon_kg,
       ((i % 97) / 96.0)::float8 AS utilisation,
       round(((i % 41) / 100.0)::numeric, 2) AS fci,
       ((i % 11) / 10.0)::float8 AS suitability
FROM generate_series(1, $ROWS) AS i;
ALTER TABLE bench_disposal ADD COLUMN backlog estate.backlog;
UPDATE bench_disposal SET backlog = estate.backlog(high, significant, moderate, low);
VACUUM ANALYZE bench_disposal;
SQL
# Each estate's floor area is 4x its candidates' (so the programme stops part way).
ESTATE_AREA="(SELECT 4 * sum(area) FROM bench_disposal) / $ESTATES"

# compare LABEL ESTATE_QUERY PLAIN_QUERY [WORKERS]
compare() {
	local e p
	e=$(fastest "${4:-0}" "$2")
	p=$(fastest "${4:-0}" "$3")
	awk -v l="$1" -v e="$e" -v p="$p" \
		'BEGIN { printf "%-52s estate %9.1f ms   plain SQL %9.1f ms   ratio %5.2f\n", l, e, p, p / e }'
}

# 1. The running impact over candidates in score order, one window per estate.
compare "disposal_impact as a window, $ESTATES estates" \
"SELECT count(*) FILTER (WHERE (i).in_programme), sum((i).floor_area_released), sum(estate.total((i).backlog_avoided))
 FROM (SELECT estate.disposal_impact(area, backlog, running_cost, carbon_kg, $ESTATE_AREA, 0.5 * $ESTATE_AREA)
                  OVER (PARTITION BY estate_id ORDER BY score DESC, id ROWS UNBOUNDED PRECEDING) AS i
       FROM bench_disposal) AS s" \
"SELECT count(*) FILTER (WHERE retained >= 0.5 * $ESTATE_AREA), sum(released), sum(backlog_total)
 FROM (SELECT $ESTATE_AREA - sum(area) OVER w AS retained, sum(area) OVER w AS released,
              sum(high) OVER w + sum(significant) OVER w + sum(moderate) OVER w + sum(low) OVER w AS backlog_total,
              sum(running_cost) OVER w AS running, sum(carbon_kg) OVER w AS carbon
       FROM bench_disposal
       WINDOW w AS (PARTITION BY estate_id ORDER BY score DESC, id ROWS UNBOUNDED PRECEDING)) AS s"

# 2. A programme's totals per estate.
compare "disposal_impact GROUP BY estate" \
"SELECT estate_id, estate.disposal_impact(area, backlog, running_cost, carbon_kg, $ESTATE_AREA, 0)
 FROM bench_disposal GROUP BY estate_id" \
"SELECT estate_id, count(*), sum(area), $ESTATE_AREA - sum(area), sum(high), sum(significant), sum(moderate),
        sum(low), sum(running_cost), sum(carbon_kg)
 FROM bench_disposal GROUP BY estate_id"

# 3. Parallel: one worker plus the leader against none.
Q3="SELECT estate.disposal_impact(area, backlog, running_cost, carbon_kg, 20100 * $ROWS::numeric, 0) FROM bench_disposal"
w0=$(fastest 0 "$Q3")
w1=$(fastest 1 "$Q3")
awk -v a="$w0" -v b="$w1" \
	'BEGIN { printf "%-52s 0 workers %9.1f ms   1 worker  %9.1f ms   ratio %5.2f\n", "disposal_impact in parallel", a, b, a / b }'

# 4. The assessment's score against the same weighted mean in plain SQL
#    (no reasons, no recommendation, no argument checks).
compare "disposal_assessment score (three criteria)" \
"SELECT sum((estate.disposal_assessment(utilisation => utilisation, fci => fci,
                                        functional_suitability => suitability)).score)
 FROM bench_disposal" \
"SELECT sum(100 * (0.35 * least(1, greatest(0, (utilisation - 0.60) / (0.10 - 0.60)))
                 + 0.25 * least(1, greatest(0, (fci - 0.05) / (0.30 - 0.05)))
                 + 0.15 * least(1, greatest(0, (suitability - 1.0) / (0.0 - 1.0)))) / 0.75)
 FROM bench_disposal"

psql_run -c "DROP TABLE bench_disposal"
