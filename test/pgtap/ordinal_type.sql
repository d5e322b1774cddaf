-- The one-byte ordered types (condition_grade, risk_band) share one template
-- (sql/ordinal_type.sql.in): binary I/O, btree and hash operator classes and
-- the extended hash are checked here for both, through one function.
BEGIN;
SELECT plan(2 * 17);

SET LOCAL search_path = public, estate;

CREATE TEMP TABLE vals(typ text, spelling text[]);
INSERT INTO vals VALUES
  ('estate.condition_grade', '{A,B,B(C),C,CX,D,DX}'),
  ('estate.risk_band', '{low,moderate,significant,high}');

\ir include/plan_of.sql

CREATE FUNCTION pg_temp.ordinal_checks(typ text, vals text[]) RETURNS SETOF text
LANGUAGE plpgsql AS $f$
DECLARE
  n int := array_length(vals, 1);
  f text := format('/tmp/estate_ordinal_%s_%s.bin', pg_backend_pid(), replace(typ::text, '.', '_'));
  got text;
  cnt bigint;
BEGIN
  -- 1000 rows, every value many times, in a scrambled order.
  EXECUTE format('CREATE TEMP TABLE t(id int, v %s)', typ);
  EXECUTE format('INSERT INTO t SELECT i, ($1)[1 + (i * 7919) %% %s]::%s FROM generate_series(1, 1000) i',
                 n, typ) USING vals;
  INSERT INTO t VALUES (0, NULL);
  ANALYZE t;

  -- Binary COPY round trip.
  EXECUTE format('COPY t TO %L WITH (FORMAT binary)', f);
  EXECUTE format('CREATE TEMP TABLE t2(id int, v %s)', typ);
  EXECUTE format('COPY t2 FROM %L WITH (FORMAT binary)', f);
  RETURN NEXT is((SELECT count(*) FROM t2 JOIN t USING (id) WHERE t2.v IS NOT DISTINCT FROM t.v), 1001::bigint,
                 typ || ': binary COPY round-trips every row');

  -- Binary input out of range: 22P03, nothing stored.  A one-byte bytea field
  -- has the same wire form as a one-byte value.
  EXECUTE format($$COPY (SELECT 1, '\x%s'::bytea) TO %L WITH (FORMAT binary)$$, lpad(to_hex(n), 2, '0'), f);
  TRUNCATE t2;
  RETURN NEXT throws_ok(format('COPY t2 FROM %L WITH (FORMAT binary)', f), '22P03',
                        format('invalid binary input for type %s: byte %s is out of range', typ, n),
                        typ || ': binary byte one past the last value is rejected');
  EXECUTE format($$COPY (SELECT 1, '\xff'::bytea) TO %L WITH (FORMAT binary)$$, f);
  RETURN NEXT throws_ok(format('COPY t2 FROM %L WITH (FORMAT binary)', f), '22P03',
                        format('invalid binary input for type %s: byte 255 is out of range', typ),
                        typ || ': binary byte 255 is rejected');
  EXECUTE format($$COPY (SELECT 1, '\x0000'::bytea) TO %L WITH (FORMAT binary)$$, f);
  RETURN NEXT throws_ok(format('COPY t2 FROM %L WITH (FORMAT binary)', f), '22P03',
                        format('invalid binary input for type %s: 2 bytes, expected 1', typ),
                        typ || ': a two-byte binary value is rejected');
  EXECUTE format($$COPY (SELECT 1, ''::bytea) TO %L WITH (FORMAT binary)$$, f);
  RETURN NEXT throws_ok(format('COPY t2 FROM %L WITH (FORMAT binary)', f), '22P03',
                        format('invalid binary input for type %s: 0 bytes, expected 1', typ),
                        typ || ': an empty binary value is rejected');
  RETURN NEXT is((SELECT count(*) FROM t2), 0::bigint, typ || ': failed binary loads stored nothing');

  -- Text round trip of every value.
  EXECUTE format('SELECT array_agg(v::text ORDER BY v)::text FROM unnest($1::%s[]) v', typ) USING vals INTO got;
  RETURN NEXT is(got, vals::text, typ || ': text round trip in domain order');

  -- GROUP BY: hash aggregation and sorted aggregation agree.
  SET LOCAL enable_hashagg = on; SET LOCAL enable_sort = off;
  SELECT string_agg(v::text || '=' || c, ',' ORDER BY v) INTO got FROM (SELECT v, count(*) c FROM t GROUP BY v) s;
  SET LOCAL enable_hashagg = off; SET LOCAL enable_sort = on;
  RETURN NEXT is((SELECT string_agg(v::text || '=' || c, ',' ORDER BY v) FROM (SELECT v, count(*) c FROM t GROUP BY v) s),
                 got, typ || ': GROUP BY by hash and by sort agree');
  RESET enable_hashagg; RESET enable_sort;

  -- DISTINCT by hash and by sort.
  SET LOCAL enable_hashagg = off;
  RETURN NEXT is((SELECT count(*) FROM (SELECT DISTINCT v FROM t) s), (n + 1)::bigint,
                 typ || ': DISTINCT (sort) finds every value and NULL');
  SET LOCAL enable_hashagg = on; SET LOCAL enable_sort = off;
  RETURN NEXT is((SELECT count(*) FROM (SELECT DISTINCT v FROM t) s), (n + 1)::bigint,
                 typ || ': DISTINCT (hash) finds every value and NULL');
  RESET enable_hashagg; RESET enable_sort;

  -- Joins: hash join and merge join give the same pairs.
  SET LOCAL enable_mergejoin = off; SET LOCAL enable_nestloop = off; SET LOCAL enable_hashjoin = on;
  SELECT count(*) INTO cnt FROM t a JOIN t b ON a.v = b.v;
  SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = on;
  RETURN NEXT is((SELECT count(*) FROM t a JOIN t b ON a.v = b.v), cnt, typ || ': merge join equals hash join');
  RESET enable_mergejoin; RESET enable_nestloop; RESET enable_hashjoin;

  -- Index scans (btree and hash) equal a sequential scan.
  EXECUTE format('SELECT count(*) FROM t WHERE v >= %L::%s', vals[2], typ) INTO cnt;
  CREATE INDEX ON t USING btree (v);
  CREATE INDEX ON t USING hash (v);
  SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;
  EXECUTE format('SELECT count(*) FROM t WHERE v >= %L::%s', vals[2], typ) INTO got;
  RETURN NEXT is(got::bigint, cnt, typ || ': btree index range scan equals a sequential scan');
  RETURN NEXT ok(pg_temp.plan_of(format('SELECT count(*) FROM t WHERE v = %L::%s', vals[n], typ)) ~ 'Index',
                 typ || ': equality uses an index');
  EXECUTE format('SELECT count(*) FROM t WHERE v = %L::%s', vals[n], typ) INTO got;
  RESET enable_seqscan; RESET enable_bitmapscan;
  EXECUTE format('SELECT count(*) FROM t WHERE v = %L::%s', vals[n], typ) INTO cnt;
  RETURN NEXT is(got::bigint, cnt, typ || ': index equality equals a sequential scan');

  -- Extended hash with seed 0 agrees with the 32-bit hash in its low bits;
  -- other seeds differ; the type can be a hash partition key.
  EXECUTE format('SELECT bool_and((%1$s_hash_extended(v, 0) & 4294967295) = (%1$s_hash(v)::bigint & 4294967295))
                  AND bool_and(%1$s_hash_extended(v, 0) <> %1$s_hash_extended(v, 42))
                  FROM unnest($1::%1$s[]) v', typ) USING vals INTO got;
  RETURN NEXT is(got, 'true', typ || ': extended hash with seed 0 matches the standard hash');
  EXECUTE format('CREATE TEMP TABLE p(v %s) PARTITION BY HASH (v)', typ);
  CREATE TEMP TABLE p0 PARTITION OF p FOR VALUES WITH (MODULUS 2, REMAINDER 0);
  CREATE TEMP TABLE p1 PARTITION OF p FOR VALUES WITH (MODULUS 2, REMAINDER 1);
  INSERT INTO p SELECT v FROM t WHERE v IS NOT NULL;
  RETURN NEXT is((SELECT count(*) FROM p), 1000::bigint, typ || ': hash partitioned by the type');
  EXECUTE format('SELECT count(*) FROM p WHERE v = %L::%s', vals[1], typ) INTO got;
  RETURN NEXT is(got::bigint, (SELECT count(*) FROM t WHERE v = (SELECT min(v) FROM t)), typ || ': partition pruning finds the rows');

  DROP TABLE t, t2, p;
END
$f$;

SELECT pg_temp.ordinal_checks(typ, spelling) FROM vals;

SELECT * FROM finish();
ROLLBACK;
