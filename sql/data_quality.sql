
-- ---------------------------------------------------------------------------
-- Data quality of the ERIC returns (1.1): one row per finding, so an ICS sees
-- where its picture is incomplete before it writes a strategy from it.
-- ---------------------------------------------------------------------------

-- The findings, with the two thresholds as arguments: energy per m2 beyond
-- outlier_factor times (or below 1/outlier_factor of) the median of its site
-- type that year, and a trust's floor area or backlog changing by more than
-- jump_factor times from one year to the next.
CREATE OR REPLACE FUNCTION @extschema@.data_quality(outlier_factor numeric DEFAULT 5, jump_factor numeric DEFAULT 3)
    RETURNS TABLE (financial_year integer, year_label text, level text, finding text,
                   trust_code text, site_code text, ics_code text, column_name text,
                   figure numeric, unit text, sites integer, floor_area_m2 numeric, backlog_gbp numeric, reason text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $dq$
#variable_conflict use_column
BEGIN
    IF outlier_factor IS NULL OR outlier_factor <= 1 THEN
        RAISE EXCEPTION 'outlier_factor must be above 1: %', coalesce(outlier_factor::text, 'NULL')
            USING ERRCODE = '22023', HINT = '5 flags energy per m2 above 5 times, or below a fifth of, its site type''s median';
    END IF;
    IF jump_factor IS NULL OR jump_factor <= 1 THEN
        RAISE EXCEPTION 'jump_factor must be above 1: %', coalesce(jump_factor::text, 'NULL')
            USING ERRCODE = '22023', HINT = '3 flags a trust whose floor area or backlog tripled or fell to a third from one year to the next';
    END IF;
    RETURN QUERY
    WITH m AS (
        SELECT x.* FROM @extschema@.eric_measures() AS x WHERE x.level IN ('site', 'trust')
    ), t AS (
        SELECT * FROM m WHERE m.level = 'trust'
    ), s AS (
        SELECT m.*,
               -- energy per m2 only where no fuel figure is negative
               CASE WHEN m.gross_internal_floor_area_m2 > 0
                     AND least(coalesce(m.electricity_kwh, 0), coalesce(m.gas_kwh, 0), coalesce(m.oil_kwh, 0),
                               coalesce(m.coal_kwh, 0), coalesce(m.steam_kwh, 0), coalesce(m.hot_water_kwh, 0),
                               coalesce(m.renewable_electricity_kwh, 0), coalesce(m.non_fossil_fuel_kwh, 0)) >= 0
                    THEN m.energy_kwh / m.gross_internal_floor_area_m2 END AS intensity,
               upper(btrim(m.site_type)) AS type_key
        FROM m WHERE m.level = 'site'
    ), years AS (
        SELECT DISTINCT t.financial_year, t.year_label FROM t
    ), medians AS MATERIALIZED (
        SELECT s.financial_year, s.type_key, count(*) AS n,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY s.intensity)::numeric AS median
        FROM s WHERE s.intensity > 0 AND NOT s.is_aggregate
        GROUP BY 1, 2 HAVING count(*) >= 3
    ), completeness AS MATERIALIZED (
        SELECT d.kind, d.financial_year, d.year_label, d.column_name, d.collected FROM @extschema@.data_completeness AS d
    ), collected AS (
        SELECT d.kind, d.column_name, string_agg(d.year_label, ', ' ORDER BY d.financial_year) AS years
        FROM completeness AS d WHERE d.collected GROUP BY 1, 2
    ), present AS (
        -- trusts with site rows in a year and the year after
        SELECT c.financial_year, c.trust_code FROM t AS c JOIN t AS n
          ON n.financial_year = c.financial_year + 1 AND n.trust_code = c.trust_code
    ), successor AS (
        SELECT DISTINCT ON (i.trust_code) i.trust_code, substring(i.rule FROM '^ICB of successor (\S+)') AS code
        FROM @extschema@.ics_mapping AS i WHERE i.rule LIKE 'ICB of successor %'
        ORDER BY i.trust_code, i.valid_from DESC
    )
    -- A trust no ICS takes in: its sites, floor area and backlog are in no ICS.
    SELECT t.financial_year, t.year_label, 'trust'::text, 'unmapped trust'::text, t.trust_code, NULL::text, NULL::text, NULL::text,
           t.gross_internal_floor_area_m2, 'm2'::text, t.sites::integer, t.gross_internal_floor_area_m2, t.backlog_total_gbp,
           format('%s (%s) maps to no ICS and counts under %s; its %s site rows, %s m2 and GBP %s of backlog are in no ICS',
                  t.trust_code, t.trust_name, t.ics_name, t.sites, coalesce(t.gross_internal_floor_area_m2, 0),
                  coalesce(t.backlog_total_gbp, 0))
    FROM t WHERE t.ics_basis = 'commissioning region'
    UNION ALL
    -- A trust with a return last year and none this year.
    SELECT y.financial_year, y.year_label, 'trust', 'missing return', p.trust_code, NULL, p.ics_code, NULL,
           p.gross_internal_floor_area_m2, 'm2', p.sites::integer, p.gross_internal_floor_area_m2, p.backlog_total_gbp,
           format('%s (%s) returned %s site rows (%s m2) in %s and none in %s%s', p.trust_code, p.trust_name, p.sites,
                  coalesce(p.gross_internal_floor_area_m2, 0), p.year_label, y.year_label,
                  CASE WHEN su.code IS NOT NULL THEN format('; ODS names %s its successor', su.code) ELSE '' END)
    FROM years AS y
    JOIN t AS p ON p.financial_year = y.financial_year - 1
    LEFT JOIN successor AS su ON su.trust_code = p.trust_code
    LEFT JOIN t AS c ON c.financial_year = y.financial_year AND c.trust_code = p.trust_code
    WHERE c.trust_code IS NULL
    UNION ALL
    -- Sites added and removed by a trust that returned in both years.
    SELECT coalesce(c.financial_year, p.financial_year + 1), y.year_label, 'site',
           CASE WHEN p.site_code IS NULL THEN 'site added' ELSE 'site removed' END,
           coalesce(c.trust_code, p.trust_code), coalesce(c.site_code, p.site_code), coalesce(c.ics_code, p.ics_code), NULL,
           coalesce(c.gross_internal_floor_area_m2, p.gross_internal_floor_area_m2), 'm2', 1,
           coalesce(c.gross_internal_floor_area_m2, p.gross_internal_floor_area_m2), coalesce(c.backlog_total_gbp, p.backlog_total_gbp),
           CASE WHEN p.site_code IS NULL
                THEN format('%s site %s (%s, %s m2) is new in %s', c.trust_code, c.site_code, c.site_name,
                            coalesce(c.gross_internal_floor_area_m2, 0), y.year_label)
                ELSE format('%s site %s (%s, %s m2) returned in %s is missing in %s', p.trust_code, p.site_code, p.site_name,
                            coalesce(p.gross_internal_floor_area_m2, 0), p.year_label, y.year_label) END
    FROM (SELECT c0.* FROM s AS c0
          JOIN present AS b ON b.financial_year = c0.financial_year - 1 AND b.trust_code = c0.trust_code) AS c
    FULL JOIN (SELECT p0.* FROM s AS p0
               JOIN present AS b ON b.financial_year = p0.financial_year AND b.trust_code = p0.trust_code) AS p
      ON p.financial_year = c.financial_year - 1 AND p.trust_code = c.trust_code AND p.site_code = c.site_code
    JOIN years AS y ON y.financial_year = coalesce(c.financial_year, p.financial_year + 1)
    WHERE c.site_code IS NULL OR p.site_code IS NULL
    UNION ALL
    -- Negative figures, column by column.
    SELECT e.financial_year::integer, e.year_label, 'site', 'negative value', e.trust_code, e.site_code, s.ics_code, j.key,
           j.value::text::numeric, NULL, 1, e.gross_internal_floor_area_m2, s.backlog_total_gbp,
           format('%s site %s: %s is negative (%s)', e.trust_code, e.site_code, j.key, j.value::text)
    FROM @extschema@.eric_site AS e
    CROSS JOIN LATERAL jsonb_each(to_jsonb(e) - 'other_items') AS j
    JOIN s ON s.financial_year = e.financial_year AND s.trust_code = e.trust_code AND s.site_code = e.site_code
    WHERE jsonb_typeof(j.value) = 'number' AND j.value::text::numeric < 0
    UNION ALL
    -- Energy per m2 far from its site type's median that year.
    SELECT s.financial_year, s.year_label, 'site', 'energy outlier', s.trust_code, s.site_code, s.ics_code, 'energy_kwh',
           round(s.intensity, 2), 'kWh/m2', 1, s.gross_internal_floor_area_m2, s.backlog_total_gbp,
           format('%s site %s: energy %s kWh/m2 is %s times the median of its site type (%s: %s kWh/m2 over %s sites)',
                  s.trust_code, s.site_code, round(s.intensity, 2), round(s.intensity / d.median, 2), s.site_type,
                  round(d.median, 2), d.n)
    FROM s JOIN medians AS d ON d.financial_year = s.financial_year AND d.type_key = s.type_key
    WHERE NOT s.is_aggregate AND s.intensity > 0
      AND (s.intensity > d.median * outlier_factor OR s.intensity < d.median / outlier_factor)
    UNION ALL
    -- A trust's floor area or backlog jumping between years.
    SELECT c.financial_year, c.year_label, 'trust', 'year-on-year jump', c.trust_code, NULL, c.ics_code, v.col,
           v.cur, v.unit, c.sites::integer, c.gross_internal_floor_area_m2, c.backlog_total_gbp,
           format('%s: %s went from %s in %s to %s in %s (x%s)', c.trust_code, v.col, v.prev, p.year_label, v.cur, c.year_label,
                  round(v.cur / v.prev, 2))
    FROM t AS c
    JOIN t AS p ON p.financial_year = c.financial_year - 1 AND p.trust_code = c.trust_code
    CROSS JOIN LATERAL (VALUES ('gross_internal_floor_area_m2', 'm2', c.gross_internal_floor_area_m2, p.gross_internal_floor_area_m2),
                               ('backlog_total_gbp', 'GBP', c.backlog_total_gbp, p.backlog_total_gbp)) AS v(col, unit, cur, prev)
    WHERE v.cur > 0 AND v.prev > 0 AND (v.cur / v.prev > jump_factor OR v.prev / v.cur > jump_factor)
    UNION ALL
    -- A column collected in another loaded year but not in this one.
    SELECT d.financial_year, d.year_label, 'england', 'not collected', NULL, NULL, NULL, d.column_name,
           NULL, NULL, NULL, NULL, NULL,
           format('%s returns of %s have no %s (collected in %s)', d.kind, d.year_label, d.column_name, o.years)
    FROM completeness AS d
    JOIN collected AS o ON o.kind = d.kind AND o.column_name = d.column_name
    WHERE NOT d.collected
    UNION ALL
    -- A figure estate.disposal_assessment would refuse, left out of
    -- estate.disposal_candidates (a figure too large for the view is in the reason only).
    SELECT f.financial_year, f.year_label, 'site', 'unusable disposal figure', f.trust_code, f.site_code, f.ics_code, u.col,
           CASE WHEN abs(u.figure) < 1e15 THEN u.figure END, u.unit, 1, f.gross_internal_floor_area_m2, f.backlog_total_gbp,
           format('%s site %s: %s; the criterion is left out of its disposal assessment', f.trust_code, f.site_code, u.problem)
    FROM @extschema@.disposal_figures() AS f
    CROSS JOIN LATERAL (VALUES
        ('gross_internal_floor_area_m2', f.gross_internal_floor_area_m2, 'm2', f.floor_area_unusable),
        ('unoccupied_share', f.raw_unoccupied_share, 'share', f.unoccupied_share_unusable),
        ('fci', f.raw_fci, 'share', f.fci_unusable),
        ('functional_suitability', f.raw_functional_suitability, 'share', f.functional_suitability_unusable),
        ('running_cost_per_m2_gbp', f.raw_running_cost_per_m2_gbp, 'GBP/m2', f.running_cost_unusable),
        ('carbon_per_m2_kg', NULL::numeric, 'kg CO2e/m2', f.carbon_unusable)) AS u(col, figure, unit, problem)
    WHERE u.problem IS NOT NULL;
