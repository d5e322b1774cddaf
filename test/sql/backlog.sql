-- The worked example of docs/backlog.md: an element condition survey, backlog
-- by band per site, rolled up to trusts and the ICS, critical infrastructure
-- risk, FCI bands and a 10-year renewal forecast as a (year, cost) table.
CREATE TABLE element_survey (
    ics            text,
    trust          text,
    site           text,
    element        text,
    grade          estate.condition_grade,
    consequence    integer,          -- 1 insignificant .. 5 catastrophic; NULL not yet assessed
    cost_gbp       numeric(12, 2),   -- cost to bring the element back to condition B
    installed_year integer,
    life_years     integer,
    replacement_gbp numeric(12, 2)
);
INSERT INTO element_survey VALUES
 ('North ICS', 'Northgate Trust', 'Northgate General', 'LV switchboard',       'DX', 5, 420000.00, 1978, 40,  520000.00),
 ('North ICS', 'Northgate Trust', 'Northgate General', 'Theatre AHU 3',        'D',  5, 310000.00, 1995, 25,  340000.00),
 ('North ICS', 'Northgate Trust', 'Northgate General', 'Fire alarm, block B',  'C',  4,  65000.00, 2004, 20,   80000.00),
 ('North ICS', 'Northgate Trust', 'Northgate General', 'Ward roof covering',   'CX', 3, 240000.00, 1985, 35,  260000.00),
 ('North ICS', 'Northgate Trust', 'Northgate General', 'Passenger lift 2',     'B(C)', 4,      0.00, 2006, 25,  150000.00),
 ('North ICS', 'Northgate Trust', 'Riverside Clinic',  'Boiler plant',         'D',  4, 185000.00, 1999, 25,  190000.00),
 ('North ICS', 'Northgate Trust', 'Riverside Clinic',  'East windows',         'C',  2,  42000.00, 1990, 40,   55000.00),
 ('North ICS', 'Northgate Trust', 'Riverside Clinic',  'Nurse call',           'C',  NULL, 18500.50, 2012, 15,  25000.00),
 ('North ICS', 'Hillside Trust',  'Hillside Hospital', 'Calorifier',           'C',  4,  28000.00, 2008, 20,   30000.00),
 ('North ICS', 'Hillside Trust',  'Hillside Hospital', 'Car park lighting',    'C',  1,  18000.00, 2010, 20,   20000.00),
 ('North ICS', 'Hillside Trust',  'Hillside Hospital', 'Flat roof',            'A',  3,      0.00, 2021, 30,  120000.00);

-- Current replacement values per site (the user's own figures).
CREATE TABLE site_value (site text PRIMARY KEY, replacement_value_gbp numeric(14, 2));
INSERT INTO site_value VALUES ('Northgate General', 9500000), ('Riverside Clinic', 2400000),
                              ('Hillside Hospital', 3100000);

-- 1. Backlog by band per site.  Only grades C, CX, D, DX carry condition
--    backlog; an element whose grade or consequence is not assessed yet
--    counts as unassessed; rows without a cost are counted, not hidden.
CREATE TABLE site_backlog AS
SELECT ics, trust, site,
       estate.backlog_agg(estate.backlog_risk(grade, consequence), cost_gbp)
           FILTER (WHERE estate.needs_backlog(grade) IS NOT false) AS backlog,
       count(*) FILTER (WHERE cost_gbp IS NULL) AS rows_without_cost
FROM element_survey
GROUP BY ics, trust, site;

SELECT site, backlog, rows_without_cost FROM site_backlog ORDER BY site;

-- A grade not given yet keeps its cost, as unassessed; a row without a cost
-- adds nothing and is counted: 5000 unassessed, 1 row without a cost.
SELECT estate.backlog_agg(estate.backlog_risk(grade, consequence), cost_gbp)
           FILTER (WHERE estate.needs_backlog(grade) IS NOT false) AS backlog,
       count(*) FILTER (WHERE cost_gbp IS NULL) AS rows_without_cost
FROM (VALUES ('D'::estate.condition_grade, 5, 1000.00), (NULL, 4, 5000.00), ('C', 2, NULL), ('B', 1, 700.00))
     AS t(grade, consequence, cost_gbp);

-- 2. Roll-ups: site -> trust -> ICS with estate.sum, and the BI columns.
WITH trust_backlog AS (
    SELECT ics, trust, estate.sum(backlog) AS backlog FROM site_backlog GROUP BY ics, trust
), ics_backlog AS (
    SELECT ics, estate.sum(backlog) AS backlog FROM trust_backlog GROUP BY ics
)
SELECT level, name, r.band, r.cost::numeric(14, 2) AS cost_gbp
FROM (SELECT 'trust' AS level, trust AS name, backlog FROM trust_backlog
      UNION ALL
      SELECT 'ics', ics, backlog FROM ics_backlog) AS t,
     estate.backlog_rows(t.backlog) AS r
ORDER BY level DESC, name, r.cost DESC, r.band;

-- 3. Critical infrastructure risk and the facility condition index per site.
SELECT s.site,
       estate.critical_infrastructure_risk(s.backlog)::numeric(14, 2)     AS cir_gbp,
       estate.total(s.backlog)::numeric(14, 2)                            AS total_gbp,
       round(estate.fci(s.backlog, v.replacement_value_gbp), 4)           AS fci,
       estate.fci_band(estate.fci(s.backlog, v.replacement_value_gbp))    AS fci_band
FROM site_backlog AS s JOIN site_value AS v USING (site)
ORDER BY fci DESC;

-- 4. The whole ICS as jsonb, and the change from last year's survey.
SELECT jsonb_pretty(estate.sum(backlog)::jsonb) FROM site_backlog;
SELECT jsonb_pretty(estate.delta(estate.sum(backlog),
                                 'high=700000, significant=260000, moderate=10000, unassessed=0')) AS change
FROM site_backlog;

-- 5. The 10-year renewal forecast of each trust, 3% inflation, as a
--    chart-ready (year, cost) table.  Year 1 includes every overdue renewal.
SELECT f.trust, 2025 + k - 1 AS year, cost::numeric(14, 2) AS cost_gbp
FROM (SELECT trust, estate.renewal_forecast(installed_year, life_years, replacement_gbp, 2025, 10, 0.03) AS forecast
      FROM element_survey GROUP BY trust) AS f,
     unnest(f.forecast) WITH ORDINALITY AS u(cost, k)
WHERE cost > 0
ORDER BY f.trust, year;

-- Bad input: the messages quote the value and say what is allowed.
\set VERBOSITY default
SELECT 'high=1, medium=2'::estate.backlog;
SELECT 'high=-5'::estate.backlog;
SELECT 'low=92233720368547758.08'::estate.backlog;
SELECT estate.backlog_agg(band, cost) FROM (VALUES ('high'::estate.risk_band, -12.5)) AS t(band, cost);
SELECT estate.backlog('high', 'NaN');
SELECT 'high=1'::estate.backlog OPERATOR(estate.*) -1.0;
SELECT '{"high": 1, "total": 5}'::jsonb::estate.backlog;
SELECT estate.fci(1000, 0);
SELECT estate.fci_band(0.2, 0.1, 0.05, 0.3);
SELECT estate.renewal_forecast(1990, 20, 100, f, 10) FROM (VALUES (2025), (2026)) AS t(f);
SELECT estate.renewal_forecast(1990, 0, 100, 2025, 10);
SELECT estate.renewal_forecast(1990, 20, 100, 2025, 200);
