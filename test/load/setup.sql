-- test/load/run: the data the concurrent clients work on, and the answers a
-- serial run gives (table expected), which every client then checks against.
\set ON_ERROR_STOP 1

-- Element rows of 64 sites: a risk band and grade, a backlog cost, a renewal.
CREATE TABLE element AS
SELECT i AS id, 1 + i % 64 AS site,
       (ARRAY['low','moderate','significant','high'])[1 + (i * 7) % 5]::estate.risk_band AS band,
       (ARRAY['A','B','B(C)','C','CX','D','DX'])[1 + (i * 3) % 7]::estate.condition_grade AS grade,
       CASE WHEN i % 97 <> 0 THEN round((i % 10007) * 1.37, 2) END AS cost,
       1960 + i % 60 AS installed, 5 + i % 40 AS life, round((i % 5003) * 10.5, 2) AS replacement
FROM generate_series(1, 256000) AS i;
CREATE INDEX ON element (site);
ANALYZE element;

-- Room bookings: one room per site, four weeks of them, some without a headcount.
CREATE TABLE booking AS
SELECT 1 + i % 64 AS room,
       tstzrange('2024-01-08 07:00+00'::timestamptz + (i / 64) * interval '23 minutes',
                 '2024-01-08 07:00+00'::timestamptz + (i / 64) * interval '23 minutes' + (20 + i % 90) * interval '1 minute') AS period,
       nullif(i % 17, 16) AS headcount
FROM generate_series(0, 64 * 1700 - 1) AS i;
CREATE INDEX ON booking (room);
ANALYZE booking;

-- Sites as disposal candidates of one estate.
CREATE TABLE site AS
SELECT s AS site, 1000 + s * 10.5 AS floor_area, s * 3.25 AS running_cost, s * 1.5 AS carbon, s AS score
FROM generate_series(1, 64) AS s;

-- The answer of each query a client runs, per site and over everything.
CREATE FUNCTION site_answers(s integer) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws(' | ',
        (SELECT estate.backlog_agg(e.band, e.cost)::text FROM element AS e WHERE e.site = s),
        (SELECT estate.sum(estate.backlog(e.band, e.cost))::text FROM element AS e WHERE e.site = s),
        (SELECT estate.max(e.grade)::text || estate.min(e.grade)::text || estate.max(e.band)::text FROM element AS e WHERE e.site = s),
        (SELECT estate.renewal_forecast(e.installed, e.life, e.replacement, 2025, 10)::text FROM element AS e WHERE e.site = s),
        (SELECT estate.renewal_forecast(e.installed, e.life, e.replacement, 2025, 10, 0.03)::text FROM element AS e WHERE e.site = s),
        (SELECT estate.space_utilisation(b.period, b.headcount, 25, 'Mon-Fri 08:00-18:00', '[2024-01-08,2024-02-05)')::text
         FROM booking AS b WHERE b.room = s),
        (SELECT estate.utilisation_heatmap(b.period, b.headcount, 25, 'Mon-Fri 08:00-18:00 Europe/London', '[2024-01-08,2024-02-05)')::text
         FROM booking AS b WHERE b.room = s),
        (SELECT estate.plan_investment(e.id::text, e.grade, 1 + e.id % 5, e.cost,
                  estate.investment_scenario(from_year => 2025, annual_budget => 500000, inflation => 0.03))::text
         FROM element AS e WHERE e.site = s))
$$;
CREATE FUNCTION whole_answers() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws(' | ',
        (SELECT estate.backlog_agg(e.band, e.cost)::text FROM element AS e),
        (SELECT estate.renewal_forecast(e.installed, e.life, e.replacement, 2025, 20, 0.025)::text FROM element AS e),
        (SELECT estate.max(e.grade)::text FROM element AS e),
        (SELECT md5(estate.plan_investment(e.id::text, e.grade, 1 + e.id % 5, e.cost,
                      estate.investment_scenario(from_year => 2025, annual_budget => 20000000, horizon => 5,
                                                 years_per_grade => 2, escalation => 0.1))::text) FROM element AS e),
        (SELECT estate.space_utilisation(b.period, b.headcount, 1000, 'Mon-Sun 07:00-22:00', '[2024-01-08,2024-02-05)')::text
         FROM booking AS b),
        (SELECT string_agg(x::text, ';' ORDER BY site) FROM (
            SELECT site, estate.disposal_impact(s.floor_area, NULL, s.running_cost, s.carbon, 100000, 40000)
                         OVER (ORDER BY s.score DESC) AS x FROM site AS s) AS w))
$$;
CREATE TABLE expected AS
SELECT s AS site, site_answers(s) AS answers FROM generate_series(1, 64) AS s
UNION ALL SELECT 0, whole_answers();
-- The ERIC views over the loaded year, which concurrent reloads must not change.
CREATE FUNCTION eric_answers() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws(' | ',
        (SELECT count(*) || ' ' || sum(backlog_total_gbp) FROM estate.trust_summary WHERE financial_year = 2015),
        (SELECT count(*) || ' ' || sum(gross_internal_floor_area_m2) FROM estate.site_summary WHERE financial_year = 2015),
        (SELECT count(*) FROM estate.eric_site WHERE financial_year = 2015))
$$;
INSERT INTO expected VALUES (-1, eric_answers());
