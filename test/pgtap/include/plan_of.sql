-- pg_temp.plan_of(query): the whole EXPLAIN (COSTS OFF) output as one text,
-- for tests that check a plan's shape.  Included with \ir by the test files.
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
  line text;
  result text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    result := result || line || E'\n';
  END LOOP;
  RETURN result;
END
$f$;
