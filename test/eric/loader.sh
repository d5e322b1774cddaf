#!/usr/bin/env bash
# The ERIC loader as a data engineer runs it: bin/estate-load-eric from the
# shell, as an ordinary role that owns its database, on every shipped year,
# the later published format, malformed files, reloads and two loads at once.
# Leaves database estate_eric loaded for test/eric/*.sql, the dump test and
# the BI clients.  Needs PGHOST/PGPORT of a cluster where postgres is superuser.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/test/lib/tap.sh"
load="$root/bin/estate-load-eric"
fixtures="$root/test/eric/fixtures"
data="$root/data"
db=estate_eric

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS eric_engineer" \
	-c "CREATE ROLE eric_engineer LOGIN" -c "CREATE DATABASE $db OWNER eric_engineer"
export PGUSER=eric_engineer
q $db "CREATE EXTENSION estate" >/dev/null
is "$(q $db "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" f "the loader runs as a role without superuser"

# Every shipped year and kind, with no guard objecting: each year's header
# signature is known and matches its own file.
declare -A loaded
for year in 2013-14 2014-15 2015-16; do
	for kind in site trust; do
		out=$("$load" -d $db --year "${year/-//}" --kind $kind "$data/eric/eric_${year}_$kind.csv" 2>&1)
		ok $? "estate-load-eric loads eric_${year}_$kind.csv"
		like "$out" "loaded" "and says what it loaded: $(grep loaded <<<"$out")"
		[[ $out != *WARNING* && $out != *"no header signature"* && $out != *forced* ]]
		ok $? "eric_${year}_$kind.csv: no year guard objects, its year's signature is known"
		loaded[${year}_$kind]=$out
	done
done
is "$(q $db "SELECT count(*) FROM estate.eric_load WHERE forced IS NOT NULL")" 0 "no shipped load was forced"
# ANALYZE by the loader itself (autovacuum's would set last_autoanalyze).
is "$(q $db "SELECT count(*) FROM pg_stat_user_tables WHERE relid IN ('estate.eric_site'::regclass, 'estate.eric_trust'::regclass)
             AND last_analyze IS NOT NULL")" 2 "the loader refreshes the planner statistics of both tables"
# The shipped signature is each file's header row as the loader read it.
read_headers="SELECT l.kind, l.financial_year, (m->>'column')::int, m->>'header'
              FROM estate.eric_load AS l, jsonb_array_elements(l.header_mapping) AS m"
is "$(q $db "SELECT count(*) FROM (($read_headers EXCEPT ALL SELECT kind, financial_year, column_no, header FROM estate.eric_header_signature)
                                  UNION ALL (SELECT kind, financial_year, column_no, header FROM estate.eric_header_signature
                                             EXCEPT ALL $read_headers)) AS d") $(q $db "SELECT count(*) FROM estate.eric_header_signature")" \
	"0 422" "estate.eric_header_signature holds exactly the 422 headers the six loads read, column by column"
# Headers that map to no column are listed with their column numbers.
out=${loaded[2015-16_trust]}
like "$out" "NOTICE:  eric_2015-16_trust.csv: 23 of 42 headers map to no column of estate.eric_trust; their cells are kept in other_items" \
	"the headers that map to no column are counted"
is "$(grep -c '^\(DETAIL:  \)\?column [0-9]* "' <<<"$out")" 23 "and each is listed"
like "$out" 'column 42 "Number of patients sustaining injuries during evacuation (No.)"' "with its column number"
is "$(q $db "SELECT string_agg(format('%s %s %s', kind, year_label, rows_loaded), ', ' ORDER BY kind, financial_year) FROM estate.eric_load")" \
	"site 2013/14 1378, site 2014/15 1251, site 2015/16 1214, trust 2013/14 251, trust 2014/15 241, trust 2015/16 238" \
	"the audit holds one load per file, with its rows"
is "$(q $db "SELECT file_encoding FROM estate.eric_load WHERE kind = 'site' AND financial_year = 2015")" UTF8 "the encoding is recorded"
is "$(q $db "SELECT file_sha256 FROM estate.eric_load WHERE kind = 'site' AND financial_year = 2015")" \
	"$(sha256sum "$data/eric/eric_2015-16_site.csv" | cut -d' ' -f1)" "the checksum is the file's SHA-256"

