#!/usr/bin/env bash
# Real BI clients read every ERIC view of estate_eric (left loaded by
# test/eric/loader.sh) over TCP: psqlODBC through unixODBC, as Excel and
# Power BI do, and pgJDBC, as Tableau and Metabase do.  Each column must
# arrive as a standard SQL type (numeric with its precision and scale), and
# each client must read exactly the rows and values the server prints.
# Needs PGPORT (the cluster listens on 127.0.0.1, trust authentication).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/test/lib/tap.sh"
db=estate_eric
views="site_summary trust_summary ics_summary england_summary year_on_year data_completeness data_quality disposal_candidates"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Number the client's "ok ..." / "not ok ..." lines; pass comments through.
report() {
	local line
	while IFS= read -r line; do
		case $line in
			"ok "*) ok 0 "${line#ok }" ;;
			"not ok "*) ok 1 "${line#not ok }" ;;
			"#"*) echo "$line" ;;
			*) echo "# $line" ;;
		esac
	done <"$1"
}

cc -std=c99 -O1 -Wall -Wextra -Werror -o "$out/odbc_check" "$root/test/clients/odbc_check.c" -lodbc
ok $? "the ODBC client compiles against unixODBC"
javac -d "$out" "$root/test/clients/JdbcCheck.java"
ok $? "the JDBC client compiles"

# Rebuild costs, so that disposal_candidates carries FCI and replacement
# values as well as NULLs (removed at the end).
q $db "INSERT INTO estate.rebuild_cost (site_type, cost_per_m2_gbp, source)
       VALUES ('General acute hospital', 3000, 'test/clients'), ('Mental Health', 2400, 'test/clients')" >/dev/null
ok $? "rebuild costs for two site types"

# BoolsAsChar=0: booleans as SQL_BIT (psqlODBC's default sends them as text).
"$out/odbc_check" "Driver={PostgreSQL Unicode};Servername=127.0.0.1;Port=$PGPORT;Database=$db;Username=postgres;BoolsAsChar=0" \
	"$out" $views >"$out/odbc.log" 2>&1
ok $? "psqlODBC reads every view"
report "$out/odbc.log"
java -cp "/usr/share/java/postgresql.jar:$out" JdbcCheck "jdbc:postgresql://127.0.0.1:$PGPORT/$db" postgres "$out" $views \
	>"$out/jdbc.log" 2>&1
ok $? "pgJDBC reads every view"
report "$out/jdbc.log"

# The values: what the server prints for the same query, row for row.
for v in $views; do
	n=$(q $db "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'estate' AND table_name = '$v'")
	psql -X -q -d $db -c "\\copy (SELECT * FROM estate.$v ORDER BY $(seq -s, 1 "$n")) TO '$out/$v.server'"
	cmp -s "$out/$v.server" "$out/$v.odbc"
	ok $? "ODBC: estate.$v arrives with the server's values ($(wc -l <"$out/$v.server") rows)"
	cmp -s "$out/$v.server" "$out/$v.jdbc"
	ok $? "JDBC: estate.$v arrives with the server's values"
done

# And a figure known by hand: the 2015/16 site rows sum to £4,974,706,094.
col=$(q $db "SELECT ordinal_position FROM information_schema.columns WHERE table_schema = 'estate' AND table_name = 'ics_summary' AND column_name = 'backlog_total_gbp'")
for client in odbc jdbc; do
	is "$(awk -F'\t' -v c="$col" '$1 == 2015 && $c != "\\N" { s += $c } END { printf "%.2f", s }' "$out/ics_summary.$client")" \
		4974706094.00 "$client: the ICS summaries of 2015/16 add up to £4,974,706,094"
done
q $db "DELETE FROM estate.rebuild_cost WHERE source = 'test/clients'" >/dev/null
done_testing
