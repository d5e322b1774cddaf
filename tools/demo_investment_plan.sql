-- The investment-scenario demo: what an annual budget does to one ICS's
-- critical infrastructure risk over ten years, from the shipped ERIC returns
-- alone (estate.eric_backlog_items), which tools/demo has loaded and mapped
-- to ICSs.
\pset footer off
\pset numericlocale on

\echo
\echo '== Investment scenarios: the critical infrastructure risk (CIR) trajectory of the ICS with the most CIR'
\echo '== in the latest loaded year, from its ERIC site returns alone (one item per site and risk band),'
\echo '== under three annual budgets, costs inflating 3% a year, highest risk first, no carry-over.'
CREATE TEMP TABLE demo_plans AS
WITH latest AS (SELECT max(financial_year) AS fy FROM estate.eric_backlog_items),
     ics AS (SELECT s.ics_name FROM estate.ics_summary AS s JOIN latest ON s.financial_year = latest.fy
             ORDER BY s.critical_infrastructure_risk_gbp DESC NULLS LAST LIMIT 1)
SELECT ics.ics_name, v.budget,
       estate.plan_investment(i.item_id, i.band::estate.risk_band, i.cost_gbp,
         estate.investment_scenario(from_year => latest.fy, annual_budget => v.budget, inflation => 0.03)) AS plan
FROM estate.eric_backlog_items AS i
JOIN latest ON i.financial_year = latest.fy
JOIN estate.trust_summary AS t ON t.financial_year = i.financial_year AND t.trust_code = i.trust_code
JOIN ics ON t.ics_name = ics.ics_name
CROSS JOIN (VALUES (5000000), (15000000), (30000000)) AS v(budget)
GROUP BY ics.ics_name, v.budget, latest.fy;
SELECT DISTINCT ics_name AS ics FROM demo_plans;
SELECT y.year::text AS year,
       max(y.critical_infrastructure_risk) FILTER (WHERE p.budget = 5000000)  AS cir_at_5m_a_year,
       max(y.critical_infrastructure_risk) FILTER (WHERE p.budget = 15000000) AS cir_at_15m_a_year,
       max(y.critical_infrastructure_risk) FILTER (WHERE p.budget = 30000000) AS cir_at_30m_a_year,
       max(y.total) FILTER (WHERE p.budget = 30000000)                        AS backlog_at_30m_a_year
FROM demo_plans AS p, estate.plan_years(p.plan) AS y
GROUP BY y.year ORDER BY y.year;
\echo '== A flat cash budget shrinks in real terms: with 3% inflation even £30m a year loses ground after a few years.'

\echo
\echo '== What £15m a year funds first (the first two years; high risk first, then significant, ...).'
SELECT i.funded_year::text AS funded_year, i.item_id, i.band, i.cost_paid
FROM demo_plans AS p, estate.plan_items(p.plan) AS i
WHERE p.budget = 15000000 AND i.funded_year <= (SELECT min(year) + 1 FROM estate.plan_years(p.plan))
  AND i.cost_paid > 0
ORDER BY i.funded_year, i.cost_paid DESC LIMIT 12;

\echo
\echo '== Items dearer than a whole year''s £15m are never funded from it: each needs its own business case.'
SELECT i.item_id, i.band, e.cost_gbp
FROM demo_plans AS p, estate.plan_items(p.plan) AS i
JOIN estate.eric_backlog_items AS e ON e.item_id = i.item_id
WHERE p.budget = 15000000 AND i.funded_year IS NULL AND e.financial_year = i.entered_year
  AND e.cost_gbp > 15000000
ORDER BY e.cost_gbp DESC;
