#!/usr/bin/env bash
# pg_dump and pg_restore of a database with loaded ERIC years (estate_eric,
# left by test/eric/loader.sh) keep every row the users loaded: the tables
# are registered with pg_extension_config_dump.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/test/eric/tap.sh"
src=estate_eric
dst=estate_eric_restored
dump=$(mktemp "${TMPDIR:-/tmp}/estate_eric.XXXXXX.dump")
trap 'rm -f "$dump"' EXIT

# Count and checksum of each table the users fill, row by row in key order.
fingerprint() {
	q "$1" "SELECT string_agg(format('%s %s %s', t, n, h), '; ' ORDER BY t) FROM (
	    SELECT 'eric_site' AS t, count(*) AS n, md5(string_agg(s::text, E'\n' ORDER BY financial_year, trust_code, site_code)) AS h FROM estate.eric_site AS s
	    UNION ALL SELECT 'eric_trust', count(*), md5(string_agg(s::text, E'\n' ORDER BY financial_year, trust_code)) FROM estate.eric_trust AS s
	    UNION ALL SELECT 'eric_load', count(*), md5(string_agg(s::text, E'\n' ORDER BY load_id)) FROM estate.eric_load AS s
	    UNION ALL SELECT 'ics_mapping', count(*), md5(string_agg(s::text, E'\n' ORDER BY trust_code, valid_from)) FROM estate.ics_mapping AS s
	    UNION ALL SELECT 'eric_header', count(*), md5(string_agg(s::text, E'\n' ORDER BY kind, header_key, section_key)) FROM estate.eric_header AS s
	    UNION ALL SELECT 'site_summary', count(*), md5(string_agg(s::text, E'\n' ORDER BY financial_year, trust_code, site_code)) FROM estate.site_summary AS s
	) AS f"
}

# A header a user added for a year the map does not know yet.
PGUSER=eric_engineer q $src "INSERT INTO estate.eric_header (kind, column_name, header, definition)
                           VALUES ('site', 'gross_internal_floor_area_m2', 'GIA (sq m)', 'gross internal floor area')"
before=$(fingerprint $src)
[ -n "$before" ]; ok $? "the source database has loaded years: $before"
# The engineer who owns the database dumps it.
PGUSER=eric_engineer pg_dump -Fc -d $src -f "$dump"
ok $? "pg_dump -Fc of $src by its owner, no superuser"

# Restored twice: by the engineer into a database of theirs, and by a
# superuser with --no-owner (who then owns the extension and its schema).
for how in owner superuser; do
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $dst"
	if [ $how = owner ]; then
		psql -X -q -d postgres -c "CREATE DATABASE $dst OWNER eric_engineer"
		PGUSER=eric_engineer pg_restore --exit-on-error -d $dst "$dump"
	else
		psql -X -q -d postgres -c "CREATE DATABASE $dst"
		pg_restore --no-owner --exit-on-error -d $dst "$dump"
	fi
	ok $? "pg_restore into a new database ($how)"
	is "$(fingerprint $dst)" "$before" \
		"$how: every loaded row is back, byte for byte (counts and checksums of eric_site, eric_trust, eric_load, ics_mapping, site_summary)"
	is "$(q $dst "SELECT count(*), count(*) FILTER (WHERE NOT shipped) FROM estate.eric_header")" \
		"$(q $src "SELECT count(*), count(*) FILTER (WHERE NOT shipped) FROM estate.eric_header")" \
		"$how: the shipped header map is there once, and the user's header too"
	is "$(q $dst "SELECT sum(backlog_total_gbp) FROM estate.trust_summary WHERE financial_year = 2015")" 4974706094.00 \
		"$how: the views over the restored rows give the 2015/16 total"
	is "$(q $dst "SELECT nextval('estate.eric_load_id_seq') > max(load_id) FROM estate.eric_load")" t \
		"$how: the load sequence carries on after the restored loads"
done
psql -X -q -d postgres -c "DROP DATABASE $dst"
done_testing
