# tools/worked_examples.awk - the pg_regress file of a docs page's worked
# examples: every ```sql block under its "## Worked examples" heading, in
# order, separated by blank lines, after a line naming the page.  So the page
# and its regression test are one text (make sqlcheck checks the copy in
# test/sql/ is current; make worked-examples writes it).
#   awk -f tools/worked_examples.awk docs/PAGE.md > test/sql/PAGE.sql
FNR == 1 { printf "-- Worked examples of %s, run as a pg_regress test.\n", FILENAME }
/^## / { section = ($0 == "## Worked examples") }
section && /^```sql[[:space:]]*$/ { inblock = 1; if (blocks++) print ""; next }
inblock && /^```/ { inblock = 0; next }
inblock { print }