# Reloading a year replaces it.
before=$(q $db "SELECT count(*), sum(gross_internal_floor_area_m2), min(load_id) FROM estate.eric_site WHERE financial_year = 2015")
"$load" -d $db --year 2015/16 --kind site "$data/eric/eric_2015-16_site.csv" >/dev/null 2>&1
ok $? "reloading 2015/16 succeeds"
after=$(q $db "SELECT count(*), sum(gross_internal_floor_area_m2), min(load_id) FROM estate.eric_site WHERE financial_year = 2015")
is "${after%|*}" "${before%|*}" "a reload gives the same rows, not twice as many ($after)"
is "$(q $db "SELECT count(DISTINCT load_id) FROM estate.eric_site WHERE financial_year = 2015")" 1 "all of them from the new load"
is "$(q $db "SELECT count(*) FROM estate.eric_load WHERE kind = 'site' AND financial_year = 2015")" 2 "the audit keeps both loads"

# Two loads of the same year at once: the advisory lock makes the second
# wait for the first, then replace it; both succeed and nothing doubles.
PGOPTIONS="-c client_min_messages=warning" "$load" -d $db --year 2014/15 --kind site "$data/eric/eric_2014-15_site.csv" >/dev/null 2>"${TMPDIR:-/tmp}/eric_a.$$" &
a=$!
PGOPTIONS="-c client_min_messages=warning" "$load" -d $db --year 2014/15 --kind site "$data/eric/eric_2014-15_site.csv" >/dev/null 2>"${TMPDIR:-/tmp}/eric_b.$$" &
b=$!
wait $a; ra=$?
wait $b; rb=$?
is "$ra $rb" "0 0" "two simultaneous loads of 2014/15 both succeed $(cat "${TMPDIR:-/tmp}/eric_a.$$" "${TMPDIR:-/tmp}/eric_b.$$")"
rm -f "${TMPDIR:-/tmp}/eric_a.$$" "${TMPDIR:-/tmp}/eric_b.$$"
is "$(q $db "SELECT count(*), count(DISTINCT load_id) FROM estate.eric_site WHERE financial_year = 2014")" "1251|1" \
	"and 2014/15 holds its 1251 returns once"
is "$(q $db "SELECT count(*) FROM estate.eric_load WHERE kind = 'site' AND financial_year = 2014")" 3 "three loads of 2014/15 audited"

# Malformed files load nothing and say file, row, column and value.
snapshot() { q $db "SELECT (SELECT count(*) FROM estate.eric_site), (SELECT count(*) FROM estate.eric_load), (SELECT max(load_id) FROM estate.eric_site WHERE financial_year = 2015)"; }
check_bad() {   # FILE YEAR EXPECTED-MESSAGE DESCRIPTION
	local before out rc
	before=$(snapshot)
	out=$("$load" -d $db --year "$2" --kind site "$1" 2>&1)
	rc=$?
	is "$rc" 1 "$4: the loader fails (exit 1)"
	like "$out" "$3" "$4: it says where"
	is "$(snapshot)" "$before" "$4: nothing was loaded, the year loaded before is intact"
}
check_bad "$fixtures/bad_number.csv" 2015/16 \
	'bad_number.csv row 3, column 9 "Cost to eradicate high risk backlog (£)": invalid amount: "12x4"' "a bad number"
check_bad "$fixtures/truncated.csv" 2015/16 \
	'truncated.csv row 3, column 9 "Cost to eradicate high risk backlog (£)": missing, the row ends after column 8 (truncated row)' \
	"a truncated row"
check_bad "$fixtures/undecodable.csv" 2015/16 \
	'undecodable.csv row 3, column 6: undecodable bytes in "ST ALBANS\xFF WEST" (the file is not valid UTF8 with BOM)' \
	"undecodable bytes"
tmp=$(mktemp -d)
printf 'Organisation Code,Site Code,Site Name\r\nRXA,RXA01,AB\x81C\r\n' >"$tmp/win.csv"
check_bad "$tmp/win.csv" 2015/16 'win.csv row 2, column 3: undecodable bytes in "AB\x81C" (the file is not valid WIN1252)' \
	"a byte Windows-1252 does not have"
printf '\xff\xfeO\x00' >"$tmp/utf16.csv"
check_bad "$tmp/utf16.csv" 2015/16 'utf16.csv is UTF-16; save it as CSV (UTF-8)' "a UTF-16 file"
check_bad "$data/eric/eric_2015-16_trust.csv" 2015/16 'eric_2015-16_trust.csv looks like a trust file, not a site file' "a trust file loaded as sites"
rm -rf "$tmp"
"$load" -d $db --kind site "$fixtures/bad_number.csv" >/dev/null 2>&1
is $? 2 "a missing --year is a usage error"

