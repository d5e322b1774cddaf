#!/usr/bin/env bash
# Benchmark: the carbon of every ERIC site return as the views compute it
# (estate.eric_site_carbon: each year's factors read once and joined by year)
# against the plain way, estate.carbon_kg called per site and fuel (a query
# each), in the same run, on the shipped 2013/14-2015/16 site returns (3,843
# rows; loaded here if the database has none).  Prints both timings and the
# ratio, and fails if the two disagree on any site with a figure.  Not a test.
#
#   sudo bench/eric_carbon.sh                         # own throwaway cluster
#   PGHOST=... PGDATABASE=... bench/eric_carbon.sh    # an existing database with estate
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd)

psql_run -c 'CREATE EXTENSION IF NOT EXISTS estate'
if [ "$(psql_run -At -c 'SELECT count(*) FROM estate.eric_site')" = 0 ]; then
	for year in 2013-14 2014-15 2015-16; do
		PSQL="$PSQL" "$root/bin/estate-load-eric" -d "${PGDATABASE:-postgres}" --year "${year/-//}" --kind site \
			"$root/data/eric/eric_${year}_site.csv" >/dev/null
	done
fi

# carbon_kg refuses negative kWh, so the plain way skips those fuels.
PLAIN="SELECT s.financial_year, s.trust_code, s.site_code,
              (SELECT sum(estate.carbon_kg(f.fuel, f.kwh, s.financial_year))
               FROM (VALUES ('electricity', s.electricity_kwh), ('gas', s.gas_kwh), ('oil', s.oil_kwh),
                            ('coal', s.coal_kwh), ('steam', s.steam_kwh), ('hot_water', s.hot_water_kwh),
                            ('renewable_electricity', s.renewable_electricity_kwh)) AS f(fuel, kwh)
               WHERE f.kwh >= 0) AS carbon_kg
       FROM estate.eric_site AS s"

views=$(time_query "SELECT count(carbon_kg), count(carbon_gap) FROM estate.eric_site_carbon()")
plain=$(time_query "SELECT count(p.carbon_kg) FROM ($PLAIN) AS p")
rows=$(psql_run -At -c 'SELECT count(*) FROM estate.eric_site')
diff=$(psql_run -At -c "SELECT count(*) FROM estate.eric_site_carbon() AS c JOIN ($PLAIN) AS p USING (financial_year, trust_code, site_code)
                        WHERE c.carbon_kg IS NOT NULL AND c.carbon_kg IS DISTINCT FROM p.carbon_kg")

echo "site returns: $rows (sites with a figure where the two disagree: $diff)"
echo "estate.eric_site_carbon() (set-based):        $views ms"
echo "estate.carbon_kg per site and fuel:           $plain ms"
awk "BEGIN { printf \"ratio carbon_kg per fuel / eric_site_carbon: %.1fx\n\", $plain / $views }"
[ "$diff" = 0 ]