END
$dq$;
COMMENT ON FUNCTION @extschema@.data_quality(numeric, numeric) IS
    'findings on the ERIC returns, one row each: unmapped trusts, missing returns, sites added and removed, negative values, energy per m2 beyond outlier_factor times its site type''s median, trust floor area or backlog changing by more than jump_factor times, columns not collected in a year, disposal figures estate.disposal_assessment would refuse; estate.data_quality is this with the defaults';

CREATE OR REPLACE VIEW @extschema@.data_quality WITH (security_invoker = true) AS
SELECT q.financial_year, q.year_label, q.level, q.finding, q.trust_code, q.site_code, q.ics_code, q.column_name,
       q.figure::numeric(18,2) AS figure, q.unit, q.sites, q.floor_area_m2::numeric(14,2) AS floor_area_m2,
       q.backlog_gbp::numeric(16,2) AS backlog_gbp, q.reason
FROM @extschema@.data_quality() AS q
ORDER BY q.financial_year, q.level, q.finding, q.trust_code, q.site_code, q.column_name;
COMMENT ON VIEW @extschema@.data_quality IS
    'findings on the ERIC returns, one row per finding per year (estate.data_quality(outlier_factor, jump_factor) with its defaults 5 and 3), for BI tools';
COMMENT ON COLUMN @extschema@.data_quality.financial_year IS 'starting year of the financial year (2015 for 2015/16)';
COMMENT ON COLUMN @extschema@.data_quality.year_label IS 'financial year, e.g. 2015/16';
COMMENT ON COLUMN @extschema@.data_quality.level IS 'what the finding is about: site, trust, ics or england';
COMMENT ON COLUMN @extschema@.data_quality.finding IS 'unmapped trust, missing return, site added, site removed, negative value, energy outlier, year-on-year jump, not collected, unusable disposal figure';
COMMENT ON COLUMN @extschema@.data_quality.trust_code IS 'ODS code of the trust (NULL for England-wide findings)';
COMMENT ON COLUMN @extschema@.data_quality.site_code IS 'ODS site code for site findings';
COMMENT ON COLUMN @extschema@.data_quality.ics_code IS 'ODS code of the ICS the trust or site counts in (NULL where none): filter an ICS''s gaps with it';
COMMENT ON COLUMN @extschema@.data_quality.column_name IS 'the column of estate.eric_site, the measure or the disposal criterion concerned, where one';
COMMENT ON COLUMN @extschema@.data_quality.figure IS 'the figure found: floor area (m2) for unmapped trusts, missing returns and site churn, the value for a negative value, kWh/m2 for an energy outlier, this year''s figure for a jump, the figure left out for an unusable disposal figure';
COMMENT ON COLUMN @extschema@.data_quality.unit IS 'unit of figure: m2, GBP, kWh/m2, share, GBP/m2, kg CO2e/m2, or NULL for a negative value (the column says) and not collected';
COMMENT ON COLUMN @extschema@.data_quality.sites IS 'site rows concerned';
COMMENT ON COLUMN @extschema@.data_quality.floor_area_m2 IS 'gross internal floor area concerned, m2 (for an unmapped trust: left out of every ICS)';
COMMENT ON COLUMN @extschema@.data_quality.backlog_gbp IS 'backlog concerned, GBP (for an unmapped trust: left out of every ICS)';
COMMENT ON COLUMN @extschema@.data_quality.reason IS 'the finding in words, with its figures';
GRANT SELECT ON @extschema@.data_quality TO PUBLIC;