# The later published format: Windows-1252 with £ and m², CRLF, a section
# row, a header repeated in two sections, repeated header rows, quoted
# thousands, Not Applicable / No Data Provided, subtotals and a Grand Total;
# and a UTF-8 file with a byte-order mark.
out=$("$load" -d $db --year 2022/23 --kind site "$fixtures/ERIC - 2022_23 - Site data.csv" 2>"${TMPDIR:-/tmp}/eric_err.$$")
ok $? "the Windows-1252 site file of 2022/23 loads"
err=$(cat "${TMPDIR:-/tmp}/eric_err.$$"); rm -f "${TMPDIR:-/tmp}/eric_err.$$"
like "$err" "no header signature is known for the site returns of 2022/23" "a year with no signature loads, and says so"
like "$err" "2 of 26 headers map to no column of estate.eric_site" "its unmapped headers are listed"
like "$err" 'column 25 "PFI Facilities and Services: Occupied floor area (m²)"' "a repeated one with its section"
is "$out" "ERIC - 2022_23 - Site data.csv: loaded 3 site returns of 2022/23 as load $(q $db "SELECT max(load_id) FROM estate.eric_load"); skipped 1 grand total, 1 repeated header, 2 subtotal" \
	"three returns; the subtotals, the total and the repeated header skipped"
is "$(q $db "SELECT file_encoding FROM estate.eric_load WHERE financial_year = 2022 AND kind = 'site'")" WIN1252 "read as Windows-1252"
out=$("$load" -d $db --year 2022/23 --kind trust "$fixtures/ERIC - 2022_23 - Trust data.csv" 2>&1)
ok $? "the UTF-8 (BOM) trust file of 2022/23 loads: $(grep loaded <<<"$out")"
is "$(q $db "SELECT file_encoding FROM estate.eric_load WHERE financial_year = 2022 AND kind = 'trust'")" "UTF8 with BOM" "read as UTF-8 with BOM"

# The year guards: a file named for another year, or whose headers match
# another year's signature better, is refused naming both years and changes
# nothing, unless --force.
state="SELECT (SELECT count(*) FROM estate.eric_load),
              (SELECT string_agg(format('%s %s %s %s', kind, financial_year, n, last_load), ' ' ORDER BY kind, financial_year)
               FROM (SELECT 'site' AS kind, financial_year, count(*) AS n, max(load_id) AS last_load FROM estate.eric_site GROUP BY 2
                     UNION ALL
                     SELECT 'trust', financial_year, count(*), max(load_id) FROM estate.eric_trust GROUP BY 2) AS y)"
guard() {   # refused|loads DESCRIPTION LOADER-ARGUMENTS...; sets out
	local want=$1 what=$2 before rc
	shift 2
	before=$(q $db "$state")
	out=$("$load" -d $db "$@" 2>&1)
	rc=$?
	if [ "$want" = loads ]; then
		is "$rc" 0 "$what: loads"
	else
		is "$rc" 1 "$what: refused (exit 1)"
		is "$(q $db "$state")" "$before" "$what: nothing changed, every year's returns and the audit as before"
	fi
}
tmp=$(mktemp -d)
cp "$fixtures/ERIC - 2022_23 - Site data.csv" "$tmp/ERIC - 2021_22 - Site data.csv"
guard refused "a file named for 2021/22 given --year 2022/23" --year 2022/23 --kind site "$tmp/ERIC - 2021_22 - Site data.csv"
like "$out" "ERROR:  ERIC - 2021_22 - Site data.csv looks like 2021/22, not 2022/23: it is named for 2021/22" "  naming both years"
like "$out" "HINT:  Load it with --year 2021/22 if it holds that year's returns, or with --force (force => true) to load it as 2022/23 all the same." \
	"  and what to do"
guard refused "eric_2014-15_site.csv given --year 2015/16" --year 2015/16 --kind site "$data/eric/eric_2014-15_site.csv"
like "$out" "ERROR:  eric_2014-15_site.csv looks like 2014/15, not 2015/16: it is named for 2014/15; its headers match 2014/15's signature better (similarity 1.000 = 94 shared / 94 in either) than 2015/16's (0.321 = 50 / 156)" \
	"  by its name and by its headers, with the similarities"
