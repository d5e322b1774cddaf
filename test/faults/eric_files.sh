#!/usr/bin/env bash
# Fuzzed ERIC files through bin/estate-load-eric: the shipped files (the trust
# files whole, the site files' first 150 lines, to keep each load short)
# mutated by test/faults/eric_files.pl - bytes flipped or set, truncated,
# quotes and commas inserted, re-encoded (Windows-1252, a byte-order mark,
# UTF-16), LF for CRLF line ends, control characters, columns shuffled or dropped, header rows repeated,
# very long fields.  Each run either
#   - loads what the file holds: the returns and the checked column's total
#     equal those of the independent parse in eric_files.pl, and the audit
#     counts them; or
#   - fails with a documented error form (docs/eric.md): the file, row,
#     column and value of a bad cell, the file and row of a bad header or
#     record, or the file and the reason for a file-level fault; and the year
#     loaded before is untouched.
# A file the parse cannot read must not load.  Counts per mutation and
# outcome are printed.  Prints TAP.
#   test/faults/eric_files.sh     (ESTATE_FAULT_RUNS=N for N times the 36 runs)
. "$(dirname "$0")/lib.sh"
estate_require_root "$@"
faults_cluster fuzz
db=estate_fuzz
load="$ESTATE_ROOT/bin/estate-load-eric"
parse="$ESTATE_ROOT/test/faults/eric_files.pl"
work=$(mktemp -d)
faults_cleanup 'rm -rf "$work"'
q postgres "CREATE DATABASE $db" && q $db "CREATE EXTENSION estate" || { echo "Bail out! no database"; exit 1; }

bases=()
for year in 2013-14 2014-15 2015-16; do
	cp "$ESTATE_ROOT/data/eric/eric_${year}_trust.csv" "$work/eric_${year}_trust.csv"
	head -n 150 "$ESTATE_ROOT/data/eric/eric_${year}_site.csv" >"$work/eric_${year}_site.csv"
	for kind in site trust; do
		"$load" -d $db --year "$year" --kind $kind "$work/eric_${year}_$kind.csv" >/dev/null \
			|| { echo "Bail out! eric_${year}_$kind.csv does not load"; exit 1; }
		bases+=("eric_${year}_$kind")
	done
done
mutations=(byte_flip byte_set truncate quote comma to_win1252 to_utf8_bom to_utf16 line_ends control shuffle_columns drop_column
	repeat_header long_field)

