#!/usr/bin/env bash
# pg_dump and pg_restore of a database with the extension: every row comes
# back the same, compared by count and checksum of each table's COPY output.
# The source is estate_eric (left loaded by test/eric/loader.sh, owned by the
# ordinary role eric_engineer) plus a schema of the engineer's with a column of
# every estate type (arrays and composites too), indexes over the operator
# classes, a table hash-partitioned on a grade, a generated column and a check
# constraint calling the extension, and a materialized view of its aggregates.
# Restored three ways: by the engineer into a database of theirs; by a
# superuser with --no-owner; by a superuser keeping the owners (the schema
# estate then belongs to the engineer while a superuser installs the
# extension: the install script must allow that, see sql/header.sql).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/test/lib/tap.sh"
src=estate_eric
dst=estate_eric_restored
dump=$(mktemp "${TMPDIR:-/tmp}/estate_eric.XXXXXX.dump")
trap 'rm -f "$dump"' EXIT

# Count and checksum of the sorted COPY output of every table, materialized
# view and partition in schemas estate and warehouse, and of every view of
# the extension (its BI views over the restored rows); one line each.
fingerprint() {
	local rel
	for rel in $(q "$1" "SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	                     WHERE n.nspname IN ('estate', 'warehouse') AND c.relkind IN ('r', 'm', 'v', 'p')
	                     ORDER BY c.oid::regclass::text"); do
		printf '%s %s\n' "$rel" "$(psql -X -q -d "$1" -c "COPY (SELECT * FROM $rel) TO STDOUT" | LC_ALL=C sort | md5sum | cut -c1-32) $(q "$1" "SELECT count(*) FROM $rel")"
	done
}

# A header a user added for a year the map does not know yet.
PGUSER=eric_engineer q $src "INSERT INTO estate.eric_header (kind, column_name, header, definition)
                           VALUES ('site', 'gross_internal_floor_area_m2', 'GIA (sq m)', 'gross internal floor area')"
# And that year's header signature.
PGUSER=eric_engineer q $src "INSERT INTO estate.eric_header_signature (kind, financial_year, column_no, header)
                           VALUES ('site', 2030, 1, 'Trust Code'), ('site', 2030, 2, 'Site Code'), ('site', 2030, 3, 'GIA (sq m)')"
PGUSER=eric_engineer psql -X -q -v ON_ERROR_STOP=1 -d $src <<'EOF'
CREATE SCHEMA warehouse;
CREATE TABLE warehouse.every_type (
    id integer PRIMARY KEY,
    grade estate.condition_grade,
    likelihood integer, consequence integer,
    band estate.risk_band GENERATED ALWAYS AS (estate.risk_band(likelihood, consequence)) STORED,
    cost estate.backlog CHECK (estate.total(cost) >= 0),
    renewal estate.renewal_forecast_state,
    impact estate.disposal_impact_state,
    assessment estate.disposal_assessment_result,
    released estate.disposal_impact_result,
    grades estate.condition_grade[],
    bands estate.risk_band[],
    costs estate.backlog[],
    core estate.core_hours,
    room_state estate.utilisation_state,
    room_use estate.utilisation,
    shares estate.space_shares,
    scenario estate.investment_scenario,
    plan_state estate.investment_plan_state,
    plan estate.investment_plan
);
INSERT INTO warehouse.every_type (id, grade, likelihood, consequence, cost, renewal, impact, assessment, released, grades, bands, costs,
                                  core, room_state, room_use, shares, scenario, plan_state, plan)
SELECT i,
       nullif((ARRAY['A','B','B(C)','C','CX','D','DX'])[1 + i % 8], NULL)::estate.condition_grade,
       1 + i % 5, 1 + (i / 5) % 5,
       CASE WHEN i % 11 <> 0 THEN estate.backlog(i * 1.01, i % 7 * 0.5, 0, i % 3) OPERATOR(estate.+) estate.backlog(NULL::estate.risk_band, i * 0.1) END,
       CASE WHEN i % 13 <> 0 THEN format('from_year=2025, horizon=3, inflation=0.0%s, elements=%s, due={%s.00,0.00,%s.01}',
                                          i % 9, 1 + i, i, i % 4)::estate.renewal_forecast_state END,
       CASE WHEN i % 2 = 0 THEN format('sites=%s, floor_area=%s.00, estate_floor_area=%s.00, minimum_retained_area=0.00', 1 + i % 3, i, i * 2)
            ELSE format('v2 sites=%s, floor_area=%s.000%s, estate_floor_area=%s.000001, minimum_retained_area=0.5', 1 + i % 3, i, i % 1000, i * 2)
       END::estate.disposal_impact_state,
       estate.disposal_assessment(utilisation => (i % 100) / 100.0, fci => (i % 40) / 100.0, functional_suitability => 0.5),
       CASE WHEN i % 5 = 0 THEN ROW(i, i * 2.5, i * 0.5, estate.backlog(i, 0, 0, 0), NULL, i % 7, i % 2 = 0)::estate.disposal_impact_result END,
       ARRAY['A', 'DX', NULL]::estate.condition_grade[],
       ARRAY[estate.risk_band(1 + i % 25)],
       ARRAY[estate.backlog('high'::estate.risk_band, i), NULL],
       (ARRAY['Mon-Fri 08:00-18:00', 'Mon-Sun 20:00-08:00 UTC', 'Mon,Wed 09:00-17:00, Sat 10:00-12:00 Asia/Kolkata',
              'Mon 22:00-24:00, Tue 00:00-02:00 UTC'])[1 + i % 4]::estate.core_hours,
       format('v%s capacity=%s span=757987200000000,758073600000000 core="%s" closed={} '
              'periods={32400000000+7200000000*%s,36000000000+%s*?}', 1 + i % 2, 1 + i % 30,
              CASE WHEN i % 2 = 0 THEN 'Mon-Fri 08:00-18:00 Europe/London' ELSE 'Mon 22:00-24:00, Tue 00:00-02:00 UTC' END,
              1 + i % 9, 1 + i)::estate.utilisation_state,
       estate.utilisation_final(format('v1 capacity=%s span=757987200000000,758073600000000 core="Mon-Fri 08:00-18:00 UTC" '
                                       'closed={} periods={32400000000+7200000000*%s}', 1 + i % 30, 1 + i % 9)::estate.utilisation_state),
       estate.space_profile(1000 + i, 400, 200 + i % 300, i % 10, 5, 0.35, 0.025),
       estate.investment_scenario(from_year => 2000 + i % 50, annual_budget => i, horizon => 1 + i % 10),
       format('from_year=2025, horizon=2, annual_budget=%s.00, inflation=0.03, years_per_grade=5, escalation=0, '
              'strategy=highest_risk_first, carry_over=false, replacement_value=-; form=grade; items={("e%s" C 3 %s.50)}',
              i, i, i)::estate.investment_plan_state,
       (SELECT estate.plan_investment('e' || i || '-' || k, 'C'::estate.condition_grade, 1 + k % 5, k * 1.5 + i,
                                      estate.investment_scenario(from_year => 2025, annual_budget => 1000, horizon => 3))
        FROM generate_series(1, 1 + i % 4) AS k)
FROM generate_series(1, 2000) AS i;
CREATE INDEX ON warehouse.every_type (grade);
CREATE INDEX ON warehouse.every_type USING hash (cost);
CREATE INDEX ON warehouse.every_type (band, grade DESC);
CREATE TABLE warehouse.graded (grade estate.condition_grade NOT NULL, cost estate.backlog) PARTITION BY HASH (grade);
CREATE TABLE warehouse.graded_0 PARTITION OF warehouse.graded FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE warehouse.graded_1 PARTITION OF warehouse.graded FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE warehouse.graded_2 PARTITION OF warehouse.graded FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO warehouse.graded SELECT grade, cost FROM warehouse.every_type WHERE grade IS NOT NULL;
CREATE MATERIALIZED VIEW warehouse.by_band AS
SELECT band, estate.sum(cost) AS cost, estate.max(grade) AS worst, estate.min(grade) AS best,
       estate.backlog_agg(band, estate.total(cost)) AS banded,
       estate.renewal_forecast(2000 + id % 30, 10 + id % 20, id * 10.0, 2025, 10) AS forecast,
       estate.plan_investment(id::text, grade, consequence, estate.total(cost),
                              estate.investment_scenario(from_year => 2025, annual_budget => 5000, horizon => 5)) AS plan
FROM warehouse.every_type GROUP BY band;
CREATE TABLE warehouse.booking AS
SELECT 1 + i % 20 AS room,
       tstzrange('2024-01-08 07:00+00'::timestamptz + (i % 700) * interval '29 minutes',
                 '2024-01-08 07:00+00'::timestamptz + (i % 700) * interval '29 minutes' + interval '50 minutes') AS period,
       nullif(i % 13, 12) AS headcount
FROM generate_series(1, 3000) AS i;
CREATE MATERIALIZED VIEW warehouse.room_week AS
SELECT room, estate.space_utilisation(period, headcount, 30, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-22)') AS used,
       estate.utilisation_heatmap(period, headcount, 30, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-01-22)') AS heatmap
FROM warehouse.booking GROUP BY room;
EOF
ok $? "a schema of the engineer's with every estate type, partitions, indexes and materialized views"
is "$(q $src "SELECT string_agg(t, ', ' ORDER BY t) FROM (
               SELECT format_type(t.oid, NULL) AS t FROM pg_type t
               JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
               WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate') AND t.typtype IN ('b', 'c')
               EXCEPT SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = 'warehouse.every_type'::regclass) AS missing")" \
	"" "warehouse.every_type has a column of every base and composite type of the extension"

before=$(fingerprint $src)
is "$(echo "$before" | wc -l)" "$(q $src "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                           WHERE n.nspname IN ('estate', 'warehouse') AND c.relkind IN ('r', 'm', 'v', 'p')")" \
	"the source has a fingerprint of every table and view: $(echo "$before" | grep -c .) relations"
# The engineer who owns the database dumps it.
PGUSER=eric_engineer pg_dump -Fc -d $src -f "$dump"
ok $? "pg_dump -Fc of $src by its owner, no superuser"

for how in owner superuser-no-owner superuser; do
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $dst"
	case $how in
		owner)
			psql -X -q -d postgres -c "CREATE DATABASE $dst OWNER eric_engineer"
			PGUSER=eric_engineer pg_restore --exit-on-error -d $dst "$dump" ;;
		superuser-no-owner)
			psql -X -q -d postgres -c "CREATE DATABASE $dst"
			pg_restore --no-owner --exit-on-error -d $dst "$dump" ;;
		superuser)
			psql -X -q -d postgres -c "CREATE DATABASE $dst OWNER eric_engineer"
			pg_restore --exit-on-error -d $dst "$dump" ;;
	esac
	ok $? "pg_restore into a new database ($how)"
	after=$(fingerprint $dst)
	if [ "$after" = "$before" ]; then
		ok 0 "$how: every table, partition and view has the same rows, by count and checksum of its COPY output"
	else
		ok 1 "$how: every table, partition and view has the same rows"
		diff <(echo "$before") <(echo "$after") | sed 's/^/#   /'
	fi
	is "$(q $dst "SELECT count(*), count(*) FILTER (WHERE NOT shipped) FROM estate.eric_header")" \
		"$(q $src "SELECT count(*), count(*) FILTER (WHERE NOT shipped) FROM estate.eric_header")" \
		"$how: the shipped header map is there once, and the user's header too"
	is "$(q $dst "SELECT count(*), string_agg(header, ',' ORDER BY column_no) FILTER (WHERE NOT shipped) FROM estate.eric_header_signature")" \
		"$(q $src "SELECT count(*), string_agg(header, ',' ORDER BY column_no) FILTER (WHERE NOT shipped) FROM estate.eric_header_signature")" \
		"$how: the shipped signatures are there once, and the user's too"
	is "$(q $dst "SELECT sum(backlog_total_gbp) FROM estate.trust_summary WHERE financial_year = 2015")" 4974706094.00 \
		"$how: the views over the restored rows give the 2015/16 total"
	is "$(q $dst "SELECT nextval('estate.eric_load_id_seq') > max(load_id) FROM estate.eric_load")" t \
		"$how: the load sequence carries on after the restored loads"
	is "$(q $dst "SET enable_seqscan = off; SELECT count(*) FROM warehouse.every_type WHERE grade OPERATOR(estate.=) 'CX'")" \
		"$(q $src "SELECT count(*) FROM warehouse.every_type WHERE grade OPERATOR(estate.=) 'CX'")" \
		"$how: the restored btree index over a grade finds the rows"
done
is "$(q $dst "SELECT format('%s %s', (SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'estate'), extowner::regrole)
              FROM pg_extension WHERE extname = 'estate'")" "eric_engineer postgres" \
	"superuser: schema estate kept its owner, the extension is the superuser's"
psql -X -q -d postgres -c "DROP DATABASE $dst"
done_testing
