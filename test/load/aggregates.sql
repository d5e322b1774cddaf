-- One site's aggregates (backlog_agg, sum, min/max, both renewal_forecast
-- forms, space_utilisation and utilisation_heatmap of its room, plan_investment), checked
-- against the serial answer: a difference divides by zero.
\set s random(1, 64)
SELECT 1 / (SELECT count(*) FROM expected WHERE site = :s AND answers = site_answers(:s))::integer;