# Renamed, without a year in the name: the headers alone tell.
cp "$data/eric/eric_2014-15_site.csv" "$tmp/sites.csv"
cp "$data/eric/eric_2015-16_trust.csv" "$tmp/trusts.csv"
guard refused "the 2014/15 site file renamed sites.csv, given --year 2015/16" --year 2015/16 --kind site "$tmp/sites.csv"
like "$out" "ERROR:  sites.csv looks like 2014/15, not 2015/16: its headers match 2014/15's signature better (similarity 1.000 = 94 shared / 94 in either) than 2015/16's (0.321 = 50 / 156)" \
	"  by its headers alone"
guard refused "the 2015/16 trust file renamed trusts.csv, given --year 2013/14" --year 2013/14 --kind trust "$tmp/trusts.csv"
like "$out" "ERROR:  trusts.csv looks like 2015/16, not 2013/14: its headers match 2015/16's signature better (similarity 1.000 = 42 shared / 42 in either) than 2013/14's (0.268 = 19 / 71)" \
	"  so is a trust file"
# The other kind, both ways: 22023, naming the kind it looks like.
guard refused "a trust file given --kind site" --year 2015/16 --kind site "$tmp/trusts.csv"
like "$out" 'ERROR:  trusts.csv looks like a trust file, not a site file
DETAIL:  Its header row (row 2) has a trust code but no "Site Code" column. Its headers are most like the trust returns of 2015/16 (similarity 1.000).
HINT:  Load it with --kind trust.' "  says it looks like a trust file"
guard refused "a site file given --kind trust" --year 2014/15 --kind trust "$tmp/sites.csv"
like "$out" 'ERROR:  sites.csv looks like a site file, not a trust file
DETAIL:  Its header row (row 2) has a "Site Code" column, which trust files do not. Its headers are most like the site returns of 2014/15 (similarity 1.000).
HINT:  Load it with --kind site.' "  says it looks like a site file"
# --force loads it as --year says, says so, and the audit records what it overrode.
guard loads "--force: the 2015/16 trust file as 2013/14" --year 2013/14 --kind trust --force "$tmp/trusts.csv"
like "$out" "WARNING:  trusts.csv loaded as 2013/14 by force; it looks like 2015/16, not 2013/14: its headers match 2015/16's signature better" "  with a warning"
like "$out" "trusts.csv: loaded 238 trust returns of 2013/14 as load $(q $db "SELECT max(load_id) FROM estate.eric_load"); skipped no rows; forced: it looks like 2015/16, not 2013/14" \
	"  and a summary that says it was forced"
is "$(q $db "SELECT year_label || ' ' || file_name || ': ' || forced FROM estate.eric_load ORDER BY load_id DESC LIMIT 1")" \
	"2013/14 trusts.csv: looks like 2015/16, not 2013/14: its headers match 2015/16's signature better (similarity 1.000 = 42 shared / 42 in either) than 2013/14's (0.268 = 19 / 71)" \
	"  eric_load.forced records what --force overrode"
is "$(q $db "SELECT count(*) FROM estate.eric_trust WHERE financial_year = 2013")" 238 "  2013/14 holds the file's 238 returns"
guard loads "--force: a file named for 2021/22 as 2022/23" --year 2022/23 --kind site --force "$tmp/ERIC - 2021_22 - Site data.csv"
is "$(q $db "SELECT year_label || ' ' || file_name || ': ' || forced FROM estate.eric_load ORDER BY load_id DESC LIMIT 1")" \
	"2022/23 ERIC - 2021_22 - Site data.csv: looks like 2021/22, not 2022/23: it is named for 2021/22" "  recorded as forced past its name"