# The documented error forms; what the loader printed first, without psql's
# and the script's prefixes, must match one of them.
documented() {   # NAME MESSAGE
	local n=$1 m=$2 r='[0-9]+'
	m=${m#psql:*: }; m=${m#ERROR:  }; m=${m#estate-load-eric: }
	[[ $m =~ ^"$n row "$r", column "$r' "'.*'": '.+$ ]] ||                               # a bad cell
	[[ $m =~ ^"$n row "$r", column "$r': "'.*'" is beyond the last headed column'$ ]] ||
	[[ $m =~ ^"$n row "$r", column "$r': undecodable bytes in "'.*'" (the file is not valid '.+')'$ ]] ||
	[[ $m =~ ^"$n row "$r': '.+$ ]] ||                                                  # a record or the header row
	[[ $m =~ ^"$n rows "$r" and "$r' hold the same return (trust '.+')'$ ]] ||
	[[ $m =~ ^"$n "('has no '(site|trust)' header row'|'looks like a '(site|trust)' file, not a '(site|trust)' file'|'holds no '(site|trust)' returns')$ ]] ||
	[[ $m == "$n is UTF-16; save it as CSV (UTF-8)" ]] ||
	[[ $m =~ ^"$n looks like "$r/$r"( or "$r/$r")?, not "$r/$r': '.+$ ]] ||
	[[ $m =~ ^"$n: undecodable bytes at byte "$r' (the file is not valid '.+')'$ ]]
}

# Fixed cases: bytes \copy cannot carry, and a code too long for the index
# (random letters, which do not compress).
printf 'Organisation Code,Organisation Name\nRXA,A\rB\n' >"$work/cr.csv"
out=$("$load" -d $db --year 2015/16 --kind trust "$work/cr.csv" 2>&1)
is "$out" "estate-load-eric: cr.csv row 2: a control character (NUL, \\x01, \\x02 or a carriage return inside the row)" \
	"a carriage return inside a row: refused with its row"
perl -e 'print "Organisation Code,Organisation Name\nRXA,A\0B\n"' >"$work/nul.csv"
out=$("$load" -d $db --year 2015/16 --kind trust "$work/nul.csv" 2>&1)
is "$out" "estate-load-eric: nul.csv row 2: a control character (NUL, \\x01, \\x02 or a carriage return inside the row)" \
	"a NUL byte: refused with its row"
before=$(year_state $db trust 2015)
perl -e 'srand(1); print "Organisation Code,Organisation Name\n", join("", map { ("A" .. "Z")[rand 26] } 1 .. 20000), ",A\n"' >"$work/long_code.csv"
out=$("$load" -d $db --year 2015/16 --kind trust "$work/long_code.csv" 2>&1)
rc=$?
is "$(year_state $db trust 2015)" "$before" "a 20,000-character trust code loads nothing"
documented long_code.csv "$(printf '%s\n' "$out" | head -1)"
ok $? "a 20,000-character trust code is refused in a documented form: $(printf '%s\n' "$out" | head -1 | cut -c1-100)"

declare -A count
runs=$((36 * runs_factor))
for ((r = 1; r <= runs; r++)); do
	base=${bases[RANDOM % ${#bases[@]}]}
	mutation=${mutations[RANDOM % ${#mutations[@]}]}
	year=${base#eric_}; year=${year%_*}; kind=${base##*_}
	fy=${year%-*}
	s=$((RANDOM * 32768 + RANDOM))
	file="$work/${base}_$mutation.csv"
	perl "$parse" mutate "$mutation" "$s" "$work/$base.csv" "$file"
	expect=$(perl "$parse" parse "$kind" "$file")
	what="run $r: $mutation of $base (seed $s)"
	before=$(year_state $db "$kind" "$fy")
	out=$("$load" -d $db --year "$year" --kind "$kind" "$file" 2>&1)
	rc=$?
	# A year guard that refuses a file of another year is passed with --force.
	if [ $rc -ne 0 ] && [[ $out == *--force* ]]; then
		out=$("$load" -d $db --force --year "$year" --kind "$kind" "$file" 2>&1)
		rc=$?
	fi
	if [ $rc -eq 0 ]; then
		outcome=loaded
		IFS='|' read -r n loads _ audit_id audit_rows row_id <<<"$(year_state $db "$kind" "$fy")"
		col=$([ "$kind" = site ] && echo gross_internal_floor_area_m2 || echo backlog_investment_gbp)
		total=$(q $db "SELECT coalesce(sum($col)::text, 'NULL') FROM estate.eric_$kind WHERE financial_year = $fy")
		case $expect in
			returns*)
				read -r _ want_n _ want_total <<<"$expect"
				same=$(q $db "SELECT $n = $want_n AND CASE WHEN '$total' = 'NULL' OR '$want_total' = 'NULL' THEN '$total' = '$want_total'
				                                         ELSE '$total'::numeric = '$want_total'::numeric END")
				[ "$same" = t ] && [ "$loads" = 1 ] && [ "$audit_id|$audit_rows" = "$row_id|$n" ]
				ok $? "$what: loaded $n returns, total $total; the parse finds $want_n, total $want_total; audit load $audit_id of $audit_rows" ;;
			*)
				ok 1 "$what: loaded $n returns, but the parse finds the file $expect" ;;
		esac
	else
		outcome=refused
		first=$(printf '%s\n' "$out" | grep -v '^HINT:\|^DETAIL:\|^CONTEXT:' | head -1)
		documented "$(basename "$file")" "$first"
		ok $? "$what: refused (exit $rc) in a documented form: $first"
		is "$(year_state $db "$kind" "$fy")" "$before" "$what: the year loaded before is untouched"
		[[ $expect == returns* ]] && outcome="refused (the parse reads it)"
	fi
	count["$mutation $outcome"]=$((${count["$mutation $outcome"]:-0} + 1))
	rm -f "$file"
done
is "$(q postgres "SELECT 1")" 1 "the server is up after $runs loads"
for k in "${!count[@]}"; do echo "# ${count[$k]} $k"; done | sort -k2
done_testing
