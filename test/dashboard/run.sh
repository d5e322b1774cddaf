#!/usr/bin/env bash
# The dashboard (dashboard/) as a user gets it: npm ci from the committed
# package-lock.json, the site built from database estate_dashboard (the
# shipped ERIC years and ICS mapping, loaded by test/run) as the read-only
# role estate_dashboard_reader, then every page in headless Chromium with its
# figures compared with SQL (dashboard/check.js).
# The site and the screenshots of the six pages stay in test/dashboard/output/.
# Needs PG* variables for the cluster.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/test/lib/tap.sh"
. "$root/tools/lib.sh"
set +e
output=$root/test/dashboard/output
rm -rf "$output"
mkdir -p "$output"

start=$SECONDS
rm -rf "$root/dashboard/node_modules"
estate_dashboard_npm_ci 2>&1 | sed 's/^/# /'
ok "${PIPESTATUS[0]}" "npm ci installs the pinned packages ($((SECONDS - start)) s, $(du -sh "$root/dashboard/node_modules" | cut -f1) of node_modules)"
is "$(cd "$root/dashboard" && npm ls --depth=0 --parseable 2>/dev/null | tail -n +2 | xargs -n1 basename | sort | tr '\n' ' ')" \
	"pg playwright-core vega vega-lite " "the top-level packages are the four pinned ones"

export PGDATABASE=estate_dashboard PGUSER=estate_dashboard_reader
is "$(q estate_dashboard 'SHOW default_transaction_read_only')" on "the build's role reads only"

start=$SECONDS
node "$root/dashboard/build.js" "$output/site" 2>&1 | sed 's/^/# /'
ok "${PIPESTATUS[0]}" "the site builds from estate_dashboard ($((SECONDS - start)) s, $(du -sh "$output/site" | cut -f1), $(find "$output/site" -name '*.html' | wc -l) pages)"
! grep -rlE '(src|href)="(https?:)?//' "$output/site" >/dev/null
ok $? "no page links a script, style or image from another host"

# check.js prints TAP of its own: renumber its lines into this test's.
node "$root/dashboard/check.js" "$output/site" "$output/screenshots" >"$output/check.tap" 2>&1
ok $? "dashboard/check.js: every page in Chromium, figures equal SQL"
while IFS= read -r line; do
	case $line in
		"ok "*) pass "${line#ok * - }" ;;
		"not ok "*) fail "${line#not ok * - }" ;;
		"#"*) echo "$line" ;;
		1..*) ;;
		*) echo "# $line" ;;
	esac
done <"$output/check.tap"
echo "# screenshots: $output/screenshots"
done_testing
