-- An independent implementation of estate.plan_investment's rules in
-- PL/pgSQL, for the differential test (test/pgtap/investment_plan.sql) and
-- the benchmark (bench/investment_plan.sh).  Written from the rules, not from
-- the C: exact numeric arithmetic, SQL sorts over a table of items.
--
-- pg_temp.reference_plan(g, s, band_form) plans the rows of pg_temp table
-- ref_in(grp, id, grade, cons, band, cost) with grp = g and returns the plan as
-- text: one line per year
--   year|available|spent|items_funded|arising|high|significant|moderate|low|unassessed|total|cir|items_waiting|fci
-- then one line per item in byte order of id
--   id|entered_year|funded_year|cost_paid|grade|band
-- with "-" for NULL.

-- A grade after `periods` deterioration periods: B(C) -> C -> D, CX -> DX.
CREATE FUNCTION pg_temp.reference_grade(g text, periods int) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN
  FOR i IN 1..least(periods, 2) LOOP
    g := CASE g WHEN 'B(C)' THEN 'C' WHEN 'C' THEN 'D' WHEN 'CX' THEN 'DX' ELSE g END;
  END LOOP;
  RETURN g;
END
$f$;

CREATE FUNCTION pg_temp.reference_plan(grp_wanted int, s estate.investment_scenario, band_form boolean)
RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
  f numeric := 1;               -- (1 + inflation)^(k - 1), exact
  carried numeric := 0;
  avail numeric;
  money_left numeric;
  spent numeric;
  nfunded bigint;
  r record;
  y record;
  denom numeric;
  fci text;
  result text := '';
BEGIN
  IF to_regclass('pg_temp.ref_items') IS NOT NULL THEN
    DROP TABLE pg_temp.ref_items;
  END IF;
  CREATE TEMP TABLE ref_items AS
  SELECT id, CASE WHEN band_form THEN NULL ELSE grade::text END AS grade0, cons,
         CASE WHEN band_form THEN band::text END AS band0, round(cost, 2) AS cost0,
         NULL::int AS entered, NULL::int AS funded, NULL::numeric AS paid,
         CASE WHEN band_form THEN NULL ELSE grade::text END AS g_now,
         NULL::text AS b_now, NULL::int AS score, NULL::numeric AS c_now
  FROM ref_in
  WHERE grp = grp_wanted AND cost IS NOT NULL
    AND (band_form OR grade::text IN ('B(C)', 'C', 'CX', 'D', 'DX'));
  CREATE INDEX ON ref_items (id);

  FOR k IN 1..s.horizon LOOP
    IF k > 1 THEN
      f := f * (1 + s.inflation);
    END IF;
    avail := round(coalesce(s.annual_budget, s.budgets[k]), 2) + CASE WHEN s.carry_over THEN carried ELSE 0 END;
    IF NOT band_form THEN
      UPDATE ref_items SET g_now = pg_temp.reference_grade(grade0,
             CASE WHEN s.years_per_grade IS NULL THEN 0 ELSE (k - 1) / s.years_per_grade END)
      WHERE funded IS NULL;
    END IF;
    UPDATE ref_items SET entered = coalesce(entered, k),
           score = CASE WHEN band_form OR cons IS NULL THEN NULL
                        ELSE estate.failure_likelihood(g_now::estate.condition_grade) * cons END,
           b_now = CASE WHEN band_form THEN band0 WHEN cons IS NULL THEN NULL
                        ELSE estate.backlog_risk(g_now::estate.condition_grade, cons)::text END,
           c_now = round(cost0 * f * CASE WHEN NOT band_form
                                            AND ((g_now = 'D' AND grade0 <> 'D') OR (g_now = 'DX' AND grade0 <> 'DX'))
                                          THEN 1 + s.escalation ELSE 1 END, 2)
    WHERE funded IS NULL AND (band_form OR g_now <> 'B(C)');

    money_left := avail;
    spent := 0;
    nfunded := 0;
    FOR r IN
      SELECT id, c_now FROM ref_items WHERE funded IS NULL AND entered IS NOT NULL
      ORDER BY
        CASE WHEN s.strategy = 'most_risk_per_pound' THEN score IS NULL END,
        CASE WHEN s.strategy = 'most_risk_per_pound' AND score IS NOT NULL THEN c_now > 0 END,
        CASE WHEN s.strategy = 'most_risk_per_pound' AND c_now = 0 THEN score END DESC NULLS LAST,
        -- score / cost, exactly enough: an integer quotient of 10^30 scale.
        CASE WHEN s.strategy = 'most_risk_per_pound' AND c_now > 0 THEN div(score * 1e30, c_now * 100) END DESC NULLS LAST,
        CASE b_now WHEN 'high' THEN 0 WHEN 'significant' THEN 1 WHEN 'moderate' THEN 2 WHEN 'low' THEN 3 ELSE 4 END,
        score DESC NULLS LAST,
        k - entered DESC,
        c_now,
        id COLLATE "C"
    LOOP
      IF r.c_now <= money_left THEN
        UPDATE ref_items SET funded = k, paid = r.c_now WHERE id = r.id;
        money_left := money_left - r.c_now;
        spent := spent + r.c_now;
        nfunded := nfunded + 1;
      ELSIF s.strategy = 'strict_risk_order' AND r.c_now <= avail THEN
        EXIT;
      END IF;
    END LOOP;
    carried := money_left;

    SELECT coalesce(sum(c_now) FILTER (WHERE b_now = 'high'), 0) AS high,
           coalesce(sum(c_now) FILTER (WHERE b_now = 'significant'), 0) AS significant,
           coalesce(sum(c_now) FILTER (WHERE b_now = 'moderate'), 0) AS moderate,
           coalesce(sum(c_now) FILTER (WHERE b_now = 'low'), 0) AS low,
           coalesce(sum(c_now) FILTER (WHERE b_now IS NULL), 0) AS unassessed,
           coalesce(sum(c_now), 0) AS total,
           count(*) AS waiting
    INTO y FROM ref_items WHERE funded IS NULL AND entered IS NOT NULL;
    denom := round(round(s.replacement_value, 2) * f, 2);
    fci := CASE WHEN denom IS NULL OR denom = 0 THEN '-'
                ELSE round(div(y.total * 100 * 1000000 * 2 + denom * 100, denom * 100 * 2) / 1000000.0, 6)::text END;
    result := result || concat_ws('|', s.from_year + k - 1, round(avail, 2), round(spent, 2), nfunded,
        round((SELECT coalesce(sum(c_now), 0) FROM ref_items WHERE grade0 = 'B(C)' AND entered = k), 2),
        round(y.high, 2), round(y.significant, 2), round(y.moderate, 2), round(y.low, 2), round(y.unassessed, 2),
        round(y.total, 2), round(y.high + y.significant, 2), y.waiting, fci) || E'\n';
  END LOOP;
  RETURN result || coalesce((SELECT string_agg(concat_ws('|', id,
             coalesce((s.from_year + entered - 1)::text, '-'), coalesce((s.from_year + funded - 1)::text, '-'),
             coalesce(paid::text, '-'), coalesce(g_now, '-'), coalesce(b_now, '-')), E'\n' ORDER BY id COLLATE "C")
         FROM ref_items), '');
END
$f$;
