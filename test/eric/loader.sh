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

# Every shipped year and kind.
for year in 2013-14 2014-15 2015-16; do
	for kind in site trust; do
		out=$("$load" -d $db --year "${year/-//}" --kind $kind "$data/eric/eric_${year}_$kind.csv" 2>&1)
		ok $? "estate-load-eric loads eric_${year}_$kind.csv"
		like "$out" "loaded" "and says what it loaded: $out"
	done
done
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
"$load" -d $db --year 2014/15 --kind site "$data/eric/eric_2014-15_site.csv" >/dev/null 2>"${TMPDIR:-/tmp}/eric_a.$$" &
a=$!
"$load" -d $db --year 2014/15 --kind site "$data/eric/eric_2014-15_site.csv" >/dev/null 2>"${TMPDIR:-/tmp}/eric_b.$$" &
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
	[ $rc -ne 0 ]; ok $? "$4: the loader fails (exit $rc)"
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
check_bad "$data/eric/eric_2015-16_trust.csv" 2015/16 'eric_2015-16_trust.csv has no site header row' "a trust file loaded as sites"
rm -rf "$tmp"
"$load" -d $db --kind site "$fixtures/bad_number.csv" >/dev/null 2>&1
is $? 2 "a missing --year is a usage error"

# The later published format: Windows-1252 with £ and m², CRLF, a section
# row, a header repeated in two sections, repeated header rows, quoted
# thousands, Not Applicable / No Data Provided, subtotals and a Grand Total;
# and a UTF-8 file with a byte-order mark.
out=$("$load" -d $db --year 2022/23 --kind site "$fixtures/ERIC - 2022_23 - Site data.csv" 2>&1)
ok $? "the Windows-1252 site file of 2022/23 loads"
is "$out" "ERIC - 2022_23 - Site data.csv: loaded 3 site returns of 2022/23 as load $(q $db "SELECT max(load_id) FROM estate.eric_load"); skipped 1 grand total, 1 repeated header, 2 subtotal" \
	"three returns; the subtotals, the total and the repeated header skipped"
is "$(q $db "SELECT file_encoding FROM estate.eric_load WHERE financial_year = 2022 AND kind = 'site'")" WIN1252 "read as Windows-1252"
out=$("$load" -d $db --year 2022/23 --kind trust "$fixtures/ERIC - 2022_23 - Trust data.csv" 2>&1)
ok $? "the UTF-8 (BOM) trust file of 2022/23 loads: $out"
is "$(q $db "SELECT file_encoding FROM estate.eric_load WHERE financial_year = 2022 AND kind = 'trust'")" "UTF8 with BOM" "read as UTF-8 with BOM"

# A file named for another year than --year is refused, naming both, unless --force.
tmp=$(mktemp -d)
cp "$fixtures/ERIC - 2022_23 - Site data.csv" "$tmp/ERIC - 2021_22 - Site data.csv"
before=$(q $db "SELECT count(*) FROM estate.eric_load")
out=$("$load" -d $db --year 2022/23 --kind site "$tmp/ERIC - 2021_22 - Site data.csv" 2>&1)
is "$? $out" "1 estate-load-eric: ERIC - 2021_22 - Site data.csv is named for 2021/22 but --year is 2022/23: give the year the file holds, or --force to load it as 2022/23" \
	"a file named for 2021/22 given --year 2022/23 is refused, naming both years"
out=$("$load" -d $db --year 2015/16 --kind site "$data/eric/eric_2014-15_site.csv" 2>&1)
like "$? $out" "1 estate-load-eric: eric_2014-15_site.csv is named for 2014/15 but --year is 2015/16" "so is eric_2014-15_site.csv given --year 2015/16"
is "$(q $db "SELECT count(*) FROM estate.eric_load")" "$before" "and nothing was loaded"
"$load" -d $db --year 2022/23 --kind site --force "$tmp/ERIC - 2021_22 - Site data.csv" >/dev/null 2>&1
ok $? "--force loads it as --year says"
is "$(q $db "SELECT year_label || ' ' || file_name FROM estate.eric_load ORDER BY load_id DESC LIMIT 1")" "2022/23 ERIC - 2021_22 - Site data.csv" \
	"as 2022/23"
rm -rf "$tmp"

# The trust -> ICS mapping from the ODS files.
out=$("$root/bin/estate-load-ics" -d $db "$data/ods/etr.csv" "$data/ods/succ.csv" "$data/ods/icb_names_codes_dec_2024.csv" 2>&1)
ok $? "estate-load-ics loads the ODS files"
is "$out" "estate.ics_mapping: 625 organisations mapped from ODS (footprint 2026-03-31): 270 from the trust files, 355 known only from the successions" \
	"270 of the 273 trusts map (3 Welsh trusts have no ICB), and 355 codes only succ.csv names reach one"

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