# Every shipped year and kind as another year, by headers alone: the first
# rows of each file (its section and header rows and three returns), named
# without a year, given the next shipped year (2015/16's: 2013/14), are
# refused and change nothing.  (As their own year the whole files loaded
# above, with the year in their names.)
refused=() want=()
before=$(q $db "$state")
for file_year in 2013-14 2014-15 2015-16; do
	for kind in site trust; do
		head -n 5 "$data/eric/eric_${file_year}_$kind.csv" >"$tmp/returns.csv"
		for year in $(case $file_year in 2013-14) echo 2014/15 ;; 2014-15) echo 2015/16 ;; *) echo 2013/14 ;; esac); do
			out=$("$load" -d $db --year $year --kind $kind "$tmp/returns.csv" 2>&1)
			refused+=("$file_year $kind as $year: $([ $? -ne 0 ] && [[ $out == *"returns.csv looks like ${file_year/-//}, not $year: its headers match"* ]] && echo refused || echo "$out")")
			want+=("$file_year $kind as $year: refused")
		done
	done
done
is "$(printf '%s; ' "${refused[@]}")" "$(printf '%s; ' "${want[@]}")" \
	"the first rows of each shipped year's site and trust file, as another year: refused, naming the year they are"
is "$(q $db "$state")" "$before" "  and nothing changed"
# 2013/14's own trust returns again, for the tests that read this database.
"$load" -d $db --year 2013/14 --kind trust "$data/eric/eric_2013-14_trust.csv" >/dev/null 2>&1
ok $? "2013/14's trust file loads again"
rm -rf "$tmp"

# docs/disposal.md's worked example (its first SQL block, written for London
# in 2015/16) where real returns once made it fail: in the North in 2014/15,
# where RR813 reports negative electricity and steam (no carbon figure, not
# an error), and in the Midlands and East in 2015/16, where RYW13 and RYWK5
# report 100% empty and 100% under-used (no unoccupied share, not an error).
recipe=$(awk '/^## Worked example: the top candidates/ { f = 1 } f && /^```sql/ { b = 1; next } f && b && /^```/ { exit } f && b' \
	"$root/docs/disposal.md")
for case in "2014|NORTH OF ENGLAND|carbon_per_m2" "2015|MIDLANDS AND EAST OF ENGLAND|unoccupied_share"; do
	IFS='|' read -r fy region column <<<"$case"
	sql=${recipe//financial_year = 2015/financial_year = $fy}
	out=$(printf 'BEGIN;\n%s\n%s\nROLLBACK;\n' "${sql//LONDON COMMISSIONING/$region COMMISSIONING}" \
		"SELECT 'no figure: ' || string_agg(site_code, ',' ORDER BY site_code) FROM london_2015 WHERE $column IS NULL AND site_code IN ('RR813', 'RYW13', 'RYWK5');" |
		PGOPTIONS="-c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 -d $db 2>&1)
	is "$?|$(grep -c '|' <<<"$out")|$(tail -1 <<<"$out")" "0|10|no figure: $([ $fy = 2014 ] && echo RR813 || echo RYW13,RYWK5)" \
		"docs/disposal.md's worked example on $fy/$(((fy + 1) % 100)) in the ${region,,} region: ten candidates; $column NULL where the return cannot give one"
done

# The trust -> ICS mapping from the ODS files.
out=$("$root/bin/estate-load-ics" -d $db "$data/ods/etr.csv" "$data/ods/succ.csv" "$data/ods/icb_names_codes_dec_2024.csv" 2>&1)
ok $? "estate-load-ics loads the ODS files"
is "$out" "estate.ics_mapping: 625 organisations mapped from ODS (footprint 2026-03-31): 270 from the trust files, 355 known only from the successions" \
	"270 of the 273 trusts map (3 Welsh trusts have no ICB), and 355 codes only succ.csv names reach one"
is "$(q $db "SELECT count(*) FROM pg_stat_user_tables WHERE relid = 'estate.ics_mapping'::regclass AND last_analyze IS NOT NULL")" 1 \
	"estate-load-ics refreshes the mapping's planner statistics"

# The ICS of every trust in every shipped year, against an independent
# computation from the ODS files (test/eric/ods_ics.pl follows the successors).
ics_check() {   # DESCRIPTION [ECT.csv]
	local got want
	got=$(q $db "SELECT string_agg(format('%s %s %s', financial_year, trust_code, coalesce(ics_code, '-')), E'\n' ORDER BY financial_year, trust_code)
	             FROM estate.trust_summary WHERE financial_year BETWEEN 2013 AND 2015")
	want=$(q $db "SELECT string_agg(format('%s %s', financial_year, trust_code), E'\n' ORDER BY financial_year, trust_code)
	              FROM estate.trust_summary WHERE financial_year BETWEEN 2013 AND 2015" |
		perl "$root/test/eric/ods_ics.pl" 20260331 "$data/ods/etr.csv" "$data/ods/succ.csv" ${2:+"$2"})
	is "$(wc -l <<<"$got") $(diff <(echo "$got") <(echo "$want") | grep -c '^[<>]')" "729 0" "$1"
}
ics_check "the ICS of each of the 729 trusts with site returns in 2013/14-2015/16 is the one the ODS files give, successors followed"
is "$(q $db "SELECT string_agg(format('%s %s', year_label, codes), '; ' ORDER BY year_label) FROM (
             SELECT year_label, string_agg(trust_code, ',' ORDER BY trust_code) AS codes FROM estate.trust_summary
             WHERE ics_basis = 'commissioning region' AND financial_year BETWEEN 2013 AND 2015 GROUP BY 1) AS u")" \
	"2013/14 NAX,NLY,NNV,NQ7,NQL,NR5,TAD,TAH,TAJ; 2014/15 TAD,TAH,TAJ; 2015/16 TAD,TAH,TAJ" \
	"without the care-trust file: three care trusts and six independent providers stay unmapped"
is "$(q $db "SELECT ics_code FROM estate.trust_summary WHERE financial_year = 2014 AND trust_code = 'RBB'")" QOX \
	"a trust that closed in January 2015 (RBB) has its 2014/15 return counted with its successor RD1"
is "$(q $db "SELECT ics_code || ' ' || rule FROM estate.ics_mapping WHERE trust_code = 'TAF'")" \
	"QMJ ICB of successor G6V2S (TAF -> G6V2S); not in the trust files, known from the successions" \
	"a care trust that etr.csv does not list follows succ.csv to its successor's ICB"
# fixtures/ect.csv is made for the test in the ODS layout: the three care trusts of
# the shipped years that are still open, with their ICBs of 2024.
out=$("$root/bin/estate-load-ics" -d $db --care-trusts "$fixtures/ect.csv" \
	"$data/ods/etr.csv" "$data/ods/succ.csv" "$data/ods/icb_names_codes_dec_2024.csv" 2>&1)
is "$out" "estate.ics_mapping: 631 organisations mapped from ODS (footprint 2026-03-31): 273 from the trust files, 358 known only from the successions" \
	"with a care-trust file (fixtures/ect.csv: TAD, TAH, TAJ in the ODS layout) they map, and so do their three predecessors"
ics_check "with it, every trust return still matches the independent computation" "$fixtures/ect.csv"
is "$(q $db "SELECT string_agg(DISTINCT trust_code, ',' ORDER BY trust_code) FROM estate.trust_summary
             WHERE ics_basis = 'commissioning region' AND financial_year BETWEEN 2013 AND 2015")" \
	"NAX,NLY,NNV,NQ7,NQL,NR5" "only the six independent providers of 2013/14 are left"

# File names and a TMPDIR with quotes, a newline, $( ), backticks and a
# backslash are data, never part of the psql script (a name that got in
# would create table public.injected).
tmp=$(mktemp -d)
nl=$'\n'
odd="it's \"odd\"; \$(touch pwned) \`touch pwned\`${nl}CREATE TABLE public.injected ();-- \\"
cp "$fixtures/ERIC - 2022_23 - Site data.csv" "$tmp/$odd.csv"
mkdir "$tmp/tmp 'q'${nl}\$x \\"
out=$(cd "$tmp" && TMPDIR="$tmp/tmp 'q'${nl}\$x \\" "$load" -d $db --year 2022/23 --kind site "$odd.csv" 2>&1)
ok $? "estate-load-eric: a file name and TMPDIR with quotes, a newline, \$( ), backticks and a backslash"
is "$(q $db "SELECT file_name FROM estate.eric_load ORDER BY load_id DESC LIMIT 1")" "$odd.csv" \
	"estate-load-eric: the file name is recorded as it is"
for f in etr succ icb; do cp "$data/ods/$( [ $f = icb ] && echo icb_names_codes_dec_2024 || echo $f).csv" "$tmp/$f $odd.csv"; done
cp "$fixtures/ect.csv" "$tmp/ect $odd.csv"
out=$(cd "$tmp" && TMPDIR="$tmp/tmp 'q'${nl}\$x \\" "$root/bin/estate-load-ics" -d $db --care-trusts "ect $odd.csv" "etr $odd.csv" "succ $odd.csv" "icb $odd.csv" 2>&1)
like "$out" "estate.ics_mapping: 631 organisations mapped" "estate-load-ics: the same file names"
is "$(q $db "SELECT to_regclass('public.injected') IS NULL")$(find "$tmp" -name pwned | wc -l)" t0 "nothing in the names ran"
rm -rf "$tmp"

done_testing
