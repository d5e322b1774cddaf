# test/lib/tap.sh - TAP helpers for the shell tests (the loaders, dump and
# restore, BI clients, upgrades, load, memory, Citus), run by prove.
# Sourced, not run.

tap_n=0
tap_failed=0

# pass DESCRIPTION
pass() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

# fail DESCRIPTION [DIAGNOSTIC LINE...]
fail() {
	tap_n=$((tap_n + 1)) tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	[ $# -eq 0 ] || printf '%s\n' "$@" | sed 's/^/# /'
}

# ok CONDITION-EXIT-STATUS DESCRIPTION
ok() {
	if [ "$1" -eq 0 ]; then pass "$2"; else fail "$2"; fi
}

# is GOT EXPECTED DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:      %s\n#   expected: %s\n' "$1" "$2"
	fi
}

# like TEXT SUBSTRING DESCRIPTION
like() {
	case $1 in
		*"$2"*) ok 0 "$3" ;;
		*) ok 1 "$3"; printf '#   %s\n#   does not contain: %s\n' "$1" "$2" ;;
	esac
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ] || { echo "# $tap_failed of $tap_n failed"; return 1; }
}

# q DB SQL: one value, unaligned.
q() {
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}
